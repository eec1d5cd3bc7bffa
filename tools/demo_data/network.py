"""Street and footway network of the Soest demo area with OSM-style accessibility tags (GeoPackage).

Sample data generated from ``streets.py`` (not OSM data). ``network.gpkg`` (EPSG:25832) holds:

* ``ways`` – the walking network, mapped the OSM way (sidewalks as separate ways): sidewalks on
  both sides of every carriageway (offset lines, ``footway=sidewalk``), crossings across each arm
  of a junction (``footway=crossing``, with ``crossing=*``), corner links, pedestrian streets,
  living streets, service roads and residential side streets without sidewalks (walked on
  directly, ``sidewalk=no``), ``highway=steps`` (Domplatz, Am Vreithof, the Bahnhof underpass,
  …) with and without ramps, platforms, and one deliberately disconnected footway island at the
  stop "Kleppingweg" (the "unreachable stop" case). All tags are text, as in OSM, including junk
  values (``incline=up``, ``width=ca. 1m``, ``kerb:height=ca. 10cm``).
* ``nodes`` – points for kerbs (``barrier=kerb``) at both ends of every crossing and the crossing
  nodes (``highway=crossing``) on the carriageway, with the same tag fields. Every node lies on a
  vertex of a way in ``ways``.
* ``roads`` – the carriageways (centre lines, one per street section between junctions, with
  ``name``) for context and for tools that want named streets: not part of the walking network,
  they share no vertex with ``ways``. It is the first layer of the file, so tools opening the file
  without a layer name get the named streets; pass ``|layername=ways`` for the walking network.

The colon in OSM keys becomes an underscore in field names (``kerb:height`` → ``kerb_height``,
``traffic_signals:sound`` → ``traffic_signals_sound``).
"""

import functools
import math
import os
from collections import Counter, defaultdict

import numpy as np

from . import gtfs
from . import streets as st
from .terrain import ground_height

FILENAME = "network.gpkg"

# Half width of the carriageway per class; the sidewalk centre line lies SIDEWALK_GAP further out.
ROAD_HALF_WIDTH = {"secondary": 4.0, "tertiary": 3.5, "unclassified": 3.5, "residential": 3.0}
SIDEWALK_GAP = 1.6
# Highways that are walked on directly (no separate sidewalks).
WALK_CENTRE = {"pedestrian", "living_street", "footway", "service", "path"}
# Tag fields of ways and nodes (OSM key with ":" -> "_").
TAG_FIELDS = (
    "name",
    "highway",
    "footway",
    "sidewalk",
    "surface",
    "smoothness",
    "incline",
    "width",
    "kerb",
    "kerb_height",
    "tactile_paving",
    "crossing",
    "traffic_signals_sound",
    "wheelchair",
    "ramp",
    "step_count",
    "handrail",
    "tunnel",
    "layer",
    "lit",
)
NODE_FIELDS = (
    "highway",
    "barrier",
    "kerb",
    "kerb_height",
    "tactile_paving",
    "crossing",
    "traffic_signals_sound",
    "wheelchair",
)
ROAD_FIELDS = ("name", "highway", "sidewalk", "surface", "maxspeed", "lanes", "lit")


def _old_town(x, y, margin=1.0):
    cx, cy = st.OLD_TOWN_CENTRE
    a, b = st.OLD_TOWN_AXES
    return ((x - cx) / a) ** 2 + ((y - cy) / b) ** 2 <= margin**2


# --------------------------------------------------------------------------- geometry helpers


def _cum(coords):
    out = [0.0]
    for p, q in zip(coords[:-1], coords[1:]):
        out.append(out[-1] + math.dist(p, q))
    return out


def _point_at(coords, cum, d):
    if d <= 0.0:
        return coords[0]
    if d >= cum[-1]:
        return coords[-1]
    for i in range(1, len(coords)):
        if cum[i] >= d:
            seg = cum[i] - cum[i - 1]
            f = 0.0 if seg == 0 else (d - cum[i - 1]) / seg
            (x0, y0), (x1, y1) = coords[i - 1], coords[i]
            return (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f)
    return coords[-1]


def _substring(coords, d0, d1):
    """Part of a polyline between distances d0 < d1 along it."""
    cum = _cum(coords)
    out = [_point_at(coords, cum, d0)]
    for c, v in zip(cum, coords):
        if d0 < c < d1:
            out.append(v)
    out.append(_point_at(coords, cum, d1))
    dedup = [out[0]]
    for v in out[1:]:
        if math.dist(v, dedup[-1]) > 1e-6:
            dedup.append(v)
    return dedup


def _offset(coords, d):
    """Offset a polyline by d (positive = left) with mitred vertices."""
    p = np.asarray(coords, dtype=float)
    seg = np.diff(p, axis=0)
    length = np.hypot(seg[:, 0], seg[:, 1])
    length[length == 0] = 1e-9
    t = seg / length[:, None]
    n = np.column_stack([-t[:, 1], t[:, 0]])
    m = np.empty_like(p)
    m[0], m[-1] = n[0], n[-1]
    if len(p) > 2:
        mid = n[:-1] + n[1:]
        norm = np.hypot(mid[:, 0], mid[:, 1])
        norm[norm < 1e-9] = 1e-9
        mid = mid / norm[:, None]
        cos = np.clip(np.sum(mid * n[1:], axis=1), 0.5, 1.0)
        m[1:-1] = mid / cos[:, None]
    return [tuple(v) for v in (p + d * m)]


def _r(p):
    return (round(p[0], 2), round(p[1], 2))


def _angle(p, q):
    return math.atan2(q[1] - p[1], q[0] - p[0])


# --------------------------------------------------------------------------- tag choices


def _pick(rng, options):
    values, weights = zip(*options)
    w = np.asarray(weights, dtype=float)
    return values[int(rng.choice(len(values), p=w / w.sum()))]


_KERB_HEIGHTS = {
    "lowered": (("0.03", 5), ("0.02", 3), ("3 cm", 2), ("0.04", 2), ("0,03", 1), ("0.05", 1), (None, 2)),
    "flush": (("0", 3), ("0.0", 2), ("0 cm", 1), (None, 1)),
    "raised": (("0.12", 3), ("0.10", 2), ("ca. 10cm", 2), ("0.14", 1), ("12 cm", 1), ("0.15", 1), (None, 1)),
    "no": ((None, 1),),
    None: ((None, 4), ("0.06", 1), ("low", 1)),
}


def _kerb(rng, signals):
    kind = _pick(
        rng, (("lowered", 7 if signals else 5), ("flush", 1), ("raised", 1 if signals else 3), ("no", 0.3), (None, 1.2))
    )
    return kind, _pick(rng, _KERB_HEIGHTS[kind])


def _surface(rng, old):
    if old:
        return _pick(rng, (("paving_stones", 5), ("sett", 3), ("cobblestone", 1), ("asphalt", 1)))
    return _pick(
        rng, (("paving_stones", 5), ("asphalt", 3.5), ("concrete", 1), ("compacted", 0.3), ("paving_stones:30", 0.2))
    )


def _smoothness(rng, surface):
    if surface in ("cobblestone", "sett"):
        return _pick(rng, (("intermediate", 3), ("bad", 3), ("very_bad", 0.5), (None, 1)))
    if surface in ("asphalt", "concrete"):
        return _pick(rng, (("excellent", 2), ("good", 4), ("intermediate", 1), (None, 2)))
    return _pick(rng, (("good", 4), ("intermediate", 2), ("bad", 0.5), (None, 2)))


def _width(rng, kind):
    if kind == "pedestrian":
        return _pick(rng, (("8", 2), ("10", 1), ("6", 1), (None, 2)))
    if kind == "crossing":
        return _pick(rng, (("4", 2), ("3", 2), ("5", 1), (None, 3)))
    return _pick(
        rng,
        (
            ("1.5", 4),
            ("2", 4),
            ("2.5", 2),
            ("3", 1),
            ("1.2", 2),
            ("0.8", 0.8),
            ("1,2", 0.4),
            ("ca. 1m", 0.4),
            ("1.5 m", 0.4),
            (None, 4),
        ),
    )


def _incline(rng, coords, old):
    """Mostly from the terrain; a few steeper spots the DGM does not resolve, a few junk values."""
    u = rng.random()
    if u < 0.02:
        return _pick(rng, (("up", 2), ("down", 2), ("steep", 0.5)))
    if u < 0.06 if old else u < 0.035:
        sign = "-" if rng.random() < 0.5 else ""
        return "{}{}%".format(sign, _pick(rng, (("5", 2), ("7", 3), ("8", 2), ("10", 1), ("12", 0.5))))
    if u < 0.15:
        (x0, y0), (x1, y1) = coords[0], coords[-1]
        length = math.dist(coords[0], coords[-1])
        if length < 5:
            return None
        dh = float(ground_height(x1, y1) - ground_height(x0, y0))
        return "{:.0f}%".format(100.0 * dh / length).replace("-0%", "0%")
    return None


def _wheelchair(surface, smoothness, width, incline, highway):
    if highway == "steps":
        return "no"
    if smoothness in ("bad", "very_bad") or surface == "cobblestone":
        return "limited"
    if width in ("0.8", "ca. 1m"):
        return "limited"
    if incline and incline.rstrip("%").lstrip("-").isdigit() and int(incline.rstrip("%").lstrip("-")) > 6:
        return "limited"
    if surface in ("asphalt", "paving_stones") and smoothness in ("good", "excellent"):
        return "yes"
    return None


# --------------------------------------------------------------------------- the network


class _Builder:
    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.ways = []  # (coords, tags)
        self.nodes = []  # ((x, y), tags)
        self.roads = []

    def way(self, coords, **tags):
        coords = [_r(c) for c in coords]
        dedup = [coords[0]]
        for c in coords[1:]:
            if c != dedup[-1]:
                dedup.append(c)
        if len(dedup) < 2:
            return None
        self.ways.append((dedup, tags))
        return dedup

    def node(self, xy, **tags):
        self.nodes.append((_r(xy), tags))

    def linear(self, coords, base, kind, old, chunk=(15.0, 45.0)):
        """A sidewalk or walkable street, split into chunks whose tags vary a little."""
        cum = _cum(coords)
        total = cum[-1]
        if total < 0.05:
            return
        d0 = 0.0
        while d0 < total - 1e-6:
            length = float(self.rng.uniform(*chunk))
            d1 = total if total - (d0 + length) < chunk[0] * 0.5 else d0 + length
            part = _substring(coords, d0, d1)
            tags = dict(base)
            if "surface" not in tags or self.rng.random() < 0.25:
                if kind == "pedestrian" and old:
                    tags["surface"] = _pick(self.rng, (("sett", 4), ("paving_stones", 3), ("cobblestone", 1)))
                else:
                    tags["surface"] = _surface(self.rng, old)
            tags["smoothness"] = _smoothness(self.rng, tags["surface"])
            tags.setdefault("width", _width(self.rng, kind))
            if self.rng.random() < 0.2:
                tags["width"] = _width(self.rng, kind)
            tags["incline"] = _incline(self.rng, part, old)
            tags["wheelchair"] = _wheelchair(
                tags["surface"], tags["smoothness"], tags.get("width"), tags["incline"], tags["highway"]
            )
            if self.rng.random() < 0.5:
                tags["wheelchair"] = None  # most ways are not tagged
            tags["lit"] = "yes" if old or self.rng.random() < 0.7 else None
            self.way(part, **tags)
            d0 = d1


def _edges(street_list):
    """Split streets at junctions: [(street, coords)] and the degree of every vertex."""
    degree = Counter()
    ends = set()
    for s in street_list:
        for a, b in zip(s.coords[:-1], s.coords[1:]):
            degree[a] += 1
            degree[b] += 1
        ends.add(s.coords[0])
        ends.add(s.coords[-1])
    edges = []
    for s in street_list:
        cur = [s.coords[0]]
        for v in s.coords[1:]:
            cur.append(v)
            if degree[v] != 2 or v in ends:
                edges.append((s, tuple(cur)))
                cur = [v]
        if len(cur) > 1:
            edges.append((s, tuple(cur)))
    return edges, degree


def _is_road(street):
    return street.highway in ROAD_HALF_WIDTH and street.name not in st._SUBURB_NAMES


@functools.lru_cache(maxsize=4)
def build(seed=0):
    """The network as plain data: {"ways": [(coords, tags)], "nodes": [...], "roads": [...]}."""
    b = _Builder(seed)
    rng = b.rng
    street_list = st.streets()
    edges, degree = _edges(street_list)

    # arms per junction node
    arms = defaultdict(list)  # node -> [(edge index, at_start)]
    for i, (_, coords) in enumerate(edges):
        arms[coords[0]].append((i, True))
        arms[coords[-1]].append((i, False))

    def offset_of(street):
        return ROAD_HALF_WIDTH[street.highway] + SIDEWALK_GAP

    # trim distance per (edge, end)
    trim = {}
    for node, node_arms in arms.items():
        roads = [edges[i][0] for i, _ in node_arms if _is_road(edges[i][0])]
        if not roads or len(node_arms) == 1:
            r = 0.0
        elif len(node_arms) == 2:
            r = 2.5
        else:
            o = max(offset_of(s) for s in roads)
            dirs = sorted(
                _angle(node, _point_at(edges[i][1], _cum(edges[i][1]), 8.0 if s else _cum(edges[i][1])[-1] - 8.0))
                for i, s in node_arms
            )
            gaps = [(dirs[(k + 1) % len(dirs)] - dirs[k]) % (2 * math.pi) for k in range(len(dirs))]
            gap = max(min(gaps), math.radians(20))
            r = min(30.0, o / math.tan(gap / 2) + 1.5) if gap < math.pi else o + 1.5
            r = max(r, o + 1.5)
        for i, at_start in node_arms:
            length = _cum(edges[i][1])[-1]
            trim[(i, at_start)] = min(r, 0.4 * length)

    # per edge: trimmed centre line and end points (left_out, right_out, X) at both ends
    end_points = {}
    sidewalk_base = {}
    for i, (s, coords) in enumerate(edges):
        length = _cum(coords)[-1]
        d0, d1 = trim[(i, True)], length - trim[(i, False)]
        centre = _substring(coords, d0, d1) if d1 - d0 > 0.05 else [coords[0], coords[-1]]
        mx, my = centre[len(centre) // 2]
        old = _old_town(mx, my, 1.02)
        if _is_road(s):
            o = offset_of(s)
            left, right = _offset(centre, o), _offset(centre, -o)
            end_points[(i, True)] = (left[0], right[0], centre[0])
            end_points[(i, False)] = (right[-1], left[-1], centre[-1])
            for side, line in (("left", left), ("right", right)):
                base = {
                    "name": None,
                    "highway": "footway",
                    "footway": "sidewalk",
                    "surface": _surface(rng, old),
                    "width": _width(rng, "sidewalk"),
                }
                sidewalk_base[(i, side)] = base
                b.linear(line, base, "sidewalk", old)
        else:
            end_points[(i, True)] = (centre[0], centre[0], None)
            end_points[(i, False)] = (centre[-1], centre[-1], None)
            highway = s.highway
            kind = "pedestrian" if highway == "pedestrian" else "street"
            base = {
                "name": s.name,
                "highway": highway,
                "sidewalk": "no" if highway in ("residential", "service") else None,
            }
            if highway in ("pedestrian", "living_street") and old:
                base["surface"] = _pick(rng, (("sett", 4), ("paving_stones", 3), ("cobblestone", 1)))
            b.linear(centre, base, kind, old, chunk=(40.0, 120.0))
        # carriageway for context
        b.roads.append(
            (
                [_r(c) for c in coords],
                {
                    "name": s.name,
                    "highway": s.highway,
                    "sidewalk": "separate" if _is_road(s) else "no",
                    "surface": "sett" if old and s.highway in ("pedestrian", "living_street") else "asphalt",
                    "maxspeed": None if s.highway in ("pedestrian", "footway") else ("20" if old else "50"),
                    "lanes": "2" if s.highway in ("secondary", "tertiary") else None,
                    "lit": "yes",
                },
            )
        )

    # junctions: corners between neighbouring arms, crossings over the road arms
    for node in sorted(arms):
        node_arms = arms[node]
        signals_here = None
        if len(node_arms) == 1:
            i, at_start = node_arms[0]
            if _is_road(edges[i][0]):
                lo, ro, x = end_points[(i, at_start)]
                b.way(
                    [lo, node, ro],
                    highway="footway",
                    footway="crossing",
                    crossing="unmarked",
                    kerb="lowered",
                    kerb_height="0.03",
                    surface="asphalt",
                )
            continue
        ordered = []
        for i, at_start in node_arms:
            coords = edges[i][1]
            cum = _cum(coords)
            probe = _point_at(coords, cum, min(8.0, cum[-1] / 2) if at_start else cum[-1] - min(8.0, cum[-1] / 2))
            ordered.append((_angle(node, probe), i, at_start))
        ordered.sort()
        n = len(ordered)
        for k in range(n):
            a0, i0, s0 = ordered[k]
            a1, i1, s1 = ordered[(k + 1) % n]
            p = end_points[(i0, s0)][0]  # left of arm k
            q = end_points[(i1, s1)][1]  # right of arm k+1
            if math.dist(p, q) < 0.02:
                continue
            gap = (a1 - a0) % (2 * math.pi) if n > 1 else 2 * math.pi
            corner = [p, q]
            if gap > math.pi * 1.05 and any(_is_road(edges[i][0]) for _, i, _ in ordered):
                bis = a0 + gap / 2
                o = max((offset_of(edges[i][0]) for _, i, _ in ordered if _is_road(edges[i][0])), default=3.0)
                dist = o / max(math.sin(gap / 2), 0.35)
                corner = [p, (node[0] + dist * math.cos(bis), node[1] + dist * math.sin(bis)), q]
            old = _old_town(*node, 1.02)
            b.way(corner, highway="footway", footway="sidewalk", surface=_surface(rng, old), lit="yes")
        if n < 3:
            continue
        major = any(edges[i][0].highway in ("secondary", "tertiary") for _, i, _ in ordered if _is_road(edges[i][0]))
        if major:
            signals_here = rng.random() < 0.45
        for _, i, at_start in ordered:
            s = edges[i][0]
            if not _is_road(s):
                continue
            lo, ro, x = end_points[(i, at_start)]
            if signals_here:
                crossing = "traffic_signals"
            elif s.highway in ("secondary", "tertiary"):
                crossing = _pick(rng, (("zebra", 3), ("uncontrolled", 2), ("unmarked", 3)))
            else:
                crossing = _pick(rng, (("unmarked", 6), ("uncontrolled", 2.5), ("zebra", 1.5)))
            sound = _pick(rng, (("yes", 6), ("no", 4))) if crossing == "traffic_signals" else None
            if crossing in ("traffic_signals", "zebra"):
                tactile = _pick(rng, (("yes", 6), ("no", 3), ("incorrect", 1)))
            else:
                tactile = _pick(rng, (("yes", 1.5), ("no", 7), ("incorrect", 0.3), (None, 1.5)))
            kerbs = [_kerb(rng, crossing == "traffic_signals") for _ in range(2)]
            # the worse kerb of the two ends describes the crossing way
            worst = max(kerbs, key=lambda k: {"raised": 3, "no": 2, None: 1, "lowered": 0, "flush": 0}[k[0]])
            common = {
                "highway": "footway",
                "footway": "crossing",
                "crossing": crossing,
                "traffic_signals_sound": sound,
                "tactile_paving": tactile,
                "surface": "asphalt",
                "width": _width(rng, "crossing"),
                "lit": "yes",
            }
            b.way([lo, x, ro], kerb=worst[0], kerb_height=worst[1], **common)
            b.node(
                x,
                highway="crossing",
                crossing=crossing,
                traffic_signals_sound=sound,
                tactile_paving=tactile,
                _street=s.name,
            )
            for pt, (kind, height) in zip((lo, ro), kerbs):
                b.node(
                    pt,
                    barrier="kerb",
                    kerb=kind,
                    kerb_height=height,
                    tactile_paving=tactile if tactile != "incorrect" else "no",
                    wheelchair="yes" if kind in ("lowered", "flush") else ("no" if kind == "raised" else None),
                )

    _node_crossing_ways(b)
    _add_steps(b)
    _add_station(b)
    _add_island(b)
    return {"ways": b.ways, "nodes": b.nodes, "roads": b.roads}


def _node_crossing_ways(b, cell=100.0):
    """Where two ways cross without a common vertex (rare, at tight junctions), add one to both."""
    from shapely.geometry import LineString, Point

    lines = [LineString(c) for c, _ in b.ways]
    buckets = defaultdict(list)
    for i, line in enumerate(lines):
        x0, y0, x1, y1 = line.bounds
        for cx in range(int(x0 // cell), int(x1 // cell) + 1):
            for cy in range(int(y0 // cell), int(y1 // cell) + 1):
                buckets[(cx, cy)].append(i)
    pairs = set()
    for members in buckets.values():
        for k, i in enumerate(members):
            for j in members[k + 1 :]:
                pairs.add((i, j) if i < j else (j, i))
    extra = defaultdict(list)
    for i, j in sorted(pairs):
        if not lines[i].crosses(lines[j]) or set(b.ways[i][0]) & set(b.ways[j][0]):
            continue
        inter = lines[i].intersection(lines[j])
        for g in getattr(inter, "geoms", [inter]):
            if g.geom_type == "Point":
                q = _r((g.x, g.y))
                extra[i].append(q)
                extra[j].append(q)
    for i, points in extra.items():
        coords, tags = b.ways[i]
        line = lines[i]
        cum = _cum(coords)
        items = [(c, 0, v) for c, v in zip(cum, coords)] + [(line.project(Point(q)), 1, q) for q in points]
        items.sort(key=lambda it: (it[0], it[1]))
        new = []
        for _, _, v in items:
            if not new or new[-1] != v:
                new.append(v)
        b.ways[i] = (new, tags)


def _split_way_at(b, target, highway_filter=None):
    """Split the way whose vertex is nearest to ``target``; return that vertex (a shared node)."""
    best = None
    for k, (coords, tags) in enumerate(b.ways):
        if highway_filter and tags.get("highway") not in highway_filter:
            continue
        for j, c in enumerate(coords):
            d = (c[0] - target[0]) ** 2 + (c[1] - target[1]) ** 2
            if best is None or d < best[0]:
                best = (d, k, j)
    _, k, j = best
    coords, tags = b.ways[k]
    if 0 < j < len(coords) - 1:
        b.ways[k] = (coords[: j + 1], tags)
        b.ways.append((coords[j:], dict(tags)))
    return coords[j]


def _cut(b, name, near, length, **tags):
    """Turn the piece of way ``name`` nearest to ``near`` (``length`` m long) into a new way with tags."""
    best = None
    for k, (coords, t) in enumerate(b.ways):
        if t.get("name") != name:
            continue
        for j in range(len(coords) - 1):
            mx = (coords[j][0] + coords[j + 1][0]) / 2
            my = (coords[j][1] + coords[j + 1][1]) / 2
            d = (mx - near[0]) ** 2 + (my - near[1]) ** 2
            if best is None or d < best[0]:
                best = (d, k)
    if best is None:
        return None
    k = best[1]
    coords, t = b.ways[k]
    cum = _cum(coords)
    if cum[-1] <= length + 1.0:
        b.ways[k] = (coords, {**t, **tags})
        return coords
    # centre the cut on the point of the way nearest to ``near``
    dists = [(c[0] - near[0]) ** 2 + (c[1] - near[1]) ** 2 for c in coords]
    centre = cum[int(np.argmin(dists))]
    d0 = min(max(centre - length / 2, 0.0), cum[-1] - length)
    d1 = d0 + length
    pieces = []
    if d0 > 0.05:
        pieces.append((_substring(coords, 0.0, d0), t))
    mid = [_r(c) for c in _substring(coords, d0, d1)]
    pieces.append((mid, {**t, **tags}))
    if cum[-1] - d1 > 0.05:
        pieces.append((_substring(coords, d1, cum[-1]), t))
    pieces = [([_r(c) for c in p], tg) for p, tg in pieces]
    # keep the shared cut vertices identical
    for a, c in zip(pieces[:-1], pieces[1:]):
        c[0][0] = a[0][-1]
    b.ways[k] = pieces[0]
    b.ways.extend(pieces[1:])
    return mid


_STEPS = {"highway": "steps", "surface": "stone", "handrail": "yes", "ramp": "no", "wheelchair": "no"}


def _add_steps(b):
    """Steps on the Dom hill and in some alleys, with and without ramps nearby."""
    dom = (437915.0, 5713735.0)
    # Petrikirchhof climbs to the Domplatz by steps; a ramp leads up from the Schüttinghof side.
    _cut(b, "Petrikirchhof", (dom[0] + 40.0, dom[1] - 8.0), 6.0, **_STEPS, step_count="8", incline="up", width="4")
    _cut(b, "Schüttinghof", (dom[0], dom[1] - 45.0), 12.0, highway="footway", incline="6%", ramp=None, wheelchair="yes")
    # Am Vreithof: steps, no ramp anywhere near.
    _cut(b, "Am Vreithof", (437865.0, 5713785.0), 5.0, **_STEPS, step_count="6", incline="down", width="2.5")
    # Alleys of the old town that are footways: steps in the middle, one of them with a ramp.
    alleys = []
    for s in st.streets():
        if s.highway == "footway" and s.name not in alleys:
            alleys.append(s.name)
    for k, name in enumerate(alleys[:4]):
        coords = next(c for c, t in b.ways if t.get("name") == name)
        mid = coords[len(coords) // 2]
        extra = {"ramp": "yes", "wheelchair": "yes", "step_count": "3"} if k == 1 else {"step_count": str(4 + k)}
        _cut(b, name, mid, 4.0, **{**_STEPS, **extra}, incline="up" if k % 2 else "down")


def _add_station(b):
    """Bahnhof: a step-free path to platform 1, and an underpass with steps only to platforms 2/3."""
    bx, by = st.BAHNHOF
    start1 = _split_way_at(b, (bx - 90.0, by - 30.0), {"footway"})
    p1_y = by + 25.0
    b.way(
        [start1, (start1[0], p1_y)],
        name="Bahnsteigzugang Gleis 1",
        highway="footway",
        surface="paving_stones",
        width="3",
        wheelchair="yes",
        incline="3%",
        tactile_paving="yes",
    )  # noqa: E501
    b.way(
        [(start1[0] - 60.0, p1_y), (start1[0], p1_y), (start1[0] + 110.0, p1_y)],
        name="Gleis 1",
        highway="platform",
        surface="paving_stones",
        width="4",
        tactile_paving="yes",
        wheelchair="yes",
    )  # noqa: E501
    start2 = _split_way_at(b, (bx + 70.0, by - 30.0), {"footway"})
    x = start2[0]
    top = (x, start2[1] + 10.0)
    bottom = (x, start2[1] + 16.0)
    north = (x, by + 62.0)
    b.way(
        [start2, top],
        name="Personenunterführung Bahnhof",
        highway="footway",
        surface="paving_stones",
        width="3",
        lit="yes",
    )  # noqa: E501
    b.way([top, bottom], name="Personenunterführung Bahnhof", **_STEPS, step_count="20", incline="down", width="3")
    b.way(
        [bottom, (x, north[1] - 6.0)],
        name="Personenunterführung Bahnhof",
        highway="footway",
        tunnel="yes",
        layer="-1",
        surface="concrete",
        width="3",
        lit="yes",
        incline="0%",
    )  # noqa: E501
    b.way(
        [(x, north[1] - 6.0), north],
        name="Personenunterführung Bahnhof",
        **_STEPS,
        step_count="20",
        incline="up",
        width="2.5",
    )  # noqa: E501
    b.way(
        [(x - 120.0, north[1]), north, (x + 80.0, north[1])],
        name="Gleis 2/3",
        highway="platform",
        surface="paving_stones",
        width="6",
        tactile_paving="yes",
    )  # noqa: E501


def _add_island(b):
    """A waiting area at the stop Kleppingweg that is not connected to any sidewalk."""
    stop = gtfs.stop("SOF_KW")
    street = st.street("Kleppingweg")
    coords = street.coords
    k = coords.index((stop.x, stop.y))
    a, c = coords[max(k - 1, 0)], coords[min(k + 1, len(coords) - 1)]
    ang = _angle(a, c)
    ux, uy = math.cos(ang), math.sin(ang)
    nx, ny = uy, -ux  # right of the direction of travel (the street runs from the LWL towards the town)
    side = 2.6  # between the kerb line and the sidewalk
    pts = [(stop.x + t * ux + side * nx, stop.y + t * uy + side * ny) for t in range(-15, 16, 5)]
    b.way(
        pts,
        name="Wartefläche Haltestelle Kleppingweg",
        highway="footway",
        surface="paving_stones",
        width="2",
        wheelchair="yes",
    )  # noqa: E501
    mid = pts[len(pts) // 2]
    b.way([mid, (mid[0] - 1.2 * nx, mid[1] - 1.2 * ny)], highway="footway", surface="paving_stones", width="ca. 1m")


def components(ways):
    """Connected components of a list of (coords, tags) as lists of way indexes, largest first."""
    parent = {}

    def find(a):
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for coords, _ in ways:
        for p, q in zip(coords[:-1], coords[1:]):
            rp, rq = find(p), find(q)
            if rp != rq:
                parent[rp] = rq
    groups = defaultdict(list)
    for k, (coords, _) in enumerate(ways):
        groups[find(coords[0])].append(k)
    return sorted(groups.values(), key=len, reverse=True)


# --------------------------------------------------------------------------- writing


def generate(out_dir, seed=0):
    """Write ``network.gpkg`` (layers roads, ways, nodes) and return its path."""
    from soest_qgis_plugin.common.atomic import atomic_path

    from . import gpkg

    data = build(seed)
    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(os.fspath(out_dir), FILENAME)
    layers = []
    for name, geometry, fields, base in (
        # roads first: tools that open the file without a layer name (GetLayer(0)) get named street lines
        ("roads", "line", ROAD_FIELDS, 300_000_000),
        ("ways", "line", TAG_FIELDS, 100_000_000),
        ("nodes", "point", NODE_FIELDS, 200_000_000),
    ):
        features = [(coords, {"osm_id": base + k + 1, **tags}) for k, (coords, tags) in enumerate(data[name])]
        layers.append((name, geometry, [("osm_id", "int64")] + [(f, "str") for f in fields], features))
    with atomic_path(target) as tmp:
        gpkg.write(tmp, layers)
    return target
