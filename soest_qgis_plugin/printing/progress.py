"""Progress dialog of the main-thread exports (GUI layer): a modal QProgressDialog with "Abbrechen".

QGIS layouts are rendered on the main thread (project layers, OpenGL for the 3D views), as QGIS's
own layout export does; like it, we show a progress dialog and let Qt process events between the
pages, so the window repaints and a click on "Abbrechen" is seen. The core export functions get a
``ProgressFeedback`` (a ``QgsProcessingFeedback``): its progress drives the dialog, the cancel
button cancels it, and the core's ``raise_if_canceled`` then stops the export (the atomic writes
leave no file behind).

    with export_progress(parent, tr("Creating the report…")) as feedback:
        print_report(..., feedback=feedback)
"""

import contextlib

from qgis.core import QgsProcessingFeedback
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QApplication, QProgressDialog

from ..common.i18n import tr

OBJECT_NAME = "SoestPrintProgress"


class ProgressFeedback(QgsProcessingFeedback):
    """Feedback wired to a QProgressDialog: progressChanged -> value, "Abbrechen" -> cancel().

    ``show_step(text)`` (called by the core through ``export.report_step``) shows a second line
    under the heading, e.g. "Seite 12 von 140". Warnings are kept in ``warnings`` for the caller.
    """

    def __init__(self, dialog, heading):
        super().__init__()
        self.dialog = dialog
        self.heading = heading
        self.warnings = []
        self.progressChanged.connect(self._show_progress)
        dialog.canceled.connect(self.cancel)

    def _show_progress(self, percent):
        if self.dialog.maximum() == 0:  # busy indicator until the first real progress
            self.dialog.setRange(0, 100)
        self.dialog.setValue(max(0, min(100, int(round(percent)))))
        QApplication.processEvents()

    def show_step(self, text):
        self.dialog.setLabelText(f"{self.heading}\n{text}" if text else self.heading)
        QApplication.processEvents()

    def isCanceled(self):  # noqa: N802 - QGIS API
        # A click on "Abbrechen" during a long render waits in the event queue: look at it first.
        QApplication.processEvents()
        if self.dialog.wasCanceled() and not super().isCanceled():
            self.cancel()
        return super().isCanceled()

    def pushWarning(self, text):  # noqa: N802 - QGIS API
        self.warnings.append(text)
        super().pushWarning(text)


def progress_dialog(parent, heading, title=None):
    """The modal dialog: heading, busy bar (0..0 until progress arrives) and "Abbrechen"."""
    dialog = QProgressDialog(heading, tr("Cancel"), 0, 0, parent)
    dialog.setObjectName(OBJECT_NAME)
    dialog.setWindowTitle(title or tr("Print"))
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    return dialog


@contextlib.contextmanager
def export_progress(parent, heading, title=None):
    """Show the progress dialog while the block runs; yields its ``ProgressFeedback``.

    The dialog closes when the block ends (also on errors and on cancel; the core then raises
    ``Cancelled``, which the caller reports as a short info).
    """
    dialog = progress_dialog(parent, heading, title)
    feedback = ProgressFeedback(dialog, heading)
    dialog.show()
    QApplication.processEvents()
    try:
        yield feedback
    finally:
        dialog.canceled.disconnect(feedback.cancel)
        dialog.hide()
        dialog.deleteLater()
