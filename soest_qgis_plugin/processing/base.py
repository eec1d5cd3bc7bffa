"""Shared base of the plugin's Processing algorithms: translation, grouping, errors."""

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException

from ..common.errors import SoestError
from ..common.i18n import tr


class SoestAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set NAME, DISPLAY_NAME, GROUP, GROUP_ID, HELP and implement process()."""

    NAME = ""
    DISPLAY_NAME = ""
    GROUP = ""
    GROUP_ID = ""
    HELP = ""

    def tr(self, text):
        return tr(text)

    def createInstance(self):  # noqa: N802 - QGIS API
        return type(self)()

    def name(self):
        return self.NAME

    def displayName(self):  # noqa: N802
        return tr(self.DISPLAY_NAME)

    def group(self):
        return tr(self.GROUP)

    def groupId(self):  # noqa: N802
        return self.GROUP_ID

    def shortHelpString(self):  # noqa: N802
        return tr(self.HELP)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        try:
            return self.process(parameters, context, feedback)
        except SoestError as error:
            message = str(error)
        # Processing shows QgsProcessingException's text in its log as a clear failure. Raised
        # outside the except block so no traceback keeps the core's QGIS objects (projects,
        # layouts) alive until after QGIS has shut down, which crashes the interpreter on exit.
        raise QgsProcessingException(message)

    def process(self, parameters, context, feedback):
        raise NotImplementedError
