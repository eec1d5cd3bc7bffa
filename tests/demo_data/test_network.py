import hashlib
import math

from tools.demo_data import gtfs, network

WALK = {"footway", "pedestrian", "living_street", "steps", "service", "residential", "platform", "path"}


def _read(path, layer):
    from osgeo import ogr

    ds = ogr.Open(str(path))
    lyr = ds.GetLayerByName(layer)
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    rows = []
    for f in lyr:
        g = f.GetGeometryRef()
        coords = [(round(p[0], 2), round(p[1], 2)) for p in g.GetPoints()]
        rows.append((coords, {n: f.GetField(n) for n in names}))
    return names, rows


def _sha(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def test_layers_open_in_qgis(qgis_app, demo_out):
    from qgis.core import QgsVectorLayer, QgsWkbTypes

    for name, geom in (
        ("ways", QgsWkbTypes.GeometryType.LineGeometry),
        ("nodes", QgsWkbTypes.GeometryType.PointGeometry),
        ("roads", QgsWkbTypes.GeometryType.LineGeometry),
    ):  # noqa: E501
        layer = QgsVectorLayer("{}|layername={}".format(demo_out["network"], name), name, "ogr")
        assert layer.isValid(), name
        assert layer.crs().authid() == "EPSG:25832"
        assert layer.geometryType() == geom
        assert layer.featureCount() > 100
    ways = QgsVectorLayer("{}|layername=ways".format(demo_out["network"]), "ways", "ogr")
    fields = set(ways.fields().names())
    for f in (
        "osm_id",
        "name",
        "highway",
        "footway",
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
    ):  # noqa: E501
        assert f in fields
    assert ways.featureCount() >= 3000


def test_walking_network_connected_except_island(demo_out):
    _, ways = _read(demo_out["network"], "ways")
    assert all(w[1]["highway"] in WALK for w in ways)
    comps = network.components(ways)
    assert len(comps[0]) >= 0.99 * len(ways)
    segments = sum(len(c) - 1 for c, _ in ways)
    assert segments >= 5000
    # the one small island: the waiting area at the stop Kleppingweg
    assert len(comps) == 2
    island = [ways[i] for i in comps[1]]
    assert len(island) <= 5
    assert any("Kleppingweg" in (t["name"] or "") for _, t in island)
    stop = gtfs.stop("SOF_KW")

    def dist(coords):
        return min(math.dist(c, (stop.x, stop.y)) for c in coords)

    nearest = min(range(len(ways)), key=lambda i: dist(ways[i][0]))
    assert nearest in comps[1]  # the stop snaps to the island: unreachable from the network
    # every other stop has a main-component way within 15 m
    for s in gtfs.stops():
        if s.stop_id == "SOF_KW":
            continue
        assert min(min(math.dist(c, (s.x, s.y)) for c in ways[i][0]) for i in comps[0]) < 15.0


def test_steps_with_and_without_ramp(demo_out):
    _, ways = _read(demo_out["network"], "ways")
    steps = [t for _, t in ways if t["highway"] == "steps"]
    assert len(steps) >= 5
    names = {t["name"] for t in steps}
    assert {"Petrikirchhof", "Am Vreithof", "Personenunterführung Bahnhof"} <= names
    assert any(t["ramp"] == "yes" for t in steps) and any(t["ramp"] == "no" for t in steps)
    ramp = [t for _, t in ways if t["name"] == "Schüttinghof" and t["incline"] == "6%"]
    assert ramp  # a ramp up to the Domplatz next to the Petrikirchhof steps
    assert any(t["highway"] == "platform" for _, t in ways)


def test_osm_tag_values_including_junk(demo_out):
    _, ways = _read(demo_out["network"], "ways")
    _, nodes = _read(demo_out["network"], "nodes")
    values = lambda rows, f: {t[f] for _, t in rows}  # noqa: E731
    assert {"sidewalk", "crossing"} <= values(ways, "footway")
    assert {"paving_stones", "sett", "cobblestone", "asphalt"} <= values(ways, "surface")
    assert {"up", "down"} & values(ways, "incline")
    assert any(v and v.endswith("%") and v[:-1].lstrip("-").isdigit() for v in values(ways, "incline"))
    assert {"ca. 1m", "1,2"} <= values(ways, "width")
    assert {"traffic_signals", "zebra", "uncontrolled", "unmarked"} <= values(ways, "crossing")
    assert {"yes", "no"} <= values(ways, "traffic_signals_sound")
    assert {"yes", "no", "incorrect"} <= values(ways, "tactile_paving")
    assert {"yes", "limited", "no"} <= values(ways, "wheelchair")
    assert {"lowered", "raised", "flush", "no"} <= values(nodes, "kerb")
    assert {"0.03", "3 cm", "ca. 10cm"} <= values(nodes, "kerb_height")
    # sound only where there are signals
    assert all(t["crossing"] == "traffic_signals" for _, t in ways if t["traffic_signals_sound"])


def test_nodes_lie_on_way_vertices(demo_out):
    _, ways = _read(demo_out["network"], "ways")
    _, nodes = _read(demo_out["network"], "nodes")
    vertices = {c for coords, _ in ways for c in coords}
    assert nodes
    assert all(coords[0] in vertices for coords, _ in nodes)
    kinds = {(t["highway"], t["barrier"]) for _, t in nodes}
    assert ("crossing", None) in kinds and (None, "kerb") in kinds


def test_deterministic_bytes(tmp_path, demo_out):
    network.build.cache_clear()
    again = network.generate(tmp_path)
    assert _sha(demo_out["network"]) == _sha(again)


def test_roads_first_layer_with_names(demo_out):
    from osgeo import ogr

    ds = ogr.Open(str(demo_out["network"]))
    assert [ds.GetLayerByIndex(i).GetName() for i in range(ds.GetLayerCount())] == ["roads", "ways", "nodes"]
    _, roads = _read(demo_out["network"], "roads")
    assert all(t["name"] for _, t in roads)
    assert {"Hammer Weg", "Brüderstraße", "Marktstraße"} <= {t["name"] for _, t in roads}


def test_ways_that_cross_share_a_vertex(demo_out):
    from shapely.geometry import LineString

    _, ways = _read(demo_out["network"], "ways")
    lines = [LineString(c) for c, _ in ways]
    buckets = {}
    for i, line in enumerate(lines):
        x0, y0, x1, y1 = line.bounds
        for cx in range(int(x0 // 100), int(x1 // 100) + 1):
            for cy in range(int(y0 // 100), int(y1 // 100) + 1):
                buckets.setdefault((cx, cy), []).append(i)
    unnoded = set()
    for members in buckets.values():
        for k, i in enumerate(members):
            for j in members[k + 1 :]:
                if "yes" in (ways[i][1]["tunnel"], ways[j][1]["tunnel"]):
                    continue  # the underpass passes below
                if lines[i].crosses(lines[j]) and not set(ways[i][0]) & set(ways[j][0]):
                    unnoded.add((min(i, j), max(i, j)))
    assert not unnoded
