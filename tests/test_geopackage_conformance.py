"""The GeoPackages the plugin writes itself pass GDAL's GeoPackage validator.

``osgeo_utils.samples.validate_gpkg`` (Debian's python3-gdal) checks the requirements of the OGC
GeoPackage standard; here with its extra checks, and with its warnings counted as errors.
"""

import sqlite3

import pytest

from soest_qgis_plugin.citymodel.export import export_selection
from soest_qgis_plugin.citymodel.store import import_files
from soest_qgis_plugin.roaddamage.store import DamageStore
from tests.citymodel.gen import cityjson_doc, write_tile

validate_gpkg = pytest.importorskip("osgeo_utils.samples.validate_gpkg")


def problems(path):
    """[(requirement, text)] of every violation; [] for a valid GeoPackage."""
    return validate_gpkg.check(str(path), abort_at_first_error=False, extra_checks=True, warning_as_error=True)


@pytest.fixture
def city_store(tmp_path):
    import json

    tile = tmp_path / "LoD2_32_437_5714_1_NW.gml"
    write_tile(tile, 12)
    cityjson = tmp_path / "teile.city.json"
    cityjson.write_text(json.dumps(cityjson_doc(3)), encoding="utf-8")
    store = tmp_path / "stadtmodell.gpkg"
    summary = import_files([tile, cityjson], store)
    assert summary.buildings == 15 and not summary.problems
    return store, tile


def test_city_model_store_is_valid(city_store):
    store, _tile = city_store
    assert problems(store) == []


def test_city_model_store_stays_valid_when_a_tile_is_imported_again(city_store):
    store, tile = city_store
    summary = import_files([tile], store)
    assert summary.replaced == 12
    assert problems(store) == []


def test_city_model_store_of_the_real_fixtures_is_valid(tmp_path, shared_fixtures):
    store = tmp_path / "echt.gpkg"
    import_files([shared_fixtures / "citygml", shared_fixtures / "cityjson"], store)
    assert problems(store) == []


def test_footprint_export_is_valid(tmp_path, city_store):
    store, _tile = city_store
    out = tmp_path / "grundrisse.gpkg"
    assert export_selection(store, None, out)["buildings"] == 15
    assert problems(out) == []


def test_damage_store_is_valid(tmp_path):
    path = tmp_path / "strassenschaeden.gpkg"
    with DamageStore.create(path) as store:
        store.add_drive("Fahrt 1", "folder")
    assert problems(path) == []


def test_an_older_damage_store_loses_its_invalid_meta_entry_when_opened_for_review(tmp_path):
    """Stores made before 2026-11-28 listed the private table ``meta`` (TEXT key) as attributes."""
    path = tmp_path / "alt.gpkg"
    DamageStore.create(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES ('meta', 'attributes', 'meta')"
        )
    assert [code for code, _text in problems(path)] == [119]
    DamageStore.open(path, readonly=True).close()  # reading never writes
    assert [code for code, _text in problems(path)] == [119]
    with DamageStore.open(path) as store:
        assert store.schema_version() >= 1
    assert problems(path) == []


def test_demo_data_geopackages_are_valid(tmp_path):
    from tools.demo_data import gpkg

    path = tmp_path / "demo.gpkg"
    gpkg.write(path, [("halte", "point", [("name", "str")], [((437_000.0, 5_714_000.0), {"name": "Markt"})])])
    assert problems(path) == []


def test_the_validator_finds_a_broken_geopackage(tmp_path, city_store):
    """So that a pass above means something."""
    store, _tile = city_store
    with sqlite3.connect(store) as conn:
        conn.execute("UPDATE gpkg_contents SET last_change = '28.11.2026' WHERE table_name = 'buildings'")
    assert 15 in [code for code, _text in problems(store)]
