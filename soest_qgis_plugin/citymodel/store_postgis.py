"""The city model store in PostgreSQL/PostGIS (many desks read one city model).

Same content as the GeoPackage store (``citymodel/store.py``): ``buildings`` (2D MultiPolygon
footprints, EPSG:25832, decoded attributes and measures), ``surfaces`` (PolygonZ with absolute
DHHN2016 heights and semantic type), ``citymodel_originals`` (original XML/JSON text of every
building) and ``sources`` (one row per imported file/tile).

Import (``import_files_postgis``): the files are read and decoded by the very importer of the
GeoPackage store into a temporary GeoPackage (same problems log, same attributes), then copied
into PostGIS in ONE transaction: a re-imported tile replaces its old buildings (never
duplicates), a cancel, an error or a killed process leaves the database as it was.

Reading (``PostgisCityModelStore``): ``select_ids``, ``iter_buildings`` (``model.Building``, so
every exporter works on it), ``buildings_table``, ``sources``, ``headers`` … like
``CityModelStore``. SQL is built with bound parameters and ``psycopg2.sql.Identifier`` only.
"""

import contextlib
import json
import os
import shutil
import sqlite3
import struct
import tempfile

from ..common.errors import Cancelled, StoreError
from ..common.feedback import NullFeedback, raise_if_canceled
from ..common.i18n import tr
from ..common.migrations import Migration, current_version, migrate
from ..common.postgres import PgConnector, check_schema_name, psycopg2_module, translate_error
from .crs import STORE_EPSG
from .model import Building, Surface, set_part

COMPONENT = "citymodel"
DEFAULT_SCHEMA = "stadtmodell"

# The columns of the buildings layer (as in the GeoPackage store, schema version 1).
BUILDING_FIELDS = (
    ("gml_id", "text NOT NULL UNIQUE"),
    ("tile", "text"),
    ("source_file", "text"),
    ("function_code", "text"),
    ("function_label", "text"),
    ("roof_type_code", "text"),
    ("roof_type_label", "text"),
    ("measured_height", "double precision"),
    ("storeys", "integer"),
    ("street", "text"),
    ("house_number", "text"),
    ("postal_code", "text"),
    ("locality", "text"),
    ("address", "text"),
    ("year_of_construction", "integer"),
    ("data_source", "text"),
    ("footprint_area", "double precision"),
    ("roof_area", "double precision"),
    ("wall_area", "double precision"),
    ("volume", "double precision"),
    ("ground_z", "double precision"),
    ("min_z", "double precision"),
    ("max_z", "double precision"),
    ("lod", "integer"),
    ("part_ids", "text"),
    ("source_crs", "text"),
    ("attributes", "text"),
)
BUILDING_COLUMNS = [name for name, _ in BUILDING_FIELDS]
SURFACE_COLUMNS = ["gml_id", "part_id", "surface_type", "surface_id", "lod", "tile"]
SOURCE_COLUMNS = [
    "file",
    "tile",
    "format",
    "version",
    "size",
    "mtime",
    "imported_at",
    "count",
    "crs",
    "srs_name",
    "header",
    "namespaces",
]

_V1 = (
    "CREATE TABLE IF NOT EXISTS {s}.citymodel_meta (key text PRIMARY KEY, value text)",
    "CREATE TABLE IF NOT EXISTS {s}.sources (fid serial PRIMARY KEY, file text NOT NULL UNIQUE, tile text, "
    "format text, version text, size bigint, mtime double precision, imported_at text, count integer, crs text, "
    "srs_name text, header text, namespaces text)",
    "CREATE TABLE IF NOT EXISTS {s}.citymodel_originals (gml_id text PRIMARY KEY, tile text, format text, text text)",
    "CREATE INDEX IF NOT EXISTS citymodel_originals_tile ON {s}.citymodel_originals(tile)",
    "CREATE TABLE IF NOT EXISTS {s}.buildings (fid serial PRIMARY KEY, geom geometry(MultiPolygon, 25832), "
    + ", ".join(f"{name} {kind}" for name, kind in BUILDING_FIELDS)
    + ")",
    "CREATE INDEX IF NOT EXISTS buildings_tile ON {s}.buildings(tile)",
    "CREATE INDEX IF NOT EXISTS buildings_geom ON {s}.buildings USING gist(geom)",
    "CREATE TABLE IF NOT EXISTS {s}.surfaces (fid serial PRIMARY KEY, geom geometry(PolygonZ, 25832), "
    "gml_id text NOT NULL, part_id text, surface_type text, surface_id text, lod integer, tile text)",
    "CREATE INDEX IF NOT EXISTS surfaces_gml_id ON {s}.surfaces(gml_id)",
    "CREATE INDEX IF NOT EXISTS surfaces_tile ON {s}.surfaces(tile)",
    "CREATE INDEX IF NOT EXISTS surfaces_geom ON {s}.surfaces USING gist(geom)",
    "INSERT INTO {s}.citymodel_meta VALUES ('crs', 'EPSG:25832'), ('vertical', 'DHHN2016') ON CONFLICT DO NOTHING",
)
MIGRATIONS = (Migration(1, "city model tables (as the GeoPackage)", _V1),)
SCHEMA_VERSION = max(m.version for m in MIGRATIONS)
_CHUNK = 500


def _connector(dsn):
    return dsn if isinstance(dsn, PgConnector) else PgConnector.from_dsn(dsn)


def _set_search_path(conn, schema):
    from psycopg2 import sql

    with conn.cursor() as cur:
        cur.execute(sql.SQL("SET search_path TO {}, public").format(sql.Identifier(schema)))
    conn.commit()


def _gpkg_blob(wkb):
    """A header-less GeoPackage blob around ISO WKB (for the store's ring decoder)."""
    return b"GP\x00\x01" + struct.pack("<i", STORE_EPSG) + bytes(wkb)


# --------------------------------------------------------------------------- import
def import_files_postgis(paths, dsn, schema=DEFAULT_SCHEMA, feedback=None, log=None, work_dir=None):
    """Import CityGML/CityJSON files or folders into the PostGIS store (schema created/upgraded
    when needed). All or nothing. Returns the ``ImportSummary`` of the GeoPackage importer with
    ``store_path`` naming the database and ``total_in_store`` counted there."""
    from . import store as gpkg_store

    feedback = feedback or NullFeedback()
    check_schema_name(schema)
    connector = _connector(dsn)
    conn = connector.connect()
    try:
        migrate(conn, schema, COMPONENT, MIGRATIONS)
        _set_search_path(conn, schema)
        folder = tempfile.mkdtemp(prefix="soest-citymodel-", dir=work_dir)
        try:
            temp_store = os.path.join(folder, "import.gpkg")
            summary = gpkg_store.import_files(paths, temp_store, _ScaledFeedback(feedback, 0.0, 70.0), log)
            raise_if_canceled(feedback)
            replaced, skipped = _copy_into(conn, temp_store, summary, feedback)
            summary.replaced = replaced
            summary.skipped += skipped
            summary.buildings -= skipped
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        with conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM buildings")
            summary.total_in_store = cur.fetchone()[0]
        conn.commit()
        summary.store_path = "postgresql://{key}#{schema}".format(key=connector.key(), schema=schema)
        feedback.setProgress(100.0)
        return summary
    finally:
        conn.close()


class _ScaledFeedback:
    """Passes messages and cancel through; maps progress 0..100 into ``start..end``."""

    def __init__(self, feedback, start, end):
        self.feedback, self.start, self.end = feedback, start, end

    def setProgress(self, percent):  # noqa: N802 - QGIS API name
        self.feedback.setProgress(self.start + (self.end - self.start) * float(percent) / 100.0)

    def __getattr__(self, name):
        return getattr(self.feedback, name)


def _copy_into(conn, temp_store, summary, feedback):
    """Copy the tiles of a freshly imported GeoPackage into PostGIS in one transaction."""
    psycopg2 = psycopg2_module()
    from psycopg2.extras import execute_values

    from .store import blob_wkb

    source = sqlite3.connect(f"file:{temp_store}?mode=ro", uri=True)
    replaced = skipped = 0
    try:
        tiles = source.execute("SELECT " + ", ".join(SOURCE_COLUMNS) + " FROM sources ORDER BY fid").fetchall()
        total = max(source.execute("SELECT count(*) FROM buildings").fetchone()[0], 1)
        done = 0
        with conn.cursor() as cur:
            for row in tiles:
                record = dict(zip(SOURCE_COLUMNS, row))
                tile = record["tile"]
                cur.execute("SELECT count(*) FROM buildings WHERE tile = %s", (tile,))
                replaced += cur.fetchone()[0]
                cur.execute("DELETE FROM surfaces WHERE tile = %s", (tile,))
                cur.execute("DELETE FROM citymodel_originals WHERE tile = %s", (tile,))
                cur.execute("DELETE FROM buildings WHERE tile = %s", (tile,))
                cur.execute("DELETE FROM sources WHERE tile = %s OR file = %s", (tile, record["file"]))
                cur.execute(
                    "INSERT INTO sources ("
                    + ", ".join(SOURCE_COLUMNS)
                    + ") VALUES ("
                    + ", ".join(["%s"] * len(SOURCE_COLUMNS))
                    + ")",
                    [record[c] for c in SOURCE_COLUMNS],
                )
                # gml:ids already in the database from another tile are not imported twice
                ids = [r[0] for r in source.execute("SELECT gml_id FROM buildings WHERE tile = ?", (tile,))]
                cur.execute("SELECT gml_id, tile FROM buildings WHERE gml_id = ANY(%s)", (ids,))
                clash = dict(cur.fetchall())
                for gml_id, other in clash.items():
                    summary.problems.append(_problem(record["file"], gml_id, other))
                skipped += len(clash)
                rows = source.execute(
                    "SELECT geom, " + ", ".join(BUILDING_COLUMNS) + " FROM buildings WHERE tile = ? ORDER BY fid",
                    (tile,),
                )
                while True:
                    raise_if_canceled(feedback)
                    batch = rows.fetchmany(_CHUNK)
                    if not batch:
                        break
                    values = [
                        (None if r[0] is None else psycopg2.Binary(blob_wkb(r[0])), *r[1:])
                        for r in batch
                        if r[1] not in clash
                    ]
                    if values:
                        execute_values(
                            cur,
                            "INSERT INTO buildings (geom, " + ", ".join(BUILDING_COLUMNS) + ") VALUES %s",
                            values,
                            template="(ST_Multi(ST_GeomFromWKB(%s, 25832)), "
                            + ", ".join(["%s"] * len(BUILDING_COLUMNS))
                            + ")",
                            page_size=_CHUNK,
                        )
                    done += len(batch)
                    feedback.setProgress(70.0 + 25.0 * done / total)
                srows = source.execute(
                    "SELECT geom, " + ", ".join(SURFACE_COLUMNS) + " FROM surfaces WHERE tile = ? ORDER BY fid", (tile,)
                )
                while True:
                    raise_if_canceled(feedback)
                    batch = srows.fetchmany(_CHUNK * 4)
                    if not batch:
                        break
                    values = [(psycopg2.Binary(blob_wkb(r[0])), *r[1:]) for r in batch if r[1] not in clash]
                    if values:
                        execute_values(
                            cur,
                            "INSERT INTO surfaces (geom, " + ", ".join(SURFACE_COLUMNS) + ") VALUES %s",
                            values,
                            template="(ST_GeomFromWKB(%s, 25832), %s, %s, %s, %s, %s, %s)",
                            page_size=_CHUNK * 4,
                        )
                originals = source.execute(
                    "SELECT gml_id, tile, format, text FROM citymodel_originals WHERE tile = ?", (tile,)
                )
                while True:
                    batch = originals.fetchmany(_CHUNK)
                    if not batch:
                        break
                    values = [r for r in batch if r[0] not in clash]
                    if values:
                        execute_values(
                            cur,
                            "INSERT INTO citymodel_originals (gml_id, tile, format, text) VALUES %s "
                            "ON CONFLICT (gml_id) DO UPDATE SET tile = EXCLUDED.tile, format = EXCLUDED.format, "
                            "text = EXCLUDED.text",
                            values,
                            page_size=_CHUNK,
                        )
        conn.commit()
    except psycopg2.Error as error:
        conn.rollback()
        raise translate_error(error) from error
    except BaseException:
        conn.rollback()
        raise
    finally:
        source.close()
    return replaced, skipped


def _problem(path, gml_id, other_tile):
    from .readers import Problem

    reason = tr("duplicate gml:id (already imported from {tile}); not imported").format(tile=other_tile)
    return Problem(path, gml_id, reason, True)


# --------------------------------------------------------------------------- reading
class PostgisCityModelStore:
    """Read access to a city model in PostGIS, with the reading API of ``CityModelStore``."""

    def __init__(self, dsn, schema=DEFAULT_SCHEMA):
        self.schema = check_schema_name(schema)
        self.connector = _connector(dsn)
        self.path = "postgresql://{key}#{schema}".format(key=self.connector.key(), schema=schema)
        self.connection = self.connector.connect()
        psycopg2 = psycopg2_module()
        try:
            version = current_version(self.connection, schema, COMPONENT)
            self.connection.commit()
            if version == 0:
                raise StoreError(tr("The database schema {schema} holds no city model.").format(schema=schema))
            if version > SCHEMA_VERSION:
                raise StoreError(
                    tr("The database schema {schema} was written by a newer plugin version ({version}).").format(
                        schema=schema, version=version
                    )
                )
            _set_search_path(self.connection, schema)
        except psycopg2.Error as error:
            self.close()
            raise translate_error(error) from error
        except BaseException:
            self.close()
            raise

    def close(self):
        if self.connection is not None:
            with contextlib.suppress(Exception):
                self.connection.close()
            self.connection = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _rows(self, query, params=()):
        psycopg2 = psycopg2_module()
        try:
            with self.connection.cursor() as cur:
                cur.execute(query, params)
                rows = cur.fetchall()
            self.connection.commit()
            return rows
        except psycopg2.Error as error:
            with contextlib.suppress(psycopg2.Error):
                self.connection.rollback()
            raise translate_error(error) from error

    # -- the CityModelStore reading API
    def crs(self):
        rows = self._rows("SELECT value FROM citymodel_meta WHERE key = 'crs'")
        return rows[0][0] if rows else f"EPSG:{STORE_EPSG}"

    def count(self):
        return self._rows("SELECT count(*) FROM buildings")[0][0]

    def building_ids(self):
        return [r[0] for r in self._rows("SELECT gml_id FROM buildings ORDER BY fid")]

    def extent(self):
        row = self._rows(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) AS e FROM buildings) x"
        )[0]
        return None if row[0] is None else tuple(row)

    def sources(self):
        columns = ["file", "tile", "format", "version", "size", "mtime", "imported_at", "count", "crs", "srs_name"]
        return [
            dict(zip(columns, r)) for r in self._rows("SELECT " + ", ".join(columns) + " FROM sources ORDER BY tile")
        ]

    def namespaces(self):
        merged = {}
        for (text,) in self._rows("SELECT namespaces FROM sources WHERE format = 'CityGML' ORDER BY fid"):
            for prefix, uri in json.loads(text or "{}").items():
                merged.setdefault(prefix, uri)
        return merged

    def header(self, gml_id=None):
        if gml_id is not None:
            rows = self._rows(
                "SELECT s.header FROM sources s JOIN buildings b ON b.tile = s.tile WHERE b.gml_id = %s", (gml_id,)
            )
        else:
            rows = self._rows("SELECT header FROM sources WHERE format = 'CityGML' ORDER BY fid LIMIT 1")
        return rows[0][0] if rows else ""

    def headers(self):
        return {r[0]: (r[1], r[2]) for r in self._rows("SELECT tile, format, header FROM sources")}

    def select_ids(self, extent=None, mask_wkt=None, buffer=0.0, where=None, params=()):
        """gml_ids of buildings meeting ``extent`` and/or ``mask_wkt`` (grown by ``buffer`` m) and
        the SQL ``where`` (on ``buildings``; ``?`` or ``%s`` placeholders, values in ``params``)."""
        from .store import _as_extent

        clauses, args = [], []
        if where:
            clauses.append("(" + where.replace("%", "%%").replace("?", "%s").replace("%%s", "%s") + ")")
            args.extend(params)
        if extent is not None:
            xmin, ymin, xmax, ymax = _as_extent(extent)
            grow = float(buffer or 0.0) if mask_wkt is None else 0.0
            clauses.append("ST_Intersects(geom, ST_MakeEnvelope(%s, %s, %s, %s, 25832))")
            args.extend([xmin - grow, ymin - grow, xmax + grow, ymax + grow])
        if mask_wkt:
            text = mask_wkt if isinstance(mask_wkt, str) else mask_wkt.wkt
            clauses.append("ST_Intersects(geom, ST_Buffer(ST_GeomFromText(%s, 25832), %s))")
            args.extend([text, float(buffer or 0.0)])
        query = "SELECT gml_id FROM buildings"
        if clauses:
            query += " WHERE " + " AND ".join(clauses)
        try:
            return [r[0] for r in self._rows(query + " ORDER BY fid", args)]
        except StoreError as error:
            raise StoreError(tr("Invalid building filter: {error}").format(error=error.details or error)) from error

    def buildings_table(self, gml_ids=None, columns=None):
        columns = list(columns or BUILDING_COLUMNS)
        for column in columns:
            if column not in BUILDING_COLUMNS and column != "fid":
                raise StoreError(tr("Unknown building field: {name}").format(name=column))
        query = "SELECT " + ", ".join(columns) + " FROM buildings"
        if gml_ids is None:
            rows = self._rows(query + " ORDER BY fid")
        else:
            rows = self._rows(query + " WHERE gml_id = ANY(%s) ORDER BY fid", (list(gml_ids),))
        return [dict(zip(columns, r)) for r in rows]

    def footprint(self, gml_id):
        from shapely import wkb as shapely_wkb

        rows = self._rows("SELECT ST_AsBinary(geom) FROM buildings WHERE gml_id = %s", (gml_id,))
        return shapely_wkb.loads(bytes(rows[0][0])) if rows and rows[0][0] is not None else None

    def iter_buildings(self, gml_ids=None):
        """Yield ``model.Building`` objects in store order (unknown ids left out)."""
        columns = ["fid", *BUILDING_COLUMNS]
        if gml_ids is None:
            fids = [r[0] for r in self._rows("SELECT fid FROM buildings ORDER BY fid")]
        else:
            fids = [
                r[0]
                for r in self._rows("SELECT fid FROM buildings WHERE gml_id = ANY(%s) ORDER BY fid", (list(gml_ids),))
            ]
        for start in range(0, len(fids), 200):
            chunk = fids[start : start + 200]
            batch = self._rows(
                "SELECT " + ", ".join(columns) + " FROM buildings WHERE fid = ANY(%s) ORDER BY fid", (chunk,)
            )
            yield from self._assemble(batch, columns)

    def _assemble(self, batch, columns):
        from .store import polygon_rings

        ids = [row[1] for row in batch]
        surfaces = {gml_id: [] for gml_id in ids}
        for gml_id, wkb, part_id, surface_type, surface_id in self._rows(
            "SELECT gml_id, ST_AsBinary(geom), part_id, surface_type, surface_id FROM surfaces "
            "WHERE gml_id = ANY(%s) ORDER BY fid",
            (ids,),
        ):
            surface = Surface(rings=polygon_rings(_gpkg_blob(wkb)), semantic=surface_type, gml_id=surface_id or "")
            surfaces[gml_id].append(set_part(surface, part_id))
        originals = dict(self._rows("SELECT gml_id, text FROM citymodel_originals WHERE gml_id = ANY(%s)", (ids,)))
        for row in batch:
            record = dict(zip(columns, row))
            attributes = json.loads(record.pop("attributes") or "{}")
            record.pop("fid")
            for key, value in record.items():
                if key != "part_ids":
                    attributes[key] = value
            gml_id = record["gml_id"]
            yield Building(
                gml_id=gml_id,
                surfaces=surfaces[gml_id],
                attributes=attributes,
                part_ids=json.loads(record["part_ids"] or "[]"),
                lod=record["lod"] or 0,
                crs=f"EPSG:{STORE_EPSG}",
                source_file=record["source_file"] or "",
                original=originals.get(gml_id, ""),
            )

    def addresses(self):
        return [r[0] for r in self._rows("SELECT DISTINCT address FROM buildings WHERE address IS NOT NULL ORDER BY 1")]

    def fids(self, gml_ids=None):
        """{gml_id: feature id in the buildings layer} (the table's serial ``fid``)."""
        if gml_ids is None:
            return dict(self._rows("SELECT gml_id, fid FROM buildings"))
        return dict(self._rows("SELECT gml_id, fid FROM buildings WHERE gml_id = ANY(%s)", (list(gml_ids),)))

    def filter_ids(self, **filters):
        """gml_ids matching the dock's filters, as ``CityModelStore.filter_ids`` (same rules)."""
        from .filters import filter_where

        def exists(text):
            return bool(self._rows("SELECT 1 FROM buildings WHERE address = %s LIMIT 1", (text,)))

        where, args = filter_where(filters, exists, like="ILIKE")
        return self.select_ids(where=where, params=args)

    def height_range(self):
        row = self._rows("SELECT min(measured_height), max(measured_height) FROM buildings")[0]
        return (row[0] or 0.0, row[1] or 0.0)

    def distinct_values(self, column):
        from psycopg2 import sql

        if column not in BUILDING_COLUMNS:
            raise StoreError(tr("Unknown building field: {name}").format(name=column))
        query = sql.SQL("SELECT DISTINCT {c} FROM buildings WHERE {c} IS NOT NULL ORDER BY 1").format(
            c=sql.Identifier(column)
        )
        return [r[0] for r in self._rows(query)]


def export_from_postgis(dsn, gml_ids, out_path, schema=DEFAULT_SCHEMA, options=None, feedback=None):
    """Export buildings of the PostGIS store with the plugin's exporters (format from the file
    extension); written atomically like every export."""
    from .export import ExportOptions, _citygml_context, export_buildings, format_for_path

    feedback = feedback or NullFeedback()
    key = format_for_path(out_path)
    options = ExportOptions.from_value(options)
    with PostgisCityModelStore(dsn, schema) as store:
        buildings = []
        for building in store.iter_buildings(None if gml_ids is None else list(gml_ids)):
            raise_if_canceled(feedback)
            if key != "citygml":
                building.original = ""
            buildings.append(building)
        if key == "citygml" and options.namespaces is None:
            options.namespaces, srs_name = _citygml_context(store, buildings)
            options.srs_name = options.srs_name or srs_name
    return export_buildings(buildings, out_path, options, feedback)


__all__ = ["PostgisCityModelStore", "import_files_postgis", "export_from_postgis", "Cancelled"]
