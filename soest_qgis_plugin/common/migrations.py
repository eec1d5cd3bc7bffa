"""Versioned schema migrations for the PostgreSQL stores.

Each store (``component``, e.g. ``roaddamage``) has an ordered list of ``Migration`` steps. The
table ``<schema>.schema_migrations`` records which steps ran. ``migrate`` applies the missing
ones in order, each in the same transaction as its bookkeeping row, under an advisory lock so two
QGIS instances opening the same schema at once do not race. An older schema is upgraded in place;
nothing is ever dropped. A schema newer than the plugin is refused (never downgraded).

Statements are SQL text with ``{s}`` for the schema name; it is filled in with
``psycopg2.sql.Identifier`` (never by string formatting).
"""

from dataclasses import dataclass

from .errors import StoreError
from .i18n import tr
from .postgres import check_schema_name, ensure_postgis, ensure_schema, psycopg2_module, translate_error


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple


def _compose(statement, schema):
    from psycopg2 import sql

    return sql.SQL(statement).format(s=sql.Identifier(schema))


def current_version(conn, schema, component):
    """The newest applied migration of ``component`` in ``schema`` (0 when none / no table)."""
    with conn.cursor() as cur:
        cur.execute("SELECT to_regclass(%s)", (_qualified(schema, "schema_migrations"),))
        if cur.fetchone()[0] is None:
            return 0
        cur.execute(
            _compose("SELECT coalesce(max(version), 0) FROM {s}.schema_migrations WHERE component = %s", schema),
            (component,),
        )
        return int(cur.fetchone()[0])


def _qualified(schema, table):
    # to_regclass takes text (a bound parameter): identifiers quoted the SQL way.
    return '"{}"."{}"'.format(schema.replace('"', '""'), table.replace('"', '""'))


def migrate(conn, schema, component, migrations, target=None):
    """Bring ``component`` in ``schema`` to ``target`` (default: the newest). Returns (old, new)."""
    psycopg2 = psycopg2_module()
    check_schema_name(schema)
    target = max(m.version for m in migrations) if target is None else target
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", ("soest-migrate:" + schema,))
            ensure_postgis(cur)
            ensure_schema(cur, schema)
            cur.execute(
                _compose(
                    "CREATE TABLE IF NOT EXISTS {s}.schema_migrations (component text NOT NULL, "
                    "version integer NOT NULL, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), "
                    "PRIMARY KEY (component, version))",
                    schema,
                )
            )
            cur.execute(
                _compose("SELECT coalesce(max(version), 0) FROM {s}.schema_migrations WHERE component = %s", schema),
                (component,),
            )
            old = int(cur.fetchone()[0])
            newest = max(m.version for m in migrations)
            if old > newest:
                raise StoreError(
                    tr("The database schema {schema} was written by a newer plugin version ({version}).").format(
                        schema=schema, version=old
                    )
                )
            for step in sorted(migrations, key=lambda m: m.version):
                if old < step.version <= target:
                    for statement in step.statements:
                        cur.execute(_compose(statement, schema))
                    cur.execute(
                        _compose(
                            "INSERT INTO {s}.schema_migrations (component, version, name) VALUES (%s, %s, %s)", schema
                        ),
                        (component, step.version, step.name),
                    )
        conn.commit()
    except psycopg2.Error as error:
        conn.rollback()
        raise translate_error(error) from error
    except BaseException:
        conn.rollback()
        raise
    return old, max(old, target)
