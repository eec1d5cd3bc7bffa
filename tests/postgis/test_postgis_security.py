"""Hostile names in inputs are stored as text, never executed or followed (GeoPackage and PostGIS)."""

import os
import zipfile

import pytest

from soest_qgis_plugin.citymodel.store import CityModelStore, import_files
from soest_qgis_plugin.citymodel.store_postgis import PostgisCityModelStore, import_files_postgis
from soest_qgis_plugin.common.errors import SoestError
from soest_qgis_plugin.roaddamage.review import ReviewQueue
from soest_qgis_plugin.roaddamage.store import DamageStore
from soest_qgis_plugin.roaddamage.store_postgis import PostgisDamageStore
from tests.citymodel import gen

HOSTILE = [
    "'); DROP TABLE damages; --",
    "x'; DELETE FROM audit WHERE '1'='1",
    'Robert"); DROP TABLE buildings;--',
    "back\\slash \\' \\\" %s %(name)s ?",
    "../../../../etc/passwd",
    "$$; DROP SCHEMA public CASCADE; $$",
    "Straße \u202e gnirts",
]


def _fill(store):
    with store.transaction():
        drive = store.add_drive(HOSTILE[0], HOSTILE[4])
        ids = []
        for i, name in enumerate(HOSTILE):
            frame = store.add_frame(
                drive,
                {
                    "seq": i,
                    "image": name + ".jpg",
                    "path": "../../" + name,
                    "easting": 430000.0 + i,
                    "northing": 5714000.0,
                },
            )
            box = {"class_id": 3, "class_name": name, "confidence": 0.5 + i / 100, "x1": 1, "y1": 2, "x2": 3, "y2": 4}
            dets = store.add_detections(drive, frame, name, [dict(box, easting=430000.0 + i, northing=5714000.0)])
            ids.append(
                store.add_damage(
                    drive,
                    {
                        "class_name": name,
                        "confidence": 0.5 + i / 100,
                        "easting": 430000.0 + i,
                        "northing": 5714000.0,
                        "street": name,
                        "key_detection": dets[0],
                        "detection_ids": dets,
                    },
                )
            )
        store.finish_drive(drive)
    return ids


def _check_damage_store(store, ids):
    for damage_id, name in zip(ids, HOSTILE):
        damage = store.damage(damage_id)
        assert damage["street"] == name and damage["class_name"] == name
        assert store.observations(damage_id)[0]["path"] == "../../" + name
        # filters with hostile values are bound parameters: exact matches only
        assert store.damage_ids(statuses=None, streets=[name]) == [damage_id]
        assert store.damage_ids(statuses=None, classes=[name]) == [damage_id]
    queue = ReviewQueue(store, who=HOSTILE[1])
    for name in HOSTILE:
        queue.set_comment(name)
        queue.set_class(name)
        queue.confirm(severity="leicht")
    assert store.status_counts()["confirmed"] == len(HOSTILE)
    comments = {store.damage(i)["comment"] for i in ids}
    assert comments == set(HOSTILE)
    assert {a["who"] for a in store.audit()} == {HOSTILE[1]}
    assert store.count("damages") == len(HOSTILE)  # the table is still there, nothing deleted
    assert len(store.confirmed_damages()) == len(HOSTILE)


def test_postgis_security_hostile_names_in_geopackage_damage_store(tmp_path):
    store = DamageStore.create(tmp_path / "d.gpkg")
    ids = _fill(store)
    _check_damage_store(store, ids)
    store.close()


def test_postgis_security_hostile_names_in_postgis_damage_store(pg_dsn, pg_schema, pg_conn):
    store = PostgisDamageStore.open(pg_dsn, schema=pg_schema)
    ids = _fill(store)
    _check_damage_store(store, ids)
    claimed = store.claim_next(HOSTILE[2], classes=[HOSTILE[0]])
    assert claimed is None  # all confirmed; the filter value did not break the statement
    rows, _ = store.changes_since("2000-01-01T00:00:00+00:00")
    assert {r["new_value"] for r in rows if r["field"] == "comment"} == set(HOSTILE)
    with pg_conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = %s", (pg_schema,))
        assert cur.fetchone()[0] >= 6
        cur.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'public'")
        assert cur.fetchone()
    pg_conn.commit()
    store.close()


def test_postgis_security_photo_path_traversal_is_not_followed_by_export(tmp_path):
    from soest_qgis_plugin.common.feedback import CollectingFeedback
    from soest_qgis_plugin.roaddamage.exports import export_damages

    store = DamageStore.create(tmp_path / "d.gpkg")
    ids = _fill(store)
    for damage_id in ids:
        v = store.damage(damage_id)["version"]
        store.apply_change(damage_id, {"status": "confirmed"}, "anna", "confirm", v)
    store.close()
    out = tmp_path / "out" / "liste.csv"
    before = set(os.listdir(tmp_path.parent))
    feedback = CollectingFeedback()
    summary = export_damages(tmp_path / "d.gpkg", out, feedback)
    assert summary["count"] == len(HOSTILE)
    assert summary["crops"] == 0  # "../../…" paths never become a crop in the export
    assert set(os.listdir(tmp_path.parent)) == before  # nothing written above the export folder
    text = out.read_text(encoding="utf-8-sig")
    assert HOSTILE[0] in text and HOSTILE[4] in text  # names kept as text in the list


def _hostile_tile(path):
    buildings = [
        gen.building_xml("DENW_'); DROP TABLE buildings; --", street=HOSTILE[3], number="1"),
        gen.building_xml('DENW_quote"2', x0=gen.E0 + 20, street=HOSTILE[4], number="2"),
    ]
    xml = gen.citygml(buildings).replace("'); DROP", "&apos;); DROP").replace('quote"2', "quote&quot;2")
    path.write_text(xml, encoding="utf-8")
    return path


def test_postgis_security_hostile_gml_ids_in_both_city_stores(tmp_path, pg_dsn, pg_schema):
    tile = _hostile_tile(tmp_path / "böse'; DROP TABLE sources; --.gml")
    import_files([tile], tmp_path / "s.gpkg")
    import_files_postgis([tile], pg_dsn, pg_schema)
    wanted = {"DENW_'); DROP TABLE buildings; --", 'DENW_quote"2'}
    with CityModelStore(tmp_path / "s.gpkg") as gpkg, PostgisCityModelStore(pg_dsn, pg_schema) as pg:
        for store in (gpkg, pg):
            assert set(store.building_ids()) == wanted
            assert store.select_ids(where="gml_id = ?", params=("DENW_'); DROP TABLE buildings; --",)) == [
                "DENW_'); DROP TABLE buildings; --"
            ]
            streets = {row["street"] for row in store.buildings_table(columns=["street"])}
            assert streets == {HOSTILE[3], HOSTILE[4]}
            assert [s["tile"] for s in store.sources()] == ["böse'; DROP TABLE sources; --"]
        assert pg.buildings_table() == gpkg.buildings_table()
    # re-import replaces the hostile tile by name (no duplicate, no injection)
    summary = import_files_postgis([tile], pg_dsn, pg_schema)
    assert summary.replaced == 2 and summary.total_in_store == 2


def test_postgis_security_gtfs_member_path_traversal_is_not_followed(tmp_path):
    from soest_qgis_plugin.shuttle.gtfs import read_feed
    from tests.fuzz import seeds

    outside = tmp_path / "evil"
    feed = tmp_path / "feed" / "gtfs.zip"
    feed.parent.mkdir()
    files = dict(seeds.GTFS_FILES)
    files["../../evil/stops.txt"] = "stop_id,stop_name,stop_lat,stop_lon\nX,Evil,0,0\n"
    with zipfile.ZipFile(feed, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
        archive.writestr("/tmp/../etc/routes.txt", "route_id\nEVIL\n")
    result = read_feed(feed)
    assert set(result.stops) == {"S1", "S2", "S3"}
    names = {s.name for s in result.stops.values()}
    assert "Evil" not in names and "Soest Bahnhof" in names
    assert "EVIL" not in result.routes
    assert not outside.exists()
    # a feed that has ONLY traversal members is refused, not read from outside
    only = tmp_path / "only.zip"
    with zipfile.ZipFile(only, "w") as archive:
        for name, text in seeds.GTFS_FILES.items():
            archive.writestr("../../" + name, text)
    with pytest.raises(SoestError):
        read_feed(only)
