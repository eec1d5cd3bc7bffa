"""Store picker widget and the review refresher (GeoPackage and PostGIS)."""

import pytest

from soest_qgis_plugin.roaddamage.pending import PendingJournal
from soest_qgis_plugin.roaddamage.store import DamageStore
from soest_qgis_plugin.roaddamage.store_picker import ReviewRefresher, StorePicker
from soest_qgis_plugin.roaddamage.store_postgis import DecisionPending, PostgisDamageStore

from .conftest import populate


@pytest.fixture
def saved_connection(qgis_app, pg_server):
    from qgis.core import QgsProviderRegistry

    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    uri = f"host=127.0.0.1 port={pg_server.port} dbname={pg_server.dbname} user=postgres"
    metadata.saveConnection(metadata.createConnection(uri, {"saveUsername": True}), "soest-picker")
    yield "soest-picker"
    metadata.deleteConnection("soest-picker")


def test_postgis_store_picker_offers_geopackage_and_saved_connections(qtbot, saved_connection, pg_schema, tmp_path):
    picker = StorePicker(journal=PendingJournal(tmp_path / "p.sqlite"))
    qtbot.addWidget(picker)
    labels = [picker.kind.itemText(i) for i in range(picker.kind.count())]
    assert labels[0] == "GeoPackage file"
    assert "PostgreSQL: soest-picker" in labels
    # GeoPackage
    picker.kind.setCurrentIndex(0)
    picker.path.setText(str(tmp_path / "neu.gpkg"))
    store = picker.open_store()
    assert isinstance(store, DamageStore) and not isinstance(store, PostgisDamageStore)
    store.close()
    # PostgreSQL connection + schema
    picker.kind.setCurrentIndex(labels.index("PostgreSQL: soest-picker"))
    assert picker.schema_row.isVisibleTo(picker) and not picker.file_row.isVisibleTo(picker)
    picker.schema.setEditText(pg_schema)
    with qtbot.waitSignal(picker.storeOpened, timeout=10000) as blocker:
        picker.open_button.click()
    store = blocker.args[0]
    assert isinstance(store, PostgisDamageStore) and store.schema == pg_schema
    assert store.journal is picker.journal
    assert pg_schema in picker.refresh_schemas()
    store.close()
    # a bad schema name is shown, not raised
    picker.schema.setEditText("x; DROP")
    picker.open_button.click()
    assert "Invalid schema name" in picker.status.text()


def test_postgis_refresher_reports_other_reviewers(qtbot, pg_dsn, pg_schema):
    mine = PostgisDamageStore.open(pg_dsn, schema=pg_schema)
    populate(mine, 5)
    other = PostgisDamageStore.open(pg_dsn, schema=pg_schema)
    refresher = ReviewRefresher(mine, who="anna", interval_ms=50)
    refresher.start()
    mine.apply_change(1, {"status": "confirmed"}, "anna", "confirm", 1)
    other.apply_change(2, {"status": "rejected"}, "bob", "reject", 1)
    with qtbot.waitSignal(refresher.changed, timeout=5000) as blocker:
        pass
    assert blocker.args[0] == [2]  # only the other reviewer's decision
    refresher.stop()
    mine.close()
    other.close()


def test_postgis_refresher_on_geopackage(qtbot, tmp_path):
    store = DamageStore.create(tmp_path / "d.gpkg")
    with store.transaction():
        drive = store.add_drive("f", "s")
        for _ in range(3):
            store.add_damage(
                drive,
                {
                    "class_name": "D40",
                    "confidence": 0.5,
                    "easting": 1.0,
                    "northing": 2.0,
                    "key_detection": None,
                    "detection_ids": [],
                },
            )
    other = DamageStore.open(tmp_path / "d.gpkg")
    refresher = ReviewRefresher(store, who="anna")
    refresher.start()
    other.apply_change(3, {"status": "confirmed"}, "bob", "confirm")
    assert refresher.poll() == [3]
    assert refresher.poll() == []
    store.close()
    other.close()


def test_postgis_fault_refresher_flushes_pending_after_restart(qtbot, pg_server, pg_dsn, pg_schema, tmp_path):
    store = PostgisDamageStore.open(pg_dsn, schema=pg_schema, journal=PendingJournal(tmp_path / "p.sqlite"))
    populate(store, 3)
    refresher = ReviewRefresher(store, who="anna")
    refresher.start()
    offline, pending = [], []
    refresher.offline.connect(offline.append)
    refresher.pendingChanged.connect(pending.append)
    pg_server.stop_server("fast")
    try:
        with pytest.raises(DecisionPending):
            store.apply_change(1, {"status": "confirmed"}, "anna", "confirm", 1)
        refresher.poll()
        assert offline and store.pending_count() == 1
    finally:
        pg_server.start_server()
    refresher.poll()
    assert pending[-1] == 0
    assert store.damage(1)["status"] == "confirmed"
    store.close()


def test_postgis_fault_pending_flusher_timer_writes_when_back(qtbot, pg_server, pg_dsn, pg_schema, tmp_path):
    from soest_qgis_plugin.roaddamage.pending import PendingFlusher

    store = PostgisDamageStore.open(pg_dsn, schema=pg_schema, journal=PendingJournal(tmp_path / "p.sqlite"))
    populate(store, 2)
    results = []
    flusher = PendingFlusher(store, interval_ms=50, on_result=results.append)
    pg_server.stop_server("fast")
    try:
        with pytest.raises(DecisionPending):
            store.apply_change(2, {"status": "rejected"}, "anna", "reject", 1)
        assert flusher.tick().offline
    finally:
        pg_server.start_server()
    flusher.start()
    qtbot.waitUntil(lambda: store.pending_count() == 0, timeout=5000)
    flusher.stop()
    assert results[-1].written == 1 and results[-1].text() == "1 pending decisions written"
    assert store.damage(2)["status"] == "rejected"
    store.close()
