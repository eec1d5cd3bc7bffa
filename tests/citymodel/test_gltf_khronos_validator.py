"""glTF/GLB exports checked by the Khronos glTF validator, the reference validator of glTF 2.0.

tools/gltf_validator.py installs the pinned npm package ``gltf-validator`` into .cache/node
(make setup does; the fixture below does when it is missing). Where node, npm or the registry
are missing the tests skip and say why. Each export must give no error and no warning, and the
validator's own triangle count must be the exporter's.
"""

import pytest

from soest_qgis_plugin.citymodel.export import export_buildings, export_selection
from soest_qgis_plugin.citymodel.readers import iter_buildings
from soest_qgis_plugin.citymodel.store import import_files
from tests.citymodel.conftest_export import E0, N0, REAL_TILE, read_fixture_buildings, town, with_part, write_dem
from tools import gltf_validator


@pytest.fixture(scope="module")
def khronos():
    try:
        gltf_validator.ensure()
    except gltf_validator.UnavailableError as error:
        pytest.skip(str(error))
    return gltf_validator.validate


def assert_valid(report, summary):
    issues = report["issues"]
    assert issues["numErrors"] == 0 and issues["numWarnings"] == 0, issues["messages"][:5]
    assert report["info"]["totalTriangleCount"] == summary["triangles"] > 0


@pytest.mark.parametrize("name", ["stadt.glb", "stadt.gltf"])
def test_town_with_parts_and_courtyards_is_valid(tmp_path, khronos, name):
    out = tmp_path / name
    summary = export_buildings(town(12) + [with_part("DENW_PART")], out)
    report = khronos(out)
    assert_valid(report, summary)
    assert report["info"]["resources"][0]["storage"] == ("glb" if name.endswith(".glb") else "data-uri")


def test_local_origin_with_terrain_is_valid(tmp_path, khronos):
    dem = write_dem(tmp_path / "dgm1.tif", E0 - 100, N0 - 100, E0 + 300, N0 + 300)
    out = tmp_path / "gelaende.glb"
    summary = export_buildings(town(6), out, {"local_origin": True, "terrain": str(dem), "terrain_max_cells": 500})
    assert_valid(khronos(out), summary)
    assert summary["triangles"] > export_buildings(town(6), tmp_path / "ohne.glb")["triangles"]


def test_real_nrw_tile_is_valid(tmp_path, khronos, shared_fixtures):
    buildings, log = read_fixture_buildings(shared_fixtures / "citygml" / REAL_TILE)
    assert len(buildings) == 18 and not log.problems
    out = tmp_path / "nrw.glb"
    summary = export_buildings(buildings, out, {"local_origin": True})
    assert_valid(khronos(out), summary)


def test_real_cityjson_source_is_valid(tmp_path, khronos, shared_fixtures):
    buildings = list(iter_buildings([str(shared_fixtures / "cityjson" / "DH_01_subs.city.json")]))
    out = tmp_path / "dh.glb"
    summary = export_buildings(buildings, out, {"local_origin": True})
    assert_valid(khronos(out), summary)


def test_store_export_of_the_real_fixtures_is_valid(tmp_path, khronos, shared_fixtures):
    """Real CityGML and CityJSON through the store, exported as ``export_selection`` does it."""
    store = tmp_path / "stadt.gpkg"
    sources = sorted((shared_fixtures / "citygml").glob("*.gml")) + [shared_fixtures / "cityjson" / "delft_1b.json"]
    imported = import_files(sources, store)
    out = tmp_path / "auswahl.glb"
    summary = export_selection(store, None, out, {"local_origin": True})
    assert summary["buildings"] == imported.buildings > 20
    assert_valid(khronos(out), summary)


def test_processing_export_with_target_crs_is_valid(tmp_path, khronos, shared_fixtures, soest_provider):
    """The public batch interface: ``soest:export_citymodel`` to .glb in EPSG:4647 with local origin."""
    import processing

    store = tmp_path / "soest.gpkg"
    import_files([shared_fixtures / "citygml" / REAL_TILE], store)
    out = tmp_path / "lokal.glb"
    params = {"INPUT": str(store), "OUTPUT": str(out), "LOCAL_ORIGIN": True, "TARGET_CRS": "EPSG:4647"}
    result = processing.run("soest:export_citymodel", params)
    assert result["BUILDINGS"] == 18
    report = khronos(out)
    assert report["issues"]["numErrors"] == 0 and report["issues"]["numWarnings"] == 0, report["issues"]["messages"]
    assert report["info"]["totalTriangleCount"] > 0


def test_the_validator_finds_a_broken_file(tmp_path, khronos):
    """So that a pass above means something: a GLB cut short by 8 bytes is an error."""
    out = tmp_path / "stadt.glb"
    export_buildings(town(2), out)
    broken = tmp_path / "kaputt.glb"
    broken.write_bytes(out.read_bytes()[:-8])
    issues = khronos(broken)["issues"]
    assert issues["numErrors"] >= 1
    assert "GLB_UNEXPECTED_END_OF_CHUNK_DATA" in {message["code"] for message in issues["messages"]}
