"""The GeoPackage store: layers, re-import, selection, round trip, QGIS/GDAL can read it."""

import json
import sqlite3

import pytest

from soest_qgis_plugin.citymodel.model import GROUND, ROOF, WALL, part_of
from soest_qgis_plugin.citymodel.store import BUILDING_COLUMNS, CityModelStore, import_files
from tests.citymodel import gen


def test_store_layers_open_in_qgis(store):
    from qgis.core import QgsVectorLayer, QgsWkbTypes

    buildings = QgsVectorLayer(f"{store}|layername=buildings", "b", "ogr")
    assert buildings.isValid()
    assert buildings.featureCount() == 30
    assert buildings.crs().authid() == "EPSG:25832"
    assert QgsWkbTypes.flatType(buildings.wkbType()) == QgsWkbTypes.Type.MultiPolygon
    names = buildings.fields().names()
    for name in ("gml_id", "tile", "function_label", "roof_type_label", "measured_height", "address", "volume"):
        assert name in names
    feature = next(buildings.getFeatures())
    assert feature["function_label"] == "Wohnhaus"
    assert feature["address"] == "Marktstraße 1, 59494 Soest"
    assert feature.geometry().area() == pytest.approx(80.0)
    surfaces = QgsVectorLayer(f"{store}|layername=surfaces", "s", "ogr")
    assert surfaces.isValid() and surfaces.featureCount() == 30 * 6
    assert QgsWkbTypes.hasZ(surfaces.wkbType())
    zs = [v.z() for f in surfaces.getFeatures() for v in f.geometry().vertices()]
    assert min(zs) == pytest.approx(gen.Z0)
    # the spatial index works for GDAL as well
    request_rect = buildings.extent()
    assert request_rect.xMinimum() == pytest.approx(gen.E0)


def test_gdal_reads_the_store(store):
    from osgeo import ogr

    ds = ogr.Open(str(store))
    layer = ds.GetLayerByName("buildings")
    assert layer.GetFeatureCount() == 30
    layer.SetSpatialFilterRect(gen.E0 - 1, gen.N0 - 1, gen.E0 + 11, gen.N0 + 9)
    assert layer.GetFeatureCount() == 1
    assert ds.GetLayerByName("surfaces").GetGeomType() == ogr.wkbPolygon25D


def test_reimport_replaces_never_duplicates(tmp_path, tile):
    path = tmp_path / "s.gpkg"
    first = import_files(tile, path)
    second = import_files(tile, path)
    assert first.buildings == second.buildings == 30
    assert second.replaced == 30
    with CityModelStore(path) as store:
        assert store.count() == 30
        assert len(store.sources()) == 1
        rtree = store.connection.execute("SELECT count(*) FROM rtree_buildings_geom").fetchone()[0]
        assert rtree == 30
        surfaces = store.connection.execute("SELECT count(*) FROM surfaces").fetchone()[0]
        assert surfaces == 180
    # a smaller new version of the tile replaces the old one completely
    gen.write_tile(tile, 10)
    third = import_files(tile, path)
    assert third.total_in_store == 10


def test_more_tiles_accumulate(tmp_path, tiles):
    path = tmp_path / "s.gpkg"
    summary = import_files(tiles, path)
    assert summary.buildings == 75 and summary.files == 3
    with CityModelStore(path) as store:
        assert [s["count"] for s in store.sources()] == [25, 25, 25]
        assert store.sources()[0]["imported_at"]


def test_select_ids(store):
    with CityModelStore(store) as s:
        every = s.building_ids()
        assert len(every) == 30
        # first grid cell is 10 x 8 m at (E0, N0)
        assert s.select_ids(extent=(gen.E0 + 1, gen.N0 + 1, gen.E0 + 2, gen.N0 + 2)) == ["DENW_T00000"]
        assert s.select_ids(mask_wkt=f"POINT({gen.E0 + 15} {gen.N0 + 4})") == []
        near = s.select_ids(mask_wkt=f"POINT({gen.E0 + 15} {gen.N0 + 4})", buffer=6)
        assert near == ["DENW_T00000", "DENW_T00001"]
        tall = s.select_ids(where="measured_height >= 10")
        assert tall and all(r["measured_height"] >= 10 for r in s.buildings_table(tall))
        both = s.select_ids(extent=(gen.E0, gen.N0, gen.E0 + 100, gen.N0 + 10), where="house_number = '3'")
        assert both == ["DENW_T00002"]


def test_iter_buildings_round_trip(tmp_path):
    path = tmp_path / "t.gml"
    path.write_text(
        gen.citygml([gen.building_xml("B1", parts=[("P1", 10, 0, 5, 8, 9)]), gen.building_xml("B2", x0=gen.E0 + 40)]),
        encoding="utf-8",
    )
    store_path = tmp_path / "s.gpkg"
    import_files(path, store_path)
    with CityModelStore(store_path) as store:
        b1, b2 = list(store.iter_buildings())
        assert [b.gml_id for b in store.iter_buildings(["B2"])] == ["B2"]
        assert list(store.iter_buildings(["nope"])) == []
        assert b1.part_ids == ["P1"]
        assert {part_of(s) for s in b1.surfaces} == {"", "P1"}
        assert {s.semantic for s in b1.surfaces} == {GROUND, WALL, ROOF}
        assert b1.surfaces[0].rings[0].shape == (4, 3)
        assert b1.attributes["function_label"] == "Wohnhaus"
        assert b1.attributes["function"] == "31001_1010"
        assert b1.attributes["volume"] == pytest.approx(480 + 5 * 8 * 9)
        assert b1.original.startswith('<bldg:Building gml:id="B1">')
        assert b1.crs == store.crs() == "EPSG:25832"
        assert store.namespaces()["bldg"] == "http://www.opengis.net/citygml/building/1.0"
        assert store.header().startswith("<core:CityModel")
        assert store.header("B2") == store.header()


def test_reprojection_to_25832(tmp_path):
    doc = gen.cityjson_doc(1, with_part=False)
    # same building given in UTM 33 coordinates: the store moves it into zone 32
    doc["metadata"]["referenceSystem"] = "https://www.opengis.net/def/crs/EPSG/0/25833"
    path = tmp_path / "u33.city.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    store_path = tmp_path / "s.gpkg"
    summary = import_files(path, store_path)
    assert summary.buildings == 1
    with CityModelStore(store_path) as store:
        row = store.buildings_table()[0]
        assert row["source_crs"] == "EPSG:25833"
        from pyproj import Transformer

        x, y = Transformer.from_crs("EPSG:25833", "EPSG:25832", always_xy=True).transform(gen.E0 + 100, gen.N0 + 100)
        xmin, ymin, xmax, ymax = store.extent()
        assert xmin == pytest.approx(x, abs=1.0) and ymin == pytest.approx(y, abs=1.0)
        assert row["ground_z"] == pytest.approx(gen.Z0)  # heights unchanged


def test_not_a_store(tmp_path):
    from soest_qgis_plugin.common.errors import StoreError

    bad = tmp_path / "x.gpkg"
    bad.write_text("hello")
    with pytest.raises(StoreError):
        CityModelStore(bad)
    with pytest.raises(StoreError):
        CityModelStore(tmp_path / "missing.gpkg")
    other = tmp_path / "other.gpkg"
    sqlite3.connect(other).execute("CREATE TABLE t (a)").connection.close()
    with pytest.raises(StoreError):
        CityModelStore(other)


def test_all_building_fields_exist(store):
    with CityModelStore(store) as s:
        columns = [row[1] for row in s.connection.execute("PRAGMA table_info(buildings)")]
    required = [
        "gml_id", "tile", "source_file", "function_code", "function_label", "roof_type_code", "roof_type_label",
        "measured_height", "storeys", "street", "house_number", "postal_code", "locality", "address",
        "year_of_construction", "data_source", "footprint_area", "roof_area", "wall_area", "volume", "ground_z",
        "min_z", "max_z",
    ]  # fmt: skip
    assert all(name in columns for name in required)
    assert set(BUILDING_COLUMNS) <= set(columns)


def test_store_is_editable_in_qgis_and_keeps_its_index(store):
    """QGIS/GDAL edit through the GeoPackage rtree triggers the store created."""
    from qgis.core import QgsGeometry, QgsVectorLayer

    layer = QgsVectorLayer(f"{store}|layername=buildings", "b", "ogr")
    feature = next(layer.getFeatures("\"gml_id\" = 'DENW_T00000'"))
    assert layer.startEditing()
    moved = QgsGeometry.fromWkt(
        f"MultiPolygon((({gen.E0 + 500} {gen.N0}, {gen.E0 + 510} {gen.N0}, {gen.E0 + 510} {gen.N0 + 8}, "
        f"{gen.E0 + 500} {gen.N0 + 8}, {gen.E0 + 500} {gen.N0})))"
    )
    assert layer.changeGeometry(feature.id(), moved)
    assert layer.changeAttributeValue(feature.id(), layer.fields().indexOf("street"), "Neue Straße")
    assert layer.commitChanges(), layer.commitErrors()
    with CityModelStore(store) as s:
        assert s.select_ids(extent=(gen.E0 + 501, gen.N0 + 1, gen.E0 + 502, gen.N0 + 2)) == ["DENW_T00000"]
        assert s.select_ids(extent=(gen.E0 + 1, gen.N0 + 1, gen.E0 + 2, gen.N0 + 2)) == []
        assert s.buildings_table(["DENW_T00000"])[0]["street"] == "Neue Straße"


def test_progress_is_reported_up_to_100(tmp_path, tiles):
    from soest_qgis_plugin.common.feedback import CollectingFeedback

    feedback = CollectingFeedback()
    import_files(tiles, tmp_path / "s.gpkg", feedback=feedback)
    assert len(feedback.progress) >= 3
    assert feedback.progress == sorted(feedback.progress)
    assert feedback.progress[-1] == pytest.approx(100.0)
