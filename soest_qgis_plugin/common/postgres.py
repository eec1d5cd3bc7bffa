"""PostgreSQL/PostGIS connections for the stores (psycopg2, no Qt widgets).

Two ways in:

- ``connect_saved(name)``: one of QGIS's saved PostgreSQL connections (Browser → PostgreSQL),
  looked up through QGIS's connection API; user name and password come from QGIS's
  authentication system (``authcfg``) when the connection uses one.
- ``connect_dsn(dsn)``: a plain libpq connection string or keyword dict (scripts, tests).

``PgConnector`` keeps the parameters so a store can reconnect after the server was restarted or
the network was gone. Every connection error becomes a ``ConnectionLost`` (a ``StoreError``) with
a translated message; SQL errors become ``StoreError``. SQL is built only with bound parameters
and ``psycopg2.sql.Identifier`` for names (schemas, tables).
"""

import contextlib
import re

from .errors import DependencyError, InputError, StoreError
from .i18n import tr

DEFAULT_SCHEMA = "soest"
CONNECT_TIMEOUT = 5  # seconds
_SCHEMA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


class ConnectionLost(StoreError):  # noqa: N818 - reads as the domain word
    """The database server cannot be reached (down, restarted, network gone)."""


def psycopg2_module():
    try:
        import psycopg2
        import psycopg2.extras  # noqa: F401 - used through the module
        import psycopg2.sql  # noqa: F401
    except ImportError as error:  # pragma: no cover - Debian's python3-psycopg2 is a dependency
        raise DependencyError(
            tr("The Python package psycopg2 is needed for PostgreSQL (Debian: python3-psycopg2)."), str(error)
        ) from error
    return psycopg2


def is_connection_error(error):
    """True when ``error`` means the connection is gone (as opposed to a bad statement)."""
    psycopg2 = psycopg2_module()
    if isinstance(error, ConnectionLost):
        return True
    if isinstance(error, (psycopg2.InterfaceError,)):
        return True
    if isinstance(error, psycopg2.OperationalError):
        code = getattr(error, "pgcode", None)
        # 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 08xxx connection
        return code is None or code.startswith("08") or code.startswith("57P")
    return False


def translate_error(error, what=None):
    """A ``StoreError`` (``ConnectionLost`` for connection problems) for a psycopg2 error."""
    what = what or tr("PostgreSQL database")
    detail = str(error).strip()
    if is_connection_error(error):
        return ConnectionLost(
            tr("The database server cannot be reached ({what}): {error}").format(what=what, error=detail), detail
        )
    return StoreError(tr("Database error ({what}): {error}").format(what=what, error=detail), detail)


def _params_from_dsn(dsn):
    psycopg2 = psycopg2_module()
    if isinstance(dsn, dict):
        return {k: v for k, v in dsn.items() if v not in (None, "")}
    from psycopg2.extensions import parse_dsn

    try:
        return parse_dsn(dsn)
    except psycopg2.ProgrammingError as error:
        raise InputError(tr("Invalid PostgreSQL connection string: {error}").format(error=error)) from error


def describe(params):
    """A short, password-free description of connection parameters (for messages and keys)."""
    host = params.get("host") or params.get("service") or "localhost"
    port = params.get("port") or "5432"
    return "{user}@{host}:{port}/{db}".format(
        user=params.get("user") or "", host=host, port=port, db=params.get("dbname") or ""
    ).lstrip("@")


class PgConnector:
    """Connection parameters and a factory for psycopg2 connections (reconnect after loss)."""

    def __init__(self, params, name=None):
        self.params = dict(params)
        self.params.setdefault("connect_timeout", CONNECT_TIMEOUT)
        self.params.setdefault("application_name", "soest_qgis_plugin")
        self.name = name or describe(self.params)

    @classmethod
    def from_dsn(cls, dsn, name=None):
        return cls(_params_from_dsn(dsn), name=name)

    @classmethod
    def from_saved(cls, name):
        return cls(saved_connection_params(name), name=name)

    def key(self):
        """Identifies the database (no password): used to file pending decisions."""
        return describe(self.params)

    def connect(self):
        psycopg2 = psycopg2_module()
        try:
            conn = psycopg2.connect(**self.params)
        except psycopg2.Error as error:
            raise translate_error(error, self.name) from error
        return conn


def connect_dsn(dsn):
    """A psycopg2 connection from a libpq connection string or keyword dict."""
    return PgConnector.from_dsn(dsn).connect()


def connect_saved(name):
    """A psycopg2 connection from one of QGIS's saved PostgreSQL connections."""
    return PgConnector.from_saved(name).connect()


# --------------------------------------------------------------------------- QGIS connections
def _provider_metadata():
    from qgis.core import QgsProviderRegistry

    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    if metadata is None:
        raise DependencyError(tr("QGIS's PostgreSQL provider is not available."))
    return metadata


def saved_connection_names():
    """Names of QGIS's saved PostgreSQL connections, sorted."""
    try:
        return sorted(_provider_metadata().connections().keys())
    except DependencyError:
        return []


def params_from_uri(uri):
    """libpq keyword parameters of a ``QgsDataSourceUri`` (auth config already resolved)."""
    params = {
        "host": uri.host(),
        "port": uri.port(),
        "dbname": uri.database(),
        "user": uri.username(),
        "password": uri.password(),
        "service": uri.service(),
    }
    try:
        mode = int(uri.sslMode())
    except (TypeError, ValueError):
        mode = -1
    # QgsDataSourceUri.SslMode: 0 prefer, 1 disable, 2 allow, 3 require, 4 verify-ca, 5 verify-full
    ssl = {1: "disable", 2: "allow", 3: "require", 4: "verify-ca", 5: "verify-full"}.get(mode)
    if ssl:
        params["sslmode"] = ssl
    return {k: v for k, v in params.items() if v not in (None, "")}


def saved_connection_params(name):
    """libpq parameters of a saved QGIS PostgreSQL connection, password resolved through QGIS's
    authentication manager when the connection uses an auth config."""
    from qgis.core import QgsApplication, QgsDataSourceUri

    metadata = _provider_metadata()
    connection = metadata.findConnection(name)
    if connection is None:
        raise InputError(tr("QGIS has no saved PostgreSQL connection named {name}.").format(name=name))
    uri = QgsDataSourceUri(connection.uri())
    if uri.authConfigId():
        items = [item for item in uri.connectionInfo(False).split(" ") if item]
        resolved = QgsApplication.authManager().updateDataSourceUriItems(items, uri.authConfigId(), "postgres")
        ok = resolved[0] if isinstance(resolved, tuple) else resolved
        items = resolved[1] if isinstance(resolved, tuple) else items
        if not ok:
            raise StoreError(
                tr("The authentication configuration of the connection {name} cannot be used.").format(name=name)
            )
        uri = QgsDataSourceUri(" ".join(items))
    return params_from_uri(uri)


# --------------------------------------------------------------------------- helpers
@contextlib.contextmanager
def transaction(conn, what=None):
    """One transaction on ``conn`` (commit on success, roll back on any error); yields a cursor.

    psycopg2 errors are translated to ``StoreError`` / ``ConnectionLost``."""
    psycopg2 = psycopg2_module()
    try:
        with conn.cursor() as cur:
            yield cur
        conn.commit()
    except psycopg2.Error as error:
        with contextlib.suppress(psycopg2.Error):
            conn.rollback()
        raise translate_error(error, what) from error
    except BaseException:
        with contextlib.suppress(psycopg2.Error):
            conn.rollback()
        raise


def check_schema_name(name):
    """A schema name the plugin accepts: letters, digits and underscores, not starting with a
    digit, at most 63 characters (PostgreSQL's limit). Anything else is refused."""
    if not isinstance(name, str) or not _SCHEMA_NAME.match(name):
        raise InputError(
            tr("Invalid schema name {name}: use letters, digits and underscores (at most 63).").format(name=repr(name))
        )
    return name


def ensure_schema(cur, schema):
    from psycopg2 import sql

    cur.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))


def ensure_postgis(cur):
    """PostGIS in the database (created when missing and allowed), else a clear error."""
    cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")
    if cur.fetchone():
        return
    cur.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")
    if not cur.fetchone():
        raise StoreError(tr("The PostgreSQL server has no PostGIS extension installed."))
    cur.execute("CREATE EXTENSION IF NOT EXISTS postgis")


def schemas(conn):
    """User schemas of the database (for the picker)."""
    with conn.cursor() as cur:
        cur.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%%' "
            "AND nspname NOT IN ('information_schema') ORDER BY 1"
        )
        rows = [r[0] for r in cur.fetchall()]
    conn.rollback()
    return rows
