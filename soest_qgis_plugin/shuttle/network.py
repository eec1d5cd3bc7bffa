"""A fast routable footway graph: numpy arrays + scipy.sparse, built from a line layer or OSM.

Lines are split at every shared vertex (OSM ways meet at interior nodes) and endpoints closer
than the snap tolerance are merged. Each edge keeps parsed accessibility attributes (NaN / -1 =
unknown). Profiles turn them into edge costs (``inf`` = not passable); see ``PROFILES``.
"""

import math
import os
import re

import numpy as np

from ..common.errors import InputError
from ..common.feedback import raise_if_canceled, warn
from ..common.i18n import tr
from . import area, tags

TARGET_EPSG = 25832
WALKABLE = {
    "footway", "path", "pedestrian", "steps", "living_street", "residential", "service", "unclassified",
    "tertiary", "tertiary_link", "secondary", "secondary_link", "primary", "primary_link", "track",
    "crossing", "cycleway", "corridor", "platform", "road", "bridleway", "elevator",
}  # fmt: skip
BAD_SMOOTHNESS = {"very_bad", "horrible", "very_horrible", "impassable"}
BAD_SURFACE = {"sand", "grass", "mud", "dirt", "earth", "ground", "gravel", "pebblestone", "woodchips", "rock"}
ROUGH_SURFACE = {"cobblestone", "sett", "unhewn_cobblestone", "grass_paver", "compacted", "fine_gravel"}
STEP_WORDS = ("stufe", "treppe", "step", "schwelle", "kante", "kerb", "bord")

# Profile limits: kerb (m), incline (fraction), width (m); None = no limit.
PROFILES = {
    "unrestricted": {"steps": True, "kerb": None, "incline": None, "width": None, "surface": False},
    "wheelchair": {"steps": False, "kerb": 0.03, "incline": 0.06, "width": 0.90, "surface": True},
    "rollator": {"steps": False, "kerb": 0.05, "incline": 0.10, "width": 0.70, "surface": True},
    "blind": {"steps": True, "kerb": None, "incline": None, "width": None, "surface": False},
}
PROFILE_ORDER = ("unrestricted", "wheelchair", "rollator", "blind")

# Cost factors of the blind/low-vision profile: prefer tactile guidance and acoustic signals.
BLIND_NO_GUIDANCE = 1.3
BLIND_CROSSING_NO_SOUND = 3.0
BLIND_CROSSING_UNKNOWN_SOUND = 1.5
BLIND_OBSTACLE = 1.5
ROLLATOR_ROUGH = 1.5


def profile_label(profile):
    return {
        "unrestricted": tr("Unrestricted walking"),
        "wheelchair": tr("Wheelchair"),
        "rollator": tr("Rollator"),
        "blind": tr("Blind / low vision"),
    }.get(profile, profile)


def parse_profiles(value):
    """Profile names from a list or a comma separated string (German names accepted)."""
    aliases = {
        "rollstuhl": "wheelchair", "wheelchair": "wheelchair", "rollator": "rollator", "blind": "blind",
        "sehbehindert": "blind", "blind/sehbehindert": "blind", "unrestricted": "unrestricted",
        "uneingeschränkt": "unrestricted", "ohne": "unrestricted", "walking": "unrestricted",
    }  # fmt: skip
    if value is None:
        return list(PROFILE_ORDER)
    items = value.split(",") if isinstance(value, str) else list(value)
    result = []
    for item in items:
        key = aliases.get(str(item).strip().lower())
        if key is None:
            raise InputError(tr("Unknown profile: {name}").format(name=item))
        if key not in result:
            result.append(key)
    if "unrestricted" not in result:
        result.insert(0, "unrestricted")  # needed for "lost coverage"
    return result


class FootNetwork:
    """Nodes (``xy``), undirected edges (``u``, ``v``, ``length``) and per-edge attributes."""

    def __init__(self, xy, u, v, length, vertices, edge_start, edge_end, attrs, crs_epsg=TARGET_EPSG):
        self.xy = xy
        self.u = u
        self.v = v
        self.length = length
        self.vertices = vertices  # all vertices; edge i = vertices[edge_start[i]:edge_end[i] + 1]
        self.edge_start = edge_start
        self.edge_end = edge_end
        self.attrs = attrs  # name -> array (len = edges)
        self.crs_epsg = crs_epsg
        self.taglog = tags.TagLog()
        self.notes = []  # translated remarks from reading (e.g. lines dropped outside the area)
        self._street_names = None
        self._street_source = None
        self._node_tree = None
        self._components = None

    @property
    def street_names(self):
        """(points, names) of named streets near the network, read on first use (for gap texts)."""
        if self._street_names is None:
            if self._street_source is not None:
                self._street_names = _street_names(*self._street_source)
            else:
                self._street_names = (np.zeros((0, 2)), [])
        return self._street_names

    @property
    def node_count(self):
        return len(self.xy)

    @property
    def edge_count(self):
        return len(self.u)

    def edge_coords(self, i):
        return self.vertices[self.edge_start[i] : self.edge_end[i] + 1]

    def node_tree(self):
        if self._node_tree is None:
            from scipy.spatial import cKDTree

            self._node_tree = cKDTree(self.xy)
        return self._node_tree

    def snap(self, points, max_distance=50.0):
        """Nearest node per point (-1 where farther than ``max_distance``) and the distances."""
        points = np.asarray(points, dtype=float).reshape(-1, 2)
        if self.node_count == 0 or len(points) == 0:
            return np.full(len(points), -1), np.full(len(points), np.inf)
        dist, idx = self.node_tree().query(points, distance_upper_bound=max_distance)
        idx = np.where(np.isfinite(dist), idx, -1)
        return idx, dist

    def components(self):
        """Connected component label per node (unrestricted network) and the size of each label."""
        if self._components is None:
            from scipy.sparse.csgraph import connected_components

            labels = connected_components(self.graph(self.length), directed=False)[1]
            self._components = (labels, np.bincount(labels))
        return self._components

    def graph(self, costs):
        """Symmetric CSR matrix of the finite edge costs (parallel edges: cheapest kept)."""
        from scipy.sparse import csr_matrix

        ok = np.isfinite(costs)
        uu = np.concatenate([self.u[ok], self.v[ok]])
        vv = np.concatenate([self.v[ok], self.u[ok]])
        cc = np.maximum(np.concatenate([costs[ok], costs[ok]]), 1e-6)
        order = np.lexsort((cc, vv, uu))
        uu, vv, cc = uu[order], vv[order], cc[order]
        keep = np.ones(len(uu), dtype=bool)
        keep[1:] = (uu[1:] != uu[:-1]) | (vv[1:] != vv[:-1])
        n = self.node_count
        return csr_matrix((cc[keep], (uu[keep], vv[keep])), shape=(n, n))

    # --- profiles -----------------------------------------------------------------------------

    def blocked(self, profile):
        """Boolean mask of edges not passable for ``profile`` and a reason code per edge ('' = ok)."""
        limits = PROFILES[profile]
        a = self.attrs
        reason = np.full(self.edge_count, "", dtype=object)
        if not limits["steps"]:
            reason[a["steps"]] = "steps"
            step_obstacle = a["obstacle_step_cm"] > (limits["kerb"] or 0) * 100
            reason[(reason == "") & step_obstacle] = "obstacle"
        if limits["kerb"] is not None:
            reason[(reason == "") & (a["kerb"] > limits["kerb"] + 1e-9)] = "kerb"
        if limits["incline"] is not None:
            reason[(reason == "") & (a["incline"] > limits["incline"] + 1e-9)] = "incline"
        if limits["width"] is not None:
            reason[(reason == "") & (a["width"] < limits["width"] - 1e-9)] = "width"
        if limits["surface"]:
            reason[(reason == "") & (a["bad_surface"] == 1)] = "surface"
            reason[(reason == "") & (a["wheelchair"] == 0)] = "wheelchair"
        return reason != "", reason

    def costs(self, profile, fixed=None):
        """Edge costs for ``profile`` (metres, weighted for the blind profile); inf = blocked.

        ``fixed`` is an optional index array of edges treated as repaired (for the gap list).
        """
        cost = self.length.astype(float).copy()
        a = self.attrs
        if profile == "blind":
            guided = (a["guidance"]) | (a["tactile"] == 1)
            factor = np.where(guided, 1.0, BLIND_NO_GUIDANCE)
            crossing = a["crossing"]
            factor = np.where(crossing & (a["sound"] == 0), factor * BLIND_CROSSING_NO_SOUND, factor)
            factor = np.where(crossing & (a["sound"] == -1), factor * BLIND_CROSSING_UNKNOWN_SOUND, factor)
            factor = np.where(a["obstacle_count"] > 0, factor * BLIND_OBSTACLE, factor)
            if fixed is not None:
                factor[fixed] = 1.0
            cost *= factor
            return cost
        if profile == "rollator":
            cost = np.where(a["rough"], cost * ROLLATOR_ROUGH, cost)
        blocked, _ = self.blocked(profile)
        if fixed is not None:
            blocked = blocked.copy()
            blocked[fixed] = False
        cost[blocked] = np.inf
        return cost

    def unknown_share(self, profile):
        """Share of network length whose attributes relevant to ``profile`` are unknown."""
        limits = PROFILES[profile]
        a = self.attrs
        unknown = np.zeros(self.edge_count, dtype=bool)
        if limits["kerb"] is not None:
            unknown |= a["crossing"] & np.isnan(a["kerb"])
        if limits["incline"] is not None:
            unknown |= np.isnan(a["incline"])
        if limits["width"] is not None:
            unknown |= np.isnan(a["width"])
        if profile == "blind":
            unknown |= a["crossing"] & (a["sound"] == -1)
        total = float(self.length.sum()) or 1.0
        return float(self.length[unknown].sum()) / total


# --- building -------------------------------------------------------------------------------------


def build_network(lines, nodes=(), snap=0.5, feedback=None):
    """Network from ``lines`` [(coords (n,2) in EPSG:25832, attrs dict)] and tagged ``nodes`` [(x, y, attrs)]."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree

    lines = lines if isinstance(lines, Lines) else Lines.from_items(lines)
    lines = lines.usable()
    if not len(lines):
        raise InputError(tr("The footway network contains no usable lines."))
    vertices, lens = lines.flat()
    line_id = np.repeat(np.arange(len(lines)), lens)
    offsets = np.concatenate([[0], np.cumsum(lens)[:-1]])
    ends = offsets + lens - 1
    node_pts = _tagged_points_near(nodes, vertices)
    all_keys = _keys(np.concatenate([vertices, node_pts]))
    key, tagged_keys = all_keys[: len(vertices)], all_keys[len(vertices) :]
    uniq, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    is_node = counts[inverse] > 1
    is_node[offsets] = True
    is_node[ends] = True
    if len(tagged_keys):
        # a tagged OSM node (kerb, crossing, tactile paving) in the middle of a way splits it there,
        # so that its values reach the edges that meet at it (else they would be lost)
        is_node |= np.isin(key, tagged_keys)
    raise_if_canceled(feedback)

    # node ids for node vertices; merge nodes within the snap tolerance
    node_keys, node_of_vertex = np.unique(key[is_node], return_inverse=True)
    first = np.zeros(len(node_keys), dtype=np.int64)
    first[node_of_vertex[::-1]] = np.flatnonzero(is_node)[::-1]
    node_xy = vertices[first]
    if snap and snap > 0 and len(node_xy) > 1:
        pairs = cKDTree(node_xy).query_pairs(snap, output_type="ndarray")
        if len(pairs):
            n = len(node_xy)
            adj = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
            _, merged = connected_components(adj, directed=False)
            node_of_vertex = merged[node_of_vertex]
            sums = np.zeros((merged.max() + 1, 2))
            np.add.at(sums, merged, node_xy)
            node_xy = sums / np.bincount(merged)[:, None]
    vertex_node = np.full(len(vertices), -1, dtype=np.int64)
    vertex_node[is_node] = node_of_vertex

    # split lines into edges between node vertices
    seg = np.flatnonzero(line_id[:-1] == line_id[1:])
    raw_edge = np.cumsum(is_node)[seg]
    _, edge_of_seg = np.unique(raw_edge, return_inverse=True)
    seg_len = np.hypot(*(vertices[seg + 1] - vertices[seg]).T)
    n_edges = edge_of_seg.max() + 1 if len(seg) else 0
    length = np.bincount(edge_of_seg, weights=seg_len, minlength=n_edges)
    edge_start = np.full(n_edges, len(vertices), dtype=np.int64)
    np.minimum.at(edge_start, edge_of_seg, seg)
    edge_end = np.zeros(n_edges, dtype=np.int64)
    np.maximum.at(edge_end, edge_of_seg, seg + 1)
    u = vertex_node[edge_start]
    v = vertex_node[edge_end]
    edge_line = line_id[edge_start]
    raise_if_canceled(feedback)

    taglog = tags.TagLog()
    line_attrs = _line_attributes(lines.columns, len(lines), taglog)
    attrs = {name: values[edge_line] for name, values in line_attrs.items()}
    net = FootNetwork(node_xy, u, v, length, vertices, edge_start, edge_end, attrs)
    net.taglog = taglog
    if nodes:
        _apply_nodes(net, nodes, taglog)
    return net


def _tagged_points_near(nodes, vertices, margin=1.0):
    """(n, 2) coordinates of the tagged points that lie within the vertices' bounding box (+ margin)."""
    if not nodes:
        return np.zeros((0, 2))
    pts = np.array([(x, y) for x, y, _ in nodes], dtype=float).reshape(-1, 2)
    lo, hi = vertices.min(axis=0) - margin, vertices.max(axis=0) + margin
    return pts[np.isfinite(pts).all(axis=1) & (pts >= lo).all(axis=1) & (pts <= hi).all(axis=1)]


def _keys(xy, resolution=0.01):
    k = np.round(xy / resolution).astype(np.int64)
    k -= k.min(axis=0)
    return k[:, 0] * (int(k[:, 1].max()) + 1) + k[:, 1]


def _get(attrs, *names):
    for name in names:
        value = attrs.get(name)
        if value not in (None, ""):
            return value
    return None


class Lines:
    """Lines (EPSG:25832) with their attributes as columns (object arrays, None = missing).

    Coordinates are kept either as a list of (n, 2) arrays or flat (all vertices + count per line).
    """

    def __init__(self, coords=None, columns=None, vertices=None, lens=None):
        self._coords = coords
        self.columns = columns or {}
        self._vertices = vertices
        self._lens = lens

    def __len__(self):
        return len(self._lens) if self._lens is not None else len(self._coords)

    @property
    def coords(self):
        if self._coords is None:
            self._coords = np.split(self._vertices, np.cumsum(self._lens)[:-1]) if len(self._lens) else []
        return self._coords

    def flat(self):
        if self._vertices is None:
            self._lens = np.fromiter((len(c) for c in self._coords), dtype=np.int64, count=len(self._coords))
            self._vertices = np.concatenate([np.asarray(c, dtype=float)[:, :2] for c in self._coords])
        return self._vertices, self._lens

    @classmethod
    def from_items(cls, items):
        items = list(items)
        keys = []
        for _, attrs in items:
            for key in attrs:
                if key not in keys:
                    keys.append(key)
        columns = {}
        for key in keys:
            col = np.empty(len(items), dtype=object)
            col[:] = [attrs.get(key) for _, attrs in items]
            columns[key] = col
        return cls([np.asarray(c, dtype=float) for c, _ in items], columns)

    def usable(self):
        """Only lines with at least two vertices."""
        if self._vertices is not None:
            keep = self._lens >= 2
            if keep.all():
                return self
            return self.subset(keep)
        keep = [i for i, c in enumerate(self._coords) if c is not None and len(c) >= 2]
        idx = np.asarray(keep, dtype=np.int64)
        coords = [np.asarray(self._coords[i], dtype=float)[:, :2] for i in keep]
        return Lines(coords, {k: v[idx] for k, v in self.columns.items()})

    def subset(self, keep):
        """The lines where the boolean array ``keep`` is true."""
        vertices, lens = self.flat()
        return Lines(None, {k: v[keep] for k, v in self.columns.items()}, vertices[np.repeat(keep, lens)], lens[keep])

    def __iter__(self):
        names = list(self.columns)
        for i, coords in enumerate(self.coords):
            yield coords, {k: self.columns[k][i] for k in names if self.columns[k][i] is not None}


def _column(columns, n, *names):
    """First present value of ``names`` per row (object array, None = missing)."""
    out = np.full(n, None, dtype=object)
    for name in reversed(names):
        col = columns.get(name)
        if col is None:
            continue
        present = _present(col)
        out[present] = col[present]
    return out


def _present(col):
    col = np.asarray(col, dtype=object)
    return np.not_equal(col, None) & np.not_equal(col, "")


def _parse_column(values, parser):
    """``parser`` applied once per distinct value; returns an object array (None = unknown)."""
    result = np.full(len(values), None, dtype=object)
    present = _present(values)
    if present.any():
        uniq, inverse = np.unique(values[present].astype(str), return_inverse=True)
        parsed = np.empty(len(uniq), dtype=object)
        parsed[:] = [parser(u) for u in uniq]
        result[present] = parsed[inverse]
    return result


def _floats(values):
    return np.array([np.nan if v is None else float(v) for v in values], dtype=float) if len(values) else np.zeros(0)


def _log_unknown(taglog, ids, raw, parsed, tag):
    bad = _present(raw) & np.equal(parsed, None)
    for i in np.flatnonzero(bad):
        taglog.add(ids[i], tag, raw[i])


def _lower(values):
    out = np.full(len(values), "", dtype=object)
    present = _present(values)
    out[present] = [str(v).lower() for v in values[present]]
    return out


def _line_attributes(columns, n, taglog):
    ids = _column(columns, n, "osm_id", "id", "@id", "fid")
    missing = np.equal(ids, None)
    ids[missing] = np.arange(n)[missing]
    ids = np.array([str(i) for i in ids], dtype=object)
    names = _column(columns, n, "name")
    names[np.equal(names, None)] = ""
    names = np.array([str(v) for v in names], dtype=object)
    highway = _lower(_column(columns, n, "highway"))
    out = {"osm_id": ids, "name": names, "highway": highway}
    ramp = np.equal(_parse_column(_column(columns, n, "ramp", "ramp_wheelchair"), tags.parse_yes_no), True)
    out["ramp"] = ramp
    raw = _column(columns, n, "kerb_height", "kerb")
    parsed = _parse_column(raw, tags.parse_kerb_height)
    _log_unknown(taglog, ids, raw, parsed, "kerb:height")
    out["kerb"] = _floats(parsed)
    raw = _column(columns, n, "incline")
    parsed = _parse_column(raw, tags.parse_incline)
    _log_unknown(taglog, ids, raw, parsed, "incline")
    out["incline"] = _floats(parsed)
    raw = _column(columns, n, "width", "est_width")
    parsed = _parse_column(raw, tags.parse_width)
    _log_unknown(taglog, ids, raw, parsed, "width")
    out["width"] = _floats(parsed)
    surface = _lower(_column(columns, n, "surface"))
    smoothness = _lower(_column(columns, n, "smoothness"))
    bad = np.isin(smoothness, list(BAD_SMOOTHNESS)) | np.isin(surface, list(BAD_SURFACE))
    known = (surface != "") | (smoothness != "")
    out["bad_surface"] = np.where(bad, 1, np.where(known, 0, -1)).astype(np.int8)
    out["rough"] = np.isin(surface, list(ROUGH_SURFACE)) | np.isin(smoothness, ["bad", "intermediate"])
    out["tactile"] = _tristate(_parse_column(_column(columns, n, "tactile_paving"), tags.parse_yes_no))
    footway = _lower(_column(columns, n, "footway"))
    crossing_raw = _column(columns, n, "crossing")
    out["crossing"] = (footway == "crossing") | (highway == "crossing") | _present(crossing_raw)
    sound = _parse_column(_column(columns, n, "traffic_signals_sound"), tags.parse_sound)
    unsignalled = np.isin(_lower(crossing_raw), ["unmarked", "uncontrolled", "zebra"]) & np.equal(sound, None)
    sound[unsignalled] = False  # no signal, so no acoustic signal
    out["sound"] = _tristate(sound)
    wheelchair = _parse_column(_column(columns, n, "wheelchair"), tags.parse_wheelchair)
    out["wheelchair"] = _tristate(wheelchair)
    # steps with a usable ramp do not count as steps
    out["steps"] = (highway == "steps") & ~ramp & ~np.equal(wheelchair, True)
    out["guidance"] = np.zeros(n, dtype=bool)
    out["obstacle_step_cm"] = np.zeros(n)
    out["obstacle_count"] = np.zeros(n, dtype=np.int32)
    return out


def _tristate(values):
    return np.array([-1 if v is None else int(bool(v)) for v in values], dtype=np.int8)


def _apply_nodes(net, nodes, taglog):
    """Tagged points (kerbs, crossings) change the edges that end at them.

    A kerb node belongs to the crossing it ends (not to the sidewalk passing by): its values go
    to the incident crossing edges, else to the shortest incident edge. Vectorised over nodes.
    """
    if not nodes:
        return
    pts = np.array([(x, y) for x, y, _ in nodes], dtype=float).reshape(-1, 2)
    node_of, _ = net.snap(pts, max_distance=1.0)
    point_ids = np.flatnonzero(node_of >= 0)
    if not len(point_ids):
        return
    a = net.attrs
    # (point, incident edge) pairs through a sorted endpoint index
    ends = np.concatenate([net.u, net.v])
    edge_ids = np.concatenate([np.arange(net.edge_count), np.arange(net.edge_count)])
    order = np.argsort(ends, kind="stable")
    ends, edge_ids = ends[order], edge_ids[order]
    lo = np.searchsorted(ends, node_of[point_ids], "left")
    counts = np.searchsorted(ends, node_of[point_ids], "right") - lo
    pair_point = np.repeat(point_ids, counts)
    pair_edge = edge_ids[
        np.repeat(lo, counts) + np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    ]
    crossing = a["crossing"][pair_edge]
    has_crossing = np.bincount(pair_point, weights=crossing, minlength=len(nodes)) > 0
    by_length = np.lexsort((net.length[pair_edge], pair_point))
    shortest = np.zeros(len(pair_point), dtype=bool)
    first = np.ones(len(by_length), dtype=bool)
    first[1:] = pair_point[by_length][1:] != pair_point[by_length][:-1]
    shortest[by_length[first]] = True
    target = np.where(has_crossing[pair_point], crossing, shortest)
    pp, pe = pair_point[target], pair_edge[target]

    attrs = [n[2] for n in nodes]
    ids = [str(_get(t, "osm_id", "id", "@id") or "") for t in attrs]
    cache = {}

    def parsed(parser, value):
        key = (parser, value)
        if key not in cache:
            cache[key] = parser(value)
        return cache[key]

    kerb = np.full(len(nodes), np.nan)
    for i, t in enumerate(attrs):
        height_raw, keyword = _get(t, "kerb_height"), _get(t, "kerb")
        raw = height_raw if height_raw is not None else keyword
        if raw is None:
            continue
        value = parsed(tags.parse_kerb_height, raw)
        if value is None and height_raw is not None and keyword is not None:
            value = parsed(tags.parse_kerb_height, keyword)
        if value is None:
            taglog.add(ids[i], "kerb:height", raw)
        else:
            kerb[i] = value
    ok = np.isfinite(kerb[pp])
    np.fmax.at(a["kerb"], pe[ok], kerb[pp][ok])
    tactile = np.array([_tri(parsed(tags.parse_yes_no, _get(t, "tactile_paving"))) for t in attrs], dtype=np.int8)
    ok = tactile[pp] >= 0
    a["tactile"][pe[ok]] = tactile[pp][ok]
    is_crossing = np.array(
        [_get(t, "crossing") is not None or str(_get(t, "highway") or "") == "crossing" for t in attrs]
    )
    a["crossing"][pe[is_crossing[pp]]] = True
    sound = np.array([_tri(parsed(tags.parse_sound, _get(t, "traffic_signals_sound"))) for t in attrs], dtype=np.int8)
    ok = is_crossing[pp] & (sound[pp] >= 0)
    a["sound"][pe[ok]] = sound[pp][ok]
    step = np.array([str(_get(t, "barrier") or "") == "step" for t in attrs])
    a["steps"][pe[step[pp]]] = True


def _tri(value):
    return -1 if value is None else int(bool(value))


# --- reading --------------------------------------------------------------------------------------

_HSTORE = re.compile(r'"((?:[^"\\]|\\.)*)"=>"((?:[^"\\]|\\.)*)"')


def parse_other_tags(text):
    """OSM driver's ``other_tags`` hstore string → dict with ':' in keys replaced by '_'."""
    if not text:
        return {}
    return {k.replace(":", "_"): v.replace('\\"', '"') for k, v in _HSTORE.findall(text)}


def _is_osm(path):
    lower = path.lower()
    return lower.endswith((".osm", ".pbf", ".osm.gz", ".osm.bz2"))


def load_network(source, snap=0.5, feedback=None):
    """Network from a path (GeoPackage/Shapefile/GeoJSON, ``path|layername=x``, ``.osm``/``.pbf``) or a QGIS layer."""
    lines, nodes = read_lines(source, feedback)
    notes = []
    lines, nodes = _inside_area(lines, nodes, source, notes)
    for note in notes:
        warn(feedback, note)
    net = build_network(lines, nodes, snap=snap, feedback=feedback)
    net.notes = notes
    net._street_source = (source, lines)
    return net


def _inside_area(lines, nodes, source, notes):
    """Drop lines and nodes outside the area where EPSG:25832 gives usable metres (see ``area``).

    Refuses a network that lies outside as a whole (an OSM extract of New York, or a layer with a
    wrong CRS): its EPSG:25832 coordinates would be nonsense.
    """
    lines = (lines if isinstance(lines, Lines) else Lines.from_items(lines)).usable()
    if not len(lines):
        return lines, nodes
    vertices, lens = lines.flat()
    ok_vertex = area.inside_xy(vertices)
    if ok_vertex.all():
        keep_nodes = nodes
    else:
        offsets = np.concatenate([[0], np.cumsum(lens)[:-1]])
        keep = np.add.reduceat((~ok_vertex).astype(np.int64), offsets) == 0
        if not keep.any():
            lat, lon = area.where(*area.to_lonlat(vertices[:, 0], vertices[:, 1]))
            name = source.name() if hasattr(source, "name") else os.path.basename(split_source(source)[0])
            raise InputError(
                tr(
                    "The footway network {path} lies outside the area of the analysis: its ways lie around "
                    "latitude {lat}°, longitude {lon}°. The analysis works in EPSG:25832 (UTM zone 32) and needs "
                    "data between 0° and 18° east and 35° and 85° north."
                ).format(path=name, lat=lat, lon=lon)
            )
        notes.append(
            tr("{count} line(s) of the footway network lie outside the area of the analysis and are ignored.").format(
                count=int((~keep).sum())
            )
        )
        lines = lines.subset(keep)
        keep_nodes = nodes
    if keep_nodes:
        pts = np.array([(x, y) for x, y, _ in keep_nodes], dtype=float).reshape(-1, 2)
        ok = area.inside_xy(pts)
        if not ok.all():
            keep_nodes = [n for n, good in zip(keep_nodes, ok) if good]
    return lines, keep_nodes


def _street_names(source, lines):
    """(points, names) of named streets for describing places: the network's own named ways plus a
    ``roads`` layer beside it (sidewalks and crossings are nameless in OSM-style data)."""
    points, names = [], []
    lines = lines if isinstance(lines, Lines) else Lines.from_items(lines)
    name_col = lines.columns.get("name")
    if name_col is not None:
        vertices, lens = lines.flat()
        mid = np.concatenate([[0], np.cumsum(lens)[:-1]]) + lens // 2
        for i in np.flatnonzero(_present(name_col)):
            points.append(vertices[mid[i]])
            names.append(str(name_col[i]))
    if not hasattr(source, "getFeatures"):
        path, _ = split_source(source)
        if path.lower().endswith(".gpkg"):
            from osgeo import ogr

            ds = ogr.Open(path)
            layer = ds.GetLayerByName("roads") if ds is not None else None
            if layer is not None:
                for parts, attrs in _ogr_features(layer, False, None):
                    if attrs.get("name"):
                        for part in parts:
                            dense = densify(part, 20.0)
                            points.extend(dense)
                            names.extend([str(attrs["name"])] * len(dense))
    return np.asarray(points, dtype=float).reshape(-1, 2), names


def read_lines(source, feedback=None):
    """[(coords, attrs)] lines and [(x, y, attrs)] tagged points of a network source, in EPSG:25832."""
    if hasattr(source, "getFeatures"):
        return _layer_lines(source), []
    path, layer_name = split_source(source)
    if not os.path.exists(path):
        raise InputError(tr("File not found: {path}").format(path=path))
    from osgeo import gdal

    gdal.UseExceptions()
    osm = _is_osm(path)
    open_path = "/vsigzip/" + path if path.lower().endswith(".gz") else path
    try:
        ds = gdal.OpenEx(open_path, gdal.OF_VECTOR)
        if ds is not None and ds.GetDriver().ShortName == "OSM":  # also .osm.xml and other names
            osm = True
            # GDAL's default node index needs ascending ids; files saved by JOSM or cut by CGImap may
            # not have them ("Non increasing node id"), and the lines layer then stays silently empty.
            ds = gdal.OpenEx(
                open_path, gdal.OF_VECTOR, allowed_drivers=["OSM"], open_options=["USE_CUSTOM_INDEXING=NO"]
            )
    except RuntimeError as error:
        raise InputError(
            tr("Cannot open the footway network {path}: {error}").format(path=path, error=error)
        ) from error
    if ds is None:
        raise InputError(tr("Cannot open the footway network {path}: {error}").format(path=path, error="?"))
    mixed = False
    if osm:
        line_layer, point_layer = ds.GetLayerByName("lines"), ds.GetLayerByName("points")
    else:
        line_layer, point_layer = _pick_layers(ds, layer_name)
        if line_layer is None:
            # GeoJSON exports of OSM (Overpass, JOSM) mix points, lines and polygons in one layer
            line_layer = _mixed_layer(ds, layer_name)
            mixed = line_layer is not None
            point_layer = point_layer or line_layer
    if line_layer is None:
        point_layer = ds = None
        raise InputError(tr("No line layer found in {path}.").format(path=path))
    if mixed:
        lines = _mixed_lines(line_layer, feedback)
        if not len(lines):
            line_layer = point_layer = ds = None  # release GDAL objects in order: no layer outlives its dataset
            raise InputError(
                tr(
                    "The footway network {path} contains no walkable ways (lines tagged highway=footway, path, "
                    "pedestrian, steps, residential …)."
                ).format(path=os.path.basename(path))
            )
    else:
        lines = None if osm else _arrow_lines(line_layer)
        if lines is None:
            lines = _feature_lines(line_layer, osm, feedback)
    nodes = None if osm or mixed or point_layer is None else _arrow_points(point_layer)
    if nodes is None:
        nodes = _feature_points(point_layer, osm, feedback)
    return lines, nodes


def _mixed_layer(ds, layer_name):
    """The first layer of unknown/mixed geometry type (None if there is none)."""
    from osgeo import ogr

    for i in range(ds.GetLayerCount()):
        layer = ds.GetLayerByIndex(i)
        if layer_name and layer.GetName() != layer_name:
            continue
        if ogr.GT_Flatten(layer.GetGeomType()) in (ogr.wkbUnknown, ogr.wkbGeometryCollection):
            return layer
    return None


def _mixed_lines(layer, feedback):
    """The line features of a mixed layer. Such a layer is raw OSM data (fences, walls and room
    outlines are lines, too): when it has a ``highway`` field only walkable ways count, as in an OSM file."""
    from osgeo import ogr

    defn = layer.GetLayerDefn()
    has_highway = defn.GetFieldIndex("highway") >= 0
    lines = []
    for coords, attrs in _ogr_features(layer, False, feedback, kinds=(ogr.wkbLineString, ogr.wkbMultiLineString)):
        if has_highway:
            highway = str(attrs.get("highway") or "")
            if highway not in WALKABLE or attrs.get("foot") == "no" or attrs.get("access") == "no":
                continue
        for part in coords:
            lines.append((part, attrs))
    return Lines.from_items(lines)


NODE_TAGS = ("kerb", "kerb_height", "crossing", "tactile_paving", "traffic_signals_sound", "barrier")


def _arrow_points(layer):
    """Tagged points [(x, y, attrs)] through GDAL's Arrow stream; None when not available."""
    if not hasattr(layer, "GetArrowStreamAsNumPy"):
        return None
    try:
        batches = list(layer.GetArrowStreamAsNumPy(options=["USE_MASKED_ARRAYS=YES"]))
    except Exception:  # noqa: BLE001 - GDAL built without Arrow/numpy support: use the slow path
        return None
    geom_name = layer.GetGeometryColumn() or "wkb_geometry"
    transform = _pyproj_transform(layer)
    nodes = []
    for batch in batches:
        geoms = batch.get(geom_name)
        if geoms is None:
            return None
        blobs = [bytes(g) if g is not None else b"" for g in geoms]
        if any(len(b) != 21 or b[0] != 1 or b[1:5] != b"\x01\x00\x00\x00" for b in blobs):
            return None  # not plain 2D little-endian points
        xy = np.frombuffer(b"".join(b[5:] for b in blobs), dtype="<f8").reshape(-1, 2).copy()
        if transform is not None and len(xy):
            x, y = transform.transform(xy[:, 0], xy[:, 1])
            xy = np.column_stack([x, y])
        cols = {name.replace(":", "_"): _to_objects(v, len(blobs)) for name, v in batch.items() if name != geom_name}
        tagged = np.zeros(len(blobs), dtype=bool)
        for name in NODE_TAGS:
            if name in cols:
                tagged |= _present(cols[name])
        for i in np.flatnonzero(tagged):
            attrs = {k: v[i] for k, v in cols.items() if v[i] is not None and v[i] != ""}
            nodes.append((float(xy[i, 0]), float(xy[i, 1]), attrs))
    return nodes


def _feature_points(point_layer, osm, feedback):
    from osgeo import ogr

    nodes = []
    if point_layer is not None:
        for coords, attrs in _ogr_features(point_layer, osm, feedback, kinds=(ogr.wkbPoint, ogr.wkbMultiPoint)):
            if any(k in attrs for k in NODE_TAGS):
                for part in coords:
                    nodes.append((float(part[0][0]), float(part[0][1]), attrs))
    return nodes


def _feature_lines(line_layer, osm, feedback):
    lines = []
    for coords, attrs in _ogr_features(line_layer, osm, feedback):
        if osm:
            highway = attrs.get("highway") or ""
            if highway not in WALKABLE or attrs.get("foot") == "no" or attrs.get("access") == "no":
                continue
        for part in coords:
            lines.append((part, attrs))
    return Lines.from_items(lines)


def _arrow_lines(layer):
    """Fast path (GDAL ≥ 3.6): the whole layer as numpy columns + WKB; None when not available."""
    if not hasattr(layer, "GetArrowStreamAsNumPy"):
        return None
    try:
        batches = list(layer.GetArrowStreamAsNumPy(options=["USE_MASKED_ARRAYS=YES"]))
    except Exception:  # noqa: BLE001 - GDAL built without Arrow/numpy support: use the slow path
        return None
    geom_name = layer.GetGeometryColumn() or "wkb_geometry"
    coords, column_parts = [], {}
    for batch in batches:
        geoms = batch.get(geom_name)
        if geoms is None:
            return None
        blobs = [bytes(g) if g is not None else b"" for g in geoms]
        parsed = _wkb_simple_lines(blobs)
        if parsed is None:  # mixed or multi geometries: one by one
            parts_list, rows = [], []
            for i, blob in enumerate(blobs):
                parts = _wkb_lines(blob) if blob else []
                if parts is None:
                    return None
                parts_list.extend(parts)
                rows.extend([i] * len(parts))
            rows = np.asarray(rows, dtype=np.int64)
            lens = np.fromiter((len(c) for c in parts_list), dtype=np.int64, count=len(parts_list))
            parsed = (np.concatenate(parts_list) if parts_list else np.zeros((0, 2)), lens)
        else:
            rows = np.arange(len(blobs))
        coords.append(parsed)
        for name, values in batch.items():
            if name != geom_name:
                column_parts.setdefault(name.replace(":", "_"), []).append(_to_objects(values, len(blobs))[rows])
    columns = {name: np.concatenate(parts) for name, parts in column_parts.items() if len(parts) == len(batches)}
    vertices = np.concatenate([v for v, _ in coords]) if coords else np.zeros((0, 2))
    lens = np.concatenate([n for _, n in coords]) if coords else np.zeros(0, dtype=np.int64)
    transform = _pyproj_transform(layer)
    if transform is not None and len(vertices):
        x, y = transform.transform(vertices[:, 0], vertices[:, 1])
        vertices = np.column_stack([x, y])
    return Lines(None, columns, vertices, lens)


def _wkb_simple_lines(blobs):
    """Vectorised parse when every blob is a little-endian 2D WKB LineString; else None."""
    if not blobs or any(len(b) < 9 for b in blobs):
        return None
    lengths = np.fromiter((len(b) for b in blobs), dtype=np.int64, count=len(blobs))
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    raw = np.frombuffer(b"".join(blobs), dtype=np.uint8)
    if not (raw[offsets] == 1).all():
        return None
    head = raw[offsets[:, None] + np.arange(1, 9)].astype(np.uint32)
    gtype = head[:, 0] | head[:, 1] << 8 | head[:, 2] << 16 | head[:, 3] << 24
    count = (head[:, 4] | head[:, 5] << 8 | head[:, 6] << 16 | head[:, 7] << 24).astype(np.int64)
    if not (gtype == 2).all() or not (lengths == 9 + 16 * count).all():
        return None
    starts = offsets + 9
    total = int(count.sum()) * 2
    first = np.repeat(starts, 2 * count)
    within = np.arange(total) - np.repeat(np.concatenate([[0], np.cumsum(2 * count)[:-1]]), 2 * count)
    byte_index = (first + 8 * within)[:, None] + np.arange(8)
    values = raw[byte_index].copy().view("<f8").reshape(-1)
    return values.reshape(-1, 2), count


def _to_objects(values, n):
    """A numpy/masked column → object array of str/int/float with None for NULL."""
    mask = np.ma.getmaskarray(values) if np.ma.isMaskedArray(values) else np.zeros(n, dtype=bool)
    data = np.ma.getdata(values)
    out = np.empty(n, dtype=object)
    if data.dtype.kind == "S":
        try:
            out[:] = data.astype("U").tolist()
        except UnicodeDecodeError:
            out[:] = np.char.decode(data, "utf-8", errors="replace").tolist()
    else:
        out[:] = data.tolist()
    out[mask] = None
    return out


def _wkb_lines(blob):
    """[(n, 2) arrays] of a little/big endian WKB (Multi)LineString (Z/M ignored); None if other."""
    order = "<" if blob[0] == 1 else ">"
    gtype = int(np.frombuffer(blob, dtype=order + "u4", count=1, offset=1)[0])
    base, dims = _wkb_kind(gtype)
    if base == 2:
        n = int(np.frombuffer(blob, dtype=order + "u4", count=1, offset=5)[0])
        pts = np.frombuffer(blob, dtype=order + "f8", count=n * dims, offset=9).reshape(n, dims)
        return [pts[:, :2].astype(float)]
    if base == 5:
        count = int(np.frombuffer(blob, dtype=order + "u4", count=1, offset=5)[0])
        parts, offset = [], 9
        for _ in range(count):
            order_i = "<" if blob[offset] == 1 else ">"
            _, dims_i = _wkb_kind(int(np.frombuffer(blob, dtype=order_i + "u4", count=1, offset=offset + 1)[0]))
            n = int(np.frombuffer(blob, dtype=order_i + "u4", count=1, offset=offset + 5)[0])
            pts = np.frombuffer(blob, dtype=order_i + "f8", count=n * dims_i, offset=offset + 9).reshape(n, dims_i)
            parts.append(pts[:, :2].astype(float))
            offset += 9 + 8 * n * dims_i
        return parts
    return None


def _wkb_kind(gtype):
    """(base type, coordinate dimensions) of an ISO or EWKB-style geometry type code."""
    flags = gtype & 0xE0000000
    gtype &= 0x0FFFFFFF
    base = gtype % 1000
    iso = gtype // 1000
    dims = {0: 2, 1: 3, 2: 3, 3: 4}[iso] if iso in (0, 1, 2, 3) else 2
    if flags:
        dims = 2 + bool(flags & 0x80000000) + bool(flags & 0x40000000)
    return base, dims


def _pyproj_transform(layer):
    srs = layer.GetSpatialRef()
    if srs is None:
        return None
    if srs.GetAuthorityName(None) == "EPSG" and srs.GetAuthorityCode(None) == str(TARGET_EPSG):
        return None
    from pyproj import CRS, Transformer

    crs = CRS.from_wkt(srs.ExportToWkt())
    if crs.equals(CRS.from_epsg(TARGET_EPSG)):
        return None
    return Transformer.from_crs(crs, CRS.from_epsg(TARGET_EPSG), always_xy=True)


def split_source(source):
    text = os.fspath(source)
    layer = None
    if "|" in text:
        text, _, rest = text.partition("|")
        for item in rest.split("|"):
            if item.startswith("layername="):
                layer = item.split("=", 1)[1]
    return text, layer


def _pick_layers(ds, layer_name):
    from osgeo import ogr

    line_layer = point_layer = None
    for i in range(ds.GetLayerCount()):
        layer = ds.GetLayerByIndex(i)
        kind = ogr.GT_Flatten(layer.GetGeomType())
        name = layer.GetName()
        if layer_name and name != layer_name:
            if kind in (ogr.wkbPoint, ogr.wkbMultiPoint) and point_layer is None and name == "nodes":
                point_layer = layer
            continue
        if kind in (ogr.wkbLineString, ogr.wkbMultiLineString) and (line_layer is None or name == "ways"):
            line_layer = layer
        elif kind in (ogr.wkbPoint, ogr.wkbMultiPoint) and (point_layer is None or name == "nodes"):
            point_layer = layer
    return line_layer, point_layer


def ogr_transform(layer):
    """An OSR transformation from the layer's CRS to EPSG:25832 (None if already there/unknown)."""
    from osgeo import osr

    srs = layer.GetSpatialRef()
    if srs is None:
        return None
    target = osr.SpatialReference()
    target.ImportFromEPSG(TARGET_EPSG)
    target.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    source = srs.Clone()
    source.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    if source.IsSame(target):
        return None
    return osr.CoordinateTransformation(source, target)


def _ogr_features(layer, osm, feedback, kinds=None):
    """Yield ([coords arrays], attrs) for every feature (multi-geometries split into parts).

    ``kinds``: only features of these flat OGR geometry types (for layers of mixed geometry).
    """
    from osgeo import ogr

    transform = ogr_transform(layer)
    defn = layer.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    layer.ResetReading()
    for count, feature in enumerate(layer):
        if count % 2000 == 0:
            raise_if_canceled(feedback)
        geom = feature.GetGeometryRef()
        if geom is None or geom.IsEmpty():
            continue
        if kinds is not None and ogr.GT_Flatten(geom.GetGeometryType()) not in kinds:
            continue
        geom = geom.Clone()
        if transform is not None:
            geom.Transform(transform)
        attrs = {}
        for i, name in enumerate(names):
            if feature.IsFieldSetAndNotNull(i):
                attrs[name.replace(":", "_")] = feature.GetField(i)
        if osm:
            attrs.update(parse_other_tags(attrs.pop("other_tags", "")))
        parts = []
        kind = ogr.GT_Flatten(geom.GetGeometryType())
        if kind in (ogr.wkbMultiLineString, ogr.wkbMultiPoint, ogr.wkbMultiPolygon, ogr.wkbGeometryCollection):
            geoms = [geom.GetGeometryRef(j) for j in range(geom.GetGeometryCount())]
        else:
            geoms = [geom]
        for g in geoms:
            if ogr.GT_Flatten(g.GetGeometryType()) == ogr.wkbPolygon:
                g = g.Centroid()
            pts = np.array(g.GetPoints() or [], dtype=float)
            if len(pts):
                parts.append(pts[:, :2])
        if parts:
            yield parts, attrs


def _layer_lines(layer):
    """Lines of a QgsVectorLayer, transformed to EPSG:25832."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    target = QgsCoordinateReferenceSystem(f"EPSG:{TARGET_EPSG}")
    transform = None
    if layer.crs().isValid() and layer.crs() != target:
        transform = QgsCoordinateTransform(layer.crs(), target, QgsProject.instance())
    names = layer.fields().names()
    lines = []
    for feature in layer.getFeatures():
        geom = feature.geometry()
        if geom is None or geom.isEmpty():
            continue
        if transform is not None:
            geom.transform(transform)
        attrs = {n.replace(":", "_"): _plain(feature[n]) for n in names}
        parts = geom.asMultiPolyline() if geom.isMultipart() else [geom.asPolyline()]
        for part in parts:
            if len(part) >= 2:
                lines.append((np.array([(p.x(), p.y()) for p in part]), attrs))
    return lines


def _plain(value):
    """QVariant NULL → None."""
    try:
        from qgis.PyQt.QtCore import QVariant

        if isinstance(value, QVariant) and value.isNull():
            return None
    except ImportError:
        pass
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


# --- survey ---------------------------------------------------------------------------------------


def edges_near(net, points, radius):
    """For each point: (edge index, distance) of the nearest edge within ``radius`` (-1, inf if none)."""
    from scipy.spatial import cKDTree

    points = np.asarray(points, dtype=float).reshape(-1, 2)
    result_edge = np.full(len(points), -1, dtype=np.int64)
    result_dist = np.full(len(points), np.inf)
    if net.edge_count == 0 or len(points) == 0:
        return result_edge, result_dist
    seg_edge = np.repeat(np.arange(net.edge_count), net.edge_end - net.edge_start)
    seg_a = np.concatenate([np.arange(s, e) for s, e in zip(net.edge_start, net.edge_end)]) if net.edge_count else []
    a = net.vertices[seg_a]
    b = net.vertices[seg_a + 1]
    mid = (a + b) / 2
    half = np.hypot(*(b - a).T).max() / 2
    tree = cKDTree(mid)
    for i, p in enumerate(points):
        cand = tree.query_ball_point(p, radius + half)
        if not cand:
            continue
        cand = np.asarray(cand)
        d = _point_segment_distance(p, a[cand], b[cand])
        j = int(np.argmin(d))
        if d[j] <= radius:
            result_edge[i] = seg_edge[cand[j]]
            result_dist[i] = d[j]
    return result_edge, result_dist


def _point_segment_distance(p, a, b):
    ab = b - a
    denom = (ab**2).sum(axis=1)
    t = np.where(denom > 0, ((p - a) * ab).sum(axis=1) / np.where(denom > 0, denom, 1), 0.0)
    t = np.clip(t, 0, 1)
    proj = a + ab * t[:, None]
    return np.hypot(*(proj - p).T)


def edge_midpoints(net):
    """A point on each edge (middle vertex or midpoint of a two-vertex edge)."""
    start = net.vertices[net.edge_start]
    end = net.vertices[net.edge_end]
    return (start + end) / 2


def apply_survey(net, survey, feedback=None):
    """Apply survey layers (tactile guidance lines, obstacles, crossings) to nearby edges. Returns counts."""
    from scipy.spatial import cKDTree

    a = net.attrs
    counts = {}
    guidance = survey.get("tactile_guidance") or []
    if guidance:
        samples = []
        for coords, _ in guidance:
            samples.append(densify(coords, 1.0))
        tree = cKDTree(np.concatenate(samples))
        dist, _ = tree.query(edge_midpoints(net), distance_upper_bound=3.0)
        a["guidance"] |= np.isfinite(dist)
        counts["tactile_guidance"] = int(np.isfinite(dist).sum())
    raise_if_canceled(feedback)
    obstacles = survey.get("obstacles") or []
    if obstacles:
        edges, _ = edges_near(net, [p for p, _ in obstacles], 3.0)
        for (_, attrs), edge in zip(obstacles, edges):
            if edge < 0:
                continue
            a["obstacle_count"][edge] += 1
            kind = str(_get(attrs, "type", "typ", "art") or "").lower()
            height = tags.parse_length(_get(attrs, "height_cm", "hoehe_cm"), bare_unit=0.01)
            if height is not None and any(word in kind for word in STEP_WORDS):
                a["obstacle_step_cm"][edge] = max(a["obstacle_step_cm"][edge], height * 100)
        counts["obstacles"] = int((edges >= 0).sum())
    crossings = survey.get("crossings") or []
    if crossings:
        edges, _ = edges_near(net, [p for p, _ in crossings], 5.0)
        for (_, attrs), edge in zip(crossings, edges):
            if edge < 0:
                continue
            ends = np.flatnonzero(
                np.isin(net.u, [net.u[edge], net.v[edge]]) | np.isin(net.v, [net.u[edge], net.v[edge]])
            )
            crossing_edges = ends[a["crossing"][ends]] if a["crossing"][ends].any() else np.array([edge])
            a["crossing"][crossing_edges] = True
            sound = tags.parse_sound(_get(attrs, "acoustic_signal", "traffic_signals_sound"))
            if sound is not None:
                a["sound"][crossing_edges] = int(sound)
            tactile = tags.parse_yes_no(_get(attrs, "tactile_paving"))
            if tactile is not None:
                a["tactile"][crossing_edges] = int(tactile)
            kerb = tags.parse_length(_get(attrs, "kerb_height_cm"), bare_unit=0.01)
            if kerb is not None:
                a["kerb"][crossing_edges] = kerb
        counts["crossings"] = int((edges >= 0).sum())
    return counts


def densify(coords, spacing):
    coords = np.asarray(coords, dtype=float)[:, :2]
    if len(coords) < 2:
        return coords
    seg = np.hypot(*np.diff(coords, axis=0).T)
    cum = np.concatenate([[0], np.cumsum(seg)])
    if cum[-1] == 0:
        return coords[:1]
    d = np.linspace(0, cum[-1], max(2, int(math.ceil(cum[-1] / spacing)) + 1))
    return np.column_stack([np.interp(d, cum, coords[:, 0]), np.interp(d, cum, coords[:, 1])])


def read_survey(source, feedback=None):
    """{layer name: [(coords or point, attrs)]} of a survey GeoPackage (or a dict of layers)."""
    if source is None:
        return {}
    if isinstance(source, dict):
        return source
    path, _ = split_source(source)
    if not os.path.exists(path):
        raise InputError(tr("File not found: {path}").format(path=path))
    from osgeo import gdal, ogr

    gdal.UseExceptions()
    try:
        ds = ogr.Open(path)
    except RuntimeError as error:
        raise InputError(tr("Cannot open the survey {path}: {error}").format(path=path, error=error)) from error
    result = {}
    for i in range(ds.GetLayerCount()):
        layer = ds.GetLayerByIndex(i)
        name = layer.GetName()
        if name not in ("tactile_guidance", "obstacles", "crossings", "stop_kerbs"):
            continue
        items = []
        for parts, attrs in _ogr_features(layer, False, feedback):
            for part in parts:
                items.append((part if len(part) > 1 else part[0], attrs))
        result[name] = items
    return result
