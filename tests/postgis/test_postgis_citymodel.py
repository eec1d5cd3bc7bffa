"""The city model store in PostGIS: import (tile replace, all or nothing), reading, exports."""

import json

import numpy as np
import pytest

from soest_qgis_plugin.citymodel.store import CityModelStore, import_files
from soest_qgis_plugin.citymodel.store_postgis import (
    PostgisCityModelStore,
    export_from_postgis,
    import_files_postgis,
)
from soest_qgis_plugin.common.errors import Cancelled, StoreError
from soest_qgis_plugin.common.feedback import CollectingFeedback
from tests.citymodel import gen


@pytest.fixture
def tiles(tmp_path):
    a = gen.write_tile(tmp_path / "tile_a.gml", 30)
    b = gen.write_tile(tmp_path / "tile_b.gml", 20, start=30)
    return a, b


def test_postgis_citymodel_import_matches_geopackage(tiles, tmp_path, pg_dsn, pg_schema):
    summary = import_files_postgis(list(tiles), pg_dsn, pg_schema)
    assert summary.buildings == 50 and summary.total_in_store == 50
    import_files(list(tiles), tmp_path / "ref.gpkg")
    with PostgisCityModelStore(pg_dsn, pg_schema) as pg, CityModelStore(tmp_path / "ref.gpkg") as ref:
        assert pg.building_ids() == ref.building_ids()
        assert pg.buildings_table() == ref.buildings_table()
        assert pg.count() == 50
        assert np.allclose(pg.extent(), ref.extent())
        assert [s["tile"] for s in pg.sources()] == ["tile_a", "tile_b"]
        assert pg.headers().keys() == ref.headers().keys()
        assert pg.namespaces() == ref.namespaces()
        ids = ["DENW_T00003", "DENW_T00041"]
        for a, b in zip(pg.iter_buildings(ids), ref.iter_buildings(ids)):
            assert a.gml_id == b.gml_id and a.attributes == b.attributes and a.original == b.original
            assert [s.semantic for s in a.surfaces] == [s.semantic for s in b.surfaces]
            for sa, sb in zip(a.surfaces, b.surfaces):
                assert all(np.allclose(ra, rb) for ra, rb in zip(sa.rings, sb.rings))
                assert sa.rings[0][:, 2].min() >= gen.Z0 - 1e-6  # absolute heights kept
        extent = (gen.E0 - 1, gen.N0 - 1, gen.E0 + 45, gen.N0 + 5)
        assert pg.select_ids(extent=extent) == ref.select_ids(extent=extent)
        mask = f"POINT({gen.E0 + 65} {gen.N0 + 4})"
        assert pg.select_ids(mask_wkt=mask, buffer=12) == ref.select_ids(mask_wkt=mask, buffer=12)
        assert pg.select_ids(where="house_number = ?", params=("7",)) == ["DENW_T00006"]
        assert pg.distinct_values("function_label") == ref.distinct_values("function_label")
        assert pg.footprint("DENW_T00003").equals(ref.footprint("DENW_T00003"))
        with pytest.raises(StoreError):
            pg.distinct_values("gml_id; DROP TABLE buildings")


def test_postgis_citymodel_reimport_replaces_tile(tiles, tmp_path, pg_dsn, pg_schema):
    a, b = tiles
    import_files_postgis([a, b], pg_dsn, pg_schema)
    gen.write_tile(a, 12)  # the tile got smaller
    summary = import_files_postgis([a], pg_dsn, pg_schema)
    assert summary.replaced == 30
    with PostgisCityModelStore(pg_dsn, pg_schema) as pg:
        assert pg.count() == 32
        assert len(pg.buildings_table(columns=["gml_id"])) == 32
        assert pg._rows("SELECT count(*) FROM surfaces")[0][0] == 32 * 6
        assert pg._rows("SELECT count(*) FROM citymodel_originals")[0][0] == 32
        assert pg._rows("SELECT count(*) FROM sources")[0][0] == 2


def test_postgis_citymodel_duplicate_ids_from_other_tile_skipped(tiles, tmp_path, pg_dsn, pg_schema):
    a, b = tiles
    import_files_postgis([a], pg_dsn, pg_schema)
    dup = gen.write_tile(tmp_path / "tile_c.gml", 5, start=28)  # T00028, T00029 are in tile_a
    summary = import_files_postgis([dup], pg_dsn, pg_schema)
    assert summary.buildings == 3
    assert sum("duplicate gml:id" in p.reason for p in summary.problems) == 2
    with PostgisCityModelStore(pg_dsn, pg_schema) as pg:
        assert pg.count() == 33
        assert pg.buildings_table(["DENW_T00028"], ["tile"]) == [{"tile": "tile_a"}]


def test_postgis_citymodel_cancel_leaves_database_unchanged(tiles, pg_dsn, pg_schema):
    a, b = tiles
    import_files_postgis([a], pg_dsn, pg_schema)
    with pytest.raises(Cancelled):
        import_files_postgis([a, b], pg_dsn, pg_schema, feedback=CollectingFeedback(cancel_after=3))
    with PostgisCityModelStore(pg_dsn, pg_schema) as pg:
        assert pg.count() == 30


def test_postgis_citymodel_exports_from_database(tiles, tmp_path, pg_dsn, pg_schema):
    import_files_postgis(list(tiles), pg_dsn, pg_schema)
    ids = ["DENW_T00001", "DENW_T00002"]
    out = export_from_postgis(pg_dsn, ids, tmp_path / "out.city.json", pg_schema)
    assert out["buildings"] == 2
    doc = json.loads((tmp_path / "out.city.json").read_text())
    assert set(doc["CityObjects"]) >= set(ids)
    export_from_postgis(pg_dsn, ids, tmp_path / "out.gml", pg_schema)
    text = (tmp_path / "out.gml").read_text()
    assert 'gml:id="DENW_T00001"' in text and "DENW_T00003" not in text
    export_from_postgis(pg_dsn, None, tmp_path / "all.obj", pg_schema)
    assert (tmp_path / "all.obj").stat().st_size > 0


def test_postgis_citymodel_missing_schema_is_an_error(pg_dsn, pg_schema):
    with pytest.raises(StoreError, match="holds no city model"):
        PostgisCityModelStore(pg_dsn, pg_schema)
