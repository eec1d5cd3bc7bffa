"""Soest demo LoD2 buildings as NRW-format CityGML 1.0 tiles (generated sample data, not Geobasis NRW).

API
---
``generate(out_dir, seed=20211, count=None, tiles=None, feedback=None) -> list[str]``
    Write 1 km tiles ``LoD2_32_<E km>_<N km>_1_NW.gml`` covering ``streets.AREA`` into ``out_dir``
    and return their paths (sorted by name). ``tiles`` limits the output to some tiles (names
    like ``"LoD2_32_438_5713_1_NW"`` or ``(438, 5713)`` tuples); ``count`` keeps only the first
    ``count`` buildings (in plan order) of the written tiles. The plan (placement, ids,
    addresses) is always made for the whole city, so a building looks the same whatever subset is
    written. Same seed -> same bytes. A tile without buildings is written like the real empty
    NRW tiles (envelope with ``NaN`` heights). ``feedback`` (QgsProcessingFeedback-like) gets
    progress per tile; cancelling raises ``common.errors.Cancelled`` and keeps finished tiles
    (each tile is written atomically, never half).
``plan(seed=20211) -> list[BuildingPlan]``
    The 2D building plan (gml_id, function, name, address, parts with their footprints).
``building_footprints(seed=20211) -> list[dict]``
    One dict per building: ``gml_id``, ``function``, ``street``, ``number``, ``name``,
    ``footprint`` (list of rings, one per part, each a list of (x, y)) and ``tile``.
``tile_name(e_km, n_km)``, ``tile_of(x, y)``, ``TILE_NAMES``.

Structure (as in the real NRW tiles in ``../shared/fixtures/citygml``): AdV namespaces and
schema locations, ``core:CityModel`` with ``gml:name`` and ``gml:boundedBy/gml:Envelope``
(``srsName="urn:adv:crs:ETRS89_UTM32*DE_DHHN2016_NH*GCG2016"``, srsDimension 3, tile corners in x/y,
min/max height in z), one ``core:cityObjectMember/bldg:Building`` per building with
``core:creationDate``, ``core:externalReference``, ``gen:stringAttribute`` (DatenquelleDachhoehe,
Geometrietyp2DReferenz, Gemeindeschluessel 05974040, DatenquelleBodenhoehe, DatenquelleLage,
Grundrissaktualitaet), ``bldg:function`` (ALKIS ``31001_xxxx``), ``bldg:roofType`` (AdV code),
``bldg:measuredHeight uom="urn:adv:uom:m"``, ``bldg:lod2Solid`` whose CompositeSurface refers by
``xlink:href`` to the polygons of the ``bldg:boundedBy`` Wall/Roof/Ground/ClosureSurfaces,
``bldg:lod2TerrainIntersection`` (one LineString per footprint edge, points where the edge crosses
the 1 m grid), and an xAL address. About 10 % of the buildings consist of two
``bldg:BuildingPart`` (house + annex, church nave + tower) whose touching faces are ClosureSurfaces.

Geometry: ground height = lowest ``terrain.ground_height`` along the footprint outline (i.e. the
minimum z of the terrain intersection curve of all parts), absolute heights in DHHN2016;
``measuredHeight`` = highest roof point - ground height. Every solid is a closed shell, every
edge used exactly twice in opposite directions (T-junctions at part contacts are resolved by
inserting the vertex into both edges), all polygons planar and oriented outwards
(ground surfaces face down). Coordinates are written with mm precision.

Deliberate differences from real NRW data: back houses have numbers like ``12a``; addresses
carry an ``xAL:PostalCode`` (59494) in the locality; ids are random but valid ALKIS-like
``DENW39AL...`` identifiers.
"""

import math
import random
import uuid
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from . import streets as _streets
from . import terrain as _terrain

TILE_SIZE = 1000.0
SRS_NAME = "urn:adv:crs:ETRS89_UTM32*DE_DHHN2016_NH*GCG2016"
DEFAULT_SEED = 20211

AREA = _streets.AREA
GEMEINDESCHLUESSEL = getattr(_streets, "GEMEINDESCHLUESSEL", "05974040")
POSTAL_CODE = getattr(_streets, "POSTAL_CODE", "59494")
LOCALITY = getattr(_streets, "LOCALITY", "Soest")
OLD_TOWN_CENTRE = getattr(_streets, "OLD_TOWN_CENTRE", (438020.0, 5713690.0))
OLD_TOWN_AXES = getattr(_streets, "OLD_TOWN_AXES", (700.0, 620.0))

# AdV roof types used here.
FLAT, SHED, GABLE, HIP, HALF_HIP, MANSARD, PYRAMID, TOWER = 1000, 2100, 3100, 3200, 3300, 3400, 3500, 4000

# ALKIS building functions used here (31001_...).
WOHNHAUS = "31001_1010"
WOHN_GESCHAEFT = "31001_1120"  # Wohngebäude mit Handel und Dienstleistungen
GEWERBE = "31001_2000"
HANDEL = "31001_2010"
BUERO = "31001_2020"
GESCHAEFT = "31001_2050"
HOTEL = "31001_2071"
GASTSTAETTE = "31001_2081"
PRODUKTION = "31001_2110"
LAGERHALLE = "31001_2143"
GARAGE = "31001_2463"
SCHUPPEN = "31001_2723"
OEFFENTLICH = "31001_3000"
VERWALTUNG = "31001_3010"
RATHAUS = "31001_3012"
SCHULE = "31001_3021"
BERUFSSCHULE = "31001_3022"
KIRCHE = "31001_3041"
KINDERGARTEN = "31001_3065"
BAHNHOF = "31001_3091"

_NS = (
    'xmlns="http://www.opengis.net/citygml/1.0" xmlns:core="http://www.opengis.net/citygml/1.0" '
    'xmlns:gen="http://www.opengis.net/citygml/generics/1.0" '
    'xmlns:grp="http://www.opengis.net/citygml/cityobjectgroup/1.0" '
    'xmlns:app="http://www.opengis.net/citygml/appearance/1.0" '
    'xmlns:bldg="http://www.opengis.net/citygml/building/1.0" xmlns:gml="http://www.opengis.net/gml" '
    'xmlns:xAL="urn:oasis:names:tc:ciq:xsdschema:xAL:2.0" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.opengis.net/citygml/1.0 '
    "http://repository.gdi-de.org/schemas/adv/citygml/1.0/cityGMLBaseLoD2.xsd "
    "http://www.opengis.net/citygml/building/1.0 "
    "http://repository.gdi-de.org/schemas/adv/citygml/building/1.0/buildingLoD2.xsd "
    "http://www.opengis.net/citygml/appearance/1.0 "
    "http://repository.gdi-de.org/schemas/adv/citygml/appearance/1.0/appearanceLoD2.xsd "
    "http://www.opengis.net/citygml/generics/1.0 "
    "http://repository.gdi-de.org/schemas/adv/citygml/generics/1.0/genericsLoD2.xsd "
    "http://www.opengis.net/citygml/cityobjectgroup/1.0 "
    'http://repository.gdi-de.org/schemas/adv/citygml/cityobjectgroup/1.0/cityObjectGroupLoD2.xsd"'
)
_INFO_SYSTEM = "http://repository.gdi-de.org/schemas/adv/citygml/fdv/art.htm#_9100"
_CREATION_DATE = "2023-03-17"
_GRUNDRISS_DATES = ("2020-07-01", "2021-04-01", "2022-01-01", "2022-07-01")
_KIND_TAG = {"W": "WallSurface", "R": "RoofSurface", "G": "GroundSurface", "C": "ClosureSurface"}
_ID_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


# --------------------------------------------------------------------------------------------
# Tiles
# --------------------------------------------------------------------------------------------


def tile_name(e_km, n_km):
    return "LoD2_32_{}_{}_1_NW".format(int(e_km), int(n_km))


def tile_of(x, y):
    """(E km, N km) of the 1 km tile holding the point."""
    return int(math.floor(x / TILE_SIZE)), int(math.floor(y / TILE_SIZE))


def _all_tiles():
    xmin, ymin, xmax, ymax = AREA
    out = []
    for e in range(int(xmin // TILE_SIZE), int(math.ceil(xmax / TILE_SIZE))):
        for n in range(int(ymin // TILE_SIZE), int(math.ceil(ymax / TILE_SIZE))):
            out.append((e, n))
    return out


TILE_NAMES = tuple(tile_name(e, n) for e, n in _all_tiles())


# --------------------------------------------------------------------------------------------
# Plan (2D)
# --------------------------------------------------------------------------------------------


@dataclass
class Block:
    """A rectangular part in a local frame: u along ``ex`` (ridge direction), v along ``ey``.

    World point = origin + u * ex + v * ey; the block covers u in [0, length], v in [0, depth]
    (``u0`` shifts the block along u, used for towers in front of a nave).
    """

    origin: tuple
    ex: tuple
    ey: tuple
    length: float
    depth: float
    roof: int
    eaves: float  # above ground
    ridge: float  # above ground (== eaves for flat roofs)
    u0: float = 0.0
    v0: float = 0.0

    def world(self, u, v):
        ox, oy = self.origin
        return (ox + u * self.ex[0] + v * self.ey[0], oy + u * self.ex[1] + v * self.ey[1])

    def corners(self):
        u0, v0 = self.u0, self.v0
        u1, v1 = u0 + self.length, v0 + self.depth
        return [self.world(u0, v0), self.world(u1, v0), self.world(u1, v1), self.world(u0, v1)]


@dataclass
class BuildingPlan:
    gml_id: str
    function: str
    blocks: list  # list of Block (one per BuildingPart; one block = no parts)
    kind: str = "simple"  # simple | annex | church
    name: str = None
    street: str = None
    number: str = None
    side: int = 0
    station: float = 0.0
    tile: tuple = None
    grundriss: str = _GRUNDRISS_DATES[0]
    extra: dict = field(default_factory=dict)

    def centroid(self):
        area = cx = cy = 0.0
        for b in self.blocks:
            a = b.length * b.depth
            x, y = b.world(b.u0 + b.length / 2, b.v0 + b.depth / 2)
            area += a
            cx += a * x
            cy += a * y
        return cx / area, cy / area


def _old_town_factor(x, y):
    (cx, cy), (ax, ay) = OLD_TOWN_CENTRE, OLD_TOWN_AXES
    return math.hypot((x - cx) / ax, (y - cy) / ay)


_HALF_WIDTH = {
    "primary": 7.5,
    "secondary": 6.5,
    "tertiary": 5.5,
    "residential": 4.5,
    "living_street": 3.5,
    "pedestrian": 4.0,
    "unclassified": 4.5,
    "service": 3.0,
    "footway": 1.5,
    "steps": 1.5,
    "path": 1.2,
    "cycleway": 1.5,
}
_BUILDABLE = {"primary", "secondary", "tertiary", "residential", "living_street", "pedestrian", "unclassified"}


class _Occupancy:
    """Placed footprints in a 40 m grid; candidates must not overlap them or the street corridors."""

    CELL = 40.0

    def __init__(self, corridor):
        from shapely import prepared

        self.corridor = prepared.prep(corridor)
        self.cells = {}

    def _keys(self, bounds):
        x0, y0, x1, y1 = bounds
        c = self.CELL
        for i in range(int(x0 // c), int(x1 // c) + 1):
            for j in range(int(y0 // c), int(y1 // c) + 1):
                yield i, j

    @staticmethod
    def _bounds(ring):
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        return min(xs), min(ys), max(xs), max(ys)

    def free(self, polys):
        from shapely.geometry import Polygon

        xmin, ymin, xmax, ymax = AREA
        boxes = [self._bounds(ring) for ring in polys]
        for x0, y0, x1, y1 in boxes:
            if not (xmin + 2 <= x0 and x1 <= xmax - 2 and ymin + 2 <= y0 and y1 <= ymax - 2):
                return False
        for ring, box in zip(polys, boxes):
            poly = Polygon(ring)
            if self.corridor.intersects(poly):
                return False
            shrunk = None
            x0, y0, x1, y1 = box
            for key in self._keys(box):
                for (a0, b0, a1, b1), other in self.cells.get(key, ()):
                    if a0 > x1 or a1 < x0 or b0 > y1 or b1 < y0:
                        continue
                    if shrunk is None:
                        shrunk = poly.buffer(-0.05, join_style=2)
                    if shrunk.intersects(other):
                        return False
        return True

    def add(self, polys):
        from shapely.geometry import Polygon

        for ring in polys:
            box = self._bounds(ring)
            item = (box, Polygon(ring))
            for key in self._keys(box):
                self.cells.setdefault(key, []).append(item)


def _corridor(street_list):
    from shapely.geometry import LineString, Polygon
    from shapely.ops import unary_union

    parts = []
    for s in street_list:
        hw = _HALF_WIDTH.get(s.highway, 3.0)
        coords = list(s.coords)
        parts.append(LineString(coords).buffer(hw, cap_style=2 if len(coords) > 1 else 1))
        if len(coords) >= 4 and math.dist(coords[0], coords[-1]) < 0.5:  # a square (Markt, Domplatz)
            parts.append(Polygon(coords).buffer(hw))
    return unary_union(parts)


class _Ids:
    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def building(self):
        while True:
            tail = "".join(self.rng.choice(_ID_CHARS) for _ in range(4))
            gid = "DENW39AL000" + self.rng.choice("0012") + tail
            if gid not in self.used:
                self.used.add(gid)
                return gid


def _choice(rng, weighted):
    total = sum(w for _, w in weighted)
    r = rng.random() * total
    for item, w in weighted:
        r -= w
        if r <= 0:
            return item
    return weighted[-1][0]


def _roof_height(rng, roof, span, eaves):
    """Ridge height above ground for a roof over ``span`` metres (across the ridge)."""
    if roof == FLAT:
        return eaves
    if roof == SHED:
        return eaves + span * math.tan(math.radians(rng.uniform(8, 18)))
    pitch = math.radians(rng.uniform(35, 52) if roof != HIP else rng.uniform(28, 42))
    return eaves + span / 2 * math.tan(pitch)


def _house_blocks(rng, origin, ex, ey, width, depth, roof, eaves, eaves_side=True):
    """One block for a house; ``eaves_side`` = ridge parallel to the street (traufständig)."""
    if eaves_side:
        block = Block(origin, ex, ey, width, depth, roof, eaves, _roof_height(rng, roof, depth, eaves))
    else:  # ridge perpendicular to the street (giebelständig): swap the frame
        block = Block(origin, ey, ex, depth, width, roof, eaves, _roof_height(rng, roof, width, eaves))
    if roof == HIP and block.length < block.depth + 1.0:
        block.roof = PYRAMID
    if roof == HALF_HIP and block.length < block.depth * 0.9:
        block.roof = GABLE
    return block


def _annex(rng, house):
    """A low annex behind an eaves-side house (touching its rear wall at v = depth)."""
    length = house.length
    if length < 6.0 or house.eaves < 4.5:
        return None
    w = rng.uniform(3.0, min(7.0, length - 2.0))
    a = rng.uniform(0.8, length - w - 0.8)
    d = rng.uniform(3.0, 5.5)
    roof = FLAT if rng.random() < 0.6 else SHED
    h = min(rng.uniform(2.8, 3.6), house.eaves - 0.8)
    # The annex's own frame: u along the house's rear wall, v towards the house (v = d touches it),
    # so that a shed roof (high side at v = d) leans against the house.
    origin = house.world(a, house.depth + d)
    ey = (-house.ey[0], -house.ey[1])
    if roof == SHED:
        return Block(origin, house.ex, ey, w, d, SHED, h - rng.uniform(0.5, 0.9), h)
    return Block(origin, house.ex, ey, w, d, FLAT, h, h)


def plan(seed=DEFAULT_SEED):
    """The deterministic 2D plan of all demo buildings (list of BuildingPlan)."""
    rng = random.Random(seed)
    ids = _Ids(random.Random(seed * 7 + 1))
    street_list = _streets.streets()
    occ = _Occupancy(_corridor(street_list))
    plans = []

    def add(bp):
        occ.add([b.corners() for b in bp.blocks])
        bp.grundriss = rng.choice(_GRUNDRISS_DATES)
        plans.append(bp)

    _place_landmarks(rng, ids, occ, street_list, add)
    _place_streets(rng, ids, occ, street_list, add)
    _place_halls(rng, ids, occ, street_list, add)
    _number(plans, street_list)
    for bp in plans:
        bp.tile = tile_of(*bp.centroid())
    return plans


def _nearest_street(street_list, x, y, max_dist=90.0):
    from shapely.geometry import LineString, Point

    p = Point(x, y)
    best = None
    for s in street_list:
        if s.highway not in _BUILDABLE:
            continue
        line = LineString(s.coords)
        d = line.distance(p)
        if d <= max_dist and (best is None or d < best[0]):
            best = (d, s, line)
    if best is None:
        return None
    _, s, line = best
    t = line.project(p)
    a = line.interpolate(max(0.0, t - 1.0))
    b = line.interpolate(min(line.length, t + 1.0))
    dx, dy = b.x - a.x, b.y - a.y
    n = math.hypot(dx, dy) or 1.0
    ex = (dx / n, dy / n)
    q = line.interpolate(t)
    side = 1 if (ex[0] * (y - q.y) - ex[1] * (x - q.x)) > 0 else -1
    return s, ex, side, t


def _try_place(occ, make, cx, cy, rng, radius=160.0):
    """Try ``make(cx', cy')`` at points spiralling out from (cx, cy); first free one wins."""
    for k in range(0, 400):
        r = 4.0 * math.sqrt(k)
        if r > radius:
            break
        a = k * 2.399963
        bp = make(cx + r * math.cos(a), cy + r * math.sin(a))
        if bp is not None and occ.free([b.corners() for b in bp.blocks]):
            return bp
    return None


def _centred_block(cx, cy, ex, length, depth, roof, eaves, ridge):
    ey = (-ex[1], ex[0])
    origin = (cx - ex[0] * length / 2 - ey[0] * depth / 2, cy - ex[1] * length / 2 - ey[1] * depth / 2)
    return Block(origin, ex, ey, length, depth, roof, eaves, ridge)


_CHURCHES = (
    ("St. Patrokli", 437905.0, 5713800.0, 58.0, 22.0, 72.0),
    ("St. Petri", 437985.0, 5713760.0, 44.0, 20.0, 55.0),
    ("St. Maria zur Wiese", 438150.0, 5714060.0, 46.0, 24.0, 78.0),
    ("St. Maria zur Höhe", 438330.0, 5713600.0, 34.0, 18.0, 38.0),
    ("St. Pauli", 438210.0, 5713450.0, 42.0, 19.0, 52.0),
    ("St. Thomä", 437700.0, 5713560.0, 36.0, 17.0, 46.0),
)


def _church(cx, cy, ex, nave_len, nave_w, tower_top, rng_state):
    rng = random.Random(rng_state)
    eaves = rng.uniform(12.0, 15.0)
    ridge = eaves + nave_w / 2 * math.tan(math.radians(50))
    nave = _centred_block(cx, cy, ex, nave_len, nave_w, GABLE, eaves, ridge)
    tw = min(nave_w - 4.0, rng.uniform(9.0, 11.5))
    t_eaves = max(ridge + 6.0, tower_top * 0.62)
    # Tower in front of the nave's u = 0 gable end, centred across the nave.
    tower = Block(nave.origin, nave.ex, nave.ey, tw, tw, TOWER, t_eaves, tower_top, u0=-tw, v0=(nave_w - tw) / 2)
    return [nave, tower]


def _place_landmarks(rng, ids, occ, street_list, add):
    # Churches: nave + tower as two BuildingParts.
    for name, x, y, nave_len, nave_w, top in _CHURCHES:
        state = rng.random()
        ns = _nearest_street(street_list, x, y, 200.0)
        ex = (1.0, 0.0) if ns is None else ns[1]

        def make(px, py, nave_len=nave_len, nave_w=nave_w, top=top, state=state, ex=ex):
            return BuildingPlan("", KIRCHE, _church(px, py, ex, nave_len, nave_w, top, state), kind="church")

        bp = _try_place(occ, make, x, y, rng)
        if bp is not None:
            bp.gml_id, bp.name = ids.building(), name
            add(bp)
    mx, my = getattr(_streets, "MARKT", (438056.0, 5713715.0))
    singles = [
        ("Rathaus", RATHAUS, mx, my + 55.0, 32.0, 16.0, HIP, 13.0),
        ("Bahnhof Soest", BAHNHOF, *getattr(_streets, "BAHNHOF", (438260.0, 5714547.0)), 62.0, 15.0, HIP, 10.0),
        ("Stadthaus", VERWALTUNG, mx + 120.0, my + 90.0, 40.0, 15.0, FLAT, 12.5),
        ("Conrad-von-Soest-Gymnasium", SCHULE, 437600.0, 5713850.0, 55.0, 16.0, FLAT, 11.0),
        ("Archigymnasium", SCHULE, 438400.0, 5713900.0, 50.0, 15.0, GABLE, 11.5),
        ("Marienkrankenhaus", "31001_3051", 438600.0, 5713450.0, 70.0, 18.0, FLAT, 19.0),
        ("Kindergarten", KINDERGARTEN, 439600.0, 5713900.0, 26.0, 14.0, SHED, 4.0),
        ("Kindergarten", KINDERGARTEN, 437450.0, 5712600.0, 24.0, 13.0, SHED, 4.0),
    ]
    bx, by = getattr(_streets, "LWL_BBW", (439235.0, 5712021.0))
    for k, (dx, dy, length, depth) in enumerate(
        ((90, -60, 60, 16), (95, 40, 45, 14), (-70, -80, 50, 15), (40, -130, 70, 22))
    ):
        singles.append(
            (
                "LWL-Berufsbildungswerk" if k == 0 else None,
                BERUFSSCHULE,
                bx + dx,
                by + dy,
                length,
                depth,
                FLAT,
                8.0 + 3 * (k % 2),
            )
        )
    for name, func, x, y, length, depth, roof, eaves in singles:
        state = rng.random()
        ns = _nearest_street(street_list, x, y, 250.0)
        ex = (1.0, 0.0) if ns is None else ns[1]

        def make(px, py, length=length, depth=depth, roof=roof, eaves=eaves, func=func, state=state, ex=ex):
            r = random.Random(state)
            ridge = _roof_height(r, roof, depth, eaves)
            return BuildingPlan("", func, [_centred_block(px, py, ex, length, depth, roof, eaves, ridge)])

        bp = _try_place(occ, make, x, y, rng)
        if bp is not None:
            bp.gml_id, bp.name = ids.building(), name
            add(bp)


def _place_halls(rng, ids, occ, street_list, add):
    """A few big halls outside the ring (commercial/industrial area)."""
    spots = (
        (439550.0, 5714150.0),
        (439750.0, 5714150.0),
        (439650.0, 5713250.0),
        (439850.0, 5713250.0),
        (438500.0, 5714700.0),
        (438750.0, 5714650.0),
        (439500.0, 5711500.0),
        (438700.0, 5711700.0),
        (437300.0, 5711700.0),
    )
    for x, y in spots:
        length, depth = rng.uniform(45, 95), rng.uniform(22, 42)
        roof = _choice(rng, ((FLAT, 5), (SHED, 2), (GABLE, 2)))
        eaves = rng.uniform(7.0, 11.0)
        func = _choice(rng, ((LAGERHALLE, 3), (PRODUKTION, 3), (GEWERBE, 2), (HANDEL, 1)))
        state = rng.random()
        ns = _nearest_street(street_list, x, y, 400.0)
        ex = (1.0, 0.0) if ns is None else ns[1]

        def make(px, py, length=length, depth=depth, roof=roof, eaves=eaves, func=func, state=state, ex=ex):
            r = random.Random(state)
            ridge = eaves + (depth * math.tan(math.radians(r.uniform(4, 8))) if roof == SHED else 0.0)
            if roof == GABLE:
                ridge = eaves + depth / 2 * math.tan(math.radians(r.uniform(10, 16)))
            return BuildingPlan("", func, [_centred_block(px, py, ex, length, depth, roof, eaves, ridge)])

        bp = _try_place(occ, make, x, y, rng, radius=220.0)
        if bp is not None:
            bp.gml_id = ids.building()
            add(bp)


def _street_pieces(street_list):
    """Streets to build along, in a deterministic order, with their station offset per name."""
    pieces = [s for s in street_list if s.highway in _BUILDABLE and len(s.coords) >= 2]
    mx, my = getattr(_streets, "MARKT", (438056.0, 5713715.0))
    pieces.sort(key=lambda s: (s.name, math.dist(s.coords[0], (mx, my)), s.coords))
    offset = {}
    out = []
    for s in pieces:
        length = sum(math.dist(a, b) for a, b in zip(s.coords, s.coords[1:]))
        out.append((s, offset.get(s.name, 0.0)))
        offset[s.name] = offset.get(s.name, 0.0) + length + 1.0
    return out


def _place_streets(rng, ids, occ, street_list, add):
    for s, station0 in _street_pieces(street_list):
        coords = np.asarray(s.coords, dtype=float)
        closed = len(coords) >= 4 and math.dist(s.coords[0], s.coords[-1]) < 0.5
        hw = _HALF_WIDTH.get(s.highway, 4.0)
        for side in (1, -1):
            if s.name.endswith("wall"):
                # Ring road on the old wall: houses only on the old-town side.
                mid = coords[len(coords) // 2]
                d = coords[min(len(coords) - 1, len(coords) // 2 + 1)] - coords[max(0, len(coords) // 2 - 1)]
                nrm = np.array([-d[1], d[0]]) * side
                if nrm @ (np.asarray(OLD_TOWN_CENTRE) - mid) < 0:
                    continue
            if closed:
                # Squares: only the outside of the loop.
                x, y = coords[:-1, 0], coords[:-1, 1]
                ccw = (x * np.roll(y, -1) - np.roll(x, -1) * y).sum() > 0
                if (side == 1) == ccw:
                    continue
            _place_side(rng, ids, occ, s, coords, hw, side, station0, add)


def _place_side(rng, ids, occ, street, coords, hw, side, station0, add):
    seg = np.diff(coords, axis=0)
    seg_len = np.hypot(seg[:, 0], seg[:, 1])
    starts = np.concatenate([[0.0], np.cumsum(seg_len)])
    total = starts[-1]
    s = rng.uniform(0.0, 4.0)
    i = 0
    while s < total - 4.0:
        while i < len(seg_len) - 1 and s >= starts[i + 1]:
            i += 1
        if seg_len[i] < 1e-6:
            s = starts[i + 1] + 0.01
            continue
        ex = (float(seg[i, 0] / seg_len[i]), float(seg[i, 1] / seg_len[i]))
        nrm = (-ex[1] * side, ex[0] * side)
        p = coords[i] + seg[i] * ((s - starts[i]) / seg_len[i])
        old = _old_town_factor(p[0], p[1]) < 0.97
        make = _old_town_plot if old else _suburb_plot
        result = make(rng, street, (float(p[0]), float(p[1])), ex, nrm, hw, seg_end=starts[i + 1] - s)
        if result is None:  # the plot does not fit on this segment: go on with the next one
            s = max(s + 1.0, float(starts[i + 1]))
            continue
        advance, buildings = result
        placed = False
        for bp in buildings:
            if occ.free([b.corners() for b in bp.blocks]):
                bp.gml_id = ids.building()
                if bp.extra.get("addressed"):
                    bp.street, bp.side, bp.station = street.name, side, station0 + s
                add(bp)
                placed = True
            elif bp.extra.get("main"):
                break  # main house does not fit: no garage or rear building either
        s += advance if placed else (1.0 if old else 2.0)


def _frame(p, ex, nrm, along, off):
    return (p[0] + ex[0] * along + nrm[0] * off, p[1] + ex[1] * along + nrm[1] * off)


def _old_town_plot(rng, street, p, ex, nrm, hw, seg_end):
    width = rng.uniform(6.0, 11.5) if street.highway != "pedestrian" else rng.uniform(8.0, 15.0)
    if width > seg_end + 0.4 * width:  # a little overhang at gentle bends; the checks catch the rest
        return None
    depth = rng.uniform(10.0, 16.0)
    setback = rng.uniform(0.3, 0.8)
    origin = _frame(p, ex, nrm, 0.0, hw + setback)
    storeys = _choice(rng, ((2, 4), (3, 4), (4, 1)))
    eaves = storeys * rng.uniform(2.9, 3.3) + rng.uniform(0.2, 0.6)
    roof = _choice(rng, ((GABLE, 56), (MANSARD, 8), (HALF_HIP, 6), (HIP, 8), (FLAT, 15), (SHED, 4)))
    if roof == HIP and width < depth + 2.0:
        roof = GABLE
    eaves_side = roof in (FLAT, SHED, HIP) or rng.random() < 0.55
    house = _house_blocks(rng, origin, ex, nrm, width, depth, roof, eaves, eaves_side)
    if street.highway in ("pedestrian", "tertiary", "secondary"):
        func = _choice(
            rng,
            (
                (WOHN_GESCHAEFT, 5),
                (WOHNHAUS, 2),
                (GESCHAEFT, 2),
                (HANDEL, 1),
                (GASTSTAETTE, 1),
                (HOTEL, 0.3),
                (BUERO, 0.7),
            ),
        )
    else:
        func = _choice(rng, ((WOHNHAUS, 12), (WOHN_GESCHAEFT, 2), (BUERO, 0.5), (OEFFENTLICH, 0.3), (VERWALTUNG, 0.2)))
    bp = BuildingPlan("", func, [house], extra={"addressed": True, "main": True})
    if eaves_side and rng.random() < 0.26:
        annex = _annex(rng, house)
        if annex is not None:
            bp.blocks.append(annex)
            bp.kind = "annex"
    out = [bp]
    if rng.random() < 0.3 and width >= 6.5:
        # Rear building in the courtyard: back house (own address "12a"), workshop/shed or garage.
        rw = rng.uniform(4.0, min(8.0, width - 0.5))
        rd = rng.uniform(4.0, 7.0)
        r_origin = _frame(p, ex, nrm, rng.uniform(0.0, width - rw), hw + setback + depth + rng.uniform(5.5, 9.0))
        kind = _choice(rng, (("house", 3), ("shed", 4), ("garage", 3)))
        if kind == "house":
            r_roof = _choice(rng, ((GABLE, 3), (SHED, 2), (FLAT, 1)))
            r_block = _house_blocks(rng, r_origin, ex, nrm, rw, rd, r_roof, rng.uniform(3.2, 5.8), True)
            out.append(BuildingPlan("", WOHNHAUS, [r_block], extra={"rear_of": bp}))
        else:
            r_roof = FLAT if rng.random() < 0.7 else SHED
            r_eaves = rng.uniform(2.4, 3.2)
            r_ridge = r_eaves + (rng.uniform(0.4, 0.9) if r_roof == SHED else 0.0)
            func = SCHUPPEN if kind == "shed" else GARAGE
            out.append(BuildingPlan("", func, [Block(r_origin, ex, nrm, rw, rd, r_roof, r_eaves, r_ridge)]))
    gap = 0.0 if rng.random() < 0.85 else rng.uniform(1.0, 3.0)
    return width + gap, out


def _suburb_plot(rng, street, p, ex, nrm, hw, seg_end):
    arterial = street.highway in ("secondary", "tertiary", "primary")
    plot = rng.uniform(20.0, 28.0) if not arterial else rng.uniform(22.0, 34.0)
    if plot > seg_end + 2.0:
        return None
    out = []
    if arterial and rng.random() < 0.35:
        # Commercial building along an arterial road.
        length = min(plot - 2.0, rng.uniform(14.0, 28.0))
        depth = rng.uniform(12.0, 20.0)
        origin = _frame(p, ex, nrm, 1.0, hw + rng.uniform(3.0, 8.0))
        roof = _choice(rng, ((FLAT, 6), (SHED, 2), (GABLE, 2), (HIP, 1)))
        eaves = _choice(rng, ((2, 1), (3, 2), (4, 1))) * 3.3
        func = _choice(
            rng, ((GEWERBE, 2), (HANDEL, 3), (BUERO, 3), (GESCHAEFT, 1), (GASTSTAETTE, 1), (OEFFENTLICH, 0.5))
        )
        block = _house_blocks(rng, origin, ex, nrm, length, depth, roof, eaves, True)
        out.append(BuildingPlan("", func, [block], extra={"addressed": True, "main": True}))
        return plot, out
    width = rng.uniform(8.0, 12.0)
    depth = rng.uniform(8.5, 11.5)
    u = rng.uniform(1.5, max(1.6, plot - width - 5.0))
    setback = rng.uniform(4.0, 7.0)
    origin = _frame(p, ex, nrm, u, hw + setback)
    roof = _choice(rng, ((GABLE, 42), (HIP, 18), (HALF_HIP, 6), (FLAT, 12), (SHED, 8), (MANSARD, 3), (PYRAMID, 3)))
    storeys = _choice(rng, ((1, 3), (2, 5)))
    eaves = storeys * rng.uniform(2.8, 3.1) + rng.uniform(0.2, 0.5)
    if roof == PYRAMID:
        depth = width = min(width, depth + 1.0)
    elif roof == HIP:
        width = max(width, depth + 2.5)
    eaves_side = roof not in (GABLE, HALF_HIP) or rng.random() < 0.6
    house = _house_blocks(rng, origin, ex, nrm, width, depth, roof, eaves, eaves_side)
    func = _choice(rng, ((WOHNHAUS, 30), (BUERO, 0.5), (KINDERGARTEN, 0.2), (GEWERBE, 0.4)))
    bp = BuildingPlan("", func, [house], extra={"addressed": True, "main": True})
    if eaves_side and rng.random() < 0.26:
        annex = _annex(rng, house)
        if annex is not None:
            bp.blocks.append(annex)
            bp.kind = "annex"
    out.append(bp)
    room = plot - (u + width)
    if room > 4.6 and rng.random() < 0.5:
        gw = 3.2 if room < 7.6 or rng.random() < 0.6 else 6.0
        gd = rng.uniform(5.8, 6.5)
        g_origin = _frame(p, ex, nrm, u + width + rng.uniform(0.8, 1.2), hw + setback + rng.uniform(0.0, 3.0))
        groof = FLAT if rng.random() < 0.85 else SHED
        geaves = rng.uniform(2.5, 2.9)
        gridge = geaves + (0.4 if groof == SHED else 0.0)
        out.append(BuildingPlan("", GARAGE, [Block(g_origin, ex, nrm, gw, gd, groof, geaves, gridge)]))
    if rng.random() < 0.06:
        # Garden shed behind the house.
        sw, sd = rng.uniform(2.0, 3.5), rng.uniform(2.0, 3.0)
        s_origin = _frame(p, ex, nrm, u + rng.uniform(0.0, width - sw), hw + setback + depth + rng.uniform(7.0, 11.0))
        out.append(BuildingPlan("", SCHUPPEN, [Block(s_origin, ex, nrm, sw, sd, FLAT, 2.3, 2.3)]))
    return plot, out


def _number(plans, street_list):
    """House numbers per street: odd on the left, even on the right, ascending along the street."""
    groups = {}
    for bp in plans:
        if bp.street is None and bp.name is not None:
            cx, cy = bp.centroid()
            ns = _nearest_street(street_list, cx, cy, 120.0)
            if ns is not None:
                s, _, side, t = ns
                offset = dict((p.coords, o) for p, o in _street_pieces(street_list)).get(s.coords, 0.0)
                bp.street, bp.side, bp.station = s.name, side, offset + t
        if bp.street is not None:
            groups.setdefault((bp.street, bp.side), []).append(bp)
    for (_, side), members in sorted(groups.items(), key=lambda kv: kv[0]):
        members.sort(key=lambda b: (b.station, b.gml_id))
        n = 1 if side == 1 else 2
        for bp in members:
            bp.number = str(n)
            n += 2
    for bp in plans:
        front = bp.extra.get("rear_of")
        if front is not None and front.number is not None:  # back house: "12a" behind number 12
            bp.street, bp.number = front.street, front.number + "a"


def building_footprints(seed=DEFAULT_SEED):
    """One dict per planned building (see the module docstring)."""
    out = []
    for bp in plan(seed):
        out.append(
            {
                "gml_id": bp.gml_id,
                "function": bp.function,
                "street": bp.street,
                "number": bp.number,
                "name": bp.name,
                "footprint": [b.corners() for b in bp.blocks],
                "tile": tile_name(*bp.tile),
            }
        )
    return out


# --------------------------------------------------------------------------------------------
# 3D geometry
# --------------------------------------------------------------------------------------------


def _block_faces(b, g):
    """Faces (kind, side, [(u, v, z), ...]) of a block with absolute heights; ridge along u."""
    u0, v0 = b.u0, b.v0
    u1, v1 = u0 + b.length, v0 + b.depth
    cv = (v0 + v1) / 2
    e, r = g + b.eaves, g + b.ridge
    faces = [("G", "g", [(u0, v0, g), (u0, v1, g), (u1, v1, g), (u1, v0, g)])]
    roof = b.roof

    def rect(side, pa, pb, ha, hb):
        # vertical wall from ground up to ha at pa, hb at pb
        faces.append(("W", side, [(*pa, g), (*pb, g), (*pb, hb), (*pa, ha)]))

    if roof == SHED:  # low at v0 (eaves), high at v1 (ridge)
        rect("v0", (u0, v0), (u1, v0), e, e)
        rect("v1", (u1, v1), (u0, v1), r, r)
        rect("u0", (u0, v1), (u0, v0), r, e)
        rect("u1", (u1, v0), (u1, v1), e, r)
        faces.append(("R", "r", [(u0, v0, e), (u1, v0, e), (u1, v1, r), (u0, v1, r)]))
        return faces
    rect("v0", (u0, v0), (u1, v0), e, e)
    rect("u1", (u1, v0), (u1, v1), e, e)
    rect("v1", (u1, v1), (u0, v1), e, e)
    rect("u0", (u0, v1), (u0, v0), e, e)
    if roof == FLAT:
        faces.append(("R", "r", [(u0, v0, e), (u1, v0, e), (u1, v1, e), (u0, v1, e)]))
    elif roof == GABLE:
        for uu in (u0, u1):
            faces.append(("W", "gable_u0" if uu == u0 else "gable_u1", [(uu, v0, e), (uu, v1, e), (uu, cv, r)]))
        faces.append(("R", "r", [(u0, v0, e), (u1, v0, e), (u1, cv, r), (u0, cv, r)]))
        faces.append(("R", "r", [(u1, v1, e), (u0, v1, e), (u0, cv, r), (u1, cv, r)]))
    elif roof == HIP:
        h = min(b.depth / 2, b.length / 2 - 0.5)
        faces.append(("R", "r", [(u0, v0, e), (u1, v0, e), (u1 - h, cv, r), (u0 + h, cv, r)]))
        faces.append(("R", "r", [(u1, v1, e), (u0, v1, e), (u0 + h, cv, r), (u1 - h, cv, r)]))
        faces.append(("R", "r", [(u0, v1, e), (u0, v0, e), (u0 + h, cv, r)]))
        faces.append(("R", "r", [(u1, v0, e), (u1, v1, e), (u1 - h, cv, r)]))
    elif roof == HALF_HIP:
        k = e + 0.65 * (r - e)
        vk = (b.depth / 2) * (k - e) / (r - e)
        hk = min(b.depth / 2 - vk, b.length / 2 - 0.5)
        for uu, du in ((u0, hk), (u1, -hk)):
            faces.append(("W", "gable", [(uu, v0, e), (uu, v1, e), (uu, v1 - vk, k), (uu, v0 + vk, k)]))
            faces.append(("R", "r", [(uu, v0 + vk, k), (uu, v1 - vk, k), (uu + du, cv, r)]))
        faces.append(
            (
                "R",
                "r",
                [(u0, v0, e), (u1, v0, e), (u1, v0 + vk, k), (u1 - hk, cv, r), (u0 + hk, cv, r), (u0, v0 + vk, k)],
            )
        )
        faces.append(
            (
                "R",
                "r",
                [(u1, v1, e), (u0, v1, e), (u0, v1 - vk, k), (u0 + hk, cv, r), (u1 - hk, cv, r), (u1, v1 - vk, k)],
            )
        )
    elif roof == MANSARD:
        i = 0.2 * b.depth
        m = e + 0.62 * (r - e)
        for uu in (u0, u1):
            faces.append(("W", "gable", [(uu, v0, e), (uu, v1, e), (uu, v1 - i, m), (uu, cv, r), (uu, v0 + i, m)]))
        faces.append(("R", "r", [(u0, v0, e), (u1, v0, e), (u1, v0 + i, m), (u0, v0 + i, m)]))
        faces.append(("R", "r", [(u0, v0 + i, m), (u1, v0 + i, m), (u1, cv, r), (u0, cv, r)]))
        faces.append(("R", "r", [(u1, v1, e), (u0, v1, e), (u0, v1 - i, m), (u1, v1 - i, m)]))
        faces.append(("R", "r", [(u1, v1 - i, m), (u0, v1 - i, m), (u0, cv, r), (u1, cv, r)]))
    elif roof in (PYRAMID, TOWER):
        apex = ((u0 + u1) / 2, cv, r)
        faces.append(("R", "r", [(u0, v0, e), (u1, v0, e), apex]))
        faces.append(("R", "r", [(u1, v0, e), (u1, v1, e), apex]))
        faces.append(("R", "r", [(u1, v1, e), (u0, v1, e), apex]))
        faces.append(("R", "r", [(u0, v1, e), (u0, v0, e), apex]))
    else:  # pragma: no cover - all planned roof types are handled above
        raise ValueError(roof)
    return faces


def _local_faces(bp, g):
    """Faces per part in the first block's frame: list (per part) of [(kind, [(u, v, z)])]."""
    if bp.kind == "simple":
        return [[(k, pts) for k, _, pts in _block_faces(bp.blocks[0], g)]]
    if bp.kind == "annex":
        house, annex = bp.blocks
        # Express the annex in the house frame: its origin is house.world(a, depth).
        a = _frame_u(house, annex.origin)
        hf = _block_faces(house, g)
        af = _block_faces(annex, g)
        ln, dp = house.length, house.depth
        h = annex.ridge if annex.roof == SHED else annex.eaves
        top_e = g + house.eaves if house.roof != SHED else g + house.ridge
        w = annex.length
        gz = g
        hz = g + h
        house_faces = []
        for kind, side, pts in hf:
            if side == "v1":
                house_faces.append(
                    (
                        "W",
                        [
                            (ln, dp, gz),
                            (a + w, dp, gz),
                            (a + w, dp, hz),
                            (a, dp, hz),
                            (a, dp, gz),
                            (0.0, dp, gz),
                            (0.0, dp, top_e),
                            (ln, dp, top_e),
                        ],
                    )
                )
                house_faces.append(("C", [(a, dp, gz), (a + w, dp, gz), (a + w, dp, hz), (a, dp, hz)]))
            else:
                house_faces.append((kind, pts))
        d = annex.depth
        annex_faces = []
        for kind, side, pts in af:
            pts = [(a + uu, dp + d - vv, z) for uu, vv, z in pts]
            annex_faces.append(("C" if side == "v1" else kind, pts))
        return [house_faces, annex_faces]
    if bp.kind == "church":
        nave, tower = bp.blocks
        nf = _block_faces(nave, g)
        tf = _block_faces(tower, g)
        wd = nave.depth
        cv = wd / 2
        e, r = g + nave.eaves, g + nave.ridge
        va, vb = tower.v0, tower.v0 + tower.depth
        za = e + (r - e) * va / cv
        nave_faces = []
        for kind, side, pts in nf:
            if side == "u0":
                nave_faces.append(("W", [(0.0, wd, g), (0.0, vb, g), (0.0, vb, e), (0.0, wd, e)]))
                nave_faces.append(("W", [(0.0, va, g), (0.0, 0.0, g), (0.0, 0.0, e), (0.0, va, e)]))
            elif side == "gable_u0":
                nave_faces.append(("W", [(0.0, 0.0, e), (0.0, va, e), (0.0, va, za)]))
                nave_faces.append(("W", [(0.0, vb, e), (0.0, wd, e), (0.0, vb, za)]))
            else:
                nave_faces.append((kind, pts))
        closure = [(0.0, va, g), (0.0, vb, g), (0.0, vb, za), (0.0, cv, r), (0.0, va, za)]
        nave_faces.append(("C", closure))
        tower_faces = []
        te = g + tower.eaves
        for kind, side, pts in tf:
            if side == "u1":  # tower face towards the nave (u = 0)
                tower_faces.append(("C", closure))
                tower_faces.append(("W", [(0.0, va, za), (0.0, cv, r), (0.0, vb, za), (0.0, vb, te), (0.0, va, te)]))
            else:
                tower_faces.append((kind, pts))
        return [nave_faces, tower_faces]
    raise ValueError(bp.kind)


def _frame_u(block, point):
    dx, dy = point[0] - block.origin[0], point[1] - block.origin[1]
    return dx * block.ex[0] + dy * block.ex[1]


def _to_world(block, faces):
    ox, oy = block.origin
    (ax, ay), (bx, by) = block.ex, block.ey
    out = []
    for kind, pts in faces:
        arr = np.asarray(pts, dtype=float)
        u, v, z = arr[:, 0], arr[:, 1], arr[:, 2]
        out.append((kind, np.column_stack([ox + u * ax + v * bx, oy + u * ay + v * by, z])))
    return out


def _round_faces(faces):
    return [(kind, np.round(ring, 3)) for kind, ring in faces]


def _fix_t_junctions(faces):
    """Insert vertices of the shell lying inside an edge into that edge (keeps the shell closed)."""
    verts = np.unique(np.concatenate([ring for _, ring in faces]), axis=0)
    out = []
    for kind, ring in faces:
        pts = []
        n = len(ring)
        for i in range(n):
            p, q = ring[i], ring[(i + 1) % n]
            pts.append(p)
            d = q - p
            dd = float(d @ d)
            t = (verts - p) @ d / dd
            perp = verts - p - np.outer(t, d)
            m = (t > 1e-9) & (t < 1 - 1e-9) & (np.einsum("ij,ij->i", perp, perp) < 1e-10)
            if m.any():
                sel = verts[m]
                pts.extend(sel[np.argsort(t[m])])
        out.append((kind, np.asarray(pts)))
    return out


def _newell(ring):
    nxt = np.concatenate([ring[1:], ring[:1]])
    x, y, z = ring[:, 0], ring[:, 1], ring[:, 2]
    x1, y1, z1 = nxt[:, 0], nxt[:, 1], nxt[:, 2]
    return np.array([((y - y1) * (z + z1)).sum(), ((z - z1) * (x + x1)).sum(), ((x - x1) * (y + y1)).sum()])


def _orient(faces):
    """Orient every face of a convex part outwards (counter-clockwise seen from outside)."""
    centre = np.unique(np.concatenate([ring for _, ring in faces]), axis=0).mean(axis=0)
    out = []
    for kind, ring in faces:
        n = _newell(ring - centre)
        if n @ (ring.mean(axis=0) - centre) < 0:
            ring = ring[::-1]
        out.append((kind, ring))
    return out


def _terrain_curves(block):
    """Terrain intersection: one polyline per footprint edge, points where it crosses the 1 m grid."""
    corners = np.round(np.asarray(block.corners(), dtype=float), 3).tolist()
    curves = []
    for i in range(4):
        (px, py), (qx, qy) = corners[i], corners[(i + 1) % 4]
        ts = {0.0, 1.0}
        for a, b in ((px, qx), (py, qy)):
            if abs(b - a) > 1e-9:
                lo, hi = (a, b) if a < b else (b, a)
                ts.update((k - a) / (b - a) for k in range(math.ceil(lo), math.floor(hi) + 1))
        t = np.array(sorted(ts))
        curves.append(np.column_stack([px + (qx - px) * t, py + (qy - py) * t]))
    return curves


@dataclass
class _Part:
    faces: list  # [(kind, ring (n, 3) rounded, not closed)]
    roof: int
    height: float
    curves: list  # [(n, 3)]


def _ground(bp):
    """(ground height, terrain intersection curves per part) of a planned building."""
    curves = [_terrain_curves(block) for block in bp.blocks]
    flat = np.round(np.concatenate([c for part in curves for c in part]), 3)
    z = np.round(_terrain.ground_height(flat[:, 0], flat[:, 1]), 3)
    xyz = np.column_stack([flat, z])
    curves3d = []
    k = 0
    for part in curves:
        out = []
        for c in part:
            out.append(xyz[k : k + len(c)])
            k += len(c)
        curves3d.append(out)
    return round(float(z.min()), 3), curves3d


def build_geometry(bp, ground=None):
    """(ground height, [_Part]) for a planned building (``ground``: a precomputed ``_ground(bp)``)."""
    g, curves3d = _ground(bp) if ground is None else ground
    local = _local_faces(bp, g)
    frame = bp.blocks[0]
    parts = []
    for block, faces, curves in zip(bp.blocks, local, curves3d):
        # Parts are all expressed in the frame of the first block.
        world = _to_world(block if bp.kind == "simple" else frame, faces)
        if bp.kind != "simple":
            world = _fix_t_junctions(world)  # before rounding: collinearity is exact only here
        world = _orient(_round_faces(world))
        top = max(float(ring[:, 2].max()) for _, ring in world)
        parts.append(_Part(world, block.roof, round(top - g, 3), curves))
    return g, parts


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def _fmt(values):
    return " ".join(map(repr, values))


def _poslist(ring):
    closed = np.vstack([ring, ring[:1]])
    return _fmt(closed.ravel().tolist())


class _Writer:
    def __init__(self, seed, tile):
        self.seed = seed
        self.guid = random.Random("{}:{}".format(seed, tile_name(*tile))).randrange(10**18, 10**19 * 2)
        self.counter = 0

    def _next(self):
        self.counter += 1
        return "GUID_{}_{}".format(self.guid, self.counter)

    def building(self, bp, g, parts):
        rng = random.Random("{}:{}".format(self.seed, bp.gml_id))

        def uid():
            return "UUID_" + str(uuid.UUID(int=rng.getrandbits(128), version=4))

        out = []
        w = out.append
        w("  <core:cityObjectMember>\n")
        w('    <bldg:Building gml:id="{}">\n'.format(bp.gml_id))
        if bp.name:
            w("      <gml:name>{}</gml:name>\n".format(escape(bp.name)))
        w("      <core:creationDate>{}</core:creationDate>\n".format(_CREATION_DATE))
        w("      <core:externalReference>\n")
        w("        <core:informationSystem>{}</core:informationSystem>\n".format(_INFO_SYSTEM))
        w("        <core:externalObject>\n")
        w("          <core:name>{}</core:name>\n".format(bp.gml_id))
        w("        </core:externalObject>\n")
        w("      </core:externalReference>\n")
        if len(parts) == 1:
            self._attrs(w, "      ", bp, building=True, part=True)
            w("      <bldg:function>{}</bldg:function>\n".format(bp.function))
            self._part_body(w, "      ", parts[0], uid)
        else:
            self._attrs(w, "      ", bp, building=True, part=False)
            w("      <bldg:function>{}</bldg:function>\n".format(bp.function))
            for k, part in enumerate(parts):
                pid = uid() if k == 0 else self._next()
                w("      <bldg:consistsOfBuildingPart>\n")
                w('        <bldg:BuildingPart gml:id="{}">\n'.format(pid))
                w("          <core:creationDate>{}</core:creationDate>\n".format(_CREATION_DATE))
                self._attrs(w, "          ", bp, building=False, part=True)
                self._part_body(w, "          ", part, uid)
                w("        </bldg:BuildingPart>\n")
                w("      </bldg:consistsOfBuildingPart>\n")
        if bp.street and bp.number:
            self._address(w, bp, uid)
        w("    </bldg:Building>\n")
        w("  </core:cityObjectMember>\n")
        return "".join(out)

    @staticmethod
    def _attr(w, ind, name, value):
        w(
            '{}<gen:stringAttribute name="{}">\n{}  <gen:value>{}</gen:value>\n{}</gen:stringAttribute>\n'.format(
                ind, name, ind, value, ind
            )
        )

    def _attrs(self, w, ind, bp, building, part):
        if part:
            self._attr(w, ind, "DatenquelleDachhoehe", "1000")
        if building:
            self._attr(w, ind, "Geometrietyp2DReferenz", "3000")
            self._attr(w, ind, "Gemeindeschluessel", GEMEINDESCHLUESSEL)
        if part:
            self._attr(w, ind, "DatenquelleBodenhoehe", "1100")
            self._attr(w, ind, "DatenquelleLage", "1000")
        self._attr(w, ind, "Grundrissaktualitaet", bp.grundriss)

    def _part_body(self, w, ind, part, uid):
        w("{}<bldg:roofType>{}</bldg:roofType>\n".format(ind, part.roof))
        w('{}<bldg:measuredHeight uom="urn:adv:uom:m">{}</bldg:measuredHeight>\n'.format(ind, repr(part.height)))
        stem = self._next()
        # Polygon ids: ground first (_2_0), then walls, roofs, closures - as in the NRW tiles.
        order = sorted(range(len(part.faces)), key=lambda j: "GWRC".index(part.faces[j][0]))
        pids = {}
        for n, j in enumerate(order):
            pids[j] = "{}_2_{}".format(stem, n)
        i2 = ind + "  "
        w(
            "{}<bldg:lod2Solid>\n{}<gml:Solid>\n{}  <gml:exterior>\n{}    <gml:CompositeSurface>\n".format(
                ind, i2, i2, i2
            )
        )
        for j in order:
            w('{}      <gml:surfaceMember xlink:href="#{}"/>\n'.format(i2, pids[j]))
        w(
            "{}    </gml:CompositeSurface>\n{}  </gml:exterior>\n{}</gml:Solid>\n{}</bldg:lod2Solid>\n".format(
                i2, i2, i2, ind
            )
        )
        w("{}<bldg:lod2TerrainIntersection>\n{}<gml:MultiCurve>\n".format(ind, i2))
        for c in part.curves:
            w("{}  <gml:curveMember>\n{}    <gml:LineString>\n".format(i2, i2))
            w('{}      <gml:posList srsDimension="3">{}</gml:posList>\n'.format(i2, _fmt(c.ravel().tolist())))
            w("{}    </gml:LineString>\n{}  </gml:curveMember>\n".format(i2, i2))
        w("{}</gml:MultiCurve>\n{}</bldg:lod2TerrainIntersection>\n".format(i2, ind))
        # boundedBy in NRW order: walls, roofs, ground, closures.
        for kind in "WRGC":
            for j, (k, ring) in enumerate(part.faces):
                if k != kind:
                    continue
                self._surface(w, ind, kind, pids[j], ring, uid, split=kind == "C" or len(ring) > 6)

    @staticmethod
    def _surface(w, ind, kind, pid, ring, uid, split):
        tag = _KIND_TAG[kind]
        i1, i2, i3, i4, i5, i6, i7 = (ind + "  " * k for k in range(1, 8))
        w("{}<bldg:boundedBy>\n".format(ind))
        if kind == "C":
            w("{}<bldg:{}>\n".format(i1, tag))
        else:
            w('{}<bldg:{} gml:id="{}">\n'.format(i1, tag, uid()))
        w("{}<core:creationDate>{}</core:creationDate>\n".format(i2, _CREATION_DATE))
        w("{}<bldg:lod2MultiSurface>\n".format(i2))
        if split:
            w("{}<gml:MultiSurface>\n".format(i3))
        else:
            w('{}<gml:MultiSurface gml:id="{}">\n'.format(i3, uid()))
        w("{}<gml:surfaceMember>\n".format(i4))
        w('{}<gml:Polygon gml:id="{}">\n'.format(i5, pid))
        w("{}<gml:exterior>\n".format(i6))
        if split:
            w("{}<gml:LinearRing>\n".format(i7))
        else:
            w('{}<gml:LinearRing gml:id="{}_0_">\n'.format(i7, pid))
        w('{}  <gml:posList srsDimension="3">{}</gml:posList>\n'.format(i7, _poslist(ring)))
        w("{}</gml:LinearRing>\n".format(i7))
        w("{}</gml:exterior>\n".format(i6))
        w("{}</gml:Polygon>\n".format(i5))
        w("{}</gml:surfaceMember>\n".format(i4))
        w("{}</gml:MultiSurface>\n".format(i3))
        w("{}</bldg:lod2MultiSurface>\n".format(i2))
        w("{}</bldg:{}>\n".format(i1, tag))
        w("{}</bldg:boundedBy>\n".format(ind))

    @staticmethod
    def _address(w, bp, uid):
        w("      <bldg:address>\n")
        w('        <core:Address gml:id="{}">\n'.format(uid()))
        w("          <core:xalAddress>\n")
        w("            <xAL:AddressDetails>\n")
        w("              <xAL:Country>\n")
        w("                <xAL:CountryName>Germany</xAL:CountryName>\n")
        w('                <xAL:Locality Type="Town">\n')
        w("                  <xAL:LocalityName>{}</xAL:LocalityName>\n".format(escape(LOCALITY)))
        w('                  <xAL:Thoroughfare Type="Street">\n')
        w("                    <xAL:ThoroughfareNumber>{}</xAL:ThoroughfareNumber>\n".format(escape(bp.number)))
        w("                    <xAL:ThoroughfareName>{}</xAL:ThoroughfareName>\n".format(escape(bp.street)))
        w("                  </xAL:Thoroughfare>\n")
        w("                  <xAL:PostalCode>\n")
        w("                    <xAL:PostalCodeNumber>{}</xAL:PostalCodeNumber>\n".format(escape(POSTAL_CODE)))
        w("                  </xAL:PostalCode>\n")
        w("                </xAL:Locality>\n")
        w("              </xAL:Country>\n")
        w("            </xAL:AddressDetails>\n")
        w("          </core:xalAddress>\n")
        w("        </core:Address>\n")
        w("      </bldg:address>\n")


def _header(tile, zmin, zmax):
    e, n = tile
    x0, y0 = e * TILE_SIZE, n * TILE_SIZE
    z0 = "NaN" if zmin is None else repr(zmin)
    z1 = "NaN" if zmax is None else repr(zmax)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        "<core:CityModel {}>\n"
        "  <gml:name>{}</gml:name>\n"
        "  <gml:boundedBy>\n"
        "    <gml:Envelope srsName={}>\n"
        '      <gml:lowerCorner srsDimension="3">{} {} {}</gml:lowerCorner>\n'
        '      <gml:upperCorner srsDimension="3">{} {} {}</gml:upperCorner>\n'
        "    </gml:Envelope>\n"
        "  </gml:boundedBy>\n"
    ).format(
        _NS,
        tile_name(e, n),
        quoteattr(SRS_NAME),
        repr(x0),
        repr(y0),
        z0,
        repr(x0 + TILE_SIZE),
        repr(y0 + TILE_SIZE),
        z1,
    )


def _parse_tiles(tiles):
    if tiles is None:
        return None
    out = set()
    for t in tiles:
        if isinstance(t, str):
            name = t[:-4] if t.endswith(".gml") else t
            parts = name.split("_")
            out.add((int(parts[2]), int(parts[3])))
        else:
            out.add((int(t[0]), int(t[1])))
    return out


def generate(out_dir, seed=DEFAULT_SEED, count=None, tiles=None, feedback=None):
    """Write the CityGML tiles into ``out_dir``; return the written paths (sorted)."""
    import os

    from soest_qgis_plugin.common.atomic import atomic_write
    from soest_qgis_plugin.common.feedback import raise_if_canceled

    wanted = _parse_tiles(tiles)
    plans = plan(seed)
    by_tile = {t: [] for t in _all_tiles()}
    for bp in plans:
        if bp.tile in by_tile:
            by_tile[bp.tile].append(bp)
    selected = [t for t in sorted(by_tile) if wanted is None or t in wanted]
    if count is not None:
        left = int(count)
        for t in selected:
            by_tile[t] = by_tile[t][: max(0, left)]
            left -= len(by_tile[t])
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for k, tile in enumerate(selected):
        if feedback is not None:
            raise_if_canceled(feedback)
            feedback.setProgress(100.0 * k / max(1, len(selected)))
        members = by_tile[tile]
        # First pass: the height range for the envelope (only two numbers per building are kept).
        zmin = zmax = None
        grounds = {}  # gml_id -> ground height and terrain curves (a few kB per building)
        for bp in members:
            grounds[bp.gml_id] = _ground(bp)
            g = grounds[bp.gml_id][0]
            top = max(round(g + b.ridge, 3) for b in bp.blocks)
            zmin = g if zmin is None else min(zmin, g)
            zmax = top if zmax is None else max(zmax, top)
        # Second pass: build and write one building at a time (streamed, never the whole tile).
        writer = _Writer(seed, tile)
        target = os.path.join(os.fspath(out_dir), tile_name(*tile) + ".gml")
        with atomic_write(target, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(_header(tile, zmin, zmax))
            for bp in members:
                g, parts = build_geometry(bp, grounds.pop(bp.gml_id))
                fh.write(writer.building(bp, g, parts))
            fh.write("</core:CityModel>")
        paths.append(target)
    return sorted(paths)
