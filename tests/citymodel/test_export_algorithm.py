"""Exporting from a store: ``export_selection`` and ``processing.run("soest:export_citymodel", …)``."""

import json
import subprocess

import numpy as np
import pytest

from soest_qgis_plugin.citymodel.export import export_selection
from soest_qgis_plugin.common.errors import InputError
from tests.citymodel.conftest_export import write_dem

NRW_TILES = ("LoD2_32_329_5731_1_NW.gml", "LoD2_32_331_5726_1_NW.gml")  # 4 + 18 buildings


@pytest.fixture(scope="module")
def nrw_store(tmp_path_factory, shared_fixtures):
    store_module = pytest.importorskip("soest_qgis_plugin.citymodel.store")
    path = tmp_path_factory.mktemp("store") / "soest.gpkg"
    summary = store_module.import_files([str(shared_fixtures / "citygml" / t) for t in NRW_TILES], str(path))
    assert summary.imported == 22 if hasattr(summary, "imported") else True
    with store_module.CityModelStore(str(path)) as store:
        assert store.count() == 22
    return path


@pytest.fixture(scope="module")
def mixed_store(tmp_path_factory, shared_fixtures):
    store_module = pytest.importorskip("soest_qgis_plugin.citymodel.store")
    path = tmp_path_factory.mktemp("mixed") / "mixed.gpkg"
    store_module.import_files([str(shared_fixtures / "citygml")], str(path))
    return path


def _store(path):
    from soest_qgis_plugin.citymodel.store import CityModelStore

    return CityModelStore(str(path))


def _obj_groups(path):
    return [line[2:] for line in path.read_text().splitlines() if line.startswith("g ")]


def test_export_selection_all_and_some(tmp_path, nrw_store):
    with _store(nrw_store) as store:
        ids = store.building_ids()
    summary = export_selection(nrw_store, None, tmp_path / "alle.obj")
    assert summary["buildings"] == 22
    assert sorted(_obj_groups(tmp_path / "alle.obj")) == sorted(ids)
    some = ids[:5]
    export_selection(nrw_store, some, tmp_path / "fuenf.obj")
    assert _obj_groups(tmp_path / "fuenf.obj") == some


def test_export_selection_citygml_uses_the_source_namespaces(tmp_path, nrw_store):
    from lxml import etree

    with _store(nrw_store) as store:
        ids = store.building_ids()[:7]
        originals = {b.gml_id: b.original for b in store.iter_buildings(ids)}
    out = tmp_path / "auswahl.gml"
    summary = export_selection(nrw_store, ids, out)
    assert summary["buildings"] == 7
    text = out.read_text(encoding="utf-8")
    assert all(original in text for original in originals.values())
    root = etree.parse(str(out)).getroot()
    assert root.tag == "{http://www.opengis.net/citygml/1.0}CityModel"
    envelope = root.find("{http://www.opengis.net/gml}boundedBy/{http://www.opengis.net/gml}Envelope")
    assert envelope.get("srsName") == "urn:adv:crs:ETRS89_UTM32*DE_DHHN2016_NH*GCG2016"


def test_export_selection_refuses_mixed_citygml_versions(tmp_path, mixed_store):
    with pytest.raises(InputError):
        export_selection(mixed_store, None, tmp_path / "gemischt.gml")
    assert not (tmp_path / "gemischt.gml").exists()
    # One version at a time works.
    with _store(mixed_store) as store:
        nrw = [b.gml_id for b in store.iter_buildings() if "_NW" in b.source_file]
    assert export_selection(mixed_store, nrw, tmp_path / "nrw.gml")["buildings"] == len(nrw)


def test_export_selection_missing_store(tmp_path):
    with pytest.raises(InputError):
        export_selection(tmp_path / "nix.gpkg", None, tmp_path / "x.obj")
    with pytest.raises(InputError):
        export_selection(tmp_path / "nix.gpkg", None, tmp_path / "x.unknown")


# -- Processing -----------------------------------------------------------------------------


def _run(params):
    import processing

    return processing.run("soest:export_citymodel", params)


def test_algorithm_is_registered_with_its_public_parameters(soest_provider):
    from qgis.core import QgsApplication

    algorithm = QgsApplication.processingRegistry().algorithmById("soest:export_citymodel")
    assert algorithm is not None
    names = {p.name() for p in algorithm.parameterDefinitions()}
    assert {
        "INPUT",
        "OUTPUT",
        "EXTENT",
        "MASK",
        "BUFFER",
        "LOCAL_ORIGIN",
        "TARGET_CRS",
        "TERRAIN",
        "PRINT_SCALE",
        "BASE_THICKNESS",
    } <= names


def test_algorithm_exports_everything_without_selection(tmp_path, nrw_store, soest_provider):
    out = tmp_path / "alle.city.json"
    result = _run({"INPUT": str(nrw_store), "OUTPUT": str(out)})
    assert result["OUTPUT"] == str(out) and result["BUILDINGS"] == 22
    doc = json.loads(out.read_text())
    assert sum(o["type"] == "Building" for o in doc["CityObjects"].values()) == 22


def test_algorithm_extent_selection(tmp_path, nrw_store, soest_provider):
    with _store(nrw_store) as store:
        xmin, ymin, xmax, ymax = store.extent()
        half = (xmin, ymin, (xmin + xmax) / 2, ymax)
        expected = store.select_ids(extent=half)
    assert 0 < len(expected) < 22
    out = tmp_path / "teil.obj"
    extent = f"{half[0]},{half[2]},{half[1]},{half[3]} [EPSG:25832]"
    result = _run({"INPUT": str(nrw_store), "OUTPUT": str(out), "EXTENT": extent})
    assert result["BUILDINGS"] == len(expected)
    assert sorted(_obj_groups(out)) == sorted(expected)


def test_algorithm_mask_layer_with_buffer(tmp_path, nrw_store, soest_provider):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    with _store(nrw_store) as store:
        target = store.building_ids()[3]
        footprint = store.footprint(target)
        point = footprint.representative_point()
        mask_wkt = point.buffer(1.0).wkt
        expected_small = store.select_ids(mask_wkt=mask_wkt)
        expected_big = store.select_ids(mask_wkt=mask_wkt, buffer=80.0)
    assert target in expected_small and len(expected_big) > len(expected_small)
    layer = QgsVectorLayer("Polygon?crs=EPSG:25832", "flurstueck", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt(mask_wkt))
    layer.dataProvider().addFeatures([feature])
    out = tmp_path / "umgebung.gpkg"
    result = _run({"INPUT": str(nrw_store), "OUTPUT": str(out), "MASK": layer, "BUFFER": 80.0})
    assert result["BUILDINGS"] == len(expected_big)
    from qgis.core import QgsVectorLayer as Layer

    exported = Layer(f"{out}|layername=footprints", "x", "ogr")
    assert sorted(f["gml_id"] for f in exported.getFeatures()) == sorted(expected_big)


def test_algorithm_local_origin_and_target_crs(tmp_path, nrw_store, soest_provider):
    out = tmp_path / "lokal.glb"
    _run({"INPUT": str(nrw_store), "OUTPUT": str(out), "LOCAL_ORIGIN": True, "TARGET_CRS": "EPSG:4647"})
    sidecar = json.loads((tmp_path / "lokal.glb.origin.json").read_text())
    assert sidecar["crs"] == "EPSG:4647" and sidecar["offset"][0] > 32_000_000


def test_algorithm_3d_print_with_terrain(tmp_path, nrw_store, soest_provider):
    trimesh = pytest.importorskip("trimesh")
    with _store(nrw_store) as store:
        xmin, ymin, xmax, ymax = store.extent()
        ids = store.building_ids()
        tile = [b.gml_id for b in store.iter_buildings(ids) if "331_5726" in b.source_file]
        grounds = [b.vertices()[:, 2].min() for b in store.iter_buildings(tile)]
        tile_extent = store.select_ids(extent=None, where="tile = 'LoD2_32_331_5726_1_NW'")
    assert sorted(tile_extent) == sorted(tile)
    with _store(nrw_store) as store:
        bounds = np.array([b.vertices() for b in store.iter_buildings(tile)], dtype=object)
    pts = np.vstack(list(bounds))
    dem = write_dem(
        tmp_path / "dgm1.tif",
        pts[:, 0].min() - 100,
        pts[:, 1].min() - 100,
        pts[:, 0].max() + 100,
        pts[:, 1].max() + 100,
        base=float(min(grounds)) - 1.0,
        slope=0.01,
    )
    out = tmp_path / "druck.stl"
    extent = f"{pts[:, 0].min()},{pts[:, 0].max()},{pts[:, 1].min()},{pts[:, 1].max()} [EPSG:25832]"
    result = _run(
        {
            "INPUT": str(nrw_store),
            "OUTPUT": str(out),
            "EXTENT": extent,
            "PRINT_SCALE": 1000,
            "BASE_THICKNESS": 3.0,
            "TERRAIN": str(dem),
        }
    )
    assert result["BUILDINGS"] >= len(tile)
    mesh = trimesh.load(str(out))
    assert mesh.is_watertight and mesh.is_volume
    assert mesh.bounds[0][2] == pytest.approx(-3.0, abs=1e-3)


def test_algorithm_errors_are_processing_errors(tmp_path, nrw_store, soest_provider):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException):
        _run({"INPUT": str(nrw_store), "OUTPUT": str(tmp_path / "x.xyz")})
    with pytest.raises(QgsProcessingException):
        _run({"INPUT": str(nrw_store), "OUTPUT": str(tmp_path / "x.obj"), "EXTENT": "0,1,0,1 [EPSG:25832]"})
    with pytest.raises(QgsProcessingException):
        _run({"INPUT": str(nrw_store), "OUTPUT": str(tmp_path / "x.obj"), "PRINT_SCALE": 1000})
    assert not list(tmp_path.iterdir())


def test_qgis_process_headless_export(tmp_path, nrw_store, qgis_process_bin, request):
    from tests.conftest import qgis_env

    home = request.getfixturevalue("qgis_process_home")
    # OBJ needs no optional package (qgis_process runs on the system Python, without the venv).
    out = tmp_path / "headless.obj"
    run = subprocess.run(
        [qgis_process_bin, "run", "soest:export_citymodel", "--", f"INPUT={nrw_store}", f"OUTPUT={out}"],
        env=qgis_env(home),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert len(_obj_groups(out)) == 22
    assert (tmp_path / "headless.mtl").exists()


def test_export_selection_progress_and_cancel(tmp_path, nrw_store):
    from soest_qgis_plugin.common.errors import Cancelled
    from soest_qgis_plugin.common.feedback import CollectingFeedback

    feedback = CollectingFeedback()
    export_selection(nrw_store, None, tmp_path / "x.obj", None, feedback)
    assert feedback.progress == sorted(feedback.progress) and feedback.progress[-1] == 100.0
    with pytest.raises(Cancelled):
        export_selection(nrw_store, None, tmp_path / "y.obj", None, CollectingFeedback(cancel_after=5))
    assert not (tmp_path / "y.obj").exists() and not (tmp_path / "y.mtl").exists()


@pytest.mark.parametrize("name", ["same.obj", "same.city.json", "same.stl"])
def test_streamed_store_export_equals_the_in_memory_export(tmp_path, nrw_store, name):
    from soest_qgis_plugin.citymodel.export import StoreSelection, export_buildings

    with _store(nrw_store) as store:
        ids = store.building_ids()[2:15]
        buildings = list(store.iter_buildings(ids))
    selection = StoreSelection(nrw_store, ids)
    assert len(selection) == 13
    from soest_qgis_plugin.citymodel import mesh as meshlib

    assert selection.bounds == pytest.approx(meshlib.bounds_of([b.vertices() for b in buildings]))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    export_selection(nrw_store, ids, tmp_path / "a" / name, {"local_origin": True})
    export_buildings(buildings, tmp_path / "b" / name, {"local_origin": True})
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
