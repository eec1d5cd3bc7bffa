"""Benchmark of the shuttle analyses (``make bench`` → ``main(out_dir)``).

1. Catchments for every stop and every profile (300/500 m) on the Soest demo network and on a
   generated grid network of ≥ 50,000 footway segments, side by side in the same run with QGIS's
   ``native:serviceareafromlayer`` on the same network and stops (unrestricted profile, same
   distances). Reached network length per stop is compared (QGIS counts each reached edge once per
   direction, so the same directed sum is computed from our distances). Target: ≥ 5× faster.
2. Slope profile of a 10 km route on a 1 m DGM. Target: < 1 s.

Run alone: ``python -m benchmarks.bench_shuttle [out_dir]``.
"""

import os
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DISTANCES = (300.0, 500.0)
GRID_N = 160  # 160 × 160 nodes → 50,880 segments
GRID_STEP = 25.0
GRID_STOPS = 60


def _qgis():
    """A running QgsApplication with Processing and the native algorithms."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    app = QgsApplication.instance()
    if app is None:
        app = QgsApplication([], False)
        app.initQgis()
        _qgis.app = app
    if "/usr/share/qgis/python/plugins" not in sys.path:
        sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    return app


def demo_inputs(out_dir):
    """Demo network, GTFS and DGM (repo demo-data/ if there, else generated into out_dir/demo)."""
    for folder in (REPO / "demo-data", Path(out_dir) / "demo"):
        if (
            (folder / "network.gpkg").exists()
            and (folder / "gtfs_sofia.zip").exists()
            and (folder / "dgm1_soest.tif").exists()
        ):
            return folder
    folder = Path(out_dir) / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    from tools.demo_data import gtfs, network, terrain

    terrain.generate(folder)
    network.generate(folder)
    gtfs.generate(folder)
    return folder


def write_grid_network(path, n=GRID_N, step=GRID_STEP, seed=7):
    """A grid of n × n nodes (2·n·(n−1) footway segments) with random barriers, as GeoPackage."""
    from osgeo import ogr, osr

    rng = np.random.default_rng(seed)
    if os.path.exists(path):
        os.remove(path)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    layer = ds.CreateLayer("ways", srs, ogr.wkbLineString)
    for name in ("osm_id", "highway", "kerb_height", "incline", "width"):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    x0, y0 = 430000.0, 5705000.0
    layer.StartTransaction()
    count = 0
    for i in range(n):
        for j in range(n):
            for di, dj in ((1, 0), (0, 1)):
                if i + di >= n or j + dj >= n:
                    continue
                f = ogr.Feature(layer.GetLayerDefn())
                count += 1
                f.SetField("osm_id", str(count))
                r = rng.random()
                f.SetField("highway", "steps" if r < 0.03 else "footway")
                if 0.03 <= r < 0.13:
                    f.SetField("kerb_height", "{} cm".format(int(rng.integers(2, 15))))
                if 0.13 <= r < 0.18:
                    f.SetField("incline", "{}%".format(int(rng.integers(2, 12))))
                if 0.18 <= r < 0.21:
                    f.SetField("width", "ca. {:.1f}m".format(rng.uniform(0.6, 1.5)))
                g = ogr.Geometry(ogr.wkbLineString)
                g.AddPoint_2D(x0 + i * step, y0 + j * step)
                g.AddPoint_2D(x0 + (i + di) * step, y0 + (j + dj) * step)
                f.SetGeometry(g)
                layer.CreateFeature(f)
    layer.CommitTransaction()
    ds = None
    stops = []
    picks = rng.choice(n * n, size=GRID_STOPS, replace=False)
    for k, p in enumerate(picks):
        i, j = divmod(int(p), n)
        stops.append(("G{}".format(k), x0 + i * step + rng.uniform(0, step), y0 + j * step))
    return count, stops


def write_points(path, stops):
    from osgeo import ogr, osr

    if os.path.exists(path):
        os.remove(path)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    layer = ds.CreateLayer("stops", srs, ogr.wkbPoint)
    layer.CreateField(ogr.FieldDefn("stop_id", ogr.OFTString))
    for sid, x, y in stops:
        f = ogr.Feature(layer.GetLayerDefn())
        f.SetField("stop_id", sid)
        g = ogr.Geometry(ogr.wkbPoint)
        g.AddPoint_2D(x, y)
        f.SetGeometry(g)
        layer.CreateFeature(f)
    ds = None


def directed_reach(net, catch, stop_index, stop_id, costs, t):
    """Network length reached within t, summed as QGIS's service area lines do it.

    QGIS's graph has a vertex at every line vertex and, from every reached vertex, adds each
    outgoing segment (whole, or the part up to the cost limit) — each reached segment counts
    once per direction. The same sum is computed here from our node distances, per segment.
    """
    reach = catch.reach.get((stop_id, "unrestricted"))
    anchor = catch.anchors[stop_index]
    if reach is None or anchor.edge < 0:
        return 0.0
    dist = np.full(net.node_count, np.inf)
    dist[reach.nodes] = reach.node_dist
    du, dv = dist[net.u], dist[net.v]
    candidates = np.flatnonzero((np.fmin(du, dv) <= t) & (np.arange(net.edge_count) != anchor.edge))
    total = 0.0
    for e in candidates:
        total += _edge_sum(net.edge_coords(e), du[e], dv[e], None, t)
    total += _edge_sum(net.edge_coords(anchor.edge), du[anchor.edge], dv[anchor.edge], anchor.offset, t)
    return float(total)


def _edge_sum(coords, du, dv, stop_offset, t):
    seg = np.hypot(*np.diff(coords, axis=0).T)
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    if stop_offset is not None:  # the stop splits its edge like a QGIS tie point
        cum = np.sort(np.append(cum, stop_offset))
        seg = np.diff(cum)
    c = cum[-1]
    d = np.fmin(du + cum, dv + (c - cum))
    if stop_offset is not None:
        d = np.fmin(d, np.abs(cum - stop_offset))
    fwd = d[:-1] <= t
    bwd = d[1:] <= t
    return np.minimum(seg[fwd], t - d[:-1][fwd]).sum() + np.minimum(seg[bwd], t - d[1:][bwd]).sum()


def ours(network_path, stops, profiles=("unrestricted", "wheelchair", "rollator", "blind")):
    # one-time imports (scipy, pyproj, GDAL) are not part of the comparison
    import pyproj  # noqa: F401
    import scipy.sparse.csgraph  # noqa: F401
    import scipy.spatial  # noqa: F401

    from soest_qgis_plugin.shuttle.catchments import compute_catchments
    from soest_qgis_plugin.shuttle.network import load_network

    load_network(network_path, snap=0.0)  # warm-up (file cache, GDAL driver), not timed
    t0 = time.perf_counter()
    net = load_network(network_path, snap=0.0)
    t1 = time.perf_counter()
    catch_u = compute_catchments(net, stops, ["unrestricted"], DISTANCES)
    t2 = time.perf_counter()
    catch_all = compute_catchments(net, stops, list(profiles), DISTANCES)
    t3 = time.perf_counter()
    return net, catch_u, {"build_s": t1 - t0, "unrestricted_s": t2 - t1, "all_profiles_s": t3 - t2, "all": catch_all}


def _service_area_parameters(network, points, distance):
    return {
        "INPUT": network,
        "STRATEGY": 0,
        "DEFAULT_DIRECTION": 2,
        "TOLERANCE": 0,
        "START_POINTS": points,
        "TRAVEL_COST2": distance,
        "INCLUDE_BOUNDS": False,
        "OUTPUT_LINES": "TEMPORARY_OUTPUT",
    }


def qgis_service_area(network_path, stops_path, stops, warm_up=True):
    import processing
    from qgis.core import QgsVectorLayer

    network = QgsVectorLayer(str(network_path) + "|layername=ways", "ways", "ogr")
    points = QgsVectorLayer(str(stops_path) + "|layername=stops", "stops", "ogr")
    lengths = {}
    if warm_up:  # first-run overhead of Processing and the network layer, not timed
        processing.run("native:serviceareafromlayer", _service_area_parameters(network, points, 1.0))
    t0 = time.perf_counter()
    for d in DISTANCES:
        result = processing.run("native:serviceareafromlayer", _service_area_parameters(network, points, d))
        for f in result["OUTPUT_LINES"].getFeatures():
            lengths[(f["stop_id"], d)] = lengths.get((f["stop_id"], d), 0.0) + f.geometry().length()
    return time.perf_counter() - t0, lengths


def compare(label, network_path, stops, out_dir, segments):
    stops_path = Path(out_dir) / "bench_{}_stops.gpkg".format(label)
    write_points(stops_path, stops)
    net, catch_u, timing = ours(network_path, stops)
    qgis_s, qgis_len = qgis_service_area(network_path, stops_path, stops, warm_up=len(stops) * net.edge_count < 1e5)
    costs = net.costs("unrestricted")
    diffs, matched = [], 0
    for i, (sid, _, _) in enumerate(stops):
        for d in DISTANCES:
            mine = directed_reach(net, catch_u, i, sid, costs, d)
            theirs = qgis_len.get((sid, d), 0.0)
            if theirs > 0 or mine > 0:
                rel = abs(mine - theirs) / max(theirs, mine)
                diffs.append(rel)
                matched += rel < 0.01
    ours_unrestricted = timing["build_s"] + timing["unrestricted_s"]
    polygons_s = _polygons(net, timing["all"])
    return {
        "network": label,
        "segments": segments,
        "edges": int(net.edge_count),
        "stops": len(stops),
        "ours_build_s": round(timing["build_s"], 3),
        "ours_unrestricted_s": round(timing["unrestricted_s"], 3),
        "ours_all_profiles_s": round(timing["all_profiles_s"], 3),
        "ours_polygons_s": round(polygons_s, 3),
        "qgis_unrestricted_s": round(qgis_s, 3),
        "speedup_unrestricted": round(qgis_s / max(ours_unrestricted, 1e-9), 1),
        "speedup_all_profiles_vs_qgis_unrestricted": round(
            qgis_s / max(timing["build_s"] + timing["all_profiles_s"], 1e-9), 1
        ),
        "reach_match_share": round(matched / max(len(diffs), 1), 3),
        "reach_max_rel_diff": round(max(diffs) if diffs else 0.0, 4),
    }


def _polygons(net, catch, limit=40):
    """Time for the band polygons of up to ``limit`` stop/profile pairs (reported, not compared)."""
    from soest_qgis_plugin.shuttle.catchments import catchment_polygon

    t0 = time.perf_counter()
    costs = {p: net.costs(p) for p in catch.profiles}
    for n, ((_, profile), reach) in enumerate(catch.reach.items()):
        if n >= limit:
            break
        for d in catch.distances:
            catchment_polygon(net, reach, costs[profile], d)
    return time.perf_counter() - t0


def slope_benchmark(dem_path):
    """10 km zig-zag route over the 1 m DGM; time of route_profile (best of 3)."""
    import rasterio

    from soest_qgis_plugin.shuttle.slope import route_profile

    with rasterio.open(dem_path) as ds:
        left, bottom, right, top = ds.bounds
        res = ds.res[0]
    coords = route_10km(left, bottom)
    length = float(np.hypot(*np.diff(coords, axis=0).T).sum())
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        profile = route_profile(coords, dem_path, max_gradient=15)
        times.append(time.perf_counter() - t0)
    return {
        "route_km": round(length / 1000, 2),
        "dem_pixel_m": res,
        "samples": len(profile.distance),
        "spacing_m": profile.spacing,
        "seconds": round(min(times), 3),
        "max_slope_pct": round(profile.max_slope or 0, 2),
    }


def route_10km(left, bottom, length=10000.0):
    """A zig-zag route of exactly ``length`` metres: 1.7 km legs, 350 m apart."""
    points = []
    for k in range(7):
        x = left + 200 + 350 * k
        ys = (bottom + 300, bottom + 2000) if k % 2 == 0 else (bottom + 2000, bottom + 300)
        points += [(x, ys[0]), (x, ys[1])]
    coords = np.array(points, dtype=float)
    cum = np.concatenate([[0], np.cumsum(np.hypot(*np.diff(coords, axis=0).T))])
    keep = cum < length
    end_index = int(np.flatnonzero(keep)[-1])
    f = (length - cum[end_index]) / (cum[end_index + 1] - cum[end_index])
    end = coords[end_index] + f * (coords[end_index + 1] - coords[end_index])
    return np.vstack([coords[: end_index + 1], end])


def main(out_dir="bench-output"):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _qgis()
    from soest_qgis_plugin.shuttle import gtfs

    demo = demo_inputs(out_dir)
    feed = gtfs.read_feed(demo / "gtfs_sofia.zip")
    stops = [(s.stop_id, s.x, s.y) for s in feed.stops_with_coordinates() if s.location_type == 0]
    rows = [compare("demo", demo / "network.gpkg", stops, out_dir, segments=None)]
    grid_path = out_dir / "bench_grid_network.gpkg"
    segments, grid_stops = write_grid_network(grid_path)
    rows.append(compare("grid", grid_path, grid_stops, out_dir, segments=segments))
    slope = slope_benchmark(str(demo / "dgm1_soest.tif"))
    result = {"catchments": rows, "slope": slope}
    _print(result)
    return result


def _print(result):
    keys = [
        "network", "edges", "stops", "ours_build_s", "ours_unrestricted_s", "ours_all_profiles_s", "ours_polygons_s",
        "qgis_unrestricted_s", "speedup_unrestricted", "speedup_all_profiles_vs_qgis_unrestricted",
        "reach_match_share", "reach_max_rel_diff",
    ]  # fmt: skip
    print("Shuttle catchments (distances {} m; QGIS native:serviceareafromlayer, unrestricted)".format(DISTANCES))
    for key in keys:
        print("  {:<44}".format(key) + "".join("{:>14}".format(str(r.get(key))) for r in result["catchments"]))
    print("Slope profile: {route_km} km on a {dem_pixel_m} m DGM, {samples} samples every {spacing_m} m: "
          "{seconds} s (target < 1 s)".format(**result["slope"]))  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench-output")
