"""Base class of the plugin's dock panels (GUI layer only)."""

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget


class SoestDock(QgsDockWidget):
    """A dock with a scrollable vertical layout; subclasses fill ``self.body``."""

    OBJECT_NAME = "SoestDock"
    # The standard report of this panel ("damage", "stop", "building"), None for none.
    REPORT = None

    def __init__(self, iface, title, parent=None):
        super().__init__(title, parent)
        self.iface = iface
        self.setObjectName(self.OBJECT_NAME)
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        # Wide enough for German labels beside their fields (tested at 380 px by the panels).
        self.setMinimumWidth(380)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        container = QWidget(scroll)
        self.body = QVBoxLayout(container)
        scroll.setWidget(container)
        self.setWidget(scroll)

    def add_print_button(self):
        """A "Karte drucken…" button at the bottom of the panel (the print dialog, titled after the panel)."""
        from qgis.PyQt.QtGui import QIcon
        from qgis.PyQt.QtWidgets import QPushButton

        from .i18n import tr
        from .paths import icon_path

        button = QPushButton(QIcon(icon_path("print.svg")), tr("Print map…"), self)
        button.setObjectName(self.objectName() + "PrintButton")
        button.clicked.connect(self.open_print_dialog)
        self.body.addWidget(button)
        self.print_button = button
        if self.REPORT:
            from ..printing.dialog import report_button

            self.report_button = report_button(
                self.iface, self.REPORT, self.report_input, self, filter_expression=self.report_filter
            )
            self.body.addWidget(self.report_button)
        return button

    def report_input(self):
        """Path of the store/result the panel's report is made from (None: nothing open yet)."""
        return None

    def report_filter(self):
        """Expression limiting the report's features (None: all)."""
        return None

    def open_print_dialog(self, _checked=False):
        from ..printing.dialog import open_print_dialog

        return open_print_dialog(self.iface, self, preset_title=self.windowTitle())

    def add_intro(self, text):
        label = QLabel(text, self)
        label.setWordWrap(True)
        self.body.addWidget(label)
        return label
