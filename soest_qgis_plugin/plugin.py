"""The plugin class: docks, menu, toolbar, Processing provider and shortcuts.

``unload()`` undoes every registration of ``initGui()`` one for one.
"""

from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMenu

from .common import deps
from .common.i18n import install_translator, remove_translator, tr
from .common.paths import icon_path
from .processing.provider import SoestProvider


def _dock_specs():
    """(dock class, icon file, default shortcut) of each panel, imported lazily."""
    from .citymodel.dock import CityModelDock
    from .roaddamage.dock import RoadDamageDock
    from .shuttle.dock import ShuttleDock

    return [
        (CityModelDock, "citymodel.svg", "Ctrl+Alt+1"),
        (RoadDamageDock, "roaddamage.svg", "Ctrl+Alt+2"),
        (ShuttleDock, "shuttle.svg", "Ctrl+Alt+3"),
    ]


class SoestPlugin:
    MENU_OBJECT_NAME = "SoestMenu"
    TOOLBAR_OBJECT_NAME = "SoestToolbar"

    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.menu = None
        self.toolbar = None
        self.docks = []
        self.actions = []
        self.shortcut_actions = []
        self.print_action = None

    # Processing ---------------------------------------------------------------------------
    def initProcessing(self):  # noqa: N802 - QGIS API
        if self.provider is None:
            provider = SoestProvider()
            # addProvider refuses a second provider with the same id; then it is not ours to remove.
            if QgsApplication.processingRegistry().addProvider(provider):
                self.provider = provider

    # GUI ----------------------------------------------------------------------------------
    def initGui(self):  # noqa: N802 - QGIS API
        install_translator()
        self.initProcessing()
        self._create_menu_and_toolbar()
        for dock_class, icon, shortcut in _dock_specs():
            self._add_dock(dock_class, icon, shortcut)
        self._add_print_action()
        self._report_missing_dependencies()

    def _create_menu_and_toolbar(self):
        main_window = self.iface.mainWindow()
        self.menu = QMenu(tr("Soest"), main_window)
        self.menu.setObjectName(self.MENU_OBJECT_NAME)
        menu_bar = main_window.menuBar()
        help_menu = self.iface.helpMenu()
        if isinstance(help_menu, QMenu):  # keep "Help" the last menu, as QGIS users expect
            menu_bar.insertMenu(help_menu.menuAction(), self.menu)
        else:
            menu_bar.addMenu(self.menu)
        self.toolbar = self.iface.addToolBar(tr("Soest"))
        self.toolbar.setObjectName(self.TOOLBAR_OBJECT_NAME)

    def _add_dock(self, dock_class, icon, shortcut):
        dock = dock_class(self.iface, self.iface.mainWindow())
        dock.add_print_button()
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
        action = dock.toggleViewAction()
        action.setIcon(QIcon(icon_path(icon)))
        action.setObjectName(dock.objectName() + "Action")
        self.menu.addAction(action)
        self.toolbar.addAction(action)
        self._register_shortcut(action, shortcut)
        self.docks.append(dock)
        self.actions.append(action)
        return dock

    def _add_print_action(self):
        action = QAction(QIcon(icon_path("print.svg")), tr("Print map…"), self.iface.mainWindow())
        action.setObjectName("SoestPrintMapAction")
        action.triggered.connect(self.open_print_dialog)
        self.menu.addSeparator()
        self.add_action(action, "Ctrl+Alt+P")
        self.print_action = action

    def open_print_dialog(self, _checked=False, title=None):
        from .printing.dialog import open_print_dialog

        return open_print_dialog(self.iface, self.iface.mainWindow(), preset_title=title)

    def _register_shortcut(self, action, shortcut):
        # Registered with QGIS so users can rebind it under Settings > Keyboard Shortcuts.
        if self.iface.registerMainWindowAction(action, shortcut):
            self.shortcut_actions.append(action)

    def add_action(self, action, shortcut=None):
        """Add an extra action (e.g. "Karte drucken") to menu and toolbar; unload removes it."""
        self.menu.addAction(action)
        self.toolbar.addAction(action)
        if shortcut:
            self._register_shortcut(action, shortcut)
        self.actions.append(action)

    def _report_missing_dependencies(self):
        message = deps.missing_message(deps.missing_dependencies())
        if message:
            self.iface.messageBar().pushMessage("Soest", message, level=Qgis.MessageLevel.Warning, duration=0)

    # Unload -------------------------------------------------------------------------------
    def unload(self):
        for action in self.shortcut_actions:
            self.iface.unregisterMainWindowAction(action)
        self.shortcut_actions = []
        for action in self.actions:
            if self.menu is not None:
                self.menu.removeAction(action)
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
        self.actions = []
        if self.print_action is not None:
            self.print_action.deleteLater()
            self.print_action = None
        for dock in self.docks:
            if hasattr(dock, "cleanup"):  # docks with their own shortcuts or map tools undo them
                dock.cleanup()
            self.iface.removeDockWidget(dock)
            dock.close()
            dock.deleteLater()
        self.docks = []
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.menu is not None:
            self.iface.mainWindow().menuBar().removeAction(self.menu.menuAction())
            self.menu.deleteLater()
            self.menu = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator()
