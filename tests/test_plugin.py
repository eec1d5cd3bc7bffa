"""Plugin load/unload with pytest-qgis's fake iface."""

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QDockWidget, QMenu, QToolBar

from tests.shortcuts import ShortcutRegistry

DOCK_NAMES = {"SoestCityModelDock", "SoestRoadDamageDock", "SoestShuttleDock"}


@pytest.fixture
def iface(qgis_iface, qgis_processing, monkeypatch):
    # Start as QGIS does: no "soest" provider yet (other tests may have registered one).
    processing_registry = QgsApplication.processingRegistry()
    if processing_registry.providerById("soest") is not None:
        processing_registry.removeProvider("soest")
    registry = ShortcutRegistry()
    monkeypatch.setattr(qgis_iface, "registerMainWindowAction", registry.register, raising=False)
    monkeypatch.setattr(qgis_iface, "unregisterMainWindowAction", registry.unregister, raising=False)
    qgis_iface.shortcuts = registry
    yield qgis_iface
    del qgis_iface.shortcuts


def our_widgets(main_window):
    docks = {d.objectName() for d in main_window.findChildren(QDockWidget) if d.objectName() in DOCK_NAMES}
    menus = [m for m in main_window.menuBar().actions() if m.menu() and m.menu().objectName() == "SoestMenu"]
    toolbars = [t for t in main_window.findChildren(QToolBar) if t.objectName() == "SoestToolbar"]
    return docks, menus, toolbars


def test_load_registers_everything(iface, qgis_processing):
    from soest_qgis_plugin import classFactory

    plugin = classFactory(iface)
    plugin.initGui()
    try:
        docks, menus, toolbars = our_widgets(iface.mainWindow())
        assert docks == DOCK_NAMES
        assert len(menus) == 1 and len(toolbars) == 1
        assert len(menus[0].menu().actions()) >= 3
        assert QgsApplication.processingRegistry().providerById("soest") is not None
        assert len(iface.shortcuts.registered) >= 3
    finally:
        plugin.unload()


def test_unload_removes_everything_and_loads_twice(iface, qgis_processing, qtbot):
    from soest_qgis_plugin import classFactory

    for _ in range(2):
        plugin = classFactory(iface)
        plugin.initGui()
        plugin.unload()
        # deleteLater() runs on the next event loop turn, as in QGIS.
        qtbot.wait(10)
        QgsApplication.sendPostedEvents(None, 0)
        docks, menus, toolbars = our_widgets(iface.mainWindow())
        assert docks == set() and menus == [] and toolbars == []
        assert QgsApplication.processingRegistry().providerById("soest") is None
        assert iface.shortcuts.registered == {}


def test_menu_is_a_qmenu_in_the_menu_bar(iface, qgis_processing):
    from soest_qgis_plugin import classFactory

    plugin = classFactory(iface)
    plugin.initGui()
    try:
        assert isinstance(plugin.menu, QMenu)
        assert plugin.menu.menuAction() in iface.mainWindow().menuBar().actions()
    finally:
        plugin.unload()


def test_missing_optional_dependency_is_named_in_german(iface, qgis_processing, german, monkeypatch):
    from qgis.core import Qgis

    from soest_qgis_plugin import classFactory
    from soest_qgis_plugin.common import deps

    real = deps.is_available
    monkeypatch.setattr(deps, "is_available", lambda module: module != "onnxruntime" and real(module))
    bar = iface.messageBar()
    bar.clear_messages()
    plugin = classFactory(iface)
    plugin.initGui()
    try:
        warnings = " ".join(bar.get_messages(Qgis.MessageLevel.Warning))
        assert "pip install onnxruntime" in warnings
        assert "Erkennung von Straßenschäden" in warnings
        # The rest of the plugin still works: all docks and the provider are there.
        assert len(plugin.docks) == 3
        assert QgsApplication.processingRegistry().providerById("soest") is not None
    finally:
        plugin.unload()


def test_every_panel_has_print_and_its_report_button(iface, qgis_processing):
    from soest_qgis_plugin import classFactory

    plugin = classFactory(iface)
    plugin.initGui()
    try:
        reports = {dock.objectName(): getattr(dock, "report_button", None) for dock in plugin.docks}
        assert all(dock.print_button.parent() is not None for dock in plugin.docks)
        assert reports["SoestRoadDamageDock"].objectName() == "SoestReportButton_damage"
        assert reports["SoestShuttleDock"].objectName() == "SoestReportButton_stop"
        assert reports["SoestCityModelDock"].objectName() == "SoestReportButton_building"
        assert plugin.print_action in plugin.menu.actions()
    finally:
        plugin.unload()
