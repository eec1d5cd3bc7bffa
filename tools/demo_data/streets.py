"""Street centre lines of the Soest demo area (EPSG:25832), shared by every demo-data generator.

Sample data: real Soest street names on plausible, *generated* geometry (not official ALKIS/ATKIS
or OSM geometry). The old town is modelled as an ellipse inside the ring wall with radial streets
from the Markt to the gates, two inner ring lanes and connecting alleys; outside the wall the
shuttle corridor (Bahnhof – Hammer Weg – Feldmühlenweg – Hattroper Weg – LWL-Berufsbildungswerk,
back via Kleppingweg and Oelmüllerweg), the arterial roads and a few residential quarters.

All streets form one connected graph: wherever two streets meet or cross, both polylines carry
the identical vertex coordinate. ``streets()`` is a pure function (no randomness, no I/O).
"""

import functools
import math
from dataclasses import dataclass

AREA = (437000.0, 5711000.0, 440000.0, 5715000.0)  # xmin, ymin, xmax, ymax (EPSG:25832)
MARKT = (438056.0, 5713715.0)
BAHNHOF = (438260.0, 5714547.0)
LWL_BBW = (439235.0, 5712021.0)

POSTAL_CODE = "59494"
LOCALITY = "Soest"
GEMEINDESCHLUESSEL = "05974040"

# Old town ellipse (the ring wall): centre and half axes in metres.
OLD_TOWN_CENTRE = (438020.0, 5713690.0)
OLD_TOWN_AXES = (700.0, 620.0)

_SNAP = 3.0  # dangling street ends closer than this to another street are joined to it
_MERGE = 0.25  # vertices closer than this are the same node


@dataclass(frozen=True)
class Street:
    name: str
    highway: str
    coords: tuple  # ((x, y), ...)


# Gates of the ring wall: (angle in degrees from east, counter-clockwise), radial street inside,
# its highway class, and the road that continues outside the gate.
_GATES = (
    (72.0, "Walburgerstraße", "tertiary"),
    (30.0, "Osthofenstraße", "tertiary"),
    (-10.0, "Ulricherstraße", "tertiary"),
    (-50.0, "Grandweg", "tertiary"),
    (-95.0, "Thomästraße", "tertiary"),
    (-140.0, "Jakobistraße", "living_street"),
    (178.0, "Nöttenstraße", "residential"),
    (125.0, "Brüderstraße", "pedestrian"),
)

# Ring road sections between neighbouring gates, in the order of ascending gate angle
# (Jakobitor -> Thomätor -> Grandwegertor -> Ulrichertor -> Osthofentor -> Walburgertor -> Brüdertor -> Nöttentor).
_WALL_NAMES = (
    "Jakobiwall",
    "Thomäwall",
    "Grandwegerwall",
    "Ulricherwall",
    "Osthofenwall",
    "Walburgerwall",
    "Brüderwall",
    "Dasselwall",
)

_OLD_TOWN_NAMES = (
    "Hospitalgasse",
    "Kolkstraße",
    "Höggenstraße",
    "Puppenstraße",
    "Ritterstraße",
    "Kohlbrink",
    "Hoher Weg",
    "Siechenstraße",
    "Schonekindstraße",
    "Lentzestraße",
    "Sandwelle",
    "Steingraben",
    "Paulistraße",
    "Klosterstraße",
    "Propst-Nübel-Straße",
    "Niedergasse",
    "Hohe Gasse",
    "Wildemannsgasse",
    "Rosenstraße",
    "Magazingasse",
    "Teichsmühlengasse",
    "Marktgasse",
    "Loerbach",
    "Kesselfört",
    "Am Großen Teich",
    "Am Seel",
    "Widumgasse",
    "Damm",
    "Bischofstraße",
    "Heinsbergplatz",
    "Glasergasse",
    "Brunsteinstraße",
    "Filzenstraße",
    "Stiftstraße",
    "Tweelgasse",
    "Mühlenstraße",
    "Fischergasse",
    "Butterstraße",
    "Süderstraße",
    "Kaiserstraße",
    "Petristraße",
    "Dominikanerstraße",
    "Wiesenkirchhof",
    "Nikolaistraße",
    "Hellweggasse",
    "Burghofstraße",
    "Kohlgasse",
    "Gerbergasse",
    "Schmiedestraße",
    "Mauergasse",
    "Torgasse",
    "Zwiebelgasse",
)

_SUBURB_NAMES = (
    "Lindenstraße",
    "Overweg",
    "Opmünder Weg",
    "Lübecker Ring",
    "Riga-Ring",
    "Danziger Straße",
    "Eichendorffstraße",
    "Goethestraße",
    "Schillerstraße",
    "Lessingstraße",
    "Heinrich-Heine-Straße",
    "Uhlandstraße",
    "Herzog-Adolf-Straße",
    "Emdenstraße",
    "Wisbyring",
    "Bergenring",
    "Hiddingser Weg",
    "Meiningser Weg",
    "Ampener Weg",
    "Soestbachstraße",
    "Ardeyweg",
    "Sälzerweg",
    "Am Soestbach",
    "Im Wiesengrund",
    "Plaggenweg",
    "Birkenweg",
    "Erlenweg",
    "Ahornweg",
    "Buchenweg",
    "Eschenweg",
    "Ulmenweg",
    "Kastanienallee",
    "Fröbelstraße",
    "Pestalozzistraße",
    "Mozartstraße",
    "Beethovenstraße",
    "Händelstraße",
    "Brahmsweg",
    "Schubertstraße",
    "Haydnstraße",
    "Rosenweg",
    "Tulpenweg",
    "Nelkenweg",
    "Fliederweg",
    "Am Dreihausener Feld",
    "Hünenweg",
    "Am Ardey",
    "Sauerländer Weg",
    "Möhneweg",
    "Haarweg",
    "Lohner Weg",
    "Deiringser Weg",
    "Rüenstraße",
    "Borgeler Weg",
)


def _ellipse(angle_deg, scale):
    t = math.radians(angle_deg)
    cx, cy = OLD_TOWN_CENTRE
    a, b = OLD_TOWN_AXES
    return (cx + scale * a * math.cos(t), cy + scale * b * math.sin(t))


def _arc(a0, a1, scale, step=6.0):
    """Points on the scaled wall ellipse from angle a0 to a1 (degrees, a1 > a0)."""
    n = max(2, int(math.ceil((a1 - a0) / step)) + 1)
    return [_ellipse(a0 + (a1 - a0) * i / (n - 1), scale) for i in range(n)]


def _radial(angle, s0, s1, bend=0.0, step=40.0):
    """A slightly bent line from scale s0 to s1 along a gate angle."""
    p0, p1 = _ellipse(angle, s0), _ellipse(angle + bend, s1)
    length = math.dist(p0, p1)
    n = max(2, int(length // step) + 1)
    pts = []
    for i in range(n):
        f = i / (n - 1)
        s = s0 + (s1 - s0) * f
        pts.append(_ellipse(angle + bend * f + 4.0 * math.sin(math.pi * f) * (1 if bend >= 0 else -1), s))
    pts[0], pts[-1] = p0, p1
    return pts


def _densify(coords, step=25.0):
    out = [coords[0]]
    for (x0, y0), (x1, y1) in zip(coords[:-1], coords[1:]):
        n = max(1, int(math.ceil(math.hypot(x1 - x0, y1 - y0) / step)))
        for i in range(1, n + 1):
            out.append((x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n))
    return out


def _wiggle(coords, amplitude=2.5):
    """Smooth, position-dependent displacement: the same point always moves the same way, so
    meeting streets stay together and straight lines look hand-drawn."""
    out = []
    for x, y in coords:
        dx = amplitude * (math.sin(x * 0.011 + y * 0.004) + 0.5 * math.sin(y * 0.023 - x * 0.006))
        dy = amplitude * (math.cos(y * 0.012 - x * 0.005) + 0.5 * math.cos(x * 0.021 + y * 0.003))
        out.append((x + dx, y + dy))
    return out


def _rect(cx, cy, hw, hh):
    return [(cx - hw, cy - hh), (cx + hw, cy - hh), (cx + hw, cy + hh), (cx - hw, cy + hh), (cx - hw, cy - hh)]


def _grid(x0, y0, x1, y1, spacing, names, highway="residential"):
    """A residential quarter: east-west and north-south streets across a box."""
    out = []
    ny = int((y1 - y0) // spacing)
    nx = int((x1 - x0) // spacing)
    for i in range(1, ny + 1):
        y = y0 + i * (y1 - y0) / (ny + 1)
        out.append((next(names), highway, [(x0, y), ((x0 + x1) / 2, y + 6.0), (x1, y)]))
    for i in range(1, nx + 1):
        x = x0 + i * (x1 - x0) / (nx + 1)
        out.append((next(names), highway, [(x, y0), (x - 5.0, (y0 + y1) / 2), (x, y1)]))
    return out


def _raw_streets():
    """(name, highway, coords) before noding."""
    raw = []
    old_names = iter(_OLD_TOWN_NAMES)
    gate_angles = sorted(g[0] for g in _GATES)  # ascending

    # Ring road along the wall, one name per section between two gates.
    angles = gate_angles + [gate_angles[0] + 360.0]
    for i in range(len(gate_angles)):
        raw.append((_WALL_NAMES[i], "secondary", _arc(angles[i], angles[i + 1], 1.0)))

    # Two inner ring lanes and alleys between them, sector by sector.
    for i in range(len(gate_angles)):
        a0, a1 = angles[i], angles[i + 1]
        raw.append((next(old_names), "residential", _arc(a0, a1, 0.40)))
        raw.append((next(old_names), "residential", _arc(a0, a1, 0.70)))
        mid = (a0 + a1) / 2
        raw.append((next(old_names), "living_street", _radial(mid, 0.40, 0.70, bend=3.0)))
        third = (a1 - a0) / 3
        raw.append((next(old_names), "residential", _radial(a0 + third, 0.70, 1.0, bend=-2.0)))
        raw.append((next(old_names), "residential", _radial(a0 + 2 * third, 0.70, 1.0, bend=2.0)))
        if a1 - a0 > 40:  # wide sectors get an extra inner alley
            raw.append((next(old_names), "footway" if i % 2 else "living_street", _radial(mid + 9.0, 0.18, 0.40)))

    # Radial streets from the centre to the gates.
    for angle, name, highway in _GATES:
        raw.append((name, highway, _radial(angle, 0.17, 1.0, bend=4.0 if angle > 0 else -4.0)))

    # The centre: Markt, Domplatz and the streets around the Petrikirche.
    mx, my = MARKT
    raw.append(("Markt", "pedestrian", _rect(mx, my, 40.0, 28.0)))
    raw.append(("Domplatz", "pedestrian", _rect(437915.0, 5713735.0, 35.0, 35.0)))
    raw.append(("Petrikirchhof", "pedestrian", [(mx - 40.0, my - 3.0), (437985.0, 5713722.0), (437950.0, 5713728.0)]))
    raw.append(("Am Vreithof", "pedestrian", [(437880.0, 5713770.0), (437830.0, 5713830.0), (437760.0, 5713905.0)]))
    raw.append(("Rathausstraße", "pedestrian", [(mx, my + 28.0), (438062.0, 5713850.0), (438075.0, 5713990.0)]))
    raw.append(("Marktstraße", "pedestrian", [(mx + 40.0, my), (438200.0, 5713708.0), (438340.0, 5713700.0)]))
    raw.append(
        (
            "Schüttinghof",
            "pedestrian",
            [(mx - 15.0, my - 28.0), (438030.0, 5713600.0), (437915.0, 5713600.0), (437915.0, 5713700.0)],
        )
    )
    raw.append(("Kungelmarkt", "pedestrian", [(437915.0, 5713600.0), (437860.0, 5713520.0), (437800.0, 5713470.0)]))

    # Roads leaving the gates.
    walburg, osthofen, ulricher, grandweg, thomae, jakobi, noetten, brueder = (_ellipse(g[0], 1.0) for g in _GATES)
    raw.append(("Bahnhofstraße", "tertiary", [walburg, (438215.0, 5714380.0), (438240.0, 5714510.0)]))
    raw.append(("Bahnhofsplatz", "unclassified", [(438110.0, 5714510.0), (438240.0, 5714510.0), (438420.0, 5714510.0)]))
    hammer = [(438420.0, 5714510.0), (438700.0, 5714480.0), (439000.0, 5714430.0), (439250.0, 5714380.0)]
    hammer += [(439700.0, 5714330.0), (440000.0, 5714300.0)]
    raw.append(("Hammer Weg", "secondary", hammer))
    raw.append(("Osthofenstraße", "tertiary", [osthofen, (438720.0, 5714150.0), (438790.0, 5714465.0)]))
    feld = [(439250.0, 5714380.0), (439300.0, 5713800.0), (439320.0, 5713200.0), (439290.0, 5712850.0)]
    feld.append((439270.0, 5712600.0))
    raw.append(("Feldmühlenweg", "residential", feld))
    hattrop = [grandweg, (438700.0, 5713000.0), (438980.0, 5712800.0), (439270.0, 5712600.0)]
    hattrop += [(439260.0, 5712300.0), LWL_BBW, (439250.0, 5711600.0), (439300.0, 5711000.0)]
    raw.append(("Hattroper Weg", "tertiary", hattrop))
    klepping = [LWL_BBW, (439000.0, 5712050.0), (438800.0, 5712200.0), (438650.0, 5712450.0)]
    raw.append(("Kleppingweg", "residential", klepping))
    oel = [(438650.0, 5712450.0), (438700.0, 5712900.0), (438880.0, 5713400.0), (438950.0, 5714000.0)]
    oel.append((439000.0, 5714430.0))
    raw.append(("Oelmüllerweg", "residential", oel))
    raw.append(("Niederbergheimer Straße", "secondary", [ulricher, (439300.0, 5713500.0), (440000.0, 5713450.0)]))
    raw.append(
        (
            "Arnsberger Straße",
            "secondary",
            [thomae, (437950.0, 5712500.0), (437980.0, 5711800.0), (438000.0, 5711000.0)],
        )
    )
    raw.append(("Paradieser Weg", "tertiary", [jakobi, (437200.0, 5713000.0), (437000.0, 5712800.0)]))
    raw.append(("Wiesenstraße", "residential", [noetten, (437150.0, 5713730.0), (437000.0, 5713720.0)]))
    raw.append(("Am Brüdertor", "tertiary", [brueder, (437400.0, 5714450.0), (437200.0, 5714700.0)]))
    raw.append(("Werkstattweg", "service", [(439235.0, 5712021.0), (439400.0, 5712030.0), (439420.0, 5712200.0)]))

    # Residential quarters outside the wall; every one is crossed by an arterial road.
    sub = iter(_SUBURB_NAMES)
    raw += _grid(439300.0, 5713440.0, 439960.0, 5714380.0, 125.0, sub)  # between Hammer Weg and Niederbergheimer
    raw += _grid(437050.0, 5712250.0, 437965.0, 5712960.0, 125.0, sub)  # Paradieser Weg / Arnsberger Straße
    raw += _grid(437940.0, 5711850.0, 438870.0, 5712420.0, 115.0, sub)  # Arnsberger Straße / Kleppingweg
    raw += _grid(437100.0, 5714300.0, 437820.0, 5714950.0, 125.0, sub)  # north-west, Am Brüdertor
    return raw


def _near(lines, bounds):
    """Indexes of lines whose bounding box overlaps ``bounds`` (shapely 1.8 and 2 alike)."""
    x0, y0, x1, y1 = bounds
    out = []
    for j, line in enumerate(lines):
        a0, b0, a1, b1 = line.bounds
        if a0 <= x1 and a1 >= x0 and b0 <= y1 and b1 >= y0:
            out.append(j)
    return out


def _node(raw):
    """Insert shared vertices where streets cross, join dangling ends, merge near-identical vertices."""
    from shapely.geometry import LineString, Point

    lines = [LineString(c) for _, _, c in raw]
    extra = [[] for _ in lines]  # points to insert per line

    # Join dangling ends lying close to another street (T-junctions).
    ends = [[tuple(c[0]), tuple(c[-1])] for _, _, c in raw]
    for i in range(len(lines)):
        for k in (0, 1):
            p = Point(ends[i][k])
            best = None
            for j in _near(lines, p.buffer(_SNAP).bounds):
                if j == i:
                    continue
                d = lines[j].distance(p)
                if d <= _SNAP and (best is None or d < best[0]):
                    best = (d, j)
            if best is None:
                continue
            j = best[1]
            q = lines[j].interpolate(lines[j].project(p))
            q = (round(q.x, 2), round(q.y, 2))
            ends[i][k] = q
            extra[j].append(q)
    coords = []
    for i, (_, _, c) in enumerate(raw):
        c = [tuple(v) for v in c]
        c[0], c[-1] = ends[i][0], ends[i][-1]
        coords.append(c)
    lines = [LineString(c) for c in coords]
    # Crossings.
    for i, line in enumerate(lines):
        for j in _near(lines, line.bounds):
            if j <= i:
                continue
            inter = line.intersection(lines[j])
            if inter.is_empty:
                continue
            geoms = getattr(inter, "geoms", [inter])
            for g in geoms:
                pts = [g] if g.geom_type == "Point" else [Point(v) for v in g.coords]
                for p in pts:
                    q = (round(p.x, 2), round(p.y, 2))
                    extra[i].append(q)
                    extra[j].append(q)
    # Insert the extra points in order along each line.
    noded = []
    for i, c in enumerate(coords):
        line = lines[i]
        items = []
        cum = 0.0
        for k, v in enumerate(c):
            if k:
                cum += math.dist(c[k - 1], v)
            items.append((cum, 0, v))
        for q in extra[i]:
            items.append((line.project(Point(q)), 1, q))
        items.sort(key=lambda t: (t[0], t[1]))
        noded.append([(round(v[0], 2), round(v[1], 2)) for _, _, v in items])
    # Merge vertices that are practically the same point (first seen wins).
    canon = {}
    cells = {}
    out = []
    for c in noded:
        new = []
        for v in c:
            if v in canon:
                w = canon[v]
            else:
                cx, cy = int(v[0] // 1.0), int(v[1] // 1.0)
                w = v
                for ddx in (-1, 0, 1):
                    for ddy in (-1, 0, 1):
                        for u in cells.get((cx + ddx, cy + ddy), ()):
                            if math.dist(u, v) <= _MERGE:
                                w = u
                                break
                        if w is not v:
                            break
                    if w is not v:
                        break
                if w is v:
                    cells.setdefault((cx, cy), []).append(v)
                canon[v] = w
            if not new or new[-1] != w:
                new.append(w)
        out.append(tuple(new))
    return out


@functools.lru_cache(maxsize=1)
def _streets():
    raw = []
    for name, highway, coords in _raw_streets():
        raw.append((name, highway, _wiggle(_densify(coords))))
    noded = _node(raw)
    return tuple(Street(name, highway, c) for (name, highway, _), c in zip(raw, noded) if len(c) >= 2)


def streets():
    """All demo streets (list of Street, coordinates in EPSG:25832, rounded to cm)."""
    return list(_streets())


def street(name):
    """The first street with this name (KeyError if none)."""
    for s in _streets():
        if s.name == name:
            return s
    raise KeyError(name)


def components(street_list=None):
    """Connected components of the street graph as lists of street indexes (largest first)."""
    street_list = streets() if street_list is None else street_list
    parent = {}

    def find(a):
        while parent.setdefault(a, a) != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for s in street_list:
        for a, b in zip(s.coords[:-1], s.coords[1:]):
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[ra] = rb
    groups = {}
    for i, s in enumerate(street_list):
        groups.setdefault(find(s.coords[0]), []).append(i)
    return sorted(groups.values(), key=len, reverse=True)
