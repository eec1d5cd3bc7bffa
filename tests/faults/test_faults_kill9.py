"""kill -9 of an import, an export and a review session (GeoPackage) at random points.

After each kill the store opens, passes SQLite's integrity check, holds either the state before
or after the interrupted job (never half of it) and every committed review decision; an export
target is either absent/old or complete, never half-written.
"""

import random
import sqlite3

import pytest

from soest_qgis_plugin.citymodel.store import CityModelStore, import_files
from soest_qgis_plugin.roaddamage.store import DamageStore
from tests.citymodel import gen

from .helpers import run_and_kill

READY_FEEDBACK = """
import os
from soest_qgis_plugin.common.feedback import NullFeedback
class Ready(NullFeedback):
    def setProgress(self, percent):
        if not os.path.exists({ready!r}):
            open({ready!r}, "w").close()
"""


def _integrity(path):
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


@pytest.fixture(scope="module")
def big_tiles(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiles")
    return [gen.write_tile(folder / f"tile_{i}.gml", 700, start=700 * i) for i in range(3)]


def test_fault_kill9_citymodel_import_into_new_geopackage(big_tiles, tmp_path):
    rng = random.Random(31)
    killed = 0
    for round_ in range(3):
        target = tmp_path / f"new_{round_}.gpkg"
        ready = tmp_path / "ready"
        body = READY_FEEDBACK.format(ready=str(ready)) + (
            "from soest_qgis_plugin.citymodel.store import import_files\n"
            f"import_files({[str(p) for p in big_tiles]!r}, {str(target)!r}, Ready())\n"
        )
        code = run_and_kill(body, ready, rng.uniform(0.05, 1.0))
        killed += code == -9
        if code == -9:
            assert not target.exists(), "a half-written store under the real name"
        else:
            with CityModelStore(target) as store:
                assert store.count() == 2100
    assert killed >= 2, "the import always finished before the kill: nothing was tested"


def test_fault_kill9_citymodel_reimport_keeps_old_store(big_tiles, tmp_path):
    target = tmp_path / "store.gpkg"
    import_files([big_tiles[0]], target)
    rng = random.Random(32)
    killed = 0
    for _round in range(3):
        ready = tmp_path / "ready"
        body = READY_FEEDBACK.format(ready=str(ready)) + (
            "from soest_qgis_plugin.citymodel.store import import_files\n"
            f"import_files({[str(p) for p in big_tiles]!r}, {str(target)!r}, Ready())\n"
        )
        code = run_and_kill(body, ready, rng.uniform(0.05, 1.0))
        killed += code == -9
        with CityModelStore(target) as store:
            count = store.count()
            assert count in (700, 2100), count  # all or nothing
            if code == -9 and count == 700:
                assert {s["tile"] for s in store.sources()} == {"tile_0"}
        _integrity(target)
        if count == 2100:  # finished: start from the small store again
            target.unlink()
            import_files([big_tiles[0]], target)
    assert killed >= 2


def test_fault_kill9_export_leaves_no_half_written_file(big_tiles, tmp_path):
    store_path = tmp_path / "store.gpkg"
    import_files(big_tiles, store_path)
    rng = random.Random(33)
    killed = 0
    for suffix in (".obj", ".stl", ".city.json"):
        target = tmp_path / f"export{suffix}"
        target.write_bytes(b"OLD")
        ready = tmp_path / "ready"
        body = READY_FEEDBACK.format(ready=str(ready)) + (
            "from soest_qgis_plugin.citymodel.export import export_selection\n"
            f"export_selection({str(store_path)!r}, None, {str(target)!r}, None, Ready())\n"
        )
        code = run_and_kill(body, ready, rng.uniform(0.01, 0.5))
        data = target.read_bytes()
        killed += code == -9
        if code == -9:
            assert data == b"OLD", "the old file was replaced by a half-written one"
        else:
            assert data != b"OLD" and len(data) > 1000
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp-export")]
        # a killed writer may leave its hidden temporary file, never a file under the real name
        assert all(not name.endswith("export" + suffix) or name.startswith(".tmp-") for name in leftovers)
    assert killed >= 1, "every export finished before the kill: nothing was tested"


def _damage_store(path, n):
    store = DamageStore.create(path)
    with store.transaction():
        drive = store.add_drive("Fahrt", "/fotos")
        for i in range(n):
            store.add_damage(
                drive,
                {
                    "class_name": "D40",
                    "confidence": (i * 37 % 100) / 100.0,
                    "easting": 430000.0 + i,
                    "northing": 5714000.0,
                    "key_detection": None,
                    "detection_ids": [],
                },
            )
    store.close()


def test_fault_kill9_review_session_keeps_every_committed_decision(tmp_path):
    path = tmp_path / "damages.gpkg"
    _damage_store(path, 3000)
    log = tmp_path / "committed.txt"
    rng = random.Random(34)
    for round_ in range(3):
        ready = tmp_path / "ready"
        body = (
            "import os\n"
            "from soest_qgis_plugin.roaddamage.review import ReviewQueue\n"
            f"q = ReviewQueue({str(path)!r}, who='anna{round_}')\n"
            f"log = open({str(log)!r}, 'a')\n"
            f"open({str(ready)!r}, 'w').close()\n"
            "while q.current() is not None:\n"
            "    fid = q.confirm(severity='mittel') if q.current_id % 3 else q.reject()\n"
            "    log.write(f'{fid}\\n'); log.flush(); os.fsync(log.fileno())\n"
        )
        run_and_kill(body, ready, rng.uniform(0.1, 0.8))
        committed = [int(x) for x in log.read_text().split()]
        assert committed
        _integrity(path)
        with DamageStore.open(path) as store:
            decided = set(store.damage_ids(statuses=["confirmed", "rejected"]))
            assert set(committed) <= decided
            # Each killed round may leave one decision committed but not yet logged.
            assert len(decided - set(committed)) <= round_ + 1
            audit = store.audit()
            status_rows = [a for a in audit if a["field"] == "status"]
            assert sorted(a["damage_id"] for a in status_rows) == sorted(decided)  # one each
            for damage_id in list(decided)[:50]:
                damage = store.damage(damage_id)
                assert damage["version"] == 2
                assert damage["status"] == ("confirmed" if damage_id % 3 else "rejected")
