"""Benchmark of the city model export: 1,000 demo buildings to every format, and CityJSON → OBJ
side by side with ``cjio … export obj`` in the same run.

``main(out_dir) -> dict`` (called by ``benchmarks/run.py``; ``make bench``). Figures: seconds,
buildings/s, output MB and triangles per format; the 3D print STL (1:1000 and with a DGM);
``export_selection`` from a store; CityJSON → OBJ for us (read + export) and for cjio.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

COUNT = 1000
REPEATS = 3
FORMATS = (
    ("obj", "buildings.obj", {}),
    ("glb", "buildings.glb", {}),
    ("gltf", "buildings.gltf", {"local_origin": True}),
    ("stl", "buildings.stl", {}),
    ("dxf 3DFACE", "buildings.dxf", {}),
    ("dxf MESH", "buildings_mesh.dxf", {"dxf_entity": "mesh"}),
    ("cityjson", "buildings.city.json", {}),
    ("citygml", "buildings.gml", {}),
    ("gpkg", "buildings.gpkg", {}),
    ("stl print 1:1000", "print_1000.stl", {"print_scale": 1000}),
)


def _demo_buildings(work, count=COUNT):
    """Generate demo tiles, import them into a store and read ``count`` buildings back."""
    from soest_qgis_plugin.citymodel.store import CityModelStore, import_files
    from tools.demo_data import citygml as demo

    tiles = work / "tiles"
    tiles.mkdir(parents=True, exist_ok=True)
    paths = demo.generate(str(tiles), count=count)
    store_path = work / "store.gpkg"
    if store_path.exists():
        store_path.unlink()
    import_files(paths, str(store_path))
    with CityModelStore(str(store_path)) as store:
        ids = store.building_ids()[:count]
        buildings = list(store.iter_buildings(ids))
    return buildings, store_path, ids


def _write_dem(path, buildings, margin=50.0):
    import numpy as np
    import rasterio
    from rasterio.transform import from_origin

    v = np.vstack([b.vertices() for b in buildings])
    minx, miny = v[:, 0].min() - margin, v[:, 1].min() - margin
    maxx, maxy = v[:, 0].max() + margin, v[:, 1].max() + margin
    cols, rows = int(maxx - minx) + 1, int(maxy - miny) + 1
    gx, gy = np.meshgrid(np.arange(cols), np.arange(rows))
    z = (v[:, 2].min() - 0.5 + 0.01 * gx + 0.005 * gy).astype("float32")
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=cols,
        height=rows,
        count=1,
        dtype="float32",
        crs="EPSG:25832",
        transform=from_origin(minx, maxy, 1.0, 1.0),
    ) as dst:
        dst.write(z, 1)
    return path


def _children_cpu():
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _size_mb(files):
    return sum(os.path.getsize(f) for f in files if os.path.exists(f)) / 1e6


def _peak_rss_mb():
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    except (ImportError, AttributeError):
        return None


def main(out_dir):
    from soest_qgis_plugin.citymodel.export import export_buildings, export_selection
    from soest_qgis_plugin.citymodel.readers import iter_buildings

    out = Path(out_dir)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    start = time.perf_counter()
    buildings, store_path, ids = _demo_buildings(out / "demo")
    prepare = time.perf_counter() - start
    figures = {"buildings": len(buildings), "prepare_seconds": round(prepare, 2), "formats": {}}
    print(f"{len(buildings)} demo buildings prepared in {prepare:.1f} s")
    print(f"{'format':<22}{'seconds':>9}{'cpu s':>9}{'bldg/s':>9}{'MB':>9}{'triangles':>11}")
    dem = _write_dem(out / "dgm1.tif", buildings)
    cases = list(FORMATS) + [
        ("obj + terrain", "terrain.obj", {"terrain": str(dem)}),
        ("stl print + DGM", "print_dgm.stl", {"print_scale": 1000, "terrain": str(dem)}),
    ]
    for label, name, options in cases:
        target = out / name
        t0, c0 = time.perf_counter(), time.process_time()
        summary = export_buildings(buildings, target, options)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        row = {
            "seconds": round(seconds, 3),
            "cpu_seconds": round(cpu, 3),
            "buildings_per_second": round(len(buildings) / seconds, 1),
            "mb": round(_size_mb(summary.get("files", [target])), 2),
            "triangles": summary.get("triangles"),
        }
        figures["formats"][label] = row
        print(
            f"{label:<22}{row['seconds']:>9.2f}{row['cpu_seconds']:>9.2f}{row['buildings_per_second']:>9.0f}"
            f"{row['mb']:>9.1f}"
            f"{row['triangles'] or '':>11}"
        )
    # From the store, as the dock and Processing do (read + export).
    t0 = time.perf_counter()
    export_selection(store_path, ids, out / "selection.glb")
    figures["export_selection_glb_seconds"] = round(time.perf_counter() - t0, 3)
    print(f"export_selection → GLB (store read + export): {figures['export_selection_glb_seconds']:.2f} s")

    # CityJSON → OBJ: ours (read the CityJSON, export OBJ) against cjio, same file, same run.
    cityjson = out / "buildings.city.json"
    cjio = shutil.which("cjio") or str(Path(sys.executable).with_name("cjio"))
    have_cjio = os.path.exists(cjio)
    ours_runs, cjio_runs, cjio_ok = [], [], None
    for _ in range(REPEATS):  # alternate and keep the best of each: the machine is shared
        t0, c0 = time.perf_counter(), time.process_time()
        again = list(iter_buildings([str(cityjson)]))
        export_buildings(again, out / "ours_from_cityjson.obj")
        ours_runs.append((time.perf_counter() - t0, time.process_time() - c0))
        if have_cjio:
            t0, c0 = time.perf_counter(), _children_cpu()
            run = subprocess.run(
                [cjio, "--suppress_msg", str(cityjson), "export", "obj", str(out / "cjio.obj")],
                capture_output=True,
                text=True,
                timeout=3600,
            )
            cjio_runs.append((time.perf_counter() - t0, _children_cpu() - c0))
            cjio_ok = run.returncode == 0 and (out / "cjio.obj").exists()
            if not cjio_ok:
                print(f"cjio failed: {(run.stdout + run.stderr)[-300:]}")
                break
    ours, ours_cpu = min(r[0] for r in ours_runs), min(r[1] for r in ours_runs)
    record = {"buildings": len(again), "ours_seconds": round(ours, 3), "ours_cpu_seconds": round(ours_cpu, 3)}
    figures["cityjson_to_obj"] = record
    if have_cjio and cjio_ok:
        cj, cj_cpu = min(r[0] for r in cjio_runs), min(r[1] for r in cjio_runs)
        record.update({"cjio_seconds": round(cj, 3), "cjio_cpu_seconds": round(cj_cpu, 3), "cjio_ok": True})
        record["speedup_wall"] = round(cj / ours, 2)
        record["speedup_cpu"] = round(cj_cpu / max(ours_cpu, 1e-9), 2)
        print(
            f"CityJSON → OBJ (best of {REPEATS}): ours {ours:.2f} s ({ours_cpu:.2f} s CPU), "
            f"cjio {cj:.2f} s ({cj_cpu:.2f} s CPU): {record['speedup_wall']:.1f}× faster"
        )
    else:
        record["cjio_seconds"] = None
        print(f"CityJSON → OBJ: ours {ours:.2f} s; cjio not available (pip install cjio triangle)")
    figures["peak_rss_mb"] = _peak_rss_mb()
    print(f"peak RSS {figures['peak_rss_mb']:.0f} MB")
    return figures


if __name__ == "__main__":
    main(HERE / "results" / "bench_citymodel_export")
