import math

from tools.demo_data import streets as st

REQUIRED = (
    "Markt",
    "Marktstraße",
    "Rathausstraße",
    "Brüderstraße",
    "Jakobistraße",
    "Grandweg",
    "Ulricherstraße",
    "Osthofenstraße",
    "Walburgerstraße",
    "Thomästraße",
    "Nöttenstraße",
    "Schüttinghof",
    "Petrikirchhof",
    "Domplatz",
    "Am Vreithof",
    "Bahnhofstraße",
    "Bahnhofsplatz",
    "Hammer Weg",
    "Feldmühlenweg",
    "Hattroper Weg",
    "Kleppingweg",
    "Oelmüllerweg",
    "Wiesenstraße",
    "Niederbergheimer Straße",
    "Arnsberger Straße",
)


def _length(coords):
    return sum(math.dist(a, b) for a, b in zip(coords[:-1], coords[1:]))


def test_real_street_names_with_umlauts():
    names = {s.name for s in st.streets()}
    missing = [n for n in REQUIRED if n not in names]
    assert not missing
    assert "Brüderstraße" in names and "Thomästraße" in names and "Nöttenstraße" in names


def test_constants():
    assert st.AREA == (437000.0, 5711000.0, 440000.0, 5715000.0)
    assert st.POSTAL_CODE == "59494" and st.LOCALITY == "Soest" and st.GEMEINDESCHLUESSEL == "05974040"
    for p in (st.MARKT, st.BAHNHOF, st.LWL_BBW):
        assert len(p) == 2 and st.AREA[0] < p[0] < st.AREA[2] and st.AREA[1] < p[1] < st.AREA[3]


def test_streets_inside_area_and_frozen():
    xmin, ymin, xmax, ymax = st.AREA
    for s in st.streets():
        assert s.highway
        assert len(s.coords) >= 2
        for x, y in s.coords:
            assert xmin - 10 <= x <= xmax + 10 and ymin - 10 <= y <= ymax + 10, s.name
    s = st.streets()[0]
    try:
        s.name = "x"
    except AttributeError:
        pass
    else:
        raise AssertionError("Street must be frozen")


def test_one_connected_graph():
    comps = st.components()
    assert len(comps) == 1
    assert len(comps[0]) == len(st.streets())


def test_crossing_streets_share_vertices():
    # Feldmühlenweg ends on Hattroper Weg; Kleppingweg starts at the LWL vertex of Hattroper Weg
    feld = st.street("Feldmühlenweg")
    hattrop = set(st.street("Hattroper Weg").coords)
    assert feld.coords[-1] in hattrop
    assert st.street("Kleppingweg").coords[0] in hattrop
    # radial streets cross the inner lanes at shared vertices: every radial has >= 2 shared vertices
    all_vertices = {}
    for s in st.streets():
        for v in set(s.coords):
            all_vertices[v] = all_vertices.get(v, 0) + 1
    shared = [v for v in st.street("Walburgerstraße").coords if all_vertices[v] > 1]
    assert len(shared) >= 3


def test_old_town_dense_enough_for_buildings():
    cx, cy = st.OLD_TOWN_CENTRE
    a, b = st.OLD_TOWN_AXES
    inside = 0.0
    for s in st.streets():
        for p, q in zip(s.coords[:-1], s.coords[1:]):
            mx, my = (p[0] + q[0]) / 2, (p[1] + q[1]) / 2
            if ((mx - cx) / a) ** 2 + ((my - cy) / b) ** 2 <= 1.0:
                inside += math.dist(p, q)
    assert inside > 12_000  # metres of street inside the wall: room for thousands of buildings
    assert sum(_length(s.coords) for s in st.streets()) > 40_000


def test_deterministic():
    first = st.streets()
    st._streets.cache_clear()
    assert st.streets() == first
