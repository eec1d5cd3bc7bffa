"""Route geometries: GTFS shapes, else the stop sequence routed along the network, else straight lines."""

import numpy as np

from ..common.feedback import raise_if_canceled
from . import gtfs


def route_features(feed, route_lines, net=None, feedback=None):
    """[{route_id, name, coords, source, trips, …}] one per GTFS stop pattern or input line."""
    if feed is None:
        rows = []
        for i, (coords, attrs) in enumerate(route_lines or []):
            rid = str(attrs.get("route_id") or attrs.get("id") or attrs.get("name") or i + 1)
            rows.append(
                {
                    "route_id": rid,
                    "name": str(attrs.get("name") or attrs.get("route_name") or rid),
                    "coords": coords,
                    "source": "layer",
                    "length_m": _length(coords),
                }
            )
        return rows
    rows = []
    patterns = gtfs.stop_patterns(feed)
    # one feature per (route, shape); trips without shape: one per stop pattern
    grouped = {}
    for (route_id, shape_id, stops), count in patterns.items():
        key = (route_id, shape_id) if shape_id in feed.shapes else (route_id, "", stops)
        entry = grouped.setdefault(key, {"stops": stops, "trips": 0, "shape_id": shape_id})
        entry["trips"] += count
    wheel = {}
    for trip in feed.trips.values():
        if trip.get("wheelchair_accessible") == "1":
            wheel[trip.get("route_id", "")] = wheel.get(trip.get("route_id", ""), 0) + 1
    router = _Router(net) if net is not None else None
    for key, entry in grouped.items():
        raise_if_canceled(feedback)
        route_id = key[0]
        route = feed.routes.get(route_id, {})
        name = route.get("route_short_name") or route.get("route_long_name") or route_id
        if entry["shape_id"] in feed.shapes:
            coords, source = np.asarray(feed.shapes[entry["shape_id"]]), "shape"
        else:
            pts = [(feed.stops[s].x, feed.stops[s].y) for s in entry["stops"] if feed.stops[s].x is not None]
            if len(pts) < 2:
                continue
            coords = router.path(pts) if router is not None else None
            source = "network"
            if coords is None:
                coords, source = np.asarray(pts), "straight"
        rows.append(
            {
                "route_id": route_id,
                "name": name,
                "route_type": route.get("route_type", ""),
                "shape_id": entry["shape_id"],
                "coords": coords,
                "source": source,
                "trips": entry["trips"],
                "wheelchair_trips": wheel.get(route_id, 0),
                "length_m": _length(coords),
            }
        )
    return rows


def _length(coords):
    coords = np.asarray(coords, dtype=float)
    return float(np.hypot(*np.diff(coords[:, :2], axis=0).T).sum()) if len(coords) > 1 else 0.0


class _Router:
    """Shortest paths between consecutive stops on a network; stops join at their nearest edge."""

    SNAP = 100.0

    def __init__(self, net):
        self.net = net
        self.edge_of = {}
        for e in np.argsort(net.length)[::-1]:  # the shortest of parallel edges wins
            self.edge_of[(int(net.u[e]), int(net.v[e]))] = int(e)
            self.edge_of[(int(net.v[e]), int(net.u[e]))] = int(e)

    def path(self, points):
        from scipy.sparse.csgraph import dijkstra

        from .catchments import _augmented_graph, anchor_stops

        net = self.net
        anchors = anchor_stops(net, points, self.SNAP)
        if any(a.edge < 0 for a in anchors):
            return None
        graph, virtual = _augmented_graph(net, net.length.astype(float), anchors)
        _, pred = dijkstra(graph, directed=True, indices=virtual[:-1], return_predecessors=True)
        coords = []
        for i, (a, b) in enumerate(zip(anchors[:-1], anchors[1:])):
            if a.edge == b.edge:
                coords.extend(_substring(net.edge_coords(a.edge), a.offset, b.offset))
                continue
            chain = [int(virtual[i + 1])]
            while chain[-1] != virtual[i]:
                prev = pred[i][chain[-1]]
                if prev < 0:
                    return None
                chain.append(int(prev))
            chain.reverse()
            nodes = chain[1:-1]
            if not nodes:
                return None
            first, last = nodes[0], nodes[-1]
            ca, cb = net.edge_coords(a.edge), net.edge_coords(b.edge)
            coords.extend(_substring(ca, a.offset, 0.0 if first == net.u[a.edge] else net.length[a.edge]))
            for n1, n2 in zip(nodes[:-1], nodes[1:]):
                e = self.edge_of[(n1, n2)]
                part = net.edge_coords(e)
                coords.extend(part if net.u[e] == n1 else part[::-1])
            coords.extend(_substring(cb, 0.0 if last == net.u[b.edge] else net.length[b.edge], b.offset))
        result = np.asarray(coords, dtype=float)
        keep = np.ones(len(result), dtype=bool)
        keep[1:] = np.any(np.abs(np.diff(result, axis=0)) > 1e-9, axis=1)
        return result[keep] if keep.sum() >= 2 else None


def _substring(coords, d0, d1):
    """Part of a polyline from distance d0 to d1 along it (reversed when d1 < d0)."""
    if d1 < d0:
        return _substring(coords, d1, d0)[::-1]
    seg = np.hypot(*np.diff(coords, axis=0).T)
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    d0, d1 = max(0.0, d0), min(cum[-1], d1)
    inner = coords[(cum > d0) & (cum < d1)]
    start = np.array([np.interp(d0, cum, coords[:, 0]), np.interp(d0, cum, coords[:, 1])])
    end = np.array([np.interp(d1, cum, coords[:, 0]), np.interp(d1, cum, coords[:, 1])])
    return np.vstack([start, inner, end])


def read_route_lines(source):
    """[(coords, attrs)] of a route line layer (path or QgsVectorLayer), EPSG:25832."""
    from .network import read_lines

    lines, _ = read_lines(source)
    return lines


def read_stop_layer(source):
    """{stop_id: gtfs.Stop} from a point layer with optional stop_id/stop_name/wheelchair_boarding fields."""
    stops = {}
    if hasattr(source, "getFeatures"):
        from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

        from .network import _plain

        target = QgsCoordinateReferenceSystem("EPSG:25832")
        transform = None
        if source.crs().isValid() and source.crs() != target:
            transform = QgsCoordinateTransform(source.crs(), target, QgsProject.instance())
        names = source.fields().names()
        items = []
        for feature in source.getFeatures():
            geom = feature.geometry()
            if geom is None or geom.isEmpty():
                continue
            if transform is not None:
                geom.transform(transform)
            pt = geom.centroid().asPoint()
            attrs = {n: _plain(feature[n]) for n in names}
            attrs.setdefault("fid", feature.id())
            items.append(((pt.x(), pt.y()), attrs))
    else:
        from osgeo import ogr

        from .network import _ogr_features, split_source

        path, layer_name = split_source(source)
        ds = ogr.Open(path)
        layer = ds.GetLayerByName(layer_name) if layer_name else ds.GetLayerByIndex(0)
        items = [((parts[0][0][0], parts[0][0][1]), attrs) for parts, attrs in _ogr_features(layer, False, None)]
    for i, (xy, attrs) in enumerate(items):
        sid = str(attrs.get("stop_id") or attrs.get("id") or attrs.get("fid") or i + 1)
        try:
            wb = int(attrs.get("wheelchair_boarding") or 0)
        except (TypeError, ValueError):
            wb = 0
        stops[sid] = gtfs.Stop(
            stop_id=sid,
            name=str(attrs.get("stop_name") or attrs.get("name") or sid),
            x=float(xy[0]),
            y=float(xy[1]),
            wheelchair_boarding=wb,
        )
    return stops
