"""Small deterministic test data for the shuttle analyses: network, GTFS feed, survey, DEM, buildings.

A grid quarter (80 m blocks) near Soest (EPSG:25832) with: steps leading to a small cul-de-sac
(only way there), a crossing with a 10 cm kerb and no acoustic signal, junk tag values, a
disconnected island, stops on/near/off the network, a hill steeper than 15 % and a no-data hole.
"""

import os
import zipfile

import numpy as np

X0, Y0 = 440000.0, 5715000.0
STEP = 80.0
NX, NY = 8, 6


def node(i, j):
    return (X0 + i * STEP, Y0 + j * STEP)


def network_lines():
    """[(coords, attrs)] of the synthetic footway network."""
    lines = []
    osm = [1000]

    def add(coords, **attrs):
        osm[0] += 1
        base = {"osm_id": str(osm[0]), "name": "", "highway": "footway", "surface": "asphalt", "width": "1.5"}
        base.update(attrs)
        lines.append((np.asarray(coords, dtype=float), base))

    for j in range(NY):
        for i in range(NX - 1):
            name = f"Gasse {j}"
            if (i, j) == (3, 2):
                # crossing with a high kerb and no acoustic signal
                add(
                    [node(i, j), node(i + 1, j)],
                    name=name,
                    footway="crossing",
                    crossing="traffic_signals",
                    kerb_height="ca. 10cm",
                    traffic_signals_sound="no",
                )
            elif (i, j) == (1, 1):
                add([node(i, j), node(i + 1, j)], name=name, incline="up")
            elif (i, j) == (5, 4):
                add([node(i, j), node(i + 1, j)], name=name, width="ca. 1m", incline="10%")
            else:
                add([node(i, j), node(i + 1, j)], name=name)
    for i in range(NX):
        for j in range(NY - 1):
            add([node(i, j), node(i, j + 1)], name=f"Weg {i}")
    # steps north of the Markt to a cul-de-sac ("Hügelweg") — the only way there
    foot = node(2, NY - 1)
    top = (foot[0], foot[1] + 20)
    add([foot, top], name="Hangtreppe", highway="steps")
    add([top, (top[0] + 30, top[1])], name="Hügelweg")
    # disconnected island 600 m north
    ix, iy = X0, Y0 + 1000
    add([(ix, iy), (ix + 60, iy), (ix + 60, iy + 60), (ix, iy + 60), (ix, iy)], name="Inselring")
    return lines


HILL_X0, HILL_X1 = X0 + 100, X0 + 140  # the terrain rises 20 % between these eastings


def stop_list():
    """(stop_id, name, x, y) of the synthetic stops (None coordinates: missing)."""
    return [
        ("S1", "Bahnhof", node(0, 0)[0] + 20, node(0, 0)[1] + 3),
        ("S2", "Feldmühlenweg", node(4, 2)[0] + 30, node(4, 2)[1] - 4),
        ("S3", "Markt", node(2, 4)[0] + 2, node(2, 4)[1] + 40),
        ("S4", "Insel", X0 + 30, Y0 + 1000 + 2),
        ("S5", "Weit weg", X0 + 3000, Y0 - 3000),
        ("S6", "Ohne Koordinaten", None, None),
    ]


def to_lonlat(x, y):
    from pyproj import Transformer

    t = Transformer.from_crs(25832, 4326, always_xy=True)
    return t.transform(x, y)


def write_gtfs(folder, shapes=True, encoding="utf-8-sig", drop=(), extra_rows=True, as_zip=None):
    """Write a GTFS feed folder (and optionally a zip). Returns the folder (or zip) path."""
    os.makedirs(folder, exist_ok=True)
    files = {}
    files["agency.txt"] = (
        "agency_id,agency_name,agency_url,agency_timezone\nA,Stadtwerke Soest,https://example.org,Europe/Berlin\n"
    )
    rows = ["stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station,wheelchair_boarding"]
    for sid, name, x, y in stop_list():
        if x is None:
            rows.append(f"{sid},{name},,,0,,0")
        else:
            lon, lat = to_lonlat(x, y)
            wb = {"S1": 1, "S2": 2}.get(sid, 0)
            rows.append(f"{sid},{name},{lat:.7f},{lon:.7f},0,,{wb}")
    files["stops.txt"] = "\n".join(rows) + "\n"
    files["routes.txt"] = (
        "route_id,agency_id,route_short_name,route_long_name,route_type\nR1,A,SOfia,Bahnhof–Markt,3\nR2,A,S2,Ring,3\n"
    )
    trips = ["route_id,service_id,trip_id,shape_id,wheelchair_accessible"]
    times = ["trip_id,arrival_time,departure_time,stop_id,stop_sequence"]
    seq1 = ["S1", "S2", "S3"]
    for k in range(6):
        tid = f"T1_{k}"
        trips.append(f"R1,WD,{tid},SH1,1")
        start = 6 * 3600 + k * 1800
        for n, sid in enumerate(seq1):
            t = start + n * 300
            times.append(f"{tid},{_hms(t)},{_hms(t)},{sid},{n + 1}")
    # night trip past midnight
    trips.append("R1,WD,T1_night,SH1,1")
    for n, sid in enumerate(seq1):
        t = 24 * 3600 + 600 + n * 300
        times.append(f"T1_night,{_hms(t)},{_hms(t)},{sid},{n + 1}")
    # R2 has a shape id without points: built along the network
    trips.append("R2,WE,T2_0,SH_EMPTY,0")
    for n, sid in enumerate(["S3", "S1"]):
        times.append(f"T2_0,{_hms(8 * 3600 + n * 600)},{_hms(8 * 3600 + n * 600)},{sid},{n + 1}")
    if extra_rows:
        times.append("T2_0,08:20:00,08:20:00,GHOST,3")
    files["trips.txt"] = "\n".join(trips) + "\n"
    files["stop_times.txt"] = "\n".join(times) + "\n"
    files["calendar.txt"] = (
        "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
        "WD,1,1,1,1,1,0,0,20260101,20261231\nWE,0,0,0,0,0,1,1,20260101,20261231\n"
    )
    files["calendar_dates.txt"] = "service_id,date,exception_type\nWD,20261225,2\nWE,20261225,1\n"
    if shapes:
        pts = [stop_list()[0][2:], node(0, 2), node(4, 2), node(2, 2), node(2, 4), stop_list()[2][2:]]
        rows = ["shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence"]
        for n, (x, y) in enumerate(pts):
            lon, lat = to_lonlat(x, y)
            rows.append(f"SH1,{lat:.7f},{lon:.7f},{n + 1}")
        files["shapes.txt"] = "\n".join(rows) + "\n"
    for name, text in files.items():
        if name in drop:
            continue
        enc = encoding if name == "stops.txt" or encoding != "latin-1" else "utf-8"
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(text.encode(enc))
    if as_zip:
        with zipfile.ZipFile(as_zip, "w") as archive:
            for name in files:
                if name not in drop:
                    archive.write(os.path.join(folder, name), "feed/" + name)
            archive.writestr("__MACOSX/feed/._stops.txt", b"\x00\x05\x16\x07junk")
            archive.writestr("../../evil/stops.txt", "stop_id\nEVIL\n")
        return as_zip
    return folder


def _hms(t):
    return "{:02d}:{:02d}:{:02d}".format(t // 3600, t % 3600 // 60, t % 60)


def write_vector(path, layer_name, kind, rows, fields, mode="a"):
    """Write (geometry, attrs) rows to a GeoPackage layer with OGR. kind: point/line/polygon."""
    from osgeo import ogr, osr

    driver = ogr.GetDriverByName("GPKG")
    ds = ogr.Open(path, 1) if os.path.exists(path) else driver.CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    gtype = {"point": ogr.wkbPoint, "line": ogr.wkbLineString, "polygon": ogr.wkbPolygon}[kind]
    layer = ds.CreateLayer(layer_name, srs, gtype)
    types = {"str": ogr.OFTString, "int": ogr.OFTInteger, "float": ogr.OFTReal}
    for name, t in fields:
        layer.CreateField(ogr.FieldDefn(name, types[t]))
    for geom, attrs in rows:
        f = ogr.Feature(layer.GetLayerDefn())
        for name, _ in fields:
            if attrs.get(name) is not None:
                f.SetField(name, attrs[name])
        if kind == "point":
            g = ogr.Geometry(ogr.wkbPoint)
            g.AddPoint_2D(*map(float, geom))
        elif kind == "line":
            g = ogr.Geometry(ogr.wkbLineString)
            for x, y in geom:
                g.AddPoint_2D(float(x), float(y))
        else:
            ring = ogr.Geometry(ogr.wkbLinearRing)
            for x, y in geom:
                ring.AddPoint_2D(float(x), float(y))
            g = ogr.Geometry(ogr.wkbPolygon)
            g.AddGeometry(ring)
        f.SetGeometry(g)
        layer.CreateFeature(f)
    ds = None


TAG_FIELDS = [
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
]


def write_network(path):
    write_vector(path, "ways", "line", network_lines(), [(f, "str") for f in TAG_FIELDS])
    return path


def write_survey(path):
    s = {sid: (x, y) for sid, _, x, y in stop_list()}
    write_vector(
        path,
        "stop_kerbs",
        "point",
        [
            (
                (s["S1"][0], s["S1"][1] + 2),
                {"stop_id": "S1", "kerb_height_cm": 22, "boarding_field": "ja", "guide_strip": "ja"},
            ),
            (
                (s["S2"][0], s["S2"][1] + 2),
                {"stop_id": "S2", "kerb_height_cm": 12, "boarding_field": "nein", "guide_strip": "ja"},
            ),
            ((s["S3"][0] + 5, s["S3"][1]), {"stop_id": None, "kerb_height_cm": None, "boarding_field": None}),
        ],
        [("stop_id", "str"), ("kerb_height_cm", "float"), ("boarding_field", "str"), ("guide_strip", "str")],
    )
    a, b = node(3, 2), node(4, 2)
    write_vector(
        path,
        "crossings",
        "point",
        [(((a[0] + b[0]) / 2, a[1] + 1), {"acoustic_signal": "nein", "tactile_paving": "ja", "kerb_height_cm": 10})],
        [("acoustic_signal", "str"), ("tactile_paving", "str"), ("kerb_height_cm", "float")],
    )
    write_vector(
        path,
        "obstacles",
        "point",
        [((node(1, 3)[0] + 1, node(1, 3)[1] + 30), {"type": "Stufe", "height_cm": 8})],
        [("type", "str"), ("height_cm", "float")],
    )
    write_vector(
        path, "tactile_guidance", "line", [([node(0, 0), node(0, 3)], {"kind": "Leitstreifen"})], [("kind", "str")]
    )
    return path


def write_buildings(path):
    """Buildings (polygons 10×10 m) in every block plus in the cul-de-sac; function_code ALKIS."""
    rows = []
    n = 0
    for i in range(NX - 1):
        for j in range(NY - 1):
            for dx, dy in ((15, 15), (55, 55)):
                x, y = X0 + i * STEP + dx, Y0 + j * STEP + dy
                n += 1
                code = "31001_1010" if (i + j) % 3 else "31001_2000"
                rows.append((_square(x, y), {"gml_id": f"B{n}", "function_code": code}))
    top = node(2, NY - 1)
    for k in range(4):
        n += 1
        rows.append((_square(top[0] + k * 10, top[1] + 26, 7), {"gml_id": f"H{k}", "function_code": "31001_1000"}))
    write_vector(path, "buildings", "polygon", rows, [("gml_id", "str"), ("function_code", "str")])
    return path


def _square(x, y, size=8):
    return [(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]


def write_dem(path, hole=True):
    """1 m DGM over the quarter: 100 m, rising 20 % between HILL_X0 and HILL_X1; a no-data hole on the route."""
    import rasterio
    from rasterio.transform import from_origin

    x_min, y_max = X0 - 100, Y0 + 600
    width, height = 1000, 800
    cols = x_min + np.arange(width) + 0.5
    z = 100.0 + np.clip(cols - HILL_X0, 0, HILL_X1 - HILL_X0) * 0.20
    data = np.tile(z, (height, 1)).astype("float32")
    if hole:
        row = int(y_max - (Y0 + 3 * STEP + 10))
        col = int(X0 + 2 * STEP - x_min)
        data[row - 30 : row + 30, col - 30 : col + 30] = -9999
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=width,
        height=height,
        count=1,
        dtype="float32",
        crs="EPSG:25832",
        transform=from_origin(x_min, y_max, 1, 1),
        nodata=-9999,
    ) as ds:
        ds.write(data, 1)
    return path
