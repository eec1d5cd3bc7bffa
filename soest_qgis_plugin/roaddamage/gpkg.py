"""Minimal GeoPackage writing with sqlite3: point geometry blobs and the gpkg_* metadata tables.

Enough for QGIS/GDAL to open the tables as layers (GeoPackage 1.3, points in EPSG:25832),
without needing OGR in the core. All SQL of the damage store lives in ``store.py``; this module
only knows the GeoPackage container format.
"""

import struct

SRS_ID = 25832
SRS_WKT = (
    'PROJCS["ETRS89 / UTM zone 32N",GEOGCS["ETRS89",DATUM["European_Terrestrial_Reference_System_1989",'
    'SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],AUTHORITY["EPSG","6258"]],'
    'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AUTHORITY["EPSG","4258"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],'
    'PARAMETER["central_meridian",9],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],'
    'PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],'
    'AXIS["Northing",NORTH],AUTHORITY["EPSG","25832"]]'
)
APPLICATION_ID = 0x47504B47  # "GPKG"
USER_VERSION = 10300  # GeoPackage 1.3

_HEADER = struct.pack("<2sBBi", b"GP", 0, 1, SRS_ID)  # version 0, little endian, no envelope


def point_blob(x, y):
    """GeoPackage binary of a 2D point, or None for a missing position."""
    if x is None or y is None:
        return None
    return _HEADER + struct.pack("<BIdd", 1, 1, float(x), float(y))


def blob_point(blob):
    """(x, y) of a point blob written by ``point_blob`` (or any little/big endian GP point)."""
    if blob is None:
        return None
    blob = bytes(blob)
    flags = blob[3]
    envelope = (flags >> 1) & 0x07
    offset = 8 + {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get(envelope, 0)
    order = "<" if blob[offset] == 1 else ">"
    _, x, y = struct.unpack(order + "Idd", blob[offset + 1 : offset + 21])
    return x, y


def init_container(conn):
    """Create the GeoPackage core tables (idempotent)."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {USER_VERSION}")
    ddl = """
        CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
            srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
            organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
        CREATE TABLE IF NOT EXISTS gpkg_contents (
            table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
            description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT
            (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
            srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
        CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
            table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
            srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
            CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
            CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
            CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
        """
    for statement in ddl.split(";"):  # not executescript: that would commit the caller's transaction
        if statement.strip():
            conn.execute(statement)
    rows = [
        ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
        ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
        (
            "WGS 84 geodetic",
            4326,
            "EPSG",
            4326,
            'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
            'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
            'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]',
            "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid",
        ),
        ("ETRS89 / UTM zone 32N", SRS_ID, "EPSG", SRS_ID, SRS_WKT, None),
    ]
    conn.executemany("INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", rows)


def register_table(conn, table, geometry_column=None, description=""):
    """Register a table in gpkg_contents (as features when it has a point column, else attributes)."""
    if geometry_column:
        conn.execute(
            "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
            "VALUES (?, 'features', ?, ?, ?)",
            (table, table, description, SRS_ID),
        )
        conn.execute(
            "INSERT OR IGNORE INTO gpkg_geometry_columns VALUES (?, ?, 'POINT', ?, 0, 0)",
            (table, geometry_column, SRS_ID),
        )
    else:
        conn.execute(
            "INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
            "VALUES (?, 'attributes', ?, ?)",
            (table, table, description),
        )


def update_extent(conn, table, xy_columns=("easting", "northing")):
    """Refresh a feature table's bounding box in gpkg_contents from its coordinate columns."""
    ex, ny = xy_columns
    row = conn.execute(f"SELECT min({ex}), min({ny}), max({ex}), max({ny}) FROM {table}").fetchone()
    conn.execute(
        "UPDATE gpkg_contents SET min_x=?, min_y=?, max_x=?, max_y=?, "
        "last_change=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name=?",
        (*row, table),
    )
