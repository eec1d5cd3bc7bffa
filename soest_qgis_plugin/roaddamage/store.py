"""The damage store: one GeoPackage per survey project; this module owns all of its SQL.

Layers (EPSG:25832): ``frames`` (point, vehicle position of each photo), ``detections`` (point,
every detection with its confidence and box in pixels of the upright original image),
``damages`` (point, deduplicated damages with review state). Tables: ``drives``, ``audit``
(every review change: who, when, field, old -> new), ``meta`` (schema version).

Every write runs in one transaction (``with store.transaction():``); a read-only or locked
store raises ``StoreError`` with a translated message, and nothing is half-written.
"""

import contextlib
import datetime
import os
import pathlib
import sqlite3

from ..common.errors import StoreError
from ..common.i18n import tr
from . import gpkg

SCHEMA_VERSION = 1
STATUSES = ("unreviewed", "confirmed", "rejected", "duplicate")
SEVERITIES = ("leicht", "mittel", "schwer")

# Columns a review may change; anything else is refused (no SQL built from user input).
REVIEW_FIELDS = ("status", "severity", "comment", "duplicate_of", "class_name", "reviewer", "reviewed_at")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS drives (
    fid INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, source TEXT, track TEXT, model TEXT,
    camera TEXT, clock_offset REAL, started_at TEXT, finished_at TEXT, status TEXT,
    frame_count INTEGER DEFAULT 0, detection_count INTEGER DEFAULT 0, damage_count INTEGER DEFAULT 0);
CREATE TABLE IF NOT EXISTS frames (
    fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, drive_id INTEGER NOT NULL REFERENCES drives(fid),
    seq INTEGER, image TEXT, path TEXT, taken_at TEXT, easting REAL, northing REAL, heading REAL,
    width INTEGER, height INTEGER, position_source TEXT, status TEXT, message TEXT);
CREATE TABLE IF NOT EXISTS detections (
    fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, drive_id INTEGER NOT NULL REFERENCES drives(fid),
    frame_id INTEGER NOT NULL REFERENCES frames(fid), image TEXT, class_id INTEGER, class_name TEXT,
    confidence REAL, x1 REAL, y1 REAL, x2 REAL, y2 REAL, easting REAL, northing REAL, distance REAL,
    damage_id INTEGER);
CREATE TABLE IF NOT EXISTS damages (
    fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, drive_id INTEGER NOT NULL REFERENCES drives(fid),
    class_name TEXT, detected_class TEXT, confidence REAL, status TEXT NOT NULL DEFAULT 'unreviewed',
    severity TEXT, comment TEXT, duplicate_of INTEGER, street TEXT, reviewer TEXT, reviewed_at TEXT,
    key_detection INTEGER, observations INTEGER, easting REAL, northing REAL, version INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS audit (
    fid INTEGER PRIMARY KEY AUTOINCREMENT, action_id INTEGER NOT NULL, damage_id INTEGER NOT NULL,
    who TEXT, at TEXT, action TEXT, field TEXT, old_value TEXT, new_value TEXT, undone INTEGER DEFAULT 0);
CREATE INDEX IF NOT EXISTS idx_frames_drive ON frames(drive_id, seq);
CREATE INDEX IF NOT EXISTS idx_detections_frame ON detections(frame_id);
CREATE INDEX IF NOT EXISTS idx_detections_damage ON detections(damage_id);
CREATE INDEX IF NOT EXISTS idx_damages_status ON damages(status, confidence);
CREATE INDEX IF NOT EXISTS idx_damages_class ON damages(class_name);
CREATE INDEX IF NOT EXISTS idx_damages_street ON damages(street);
CREATE INDEX IF NOT EXISTS idx_damages_drive ON damages(drive_id);
CREATE INDEX IF NOT EXISTS idx_audit_damage ON audit(damage_id);
CREATE INDEX IF NOT EXISTS idx_audit_action ON audit(action_id);
"""

LAYERS = ("damages", "detections", "frames")


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()


def _translate_sqlite_error(error, path):
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return StoreError(
            tr("The damage store is locked by another program: {path}. Close it there and try again.").format(
                path=path
            ),
            str(error),
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text or "permission" in text:
        return StoreError(
            tr("The damage store cannot be written (read-only or no permission): {path}").format(path=path),
            str(error),
        )
    if "not a database" in text or "malformed" in text:
        return StoreError(tr("The file is not a damage store (GeoPackage): {path}").format(path=path), str(error))
    return StoreError(tr("Damage store error in {path}: {error}").format(path=path, error=error), str(error))


class DamageStore:
    """An open damage store. Use ``DamageStore.create(path)`` or ``DamageStore.open(path)``."""

    def __init__(self, path, conn, writable=True):
        self.path = os.fspath(path)
        self.conn = conn
        self.writable = writable
        self._in_transaction = False

    # Opening ------------------------------------------------------------------------------
    @classmethod
    def open(cls, path, create=False, timeout=2.0, readonly=False):
        path = os.fspath(path)
        exists = os.path.exists(path)
        if not exists and not create:
            raise StoreError(tr("Damage store not found: {path}").format(path=path))
        if not readonly:
            folder = os.path.dirname(os.path.abspath(path))
            if (exists and not os.access(path, os.W_OK)) or (not exists and not os.access(folder, os.W_OK)):
                raise StoreError(
                    tr("The damage store cannot be written (read-only or no permission): {path}").format(path=path)
                )
        try:
            uri = pathlib.Path(path).resolve().as_uri() + "?mode=ro" if readonly else path
            conn = sqlite3.connect(uri, timeout=timeout, uri=readonly, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            store = cls(path, conn, writable=not readonly)
            if not exists:
                store._create_schema()
            else:
                store._check_schema()
                if not readonly:
                    store._unlist_meta()
            return store
        except sqlite3.DatabaseError as error:
            raise _translate_sqlite_error(error, path) from error

    @classmethod
    def create(cls, path, timeout=2.0):
        return cls.open(path, create=True, timeout=timeout)

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _create_schema(self):
        with self.transaction():
            gpkg.init_container(self.conn)
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self.conn.execute(statement)
            gpkg.register_table(self.conn, "drives")
            gpkg.register_table(self.conn, "audit")
            gpkg.register_table(self.conn, "frames", "geom", "vehicle positions of the survey photos")
            gpkg.register_table(self.conn, "detections", "geom", "every detection of the model")
            gpkg.register_table(self.conn, "damages", "geom", "deduplicated road damages with review state")
            self.conn.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?), ('created_at', ?), ('crs', 'EPSG:25832')",
                (str(SCHEMA_VERSION), now_iso()),
            )

    def _check_schema(self):
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.OperationalError as error:
            if "no such table" in str(error):
                raise StoreError(
                    tr("The file is not a damage store (GeoPackage): {path}").format(path=self.path)
                ) from error
            raise
        version = int(row["value"]) if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError(
                tr("The damage store was written by a newer plugin version (schema {version}).").format(version=version)
            )

    def _unlist_meta(self):
        """``meta`` is the store's private table, like the city model's ``citymodel_meta``. Stores
        made before 2026-11-28 list it in gpkg_contents as an attributes table, which would need an
        INTEGER primary key (GeoPackage requirement 119). Best effort: a store that another program
        holds locked keeps the old entry, which QGIS reads as before."""
        with contextlib.suppress(sqlite3.DatabaseError):
            if self.conn.execute("SELECT 1 FROM gpkg_contents WHERE table_name = 'meta'").fetchone():
                self.conn.execute("DELETE FROM gpkg_contents WHERE table_name = 'meta'")

    @contextlib.contextmanager
    def transaction(self):
        """One write transaction: all of the block or nothing. Nested use joins the outer one."""
        if self._in_transaction:
            yield self.conn
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as error:
            raise _translate_sqlite_error(error, self.path) from error
        self._in_transaction = True
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as error:
            self._rollback()
            raise _translate_sqlite_error(error, self.path) from error
        except BaseException:
            self._rollback()
            raise
        finally:
            self._in_transaction = False

    def _rollback(self):
        with contextlib.suppress(sqlite3.DatabaseError):
            self.conn.execute("ROLLBACK")

    def schema_version(self):
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row["value"])

    # Drives, frames, detections, damages (written by the pipeline) -------------------------
    def add_drive(self, name, source, track=None, model=None, camera=None, clock_offset=0.0):
        cur = self.conn.execute(
            "INSERT INTO drives (name, source, track, model, camera, clock_offset, started_at, status) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'running')",
            (name, source, track, model, camera, clock_offset, now_iso()),
        )
        return cur.lastrowid

    def finish_drive(self, drive_id, status="complete"):
        self.conn.execute(
            "UPDATE drives SET finished_at=?, status=?, "
            "frame_count=(SELECT count(*) FROM frames WHERE drive_id=?), "
            "detection_count=(SELECT count(*) FROM detections WHERE drive_id=?), "
            "damage_count=(SELECT count(*) FROM damages WHERE drive_id=?) WHERE fid=?",
            (now_iso(), status, drive_id, drive_id, drive_id, drive_id),
        )
        for table in ("frames", "detections", "damages"):
            gpkg.update_extent(self.conn, table)

    def add_frame(self, drive_id, frame):
        """``frame``: dict with seq, image, path, taken_at, easting, northing, heading, width, height,
        position_source, status, message."""
        cur = self.conn.execute(
            "INSERT INTO frames (geom, drive_id, seq, image, path, taken_at, easting, northing, heading, width, "
            "height, position_source, status, message) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                gpkg.point_blob(frame.get("easting"), frame.get("northing")),
                drive_id,
                frame.get("seq"),
                frame.get("image"),
                frame.get("path"),
                frame.get("taken_at"),
                frame.get("easting"),
                frame.get("northing"),
                frame.get("heading"),
                frame.get("width"),
                frame.get("height"),
                frame.get("position_source"),
                frame.get("status", "ok"),
                frame.get("message"),
            ),
        )
        return cur.lastrowid

    def update_frame(self, frame_id, **values):
        allowed = {"width", "height", "status", "message"}
        keys = [k for k in values if k in allowed]
        if keys:
            self.conn.execute(
                "UPDATE frames SET " + ", ".join(f"{k}=?" for k in keys) + " WHERE fid=?",
                (*[values[k] for k in keys], frame_id),
            )

    def add_detections(self, drive_id, frame_id, image, rows):
        """``rows``: dicts with class_id, class_name, confidence, x1..y2, easting, northing, distance.
        Returns the new detection ids in order."""
        ids = []
        for r in rows:
            cur = self.conn.execute(
                "INSERT INTO detections (geom, drive_id, frame_id, image, class_id, class_name, confidence, "
                "x1, y1, x2, y2, easting, northing, distance) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    gpkg.point_blob(r.get("easting"), r.get("northing")),
                    drive_id,
                    frame_id,
                    image,
                    r["class_id"],
                    r["class_name"],
                    float(r["confidence"]),
                    float(r["x1"]),
                    float(r["y1"]),
                    float(r["x2"]),
                    float(r["y2"]),
                    r.get("easting"),
                    r.get("northing"),
                    r.get("distance"),
                ),
            )
            ids.append(cur.lastrowid)
        return ids

    def add_damage(self, drive_id, damage):
        """``damage``: dict with class_name, confidence, easting, northing, key_detection,
        detection_ids, street (optional)."""
        cur = self.conn.execute(
            "INSERT INTO damages (geom, drive_id, class_name, detected_class, confidence, status, street, "
            "key_detection, observations, easting, northing) VALUES (?,?,?,?,?,'unreviewed',?,?,?,?,?)",
            (
                gpkg.point_blob(damage["easting"], damage["northing"]),
                drive_id,
                damage["class_name"],
                damage["class_name"],
                float(damage["confidence"]),
                damage.get("street"),
                damage["key_detection"],
                len(damage["detection_ids"]),
                damage["easting"],
                damage["northing"],
            ),
        )
        damage_id = cur.lastrowid
        self.conn.executemany(
            "UPDATE detections SET damage_id=? WHERE fid=?", [(damage_id, d) for d in damage["detection_ids"]]
        )
        return damage_id

    def drive_detections(self, drive_id):
        """Positioned detections of a drive with their frame order (for dedup)."""
        return [
            dict(r)
            for r in self.conn.execute(
                "SELECT d.fid, d.class_name, d.confidence, d.x1, d.y1, d.x2, d.y2, d.easting, d.northing, "
                "f.seq, f.width, f.height FROM detections d JOIN frames f ON f.fid = d.frame_id "
                "WHERE d.drive_id=? AND d.easting IS NOT NULL ORDER BY f.seq, d.fid",
                (drive_id,),
            )
        ]

    # Reading ------------------------------------------------------------------------------
    def count(self, table, where="", params=()):
        if table not in ("drives", "frames", "detections", "damages", "audit"):
            raise ValueError(table)
        return self.conn.execute(f"SELECT count(*) FROM {table} {where}", params).fetchone()[0]

    def drives(self):
        return [dict(r) for r in self.conn.execute("SELECT * FROM drives ORDER BY fid")]

    def frames(self, drive_id=None):
        sql = "SELECT fid, drive_id, seq, image, path, taken_at, easting, northing, heading, width, height, "
        sql += "position_source, status, message FROM frames"
        if drive_id is None:
            return [dict(r) for r in self.conn.execute(sql + " ORDER BY drive_id, seq")]
        return [dict(r) for r in self.conn.execute(sql + " WHERE drive_id=? ORDER BY seq", (drive_id,))]

    def damage(self, damage_id):
        row = self.conn.execute(
            "SELECT fid, drive_id, class_name, detected_class, confidence, status, severity, comment, duplicate_of, "
            "street, reviewer, reviewed_at, key_detection, observations, easting, northing, version "
            "FROM damages WHERE fid=?",
            (damage_id,),
        ).fetchone()
        return dict(row) if row else None

    def observations(self, damage_id):
        """Detections of a damage with their frame's photo path, best first."""
        return [
            dict(r)
            for r in self.conn.execute(
                "SELECT d.fid, d.frame_id, d.image, d.class_name, d.confidence, d.x1, d.y1, d.x2, d.y2, "
                "d.easting, d.northing, f.path, f.width, f.height, f.seq FROM detections d "
                "JOIN frames f ON f.fid = d.frame_id WHERE d.damage_id=? ORDER BY f.seq",
                (damage_id,),
            )
        ]

    def frame_detections(self, frame_id):
        return [
            dict(r)
            for r in self.conn.execute(
                "SELECT fid, class_name, confidence, x1, y1, x2, y2, damage_id FROM detections WHERE frame_id=?",
                (frame_id,),
            )
        ]

    def detection(self, detection_id):
        row = self.conn.execute(
            "SELECT d.*, f.path, f.width, f.height FROM detections d JOIN frames f ON f.fid = d.frame_id WHERE d.fid=?",
            (detection_id,),
        ).fetchone()
        return dict(row) if row else None

    def damage_ids(self, statuses=None, classes=None, streets=None, drives=None, min_confidence=None, order=()):
        """Ids of damages matching the filters in the given order.

        ``order``: sequence of (column, descending) with column in confidence, class_name, street,
        drive_id, fid. Filters are whitelisted; values are bound parameters.
        """
        where, params = [], []
        for column, values in (
            ("status", statuses),
            ("class_name", classes),
            ("street", streets),
            ("drive_id", drives),
        ):
            if values:
                values = list(values)
                where.append(f"{column} IN ({','.join('?' * len(values))})")
                params.extend(values)
        if min_confidence is not None:
            where.append("confidence >= ?")
            params.append(float(min_confidence))
        sql = "SELECT fid FROM damages"
        if where:
            sql += " WHERE " + " AND ".join(where)
        terms = []
        for column, descending in order or (("confidence", True),):
            if column not in ("confidence", "class_name", "street", "drive_id", "fid"):
                raise ValueError(column)
            terms.append(f"{column} {'DESC' if descending else 'ASC'}")
        terms.append("fid ASC")
        sql += " ORDER BY " + ", ".join(terms)
        return [r[0] for r in self.conn.execute(sql, params)]

    def damage_rows(self, ids):
        """Table rows (id, class, confidence, street, drive, status, severity) for the given ids, in order."""
        if not ids:
            return []
        rows = {}
        ids = list(ids)
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            for r in self.conn.execute(
                "SELECT fid, class_name, confidence, street, drive_id, status, severity FROM damages "
                f"WHERE fid IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                rows[r["fid"]] = dict(r)
        return [rows[i] for i in ids if i in rows]

    def status_counts(self):
        counts = dict.fromkeys(STATUSES, 0)
        for r in self.conn.execute("SELECT status, count(*) FROM damages GROUP BY status"):
            counts[r[0]] = r[1]
        return counts

    def distinct(self, column):
        if column not in ("class_name", "street", "drive_id", "status"):
            raise ValueError(column)
        return [
            r[0]
            for r in self.conn.execute(f"SELECT DISTINCT {column} FROM damages WHERE {column} IS NOT NULL ORDER BY 1")
        ]

    def confirmed_damages(self):
        """Confirmed damages with the key detection's box and photo, for the maintenance list."""
        return [
            dict(r)
            for r in self.conn.execute(
                "SELECT g.fid, g.class_name, g.confidence, g.severity, g.comment, g.street, g.reviewer, "
                "g.reviewed_at, g.easting, g.northing, g.drive_id, d.image, d.x1, d.y1, d.x2, d.y2, f.path "
                "FROM damages g LEFT JOIN detections d ON d.fid = g.key_detection "
                "LEFT JOIN frames f ON f.fid = d.frame_id WHERE g.status='confirmed' ORDER BY g.street, g.fid"
            )
        ]

    # Review writes (one transaction each, with audit) --------------------------------------
    def apply_change(self, damage_id, changes, who, action, expected_version=None):
        """Set ``changes`` (field -> value) on a damage and log each changed field in the audit.

        Returns the audit action id, or None when nothing changed. Raises StoreError when the
        damage is missing or was changed by someone else in between (``expected_version``).
        """
        for field in changes:
            if field not in REVIEW_FIELDS:
                raise ValueError(field)
        with self.transaction() as conn:
            row = conn.execute("SELECT * FROM damages WHERE fid=?", (damage_id,)).fetchone()
            if row is None:
                raise StoreError(tr("Damage {id} does not exist in the store.").format(id=damage_id))
            if expected_version is not None and row["version"] != expected_version:
                raise StoreError(
                    tr("Damage {id} was changed by someone else in the meantime; it has been reloaded.").format(
                        id=damage_id
                    )
                )
            changed = {k: v for k, v in changes.items() if row[k] != v}
            if not changed:
                return None
            action_id = conn.execute("SELECT coalesce(max(action_id), 0) + 1 FROM audit").fetchone()[0]
            at = now_iso()
            conn.execute(
                "UPDATE damages SET " + ", ".join(f"{k}=?" for k in changed) + ", version=version+1 WHERE fid=?",
                (*changed.values(), damage_id),
            )
            conn.executemany(
                "INSERT INTO audit (action_id, damage_id, who, at, action, field, old_value, new_value) "
                "VALUES (?,?,?,?,?,?,?,?)",
                [(action_id, damage_id, who, at, action, k, _text(row[k]), _text(v)) for k, v in changed.items()],
            )
            return action_id

    def last_action(self, who=None):
        """The newest audit action not yet undone (optionally of one user): (action_id, damage_id) or None."""
        sql = "SELECT action_id, damage_id FROM audit WHERE undone=0 AND action != 'undo'"
        params = ()
        if who is not None:
            sql += " AND who=?"
            params = (who,)
        row = self.conn.execute(sql + " ORDER BY action_id DESC LIMIT 1", params).fetchone()
        return (row[0], row[1]) if row else None

    def undo_action(self, action_id, who):
        """Restore the old values of one audit action; the undo itself is audited. Returns damage id."""
        with self.transaction() as conn:
            entries = conn.execute(
                "SELECT damage_id, field, old_value, new_value FROM audit WHERE action_id=? AND undone=0",
                (action_id,),
            ).fetchall()
            if not entries:
                return None
            damage_id = entries[0]["damage_id"]
            row = conn.execute("SELECT * FROM damages WHERE fid=?", (damage_id,)).fetchone()
            if any(_text(row[e["field"]]) != e["new_value"] for e in entries):
                raise StoreError(
                    tr("Damage {id} was changed again in the meantime; the action cannot be undone.").format(
                        id=damage_id
                    )
                )
            restore = {e["field"]: _untext(e["field"], e["old_value"]) for e in entries}
            conn.execute(
                "UPDATE damages SET " + ", ".join(f"{k}=?" for k in restore) + ", version=version+1 WHERE fid=?",
                (*restore.values(), damage_id),
            )
            conn.execute("UPDATE audit SET undone=1 WHERE action_id=?", (action_id,))
            new_action = conn.execute("SELECT coalesce(max(action_id), 0) + 1 FROM audit").fetchone()[0]
            at = now_iso()
            conn.executemany(
                "INSERT INTO audit (action_id, damage_id, who, at, action, field, old_value, new_value, undone) "
                "VALUES (?,?,?,?,'undo',?,?,?,1)",
                [(new_action, damage_id, who, at, k, _text(row[k]), _text(v)) for k, v in restore.items()],
            )
            return damage_id

    def audit(self, damage_id=None):
        sql = "SELECT * FROM audit"
        params = ()
        if damage_id is not None:
            sql += " WHERE damage_id=?"
            params = (damage_id,)
        return [dict(r) for r in self.conn.execute(sql + " ORDER BY fid", params)]

    def set_streets(self, names):
        """``names``: {damage_id: street name} (pipeline, one transaction by the caller)."""
        self.conn.executemany("UPDATE damages SET street=? WHERE fid=?", [(v, k) for k, v in names.items()])


def _text(value):
    return None if value is None else str(value)


def _untext(field, value):
    if value is None:
        return None
    if field == "duplicate_of":
        return int(value)
    return value
