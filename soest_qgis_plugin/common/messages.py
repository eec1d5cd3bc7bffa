"""Show results and errors in QGIS's message bar (used by docks; the core never shows anything)."""

from qgis.core import Qgis

from .errors import Cancelled, SoestError
from .i18n import tr

TITLE = "Soest"


def show_error(iface, error, duration=0):
    if isinstance(error, Cancelled):
        iface.messageBar().pushMessage(TITLE, str(error), level=Qgis.MessageLevel.Info, duration=5)
        return
    text = str(error) if isinstance(error, SoestError) else tr("Unexpected error: {error}").format(error=error)
    iface.messageBar().pushMessage(TITLE, text, level=Qgis.MessageLevel.Critical, duration=duration)


def show_success(iface, text, duration=8):
    iface.messageBar().pushMessage(TITLE, text, level=Qgis.MessageLevel.Success, duration=duration)


def show_warning(iface, text, duration=15):
    iface.messageBar().pushMessage(TITLE, text, level=Qgis.MessageLevel.Warning, duration=duration)
