"""``run_accessibility``: the whole shuttle & accessibility analysis into ONE GeoPackage.

Layers: stops, routes, catchments, catchment_edges, lost_coverage, slope_segments, gaps,
frequency, unknown_tags. With only routes given, stops and routes are still complete (every
criterion "unknown" where data is missing). The file is written atomically: on any error or
cancel nothing is left under the output name.
"""

import datetime
import os

import numpy as np

from ..common.atomic import atomic_path
from ..common.errors import InputError
from ..common.feedback import NullFeedback, raise_if_canceled, warn
from ..common.i18n import tr
from . import gtfs
from .catchments import catchment_polygon, compute_catchments, reached_length, status_text
from .coverage import attach, coverage_shares, coverage_table, read_buildings
from .frequency import segment_frequency
from .gaps import find_gaps
from .network import PROFILE_ORDER, apply_survey, load_network, parse_profiles, profile_label, read_survey
from .output import write_layers
from .routes import route_features
from .stopcheck import CRITERIA, check_stops

LAYERS = (
    "stops",
    "routes",
    "catchments",
    "catchment_edges",
    "lost_coverage",
    "slope_segments",
    "gaps",
    "frequency",
    "unknown_tags",
    "coverage",
)


class _Progress:
    def __init__(self, feedback):
        self.feedback = feedback

    def __call__(self, percent, text=None):
        raise_if_canceled(self.feedback)
        self.feedback.setProgress(percent)
        if text:
            self.feedback.pushInfo(text)


def parse_distances(value):
    if value is None or value == "":
        return (300.0, 500.0)
    items = value.replace(";", ",").split(",") if isinstance(value, str) else list(value)
    try:
        distances = sorted({float(str(v).strip()) for v in items if str(v).strip()})
    except ValueError as error:
        raise InputError(tr("Distances must be numbers in metres, e.g. 300,500.")) from error
    if not distances or min(distances) <= 0 or max(distances) > 5000:
        raise InputError(tr("Distances must be between 1 and 5000 m."))
    return tuple(distances)


def load_routes(routes, stops=None, feedback=None):
    """(feed or None, stops dict, route sources) from a GTFS path or a line layer (+ stop layer)."""
    if routes is None or (isinstance(routes, str) and not routes.strip()):
        raise InputError(tr("No routes given (GTFS feed or line layer)."))
    if isinstance(routes, list):  # lines already read (the dock reads layers on the main thread)
        if not routes:
            raise InputError(tr("The route layer contains no lines."))
        return None, dict(stops or {}), routes
    if not hasattr(routes, "getFeatures"):
        path = os.fspath(routes)
        plain = path.split("|")[0]
        if not os.path.exists(plain):
            raise InputError(tr("File not found: {path}").format(path=plain))
        if (
            plain.lower().endswith(".txt")
            and os.path.basename(plain).lower() in gtfs.REQUIRED_FILES + gtfs.OPTIONAL_FILES
        ):
            plain = os.path.dirname(os.path.abspath(plain))  # a file of an unzipped feed: the feed is its folder
        if os.path.isdir(plain) or plain.lower().endswith(".zip") or gtfs.is_gtfs(plain):
            feed = gtfs.read_feed(plain, feedback)
            feed.check_area()
            if stops is not None:
                warn(feedback, tr("A GTFS feed brings its own stops; the stop layer is ignored."))
            return feed, feed.stops, None
    from .routes import read_route_lines, read_stop_layer

    lines = read_route_lines(routes)
    if not lines:
        raise InputError(tr("The route layer contains no lines."))
    stop_dict = stops if isinstance(stops, dict) else read_stop_layer(stops) if stops is not None else {}
    if stops is None:
        warn(feedback, tr("No stop layer given: the stops layer stays empty."))
    return None, stop_dict, lines


def run_accessibility(
    routes,
    output_gpkg,
    stops=None,
    network=None,
    survey=None,
    dem=None,
    buildings=None,
    profiles=PROFILE_ORDER,
    distances=(300, 500),
    max_gradient=15.0,
    day=None,
    time_window=("06:00", "20:00"),
    feedback=None,
):
    """Run every analysis the inputs allow and write ``output_gpkg``. Returns a summary dict."""
    feedback = feedback or NullFeedback()
    progress = _Progress(feedback)
    profiles = parse_profiles(profiles)
    distances = parse_distances(distances)
    if not str(output_gpkg).lower().endswith(".gpkg"):
        raise InputError(tr("The output must be a GeoPackage (.gpkg)."))
    summary = {"output": os.fspath(output_gpkg), "warnings": [], "profiles": profiles, "distances": list(distances)}

    def note(text):
        summary["warnings"].append(text)
        warn(feedback, text)

    progress(1, tr("Reading routes and stops …"))
    feed, stop_dict, route_lines = load_routes(routes, stops, feedback)
    if feed is not None:
        summary["warnings"].extend(feed.problems)
    boarding = {sid: s for sid, s in stop_dict.items() if s.location_type in (0, None) and s.x is not None}

    net = None
    catch = None
    survey_data = read_survey(survey, feedback) if survey else {}
    if network:
        progress(5, tr("Building the footway network …"))
        net = load_network(network, feedback=feedback)
        summary["warnings"].extend(net.notes)
        if survey_data:
            apply_survey(net, survey_data, feedback)
        if len(net.taglog):
            note(
                tr("Tag values that could not be read (treated as unknown): {values}").format(
                    values=", ".join(net.taglog.summary(8))
                )
            )
        progress(20, tr("Computing walking catchments …"))
        catch = compute_catchments(
            net, [(sid, s.x, s.y) for sid, s in boarding.items()], profiles, distances, feedback=_Sub(feedback, 20, 50)
        )
        for sid in boarding:
            status = catch.status.get((sid, "unrestricted"))
            if status != "ok":
                note(
                    tr("Stop {name} ({id}): {status}").format(
                        name=boarding[sid].name, id=sid, status=status_text(status)
                    )
                )

    progress(50, tr("Checking the stops …"))
    checks = check_stops(stop_dict, survey_data.get("stop_kerbs"), catch, net, feed)

    build = None
    gaps = []
    coverage_rows = []
    if buildings is not None and net is not None:
        progress(55, tr("Counting reachable buildings …"))
        build = attach(net, read_buildings(buildings))
        coverage_rows = coverage_table(net, catch, build)
        shares = coverage_shares(net, catch, build, distance=300.0)
        summary["coverage"] = {p: {"reached": r, "total": t, "share": s} for p, (r, t, s) in shares.items()}
        summary["residential_known"] = build.function_known
        progress(62, tr("Ranking the gaps …"))
        gaps = find_gaps(net, catch, build, checks, stop_dict, distance=min(300.0, max(distances)), feedback=feedback)
    elif buildings is not None:
        note(tr("Buildings need a footway network for the coverage analysis."))

    progress(75, tr("Building route geometries …"))
    route_rows = route_features(feed, route_lines, _road_network(network, net, feedback), feedback)
    for row in route_rows:
        if row["source"] == "straight":
            note(
                tr("Route {route}: no shape and no network path, drawn as straight lines between stops.").format(
                    route=row["route_id"]
                )
            )

    slope_rows, slope_profiles = [], []
    if dem:
        progress(80, tr("Sampling the terrain along the routes …"))
        from .slope import Dem, route_profile

        with Dem(dem) as model:
            for row in route_rows:
                raise_if_canceled(feedback)
                profile = route_profile(row["coords"], model, max_gradient=max_gradient, feedback=feedback)
                row["max_slope"] = profile.max_slope
                row["steep_m"] = profile.steep_length
                slope_profiles.append(
                    {
                        "route_id": row["route_id"],
                        "name": row["name"],
                        "distance": profile.distance.tolist(),
                        "height": [None if np.isnan(h) else float(h) for h in profile.height],
                        "max_gradient": profile.max_gradient,
                        "steep_length": profile.steep_length,
                        "gap_length": profile.gap_length,
                        "max_slope": profile.max_slope,
                        "spacing": profile.spacing,
                    }
                )
                for seg in profile.segments:
                    slope_rows.append((row, seg))
                if profile.gap_length > 0:
                    note(
                        tr("Route {route}: {length} m without terrain data (gap in the profile).").format(
                            route=row["route_id"], length=int(profile.gap_length)
                        )
                    )
    summary["slope_profiles"] = slope_profiles

    freq_rows, freq_day = [], None
    if feed is not None:
        progress(86, tr("Counting departures per segment …"))
        day_value = gtfs.parse_date(day) if day else None
        freq_rows, route_trips, freq_day = segment_frequency(feed, day_value, *time_window)
        for row in route_rows:
            row["trips_window"] = route_trips.get(row["route_id"], 0)
    summary["frequency_day"] = freq_day.isoformat() if isinstance(freq_day, datetime.date) else None

    progress(90, tr("Writing the GeoPackage …"))
    layers = _layers(
        stop_dict,
        checks,
        route_rows,
        catch,
        net,
        coverage_rows,
        build,
        distances,
        slope_rows,
        gaps,
        freq_rows,
        feedback,
    )
    share_rows = [
        (None, {"profile": p, "profile_name": profile_label(p), "distance": 300.0, **v})
        for p, v in summary.get("coverage", {}).items()
    ]
    layers.append(
        (
            "coverage",
            "none",
            [
                ("profile", str),
                ("profile_name", str),
                ("distance", float),
                ("reached", int),
                ("total", int),
                ("share", float),
            ],
            share_rows,
        )
    )
    with atomic_path(output_gpkg) as tmp:
        write_layers(tmp, layers)
        raise_if_canceled(feedback)
    feedback.setProgress(100)

    summary.update(
        {
            "stops": len(stop_dict),
            "routes": len(route_rows),
            "checks": [
                {
                    "stop_id": c.stop_id,
                    "stop_name": c.stop_name,
                    "grade": c.grade,
                    "results": dict(c.results),
                    "kerb_height_cm": c.kerb_height_cm,
                    "missing": c.missing_text,
                    "network_status": c.network_status,
                    "x": stop_dict[c.stop_id].x,
                    "y": stop_dict[c.stop_id].y,
                }
                for c in checks
            ],
            "gaps": [{k: v for k, v in g.items()} for g in gaps],
            "not_reachable": sorted(
                sid for (sid, p), st in (catch.status.items() if catch else []) if p == "unrestricted" and st != "ok"
            ),
            "unknown_tags": net.taglog.summary(50) if net is not None else [],
            "layers": list(LAYERS),
        }
    )
    return summary


def _road_network(network, footways, feedback):
    """The carriageways for routing a vehicle (a ``roads`` layer beside the footways), else the footways."""
    from .network import split_source

    if not network or hasattr(network, "getFeatures"):
        return footways
    path, _ = split_source(network)
    if not path.lower().endswith(".gpkg"):
        return footways
    from osgeo import ogr

    ds = ogr.Open(path)
    if ds is None or ds.GetLayerByName("roads") is None:
        return footways
    ds = None
    try:
        return load_network(path + "|layername=roads", feedback=feedback)
    except InputError:
        return footways


class _Sub:
    """Maps 0..100 progress of a step into [lo, hi] of the whole run."""

    def __init__(self, feedback, lo, hi):
        self.feedback, self.lo, self.hi = feedback, lo, hi

    def setProgress(self, percent):  # noqa: N802
        self.feedback.setProgress(self.lo + (self.hi - self.lo) * percent / 100.0)

    def __getattr__(self, name):
        return getattr(self.feedback, name)


def _layers(
    stop_dict, checks, route_rows, catch, net, coverage_rows, build, distances, slope_rows, gaps, freq_rows, feedback
):
    check_by_id = {c.stop_id: c for c in checks}
    stop_fields = (
        [
            ("stop_id", str),
            ("stop_name", str),
            ("location_type", int),
            ("gtfs_wheelchair_boarding", int),
            ("kerb_height_cm", float),
        ]
        + [(c, str) for c in CRITERIA]
        + [("grade", str), ("missing", str), ("network_status", str)]
    )
    stop_rows = []
    for sid, stop in stop_dict.items():
        c = check_by_id[sid]
        values = {
            "stop_id": sid,
            "stop_name": stop.name,
            "location_type": stop.location_type,
            "gtfs_wheelchair_boarding": stop.wheelchair_boarding,
            "kerb_height_cm": c.kerb_height_cm,
            "grade": c.grade,
            "missing": c.missing_text,
            "network_status": status_text(c.network_status) if c.network_status else "",
        }
        values.update(c.results)
        stop_rows.append(((stop.x, stop.y) if stop.x is not None else None, values))

    route_fields = [
        ("route_id", str),
        ("route_name", str),
        ("route_type", str),
        ("shape_id", str),
        ("source", str),
        ("trips", int),
        ("trips_window", int),
        ("wheelchair_trips", int),
        ("length_m", float),
        ("max_slope", float),
        ("steep_m", float),
    ]
    rows = []
    for r in route_rows:
        rows.append(
            (
                r["coords"],
                {
                    "route_id": r["route_id"],
                    "route_name": r["name"],
                    "route_type": r.get("route_type"),
                    "shape_id": r.get("shape_id"),
                    "source": r["source"],
                    "trips": r.get("trips"),
                    "trips_window": r.get("trips_window"),
                    "wheelchair_trips": r.get("wheelchair_trips"),
                    "length_m": r.get("length_m"),
                    "max_slope": r.get("max_slope"),
                    "steep_m": r.get("steep_m"),
                },
            )
        )

    catch_fields = [
        ("stop_id", str),
        ("stop_name", str),
        ("profile", str),
        ("profile_name", str),
        ("distance", float),
        ("status", str),
        ("reached_m", float),
        ("buildings", int),
        ("residential", int),
    ]
    lost_fields = [
        ("stop_id", str),
        ("stop_name", str),
        ("profile", str),
        ("profile_name", str),
        ("distance", float),
        ("area_m2", float),
        ("buildings_lost", int),
    ]
    edge_fields = [("stop_id", str), ("profile", str), ("band", float), ("distance_m", float)]
    catch_rows, lost_rows, edge_rows = [], [], []
    if catch is not None:
        cov = {(r["stop_id"], r["profile"], r["distance"]): r for r in coverage_rows}
        costs = {p: net.costs(p) for p in catch.profiles}
        for sid in catch.stop_ids:
            raise_if_canceled(feedback)
            stop = stop_dict[sid]
            polys = {}
            for profile in catch.profiles:
                status = catch.status[(sid, profile)]
                reach = catch.reach.get((sid, profile))
                for d in catch.distances:
                    poly = None
                    if reach is not None and status in ("ok", "isolated"):
                        poly = catchment_polygon(net, reach, costs[profile], d)
                    polys[(profile, d)] = poly
                    c = cov.get((sid, profile, d), {})
                    catch_rows.append(
                        (
                            poly,
                            {
                                "stop_id": sid,
                                "stop_name": stop.name,
                                "profile": profile,
                                "profile_name": profile_label(profile),
                                "distance": d,
                                "status": status_text(status),
                                "reached_m": reached_length(net, reach, costs[profile], d),
                                "buildings": c.get("buildings"),
                                "residential": c.get("residential"),
                            },
                        )
                    )
                if reach is not None:
                    for e, far in zip(reach.edges, reach.edge_far):
                        band = next((d for d in catch.distances if far <= d), None)
                        if band is not None:
                            edge_rows.append(
                                (
                                    net.edge_coords(e),
                                    {"stop_id": sid, "profile": profile, "band": band, "distance_m": float(far)},
                                )
                            )
            for profile in catch.profiles:
                if profile == "unrestricted":
                    continue
                for d in catch.distances:
                    full, part = polys.get(("unrestricted", d)), polys.get((profile, d))
                    if full is None:
                        continue
                    lost = full.difference(part) if part is not None else full
                    if lost.is_empty:
                        continue
                    lost_n = None
                    if build is not None:
                        a = cov.get((sid, "unrestricted", d), {}).get("buildings", 0)
                        b = cov.get((sid, profile, d), {}).get("buildings", 0)
                        lost_n = max(0, a - b)
                    lost_rows.append(
                        (
                            lost,
                            {
                                "stop_id": sid,
                                "stop_name": stop.name,
                                "profile": profile,
                                "profile_name": profile_label(profile),
                                "distance": d,
                                "area_m2": lost.area,
                                "buildings_lost": lost_n,
                            },
                        )
                    )

    slope_fields = [
        ("route_id", str),
        ("kind", str),
        ("start_m", float),
        ("end_m", float),
        ("max_slope", float),
        ("mean_slope", float),
        ("flagged", int),
    ]
    s_rows = [
        (
            seg["coords"],
            {
                "route_id": r["route_id"],
                "kind": seg["kind"],
                "start_m": seg["start"],
                "end_m": seg["end"],
                "max_slope": seg["max_slope"],
                "mean_slope": seg["mean_slope"],
                "flagged": int(seg["kind"] == "steep"),
            },
        )
        for r, seg in slope_rows
    ]

    gap_fields = [
        ("rank", int),
        ("kind", str),
        ("profile", str),
        ("text", str),
        ("buildings_gained", int),
        ("residential_gained", int),
        ("ref", str),
    ]
    g_rows = [((g["x"], g["y"]), g) for g in gaps]

    freq_fields = [
        ("from_stop_id", str),
        ("to_stop_id", str),
        ("from_name", str),
        ("to_name", str),
        ("route_ids", str),
        ("trips", int),
        ("per_hour", float),
    ]
    f_rows = [
        (
            f["coords"],
            {
                "from_stop_id": f["from_stop"],
                "to_stop_id": f["to_stop"],
                "from_name": f["from_name"],
                "to_name": f["to_name"],
                "route_ids": f["route_ids"],
                "trips": f["trips"],
                "per_hour": round(f["per_hour"], 2),
            },
        )
        for f in freq_rows
    ]

    tag_rows = []
    if net is not None:
        grouped = {}
        for source_id, tag, value in net.taglog.entries:
            grouped.setdefault((tag, value), []).append(source_id)
        for (tag, value), ids in sorted(grouped.items()):
            tag_rows.append((None, {"tag": tag, "value": value, "count": len(ids), "osm_ids": ",".join(ids[:20])}))

    return [
        ("stops", "point", stop_fields, stop_rows),
        ("routes", "line", route_fields, rows),
        ("catchments", "polygon", catch_fields, catch_rows),
        ("catchment_edges", "line", edge_fields, edge_rows),
        ("lost_coverage", "polygon", lost_fields, lost_rows),
        ("slope_segments", "line", slope_fields, s_rows),
        ("gaps", "point", gap_fields, g_rows),
        ("frequency", "line", freq_fields, f_rows),
        ("unknown_tags", "none", [("tag", str), ("value", str), ("count", int), ("osm_ids", str)], tag_rows),
    ]
