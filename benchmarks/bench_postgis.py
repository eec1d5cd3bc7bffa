"""PostGIS benchmark: concurrent review throughput and the city model import into PostGIS.

Starts a throw-away PostgreSQL + PostGIS server (tools/pg_test_server.py), then
- N reviewer processes (each its own connection) clear a queue of 5,000 damages with
  claim → decide (two transactions per decision, each committed durably): decisions/s for
  1, 2 and 4 reviewers;
- one reviewer's latency per claim + decision (median, ms);
- the city model import of generated tiles into PostGIS vs. into a GeoPackage (buildings/s).
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DAMAGES = 5000


def _populate(store, n):
    drive = store.add_drive("bench", "synthetic")
    with store.transaction() as cur:
        cur.execute(
            "INSERT INTO damages (geom, drive_id, class_name, detected_class, confidence, street, easting, northing) "
            "SELECT ST_SetSRID(ST_MakePoint(430000 + i, 5714000), 25832), %s, 'D40', 'D40', "
            "((i * 7919) %% 1000) / 1000.0, 'Am Markt', 430000 + i, 5714000 FROM generate_series(1, %s) AS i",
            (drive, n),
        )
        cur.execute("ANALYZE damages")


def main(out_dir=None):
    from soest_qgis_plugin.roaddamage.store_postgis import PostgisDamageStore
    from tools.pg_test_server import PgTestServer, run_review_load

    figures = {}
    with PgTestServer() as server:
        dsn = server.dsn()
        for workers in (1, 2, 4):
            schema = f"bench_{workers}"
            store = PostgisDamageStore.open(dsn, schema=schema)
            _populate(store, DAMAGES)
            result = run_review_load(dsn, schema, workers=workers)
            decided = [d for d, _ in result["decided"]]
            assert len(decided) == len(set(decided)) == DAMAGES
            figures[f"decisions_per_s_{workers}_reviewers"] = round(result["decisions_per_second"], 1)
            store.close()
        store = PostgisDamageStore.open(dsn, schema="bench_latency")
        _populate(store, 400)
        times = []
        for _ in range(300):
            start = time.perf_counter()
            damage = store.claim_next("anna")
            store.apply_change(damage["fid"], {"status": "confirmed"}, "anna", "confirm", damage["version"])
            times.append((time.perf_counter() - start) * 1000)
        figures["claim_plus_decision_ms_median"] = round(statistics.median(times), 2)
        start = time.perf_counter()
        for _ in range(300):
            store.damage(1)
        figures["read_damage_ms"] = round((time.perf_counter() - start) * 1000 / 300, 3)
        store.close()
        figures.update(_citymodel(dsn))
    print("\nPostGIS benchmark")
    print(f"{'figure':<40} {'value':>12}")
    for key, value in figures.items():
        print(f"{key:<40} {value:>12}")
    return figures


def _citymodel(dsn):
    from soest_qgis_plugin.citymodel.store import import_files
    from soest_qgis_plugin.citymodel.store_postgis import import_files_postgis
    from tests.citymodel import gen

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        tiles = [gen.write_tile(folder / f"tile_{i}.gml", 1000, start=1000 * i) for i in range(3)]
        start = time.perf_counter()
        summary = import_files(tiles, folder / "store.gpkg")
        gpkg_s = time.perf_counter() - start
        start = time.perf_counter()
        pg = import_files_postgis(tiles, dsn, "bench_city")
        pg_s = time.perf_counter() - start
        assert pg.total_in_store == summary.total_in_store
        return {
            "citymodel_buildings": summary.buildings,
            "citymodel_gpkg_buildings_per_s": round(summary.buildings / gpkg_s, 1),
            "citymodel_postgis_buildings_per_s": round(pg.buildings / pg_s, 1),
        }


if __name__ == "__main__":
    main()
