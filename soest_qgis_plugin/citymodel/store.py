"""The city model store: one GeoPackage that owns schema and SQL (sqlite3, no QGIS needed).

Layers (QGIS/GDAL open them like any GeoPackage):
- ``buildings``: one feature per building (BuildingParts folded in), 2D MultiPolygon footprint
  in EPSG:25832 with decoded attributes and measures;
- ``surfaces``: every surface as PolygonZ with absolute heights (DHHN2016), semantic type.
Tables: ``sources`` (one row per imported file), ``citymodel_originals`` (each building's
original XML/JSON text), ``citymodel_meta`` (schema version, CRS).

An import runs in one transaction (a new store is built under a temporary name and renamed at
the end): cancel, an exception or a crash leave the previous store as it was. Re-importing a
tile deletes its buildings first, so nothing is ever duplicated.
"""

import datetime
import json
import math
import os
import sqlite3
import struct
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..common.atomic import atomic_path
from ..common.errors import Cancelled, StoreError
from ..common.feedback import NullFeedback, raise_if_canceled
from ..common.i18n import tr
from . import codes, gpkg_rtree, metrics
from .crs import STORE_EPSG, Reprojector
from .model import Building, Surface, set_part
from .readers import ReadLog, expand_paths, sniff_format
from .readers import citygml as citygml_reader
from .readers import cityjson as cityjson_reader

SCHEMA_VERSION = 1
SRS_ID = STORE_EPSG
BATCH = 500
# One encoder for the extra attributes of every building (json.dumps with options builds a new one per call).
_EXTRA_JSON = json.JSONEncoder(ensure_ascii=False, default=str)

BUILDING_FIELDS = (
    ("gml_id", "TEXT NOT NULL UNIQUE"),
    ("tile", "TEXT"),
    ("source_file", "TEXT"),
    ("function_code", "TEXT"),
    ("function_label", "TEXT"),
    ("roof_type_code", "TEXT"),
    ("roof_type_label", "TEXT"),
    ("measured_height", "REAL"),
    ("storeys", "INTEGER"),
    ("street", "TEXT"),
    ("house_number", "TEXT"),
    ("postal_code", "TEXT"),
    ("locality", "TEXT"),
    ("address", "TEXT"),
    ("year_of_construction", "INTEGER"),
    ("data_source", "TEXT"),
    ("footprint_area", "REAL"),
    ("roof_area", "REAL"),
    ("wall_area", "REAL"),
    ("volume", "REAL"),
    ("ground_z", "REAL"),
    ("min_z", "REAL"),
    ("max_z", "REAL"),
    ("lod", "INTEGER"),
    ("part_ids", "TEXT"),
    ("source_crs", "TEXT"),
    ("attributes", "TEXT"),
)
BUILDING_COLUMNS = [name for name, _ in BUILDING_FIELDS]
SURFACE_FIELDS = (
    ("gml_id", "TEXT NOT NULL"),
    ("part_id", "TEXT"),
    ("surface_type", "TEXT"),
    ("surface_id", "TEXT"),
    ("lod", "INTEGER"),
    ("tile", "TEXT"),
)
SURFACE_COLUMNS = [name for name, _ in SURFACE_FIELDS]

_WKT_25832 = (
    'PROJCS["ETRS89 / UTM zone 32N",GEOGCS["ETRS89",DATUM["European_Terrestrial_Reference_System_1989",'
    'SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],AUTHORITY["EPSG","6258"]],'
    'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AUTHORITY["EPSG","4258"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],'
    'PARAMETER["central_meridian",9],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],'
    'PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],'
    'AXIS["Northing",NORTH],AUTHORITY["EPSG","25832"]]'
)
_WKT_4326 = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
    'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
    'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],'
    'AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]'
)


# --------------------------------------------------------------------------- GeoPackage blobs
def _gpkg_header(envelope, z):
    flags = 0x01 | ((2 if z else 1) << 1)
    return b"GP\x00" + bytes([flags]) + struct.pack("<i", SRS_ID) + struct.pack("<%dd" % len(envelope), *envelope)


def polygon_z_blob(rings):
    """GeoPackage blob of a PolygonZ (ISO WKB 1003) from (N, 3) rings without closing vertex."""
    closed = [np.vstack([ring, ring[:1]]) for ring in rings]
    allpoints = np.concatenate(closed)
    lo = allpoints.min(axis=0)
    hi = allpoints.max(axis=0)
    envelope = (lo[0], hi[0], lo[1], hi[1], lo[2], hi[2])
    parts = [b"\x01", struct.pack("<II", 1003, len(closed))]
    for ring in closed:
        parts.append(struct.pack("<I", len(ring)))
        parts.append(np.ascontiguousarray(ring, dtype="<f8").tobytes())
    return _gpkg_header(envelope, True) + b"".join(parts), envelope


_HEADER_Z = struct.Struct("<2sBBi6d")
_RING_COUNT = struct.Struct("<I")
# Blobs are made as bytearrays: sqlite3 binds those directly, while each bytes value first goes
# through its adapter lookup (two failed attribute lookups, ~2,700 instructions a row).
_JOIN = bytearray().join


# GeoPackage header (envelope xyz) + WKB PolygonZ with one ring up to its point count: 69 bytes, packed.
_SINGLE_RING_HEADER = np.dtype(
    [
        ("magic", "S2"),
        ("version", "u1"),
        ("flags", "u1"),
        ("srs_id", "<i4"),
        ("envelope", "<f8", (6,)),
        ("order", "u1"),
        ("type", "<u4"),
        ("rings", "<u4"),
        ("points", "<u4"),
    ]
)


def _single_ring_blobs(data, low, high, closed_counts):
    """([blob, ...], (N, 6) envelopes) of one-ring surfaces: every header made by numpy at once."""
    count = len(low)
    headers = np.zeros(count, dtype=_SINGLE_RING_HEADER)
    headers["magic"] = b"GP"
    headers["flags"] = 0x05
    headers["srs_id"] = SRS_ID
    lows, highs = np.asarray(low), np.asarray(high)
    envelope = np.empty((count, 6))
    envelope[:, 0::2] = lows
    envelope[:, 1::2] = highs
    headers["envelope"] = envelope
    headers["order"] = 1
    headers["type"] = 1003
    headers["rings"] = 1
    headers["points"] = closed_counts
    head = bytearray(headers.tobytes())  # its slices, and so the blobs, are bytearrays
    size = _SINGLE_RING_HEADER.itemsize
    ends = (np.cumsum(closed_counts) * 24).tolist()
    blobs = []
    start = 0
    for k in range(count):
        end = ends[k]
        blobs.append(head[k * size : (k + 1) * size] + data[start:end])
        start = end
    return blobs, envelope


def _closed_rings(rings):
    """Many open rings at once: (little-endian float64 bytes of every ring closed by repeating its
    first vertex, per-ring minimum and maximum as lists, closed vertex counts, closed start offsets)."""
    counts = np.fromiter((len(r) for r in rings), dtype=np.int64, count=len(rings))
    points = np.concatenate(rings)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    closed_counts = counts + 1
    closed_starts = np.concatenate([[0], np.cumsum(closed_counts)[:-1]])
    index = np.arange(int(closed_counts.sum())) - np.repeat(closed_starts - starts, closed_counts)
    index[closed_starts + counts] = starts
    data = np.ascontiguousarray(points[index], dtype="<f8").tobytes()
    low = np.minimum.reduceat(points, starts, axis=0).tolist()
    high = np.maximum.reduceat(points, starts, axis=0).tolist()
    return data, low, high, closed_counts, closed_starts


def surface_blobs(surfaces):
    """[(blob, (minx, maxx, miny, maxy, minz, maxz))] of PolygonZ blobs for many surfaces at once."""
    blobs, envelopes = _surface_geometries(surfaces)
    return list(zip(blobs, map(tuple, envelopes.tolist())))


def _surface_geometries(surfaces):
    """``surface_blobs`` as ([blob, ...], (N, 6) array of envelopes)."""
    rings = [ring for surface in surfaces for ring in surface.rings]
    if not rings:
        return [], np.zeros((0, 6))
    data, low, high, closed_counts, closed_starts = _closed_rings(rings)
    if len(rings) == len(surfaces):  # no holes
        return _single_ring_blobs(data, low, high, closed_counts)
    sizes = closed_counts.tolist()
    offsets = (closed_starts * 24).tolist()
    blobs, envelopes = [], []
    ring = 0
    pack_header, pack_count, polygon_header = _HEADER_Z.pack, _RING_COUNT.pack, struct.Struct("<BII").pack
    for surface in surfaces:
        n = len(surface.rings)
        lo, hi = low[ring], high[ring]  # the exterior ring holds the holes
        envelope = (lo[0], hi[0], lo[1], hi[1], lo[2], hi[2])
        parts = [pack_header(b"GP", 0, 0x05, SRS_ID, *envelope), polygon_header(1, 1003, n)]
        for k in range(ring, ring + n):
            parts.append(pack_count(sizes[k]))
            parts.append(data[offsets[k] : offsets[k] + sizes[k] * 24])
        blobs.append(_JOIN(parts))
        envelopes.append(envelope)
        ring += n
    return blobs, np.array(envelopes, dtype=float)


def footprint_blob(polygons):
    """GeoPackage blob of a 2D MultiPolygon from [[(N, 2) ring, ...], ...] (rings not closed)."""
    parts = [struct.pack("<BII", 1, 6, len(polygons))]
    xmin = ymin = float("inf")
    xmax = ymax = float("-inf")
    for rings in polygons:
        parts.append(struct.pack("<BII", 1, 3, len(rings)))
        parts.extend(metrics.closed_ring_wkb(ring) for ring in rings)
        exterior = rings[0]
        lo0, lo1 = exterior.min(axis=0).tolist()
        hi0, hi1 = exterior.max(axis=0).tolist()
        xmin, ymin, xmax, ymax = min(xmin, lo0), min(ymin, lo1), max(xmax, hi0), max(ymax, hi1)
    envelope = (xmin, xmax, ymin, ymax)
    return _JOIN((_gpkg_header(envelope, False), *parts)), envelope


_HEADER_2D = struct.Struct("<2sBBi4d")
_ONE_POLYGON_ONE_RING = struct.Struct("<BIIBIII")


def simple_footprint_blobs(rings):
    """``footprint_blob([[ring]])`` for many (N, 2) rings at once: [(blob, envelope)]."""
    if not rings:
        return []
    data, low, high, closed_counts, closed_starts = _closed_rings(rings)
    sizes = closed_counts.tolist()
    offsets = (closed_starts * 16).tolist()
    pack_header, pack_prefix = _HEADER_2D.pack, _ONE_POLYGON_ONE_RING.pack
    out = []
    for k in range(len(rings)):
        lo, hi = low[k], high[k]
        envelope = (lo[0], hi[0], lo[1], hi[1])
        size = sizes[k]
        blob = _JOIN(
            (
                pack_header(b"GP", 0, 0x03, SRS_ID, *envelope),
                pack_prefix(1, 6, 1, 1, 3, 1, size),
                data[offsets[k] : offsets[k] + size * 16],
            )
        )
        out.append((blob, envelope))
    return out


def multipolygon_blob(geometry):
    xmin, ymin, xmax, ymax = geometry.bounds
    polygons = list(geometry.geoms) if hasattr(geometry, "geoms") else [geometry]
    parts = [struct.pack("<BII", 1, 6, len(polygons))]
    for polygon in polygons:
        rings = [polygon.exterior, *polygon.interiors]
        parts.append(struct.pack("<BII", 1, 3, len(rings)))
        for ring in rings:
            coords = np.asarray(ring.coords, dtype="<f8")[:, :2]
            parts.append(struct.pack("<I", len(coords)))
            parts.append(np.ascontiguousarray(coords).tobytes())
    wkb = b"".join(parts)
    return _gpkg_header((xmin, xmax, ymin, ymax), False) + wkb, (xmin, xmax, ymin, ymax)


def blob_wkb(blob):
    """The WKB part of a GeoPackage blob."""
    flags = blob[3]
    envelope = (flags >> 1) & 0x07
    size = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get(envelope, 0)
    return bytes(blob[8 + size :])


def _blob_envelope(blob):
    if blob is None or len(blob) < 8:
        return None
    flags = blob[3]
    if flags & 0x10:
        return None
    kind = (flags >> 1) & 0x07
    if kind == 0:
        from shapely import wkb as shapely_wkb

        geometry = shapely_wkb.loads(blob_wkb(blob))
        if geometry.is_empty:
            return None
        xmin, ymin, xmax, ymax = geometry.bounds
        return xmin, xmax, ymin, ymax
    return struct.unpack_from("<4d", blob, 8)


def polygon_rings(blob):
    """(N, 3) rings (closing vertex removed) of a PolygonZ blob written by ``polygon_z_blob``."""
    wkb = blob_wkb(blob)
    order = "<" if wkb[0] == 1 else ">"
    (kind,) = struct.unpack_from(order + "I", wkb, 1)
    dims = 3 if kind in (1003, 0x80000003) else 2
    (nrings,) = struct.unpack_from(order + "I", wkb, 5)
    offset, rings = 9, []
    for _ in range(nrings):
        (npoints,) = struct.unpack_from(order + "I", wkb, offset)
        offset += 4
        values = np.frombuffer(wkb, dtype=order + "f8", count=npoints * dims, offset=offset).reshape(-1, dims)
        offset += npoints * dims * 8
        if dims == 2:
            values = np.column_stack([values, np.zeros(len(values))])
        rings.append(np.array(values[:-1], dtype=float))
    return rings


def _register_functions(connection):
    """ST_* functions the GeoPackage rtree triggers call (GDAL/QGIS have their own)."""

    def envelope_part(blob, index):
        envelope = _blob_envelope(blob)
        return None if envelope is None else envelope[index]

    connection.create_function("ST_IsEmpty", 1, lambda b: 1 if _blob_envelope(b) is None else 0, deterministic=True)
    connection.create_function("ST_MinX", 1, lambda b: envelope_part(b, 0), deterministic=True)
    connection.create_function("ST_MaxX", 1, lambda b: envelope_part(b, 1), deterministic=True)
    connection.create_function("ST_MinY", 1, lambda b: envelope_part(b, 2), deterministic=True)
    connection.create_function("ST_MaxY", 1, lambda b: envelope_part(b, 3), deterministic=True)
    connection.create_function("GPKG_IsAssignable", 2, lambda a, b: 1, deterministic=True)


def _insert_trigger(table):
    return (
        f"CREATE TRIGGER rtree_{table}_geom_insert AFTER INSERT ON {table} "
        "WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN "
        f"INSERT OR REPLACE INTO rtree_{table}_geom VALUES (NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), "
        "ST_MinY(NEW.geom), ST_MaxY(NEW.geom)); END"
    )


def _rtree_triggers(table):
    t, r = table, f"rtree_{table}_geom"
    env = "ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom)"
    return [
        _insert_trigger(t),
        f"CREATE TRIGGER {r}_update1 AFTER UPDATE OF geom ON {t} WHEN OLD.fid = NEW.fid AND "
        f"(NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN INSERT OR "
        f"REPLACE INTO {r} VALUES (NEW.fid, {env}); END",
        f"CREATE TRIGGER {r}_update2 AFTER UPDATE OF geom ON {t} WHEN OLD.fid = NEW.fid AND "
        f"(NEW.geom ISNULL OR ST_IsEmpty(NEW.geom)) BEGIN DELETE FROM {r} WHERE id = OLD.fid; END",
        f"CREATE TRIGGER {r}_update3 AFTER UPDATE ON {t} WHEN OLD.fid != NEW.fid AND "
        f"(NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN DELETE FROM {r} WHERE id = OLD.fid; "
        f"INSERT OR REPLACE INTO {r} VALUES (NEW.fid, {env}); END",
        f"CREATE TRIGGER {r}_update4 AFTER UPDATE ON {t} WHEN OLD.fid != NEW.fid AND "
        f"(NEW.geom ISNULL OR ST_IsEmpty(NEW.geom)) BEGIN DELETE FROM {r} WHERE id IN (OLD.fid, NEW.fid); END",
        f"CREATE TRIGGER {r}_delete AFTER DELETE ON {t} WHEN old.geom NOT "
        f"NULL BEGIN DELETE FROM {r} WHERE id = OLD.fid; END",
    ]


def _srs_wkt():
    # The WKT GDAL writes for EPSG:25832 (no pyproj import needed: it costs more than a tile).
    return _WKT_25832


# Indexes an import into an empty store drops and builds again at the end (one sort, not a B-tree
# insert per row); CREATE/DROP are part of the import's transaction.
_SECONDARY_INDEXES = (
    "CREATE INDEX citymodel_originals_tile ON citymodel_originals(tile)",
    "CREATE INDEX buildings_tile ON buildings(tile)",
    "CREATE INDEX surfaces_gml_id ON surfaces(gml_id)",
    "CREATE INDEX surfaces_tile ON surfaces(tile)",
)


def create_schema(connection):
    """Create an empty store (GeoPackage 1.2 tables + the city model's layers and tables)."""
    now = _now()
    sql = [
        "PRAGMA application_id = 1196444487",
        "PRAGMA user_version = 10200",
        "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, "
        "organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT "
        "NULL, definition TEXT NOT NULL, description TEXT)",
        "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, "
        "identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT "
        "(strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, "
        "srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))",
        "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, "
        "geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, "
        "CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), "
        "CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), "
        "CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))",
        "CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, "
        "definition TEXT NOT NULL, scope TEXT NOT NULL, CONSTRAINT ge_tce "
        "UNIQUE (table_name, column_name, extension_name))",
        "CREATE TABLE citymodel_meta (key TEXT PRIMARY KEY, value TEXT)",
        "CREATE TABLE sources (fid INTEGER PRIMARY KEY AUTOINCREMENT, file TEXT NOT NULL UNIQUE, tile TEXT, "
        "format TEXT, version TEXT, size INTEGER, mtime REAL, imported_at TEXT, count INTEGER, crs TEXT, "
        "srs_name TEXT, header TEXT, namespaces TEXT)",
        "CREATE TABLE citymodel_originals (gml_id TEXT PRIMARY KEY, tile TEXT, format TEXT, text TEXT)",
        "CREATE TABLE buildings (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom MULTIPOLYGON, "
        + ", ".join(f"{name} {kind}" for name, kind in BUILDING_FIELDS)
        + ")",
        "CREATE TABLE surfaces (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POLYGON, "
        + ", ".join(f"{name} {kind}" for name, kind in SURFACE_FIELDS)
        + ")",
        "CREATE VIRTUAL TABLE rtree_buildings_geom USING rtree(id, minx, maxx, miny, maxy)",
        "CREATE VIRTUAL TABLE rtree_surfaces_geom USING rtree(id, minx, maxx, miny, maxy)",
        *_SECONDARY_INDEXES,
    ]
    for statement in sql:
        connection.execute(statement)
    for statement in _rtree_triggers("buildings") + _rtree_triggers("surfaces"):
        connection.execute(statement)
    connection.executemany(
        "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
        [
            ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
            ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
            (
                "WGS 84 geodetic",
                4326,
                "EPSG",
                4326,
                _WKT_4326,
                "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid",
            ),
            (
                "ETRS89 / UTM zone 32N",
                STORE_EPSG,
                "EPSG",
                STORE_EPSG,
                _srs_wkt(),
                "ETRS89 / UTM zone 32N (heights DHHN2016)",
            ),
        ],
    )
    connection.executemany(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, "
        "description, last_change, srs_id) VALUES (?, ?, ?, ?, ?, ?)",
        [
            ("buildings", "features", "buildings", "Buildings (footprints, BuildingParts folded in)", now, SRS_ID),
            ("surfaces", "features", "surfaces", "3D surfaces with semantic type (absolute heights)", now, SRS_ID),
            ("sources", "attributes", "sources", "Imported files", now, None),
        ],
    )
    connection.executemany(
        "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, ?, 0)",
        [("buildings", "MULTIPOLYGON", SRS_ID, 0), ("surfaces", "POLYGON", SRS_ID, 1)],
    )
    connection.executemany(
        "INSERT INTO gpkg_extensions VALUES (?, 'geom', 'gpkg_rtree_index', "
        "'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')",
        [("buildings",), ("surfaces",)],
    )
    connection.executemany(
        "INSERT INTO citymodel_meta VALUES (?, ?)",
        [
            ("schema_version", str(SCHEMA_VERSION)),
            ("crs", f"EPSG:{STORE_EPSG}"),
            ("vertical", "DHHN2016"),
            ("created", now),
        ],
    )


def _now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"


def tile_name(path):
    name = os.path.basename(str(path))
    for suffix in (".city.jsonl", ".city.json", ".jsonl", ".json", ".gml", ".xml", ".citygml", ".cityjson"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


# --------------------------------------------------------------------------- the store
class CityModelStore:
    """Read access to a store (and the connection the importer writes through)."""

    def __init__(self, path, create=False):
        self.path = str(path)
        if not create and not os.path.exists(self.path):
            raise StoreError(tr("City model store not found: {path}").format(path=self.path))
        try:
            self.connection = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
            _register_functions(self.connection)
            if create:
                # Larger pages: the original XML texts (kilobytes each) need fewer overflow pages.
                self.connection.execute("PRAGMA page_size = 65536")
                # A new store is a temporary file until it is renamed into place (atomic_path syncs
                # it): the journal can stay in memory and writes need not be synced one by one.
                self.connection.execute("PRAGMA journal_mode = MEMORY")
                self.connection.execute("PRAGMA synchronous = OFF")
                # Nothing deleted in a new file needs overwriting (Debian's SQLite overwrites by
                # default, zeroing every new page a second time).
                self.connection.execute("PRAGMA secure_delete = OFF")
                self.connection.execute("BEGIN")
                create_schema(self.connection)
                self.connection.execute("COMMIT")
            version = self.connection.execute(
                "SELECT value FROM citymodel_meta WHERE key = 'schema_version'"
            ).fetchone()
        except sqlite3.DatabaseError as error:
            raise StoreError(
                tr("Not a city model store (GeoPackage made by this plugin): {path}").format(path=self.path), str(error)
            ) from error
        if version is None or int(version[0]) > SCHEMA_VERSION:
            raise StoreError(
                tr("The city model store {path} has an unsupported schema version.").format(path=self.path)
            )

    # -- reading
    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def crs(self):
        row = self.connection.execute("SELECT value FROM citymodel_meta WHERE key = 'crs'").fetchone()
        return row[0] if row else f"EPSG:{STORE_EPSG}"

    def count(self):
        return self.connection.execute("SELECT count(*) FROM buildings").fetchone()[0]

    def building_ids(self):
        return [row[0] for row in self.connection.execute("SELECT gml_id FROM buildings ORDER BY fid")]

    def extent(self):
        """(xmin, ymin, xmax, ymax) of all footprints, None when empty."""
        row = self.connection.execute(
            "SELECT min(minx), min(miny), max(maxx), max(maxy) FROM rtree_buildings_geom"
        ).fetchone()
        return None if row is None or row[0] is None else tuple(row)

    def sources(self):
        cursor = self.connection.execute(
            "SELECT file, tile, format, version, size, mtime, imported_at, "
            "count, crs, srs_name FROM sources ORDER BY tile"
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor]

    def namespaces(self):
        """Namespace declarations (prefix -> URI, '' = default) of the imported CityGML documents."""
        merged = {}
        for (text,) in self.connection.execute("SELECT namespaces FROM sources WHERE format = 'CityGML' ORDER BY fid"):
            for prefix, uri in json.loads(text or "{}").items():
                merged.setdefault(prefix, uri)
        return merged

    def header(self, gml_id=None):
        """The root start tag of the source document (of ``gml_id``, else the first CityGML one)."""
        if gml_id is not None:
            row = self.connection.execute(
                "SELECT s.header FROM sources s JOIN buildings b ON b.tile = s.tile WHERE b.gml_id = ?", (gml_id,)
            ).fetchone()
        else:
            row = self.connection.execute("SELECT header FROM sources WHERE format = 'CityGML' ORDER BY fid").fetchone()
        return row[0] if row else ""

    def headers(self):
        """{tile: (format, header text)} of every source."""
        return {row[0]: (row[1], row[2]) for row in self.connection.execute("SELECT tile, format, header FROM sources")}

    def select_ids(self, extent=None, mask_wkt=None, buffer=0.0, where=None, params=()):
        """gml_ids of the buildings whose footprint meets ``extent`` (xmin, ymin, xmax, ymax) and/or
        ``mask_wkt`` grown by ``buffer`` metres, and satisfy the SQL ``where`` on ``buildings``."""
        from shapely import wkb as shapely_wkb
        from shapely import wkt as shapely_wkt
        from shapely.geometry import box
        from shapely.prepared import prep

        clauses, args = [], []
        if where:
            clauses.append(f"({where})")
            args.extend(params)
        mask = prepared = None
        if mask_wkt:
            mask = shapely_wkt.loads(mask_wkt) if isinstance(mask_wkt, str) else mask_wkt
            if buffer:
                mask = mask.buffer(float(buffer))
            prepared = prep(mask)
        if extent is not None:
            extent = _as_extent(extent)
            if buffer and mask is None:
                extent = (extent[0] - buffer, extent[1] - buffer, extent[2] + buffer, extent[3] + buffer)
        boxes = [b for b in (extent, mask.bounds if mask is not None else None) if b is not None]
        for bounds in boxes:
            clauses.append(
                "b.fid IN (SELECT id FROM rtree_buildings_geom WHERE maxx >= ? "
                "AND minx <= ? AND maxy >= ? AND miny <= ?)"
            )
            args.extend([bounds[0], bounds[2], bounds[1], bounds[3]])
        sql = "SELECT b.gml_id, b.geom FROM buildings b"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY b.fid"
        try:
            rows = self.connection.execute(sql, args).fetchall()
        except sqlite3.Error as error:
            raise StoreError(tr("Invalid building filter: {error}").format(error=error)) from error
        if extent is None and mask is None:
            return [row[0] for row in rows]
        box_geometry = box(*extent) if extent is not None else None
        out = []
        for gml_id, blob in rows:
            if blob is None:
                continue
            footprint = shapely_wkb.loads(blob_wkb(blob))
            if box_geometry is not None and not footprint.intersects(box_geometry):
                continue
            if prepared is not None and not prepared.intersects(footprint):
                continue
            out.append(gml_id)
        return out

    def buildings_table(self, gml_ids=None, columns=None):
        """Rows of the buildings layer as dicts (no geometry)."""
        columns = columns or BUILDING_COLUMNS
        sql = "SELECT " + ", ".join(columns) + " FROM buildings"
        out = []
        for chunk in _chunks(gml_ids):
            query = (
                sql
                + (" WHERE gml_id IN (%s)" % ",".join("?" * len(chunk)) if chunk is not None else "")
                + " ORDER BY fid"
            )
            for row in self.connection.execute(query, chunk or ()):
                out.append(dict(zip(columns, row)))
        return out

    def footprint(self, gml_id):
        """Shapely MultiPolygon of one building (None when unknown)."""
        from shapely import wkb as shapely_wkb

        row = self.connection.execute("SELECT geom FROM buildings WHERE gml_id = ?", (gml_id,)).fetchone()
        return shapely_wkb.loads(blob_wkb(row[0])) if row and row[0] else None

    def iter_buildings(self, gml_ids=None):
        """Yield ``model.Building`` objects (surfaces with semantics and part ids, attributes incl.
        the decoded ones, ``original`` text) in store order; unknown ids are left out."""
        columns = ["fid", *BUILDING_COLUMNS]
        for chunk in _chunks(gml_ids, size=200):
            if chunk is None:
                rows = self.connection.execute("SELECT " + ", ".join(columns) + " FROM buildings ORDER BY fid")
                rows = _batched(rows, 200)
            else:
                marks = ",".join("?" * len(chunk))
                rows = [
                    self.connection.execute(
                        "SELECT " + ", ".join(columns) + f" FROM buildings WHERE gml_id IN ({marks}) ORDER BY fid",
                        chunk,
                    ).fetchall()
                ]
            for batch in rows:
                yield from self._assemble(batch, columns)

    def _assemble(self, batch, columns):
        if not batch:
            return
        ids = [row[1] for row in batch]
        marks = ",".join("?" * len(ids))
        surfaces = {gml_id: [] for gml_id in ids}
        for gml_id, blob, part_id, surface_type, surface_id in self.connection.execute(
            f"SELECT gml_id, geom, part_id, surface_type, surface_id FROM "
            f"surfaces WHERE gml_id IN ({marks}) ORDER BY fid",
            ids,
        ):
            surface = Surface(rings=polygon_rings(blob), semantic=surface_type, gml_id=surface_id or "")
            surfaces[gml_id].append(set_part(surface, part_id))
        originals = dict(
            self.connection.execute(
                f"SELECT gml_id, text FROM citymodel_originals WHERE gml_id IN ({marks})", ids
            ).fetchall()
        )
        for row in batch:
            record = dict(zip(columns, row))
            attributes = json.loads(record.pop("attributes") or "{}")
            record.pop("fid")
            for key, value in record.items():
                if key not in ("part_ids",):
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

    def filter_ids(self, **filters):
        """gml_ids matching the dock's filters: address, function_label, roof_type_label, tile,
        height_min, height_max (each optional; see ``filters.filter_where``)."""
        from .filters import filter_where

        def exists(text):
            return self.connection.execute("SELECT 1 FROM buildings WHERE address = ? LIMIT 1", (text,)).fetchone()

        where, args = filter_where(filters, exists)
        return self.select_ids(where=where, params=args)

    def addresses(self):
        """Distinct one-line addresses (for completion), sorted."""
        return [
            row[0]
            for row in self.connection.execute(
                "SELECT DISTINCT address FROM buildings WHERE address IS NOT NULL ORDER BY 1"
            )
        ]

    def fids(self, gml_ids=None):
        """{gml_id: feature id in the buildings layer}."""
        if gml_ids is None:
            return dict(self.connection.execute("SELECT gml_id, fid FROM buildings"))
        out = {}
        for chunk in _chunks(gml_ids):
            marks = ",".join("?" * len(chunk))
            out.update(self.connection.execute(f"SELECT gml_id, fid FROM buildings WHERE gml_id IN ({marks})", chunk))
        return out

    def height_range(self):
        row = self.connection.execute("SELECT min(measured_height), max(measured_height) FROM buildings").fetchone()
        return (row[0] or 0.0, row[1] or 0.0)

    def distinct_values(self, column):
        if column not in BUILDING_COLUMNS:
            raise StoreError(tr("Unknown building field: {name}").format(name=column))
        return [
            row[0]
            for row in self.connection.execute(
                f"SELECT DISTINCT {column} FROM buildings WHERE {column} IS NOT NULL ORDER BY 1"
            )
        ]


def _as_extent(extent):
    if hasattr(extent, "xMinimum"):
        return (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
    if hasattr(extent, "bounds") and not isinstance(extent, (tuple, list)):
        return tuple(extent.bounds)
    return tuple(float(v) for v in extent)


def _chunks(ids, size=500):
    if ids is None:
        yield None
        return
    ids = list(ids)
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _batched(cursor, size):
    while True:
        batch = cursor.fetchmany(size)
        if not batch:
            return
        yield batch


# --------------------------------------------------------------------------- import
@dataclass
class ImportSummary:
    store_path: str = ""
    files: int = 0
    files_ok: int = 0
    buildings: int = 0  # imported in this run
    replaced: int = 0  # old buildings of re-imported tiles that were deleted
    skipped: int = 0  # buildings not imported (no geometry, duplicates …)
    surfaces: int = 0
    problems: list = field(default_factory=list)  # readers.Problem (file, gml_id, reason, skipped)
    notes: list = field(default_factory=list)  # readers.Problem, no problem: e.g. "no buildings in this file"
    seconds: float = 0.0
    bytes_read: int = 0
    total_in_store: int = 0

    @property
    def buildings_per_second(self):
        return self.buildings / self.seconds if self.seconds > 0 else 0.0

    def text(self):
        text = tr(
            "{buildings} buildings imported from {files} files ({ok} readable) in {seconds:.1f} s; "
            "{skipped} buildings skipped, {problems} problems; the store holds {total} buildings."
        ).format(
            buildings=self.buildings,
            files=self.files,
            ok=self.files_ok,
            seconds=self.seconds,
            skipped=self.skipped,
            problems=len(self.problems),
            total=self.total_in_store,
        )
        if self.notes:
            text += " " + tr("Notes: {notes}").format(notes="; ".join(note.text() for note in self.notes))
        return text


def _text(value):
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _number(value, kind=float):
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    return int(number) if kind is int else number


def _address_line(street, number, postal, locality):
    first = " ".join(v for v in (street, number) if v)
    second = " ".join(v for v in (postal, locality) if v)
    return ", ".join(v for v in (first, second) if v) or None


class _Importer:
    def __init__(self, connection, feedback, log, summary):
        self.connection = connection
        self.feedback = feedback
        self.log = log
        self.summary = summary
        self.existing = {}
        self.seen = {}
        self.building_rows, self.surface_rows, self.original_rows = [], [], []
        self.rtree_buildings, self.pending_surfaces = [], []
        self.pending = []
        self.next_building = (connection.execute("SELECT max(fid) FROM buildings").fetchone()[0] or 0) + 1
        self.next_surface = (connection.execute("SELECT max(fid) FROM surfaces").fetchone()[0] or 0) + 1
        self.reprojectors = {}
        self.area_problems = {}
        self.labels = {}
        self.data_sources = {}
        self.indexes_dropped = False
        self.rtree_pending = {"rtree_buildings_geom": [], "rtree_surfaces_geom": []}  # N×5 arrays per flush

    def start(self):
        # 16 MB page cache: fewer spills in the one big transaction, yet memory does not grow with the city
        self.connection.execute("PRAGMA cache_size = -16384")
        self.connection.execute("BEGIN IMMEDIATE")
        # Bulk mode: the rtree rows are written here directly; the trigger comes back before COMMIT.
        self.connection.execute("DROP TRIGGER IF EXISTS rtree_buildings_geom_insert")
        self.connection.execute("DROP TRIGGER IF EXISTS rtree_surfaces_geom_insert")
        self.indexes_dropped = (
            self.next_building == 1
            and self.next_surface == 1
            and not self.connection.execute("SELECT 1 FROM citymodel_originals LIMIT 1").fetchone()
        )
        if self.indexes_dropped:
            for statement in _SECONDARY_INDEXES:
                self.connection.execute("DROP INDEX IF EXISTS " + statement.split()[2])

    def _collect_index_rows(self, rtree, rows):
        """Keep [(fid, minx, maxx, miny, maxy)] for ``write_rtrees`` (as an N×5 array: small)."""
        self.rtree_pending[rtree].append(np.asarray(rows, np.float64).reshape(-1, 5))

    def write_rtrees(self):
        """The spatial index rows collected so far into the R*Trees: packed in one bulk pass when a
        tree is still empty (a new store), else row by row."""
        for rtree, chunks in self.rtree_pending.items():
            if chunks:
                gpkg_rtree.insert_rows(self.connection, rtree, np.concatenate(chunks))
                chunks.clear()

    def finish(self):
        self.flush()
        self.write_rtrees()
        if self.indexes_dropped:
            for statement in _SECONDARY_INDEXES:
                self.connection.execute(statement.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS"))
        self.connection.execute(_insert_trigger("buildings"))
        self.connection.execute(_insert_trigger("surfaces"))
        extent = self.connection.execute(
            "SELECT min(minx), min(miny), max(maxx), max(maxy) FROM rtree_buildings_geom"
        ).fetchone()
        now = _now()
        for table in ("buildings", "surfaces"):
            self.connection.execute(
                "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, "
                "max_y = ?, last_change = ? WHERE table_name = ?",
                (*extent, now, table),
            )
        self.connection.execute("UPDATE gpkg_contents SET last_change = ? WHERE table_name = 'sources'", (now,))
        self.connection.execute("COMMIT")

    def replace_tile(self, tile, path):
        """Delete what an earlier import of this tile wrote."""
        self.flush()
        connection = self.connection
        old = connection.execute("SELECT count(*) FROM buildings WHERE tile = ?", (tile,)).fetchone()[0]
        if old:
            self.write_rtrees()  # the tile may have come earlier in this run: its index rows go too
            # … and its ids are free again for the file that replaces it
            self.seen = {gml_id: where for gml_id, where in self.seen.items() if where != tile}
            self.existing = {gml_id: where for gml_id, where in self.existing.items() if where != tile}
            connection.execute(
                "DELETE FROM rtree_buildings_geom WHERE id IN (SELECT fid FROM buildings WHERE tile = ?)", (tile,)
            )
            connection.execute(
                "DELETE FROM rtree_surfaces_geom WHERE id IN (SELECT fid FROM surfaces WHERE tile = ?)", (tile,)
            )
            connection.execute("DELETE FROM buildings WHERE tile = ?", (tile,))
            connection.execute("DELETE FROM surfaces WHERE tile = ?", (tile,))
            connection.execute("DELETE FROM citymodel_originals WHERE tile = ?", (tile,))
            self.summary.replaced += old
        connection.execute("DELETE FROM sources WHERE tile = ? OR file = ?", (tile, path))

    def load_existing(self):
        """The ids the store held before this run (gml_id -> tile); ids of this run are in ``seen``."""
        self.existing = {row[0]: row[1] for row in self.connection.execute("SELECT gml_id, tile FROM buildings")}

    def add(self, building, tile, info):
        summary = self.summary
        gml_id = building.gml_id
        if gml_id in self.seen or gml_id in self.existing:
            where = self.seen.get(gml_id) or self.existing.get(gml_id)
            self.log.problem(
                building.source_file,
                gml_id,
                tr("duplicate gml:id (already imported from {tile}); not imported").format(tile=where),
            )
            summary.skipped += 1
            return
        crs = building.crs
        source_crs = crs or f"EPSG:{STORE_EPSG}"
        if crs and crs != f"EPSG:{STORE_EPSG}":
            epsg = int(crs.split(":")[1])
            reproject = self.reprojectors.get(epsg)
            if reproject is None:
                try:
                    reproject = self.reprojectors[epsg] = Reprojector(epsg)
                except Exception as error:  # noqa: BLE001 - pyproj cannot do it: report, keep going
                    self.log.problem(
                        building.source_file,
                        gml_id,
                        tr("cannot transform from {crs}: {error}").format(crs=crs, error=error),
                    )
                    summary.skipped += 1
                    return
            if not reproject.identity:
                reason = self._area_problem(building, reproject, crs)
                if reason:
                    self.log.problem(building.source_file, gml_id, reason)
                    summary.skipped += 1
                    return
                _reproject_building(building, reproject)
        # Measured and written per batch in flush(): numpy pays its per-call cost once per batch.
        self.seen[gml_id] = tile
        self.pending.append((building, tile, info, source_crs))
        if len(self.pending) >= BATCH:
            self.flush()

    def _area_problem(self, building, reproject, crs):
        """Why a file's buildings cannot go into the store's CRS ('' when they can); decided once
        per file and CRS on its first building (a wrong srsName is wrong for the whole file)."""
        key = (building.source_file, crs)
        reason = self.area_problems.get(key)
        if reason is None:
            ring = building.surfaces[0].rings[0] if building.surfaces and building.surfaces[0].rings else None
            kind = reproject.area_problem(ring[0]) if ring is not None and len(ring) else ""
            if kind == "source":
                reason = tr(
                    "coordinates ({x:.0f}, {y:.0f}) lie outside the area of {crs}: the file's reference system "
                    "is probably wrong (not imported)"
                ).format(x=ring[0][0], y=ring[0][1], crs=crs)
            elif kind == "target":
                lon, lat = reproject.lon_lat(ring[0])
                reason = tr(
                    "the building lies at {lon:.3f}° E, {lat:.3f}° N ({crs}), outside the area the store's "
                    "EPSG:{epsg} can hold (not imported)"
                ).format(lon=lon, lat=lat, crs=crs, epsg=STORE_EPSG)
            else:
                reason = ""
            self.area_problems[key] = reason
        return reason

    def _data_source(self, attributes):
        """``codes.data_source_text`` (or None), cached on the AdV source attributes when they are all text."""
        key = tuple(attributes.get(name) for name in codes.DATA_SOURCE_ATTRIBUTES)
        if any(key) and all(type(value) is str for value in key):
            text = self.data_sources.get(key)
            if text is None:
                text = self.data_sources[key] = codes.data_source_text(attributes) or None
            return text
        return codes.data_source_text(attributes) or None

    def _measure_and_add(self, building, tile, info, source_crs, measures, footprint=None):
        summary = self.summary
        gml_id = building.gml_id
        if not measures.finite:  # NaN/inf coordinates: drop those polygons (rare, so checked once here)
            building.surfaces = [s for s in building.surfaces if all(np.isfinite(r).all() for r in s.rings)]
            self.log.problem(building.source_file, gml_id, tr("polygons with invalid coordinates (left out)"), False)
            if not building.surfaces:
                self.log.problem(building.source_file, gml_id, tr("building without geometry (not imported)"))
                summary.skipped += 1
                del self.seen[gml_id]
                return
            measures = metrics.compute(building.surfaces)
        if measures.non_planar:
            self.log.problem(
                building.source_file,
                gml_id,
                tr("{count} non-planar polygons (up to {error:.2f} m off their plane)").format(
                    count=measures.non_planar, error=measures.max_planarity_error
                ),
                skipped=False,
            )
        if footprint is not None:  # measured for the whole batch in flush()
            footprint_area, (blob, env) = footprint
        else:
            footprint_area, blob, env = _footprint(building.surfaces, measures.normals)
        if blob is None:
            self.log.problem(building.source_file, gml_id, tr("no footprint can be derived (not imported)"))
            summary.skipped += 1
            del self.seen[gml_id]
            return
        attributes = building.attributes
        function_code = _text(attributes.get("function"))
        roof_code = _text(attributes.get("roofType"))
        street = _text(attributes.get("street"))
        number = _text(attributes.get("house_number"))
        postal = _text(attributes.get("postal_code"))
        locality = _text(attributes.get("locality"))
        height = _number(attributes.get("measuredHeight"))
        if height is None and np.isfinite(measures.max_z):
            height = round(measures.max_z - measures.ground_z, 3)
        fid = self.next_building
        self.next_building += 1
        extra = {k: v for k, v in attributes.items() if v is None or isinstance(v, (str, int, float, bool))}
        labels = self.labels.get((function_code, roof_code))
        if labels is None:
            labels = self.labels[function_code, roof_code] = (
                codes.function_label(function_code) or None,
                codes.roof_type_label(roof_code) or None,
            )
        self.building_rows.append(
            (
                fid,
                blob,
                gml_id,
                tile,
                building.source_file,
                function_code,
                labels[0],
                roof_code,
                labels[1],
                height,
                _number(attributes.get("storeysAboveGround"), int),
                street,
                number,
                postal,
                locality,
                _address_line(street, number, postal, locality),
                _number(attributes.get("yearOfConstruction"), int),
                self._data_source(attributes),
                round(footprint_area, 3),
                round(measures.roof_area, 3),
                round(measures.wall_area, 3),
                round(measures.volume, 3),
                round(measures.ground_z, 3),
                round(measures.min_z, 3),
                round(measures.max_z, 3),
                building.lod,
                json.dumps(building.part_ids) if building.part_ids else "[]",
                source_crs,
                _EXTRA_JSON.encode(extra),
            )
        )
        self.rtree_buildings.append((fid, env[0], env[1], env[2], env[3]))
        # Surface rows and blobs are made for the whole batch at once in flush() (numpy per batch).
        self.surface_rows.append((gml_id, building.lod, tile, building.surfaces))
        self.pending_surfaces.extend(building.surfaces)
        self.original_rows.append((gml_id, tile, info.format, building.original))
        summary.buildings += 1
        summary.surfaces += len(building.surfaces)

    def flush(self):
        if self.pending:
            pending, self.pending = self.pending, []
            measured = metrics.compute_many([entry[0].surfaces for entry in pending])
            simple = metrics.simple_footprints(
                [entry[0].surfaces if m.finite else [] for entry, m in zip(pending, measured)]
            )
            blobs = iter(simple_footprint_blobs([f[0] for f in simple if f is not None]))
            footprints = [None if f is None else (f[1], next(blobs)) for f in simple]
            for (building, tile, info, source_crs), measures, footprint in zip(pending, measured, footprints):
                self._measure_and_add(building, tile, info, source_crs, measures, footprint)
        connection = self.connection
        if self.building_rows:
            marks = ",".join("?" * (len(BUILDING_COLUMNS) + 2))
            connection.executemany(
                f"INSERT INTO buildings (fid, geom, {', '.join(BUILDING_COLUMNS)}) VALUES ({marks})", self.building_rows
            )
            self._collect_index_rows("rtree_buildings_geom", self.rtree_buildings)
        if self.surface_rows:
            first = self.next_surface
            rows, envelopes = _surface_rows(self.surface_rows, self.pending_surfaces, first)
            self.next_surface = first + len(rows)
            connection.executemany(_INSERT_SURFACE, rows)
            fids = np.arange(first, self.next_surface, dtype=np.float64)
            self._collect_index_rows("rtree_surfaces_geom", np.column_stack((fids, envelopes[:, :4])))
        if self.original_rows:
            connection.executemany("INSERT OR REPLACE INTO citymodel_originals VALUES (?, ?, ?, ?)", self.original_rows)
        self.building_rows, self.surface_rows, self.original_rows = [], [], []
        self.rtree_buildings, self.pending_surfaces = [], []

    def add_source(self, path, tile, info, count):
        try:
            stat = os.stat(path)
            size, mtime = stat.st_size, stat.st_mtime
        except OSError:
            size, mtime = None, None
        self.connection.execute(
            "INSERT INTO sources (file, tile, format, version, size, mtime, "
            "imported_at, count, crs, srs_name, header, namespaces) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                path,
                tile,
                info.format,
                info.version,
                size,
                mtime,
                _now(),
                count,
                info.crs or None,
                info.srs_name or None,
                info.header,
                json.dumps(info.namespaces),
            ),
        )


# Blank part and surface ids are bound as '' and stored as NULL: binding None costs sqlite3 an
# adapter lookup per value (see _JOIN).
_INSERT_SURFACE = "INSERT INTO surfaces (fid, geom, {}) VALUES (?, ?, {})".format(
    ", ".join(SURFACE_COLUMNS),
    ", ".join("NULLIF(?, '')" if name in ("part_id", "surface_id") else "?" for name in SURFACE_COLUMNS),
)


def _surface_rows(batch, surfaces, first_fid):
    """The surfaces table's rows of a batch [(gml_id, lod, tile, surfaces)] whose surfaces, in
    order, are ``surfaces``; and their envelopes as an (N, 6) array."""
    blobs, envelopes = _surface_geometries(surfaces)
    owners = []
    for gml_id, lod, tile, group in batch:
        owners.extend([(gml_id, lod, tile)] * len(group))
    rows = [
        (fid, blob, gml_id, getattr(s, "part_id", "") or "", s.semantic, s.gml_id or "", lod, tile)
        for fid, blob, (gml_id, lod, tile), s in zip(range(first_fid, first_fid + len(blobs)), blobs, owners, surfaces)
    ]
    return rows, envelopes


def _footprint(surfaces, normals):
    """(area, blob, envelope) of a footprint that is not one simple ground polygon; (area, None,
    None) when none can be derived."""
    union = metrics.union_footprint(surfaces)
    if union is not None:
        wkb, area, (xmin, ymin, xmax, ymax) = union
        envelope = (xmin, xmax, ymin, ymax)
        return area, _JOIN((_gpkg_header(envelope, False), wkb)), envelope
    polygons, area = metrics.footprint_rings(surfaces, normals)
    if not polygons:
        return area, None, None
    blob, envelope = footprint_blob(polygons)
    return area, blob, envelope


def _reproject_building(building, reproject):
    """All rings of a building through one transform call (pyproj's cost per call outweighs a
    ring's few points); each ring becomes its own array again."""
    rings = [ring for surface in building.surfaces for ring in surface.rings]
    if not rings:
        return
    moved = reproject(np.concatenate(rings))
    ends = np.cumsum([len(ring) for ring in rings]).tolist()
    pieces = iter(np.split(moved, ends[:-1]))
    for surface in building.surfaces:
        surface.rings = [next(pieces) for _ in surface.rings]


def _read_file(path, kind, log, feedback, progress):
    reader = citygml_reader.read if kind == "CityGML" else cityjson_reader.read
    return reader(path, log, feedback, progress=progress)


def _check_crs(info, log):
    if info.srs_name and not info.crs:
        log.problem(
            info.path,
            "",
            tr("unknown reference system '{name}': coordinates taken as EPSG:{epsg}").format(
                name=info.srs_name, epsg=STORE_EPSG
            ),
            skipped=False,
        )
    elif not info.srs_name and info.buildings:
        log.problem(
            info.path,
            "",
            tr("no reference system given: coordinates taken as EPSG:{epsg}").format(epsg=STORE_EPSG),
            False,
        )


def import_files(paths, store_path, feedback=None, log=None):
    """Import CityGML/CityJSON files or folders into the store at ``store_path`` (created when
    missing). All or nothing: cancel or an error leave the store as it was before.
    Returns an :class:`ImportSummary`; bad input is reported in it, never raised."""
    feedback = feedback or NullFeedback()
    log = log if log is not None else ReadLog()
    started = time.perf_counter()
    store_path = str(store_path)
    summary = ImportSummary(store_path=store_path)
    files = expand_paths(paths, log)
    summary.files = len(files)
    if not files and not log.problems:
        from ..common.errors import InputError

        raise InputError(tr("No city model files found in {path}").format(path=paths))
    if os.path.exists(store_path):
        store = CityModelStore(store_path)
        try:
            _run_import(store.connection, files, feedback, log, summary)
            summary.total_in_store = store.count()
        finally:
            store.close()
    else:
        with atomic_path(store_path) as tmp:
            store = CityModelStore(tmp, create=True)
            try:
                _run_import(store.connection, files, feedback, log, summary)
                summary.total_in_store = store.count()
            finally:
                store.close()
    summary.problems = list(log.problems)
    summary.notes = list(getattr(log, "notes", []))
    summary.seconds = time.perf_counter() - started
    return summary


def _run_import(connection, files, feedback, log, summary):
    importer = _Importer(connection, feedback, log, summary)
    sizes = []
    for path in files:
        try:
            sizes.append(max(os.path.getsize(path), 1))
        except OSError:
            sizes.append(1)
    total = float(sum(sizes)) or 1.0
    done = 0.0
    tiles_in_run = {}
    importer.start()
    try:
        importer.load_existing()
        for path, size in zip(files, sizes):
            raise_if_canceled(feedback)
            name = str(Path(path).resolve())
            tile = tile_name(name)
            if tile in tiles_in_run:
                log.problem(
                    name,
                    "",
                    tr("same tile name as {other} earlier in this run; this file replaces it").format(
                        other=tiles_in_run[tile]
                    ),
                    skipped=False,
                )
            tiles_in_run[tile] = name
            info = log.file(name)
            try:
                kind = sniff_format(name)
            except OSError as error:
                log.problem(name, "", tr("cannot read the file: {error}").format(error=error))
                kind = None
            if kind == "empty":
                info.ok = False
                log.problem(name, "", tr("empty file (0 bytes or only blanks)"))
            elif kind == "":
                info.ok = False
                log.problem(name, "", tr("not a CityGML or CityJSON file"))
            if kind in ("CityGML", "CityJSON"):
                start = done

                def progress(consumed, start=start, size=size):
                    feedback.setProgress(100.0 * (start + min(consumed, size)) / total)

                before = summary.buildings
                replaced = False
                for building in _read_file(name, kind, log, feedback, progress):
                    if not replaced:
                        importer.replace_tile(tile, name)
                        replaced = True
                    importer.add(building, tile, info)
                if not replaced and info.ok:
                    importer.replace_tile(tile, name)  # an empty tile replaces the old one
                    replaced = True
                _check_crs(info, log)
                importer.flush()  # measure what is pending, so the file's count below is right
                if replaced:
                    importer.add_source(name, tile, info, summary.buildings - before)
                if info.ok:
                    summary.files_ok += 1
                summary.bytes_read += size
            done += size
            feedback.setProgress(100.0 * done / total)
        importer.finish()
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def describe_problems(summary, limit=50):
    """Problem lines for a log (at most ``limit``)."""
    lines = [problem.text() for problem in summary.problems[:limit]]
    if len(summary.problems) > limit:
        lines.append(tr("… and {count} more problems").format(count=len(summary.problems) - limit))
    return lines


__all__ = ["CityModelStore", "ImportSummary", "import_files", "Cancelled"]
