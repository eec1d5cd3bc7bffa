"""The test server itself: it runs as a non-root user and a failure to start is an error."""

import os

import pytest


def test_postgis_server_runs_as_non_root_user(pg_server, pg_conn):
    with pg_conn.cursor() as cur:
        cur.execute("SELECT postgis_version(), current_setting('data_directory'), current_setting('port')")
        version, datadir, port = cur.fetchone()
    assert version.startswith("3")
    assert datadir.startswith(pg_server.folder) and int(port) == pg_server.port
    owner = os.stat(datadir).st_uid
    assert owner != 0  # PostgreSQL refuses root; as root the cluster belongs to ``postgres``
    assert os.path.exists(os.path.join(pg_server.folder, f".s.PGSQL.{pg_server.port}"))  # socket in the folder


def test_postgis_server_start_failure_raises_with_log(tmp_path):
    from tools.pg_test_server import PgTestServer, ServerError

    server = PgTestServer(bindir=str(tmp_path))  # no initdb there
    with pytest.raises((ServerError, OSError)):
        server.start()
    folder = server.folder
    server.stop()
    assert folder is None or not os.path.exists(folder)  # removed also after a failed start
