"""Faults on PostGIS: connection loss (pending journal), server restarts and kill -9 of a review."""

import collections
import os
import random
import signal
import subprocess
import sys
import threading
import time

import pytest

from soest_qgis_plugin.common.postgres import ConnectionLost
from soest_qgis_plugin.roaddamage.pending import PendingJournal
from soest_qgis_plugin.roaddamage.review import ReviewQueue
from soest_qgis_plugin.roaddamage.store_postgis import DecisionConflict, DecisionPending, PostgisDamageStore

from .conftest import REPO, populate


def _consistent(store):
    """Every decided damage has exactly one status audit row matching its state; versions add up."""
    audit = store.audit()
    per_damage = collections.defaultdict(list)
    for a in audit:
        per_damage[a["damage_id"]].append(a)
    for damage_id in store.damage_ids(statuses=None):
        damage = store.damage(damage_id)
        rows = per_damage.get(damage_id, [])
        actions = {a["action_id"] for a in rows}
        assert damage["version"] == 1 + len(actions), (damage, rows)
        status_rows = [a for a in rows if a["field"] == "status"]
        if damage["status"] == "unreviewed":
            assert not status_rows
        else:
            assert len(status_rows) == 1 and status_rows[0]["new_value"] == damage["status"]


def test_postgis_fault_connection_loss_keeps_decision_pending(pg_server, pg_dsn, pg_schema, tmp_path):
    journal_path = tmp_path / "pending.sqlite"
    journal = PendingJournal(journal_path)
    store = PostgisDamageStore.open(pg_dsn, schema=pg_schema, journal=journal)
    populate(store, 10)
    other = PostgisDamageStore.open(pg_dsn, schema=pg_schema)
    queue = ReviewQueue(store, who="anna")
    first = queue.current()
    second_id = queue.ids[1]
    second = store.damage(second_id)
    pg_server.stop_server("fast")
    try:
        with pytest.raises(DecisionPending, match="saved on this computer"):
            queue.confirm(severity="mittel")
        with pytest.raises(DecisionPending):
            store.apply_change(second_id, {"status": "rejected"}, "anna", "reject", second["version"])
        assert store.pending_count() == 2
        # durable: another process (a restarted QGIS) sees both decisions
        again = PendingJournal(journal_path)
        assert [e["damage_id"] for e in again.entries(store.store_key)] == [first["fid"], second_id]
        assert again.entries()[0]["changes"]["severity"] == "mittel"
        again.close()
        assert store.damage(first["fid"])["pending"]  # read before: shown from the cache, marked pending
        with pytest.raises(ConnectionLost):
            store.damage(9999)  # never read: an error, no invented data
        result = store.flush_pending()
        assert result.offline and result.remaining == 2 and result.written == 0
    finally:
        pg_server.start_server()
    # bob decides the second damage first: anna's pending decision must not overwrite it
    other.apply_change(second_id, {"status": "confirmed", "reviewer": "bob"}, "bob", "confirm", second["version"])
    result = store.flush_pending()
    assert result.written == 1 and len(result.conflicts) == 1
    assert "already confirmed by bob" in result.conflicts[0][1]
    assert store.damage(first["fid"])["status"] == "confirmed"
    assert store.damage(first["fid"])["severity"] == "mittel"
    assert store.damage(second_id)["status"] == "confirmed" and store.damage(second_id)["reviewer"] == "bob"
    assert store.pending_count() == 0
    assert [c["damage_id"] for c in journal.conflicts(store.store_key)] == [second_id]
    journal.dismiss(journal.conflicts()[0]["id"])
    assert journal.conflicts() == []
    _consistent(store)
    store.close()
    other.close()


def test_postgis_fault_lost_acknowledgement_is_written_once(pg_dsn, pg_schema, tmp_path):
    journal = PendingJournal(tmp_path / "p.sqlite")
    store = PostgisDamageStore.open(pg_dsn, schema=pg_schema, journal=journal)
    populate(store, 3)
    damage = store.damage(1)
    # the COMMIT reached the server but the answer did not: the client journaled the decision
    store._apply(1, {"status": "confirmed"}, "anna", "confirm", damage["version"], "req-1")
    journal.add(store.store_key, 1, {"status": "confirmed"}, "anna", "confirm", damage["version"], "req-1")
    result = store.flush_pending()
    assert result.written == 1 and not result.conflicts
    assert [a["field"] for a in store.audit(1)] == ["status"]
    assert store.damage(1)["version"] == 2
    store.close()


def test_postgis_fault_server_restart_during_review_loses_nothing(pg_server, pg_dsn, pg_schema, tmp_path):
    journal = PendingJournal(tmp_path / "p.sqlite")
    store = PostgisDamageStore.open(pg_dsn, schema=pg_schema, journal=journal)
    populate(store, 120)
    rng = random.Random(6)
    stop = threading.Event()

    def restarter():
        for mode in ("fast", "immediate", "fast"):  # immediate = crash-like, recovery from the WAL
            if stop.wait(rng.uniform(0.2, 0.6)):
                return
            pg_server.restart(mode)

    # the reviewer's view: the queue as loaded before (what the dock shows), decided one by one
    view = [store.damage(i) for i in store.damage_ids()]
    thread = threading.Thread(target=restarter)
    thread.start()
    decided, pending = [], []
    try:
        for damage in view:
            try:
                store.apply_change(damage["fid"], {"status": "confirmed"}, "anna", "confirm", damage["version"])
                decided.append(damage["fid"])
            except DecisionPending:
                pending.append(damage["fid"])
            time.sleep(0.02)  # the reviewer looks at the next photo
    finally:
        stop.set()
        thread.join()
    assert pending, "no decision was made while the server was down: the test did not test anything"
    while store.pending_count():
        result = store.flush_pending()
        assert not result.conflicts, result.conflicts
        if result.offline:
            time.sleep(0.1)
    counts = store.status_counts()
    assert counts["confirmed"] == 120 == len(decided) + len(pending)
    _consistent(store)
    store.close()


def test_postgis_fault_kill9_review_session_keeps_committed_decisions(pg_dsn, pg_schema, tmp_path):
    store = PostgisDamageStore.open(pg_dsn, schema=pg_schema)
    populate(store, 400)
    rng = random.Random(9)
    log = tmp_path / "committed.txt"
    code = (
        "import sys; sys.path.insert(0, {repo!r}); from tools.pg_test_server import review_session; "
        "review_session({dsn!r}, {schema!r}, 'anna', {log!r}, pause=0.002)"
    ).format(repo=str(REPO), dsn=pg_dsn, schema=pg_schema, log=str(log))
    unlogged = 0  # decisions committed by a killed session before it could log them
    for _round in range(3):
        child = subprocess.Popen([sys.executable, "-c", code], env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        # wait until it really decides, then kill at a random point
        deadline = time.monotonic() + 60
        before = len(log.read_text().split()) if log.exists() else 0
        while time.monotonic() < deadline and (len(log.read_text().split()) if log.exists() else 0) <= before:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.05, 0.4))
        child.send_signal(signal.SIGKILL)
        child.wait()
        committed = [int(x) for x in log.read_text().split()]
        assert committed, "the session never decided anything"
        decided = set(store.damage_ids(statuses=["confirmed"]))
        assert set(committed) <= decided  # every committed decision is there
        # at most one per kill: the decision killed between its COMMIT and its log line
        assert len(decided - set(committed)) <= unlogged + 1
        unlogged = len(decided - set(committed))
        _consistent(store)
        # the killed session's claim expires; a decision is never lost or doubled afterwards
        assert store.status_counts()["unreviewed"] == 400 - len(decided)
    store.close()


def test_postgis_fault_conflict_on_stale_undo(pg_dsn, pg_schema):
    a = PostgisDamageStore.open(pg_dsn, schema=pg_schema)
    populate(a, 2)
    b = PostgisDamageStore.open(pg_dsn, schema=pg_schema)
    qa = ReviewQueue(a, who="anna")
    damage_id = qa.confirm(advance=False)
    d = b.damage(damage_id)
    b.apply_change(damage_id, {"status": "rejected"}, "bob", "reject", d["version"])
    with pytest.raises(DecisionConflict, match="already rejected by bob"):
        qa.undo()
    assert b.damage(damage_id)["status"] == "rejected"
    a.close()
    b.close()


def test_postgis_fault_kill9_citymodel_import_all_or_nothing(pg_dsn, pg_schema, tmp_path):
    from soest_qgis_plugin.citymodel.store_postgis import PostgisCityModelStore, import_files_postgis
    from tests.citymodel import gen
    from tests.faults.helpers import run_and_kill

    tiles = [gen.write_tile(tmp_path / f"tile_{i}.gml", 400, start=400 * i) for i in range(3)]
    import_files_postgis([tiles[0]], pg_dsn, pg_schema)
    rng = random.Random(35)
    killed = 0
    for _round in range(2):
        ready = tmp_path / "ready"
        body = (
            "import os\n"
            "from soest_qgis_plugin.common.feedback import NullFeedback\n"
            "from soest_qgis_plugin.citymodel.store_postgis import import_files_postgis\n"
            "class Ready(NullFeedback):\n"
            "    def setProgress(self, p):\n"
            f"        if p > 50 and not os.path.exists({str(ready)!r}): open({str(ready)!r}, 'w').close()\n"
            f"import_files_postgis({[str(t) for t in tiles]!r}, {pg_dsn!r}, {pg_schema!r}, Ready())\n"
        )
        code = run_and_kill(body, ready, rng.uniform(0.0, 1.0))
        killed += code == -9
        with PostgisCityModelStore(pg_dsn, pg_schema) as store:
            count = store.count()
            assert count in (400, 1200), count
            surfaces = store._rows("SELECT count(*) FROM surfaces")[0][0]
            assert surfaces == count * 6
            if count == 1200:  # the import won: back to one tile for the next round
                with store.connection.cursor() as cur:
                    for table in ("buildings", "surfaces", "citymodel_originals", "sources"):
                        cur.execute(f"DELETE FROM {table} WHERE tile <> 'tile_0'")
                store.connection.commit()
    assert killed >= 1


def test_postgis_fault_review_goes_on_offline_through_prefetched_damages(pg_server, pg_dsn, pg_schema, tmp_path):
    store = PostgisDamageStore.open(pg_dsn, schema=pg_schema, journal=PendingJournal(tmp_path / "p.sqlite"))
    populate(store, 6)
    queue = ReviewQueue(store, who="anna")
    store.prefetch(queue.ids)
    order = list(queue.ids)
    done, total = queue.progress()
    pg_server.stop_server("fast")
    try:
        for expected in order[:3]:
            damage = queue.current()  # read from the offline cache
            assert damage["fid"] == expected and damage["observations"] == []
            with pytest.raises(DecisionPending):
                queue.confirm()
            assert store.damage(expected)["status"] == "confirmed" and store.damage(expected)["pending"]
            queue.next()
        assert queue.progress() == (done, total)  # last known counts, no crash
        assert store.pending_count() == 3
        with pytest.raises(ConnectionLost):
            store.damage(10_000)  # never read: no invented data
    finally:
        pg_server.start_server()
    result = store.flush_pending()
    assert result.written == 3 and not result.conflicts
    assert store.damage_ids(statuses=["confirmed"]) == sorted(order[:3], key=order.index)
    _consistent(store)
    store.close()
