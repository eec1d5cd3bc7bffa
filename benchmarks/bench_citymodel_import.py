"""Benchmark of the city model import (``make bench``; speed is measured here, never in tests).

``main(out_dir) -> dict``. On the demo tiles (``tools.demo_data.citygml``) and on the real
fixtures (../shared/fixtures, when present): buildings/s and MB/s, peak RSS for one tile and for
all tiles (each import in its own subprocess, so the figure is that import's own peak), the demo
city as one minified CityJSON document (written by the plugin's own export), the time to reopen
the store, and side by side in the same run ``ogr2ogr`` (GDAL's GML driver, same
files -> GeoPackage).
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
FIXTURES = REPO.parent / "shared" / "fixtures"
EVALDATA_NRW = REPO.parent / "shared" / "evaldata" / "citygml" / "nrw_lod2"

CHILD = r"""
import json, os, resource, sys, time
sys.path.insert(0, {repo!r})


def peak_rss_mb():
    # VmHWM is this process's own peak since exec; ru_maxrss keeps a larger peak of the parent
    # that forked it (make bench runs all benchmarks in one process).
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


from soest_qgis_plugin.citymodel.store import import_files
paths, store, warm_up, repeats = json.loads(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
# Untimed warm-up on a small tile: the one-time lazy imports (shapely, OSR, the translator, about
# 0.08 s) are paid when QGIS first imports anything, not per import; the timed run is the throughput.
import_files([warm_up], store + ".warm-up.gpkg")
os.remove(store + ".warm-up.gpkg")
walls, cpus = [], []
for _ in range(repeats):  # the same import into a new store each time: the machine's noise shows
    if os.path.exists(store):
        os.remove(store)
    wall, cpu = time.perf_counter(), time.process_time()
    summary = import_files(paths, store)
    walls.append(time.perf_counter() - wall)
    cpus.append(time.process_time() - cpu)
middle = sorted(range(repeats), key=walls.__getitem__)[repeats // 2]
print(json.dumps({{"buildings": summary.buildings, "surfaces": summary.surfaces, "bytes": summary.bytes_read,
    "problems": len(summary.problems), "wall_s": walls[middle], "cpu_s": cpus[middle],
    "wall_s_runs": walls, "cpu_s_runs": cpus, "peak_rss_mb": peak_rss_mb()}}))
"""

REOPEN = r"""
import json, sys, time
sys.path.insert(0, {repo!r})
from soest_qgis_plugin.citymodel.store import CityModelStore
start = time.perf_counter()
with CityModelStore(sys.argv[1]) as store:
    count = store.count(); extent = store.extent(); ids = store.building_ids()
    first = list(store.iter_buildings(ids[:100]))
print(json.dumps({{"reopen_s": time.perf_counter() - start, "count": count}}))
"""


PARSE_ONLY = r"""
import json, sys, time
from lxml import etree
count, start = 0, time.process_time()
for path in json.loads(sys.argv[1]):
    for _event, element in etree.iterparse(path, events=("end",), tag="{{*}}cityObjectMember"):
        count += 1
        element.clear()
        while element.getprevious() is not None:
            del element.getparent()[0]
print(json.dumps({{"buildings": count, "cpu_s": time.process_time() - start}}))
"""


def _parse_only(paths):
    """lxml iterparse alone on the same files: the ceiling any Python CityGML reader has here."""
    completed = subprocess.run(
        [_python(), "-c", PARSE_ONLY.format(), json.dumps([str(p) for p in paths])],
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr[-2000:])
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    result["buildings_per_cpu_s"] = result["buildings"] / result["cpu_s"] if result["cpu_s"] else 0.0
    return result


def _python():
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def _run_child(paths, store, warm_up, repeats=5):
    """``repeats`` imports of ``paths`` in one child process; the figures of the median run, and
    the best run's buildings/s (this VM's speed varies by ±20 % from minute to minute)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    completed = subprocess.run(
        [
            _python(),
            "-c",
            CHILD.format(repo=str(REPO)),
            json.dumps([str(p) for p in paths]),
            str(store),
            str(warm_up),
            str(repeats),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=3600,
    )
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr[-2000:])
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    result["mb"] = result["bytes"] / 1e6
    result["buildings_per_s"] = result["buildings"] / result["wall_s"] if result["wall_s"] else 0.0
    result["buildings_per_cpu_s"] = result["buildings"] / result["cpu_s"] if result["cpu_s"] else 0.0
    result["mb_per_s"] = result["mb"] / result["wall_s"] if result["wall_s"] else 0.0
    best = min(result["wall_s_runs"])
    result["best_buildings_per_s"] = result["buildings"] / best if best else 0.0
    result["repeats"] = len(result["wall_s_runs"])
    return result


def _reopen(store):
    completed = subprocess.run(
        [_python(), "-c", REOPEN.format(repo=str(REPO)), str(store)],
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        timeout=600,
    )
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr[-2000:])
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _ogr2ogr(paths, store, work):
    """GDAL's GML driver on the same files (-append into one GeoPackage); wall time + child RSS.

    The tiles are copied to ``work`` first: the driver writes .gfs sidecars beside its input."""
    exe = shutil.which("ogr2ogr")
    if exe is None:
        return None
    work = Path(work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    copies = []
    for path in paths:
        copy = work / Path(path).name
        shutil.copyfile(path, copy)
        copies.append(copy)
    if os.path.exists(store):
        os.remove(store)
    # A small parent process of its own, so its RUSAGE_CHILDREN peak is ogr2ogr's alone.
    runner = (
        "import json, resource, subprocess, sys, time\n"
        "exe, store, files = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])\n"
        "start = time.perf_counter()\n"
        "for f in files:\n"
        "    subprocess.run([exe, '-f', 'GPKG', '-append', '-skipfailures', store, f], capture_output=True)\n"
        "print(json.dumps({'wall': time.perf_counter() - start,\n"
        "    'rss': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", runner, exe, str(store), json.dumps([str(c) for c in copies])],
        capture_output=True,
        text=True,
        timeout=7200,
        check=True,
    )
    measured = json.loads(completed.stdout.strip().splitlines()[-1])
    wall, peak = measured["wall"], measured["rss"]
    layers = {}
    try:
        from osgeo import ogr

        ds = ogr.Open(str(store))
        for index in range(ds.GetLayerCount() if ds else 0):
            layer = ds.GetLayerByIndex(index)
            layers[layer.GetName()] = (layer.GetFeatureCount(), ogr.GeometryTypeToName(layer.GetGeomType()))
    except Exception:  # noqa: BLE001 - only for the report
        pass
    features, geometry = layers.get("Building", (0, ""))
    mb = sum(os.path.getsize(p) for p in paths) / 1e6
    shutil.rmtree(work, ignore_errors=True)
    return {
        "wall_s": wall,
        "features": features,
        "geometry": geometry,
        "layers": layers,
        "buildings_per_s": features / wall if wall else 0.0,
        "mb_per_s": mb / wall if wall else 0.0,
        "peak_rss_mb_max_child": peak / 1024.0,
    }


def _demo_tiles(out_dir):
    """The demo city's CityGML tiles, generated into our own folder (deterministic)."""
    from tools.demo_data import citygml as demo

    folder = Path(out_dir) / "demo_tiles"
    tiles = sorted(p for p in folder.glob("LoD2_*.gml") if ".resolved" not in p.name) if folder.is_dir() else []
    if not tiles:
        demo.generate(str(folder))
        tiles = sorted(folder.glob("LoD2_*.gml"))
    return tiles


def _demo_cityjson(out_dir):
    """The whole demo city as one minified CityJSON 2.0 document (written by the plugin's export)."""
    from soest_qgis_plugin.citymodel.export import export_selection

    path = Path(out_dir) / "demo_city.city.json"
    if not path.exists():
        export_selection(Path(out_dir) / "all.gpkg", None, path)
    return path


def main(out_dir):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    figures = {}
    tiles = _demo_tiles(out_dir)
    largest = max(tiles, key=os.path.getsize)
    smallest = min(tiles, key=os.path.getsize)  # the warm-up file of every run
    figures["demo_tiles"] = {"files": len(tiles), "mb": sum(os.path.getsize(t) for t in tiles) / 1e6}
    figures["warm_up"] = f"untimed import of {smallest.name} in the same process before each timed run"
    figures["one_tile"] = _run_child([largest], out_dir / "one.gpkg", smallest)
    figures["one_tile"]["file"] = largest.name
    figures["lxml_parse_only_one_tile"] = _parse_only([largest])
    figures["all_tiles"] = _run_child(tiles, out_dir / "all.gpkg", smallest)
    if EVALDATA_NRW.is_dir():  # real NRW LoD2 tiles (Kreis Wesel) from ../shared/evaldata
        figures["real_nrw_tiles"] = _run_child(sorted(EVALDATA_NRW.glob("*.gml")), out_dir / "nrw.gpkg", smallest)
    figures["demo_cityjson"] = _run_child([_demo_cityjson(out_dir)], out_dir / "cj.gpkg", smallest)
    figures["reopen_all"] = _reopen(out_dir / "all.gpkg")
    figures["ogr2ogr_all_tiles"] = _ogr2ogr(tiles, out_dir / "ogr_all.gpkg", out_dir / "ogr_input")
    if FIXTURES.is_dir():
        real = sorted((FIXTURES / "citygml").glob("*.gml")) + sorted((FIXTURES / "cityjson").glob("*.json*"))
        figures["real_fixtures"] = _run_child(real, out_dir / "real.gpkg", smallest)
        figures["real_fixtures"]["files"] = len(real)
        gml = sorted((FIXTURES / "citygml").glob("*.gml"))
        figures["ogr2ogr_real_citygml"] = _ogr2ogr(gml, out_dir / "ogr_real.gpkg", out_dir / "ogr_input")
    _print(figures)
    return figures


def _print(figures):
    rows = [("run (median of n)", "buildings", "MB", "wall s", "bldg/s", "best bldg/s", "bldg/CPU-s", "MB/s", "RSS MB")]
    for key in ("one_tile", "all_tiles", "demo_cityjson", "real_nrw_tiles", "real_fixtures"):
        f = figures.get(key)
        if f:
            rows.append(
                (
                    f"{key} (n={f['repeats']})",
                    f["buildings"],
                    f"{f['mb']:.1f}",
                    f"{f['wall_s']:.2f}",
                    f"{f['buildings_per_s']:.0f}",
                    f"{f['best_buildings_per_s']:.0f}",
                    f"{f['buildings_per_cpu_s']:.0f}",
                    f"{f['mb_per_s']:.1f}",
                    f"{f['peak_rss_mb']:.0f}",
                )
            )
    for key in ("ogr2ogr_all_tiles", "ogr2ogr_real_citygml"):
        f = figures.get(key)
        if f:
            rows.append(
                (
                    key + f" ({f['geometry']})",
                    f["features"],
                    "",
                    f"{f['wall_s']:.2f}",
                    f"{f['buildings_per_s']:.0f}",
                    "",
                    "",
                    f"{f['mb_per_s']:.1f}",
                    f"{f['peak_rss_mb_max_child']:.0f}",
                )
            )
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths)))
    parse = figures.get("lxml_parse_only_one_tile")
    if parse:
        print(f"lxml iterparse alone on the same tile: {parse['buildings_per_cpu_s']:.0f} buildings per CPU second")
    fixtures = figures.get("real_fixtures")
    if fixtures:
        print(
            f"real_fixtures: only {fixtures['buildings']} buildings from {fixtures.get('files', '?')} small files; "
            "fixed costs (a new store, a file's set-up) dominate"
        )
    reopen = figures.get("reopen_all")
    if reopen:
        print(f"reopen store with {reopen['count']} buildings (+ read 100): {reopen['reopen_s']:.3f} s")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "results" / "bench_citymodel_import")
