"""The damage store in PostgreSQL/PostGIS: several reviewers on one queue.

``PostgisDamageStore`` offers the methods of the GeoPackage ``DamageStore`` that the review
queue, the dock and the exports use (it subclasses it, so ``ReviewQueue`` takes it unchanged),
plus what several reviewers at once need:

- ``claim_next(who, lease_seconds)`` hands out the next unreviewed damage with
  ``SELECT … FOR UPDATE SKIP LOCKED`` and a lease (``claimed_by``/``claimed_until``): no damage
  goes to two reviewers at once; an expired lease (reviewer gone) frees it again.
- Each decision is one transaction with an optimistic version check. When someone else decided
  first, ``DecisionConflict`` (a ``StoreError``) says so in the user's language ("bereits von
  anna um 10:42 bestätigt") and nothing is overwritten. Every decision writes audit rows.
- ``changes_since(cursor)`` returns other reviewers' decisions since the last call (the dock's
  refresh timer); the cursor is a transaction horizon, so no decision committed late is missed.
- With a ``PendingJournal`` a decision made while the server is unreachable is kept locally and
  durably (``DecisionPending`` is raised so the dock can show it) and written later by
  ``flush_pending()``; each decision carries a request id, so it is written exactly once even
  when the connection broke between COMMIT and its acknowledgement.

The schema is created and upgraded by versioned migrations (``common.migrations``).
"""

import contextlib
import datetime
import uuid

from ..common.errors import StoreError
from ..common.i18n import tr
from ..common.migrations import Migration, migrate
from ..common.postgres import (
    ConnectionLost,
    PgConnector,
    check_schema_name,
    is_connection_error,
    psycopg2_module,
    translate_error,
)
from .store import REVIEW_FIELDS, STATUSES, DamageStore, now_iso

COMPONENT = "roaddamage"
DEFAULT_SCHEMA = "strassenschaeden"

_V1 = (
    "CREATE TABLE IF NOT EXISTS {s}.drives (fid serial PRIMARY KEY, name text, source text, track text, "
    "model text, camera text, clock_offset double precision, started_at text, finished_at text, status text, "
    "frame_count integer DEFAULT 0, detection_count integer DEFAULT 0, damage_count integer DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS {s}.frames (fid serial PRIMARY KEY, geom geometry(Point, 25832), "
    "drive_id integer NOT NULL REFERENCES {s}.drives(fid), seq integer, image text, path text, taken_at text, "
    "easting double precision, northing double precision, heading double precision, width integer, "
    "height integer, position_source text, status text, message text)",
    "CREATE TABLE IF NOT EXISTS {s}.detections (fid serial PRIMARY KEY, geom geometry(Point, 25832), "
    "drive_id integer NOT NULL REFERENCES {s}.drives(fid), frame_id integer NOT NULL REFERENCES {s}.frames(fid), "
    "image text, class_id integer, class_name text, confidence double precision, x1 double precision, "
    "y1 double precision, x2 double precision, y2 double precision, easting double precision, "
    "northing double precision, distance double precision, damage_id integer)",
    "CREATE TABLE IF NOT EXISTS {s}.damages (fid serial PRIMARY KEY, geom geometry(Point, 25832), "
    "drive_id integer NOT NULL REFERENCES {s}.drives(fid), class_name text, detected_class text, "
    "confidence double precision, status text NOT NULL DEFAULT 'unreviewed', severity text, comment text, "
    "duplicate_of integer, street text, reviewer text, reviewed_at text, key_detection integer, "
    "observations integer, easting double precision, northing double precision, "
    "version integer NOT NULL DEFAULT 1)",
    "CREATE TABLE IF NOT EXISTS {s}.audit (fid bigserial PRIMARY KEY, action_id bigint NOT NULL, "
    "damage_id integer NOT NULL, who text, at text, action text, field text, old_value text, new_value text, "
    "undone integer DEFAULT 0)",
    "CREATE INDEX IF NOT EXISTS frames_drive_idx ON {s}.frames(drive_id, seq)",
    "CREATE INDEX IF NOT EXISTS detections_frame_idx ON {s}.detections(frame_id)",
    "CREATE INDEX IF NOT EXISTS detections_damage_idx ON {s}.detections(damage_id)",
    "CREATE INDEX IF NOT EXISTS damages_status_idx ON {s}.damages(status, confidence)",
    "CREATE INDEX IF NOT EXISTS damages_class_idx ON {s}.damages(class_name)",
    "CREATE INDEX IF NOT EXISTS damages_street_idx ON {s}.damages(street)",
    "CREATE INDEX IF NOT EXISTS damages_drive_idx ON {s}.damages(drive_id)",
    "CREATE INDEX IF NOT EXISTS audit_damage_idx ON {s}.audit(damage_id)",
    "CREATE INDEX IF NOT EXISTS audit_action_idx ON {s}.audit(action_id)",
    "CREATE INDEX IF NOT EXISTS damages_geom_idx ON {s}.damages USING gist(geom)",
    "CREATE INDEX IF NOT EXISTS frames_geom_idx ON {s}.frames USING gist(geom)",
    "CREATE INDEX IF NOT EXISTS detections_geom_idx ON {s}.detections USING gist(geom)",
)

_V2 = (
    # Concurrent review: claims with a lease, a sequence for action ids, the transaction id of each
    # audit row (the refresh cursor), a real timestamp and the client's request id (exactly once).
    "ALTER TABLE {s}.damages ADD COLUMN IF NOT EXISTS claimed_by text",
    "ALTER TABLE {s}.damages ADD COLUMN IF NOT EXISTS claimed_until timestamptz",
    "ALTER TABLE {s}.audit ADD COLUMN IF NOT EXISTS txid bigint NOT NULL DEFAULT txid_current()",
    "ALTER TABLE {s}.audit ADD COLUMN IF NOT EXISTS at_ts timestamptz NOT NULL DEFAULT now()",
    "ALTER TABLE {s}.audit ADD COLUMN IF NOT EXISTS request_id text",
    "CREATE SEQUENCE IF NOT EXISTS {s}.audit_action_seq",
    "SELECT setval('{s}.audit_action_seq', greatest((SELECT max(action_id) FROM {s}.audit), 1))",
    "CREATE INDEX IF NOT EXISTS audit_txid_idx ON {s}.audit(txid)",
    "CREATE INDEX IF NOT EXISTS audit_request_idx ON {s}.audit(request_id)",
    "CREATE INDEX IF NOT EXISTS damages_queue_idx ON {s}.damages(confidence DESC, fid) WHERE status = 'unreviewed'",
)

MIGRATIONS = (
    Migration(1, "damage store tables (as the GeoPackage)", _V1),
    Migration(2, "concurrent review: claims, action sequence, audit txid/timestamp/request id", _V2),
)
SCHEMA_VERSION = max(m.version for m in MIGRATIONS)

_DAMAGE_COLUMNS = (
    "fid, drive_id, class_name, detected_class, confidence, status, severity, comment, duplicate_of, "
    "street, reviewer, reviewed_at, key_detection, observations, easting, northing, version"
)
_OBSERVATIONS = (
    "SELECT d.fid, d.frame_id, d.image, d.class_name, d.confidence, d.x1, d.y1, d.x2, d.y2, "
    "d.easting, d.northing, f.path, f.width, f.height, f.seq, d.damage_id FROM detections d "
    "JOIN frames f ON f.fid = d.frame_id"
)
_FRAME_BOXES = "SELECT fid, class_name, confidence, x1, y1, x2, y2, damage_id, frame_id FROM detections"
_CACHE_LIMIT = 50_000
_RETURNING = ", ".join("d." + c.strip() for c in _DAMAGE_COLUMNS.split(","))
_ORDER_COLUMNS = ("confidence", "class_name", "street", "drive_id", "fid")


class DecisionConflict(StoreError):  # noqa: N818 - reads as the domain word
    """Someone else decided or changed the damage first; nothing was overwritten."""

    def __init__(self, message, damage_id=None, who=None, at=None, action=None, current=None):
        super().__init__(message)
        self.damage_id = damage_id
        self.who = who
        self.at = at
        self.action = action
        self.current = current


class DecisionPending(StoreError):  # noqa: N818
    """The server is unreachable: the decision is kept locally and written when it returns."""

    def __init__(self, message, entry_id=None, details=None):
        super().__init__(message, details)
        self.entry_id = entry_id


def _local_time(value):
    if value is None:
        return "?"
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
    if value.tzinfo is not None:
        value = value.astimezone()
    today = datetime.datetime.now().date()
    return value.strftime("%H:%M") if value.date() == today else value.strftime("%d.%m.%Y %H:%M")


def conflict_message(damage_id, who, at, action):
    """'Damage 7: already confirmed by anna at 10:42' (translated)."""
    who = who or "?"
    time = _local_time(at)
    if action == "confirm":
        text = tr("Damage {id}: already confirmed by {who} at {time}")
    elif action == "reject":
        text = tr("Damage {id}: already rejected by {who} at {time}")
    elif action == "duplicate":
        text = tr("Damage {id}: already marked as a duplicate by {who} at {time}")
    else:
        text = tr("Damage {id}: already changed by {who} at {time}")
    return text.format(id=damage_id, who=who, time=time)


class PostgisDamageStore(DamageStore):
    """A damage store in a PostgreSQL schema. Open with ``PostgisDamageStore.open(dsn, schema)``
    or ``PostgisDamageStore.open_saved(qgis_connection_name, schema)``."""

    def __init__(self, connector, schema=DEFAULT_SCHEMA, journal=None, readonly=False, migrate_schema=True):
        self.connector = connector
        self.schema = check_schema_name(schema)
        self.journal = journal
        self.path = "postgresql://{key}#{schema}".format(key=connector.key(), schema=schema)
        self.writable = not readonly
        self._in_transaction = False
        self._cursor = None
        self._offline = {}
        self.conn = None
        self._connect()
        if migrate_schema and not readonly:
            migrate(self.conn, schema, COMPONENT, MIGRATIONS)
            self._set_search_path()
        self._check_schema()

    # Opening ------------------------------------------------------------------------------
    @classmethod
    def open(cls, dsn, schema=DEFAULT_SCHEMA, journal=None, readonly=False, create=True, **_ignored):
        connector = dsn if isinstance(dsn, PgConnector) else PgConnector.from_dsn(dsn)
        return cls(connector, schema=schema, journal=journal, readonly=readonly, migrate_schema=create)

    @classmethod
    def open_saved(cls, name, schema=DEFAULT_SCHEMA, journal=None, readonly=False):
        return cls(PgConnector.from_saved(name), schema=schema, journal=journal, readonly=readonly)

    @classmethod
    def create(cls, dsn, schema=DEFAULT_SCHEMA, **kwargs):
        return cls.open(dsn, schema=schema, **kwargs)

    @property
    def store_key(self):
        return "{key}#{schema}".format(key=self.connector.key(), schema=self.schema)

    def _connect(self):
        self.conn = self.connector.connect()
        self._set_search_path()

    def _set_search_path(self):
        from psycopg2 import sql

        psycopg2 = psycopg2_module()
        try:
            with self.conn.cursor() as cur:
                cur.execute(sql.SQL("SET search_path TO {}, public").format(sql.Identifier(self.schema)))
            self.conn.commit()
        except psycopg2.Error as error:
            self._drop_connection()
            raise translate_error(error, self.connector.name) from error

    def _connection(self):
        if self.conn is None or self.conn.closed:
            self._connect()
        return self.conn

    def _drop_connection(self):
        if self.conn is not None:
            with contextlib.suppress(Exception):
                self.conn.close()
        self.conn = None

    def close(self):
        self._drop_connection()

    def _check_schema(self):
        from ..common.migrations import current_version

        psycopg2 = psycopg2_module()
        try:
            version = current_version(self.conn, self.schema, COMPONENT)
            self.conn.commit()
        except psycopg2.Error as error:
            self._fail(error)
        if version == 0:
            raise StoreError(tr("The database schema {schema} holds no damage store.").format(schema=self.schema))
        if version > SCHEMA_VERSION:
            raise StoreError(
                tr("The database schema {schema} was written by a newer plugin version ({version}).").format(
                    schema=self.schema, version=version
                )
            )

    def schema_version(self):
        from ..common.migrations import current_version

        version = current_version(self._connection(), self.schema, COMPONENT)
        self.conn.commit()
        return version

    def _fail(self, error):
        """Roll back, forget a broken connection, raise the translated error."""
        psycopg2 = psycopg2_module()
        if self.conn is not None:
            with contextlib.suppress(psycopg2.Error, AttributeError):
                self.conn.rollback()
        if is_connection_error(error):
            self._drop_connection()
        raise translate_error(error, self.connector.name) from error

    # Transactions and reads ------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self):
        """One write transaction (a psycopg2 cursor with dict rows); nested use joins the outer one."""
        if self._in_transaction:
            yield self._cursor
            return
        psycopg2 = psycopg2_module()
        extras = psycopg2.extras

        if not self.writable:
            raise StoreError(tr("The damage store is open read-only: {path}").format(path=self.path))
        conn = self._connection()
        self._in_transaction = True
        try:
            with conn.cursor(cursor_factory=extras.RealDictCursor) as cur:
                self._cursor = cur
                yield cur
            conn.commit()
        except psycopg2.Error as error:
            self._fail(error)
        except BaseException:
            with contextlib.suppress(psycopg2.Error):
                conn.rollback()
            raise
        finally:
            self._in_transaction = False
            self._cursor = None

    def _rows(self, query, params=(), retry=True):
        psycopg2 = psycopg2_module()
        extras = psycopg2.extras

        if self._in_transaction:
            self._cursor.execute(query, params)
            return [dict(r) for r in self._cursor.fetchall()]
        try:
            conn = self._connection()
            with conn.cursor(cursor_factory=extras.RealDictCursor) as cur:
                cur.execute(query, params)
                rows = [dict(r) for r in cur.fetchall()] if cur.description else []
            conn.commit()
            return rows
        except psycopg2.Error as error:
            if retry and is_connection_error(error):
                self._drop_connection()  # the server was restarted: one fresh attempt
                return self._rows(query, params, retry=False)
            self._fail(error)
        except ConnectionLost:
            if retry:
                return self._rows(query, params, retry=False)
            raise

    def _one(self, query, params=()):
        rows = self._rows(query, params)
        return rows[0] if rows else None

    def _scalar(self, query, params=()):
        row = self._one(query, params)
        return None if row is None else next(iter(row.values()))

    # Writes of the pipeline / copying a drive onto the server -----------------------------
    def add_drive(self, name, source, track=None, model=None, camera=None, clock_offset=0.0):
        with self.transaction() as cur:
            cur.execute(
                "INSERT INTO drives (name, source, track, model, camera, clock_offset, started_at, status) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, 'running') RETURNING fid",
                (name, source, track, model, camera, clock_offset, now_iso()),
            )
            return cur.fetchone()["fid"]

    def finish_drive(self, drive_id, status="complete"):
        with self.transaction() as cur:
            cur.execute(
                "UPDATE drives SET finished_at=%s, status=%s, "
                "frame_count=(SELECT count(*) FROM frames WHERE drive_id=%s), "
                "detection_count=(SELECT count(*) FROM detections WHERE drive_id=%s), "
                "damage_count=(SELECT count(*) FROM damages WHERE drive_id=%s) WHERE fid=%s",
                (now_iso(), status, drive_id, drive_id, drive_id, drive_id),
            )

    def add_frame(self, drive_id, frame):
        with self.transaction() as cur:
            cur.execute(
                "INSERT INTO frames (geom, drive_id, seq, image, path, taken_at, easting, northing, heading, width, "
                "height, position_source, status, message) VALUES (ST_SetSRID(ST_MakePoint(%s, %s), 25832), "
                "%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING fid",
                (
                    frame.get("easting"),
                    frame.get("northing"),
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
            return cur.fetchone()["fid"]

    def add_detections(self, drive_id, frame_id, image, rows):
        ids = []
        with self.transaction() as cur:
            for r in rows:
                cur.execute(
                    "INSERT INTO detections (geom, drive_id, frame_id, image, class_id, class_name, confidence, "
                    "x1, y1, x2, y2, easting, northing, distance) VALUES (ST_SetSRID(ST_MakePoint(%s, %s), 25832), "
                    "%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING fid",
                    (
                        r.get("easting"),
                        r.get("northing"),
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
                ids.append(cur.fetchone()["fid"])
        return ids

    def add_damage(self, drive_id, damage):
        with self.transaction() as cur:
            cur.execute(
                "INSERT INTO damages (geom, drive_id, class_name, detected_class, confidence, status, street, "
                "key_detection, observations, easting, northing) VALUES (ST_SetSRID(ST_MakePoint(%s, %s), 25832), "
                "%s, %s, %s, %s, 'unreviewed', %s, %s, %s, %s, %s) RETURNING fid",
                (
                    damage["easting"],
                    damage["northing"],
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
            damage_id = cur.fetchone()["fid"]
            if damage["detection_ids"]:
                cur.execute(
                    "UPDATE detections SET damage_id=%s WHERE fid = ANY(%s)", (damage_id, list(damage["detection_ids"]))
                )
            return damage_id

    def set_streets(self, names):
        with self.transaction() as cur:
            for damage_id, street in names.items():
                cur.execute("UPDATE damages SET street=%s WHERE fid=%s", (street, damage_id))

    def copy_from(self, source, feedback=None):
        """Copy every drive of a GeoPackage ``DamageStore`` (frames, detections, damages with their
        review state) into this store in one transaction. Returns {old damage id: new id}."""
        from ..common.feedback import raise_if_canceled

        mapping = {}
        with self.transaction() as cur:
            drives = source.drives()
            for n, drive in enumerate(drives):
                if feedback is not None:
                    raise_if_canceled(feedback)
                new_drive = self.add_drive(
                    drive["name"],
                    drive["source"],
                    drive["track"],
                    drive["model"],
                    drive["camera"],
                    drive["clock_offset"],
                )
                frames = {}
                for frame in source.frames(drive["fid"]):
                    frames[frame["fid"]] = self.add_frame(new_drive, frame)
                detections = {}
                for frame_id, new_frame in frames.items():
                    rows = source.frame_detections(frame_id)
                    full = [source.detection(r["fid"]) for r in rows]
                    new_ids = self.add_detections(
                        new_drive, new_frame, full[0]["image"] if full else None, [dict(d) for d in full]
                    )
                    detections.update(zip((r["fid"] for r in rows), new_ids))
                for damage_id in source.damage_ids(statuses=None, drives=[drive["fid"]], order=(("fid", False),)):
                    d = source.damage(damage_id)
                    obs = [detections[o["fid"]] for o in source.observations(damage_id) if o["fid"] in detections]
                    new_id = self.add_damage(
                        new_drive,
                        {
                            "class_name": d["detected_class"] or d["class_name"],
                            "confidence": d["confidence"],
                            "easting": d["easting"],
                            "northing": d["northing"],
                            "street": d["street"],
                            "key_detection": detections.get(d["key_detection"]),
                            "detection_ids": obs,
                        },
                    )
                    cur.execute(
                        "UPDATE damages SET class_name=%s, status=%s, severity=%s, comment=%s, reviewer=%s, "
                        "reviewed_at=%s, observations=%s WHERE fid=%s",
                        (
                            d["class_name"],
                            d["status"],
                            d["severity"],
                            d["comment"],
                            d["reviewer"],
                            d["reviewed_at"],
                            d["observations"],
                            new_id,
                        ),
                    )
                    mapping[damage_id] = new_id
                for old, new in mapping.items():
                    dup = source.damage(old)["duplicate_of"]
                    if dup is not None and dup in mapping:
                        cur.execute("UPDATE damages SET duplicate_of=%s WHERE fid=%s", (mapping[dup], new))
                self.finish_drive(new_drive, drive["status"] or "complete")
                if feedback is not None:
                    feedback.setProgress(100.0 * (n + 1) / max(len(drives), 1))
        return mapping

    # Reading ------------------------------------------------------------------------------
    def count(self, table, where="", params=()):
        if table not in ("drives", "frames", "detections", "damages", "audit"):
            raise ValueError(table)
        from psycopg2 import sql

        query = sql.SQL("SELECT count(*) AS n FROM {} ").format(sql.Identifier(table))
        return self._scalar(query + sql.SQL(where.replace("?", "%s")), params)

    def drives(self):
        return self._rows(
            "SELECT fid, name, source, track, model, camera, clock_offset, started_at, finished_at, "
            "status, frame_count, detection_count, damage_count FROM drives ORDER BY fid"
        )

    def frames(self, drive_id=None):
        q = (
            "SELECT fid, drive_id, seq, image, path, taken_at, easting, northing, heading, width, height, "
            "position_source, status, message FROM frames"
        )
        if drive_id is None:
            return self._rows(q + " ORDER BY drive_id, seq")
        return self._rows(q + " WHERE drive_id=%s ORDER BY seq", (drive_id,))

    # Offline reading: what was read last is kept, so the review can go on through damages already
    # loaded (or prefetched) while the server is unreachable; decisions then become pending.
    def _cached(self, key, load):
        import copy

        try:
            value = load()
        except ConnectionLost:
            if key in self._offline:
                return copy.deepcopy(self._offline[key])
            raise
        if len(self._offline) > _CACHE_LIMIT:
            self._offline.clear()
        self._offline[key] = copy.deepcopy(value)
        return value

    def prefetch(self, damage_ids):
        """Load damages, their observations and the boxes of their key photos into the offline
        cache in three queries (the dock calls it for the next damages of the queue)."""
        ids = [int(i) for i in damage_ids]
        if not ids:
            return
        damages = self._rows(
            f"SELECT {_DAMAGE_COLUMNS}, claimed_by, claimed_until FROM damages WHERE fid = ANY(%s)", (ids,)
        )
        observations = {i: [] for i in ids}
        for row in self._rows(_OBSERVATIONS + " WHERE d.damage_id = ANY(%s) ORDER BY f.seq", (ids,)):
            observations[row.pop("damage_id")].append(row)
        frames = {o["frame_id"] for rows in observations.values() for o in rows}
        boxes = {f: [] for f in frames}
        for row in self._rows(_FRAME_BOXES + " WHERE frame_id = ANY(%s) ORDER BY fid", (list(frames),)):
            boxes[row["frame_id"]].append({k: v for k, v in row.items() if k != "frame_id"})
        for row in damages:
            self._offline[("damage", row["fid"])] = row
        for damage_id, rows in observations.items():
            self._offline[("observations", damage_id)] = rows
        for frame_id, rows in boxes.items():
            self._offline[("frame_detections", frame_id)] = rows

    def damage(self, damage_id):
        return self._cached(
            ("damage", damage_id),
            lambda: self._one(
                f"SELECT {_DAMAGE_COLUMNS}, claimed_by, claimed_until FROM damages WHERE fid=%s", (damage_id,)
            ),
        )

    def observations(self, damage_id):
        return self._cached(
            ("observations", damage_id),
            lambda: [
                {k: v for k, v in r.items() if k != "damage_id"}
                for r in self._rows(_OBSERVATIONS + " WHERE d.damage_id=%s ORDER BY f.seq", (damage_id,))
            ],
        )

    def frame_detections(self, frame_id):
        return self._cached(
            ("frame_detections", frame_id),
            lambda: [
                {k: v for k, v in r.items() if k != "frame_id"}
                for r in self._rows(_FRAME_BOXES + " WHERE frame_id=%s ORDER BY fid", (frame_id,))
            ],
        )

    def detection(self, detection_id):
        row = self._one(
            "SELECT d.fid, d.drive_id, d.frame_id, d.image, d.class_id, d.class_name, d.confidence, d.x1, d.y1, "
            "d.x2, d.y2, d.easting, d.northing, d.distance, d.damage_id, f.path, f.width, f.height "
            "FROM detections d JOIN frames f ON f.fid = d.frame_id WHERE d.fid=%s",
            (detection_id,),
        )
        return row

    @staticmethod
    def _filters(statuses=None, classes=None, streets=None, drives=None, min_confidence=None):
        where, params = [], []
        for column, values in (
            ("status", statuses),
            ("class_name", classes),
            ("street", streets),
            ("drive_id", drives),
        ):
            if values:
                where.append(f"{column} = ANY(%s)")
                params.append(list(values))
        if min_confidence is not None:
            where.append("confidence >= %s")
            params.append(float(min_confidence))
        return where, params

    @staticmethod
    def _order(order):
        terms = []
        for column, descending in order or (("confidence", True),):
            if column not in _ORDER_COLUMNS:
                raise ValueError(column)
            terms.append(f"{column} {'DESC' if descending else 'ASC'} NULLS {'FIRST' if descending else 'LAST'}")
        terms.append("fid ASC")
        return ", ".join(terms)

    def damage_ids(self, statuses=None, classes=None, streets=None, drives=None, min_confidence=None, order=()):
        where, params = self._filters(statuses, classes, streets, drives, min_confidence)
        q = "SELECT fid FROM damages"
        if where:
            q += " WHERE " + " AND ".join(where)
        q += " ORDER BY " + self._order(order)
        key = ("damage_ids", repr((statuses, classes, streets, drives, min_confidence, order)))
        return self._cached(key, lambda: [r["fid"] for r in self._rows(q, params)])

    def damage_rows(self, ids):
        ids = list(ids)
        if not ids:
            return []
        rows = {
            r["fid"]: r
            for r in self._rows(
                "SELECT fid, class_name, confidence, street, drive_id, status, severity FROM damages "
                "WHERE fid = ANY(%s)",
                (ids,),
            )
        }
        return [rows[i] for i in ids if i in rows]

    def status_counts(self):
        def load():
            counts = dict.fromkeys(STATUSES, 0)
            for r in self._rows("SELECT status, count(*) AS n FROM damages GROUP BY status"):
                counts[r["status"]] = r["n"]
            return counts

        return self._cached(("status_counts",), load)

    def distinct(self, column):
        if column not in ("class_name", "street", "drive_id", "status"):
            raise ValueError(column)
        return [
            r["v"]
            for r in self._rows(f"SELECT DISTINCT {column} AS v FROM damages WHERE {column} IS NOT NULL ORDER BY 1")
        ]

    def confirmed_damages(self):
        return self._rows(
            "SELECT g.fid, g.class_name, g.confidence, g.severity, g.comment, g.street, g.reviewer, "
            "g.reviewed_at, g.easting, g.northing, g.drive_id, d.image, d.x1, d.y1, d.x2, d.y2, f.path "
            "FROM damages g LEFT JOIN detections d ON d.fid = g.key_detection "
            "LEFT JOIN frames f ON f.fid = d.frame_id WHERE g.status='confirmed' ORDER BY g.street, g.fid"
        )

    def drive_detections(self, drive_id):
        return self._rows(
            "SELECT d.fid, d.class_name, d.confidence, d.x1, d.y1, d.x2, d.y2, d.easting, d.northing, "
            "f.seq, f.width, f.height FROM detections d JOIN frames f ON f.fid = d.frame_id "
            "WHERE d.drive_id=%s AND d.easting IS NOT NULL ORDER BY f.seq, d.fid",
            (drive_id,),
        )

    def audit(self, damage_id=None):
        q = (
            "SELECT fid, action_id, damage_id, who, at, action, field, old_value, new_value, undone, "
            "request_id FROM audit"
        )
        if damage_id is None:
            return self._rows(q + " ORDER BY fid")
        return self._rows(q + " WHERE damage_id=%s ORDER BY fid", (damage_id,))

    # Claims ------------------------------------------------------------------------------
    def claim_next(
        self,
        who,
        lease_seconds=300,
        classes=None,
        streets=None,
        drives=None,
        min_confidence=None,
        order=(),
        exclude=(),
    ):
        """Hand the next unreviewed damage to ``who`` for ``lease_seconds`` and return it (None
        when the queue is empty). Damages claimed by others with a valid lease are skipped, and so
        are rows another reviewer is claiming this very moment (SKIP LOCKED): never two at once."""
        where, params = self._filters(None, classes, streets, drives, min_confidence)
        where.insert(0, "status = 'unreviewed'")  # a literal: the partial queue index applies
        where.append("(claimed_by IS NULL OR claimed_until < now() OR claimed_by = %s)")
        params.append(who)
        if exclude:
            where.append("NOT (fid = ANY(%s))")
            params.append(list(exclude))
        try:
            return self._claim(where, params, who, lease_seconds, order)
        except ConnectionLost:
            return self._claim(where, params, who, lease_seconds, order)  # fresh connection, once

    def _claim(self, where, params, who, lease_seconds, order):
        with self.transaction() as cur:
            cur.execute(
                "WITH c AS (SELECT fid FROM damages WHERE "
                + " AND ".join(where)
                + " ORDER BY "
                + self._order(order)
                + " LIMIT 1 FOR UPDATE SKIP LOCKED) "
                "UPDATE damages d SET claimed_by = %s, claimed_until = now() + make_interval(secs => %s) "
                f"FROM c WHERE d.fid = c.fid RETURNING {_RETURNING}, "
                "d.claimed_by, d.claimed_until",
                (*params, who, float(lease_seconds)),
            )
            row = cur.fetchone()
            return dict(row) if row else None

    def claim(self, damage_id, who, lease_seconds=300):
        """Take the lease on one damage unless another reviewer holds it; True when ``who`` has it.

        The review queue claims the damage it shows, so two reviewers never work on the same one."""
        with self.transaction() as cur:
            cur.execute(
                "UPDATE damages SET claimed_by = %s, claimed_until = now() + make_interval(secs => %s) "
                "WHERE fid = %s AND (claimed_by IS NULL OR claimed_until < now() OR claimed_by = %s)",
                (who, float(lease_seconds), damage_id, who),
            )
            return cur.rowcount == 1

    def release(self, damage_id, who):
        """Give a claimed damage back to the queue (only the claimant's own claim)."""
        with self.transaction() as cur:
            cur.execute(
                "UPDATE damages SET claimed_by = NULL, claimed_until = NULL WHERE fid = %s AND claimed_by = %s",
                (damage_id, who),
            )
            return cur.rowcount == 1

    def release_all(self, who):
        with self.transaction() as cur:
            cur.execute("UPDATE damages SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = %s", (who,))
            return cur.rowcount

    # Review writes ------------------------------------------------------------------------
    def _conflict(self, cur, row):
        cur.execute(
            "SELECT who, at_ts, action FROM audit WHERE damage_id = %s AND action <> 'undo' "
            "ORDER BY action_id DESC LIMIT 1",
            (row["fid"],),
        )
        last = cur.fetchone()
        who = last["who"] if last else row.get("reviewer")
        at = last["at_ts"] if last else row.get("reviewed_at")
        action = last["action"] if last else None
        return DecisionConflict(conflict_message(row["fid"], who, at, action), row["fid"], who, at, action, dict(row))

    def apply_change(self, damage_id, changes, who, action, expected_version=None, request_id=None):
        """Set ``changes`` on a damage in one transaction with audit rows. Returns the action id
        (None when nothing changed). ``DecisionConflict`` when the version moved on or another
        reviewer holds a valid claim; ``DecisionPending`` when the server is unreachable and a
        journal keeps the decision."""
        for field in changes:
            if field not in REVIEW_FIELDS:
                raise ValueError(field)
        request_id = request_id or uuid.uuid4().hex
        try:
            try:
                return self._apply(damage_id, changes, who, action, expected_version, request_id)
            except ConnectionLost:
                # A stale connection (server restarted since the last call): one more try on a
                # fresh one. Safe: the request id makes the write happen at most once.
                return self._apply(damage_id, changes, who, action, expected_version, request_id)
        except ConnectionLost as error:
            if self.journal is None:
                raise
            entry = self.journal.add(self.store_key, damage_id, changes, who, action, expected_version, request_id)
            cached = self._offline.get(("damage", damage_id))
            if cached is not None:  # the reviewer sees the decision (marked pending) while offline
                cached.update(changes)
                cached["pending"] = True
            raise DecisionPending(
                tr(
                    "The database server cannot be reached: the decision on damage {id} is saved on this computer "
                    "and will be written when the connection is back."
                ).format(id=damage_id),
                entry_id=entry,
                details=error.details,
            ) from error

    def _apply(self, damage_id, changes, who, action, expected_version, request_id):
        with self.transaction() as cur:
            cur.execute("SELECT action_id FROM audit WHERE request_id = %s LIMIT 1", (request_id,))
            done = cur.fetchone()
            if done:  # written before (connection broke after COMMIT): exactly once
                return done["action_id"]
            cur.execute(
                "SELECT *, (claimed_by IS NOT NULL AND claimed_by <> %s AND claimed_until > now()) AS held "
                "FROM damages WHERE fid=%s FOR UPDATE",
                (who, damage_id),
            )
            row = cur.fetchone()
            if row is None:
                raise StoreError(tr("Damage {id} does not exist in the store.").format(id=damage_id))
            if expected_version is not None and row["version"] != expected_version:
                raise self._conflict(cur, row)
            if "status" in changes and row["held"]:
                raise DecisionConflict(
                    tr("Damage {id} is being reviewed by {who} (until {time}).").format(
                        id=damage_id, who=row["claimed_by"], time=_local_time(row["claimed_until"])
                    ),
                    damage_id,
                    row["claimed_by"],
                    row["claimed_until"],
                    "claim",
                    dict(row),
                )
            changed = {k: v for k, v in changes.items() if row[k] != v}
            if not changed:
                if "status" in changes:
                    cur.execute(
                        "UPDATE damages SET claimed_by=NULL, claimed_until=NULL WHERE fid=%s AND claimed_by=%s",
                        (damage_id, who),
                    )
                return None
            cur.execute("SELECT nextval('audit_action_seq') AS a")
            action_id = cur.fetchone()["a"]
            at = now_iso()
            sets = ", ".join(f"{k}=%s" for k in changed)
            release = ", claimed_by=NULL, claimed_until=NULL" if "status" in changed else ""
            cur.execute(
                f"UPDATE damages SET {sets}, version=version+1{release} WHERE fid=%s",
                (*changed.values(), damage_id),
            )
            for k, v in changed.items():
                cur.execute(
                    "INSERT INTO audit (action_id, damage_id, who, at, action, field, old_value, new_value, "
                    "request_id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    (action_id, damage_id, who, at, action, k, _text(row[k]), _text(v), request_id),
                )
            return action_id

    def last_action(self, who=None):
        q = "SELECT action_id, damage_id FROM audit WHERE undone=0 AND action <> 'undo'"
        params = ()
        if who is not None:
            q += " AND who=%s"
            params = (who,)
        row = self._one(q + " ORDER BY action_id DESC LIMIT 1", params)
        return (row["action_id"], row["damage_id"]) if row else None

    def undo_action(self, action_id, who):
        """Restore the old values of one action (audited). Refused with ``DecisionConflict`` when
        someone else changed the damage since: an undo never overwrites another reviewer."""
        from .store import _untext

        with self.transaction() as cur:
            cur.execute(
                "SELECT damage_id, field, old_value, new_value FROM audit WHERE action_id=%s AND undone=0 ORDER BY fid",
                (action_id,),
            )
            entries = cur.fetchall()
            if not entries:
                return None
            damage_id = entries[0]["damage_id"]
            cur.execute("SELECT * FROM damages WHERE fid=%s FOR UPDATE", (damage_id,))
            row = cur.fetchone()
            if any(_text(row[e["field"]]) != e["new_value"] for e in entries):
                raise self._conflict(cur, row)
            restore = {e["field"]: _untext(e["field"], e["old_value"]) for e in entries}
            sets = ", ".join(f"{k}=%s" for k in restore)
            cur.execute(f"UPDATE damages SET {sets}, version=version+1 WHERE fid=%s", (*restore.values(), damage_id))
            cur.execute("UPDATE audit SET undone=1 WHERE action_id=%s", (action_id,))
            cur.execute("SELECT nextval('audit_action_seq') AS a")
            new_action = cur.fetchone()["a"]
            at = now_iso()
            for k, v in restore.items():
                cur.execute(
                    "INSERT INTO audit (action_id, damage_id, who, at, action, field, old_value, new_value, undone) "
                    "VALUES (%s, %s, %s, %s, 'undo', %s, %s, %s, 1)",
                    (new_action, damage_id, who, at, k, _text(row[k]), _text(v)),
                )
            return damage_id

    # Refresh ------------------------------------------------------------------------------
    def changes_since(self, since=None):
        """Audit rows committed since ``since`` and the cursor for the next call.

        ``since``: None (start now: no rows, just a cursor), the int cursor of the previous
        call, or a timestamp (``datetime`` / ISO text: every change from then on). Returns
        ``(rows, cursor)``; rows are dicts (action_id, damage_id, who, at, action, field,
        old_value, new_value), oldest first. The cursor is the oldest transaction still running,
        so a decision that commits late is returned by a later call, never skipped.
        """
        horizon_sql = "txid_snapshot_xmin(txid_current_snapshot())"
        if since is None:
            return [], int(self._scalar(f"SELECT {horizon_sql} AS h"))
        if isinstance(since, (datetime.datetime, str)):
            stamp = since if isinstance(since, datetime.datetime) else datetime.datetime.fromisoformat(since)
            condition, value = "at_ts >= %s", stamp
        else:
            condition, value = "txid >= %s", int(since)
        rows = self._rows(
            f"WITH h AS (SELECT {horizon_sql} AS horizon) "
            "SELECT h.horizon, a.action_id, a.damage_id, a.who, a.at, a.action, a.field, a.old_value, a.new_value "
            f"FROM h LEFT JOIN audit a ON a.{condition} AND a.txid < h.horizon ORDER BY a.fid",
            (value,),
        )
        horizon = int(rows[0]["horizon"])
        changes = [{k: v for k, v in r.items() if k != "horizon"} for r in rows if r["action_id"] is not None]
        return changes, horizon

    # Pending decisions -------------------------------------------------------------------
    def pending_count(self):
        return 0 if self.journal is None else self.journal.count(self.store_key)

    def pending(self):
        return [] if self.journal is None else self.journal.entries(self.store_key)

    def flush_pending(self):
        """Write the decisions kept while the server was unreachable (see ``PendingJournal.flush``)."""
        if self.journal is None:
            from .pending import FlushResult

            return FlushResult()
        return self.journal.flush(self)


def _text(value):
    return None if value is None else str(value)


def open_store(dsn, schema=DEFAULT_SCHEMA, journal=None):
    """Shorthand used by scripts: ``open_store("host=… dbname=…")``."""
    return PostgisDamageStore.open(dsn, schema=schema, journal=journal)


__all__ = [
    "PostgisDamageStore",
    "DecisionConflict",
    "DecisionPending",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "conflict_message",
]


def export_damages_from_store(store, output_path, feedback=None):
    """The maintenance list (.csv, .xlsx or .gpkg with photo crops) of an open store — PostGIS or
    GeoPackage — with the same columns and files as ``exports.export_damages``."""
    from . import exports

    return exports.export_damages(store, output_path, feedback)
