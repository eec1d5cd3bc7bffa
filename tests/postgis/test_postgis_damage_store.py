"""The damage store on PostGIS: ReviewQueue unchanged, claims, conflicts, refresh, migrations."""

import pytest

from soest_qgis_plugin.common.errors import InputError, StoreError
from soest_qgis_plugin.roaddamage.review import ReviewQueue
from soest_qgis_plugin.roaddamage.store import DamageStore
from soest_qgis_plugin.roaddamage.store_postgis import (
    MIGRATIONS,
    SCHEMA_VERSION,
    DecisionConflict,
    PostgisDamageStore,
)

from .conftest import REPO, populate


@pytest.fixture
def store(pg_dsn, pg_schema):
    s = PostgisDamageStore.open(pg_dsn, schema=pg_schema)
    populate(s, 30)
    yield s
    s.close()


def test_postgis_review_queue_works_unchanged(store):
    queue = ReviewQueue(store, who="anna")
    assert len(queue) == 30
    assert queue.progress() == (0, 30)
    first = queue.current()
    assert first["confidence"] == max(store.damage(i)["confidence"] for i in store.damage_ids())
    confirmed = queue.confirm(severity="schwer")
    rejected = queue.reject()
    queue.set_class("D40")
    queue.set_comment("Kante abgebrochen")
    current = queue.current_id
    dup = queue.mark_duplicate(confirmed)
    assert dup == current
    assert queue.progress() == (3, 30)
    assert queue.progress_text() == "3 of 30 reviewed"
    assert store.damage(confirmed)["status"] == "confirmed"
    assert store.damage(confirmed)["severity"] == "schwer"
    assert store.damage(confirmed)["reviewer"] == "anna"
    assert store.damage(rejected)["status"] == "rejected"
    assert store.damage(dup)["duplicate_of"] == confirmed
    assert store.damage(dup)["comment"] == "Kante abgebrochen"
    # undo the duplicate mark: back to unreviewed, audited as undo
    assert queue.undo() == dup
    assert store.damage(dup)["status"] == "unreviewed"
    assert store.damage(dup)["duplicate_of"] is None
    assert store.audit(dup)[-1]["action"] == "undo"
    assert queue.current_id == dup
    # exports read the same rows
    rows = store.confirmed_damages()
    assert [r["fid"] for r in rows] == [confirmed]
    assert store.damage_rows([rejected, confirmed])[0]["status"] == "rejected"
    assert set(store.distinct("class_name")) <= {"D00", "D10", "D20", "D40"}


def test_postgis_store_is_a_damage_store_for_the_queue(store):
    assert isinstance(store, DamageStore)
    assert store.schema_version() == SCHEMA_VERSION


def test_postgis_conflict_is_reported_not_overwritten(store, pg_dsn, pg_schema):
    other = PostgisDamageStore.open(pg_dsn, schema=pg_schema)
    damage_id = store.damage_ids()[0]
    seen = store.damage(damage_id)  # both reviewers see version 1
    store.apply_change(damage_id, {"status": "confirmed", "reviewer": "anna"}, "anna", "confirm", seen["version"])
    with pytest.raises(DecisionConflict) as info:
        other.apply_change(damage_id, {"status": "rejected", "reviewer": "bob"}, "bob", "reject", seen["version"])
    assert "already confirmed by anna at" in str(info.value)
    assert isinstance(info.value, StoreError)
    assert info.value.who == "anna" and info.value.action == "confirm"
    assert store.damage(damage_id)["status"] == "confirmed"
    assert [a["who"] for a in store.audit(damage_id)] == ["anna", "anna"]
    # rejected and changed have their own words
    second = store.damage_ids()[1]
    v = store.damage(second)["version"]
    store.apply_change(second, {"status": "rejected"}, "carl", "reject", v)
    with pytest.raises(DecisionConflict, match="already rejected by carl"):
        other.apply_change(second, {"status": "confirmed"}, "bob", "confirm", v)
    third = store.damage_ids()[2]
    v = store.damage(third)["version"]
    store.apply_change(third, {"comment": "x"}, "dora", "comment", v)
    with pytest.raises(DecisionConflict, match="already changed by dora"):
        other.apply_change(third, {"status": "confirmed"}, "bob", "confirm", v)
    other.close()


def test_postgis_conflict_message_has_german_translation():
    lines = (REPO / "i18n" / "de" / "postgis.tsv").read_text(encoding="utf-8").splitlines()
    table = dict(line.split("\t", 1) for line in lines if "\t" in line)
    assert (
        table["Damage {id}: already confirmed by {who} at {time}"]
        == "Schaden {id}: bereits von {who} um {time} bestätigt"
    )
    assert "abgelehnt" in table["Damage {id}: already rejected by {who} at {time}"]
    assert "geändert" in table["Damage {id}: already changed by {who} at {time}"]


def test_postgis_claims_hand_each_damage_to_one_reviewer(store, pg_dsn, pg_schema):
    other = PostgisDamageStore.open(pg_dsn, schema=pg_schema)
    a = store.claim_next("anna")
    b = other.claim_next("bob")
    assert a["fid"] != b["fid"]
    assert a["claimed_by"] == "anna"
    # claiming again gives anna her own claim back, not a third damage
    assert store.claim_next("anna")["fid"] == a["fid"]
    # bob cannot decide anna's claimed damage while her lease runs
    with pytest.raises(DecisionConflict, match="is being reviewed by anna"):
        other.apply_change(a["fid"], {"status": "confirmed"}, "bob", "confirm", a["version"])
    # a decision releases the claim
    store.apply_change(a["fid"], {"status": "confirmed"}, "anna", "confirm", a["version"])
    assert store.damage(a["fid"])["claimed_by"] is None
    # an expired lease frees the damage for others
    c = store.claim_next("anna", lease_seconds=-1)
    assert other.claim_next("bob", exclude=[b["fid"]])["fid"] == c["fid"]
    assert store.release(b["fid"], "anna") is False and other.release(b["fid"], "bob") is True
    # filters are bound parameters
    d40 = other.claim_next("eva", classes=["D40"])
    assert d40["class_name"] == "D40"
    other.close()


def test_postgis_claim_queue_empties(pg_dsn, pg_schema):
    s = PostgisDamageStore.open(pg_dsn, schema=pg_schema)
    populate(s, 3)
    seen = []
    while (d := s.claim_next("anna")) is not None:
        s.apply_change(d["fid"], {"status": "rejected"}, "anna", "reject", d["version"])
        seen.append(d["fid"])
    assert sorted(seen) == [1, 2, 3]
    s.close()


def test_postgis_changes_since_never_skips_a_late_commit(store, pg_dsn, pg_schema):
    watcher = PostgisDamageStore.open(pg_dsn, schema=pg_schema)
    slow = PostgisDamageStore.open(pg_dsn, schema=pg_schema)
    rows, cursor = watcher.changes_since(None)
    assert rows == []
    ids = store.damage_ids()
    # ``slow`` writes first but commits last
    with slow.transaction():
        slow.apply_change(ids[0], {"status": "confirmed"}, "slow", "confirm")
        store.apply_change(ids[1], {"status": "rejected"}, "fast", "reject")
        rows, cursor = watcher.changes_since(cursor)
        # fast's committed change waits behind the open transaction (delayed, never lost)
        assert rows == []
    rows, cursor = watcher.changes_since(cursor)
    assert {r["damage_id"] for r in rows} == {ids[0], ids[1]}
    rows, cursor = watcher.changes_since(cursor)
    assert rows == []
    # by timestamp: everything from the start
    rows, _ = watcher.changes_since("2000-01-01T00:00:00+00:00")
    assert {r["damage_id"] for r in rows} == {ids[0], ids[1]}
    watcher.close()
    slow.close()


def test_postgis_migration_upgrades_v1_schema_in_place(pg_conn, pg_dsn, pg_schema):
    from soest_qgis_plugin.common.migrations import current_version, migrate

    migrate(pg_conn, pg_schema, "roaddamage", MIGRATIONS, target=1)
    assert current_version(pg_conn, pg_schema, "roaddamage") == 1
    with pg_conn.cursor() as cur:
        cur.execute(f'SET search_path TO "{pg_schema}", public')
        cur.execute("INSERT INTO drives (name) VALUES ('alt') RETURNING fid")
        drive = cur.fetchone()[0]
        cur.execute(
            "INSERT INTO damages (drive_id, class_name, confidence, status, reviewer) VALUES "
            "(%s, 'D40', 0.9, 'confirmed', 'anna'), (%s, 'D00', 0.5, 'unreviewed', NULL)",
            (drive, drive),
        )
        cur.execute(
            "INSERT INTO audit (action_id, damage_id, who, at, action, field, old_value, new_value) "
            "VALUES (7, 1, 'anna', '2025-01-01T00:00:00+00:00', 'confirm', 'status', 'unreviewed', 'confirmed')"
        )
    pg_conn.commit()
    store = PostgisDamageStore.open(pg_dsn, schema=pg_schema)  # upgrades to the newest version
    assert store.schema_version() == SCHEMA_VERSION
    assert store.damage(1)["status"] == "confirmed" and store.damage(1)["reviewer"] == "anna"
    assert store.audit(1)[0]["action_id"] == 7
    claimed = store.claim_next("bob")
    assert claimed["fid"] == 2
    action = store.apply_change(2, {"status": "rejected"}, "bob", "reject", claimed["version"])
    assert action > 7  # the action sequence continues after the old ids
    with pg_conn.cursor() as cur:
        cur.execute(f'SELECT version, name FROM "{pg_schema}".schema_migrations ORDER BY version')
        assert [r[0] for r in cur.fetchall()] == [1, 2]
    pg_conn.commit()
    store.close()


def test_postgis_newer_schema_is_refused(pg_conn, pg_dsn, pg_schema):
    PostgisDamageStore.open(pg_dsn, schema=pg_schema).close()
    with pg_conn.cursor() as cur:
        cur.execute(
            f'INSERT INTO "{pg_schema}".schema_migrations (component, version, name) VALUES (%s, 99, %s)',
            ("roaddamage", "future"),
        )
    pg_conn.commit()
    with pytest.raises(StoreError, match="newer plugin version"):
        PostgisDamageStore.open(pg_dsn, schema=pg_schema)


@pytest.mark.parametrize("name", ['x"; DROP SCHEMA public; --', "../etc", "1abc", "", "a" * 64, "sch ema"])
def test_postgis_hostile_schema_names_are_refused(pg_dsn, name):
    with pytest.raises(InputError):
        PostgisDamageStore.open(pg_dsn, schema=name)


def test_postgis_copy_from_geopackage(tmp_path, pg_dsn, pg_schema):
    gpkg = DamageStore.create(tmp_path / "d.gpkg")
    with gpkg.transaction():
        drive = gpkg.add_drive("Fahrt 1", "/fotos")
        frame = gpkg.add_frame(
            drive, {"seq": 0, "image": "a.jpg", "path": "/fotos/a.jpg", "easting": 1.0, "northing": 2.0}
        )
        box = {"class_id": 3, "class_name": "D40", "confidence": 0.8, "x1": 1, "y1": 2, "x2": 3, "y2": 4}
        dets = gpkg.add_detections(drive, frame, "a.jpg", [dict(box, easting=1.0, northing=2.0)])
        d1 = gpkg.add_damage(
            drive,
            {
                "class_name": "D40",
                "confidence": 0.8,
                "easting": 1.0,
                "northing": 2.0,
                "key_detection": dets[0],
                "detection_ids": dets,
            },
        )
        gpkg.finish_drive(drive)
    gpkg.apply_change(d1, {"status": "confirmed", "reviewer": "anna"}, "anna", "confirm")
    store = PostgisDamageStore.open(pg_dsn, schema=pg_schema)
    mapping = store.copy_from(gpkg)
    new = store.damage(mapping[d1])
    assert new["status"] == "confirmed" and new["reviewer"] == "anna" and new["class_name"] == "D40"
    obs = store.observations(mapping[d1])
    assert [o["image"] for o in obs] == ["a.jpg"] and obs[0]["path"] == "/fotos/a.jpg"
    assert store.confirmed_damages()[0]["path"] == "/fotos/a.jpg"
    gpkg.close()
    store.close()


def test_postgis_saved_qgis_connection(qgis_app, pg_server, pg_schema):
    from qgis.core import QgsProviderRegistry

    from soest_qgis_plugin.common import postgres

    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    uri = f"host=127.0.0.1 port={pg_server.port} dbname={pg_server.dbname} user=postgres"
    connection = metadata.createConnection(uri, {"saveUsername": True, "savePassword": True})
    metadata.saveConnection(connection, "soest-test-pg")
    try:
        assert "soest-test-pg" in postgres.saved_connection_names()
        params = postgres.saved_connection_params("soest-test-pg")
        assert int(params["port"]) == pg_server.port and params["dbname"] == pg_server.dbname
        store = PostgisDamageStore.open_saved("soest-test-pg", schema=pg_schema)
        assert store.status_counts()["unreviewed"] == 0
        store.close()
        with pytest.raises(InputError, match="no saved PostgreSQL connection"):
            postgres.saved_connection_params("does-not-exist")
    finally:
        metadata.deleteConnection("soest-test-pg")


def test_postgis_maintenance_list_export_matches_geopackage(tmp_path, pg_dsn, pg_schema):
    from soest_qgis_plugin.roaddamage.exports import export_damages
    from soest_qgis_plugin.roaddamage.store_postgis import export_damages_from_store

    gpkg = DamageStore.create(tmp_path / "d.gpkg")
    with gpkg.transaction():
        drive = gpkg.add_drive("Fahrt 1", "/fotos")
        for i in range(4):
            gpkg.add_damage(
                drive,
                {
                    "class_name": "D40",
                    "confidence": 0.5 + i / 10,
                    "easting": 430000.0 + i,
                    "northing": 5714000.0,
                    "street": "Am Markt",
                    "key_detection": None,
                    "detection_ids": [],
                },
            )
    for damage_id in (1, 3):
        gpkg.apply_change(
            damage_id, {"status": "confirmed", "reviewer": "anna", "severity": "schwer"}, "anna", "confirm"
        )
    store = PostgisDamageStore.open(pg_dsn, schema=pg_schema)
    store.copy_from(gpkg)
    gpkg.close()
    ref = export_damages(tmp_path / "d.gpkg", tmp_path / "ref.csv")
    out = export_damages_from_store(store, tmp_path / "pg.csv")
    assert out["count"] == ref["count"] == 2
    assert (tmp_path / "pg.csv").read_text(encoding="utf-8-sig") == (tmp_path / "ref.csv").read_text(
        encoding="utf-8-sig"
    )
    store.close()


def test_postgis_saved_connection_with_qgis_auth_config(qgis_app, pg_server, pg_schema, tmp_path):
    from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsProviderRegistry

    from soest_qgis_plugin.common import postgres

    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        manager.setMasterPassword("soest-test-master", True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("soest-test-auth")
    config.setConfig("username", "postgres")
    config.setConfig("password", "geheim")
    ok = manager.storeAuthenticationConfig(config)
    ok = ok[0] if isinstance(ok, tuple) else ok
    assert ok, "QGIS auth database not writable"
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    uri = f"host=127.0.0.1 port={pg_server.port} dbname={pg_server.dbname} authcfg={config.id()}"
    metadata.saveConnection(metadata.createConnection(uri, {}), "soest-test-auth")
    try:
        params = postgres.saved_connection_params("soest-test-auth")
        assert params["user"] == "postgres" and params["password"] == "geheim"  # resolved by QGIS
        store = PostgisDamageStore.open_saved("soest-test-auth", schema=pg_schema)
        assert store.schema_version() == SCHEMA_VERSION
        assert "geheim" not in store.path and "geheim" not in store.store_key  # never shown
        store.close()
    finally:
        metadata.deleteConnection("soest-test-auth")
        manager.removeAuthenticationConfig(config.id())
