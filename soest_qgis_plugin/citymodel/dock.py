"""3D-Stadtmodell dock: thin GUI layer on the city model core."""

from ..common.dock import SoestDock
from ..common.i18n import tr


class CityModelDock(SoestDock):
    OBJECT_NAME = "SoestCityModelDock"

    def __init__(self, iface, parent=None):
        super().__init__(iface, tr("3D city model"), parent)
        self.add_intro(tr("Load the LoD2 city model (CityGML, CityJSON), find buildings and export them."))
        self.body.addStretch(1)
