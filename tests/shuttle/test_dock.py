"""The dock: inputs → CoreTask → tables, plot and styled layers. Screenshots go to /tmp for a look."""

import pytest
from qgis.core import QgsProject

from soest_qgis_plugin.shuttle.stopcheck import CRITERIA


@pytest.fixture
def dock(qgis_iface, qtbot):
    from soest_qgis_plugin.shuttle.dock import ShuttleDock

    widget = ShuttleDock(qgis_iface)
    qtbot.addWidget(widget)
    widget.resize(460, 1150)
    yield widget
    QgsProject.instance().clear()


def fill(dock, data, out):
    dock.routes_file.setFilePath(data["gtfs_zip"])
    dock.network_file.setFilePath(data["network"])
    dock.survey_file.setFilePath(data["survey"])
    dock.dem_file.setFilePath(data["dem"])
    dock.output_file.setFilePath(str(out))


def test_run_fills_tables_plot_and_layers(dock, shuttle_data, tmp_path, qtbot, qgis_iface):
    from qgis.core import QgsVectorLayer

    buildings = QgsVectorLayer(shuttle_data["buildings"] + "|layername=buildings", "Gebäude", "ogr")
    QgsProject.instance().addMapLayer(buildings)
    fill(dock, shuttle_data, tmp_path / "dock.gpkg")
    dock.buildings_layer.setLayer(buildings)
    task = dock.run()
    assert task is not None
    qtbot.waitUntil(lambda: dock.summary is not None, timeout=120000)
    assert (tmp_path / "dock.gpkg").exists()
    assert dock.stop_table.rowCount() == 6
    assert dock.stop_table.columnCount() == 2 + len(CRITERIA)
    grades = {dock.stop_table.item(r, 0).text(): dock.stop_table.item(r, 1).text() for r in range(6)}
    assert grades["Feldmühlenweg"] == "D" and grades["Bahnhof"] == "A"
    assert dock.gap_table.rowCount() >= 3
    assert "Feldmühlenweg" in dock.gap_table.item(0, 1).text()
    assert dock.profile_combo.count() == 2
    assert dock._canvas is not None
    names = {layer.name() for layer in QgsProject.instance().mapLayers().values()}
    assert {"Stop check", "Shuttle routes", "Catchments", "Gap list", "Obstacles", "Crossings"} <= names
    stops = QgsProject.instance().mapLayersByName("Stop check")[0]
    assert stops.renderer().type() == "categorizedSymbol"
    assert "Grade" in stops.mapTipTemplate()
    count = len(QgsProject.instance().mapLayers())
    dock.load_layers(str(tmp_path / "dock.gpkg"), shuttle_data["survey"])  # a second run replaces the layers
    assert len(QgsProject.instance().mapLayers()) == count
    point = dock._zoom_to_row("gaps", 0)
    assert point is not None
    assert qgis_iface.mapCanvas().extent().contains(point)
    for index, name in enumerate(("stops", "gaps", "coverage", "profile")):
        dock.tabs.setCurrentIndex(index)
        qtbot.wait(50)
        dock.grab().save(f"/tmp/shuttle_dock_{name}.png")


def test_missing_output_is_reported(dock, shuttle_data, qgis_iface, monkeypatch):
    shown = []
    monkeypatch.setattr("soest_qgis_plugin.shuttle.dock.show_error", lambda iface, error: shown.append(str(error)))
    dock.routes_file.setFilePath(shuttle_data["gtfs"])
    assert dock.run() is None
    assert shown and "GeoPackage" in shown[0]


def test_incomplete_feed_error_shown_and_nothing_written(dock, tmp_path, qtbot, monkeypatch):
    from . import synth

    shown = []
    monkeypatch.setattr("soest_qgis_plugin.shuttle.dock.show_error", lambda iface, error: shown.append(str(error)))
    folder = synth.write_gtfs(str(tmp_path / "bad"), drop=("trips.txt",))
    dock.routes_file.setFilePath(folder)
    dock.output_file.setFilePath(str(tmp_path / "bad.gpkg"))
    dock.run()
    qtbot.waitUntil(lambda: bool(shown), timeout=60000)
    assert "trips.txt" in shown[0]
    assert not (tmp_path / "bad.gpkg").exists()
    assert dock.run_button.isEnabled()


def test_german_dock(shuttle_german, qgis_iface, qtbot):
    from soest_qgis_plugin.shuttle.dock import ShuttleDock

    dock = ShuttleDock(qgis_iface)
    qtbot.addWidget(dock)
    assert dock.run_button.text() == "Analyse starten"
    assert dock.tabs.tabText(1) == "Lückenliste"
    assert dock.profile_boxes["wheelchair"].text() == "Rollstuhl"
    dock.resize(520, 1100)
    dock.grab().save("/tmp/shuttle_dock_german.png")
