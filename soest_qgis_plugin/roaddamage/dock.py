"""Straßenschäden dock: thin GUI layer on the road damage core."""

from ..common.dock import SoestDock
from ..common.i18n import tr


class RoadDamageDock(SoestDock):
    OBJECT_NAME = "SoestRoadDamageDock"

    def __init__(self, iface, parent=None):
        super().__init__(iface, tr("Road damage"), parent)
        self.add_intro(tr("Detect road damage in survey drive photos and review it."))
        self.body.addStretch(1)
