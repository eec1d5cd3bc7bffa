"""Base class of the plugin's dock panels (GUI layer only)."""

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget


class SoestDock(QgsDockWidget):
    """A dock with a scrollable vertical layout; subclasses fill ``self.body``."""

    OBJECT_NAME = "SoestDock"

    def __init__(self, iface, title, parent=None):
        super().__init__(title, parent)
        self.iface = iface
        self.setObjectName(self.OBJECT_NAME)
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        container = QWidget(scroll)
        self.body = QVBoxLayout(container)
        scroll.setWidget(container)
        self.setWidget(scroll)

    def add_intro(self, text):
        label = QLabel(text, self)
        label.setWordWrap(True)
        self.body.addWidget(label)
        return label
