"""Gap list: barriers ranked by the buildings that become reachable when each is fixed.

Candidates: boarding kerbs outside 18–22 cm (the stop becomes usable with a wheelchair),
network barriers for the wheelchair profile (steps without ramp, high kerbs, obstacles, steep or
narrow ways) and crossings without acoustic signal (blind profile). For each candidate the
coverage is recomputed with the barrier fixed (multi-source Dijkstra from all usable stops).
"""

import numpy as np

from ..common.feedback import raise_if_canceled
from ..common.i18n import tr
from .catchments import _augmented_graph
from .coverage import node_distances, reached_buildings
from .stopcheck import FAILED, KERB_TARGET_CM, _cm

MAX_CANDIDATES = 200


def _place(net, edges, radius=60.0):
    """Name of the barrier's way, else of the nearest named way (sidewalks and crossings are nameless)."""
    names = [n for n in net.attrs["name"][edges] if n]
    if names:
        return names[0]
    named = np.flatnonzero(net.attrs["name"].astype(bool))
    x, y = net.edge_coords(edges[0]).mean(axis=0)
    points = (net.vertices[net.edge_start[named]] + net.vertices[net.edge_end[named]]) / 2
    labels = list(net.attrs["name"][named])
    extra_points, extra_names = net.street_names
    if len(extra_names):
        points = np.concatenate([points, extra_points])
        labels += list(extra_names)
    if len(labels):
        d = np.hypot(points[:, 0] - x, points[:, 1] - y)
        j = int(np.argmin(d))
        if d[j] <= radius:
            return labels[j]
    return tr("point {x:.0f}/{y:.0f}").format(x=x, y=y)


def _multi_source(net, costs, anchors, stop_index, limit):
    from scipy.sparse.csgraph import dijkstra

    if not stop_index:
        return np.full(net.node_count, np.inf)
    graph, virtual = _augmented_graph(net, costs, anchors)
    dist = dijkstra(graph, directed=True, indices=virtual[stop_index], limit=limit, min_only=True)
    return dist[: net.node_count]


def find_gaps(net, catchments, buildings, checks, stops, distance=300.0, feedback=None):
    """Ranked list of dicts {rank, kind, profile, text, buildings_gained, residential_gained, x, y, ref}."""
    gaps = []
    if buildings is None or len(buildings) == 0:
        return gaps
    ids = catchments.stop_ids
    anchors = catchments.anchors
    check_by_id = {c.stop_id: c for c in checks}
    usable = [
        i
        for i, sid in enumerate(ids)
        if check_by_id.get(sid) is None or check_by_id[sid].results.get("kerb_height") != FAILED
    ]

    # 1. stops whose kerb height prevents level boarding
    wheel_costs = net.costs("wheelchair")
    base_dist = _multi_source(net, wheel_costs, anchors, usable, distance)
    base = reached_buildings(buildings, base_dist, distance)
    for sid in ids:
        check = check_by_id.get(sid)
        if check is None or check.results.get("kerb_height") != FAILED:
            continue
        reach = catchments.reach.get((sid, "wheelchair"))
        mask = reached_buildings(buildings, node_distances(net, [reach]), distance) & ~base
        stop = stops[sid]
        gaps.append(
            _gap(
                "stop_kerb",
                "wheelchair",
                tr("Stop {name}: kerb height {height} cm → {target} cm").format(
                    name=check.stop_name or sid, height=_cm(check.kerb_height_cm), target=_cm(KERB_TARGET_CM)
                ),
                mask,
                buildings,
                (stop.x, stop.y),
                sid,
            )
        )

    # 2. network barriers for the wheelchair profile near the stops
    unrestricted = node_distances(net, [r for (s, p), r in catchments.reach.items() if p == "unrestricted"])
    near_stop = np.fmin(unrestricted[net.u], unrestricted[net.v]) <= distance
    blocked, reason = net.blocked("wheelchair")
    groups = {}
    for e in np.flatnonzero(blocked & near_stop):
        groups.setdefault((reason[e], net.attrs["osm_id"][e]), []).append(e)
    ranked = sorted(
        groups.items(), key=lambda item: min(np.fmin(unrestricted[net.u[item[1]]], unrestricted[net.v[item[1]]]))
    )
    for (why, ref), edges in ranked[:MAX_CANDIDATES]:
        raise_if_canceled(feedback)
        edges = np.asarray(edges)
        costs = net.costs("wheelchair", fixed=edges)
        dist = _multi_source(net, costs, anchors, usable, distance)
        mask = reached_buildings(buildings, dist, distance) & ~base
        gaps.append(
            _gap(why, "wheelchair", _barrier_text(net, why, edges), mask, buildings, _edge_point(net, edges[0]), ref)
        )

    # 3. crossings without acoustic signal (blind / low vision)
    blind_costs = net.costs("blind")
    all_stops = [i for i, a in enumerate(anchors) if a.edge >= 0]
    blind_base = reached_buildings(buildings, _multi_source(net, blind_costs, anchors, all_stops, distance), distance)
    silent = np.flatnonzero(net.attrs["crossing"] & (net.attrs["sound"] == 0) & near_stop)
    for e in silent[:MAX_CANDIDATES]:
        raise_if_canceled(feedback)
        costs = net.costs("blind", fixed=np.array([e]))
        dist = _multi_source(net, costs, anchors, all_stops, distance)
        mask = reached_buildings(buildings, dist, distance) & ~blind_base
        text = tr("Crossing at {place} without acoustic signal").format(place=_place(net, np.array([e])))
        gaps.append(_gap("crossing_sound", "blind", text, mask, buildings, _edge_point(net, e), net.attrs["osm_id"][e]))

    gaps.sort(key=lambda g: (-g["residential_gained"], -g["buildings_gained"], g["text"]))
    for rank, gap in enumerate(gaps, 1):
        gap["rank"] = rank
    return gaps


def _edge_point(net, e):
    coords = net.edge_coords(e)
    return tuple(coords[len(coords) // 2])


def _gap(kind, profile, text, mask, buildings, xy, ref):
    return {
        "kind": kind,
        "profile": profile,
        "text": text,
        "buildings_gained": int(mask.sum()),
        "residential_gained": int((mask & buildings.residential).sum()),
        "x": float(xy[0]),
        "y": float(xy[1]),
        "ref": str(ref),
    }


def _barrier_text(net, why, edges):
    place = _place(net, edges)
    a = net.attrs
    if why == "steps":
        return tr("Steps at {place} without ramp").format(place=place)
    if why == "kerb":
        return tr("Kerb {height} cm at {place} → lower to 3 cm").format(
            height=_cm(np.nanmax(a["kerb"][edges]) * 100), place=place
        )
    if why == "obstacle":
        return tr("Step obstacle {height} cm at {place}").format(
            height=_cm(a["obstacle_step_cm"][edges].max()), place=place
        )
    if why == "incline":
        return tr("Incline {percent} % at {place}").format(
            percent=_cm(np.nanmax(a["incline"][edges]) * 100), place=place
        )
    if why == "width":
        return tr("Narrow way {width} m at {place}").format(width=_cm(np.nanmin(a["width"][edges])), place=place)
    if why == "surface":
        return tr("Unsuitable surface at {place}").format(place=place)
    return tr("Not wheelchair accessible: {place}").format(place=place)
