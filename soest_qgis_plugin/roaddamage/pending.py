"""Decisions made while the database server is unreachable: kept locally, durably, until written.

``PendingJournal`` is a small SQLite file (default: ``soest_pending_decisions.sqlite`` in the
QGIS profile folder), written with ``synchronous=FULL`` so every row is on disk (fsync) before
the reviewer moves on; a crash of QGIS or of the computer loses nothing. One row per decision:
the store it belongs to, damage id, the changes, who, action, the version the reviewer saw and
a request id (the server writes each request id once, so a retry never doubles a decision).

``flush(store)`` writes the pending rows in order when the connection is back (call it from a
QTimer: ``PendingFlusher``). A row whose damage was decided by someone else in the meantime is
NOT overwritten: it is marked as a conflict with the translated message, for the user to see.
"""

import contextlib
import json
import os
import sqlite3
import threading
from dataclasses import dataclass, field

from ..common.errors import StoreError
from ..common.i18n import tr
from ..common.postgres import ConnectionLost
from .store import now_iso

FILE_NAME = "soest_pending_decisions.sqlite"


def default_journal_path():
    """The journal file in the active QGIS profile folder (else the home folder)."""
    folder = None
    try:
        from qgis.core import QgsApplication

        folder = QgsApplication.qgisSettingsDirPath()
    except (ImportError, AttributeError, RuntimeError):
        folder = None
    if not folder:
        folder = os.path.join(os.path.expanduser("~"), ".soest_qgis_plugin")
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, FILE_NAME)


@dataclass
class FlushResult:
    written: int = 0
    conflicts: list = field(default_factory=list)  # (entry dict, translated message)
    remaining: int = 0
    offline: bool = False

    def text(self):
        parts = [tr("{count} pending decisions written").format(count=self.written)]
        if self.conflicts:
            parts.append(tr("{count} conflicts (not overwritten)").format(count=len(self.conflicts)))
        if self.remaining:
            parts.append(tr("{count} still pending").format(count=self.remaining))
        return "; ".join(parts)


class PendingJournal:
    def __init__(self, path=None):
        self.path = os.fspath(path) if path else default_journal_path()
        self._lock = threading.Lock()
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=DELETE")
            self.conn.execute("PRAGMA synchronous=FULL")
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS pending (id INTEGER PRIMARY KEY AUTOINCREMENT, store TEXT NOT NULL, "
                "damage_id INTEGER NOT NULL, changes TEXT NOT NULL, who TEXT, action TEXT, expected_version INTEGER, "
                "request_id TEXT NOT NULL UNIQUE, created_at TEXT, state TEXT NOT NULL DEFAULT 'pending', "
                "message TEXT, attempts INTEGER NOT NULL DEFAULT 0)"
            )
        except sqlite3.DatabaseError as error:
            raise StoreError(
                tr("The journal of pending decisions cannot be opened: {path}").format(path=self.path), str(error)
            ) from error

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def add(self, store_key, damage_id, changes, who, action, expected_version, request_id):
        """Keep one decision (on disk before returning). Returns its journal id."""
        with self._lock:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO pending (store, damage_id, changes, who, action, expected_version, "
                    "request_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        store_key,
                        int(damage_id),
                        json.dumps(changes, ensure_ascii=False, default=str),
                        who,
                        action,
                        expected_version,
                        request_id,
                        now_iso(),
                    ),
                )
                self.conn.execute("COMMIT")
            except sqlite3.DatabaseError as error:
                with contextlib.suppress(sqlite3.DatabaseError):
                    self.conn.execute("ROLLBACK")
                raise StoreError(
                    tr("The decision could not be saved on this computer: {error}").format(error=error), str(error)
                ) from error
            return cur.lastrowid

    def entries(self, store_key=None, state="pending"):
        sql = "SELECT * FROM pending WHERE state = ?"
        params = [state]
        if store_key is not None:
            sql += " AND store = ?"
            params.append(store_key)
        rows = []
        for r in self.conn.execute(sql + " ORDER BY id", params):
            row = dict(r)
            row["changes"] = json.loads(row["changes"])
            rows.append(row)
        return rows

    def count(self, store_key=None, state="pending"):
        return len(self.entries(store_key, state))

    def conflicts(self, store_key=None):
        return self.entries(store_key, state="conflict")

    def dismiss(self, entry_id):
        """Forget a conflict the user has seen."""
        with self._lock:
            self.conn.execute("DELETE FROM pending WHERE id = ? AND state = 'conflict'", (entry_id,))

    def _mark(self, entry_id, state, message=None):
        with self._lock:
            if state == "done":
                self.conn.execute("DELETE FROM pending WHERE id = ?", (entry_id,))
            else:
                self.conn.execute(
                    "UPDATE pending SET state = ?, message = ?, attempts = attempts + 1 WHERE id = ?",
                    (state, message, entry_id),
                )

    def flush(self, store):
        """Write this store's pending decisions in order. Stops (keeping the rest) when the server
        is still unreachable; conflicts are recorded, never overwritten."""
        from .store_postgis import DecisionConflict

        result = FlushResult()
        entries = self.entries(store.store_key)
        for n, entry in enumerate(entries):
            try:
                store._apply(  # noqa: SLF001 - the store's raw write, without re-journaling
                    entry["damage_id"],
                    entry["changes"],
                    entry["who"],
                    entry["action"],
                    entry["expected_version"],
                    entry["request_id"],
                )
            except ConnectionLost:
                result.offline = True
                result.remaining = len(entries) - n
                return result
            except DecisionConflict as conflict:
                self._mark(entry["id"], "conflict", conflict.message)
                result.conflicts.append((entry, conflict.message))
                continue
            except StoreError as error:  # the damage was deleted …: keep it visible as a conflict
                self._mark(entry["id"], "conflict", error.message)
                result.conflicts.append((entry, error.message))
                continue
            self._mark(entry["id"], "done")
            result.written += 1
        return result


class PendingFlusher:
    """Retries pending decisions every ``interval_ms`` from a QTimer; calls ``on_result(FlushResult)``
    after each attempt that had something to do."""

    def __init__(self, store, interval_ms=5000, on_result=None, parent=None):
        from qgis.PyQt.QtCore import QTimer

        self.store = store
        self.on_result = on_result
        self.timer = QTimer(parent)
        self.timer.setInterval(int(interval_ms))
        self.timer.timeout.connect(self.tick)

    def start(self):
        self.timer.start()

    def stop(self):
        self.timer.stop()

    def tick(self):
        if not self.store.pending_count():
            return None
        result = self.store.flush_pending()
        if self.on_result is not None:
            self.on_result(result)
        return result
