"""A real PostgreSQL + PostGIS server for the PostGIS tests (session scope).

The server is made by ``tools/pg_test_server.py``: ``initdb`` into a temporary folder as a
non-root user (``postgres`` via ``runuser`` when the tests run as root), started on a free local
port with its socket in that folder, a database with ``CREATE EXTENSION postgis``; stopped and
removed at the end, also when tests fail. When it cannot start, every test using it FAILS with
the server log in the message (never skips): CI must notice a missing server.
"""

import itertools
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

_counter = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server():
    from tools.pg_test_server import PgTestServer, ServerError

    server = PgTestServer()
    try:
        server.start()
    except (ServerError, OSError, Exception) as error:  # noqa: BLE001 - any reason: fail with the log
        log = server.log()
        server.stop()
        pytest.fail(
            f"PostgreSQL/PostGIS test server could not start: {error}\n--- server log ---\n{log}", pytrace=False
        )
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_dsn(pg_server):
    return pg_server.dsn()


@pytest.fixture
def pg_schema(pg_server):
    """A fresh schema name per test (dropped afterwards)."""
    import psycopg2

    name = f"t{os.getpid()}_{next(_counter)}"
    yield name
    try:
        conn = psycopg2.connect(pg_server.dsn())
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        conn.close()
    except psycopg2.Error:
        pass  # a test that stopped the server; the whole cluster goes at session end


@pytest.fixture
def pg_conn(pg_server):
    import psycopg2

    conn = psycopg2.connect(pg_server.dsn())
    yield conn
    conn.close()


def populate(store, n, seed=1, street="Am Markt"):
    """``n`` unreviewed damages in one drive (one statement; deterministic confidences)."""
    drive = store.add_drive("drive", "synthetic")
    with store.transaction() as cur:
        cur.execute(
            "INSERT INTO damages (geom, drive_id, class_name, detected_class, confidence, street, easting, northing, "
            "observations) SELECT ST_SetSRID(ST_MakePoint(430000 + i, 5714000 + i %% 97), 25832), %s, "
            "(ARRAY['D00','D10','D20','D40'])[1 + i %% 4], (ARRAY['D00','D10','D20','D40'])[1 + i %% 4], "
            "((i * 7919 + %s) %% 1000) / 1000.0, %s, 430000 + i, 5714000 + i %% 97, 1 "
            "FROM generate_series(1, %s) AS i",
            (drive, seed, street, n),
        )
    return drive
