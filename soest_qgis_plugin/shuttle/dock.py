"""Shuttle & Barrierefreiheit dock: thin GUI layer on the shuttle core."""

from ..common.dock import SoestDock
from ..common.i18n import tr


class ShuttleDock(SoestDock):
    OBJECT_NAME = "SoestShuttleDock"

    def __init__(self, iface, parent=None):
        super().__init__(iface, tr("Shuttle & accessibility"), parent)
        self.add_intro(tr("Overlay shuttle routes with accessibility data and find the gaps."))
        self.body.addStretch(1)
