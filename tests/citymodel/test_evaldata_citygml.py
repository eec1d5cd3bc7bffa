"""City model import on real public CityGML files in ../shared/evaldata/citygml (see its SOURCES.md).

Expected numbers are counted from the files themselves with lxml (independent of the reader):
buildings = ``bldg:Building`` children of the top-level cityObjectMembers, heights from the
``posList`` z values of the thematic surfaces.
"""

import json
import math
import sqlite3

import numpy as np
import pytest
from lxml import etree

from soest_qgis_plugin.citymodel.crs import Reprojector, parse_srs
from soest_qgis_plugin.citymodel.readers import ReadLog, citygml
from soest_qgis_plugin.citymodel.store import CityModelStore, import_files

GML_ID = "{http://www.opengis.net/gml}id"


def top_level_buildings(path):
    root = etree.parse(str(path)).getroot()
    return [
        obj
        for member in root
        if isinstance(member.tag, str) and etree.QName(member).localname in ("cityObjectMember", "featureMember")
        for obj in member
        if isinstance(obj.tag, str) and etree.QName(obj).localname == "Building"
    ]


def surface_z_range(building):
    """min/max z of the polygons under boundedBy (1.0/2.0) or boundary (3.0), straight from the XML."""
    values = []
    for holder in building.iter("{*}boundedBy", "{*}boundary"):
        for pos_list in holder.iter("{*}posList"):
            values.append(np.array(pos_list.text.split(), dtype=float).reshape(-1, 3)[:, 2])
    values = np.concatenate(values)
    return float(values.min()), float(values.max())


def rows(store, sql, params=()):
    return store.connection.execute(sql, params).fetchall()


def building(store, gml_id):
    row = store.buildings_table([gml_id])
    assert len(row) == 1, gml_id
    return row[0]


def surface_z(store, gml_id):
    """min/max z of the stored surfaces of one building (PolygonZ blobs)."""
    from soest_qgis_plugin.citymodel.store import polygon_rings

    zs = [
        ring[:, 2]
        for (blob,) in rows(store, "SELECT geom FROM surfaces WHERE gml_id = ?", (gml_id,))
        for ring in polygon_rings(blob)
    ]
    zs = np.concatenate(zs)
    return float(zs.min()), float(zs.max())


def no_nan_anywhere(path):
    connection = sqlite3.connect(str(path))
    try:
        for table in ("gpkg_contents", "sources", "buildings", "citymodel_meta"):
            for row in connection.execute(f"SELECT * FROM {table}"):  # noqa: S608 - fixed names
                for value in row:
                    if isinstance(value, float):
                        assert math.isfinite(value), (table, row)
                    if isinstance(value, str) and table != "sources":
                        assert "nan" not in value.lower().split(), (table, row)
    finally:
        connection.close()


# --------------------------------------------------------------------------- NRW (CityGML 1.0, AdV)
NRW_COUNTS = {
    "LoD2_32_324_5730_1_NW": 0,
    "LoD2_32_341_5724_1_NW": 1,
    "LoD2_32_329_5731_1_NW": 4,
    "LoD2_32_331_5726_1_NW": 18,
    "LoD2_32_328_5733_1_NW": 63,
    "LoD2_32_326_5727_1_NW": 194,
}


@pytest.fixture(scope="module")
def nrw_store(shared_evaldata, tmp_path_factory):
    out = tmp_path_factory.mktemp("nrw") / "nrw.gpkg"
    summary = import_files(shared_evaldata / "citygml" / "nrw_lod2", out)
    return summary, out


def test_nrw_counts_match_the_files(nrw_store, shared_evaldata):
    summary, out = nrw_store
    folder = shared_evaldata / "citygml" / "nrw_lod2"
    counted = {path.stem: len(top_level_buildings(path)) for path in sorted(folder.glob("*.gml"))}
    assert counted == NRW_COUNTS  # the reference numbers, counted independently
    assert summary.buildings == sum(NRW_COUNTS.values()) == 280 and summary.skipped == 0
    assert not [p for p in summary.problems if p.skipped]
    with CityModelStore(out) as store:
        sources = {s["tile"]: s for s in store.sources()}
        assert {tile: s["count"] for tile, s in sources.items()} == NRW_COUNTS
        assert {s["crs"] for s in sources.values()} == {"EPSG:25832"}
        assert {s["version"] for s in sources.values()} == {"1.0"}
        assert store.count() == 280


def test_nrw_empty_tile_is_a_note_without_nan(nrw_store, shared_evaldata, tmp_path):
    summary, out = nrw_store
    empty = [n for n in summary.notes if n.file.endswith("LoD2_32_324_5730_1_NW.gml")]
    assert len(empty) == 1 and "no buildings in this file" in empty[0].reason
    assert "Notes:" in summary.text() and "LoD2_32_324_5730_1_NW.gml" in summary.text()
    assert not [p for p in summary.problems if "324_5730" in p.file]  # a note, not a problem
    no_nan_anywhere(out)
    # Alone: 0 buildings, a valid store, extent NULL (not NaN).
    alone = import_files(shared_evaldata / "citygml" / "nrw_lod2" / "LoD2_32_324_5730_1_NW.gml", tmp_path / "e.gpkg")
    assert alone.buildings == 0 and alone.files_ok == 1 and not alone.problems and len(alone.notes) == 1
    with CityModelStore(tmp_path / "e.gpkg") as store:
        assert store.count() == 0 and store.extent() is None
        assert [s["count"] for s in store.sources()] == [0]
    no_nan_anywhere(tmp_path / "e.gpkg")


def test_nrw_known_building(nrw_store, shared_evaldata):
    _, out = nrw_store
    xml = next(
        b
        for b in top_level_buildings(shared_evaldata / "citygml" / "nrw_lod2" / "LoD2_32_329_5731_1_NW.gml")
        if b.get(GML_ID) == "DENW34AL0000rD80"
    )
    low, high = surface_z_range(xml)
    with CityModelStore(out) as store:
        row = building(store, "DENW34AL0000rD80")
        assert row["function_code"] == "31001_2728" and row["function_label"] == "Reithalle"
        assert row["roof_type_code"] == "3100" and row["measured_height"] == pytest.approx(9.158)
        assert row["address"] == "Böckersche Straße 19, Wesel" and row["lod"] == 2
        assert row["source_crs"] == "EPSG:25832"
        assert json.loads(row["attributes"])["Gemeindeschluessel"].startswith("05170")
        # Absolute heights (DHHN2016) kept, not made relative.
        assert surface_z(store, "DENW34AL0000rD80") == pytest.approx((low, high), abs=1e-3)
        assert row["max_z"] == pytest.approx(high, abs=1e-3) and 20 < low < 22
        xmin, ymin, xmax, ymax = store.extent()
        assert 324_000 < xmin < xmax < 342_000 and 5_724_000 < ymin < ymax < 5_734_000


def test_nrw_building_parts_folded_in(nrw_store):
    _, out = nrw_store
    with CityModelStore(out) as store:
        row = building(store, "DENW34AL0000hGGi")
        assert set(json.loads(row["part_ids"])) == {
            "UUID_78aa0e9f-6c2e-46a1-ac79-32c40cf89f57",
            "GUID_5463258097945130296_41",
            "GUID_5463258097945130296_42",
        }
        parts = rows(
            store, "SELECT DISTINCT part_id FROM surfaces WHERE gml_id = ? AND part_id IS NOT NULL", (row["gml_id"],)
        )
        assert len(parts) >= 2
        types = {t for (t,) in rows(store, "SELECT DISTINCT surface_type FROM surfaces")}
        assert types == {"RoofSurface", "WallSurface", "GroundSurface", "ClosureSurface"}


# --------------------------------------------------------------------------- Berlin (EPSG:25833)
def test_berlin_25833_detected_and_transformed(shared_evaldata, tmp_path):
    folder = shared_evaldata / "citygml" / "berlin_3d"
    counted = {path.stem: len(top_level_buildings(path)) for path in sorted(folder.glob("*.gml"))}
    assert counted == {"3880_5819": 3, "3890_5819": 40, "DEB_LOD2_UUID_cda3726a-7346-4ba8-a393-90964d0c8697": 1}
    summary = import_files(folder, tmp_path / "b.gpkg")
    assert summary.buildings == 44 and summary.skipped == 0 and not summary.problems
    deb = folder / "DEB_LOD2_UUID_cda3726a-7346-4ba8-a393-90964d0c8697.gml"
    # The reader keeps the file's coordinates (UTM33) and tells the CRS and the height datum.
    log = ReadLog()
    (read,) = list(citygml.read(deb, log))
    info = log.files[str(deb)]
    assert info.crs == "EPSG:25833" and info.vertical == "DHHN92" and read.crs == "EPSG:25833"
    points = np.vstack([ring for surface in read.surfaces for ring in surface.rings])
    assert points[:, 0].min() == pytest.approx(391306.733) and points[:, 1].max() == pytest.approx(5821727.363)
    with CityModelStore(tmp_path / "b.gpkg") as store:
        assert {s["tile"]: s["crs"] for s in store.sources()} == dict.fromkeys(counted, "EPSG:25833")
        row = building(store, read.gml_id)
        assert row["source_crs"] == "EPSG:25833" and row["roof_type_code"] == "1000"
        assert row["measured_height"] == pytest.approx(26.385) and row["locality"] == "Berlin"
        attributes = json.loads(row["attributes"])
        assert attributes["HoeheDach"] == "68.900" and attributes["EIG_KL_PV"] == 3
        assert attributes["height_reference"] == "DHHN92"
        # Stored in the store's EPSG:25832, heights unchanged.
        assert surface_z(store, read.gml_id) == pytest.approx(surface_z_range(top_level_buildings(deb)[0]))
        expected = Reprojector(25833)(points)
        (minx, miny, maxx, maxy) = rows(
            store,
            "SELECT minx, miny, maxx, maxy FROM rtree_buildings_geom WHERE id = "
            "(SELECT fid FROM buildings WHERE gml_id = ?)",
            (read.gml_id,),
        )[0]
        # (the rtree holds float32 values rounded outwards: within a metre)
        assert minx == pytest.approx(expected[:, 0].min(), abs=1.0) and maxy == pytest.approx(
            expected[:, 1].max(), abs=1.0
        )
        assert 790_000 < minx < 800_000  # Berlin lies east of UTM zone 32
        textured = building(store, "BLDG_0003000f00246227")  # appearance with missing textures: ignored
        assert textured["lod"] == 2 and textured["roof_area"] > 0


# --------------------------------------------------------------------------- CRS names
@pytest.mark.parametrize(
    ("name", "epsg", "vertical"),
    [
        ("urn:ogc:def:crs,crs:EPSG:6.12:3068,crs:EPSG:6.12:5783", 3068, "DHHN92"),
        ("urn:ogc:def:crs,crs:EPSG::25832,crs:EPSG::5783", 25832, "DHHN92"),
        ("urn:ogc:def:crs,crs:EPSG:6.12:25833,crs:EPSG:6.12:5783", 25833, "DHHN92"),
        ("urn:adv:crs:ETRS89_UTM32*DE_DHHN2016_NH*GCG2016", 25832, "DHHN2016"),
        ("urn:adv:crs:DE_DHDN_3GK4*DE_DHHN92_NH", 31468, "DHHN92"),
        ("http://www.opengis.net/def/crs/EPSG/0/6697", 6697, ""),
    ],
)
def test_srs_names_of_the_eval_files(name, epsg, vertical):
    srs = parse_srs(name)
    assert srs.epsg == epsg and srs.vertical == vertical


def test_lat_lon_axis_order_of_epsg_6697():
    reproject = Reprojector(6697)  # JGD2011 + height: horizontal part 6668, latitude first
    assert reproject.source == 6668 and reproject.swap
    assert reproject.lon_lat((35.679, 139.718, 40.0)) == pytest.approx((139.718, 35.679))
    assert Reprojector(4258)(np.array([[51.57, 8.1, 100.0]]))[0] == pytest.approx([437624.9, 5713597.9, 100.0], abs=0.5)


# --------------------------------------------------------------------------- OGC examples
def test_plateau_lat_lon_file_reported_not_garbled(shared_evaldata, tmp_path):
    path = shared_evaldata / "citygml" / "ogc_citygml3_encodings" / "53394517_bldg_6697_2_op_CityGML2.gml"
    assert [b.get(GML_ID) for b in top_level_buildings(path)] == ["BLD_77ca1a15-3b35-4386-8f86-152ed71c4c64"]
    summary = import_files(path, tmp_path / "j.gpkg")
    assert summary.buildings == 0 and summary.skipped == 1
    (problem,) = [p for p in summary.problems if p.skipped]
    assert problem.gml_id == "BLD_77ca1a15-3b35-4386-8f86-152ed71c4c64" and problem.file == str(path)
    # lat/lon read in the right order: Tokyo, not a point in the ocean with swapped axes
    assert "139.7" in problem.reason and "35.6" in problem.reason and "EPSG:6697" in problem.reason
    with CityModelStore(tmp_path / "j.gpkg") as store:
        assert store.count() == 0 and store.sources()[0]["crs"] == "EPSG:6697"
    no_nan_anywhere(tmp_path / "j.gpkg")


def test_plateau_message_in_german(shared_evaldata, tmp_path, german):
    path = shared_evaldata / "citygml" / "ogc_citygml3_encodings" / "53394517_bldg_6697_2_op_CityGML2.gml"
    summary = import_files(path, tmp_path / "j.gpkg")
    assert "außerhalb des Gebiets" in summary.problems[0].reason and "EPSG:25832" in summary.problems[0].reason


def test_ogc_citygml2_examples(shared_evaldata, tmp_path):
    folder = shared_evaldata / "citygml" / "ogc_citygml3_encodings"
    summary = import_files(folder / "Building_LOD2-EPSG25832.gml", tmp_path / "a.gpkg")
    assert summary.buildings == 1 and not summary.problems
    with CityModelStore(tmp_path / "a.gpkg") as store:
        row = building(store, "GML_7b1a5a6f-ddad-4c3d-a507-3eb9ee0a8e68")
        assert (row["function_code"], row["roof_type_code"], row["measured_height"], row["storeys"]) == (
            "1000",
            "1030",
            5.0,
            1,
        )
        assert row["address"] == "Hermann-von-Helmholtz-Platz 1, 76344 Eggenstein-Leopoldshafen"
        assert row["source_crs"] == "EPSG:25832" and (row["min_z"], row["max_z"]) == (112.0, 117.0)
    summary = import_files(folder / "Building_and_garage_LOD2-EPSG25832.gml", tmp_path / "b.gpkg")
    assert summary.buildings == 1  # the garage is a BuildingPart of the house
    with CityModelStore(tmp_path / "b.gpkg") as store:
        row = building(store, "GML_7b1a5a6f-ddad-4c3d-a507-3eb9ee0a8e68")
        assert json.loads(row["part_ids"]) == ["GMLID_BUI379228_1244_301"] and row["function_code"] == "1000"
        # 5 own polygons; the shared wall is an OrientableSurface xlink to the house's wall (no geometry of its own)
        assert rows(store, "SELECT count(*) FROM surfaces WHERE part_id = 'GMLID_BUI379228_1244_301'")[0][0] == 5


def test_citygml3_real_bavarian_building(shared_evaldata, tmp_path):
    path = (
        shared_evaldata / "citygml" / "ogc_citygml3_encodings" / "Building_CityGML3.0_LOD2_with_several_attributes.gml"
    )
    (xml,) = top_level_buildings(path)
    summary = import_files(path, tmp_path / "s.gpkg")
    assert summary.buildings == 1 and not summary.problems
    with CityModelStore(tmp_path / "s.gpkg") as store:
        source = store.sources()[0]
        assert source["version"] == "3.0" and source["crs"] == "EPSG:31468"
        row = building(store, "DEBY_LOD2_5744682")
        assert row["function_code"] == "31001_9998" and row["roof_type_code"] == "3100"
        assert row["measured_height"] == pytest.approx(8.55)  # con:height/con:Height/con:value
        assert row["address"] == "Am Hang 15, 85665 Moosach"  # xAL 3
        # the address' lat/lon MultiPoint does not make the building EPSG:4326
        assert row["source_crs"] == "EPSG:31468"
        assert json.loads(row["attributes"])["Gemeindeschluessel"] == "09175128"
        assert surface_z(store, "DEBY_LOD2_5744682") == pytest.approx(surface_z_range(xml))
        counts = dict(rows(store, "SELECT surface_type, count(*) FROM surfaces GROUP BY 1"))
        assert counts == {"RoofSurface": 2, "WallSurface": 8, "GroundSurface": 1}
        xmin, ymin, _, _ = store.extent()
        assert 714_000 < xmin < 714_300 and 5_324_000 < ymin < 5_324_400  # GK4 -> UTM32, Moosach


# --------------------------------------------------------------------------- citygml4j samples
def test_citygml4j_fzk_buildings_v1_and_v3(shared_evaldata, tmp_path):
    folder = shared_evaldata / "citygml" / "citygml4j_samples"
    assert len(top_level_buildings(folder / "LOD2_Buildings_v100.gml")) == 100
    assert len(top_level_buildings(folder / "lod2_buildings_v3.gml")) == 100
    v1 = import_files(folder / "LOD2_Buildings_v100.gml", tmp_path / "v1.gpkg")
    assert v1.buildings == 100 and v1.skipped == 0
    assert [p.reason for p in v1.problems] == ["no reference system given: coordinates taken as EPSG:25832"]
    v3 = import_files(folder / "lod2_buildings_v3.gml", tmp_path / "v3.gpkg")
    assert v3.buildings == 100 and v3.skipped == 0 and not v3.problems
    gml_id = "FZK_GUID_1F3E679D-E226-4535-926C-7390977FB25A"
    for store_path in (tmp_path / "v1.gpkg", tmp_path / "v3.gpkg"):
        with CityModelStore(store_path) as store:
            row = building(store, gml_id)
            assert (row["roof_type_code"], row["storeys"], row["measured_height"]) == ("1030", 5, 11.0)
            assert row["year_of_construction"] == 1929 and row["lod"] == 2
            assert rows(store, "SELECT count(*) FROM surfaces")[0][0] == 700
            assert (row["min_z"], row["max_z"]) == (0.0, 11.0)
    with CityModelStore(tmp_path / "v3.gpkg") as store:
        assert store.sources()[0]["crs"] == "EPSG:3068"  # EPSG:3068+5783 -> horizontal part


def test_citygml4j_invalid_v3_id_reported_and_imported(shared_evaldata, tmp_path):
    path = shared_evaldata / "citygml" / "citygml4j_samples" / "invalid_building_v3.gml"
    summary = import_files(path, tmp_path / "s.gpkg")
    assert summary.buildings == 1
    note = next(p for p in summary.problems if p.gml_id == "1F3E679D-E226-4535-926C-7390977FB25A")
    assert "digit" in note.reason and not note.skipped and note.file == str(path)


def test_citygml4j_ade_surfaces_and_objects(shared_evaldata, tmp_path):
    path = shared_evaldata / "citygml" / "citygml4j_samples" / "lod2_test_ade_v2.gml"
    summary = import_files(path, tmp_path / "s.gpkg")
    assert summary.buildings == 1 and not summary.problems
    with CityModelStore(tmp_path / "s.gpkg") as store:
        counts = dict(rows(store, "SELECT surface_type, count(*) FROM surfaces GROUP BY 1"))
        # test:IndustrialBuildingRoofSurface (an ADE RoofSurface) counts as roof
        assert counts == {"GroundSurface": 1, "WallSurface": 4, "RoofSurface": 2}
        row = building(store, "UUID_2a80f5a0-1c75-4805-8623-ecbedbe10837")
        assert row["roof_area"] > 0 and row["max_z"] == 117.0 and row["address"] == "TestStreet 1, 01234 TestCity"


def test_citygml4j_lod4_building_takes_outer_shell_with_reason(shared_evaldata, tmp_path):
    path = shared_evaldata / "citygml" / "citygml4j_samples" / "lod4_building_v2.gml"
    summary = import_files(path, tmp_path / "s.gpkg")
    assert summary.buildings == 1
    (note,) = summary.problems
    assert "no LoD2 geometry" in note.reason and "LoD4" in note.reason and not note.skipped
    with CityModelStore(tmp_path / "s.gpkg") as store:
        row = building(store, "GML_7b1a5a6f-ddad-4c3d-a507-3eb9ee0a8e68")
        assert row["lod"] == 4 and (row["min_z"], row["max_z"]) == (112.0, 117.0)
        types = {t for (t,) in rows(store, "SELECT DISTINCT surface_type FROM surfaces")}
        assert types == {"GroundSurface", "WallSurface", "RoofSurface"}  # no room or furniture surfaces


def test_citygml4j_wrong_crs_reported_with_file_and_id(shared_evaldata, tmp_path):
    path = shared_evaldata / "citygml" / "citygml4j_samples" / "LOD2_SubsurfaceStructureADE_invalid_v100.gml"
    summary = import_files(path, tmp_path / "s.gpkg")
    # UTM-like coordinates labelled EPSG:31467 (GK zone 3 eastings start with 3 …): not put at x = -2,500 km
    assert summary.buildings == 0 and summary.skipped == 1
    problem = next(p for p in summary.problems if p.skipped)
    assert problem.gml_id == "1st-Building" and problem.file == str(path)
    assert "outside the area of EPSG:31467" in problem.reason
    no_nan_anywhere(tmp_path / "s.gpkg")


def test_placeholder_building_without_id(shared_evaldata, tmp_path):
    path = shared_evaldata / "citygml" / "citygml4j_samples" / "LOD2_Building_with_Placeholder_v200.gml"
    summary = import_files(path, tmp_path / "s.gpkg")  # ISO-8859-1, no gml:id on the building
    assert summary.buildings == 1
    assert any("without gml:id" in p.reason for p in summary.problems)
    with CityModelStore(tmp_path / "s.gpkg") as store:
        (row,) = store.buildings_table()
        assert row["gml_id"].startswith("LOD2_Building_with_Placeholder_v200.gml#")
        assert (row["min_z"], row["max_z"], row["footprint_area"]) == (0.0, 9.0, 72.0)


# --------------------------------------------------------------------------- through Processing
def test_processing_on_eval_files(shared_evaldata, tmp_path, soest_provider):
    import processing

    base = shared_evaldata / "citygml"
    out = tmp_path / "p.gpkg"
    result = processing.run(
        "soest:import_citymodel", {"INPUT": str(base / "nrw_lod2" / "LoD2_32_324_5730_1_NW.gml"), "OUTPUT": str(out)}
    )
    assert result["BUILDINGS"] == 0 and result["PROBLEMS"] == 0 and "no buildings in this file" in result["SUMMARY"]
    result = processing.run("soest:import_citymodel", {"INPUT": str(base / "berlin_3d"), "OUTPUT": str(out)})
    assert result["BUILDINGS"] == 44 and result["PROBLEMS"] == 0
    with CityModelStore(out) as store:
        assert store.count() == 44


def test_reprojector_transformers_are_made_once_per_thread():
    """Making a pyproj transformer costs ~25 ms: every import of a file in another CRS paid it
    (twice, with the area check). Now one per thread and CRS pair; threads never share one."""
    import threading

    first, second = Reprojector(4258), Reprojector(4258)
    assert first._transformer is second._transformer
    first.lon_lat((51.57, 8.1))
    second.lon_lat((51.57, 8.1))
    assert first._geographic is second._geographic
    made_elsewhere = []
    worker = threading.Thread(target=lambda: made_elsewhere.append(Reprojector(4258)))
    worker.start()
    worker.join()
    assert made_elsewhere[0]._transformer is not first._transformer
    point = np.array([[51.57, 8.1, 100.0]])
    assert made_elsewhere[0](point) == pytest.approx(first(point))
