"""The whole demo pipeline at a small scale: raw data → stores (through the plugin core) → project."""

import zipfile

import pytest


@pytest.fixture(scope="module")
def small_demo(demo_out):
    from tools.demo_data import citygml, drive, terrain
    from tools.demo_data.streets import MARKT

    out = demo_out["out"]
    x, y = MARKT
    terrain.generate(out, bounds=(x - 1200, y - 1200, x + 1200, y + 900))
    citygml.generate(out / "citygml", count=150, tiles=[(438, 5713)])
    drive.generate(out / "drive", count=6)
    return out


@pytest.fixture(scope="module")
def built(small_demo, qgis_app):
    from tools.demo_data import project

    results = {
        "citymodel": project.build_citymodel_store(small_demo),
        "damage": project.build_damage_store(small_demo),
        "shuttle": project.build_shuttle_analysis(small_demo),
        "project": project.build_project(small_demo),
    }
    return small_demo, results


def test_stores_are_built_by_the_plugin_core(built):
    out, results = built
    for name in ("citymodel.gpkg", "strassenschaeden.gpkg", "shuttle.gpkg"):
        assert (out / name).stat().st_size > 0, name
    assert results["project"]["layers"] >= 10


def test_project_has_german_layers_in_utm32_with_relative_paths(built, qgis_app):
    from qgis.core import QgsProject

    out, _ = built
    project = QgsProject.instance()
    project.clear()
    assert project.read(str(out / "soest-demo.qgz"))
    assert project.crs().authid() == "EPSG:25832"
    names = {layer.name() for layer in project.mapLayers().values()}
    for expected in ("Gebäude (LoD2)", "Straßen und Wege", "Haltestellen", "Straßenschäden", "Hindernisse"):
        assert expected in names
    assert all(layer.isValid() for layer in project.mapLayers().values())
    groups = [group.name() for group in project.layerTreeRoot().children()]
    assert groups == ["Straßenschäden", "Shuttle", "Barrierefreiheit", "Grundlagen"]
    with zipfile.ZipFile(out / "soest-demo.qgz") as archive:
        qgs = next(name for name in archive.namelist() if name.endswith(".qgs"))
        text = archive.read(qgs).decode("utf-8")
    assert str(out) not in text  # relative paths: the folder can be moved
    project.clear()


def test_panels_open_the_demo_data(built, qgis_iface, qtbot, monkeypatch):
    """What `make run` and `make screenshots` show: every panel filled from the demo data."""
    from qgis.core import QgsApplication

    from soest_qgis_plugin.citymodel.dock import CityModelDock
    from soest_qgis_plugin.roaddamage.dock import RoadDamageDock
    from soest_qgis_plugin.shuttle.dock import ShuttleDock

    out, _ = built
    monkeypatch.setattr(qgis_iface, "registerMainWindowAction", lambda *a: True, raising=False)
    monkeypatch.setattr(qgis_iface, "unregisterMainWindowAction", lambda *a: True, raising=False)
    city = CityModelDock(qgis_iface)
    qtbot.addWidget(city)
    city.load_demo(str(out))
    assert city.store_path.endswith("citymodel.gpkg") and city.layer.featureCount() > 0
    damage = RoadDamageDock(qgis_iface)
    qtbot.addWidget(damage)
    damage.load_demo(str(out))
    assert damage.queue is not None
    damage.cleanup()
    shuttle = ShuttleDock(qgis_iface)
    qtbot.addWidget(shuttle)
    shuttle.load_demo(str(out), output=str(out / "shuttle_dock.gpkg"))
    qtbot.waitUntil(lambda: QgsApplication.taskManager().countActiveTasks() == 0, timeout=120000)
    qtbot.waitUntil(lambda: (out / "shuttle_dock.gpkg").exists(), timeout=10000)
    assert shuttle.report_input() == str(out / "shuttle_dock.gpkg")


def test_make_run_headless_path_runs_every_panel_job(built, tmp_path, capsys):
    """`make run` without a display: the plugin's algorithms through qgis_process on the demo data."""
    from tools import run_headless

    out = tmp_path / "demo-output"
    code = run_headless.main(["--data", str(built[0]), "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert printed.count("✔") == len(run_headless.jobs(built[0], out))
    for name in ("stadtmodell.gpkg", "markt.glb", "markt_3d_druck.stl", "strassenschaeden.gpkg", "schaeden.xlsx"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "karte_altstadt_a3.pdf").read_bytes()[:4] == b"%PDF"
    assert (out / "haltestellen_steckbriefe.pdf").read_bytes()[:4] == b"%PDF"
