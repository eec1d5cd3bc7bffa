"""Barrier-aware walking catchments: Dijkstra (scipy.sparse.csgraph) from every stop per profile.

Each stop becomes a virtual node tied to both ends of its nearest edge (at the right offsets),
so stops between junctions are handled like QGIS's service area. The result keeps, per stop and
profile, the reached nodes/edges with their network distance (sparse), from which distance bands,
polygons, building coverage and "lost coverage" are derived.
"""

from dataclasses import dataclass, field

import numpy as np

from ..common.feedback import raise_if_canceled
from ..common.i18n import tr
from .network import PROFILE_ORDER, edges_near

SNAP_DISTANCE = 50.0
ISOLATED_SHARE = 0.05  # a network part smaller than 5 % of the largest one counts as an island
BUFFER = 20.0
CHUNK = 32  # stops per Dijkstra call

STATUS_OK = "ok"
STATUS_NOT_CONNECTED = "not_connected"
STATUS_ISOLATED = "isolated"
STATUS_BLOCKED = "blocked"


def status_text(status):
    return {
        STATUS_OK: tr("reachable"),
        STATUS_NOT_CONNECTED: tr("not connected to the footway network"),
        STATUS_ISOLATED: tr("on a part of the network not connected to the rest"),
        STATUS_BLOCKED: tr("no passable way from the stop for this profile"),
    }.get(status, status)


@dataclass
class StopAnchor:
    """Where a stop joins the network: nearest edge and offset (-1 edge = not connected)."""

    edge: int
    offset: float  # metres from the edge's u node along the edge
    distance: float  # stop to edge


@dataclass
class Reach:
    nodes: np.ndarray  # node indices reached within the largest band
    node_dist: np.ndarray
    edges: np.ndarray  # edge indices with at least one reached end
    edge_near: np.ndarray  # network distance to the nearer end
    edge_far: np.ndarray  # distance at which the whole edge is covered
    status: str = STATUS_OK


@dataclass
class Catchments:
    stop_ids: list
    profiles: list
    distances: tuple
    anchors: list
    reach: dict = field(default_factory=dict)  # (stop_id, profile) -> Reach
    status: dict = field(default_factory=dict)  # (stop_id, profile) -> status

    def edges_within(self, stop_id, profile, distance):
        r = self.reach.get((stop_id, profile))
        if r is None:
            return np.zeros(0, dtype=np.int64)
        return r.edges[r.edge_far <= distance + 1e-9]


def anchor_stops(net, points, max_distance=SNAP_DISTANCE):
    """StopAnchor per point (edge -1 when no edge is within ``max_distance``)."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    edges, dists = edges_near(net, points, max_distance)
    anchors = []
    for p, e, d in zip(points, edges, dists):
        if e < 0:
            anchors.append(StopAnchor(-1, 0.0, float("inf")))
            continue
        coords = net.edge_coords(e)
        anchors.append(StopAnchor(int(e), _offset_along(coords, p), float(d)))
    return anchors


def _offset_along(coords, p):
    a, b = coords[:-1], coords[1:]
    ab = b - a
    seg = np.hypot(*ab.T)
    denom = np.where(seg > 0, seg**2, 1)
    t = np.clip(((p - a) * ab).sum(axis=1) / denom, 0, 1)
    proj = a + ab * t[:, None]
    d = np.hypot(*(proj - p).T)
    j = int(np.argmin(d))
    return float(seg[:j].sum() + t[j] * seg[j])


def _augmented_graph(net, costs, anchors):
    """CSR graph with one virtual node per anchored stop; returns (graph, virtual node ids)."""
    from scipy.sparse import csr_matrix, hstack, vstack

    base = net.graph(costs)
    n = net.node_count
    rows, cols, vals = [], [], []
    virtual = []
    for i, anchor in enumerate(anchors):
        virtual.append(n + i)
        if anchor.edge < 0:
            continue
        e = anchor.edge
        length = net.length[e] or 1.0
        cost = costs[e]
        if not np.isfinite(cost):
            continue
        frac = min(max(anchor.offset / length, 0.0), 1.0)
        for node, c in ((net.u[e], frac * cost), (net.v[e], (1 - frac) * cost)):
            rows += [i, int(node)]
            cols += [int(node), i]
            vals += [max(c, 1e-6), max(c, 1e-6)]
    k = len(anchors)
    # virtual→real block (k × n) and real→virtual (n × k)
    rows_a = np.asarray(rows[0::2], dtype=np.int64)
    cols_a = np.asarray(cols[0::2], dtype=np.int64)
    vals_a = np.asarray(vals[0::2], dtype=float)
    top = csr_matrix((vals_a, (rows_a, cols_a)), shape=(k, n))
    graph = vstack([hstack([base, top.T]), hstack([top, csr_matrix((k, k))])]).tocsr()
    return graph, np.asarray(virtual, dtype=np.int64)


def compute_catchments(net, stops, profiles=PROFILE_ORDER, distances=(300, 500), survey_costs=None, feedback=None):
    """Catchments for ``stops`` [(stop_id, x, y)] and ``profiles``; see ``Catchments``."""
    from scipy.sparse.csgraph import dijkstra

    distances = tuple(sorted(float(d) for d in distances))
    limit = max(distances)
    stop_ids = [s[0] for s in stops]
    anchors = anchor_stops(net, [(s[1], s[2]) for s in stops])
    result = Catchments(stop_ids, list(profiles), distances, anchors)
    labels, sizes = net.components()
    largest = sizes.max() if len(sizes) else 0
    for p_index, profile in enumerate(profiles):
        raise_if_canceled(feedback)
        costs = survey_costs[profile] if survey_costs and profile in survey_costs else net.costs(profile)
        graph, virtual = _augmented_graph(net, costs, anchors)
        connected = [i for i, a in enumerate(anchors) if a.edge >= 0]
        # chunks of stops keep the dense distance matrix small on city-wide networks
        for first in range(0, len(connected), CHUNK):
            raise_if_canceled(feedback)
            chunk = connected[first : first + CHUNK]
            dist = dijkstra(graph, directed=True, indices=virtual[chunk], limit=limit)
            for row, i in enumerate(chunk):
                result.reach[(stop_ids[i], profile)] = reach_from(net, costs, dist[row, : net.node_count], limit)
        for i, anchor in enumerate(anchors):
            key = (stop_ids[i], profile)
            if anchor.edge < 0:
                result.status[key] = STATUS_NOT_CONNECTED
            elif sizes[labels[net.u[anchor.edge]]] < ISOLATED_SHARE * largest:
                result.status[key] = STATUS_ISOLATED
            elif len(result.reach[key].nodes) == 0:
                result.status[key] = STATUS_BLOCKED
            else:
                result.status[key] = STATUS_OK
        if feedback is not None:
            feedback.setProgress(100.0 * (p_index + 1) / len(profiles))
    return result


def reach_from(net, costs, node_dist, limit):
    """Sparse Reach from a row of node distances."""
    nodes = np.flatnonzero(np.isfinite(node_dist) & (node_dist <= limit))
    du, dv = node_dist[net.u], node_dist[net.v]
    near = np.fmin(du, dv)
    edges = np.flatnonzero(np.isfinite(near) & (near <= limit) & np.isfinite(costs))
    c = costs[edges]
    far = np.fmin(du[edges] + c, dv[edges] + c)
    # both ends reached from different sides: covered once both halves meet
    both = np.isfinite(du[edges]) & np.isfinite(dv[edges])
    meet = (du[edges] + dv[edges] + c) / 2
    far = np.where(both, np.fmin(far, meet), far)
    return Reach(nodes, node_dist[nodes], edges, near[edges], far)


def reached_length(net, reach, costs, distance):
    """Network length reached within ``distance`` including the reached parts of boundary edges."""
    if reach is None or len(reach.edges) == 0:
        return 0.0
    e = reach.edges
    ratio = np.where(costs[e] > 0, net.length[e] / costs[e], 1.0)
    total = 0.0
    full = reach.edge_far <= distance
    total += net.length[e[full]].sum()
    part = ~full & (reach.edge_near <= distance)
    total += np.minimum((distance - reach.edge_near[part]) * ratio[part], net.length[e[part]]).sum()
    return float(total)


def partial_geometries(net, reach, costs, distance):
    """LineStrings of the edges (and edge parts) reached within ``distance``."""
    from shapely.geometry import LineString
    from shapely.ops import substring

    lines = []
    if reach is None:
        return lines
    for e, near, far in zip(reach.edges, reach.edge_near, reach.edge_far):
        coords = net.edge_coords(e)
        if far <= distance:
            lines.append(LineString(coords))
        elif near <= distance and costs[e] > 0:
            line = LineString(coords)
            part = (distance - near) / costs[e] * line.length
            du = _node_distance(reach, net.u[e])
            from_u = du <= near + 1e-9
            piece = substring(line, 0, part) if from_u else substring(line, line.length - part, line.length)
            if piece.length > 0:
                lines.append(piece)
    return lines


def _node_distance(reach, node):
    i = int(np.searchsorted(reach.nodes, node))
    if i < len(reach.nodes) and reach.nodes[i] == node:
        return float(reach.node_dist[i])
    return np.inf


def catchment_polygon(net, reach, costs, distance, buffer=BUFFER, anchor_point=None, cell=None):
    """Polygon of the band: reached edges (and edge parts) buffered by ``buffer`` metres.

    Rasterised (cell ≈ buffer / 4): the reached lines are sampled into a grid, buffered with a
    Euclidean distance transform and polygonised — far faster than a GEOS buffer of thousands of
    lines, at a precision of one cell.
    """
    from shapely.geometry import Point

    a, b = reached_segments(net, reach, costs, distance)
    if len(a) == 0:
        return Point(anchor_point).buffer(buffer, 8) if anchor_point is not None else None
    return _raster_buffer(a, b, buffer, cell or max(buffer / 4.0, 1.0))


def reached_segments(net, reach, costs, distance):
    """Segment end points (a, b) of the edges and edge parts reached within ``distance``."""
    if reach is None or len(reach.edges) == 0:
        return np.zeros((0, 2)), np.zeros((0, 2))
    full = reach.edge_far <= distance + 1e-9
    part = ~full & (reach.edge_near <= distance)
    seg_a, seg_b = [], []
    e_full = reach.edges[full]
    if len(e_full):
        starts = net.edge_start[e_full]
        counts = net.edge_end[e_full] - starts
        offsets = np.repeat(np.cumsum(counts) - counts, counts)
        idx = np.repeat(starts, counts) + (np.arange(counts.sum()) - offsets)
        seg_a.append(net.vertices[idx])
        seg_b.append(net.vertices[idx + 1])
    for e, near in zip(reach.edges[part], reach.edge_near[part]):
        coords = net.edge_coords(e)
        if costs[e] <= 0:
            continue
        along = (distance - near) / costs[e] * net.length[e]
        if _node_distance(reach, net.u[e]) > near + 1e-9:
            coords = coords[::-1]
        piece = _head(coords, along)
        if len(piece) >= 2:
            seg_a.append(piece[:-1])
            seg_b.append(piece[1:])
    if not seg_a:
        return np.zeros((0, 2)), np.zeros((0, 2))
    return np.concatenate(seg_a), np.concatenate(seg_b)


def _head(coords, length):
    """The first ``length`` metres of a polyline."""
    seg = np.hypot(*np.diff(coords, axis=0).T)
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    if length >= cum[-1]:
        return coords
    k = int(np.searchsorted(cum, length, side="right"))
    f = (length - cum[k - 1]) / max(seg[k - 1], 1e-12)
    end = coords[k - 1] + f * (coords[k] - coords[k - 1])
    return np.vstack([coords[:k], end])


def _raster_buffer(a, b, buffer, cell):
    import rasterio.features
    from affine import Affine
    from scipy.ndimage import distance_transform_edt
    from shapely.geometry import shape
    from shapely.ops import unary_union

    # sample points along the segments, at most half a cell apart
    seg_len = np.hypot(*(b - a).T)
    n = np.maximum(1, np.ceil(seg_len / (cell / 2.0)).astype(np.int64)) + 1
    seg_idx = np.repeat(np.arange(len(a)), n)
    t = (np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)) / np.repeat(n - 1, n)
    pts = a[seg_idx] + (b - a)[seg_idx] * t[:, None]
    margin = buffer + 2 * cell
    x0, y0 = pts.min(axis=0) - margin
    x1, y1 = pts.max(axis=0) + margin
    nx, ny = int(np.ceil((x1 - x0) / cell)), int(np.ceil((y1 - y0) / cell))
    grid = np.zeros((ny, nx), dtype=bool)
    cols = ((pts[:, 0] - x0) / cell).astype(np.int64)
    rows = ((y1 - pts[:, 1]) / cell).astype(np.int64)
    grid[rows, cols] = True
    inside = distance_transform_edt(~grid, sampling=cell) <= buffer
    transform = Affine(cell, 0, x0, 0, -cell, y1)
    polygons = [
        shape(geom)
        for geom, value in rasterio.features.shapes(inside.astype(np.uint8), mask=inside, transform=transform)
        if value
    ]
    return unary_union(polygons).simplify(cell * 0.5)
