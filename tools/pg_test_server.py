"""A throw-away PostgreSQL + PostGIS server for tests and benchmarks.

``PgTestServer().start()`` runs ``initdb`` into a temporary folder, starts the server on a free
local port (TCP on 127.0.0.1, Unix socket inside the folder), creates a database with
``CREATE EXTENSION postgis`` and returns itself; ``stop()`` stops it and removes the folder.
PostgreSQL refuses to run as root: as root the server runs as the ``postgres`` system user
(``runuser -u postgres --``, the folder chowned to it), otherwise as the current user.

Usage from a shell: ``python tools/pg_test_server.py`` starts one, prints its DSN and waits
for Enter.
"""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time

DBNAME = "soest_test"


class ServerError(RuntimeError):
    pass


def find_bindir():
    """The newest ``/usr/lib/postgresql/<ver>/bin`` that has initdb and a PostGIS extension."""
    candidates = []
    for initdb in glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        version = initdb.split("/")[4]
        postgis = glob.glob(f"/usr/share/postgresql/{version}/extension/postgis.control")
        try:
            key = float(version)
        except ValueError:
            continue
        candidates.append((bool(postgis), key, os.path.dirname(initdb)))
    if not candidates:
        raise ServerError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); run tools/setup.sh")
    candidates.sort()
    has_postgis, _, bindir = candidates[-1]
    if not has_postgis:
        raise ServerError(f"PostGIS is not installed for {bindir}; run tools/setup.sh")
    return bindir


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgTestServer:
    def __init__(self, bindir=None, dbname=DBNAME):
        self.bindir = bindir
        self.dbname = dbname
        self.folder = None
        self.port = None
        self.as_root = os.geteuid() == 0
        self.started = False

    # -- paths
    @property
    def datadir(self):
        return os.path.join(self.folder, "data")

    @property
    def logfile(self):
        return os.path.join(self.folder, "server.log")

    def dsn(self, dbname=None):
        return f"host=127.0.0.1 port={self.port} dbname={dbname or self.dbname} user=postgres connect_timeout=5"

    def params(self, dbname=None):
        return {
            "host": "127.0.0.1",
            "port": self.port,
            "dbname": dbname or self.dbname,
            "user": "postgres",
            "connect_timeout": 5,
        }

    def log(self, tail=8000):
        try:
            with open(self.logfile, encoding="utf-8", errors="replace") as handle:
                return handle.read()[-tail:]
        except (OSError, TypeError):
            return "(no server log)"

    # -- running
    def _run(self, *args, check=True, timeout=120):
        command = [os.path.join(self.bindir, args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        if check and result.returncode != 0:
            raise ServerError(
                "{cmd} failed ({code}):\n{out}\n{err}\n--- server log ---\n{log}".format(
                    cmd=" ".join(command), code=result.returncode, out=result.stdout, err=result.stderr, log=self.log()
                )
            )
        return result

    def start(self):
        self.bindir = self.bindir or find_bindir()
        self.folder = tempfile.mkdtemp(prefix="soest-pg-")
        if self.as_root:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run("initdb", "-D", self.datadir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
        self.port = free_port()
        self._pg_ctl_start()
        self._create_database()
        return self

    def _options(self):
        return (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=on "
            "-c max_connections=60 -c shared_buffers=64MB"
        )

    def _pg_ctl_start(self):
        self._run("pg_ctl", "-D", self.datadir, "-l", self.logfile, "-w", "-t", "60", "-o", self._options(), "start")
        self.started = True

    def stop_server(self, mode="fast"):
        if self.started or (self.folder and os.path.exists(os.path.join(self.datadir, "postmaster.pid"))):
            self._run("pg_ctl", "-D", self.datadir, "-m", mode, "-w", "-t", "60", "stop", check=False)
            self.started = False

    def start_server(self):
        self._pg_ctl_start()

    def restart(self, mode="fast"):
        self._run(
            "pg_ctl",
            "-D",
            self.datadir,
            "-l",
            self.logfile,
            "-m",
            mode,
            "-w",
            "-t",
            "60",
            "-o",
            self._options(),
            "restart",
        )
        self.started = True

    def _create_database(self):
        import psycopg2

        deadline = time.time() + 30
        while True:
            try:
                conn = psycopg2.connect(**self.params("postgres"))
                break
            except psycopg2.OperationalError:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(f'CREATE DATABASE "{self.dbname}"')
        conn.close()
        conn = psycopg2.connect(**self.params())
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        conn.close()

    def stop(self):
        try:
            self.stop_server("immediate")
        finally:
            if self.folder:
                shutil.rmtree(self.folder, ignore_errors=True)
                self.folder = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


# --------------------------------------------------------------------------- review load
def review_worker(dsn, schema, who, lease_seconds=60, stale_attempts=0):
    """One reviewer process: claim → decide (confirm/reject by id parity) until the queue is
    empty. Returns (who, [(damage_id, action_id)], conflicts seen on stale decisions)."""
    from soest_qgis_plugin.roaddamage.store_postgis import DecisionConflict, PostgisDamageStore

    store = PostgisDamageStore.open(dsn, schema=schema)
    decided = []
    started = time.time()
    try:
        while True:
            damage = store.claim_next(who, lease_seconds=lease_seconds)
            if damage is None:
                break
            status, action = ("confirmed", "confirm") if damage["fid"] % 2 else ("rejected", "reject")
            action_id = store.apply_change(
                damage["fid"],
                {"status": status, "reviewer": who, "reviewed_at": "2026-11-28T10:00:00+00:00"},
                who,
                action,
                expected_version=damage["version"],
            )
            decided.append((damage["fid"], action_id))
        finished = time.time()
        conflicts = 0
        for damage_id, _ in decided[:stale_attempts]:
            try:  # a stale view of someone's damage (version 1): must be refused, not overwritten
                store.apply_change(damage_id, {"status": "rejected"}, who + "-stale", "reject", expected_version=1)
            except DecisionConflict:
                conflicts += 1
    finally:
        store.close()
    return who, decided, conflicts, (started, finished)


def review_session(dsn, schema, who, log_path, pause=0.0):
    """A review session for the kill -9 test: claim → decide until the queue is empty; after each
    COMMIT the damage id is appended to ``log_path`` (flushed and fsync'd)."""
    from soest_qgis_plugin.roaddamage.store_postgis import PostgisDamageStore

    store = PostgisDamageStore.open(dsn, schema=schema)
    with open(log_path, "a", encoding="utf-8") as log:
        while True:
            damage = store.claim_next(who)
            if damage is None:
                break
            store.apply_change(
                damage["fid"], {"status": "confirmed", "reviewer": who}, who, "confirm", damage["version"]
            )
            log.write(f"{damage['fid']}\n")
            log.flush()
            os.fsync(log.fileno())
            if pause:
                time.sleep(pause)


def run_review_load(dsn, schema, workers=4, stale_attempts=0):
    """``workers`` reviewer processes (spawned, each its own connection) clear the queue.
    Returns a dict with the decisions per worker, seconds and decisions/s."""
    import multiprocessing
    import time as _time

    context = multiprocessing.get_context("spawn")
    started = _time.perf_counter()
    with context.Pool(workers) as pool:
        results = pool.starmap(
            review_worker, [(dsn, schema, f"reviewer{i + 1}", 60, stale_attempts) for i in range(workers)]
        )
    seconds = _time.perf_counter() - started
    decided = [d for _, rows, _, _ in results for d in rows]
    # Throughput while all reviewers work (process start-up and imports left out).
    busy = max(r[3][1] for r in results) - min(r[3][0] for r in results)
    return {
        "workers": workers,
        "per_worker": {who: len(rows) for who, rows, _, _ in results},
        "decided": decided,
        "stale_conflicts": sum(r[2] for r in results),
        "seconds": seconds,
        "busy_seconds": busy,
        "decisions_per_second": len(decided) / busy if busy > 0 else 0.0,
    }


@contextlib.contextmanager
def running_server():
    server = PgTestServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


if __name__ == "__main__":
    with running_server() as srv:
        print(srv.dsn())
        input("PostgreSQL is running; press Enter to stop it. ")
