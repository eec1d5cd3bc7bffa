"""soest:import_citymodel through Processing and through qgis_process (public batch interface)."""

import subprocess

import pytest

from soest_qgis_plugin.citymodel.store import CityModelStore
from tests.citymodel import gen


def run(parameters):
    import processing
    from qgis.core import QgsProcessingFeedback

    class Feedback(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.lines = []

        def pushWarning(self, text):  # noqa: N802
            self.lines.append(text)

        def pushInfo(self, text):  # noqa: N802
            self.lines.append(text)

    feedback = Feedback()
    result = processing.run("soest:import_citymodel", parameters, feedback=feedback)
    return result, feedback


def test_algorithms_listed(soest_provider):
    from qgis.core import QgsApplication

    algorithm = QgsApplication.processingRegistry().algorithmById("soest:import_citymodel")
    assert algorithm is not None
    assert [p.name() for p in algorithm.parameterDefinitions()] == ["INPUT", "OUTPUT"]
    from soest_qgis_plugin.citymodel.algorithms import algorithms

    names = [a.name() for a in algorithms()]
    assert names[0] == "import_citymodel"
    assert "export_citymodel" in names  # the export engineer's module is picked up


def test_import_file_and_folder(tmp_path, soest_provider, tile, tiles):
    out = tmp_path / "store.gpkg"
    result, feedback = run({"INPUT": str(tile), "OUTPUT": str(out)})
    assert result["OUTPUT"] == str(out)
    assert result["BUILDINGS"] == 30 and result["PROBLEMS"] == 0
    assert any("30 buildings imported" in line for line in feedback.lines)
    result, _ = run({"INPUT": str(tiles), "OUTPUT": str(out)})
    assert result["BUILDINGS"] == 75
    with CityModelStore(out) as store:
        assert store.count() == 105


def test_problems_go_to_the_log(tmp_path, soest_provider, tile):
    (tile.parent / "zero.gml").write_bytes(b"")
    out = tmp_path / "store.gpkg"
    result, feedback = run({"INPUT": str(tile.parent), "OUTPUT": str(out)})
    assert result["BUILDINGS"] == 30 and result["PROBLEMS"] >= 1
    assert any("zero.gml" in line and "empty" in line for line in feedback.lines)


def test_missing_input_fails_cleanly(tmp_path, soest_provider):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException):
        run({"INPUT": str(tmp_path / "nothing.gml"), "OUTPUT": str(tmp_path / "s.gpkg")})
    assert not (tmp_path / "s.gpkg").exists()


def test_real_tiles(tmp_path, soest_provider, shared_fixtures):
    out = tmp_path / "nrw.gpkg"
    result, _ = run({"INPUT": str(shared_fixtures / "citygml"), "OUTPUT": str(out)})
    assert result["BUILDINGS"] == 18 + 4 + 1 + 1
    with CityModelStore(out) as store:
        labels = {row["function_label"] for row in store.buildings_table()}
        assert {"Garage", "Reithalle", "Überdachung"} <= labels


def test_qgis_process_headless_import(tmp_path, qgis_process_bin, request, tiles):
    from tests.conftest import qgis_env

    home = request.getfixturevalue("qgis_process_home")
    out = tmp_path / "headless.gpkg"
    completed = subprocess.run(
        [qgis_process_bin, "run", "soest:import_citymodel", "--", f"INPUT={tiles}", f"OUTPUT={out}"],
        env=qgis_env(home),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "BUILDINGS:\t75" in completed.stdout or "75" in completed.stdout
    with CityModelStore(out) as store:
        assert store.count() == 75
    again = gen.write_tile(tiles / "LoD2_32_430_5713_1_NW.gml", 5)
    completed = subprocess.run(
        [qgis_process_bin, "run", "soest:import_citymodel", "--", f"INPUT={again}", f"OUTPUT={out}"],
        env=qgis_env(home),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr
    with CityModelStore(out) as store:
        assert store.count() == 55  # the tile of 25 was replaced by its 5-building version
