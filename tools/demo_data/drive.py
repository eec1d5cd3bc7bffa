"""Demo survey drive: dashcam photos with road damage along Soest streets, EXIF GPS and a GPX track.

Sample data (generated, seeded): a municipal car drives from the Bahnhof along Bahnhofstraße
into the old town to the Markt and out along Hattroper Weg towards the LWL-Berufsbildungswerk.
On three stretches the camera takes a photo about every 8 m (1280×720 JPEG); the GPX track
logs the whole drive at 1 Hz. Damages (RDD2022 classes D00 longitudinal crack, D10 transverse
crack, D20 alligator cracking, D40 pothole) lie at fixed places on the road and appear in every
photo that sees them, rendered by ``tools/train_damage_model/render.py``.

Written files (``out_dir``):

* ``images/SOEST_0001.jpg`` …: EXIF ``GPSLatitude``/``GPSLongitude`` (WGS84), ``GPSAltitude``,
  ``GPSImgDirection`` (heading), ``GPSDateStamp``/``GPSTimeStamp`` (UTC), ``DateTimeOriginal``
  (local time, CEST) with ``OffsetTimeOriginal`` ``+02:00`` and ``Orientation``. A few photos
  have **no GPS** (the GPX covers them by time) and a few are stored **upside down with
  Orientation 3** (viewers rotate them upright).
* ``drive.gpx``: the track (1 Hz, UTC times, ``ele``).
* ``labels.json``: ground truth — per photo the boxes in pixels of the upright image (class id,
  RDD2022 name), camera position (EPSG:25832 and WGS84), heading, time; per damage its position;
  the camera model (height, pitch, horizontal field of view).
"""

import json
import math
import os
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
RENDER_DIR = REPO / "tools" / "train_damage_model"

CAMERA = {"width": 1280, "height": 720, "hfov_deg": 72.0, "pitch_deg": 9.0, "height_m": 1.4}
LANE_OFFSET = 1.7  # camera right of the street centre line (driving on the right)
SPEED = 8.3  # m/s (30 km/h)
START_UTC = datetime(2026, 4, 14, 8, 0, 0, tzinfo=timezone.utc)  # 10:00 CEST
LOCAL_OFFSET = timedelta(hours=2)
PHOTO_STRETCHES = (
    ("Bahnhofstraße", 0.0, 400.0),  # (street whose part of the route, from, to metres along it)
    ("Walburgerstraße", 200.0, 800.0),
    ("Hattroper Weg", 0.0, 380.0),
)
ROAD_WIDTH = {"secondary": 8.0, "tertiary": 7.0, "pedestrian": 6.5, "residential": 5.5, "unclassified": 6.0}


def _render_module():
    if str(RENDER_DIR) not in sys.path:
        sys.path.insert(0, str(RENDER_DIR))
    import render

    return render


# ---------------------------------------------------------------------------------------------
# Route


def _graph(street_list):
    """Adjacency {node: [(neighbour, length, street index)]} of the drivable streets."""
    adjacency = {}
    for index, street in enumerate(street_list):
        if street.highway in ("footway", "steps", "path", "cycleway"):
            continue
        for a, b in zip(street.coords[:-1], street.coords[1:]):
            length = math.dist(a, b)
            adjacency.setdefault(a, []).append((b, length, index))
            adjacency.setdefault(b, []).append((a, length, index))
    return adjacency


def _nearest_node(adjacency, point):
    return min(adjacency, key=lambda n: (n[0] - point[0]) ** 2 + (n[1] - point[1]) ** 2)


def _shortest_path(adjacency, start, goal):
    import heapq

    dist, prev = {start: 0.0}, {}
    queue = [(0.0, start)]
    while queue:
        d, node = heapq.heappop(queue)
        if node == goal:
            break
        if d > dist.get(node, math.inf):
            continue
        for other, length, index in adjacency[node]:
            nd = d + length
            if nd < dist.get(other, math.inf):
                dist[other] = nd
                prev[other] = (node, index)
                heapq.heappush(queue, (nd, other))
    path, names = [goal], []
    node = goal
    while node != start:
        node, index = prev[node]
        path.append(node)
        names.append(index)
    return path[::-1], names[::-1]


def route():
    """The drive: (coords N×2 EPSG:25832, street index per segment, the street list)."""
    from tools.demo_data import streets as st

    street_list = st.streets()
    adjacency = _graph(street_list)
    bahnhof = st.street("Bahnhofstraße").coords[-1]
    markt = st.MARKT
    hattrop = st.street("Hattroper Weg").coords
    # From the Bahnhof end of Bahnhofstraße to the Markt, then to Hattroper Weg's LWL end.
    a = _nearest_node(adjacency, bahnhof)
    b = _nearest_node(adjacency, markt)
    c = _nearest_node(adjacency, st.LWL_BBW if hasattr(st, "LWL_BBW") else hattrop[-1])
    p1, s1 = _shortest_path(adjacency, a, b)
    p2, s2 = _shortest_path(adjacency, b, c)
    coords = np.array(p1 + p2[1:], dtype=np.float64)
    return coords, s1 + s2, street_list


def _chainage(coords):
    seg = np.hypot(*np.diff(coords, axis=0).T)
    return np.concatenate([[0.0], np.cumsum(seg)])


def _at(coords, chain, s):
    """Position and unit tangent at chainage s."""
    s = float(np.clip(s, 0, chain[-1]))
    i = int(np.clip(np.searchsorted(chain, s, side="right") - 1, 0, len(coords) - 2))
    t = (s - chain[i]) / max(chain[i + 1] - chain[i], 1e-9)
    p = coords[i] + t * (coords[i + 1] - coords[i])
    d = coords[i + 1] - coords[i]
    # Smooth the heading over ±6 m so the wiggles of the centre line do not jerk the camera.
    a = _point(coords, chain, s - 6.0)
    b = _point(coords, chain, s + 6.0)
    d = b - a if np.hypot(*(b - a)) > 1e-6 else d
    return p, d / max(np.hypot(*d), 1e-9), i


def _point(coords, chain, s):
    s = float(np.clip(s, 0, chain[-1]))
    i = int(np.clip(np.searchsorted(chain, s, side="right") - 1, 0, len(coords) - 2))
    t = (s - chain[i]) / max(chain[i + 1] - chain[i], 1e-9)
    return coords[i] + t * (coords[i + 1] - coords[i])


# ---------------------------------------------------------------------------------------------
# EXIF / GPX


def _rational(value, denominator=10000):
    return (int(round(value * denominator)), denominator)


def _dms(deg):
    deg = abs(deg)
    d = int(deg)
    m = int((deg - d) * 60)
    s = (deg - d - m / 60) * 3600
    return ((d, 1), (m, 1), _rational(s, 1000))


def _exif(lat, lon, alt, heading, when_utc, orientation, with_gps):
    import piexif

    local = when_utc + LOCAL_OFFSET
    stamp = local.strftime("%Y:%m:%d %H:%M:%S")
    zeroth = {
        piexif.ImageIFD.Make: b"Stadt Soest (demo)",
        piexif.ImageIFD.Model: b"Synthetic dashcam",
        piexif.ImageIFD.Orientation: int(orientation),
        piexif.ImageIFD.DateTime: stamp.encode(),
        piexif.ImageIFD.Software: b"soest_qgis_plugin demo generator",
    }
    exif = {
        piexif.ExifIFD.DateTimeOriginal: stamp.encode(),
        piexif.ExifIFD.DateTimeDigitized: stamp.encode(),
        piexif.ExifIFD.OffsetTimeOriginal: b"+02:00",
        piexif.ExifIFD.SubSecTimeOriginal: f"{local.microsecond // 10000:02d}".encode(),
    }
    gps = {}
    if with_gps:
        gps = {
            piexif.GPSIFD.GPSVersionID: (2, 3, 0, 0),
            piexif.GPSIFD.GPSLatitudeRef: b"N" if lat >= 0 else b"S",
            piexif.GPSIFD.GPSLatitude: _dms(lat),
            piexif.GPSIFD.GPSLongitudeRef: b"E" if lon >= 0 else b"W",
            piexif.GPSIFD.GPSLongitude: _dms(lon),
            piexif.GPSIFD.GPSAltitudeRef: 0,
            piexif.GPSIFD.GPSAltitude: _rational(alt, 100),
            piexif.GPSIFD.GPSImgDirectionRef: b"T",
            piexif.GPSIFD.GPSImgDirection: _rational(heading % 360, 100),
            piexif.GPSIFD.GPSDateStamp: when_utc.strftime("%Y:%m:%d").encode(),
            piexif.GPSIFD.GPSTimeStamp: (
                (when_utc.hour, 1),
                (when_utc.minute, 1),
                _rational(when_utc.second + when_utc.microsecond / 1e6, 100),
            ),
        }
    return piexif.dump({"0th": zeroth, "Exif": exif, "GPS": gps, "1st": {}, "thumbnail": None})


def _gpx(points):
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gpx version="1.1" creator="soest_qgis_plugin demo generator" xmlns="http://www.topografix.com/GPX/1/1">',
        "  <metadata><name>Soest Befahrung (Demo)</name></metadata>",
        "  <trk><name>Befahrung Bahnhof – Markt – Hattroper Weg</name><trkseg>",
    ]
    for lat, lon, ele, when in points:
        lines.append(
            f'    <trkpt lat="{lat:.7f}" lon="{lon:.7f}"><ele>{ele:.1f}</ele>'
            f"<time>{when.strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
        )
    lines += ["  </trkseg></trk>", "</gpx>", ""]
    return "\n".join(lines)


def _elevation(e, n):
    # Gentle rise to the south as in the demo terrain (≈ 90–100 m).
    return 95.0 + (5713715.0 - n) * 0.004


# ---------------------------------------------------------------------------------------------
# Generator


def _photo_positions(coords, chain, seg_streets, street_list, count):
    """Chainages of the photos: evenly on the photo stretches, about 8 m apart."""
    windows = []
    for name, start, end in PHOTO_STRETCHES:
        segs = [i for i, idx in enumerate(seg_streets) if street_list[idx].name == name]
        if not segs:
            continue
        s0, s1 = chain[segs[0]], chain[segs[-1] + 1]
        a, b = s0 + start, min(s1, s0 + end)
        if b > a + 10:
            windows.append((a, b))
    total = sum(b - a for a, b in windows)
    spacing = max(8.0, total / max(count, 1))
    positions = []
    for a, b in windows:
        positions += list(np.arange(a + 4.0, b, spacing))
    return positions[:count], windows


def _place_damages(rng, chain, windows, street_of):
    """Damage positions along the photo stretches: (chainage, lateral offset, class, size)."""
    render = _render_module()
    damages = []
    for a, b in windows:
        s = a + rng.uniform(12, 25)
        while s < b + 10:
            cls = int(rng.choice([render.D40, render.D40, render.D00, render.D10, render.D20]))
            lateral = rng.uniform(0.4, 3.0)  # right of the centre line, in the camera's lane
            if cls == render.D40:
                size = rng.uniform(0.3, 0.7)
            elif cls == render.D20:
                size = rng.uniform(0.9, 2.0)
            elif cls == render.D10:
                size = rng.uniform(1.5, 3.2)
                lateral = rng.uniform(1.2, 2.0)
            else:
                size = rng.uniform(2.0, 5.0)
                lateral = rng.uniform(0.8, 2.8)
            damages.append(
                {
                    "chainage": float(s),
                    "lateral": float(lateral),
                    "class_id": cls,
                    "size": float(size),
                    "angle": float(rng.normal(0, 0.1)),
                    "seed": int(rng.integers(1, 2**31)),
                    "street": street_of(s),
                }
            )
            s += rng.uniform(12, 30)
    return damages


def generate(out_dir, seed=2026, count=100):
    """Write the demo drive into ``out_dir``; returns a summary dict (counts and paths)."""
    from PIL import Image
    from pyproj import Transformer

    render = _render_module()
    out = Path(out_dir)
    (out / "images").mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    to_wgs = Transformer.from_crs(25832, 4326, always_xy=True)

    coords, seg_streets, street_list = route()
    chain = _chainage(coords)

    def street_at(s):
        i = int(np.clip(np.searchsorted(chain, s, side="right") - 1, 0, len(seg_streets) - 1))
        return street_list[seg_streets[i]]

    positions, windows = _photo_positions(coords, chain, seg_streets, street_list, count)
    damages = _place_damages(rng, chain, windows, lambda s: street_at(s).name)
    for i, d in enumerate(damages, 1):
        p, t, _ = _at(coords, chain, d["chainage"])
        right = np.array([t[1], -t[0]])
        e, n = p + right * d["lateral"]
        lon, lat = to_wgs.transform(e, n)
        d.update(
            id=i,
            class_name=render.CLASS_NAMES[d["class_id"]],
            easting=round(float(e), 2),
            northing=round(float(n), 2),
            lat=round(lat, 7),
            lon=round(lon, 7),
        )

    # Time along the route at constant speed (short stop at the Markt).
    def time_at(s):
        return START_UTC + timedelta(seconds=float(s) / SPEED)

    n = len(positions)
    no_gps = {int(v) for v in rng.choice(n, size=min(n, max(1, n // 25)), replace=False)} if n else set()
    rest = sorted(set(range(n)) - no_gps)
    upside = {int(v) for v in rng.choice(rest, size=min(len(rest), max(1, n // 50)), replace=False)} if rest else set()
    cam_params = dict(CAMERA)
    frames = []
    styles = {}
    for k, s in enumerate(positions):
        street = street_at(s)
        p, t, _ = _at(coords, chain, s)
        right = np.array([t[1], -t[0]])
        cam_en = p + right * LANE_OFFSET
        heading = math.degrees(math.atan2(t[0], t[1])) % 360
        frng = np.random.default_rng([seed, k])
        if street.name not in styles:
            style = render.random_style(np.random.default_rng([seed, 1000 + len(styles)]), "dashcam")
            style.light, style.wet, style.exposure = "overcast", 0.0, 1.05
            style.blur, style.noise, style.jpeg_quality = 0.0, 2.0, 92
            style.road_width = ROAD_WIDTH.get(street.highway, 6.5)
            style.facades = True
            style.facade_distance = 2.5 if street.highway == "pedestrian" else 4.0
            style.markings = "none" if street.highway == "pedestrian" else "dashed"
            style.sidewalk = "paving"
            style.curvature = 0.0
            style.far = 60.0
            style.sealed_cracks = 0
            style.oil = 0
            styles[street.name] = style
        style = styles[street.name]
        style.road_offset = -LANE_OFFSET
        style.sun_azimuth = math.radians((200 - heading) % 360)  # sun from the south, relative to heading
        style.shadows = 0.0  # overcast: no hard shadows
        cam = render.Camera(
            CAMERA["width"],
            CAMERA["height"],
            CAMERA["hfov_deg"],
            CAMERA["pitch_deg"] + float(frng.normal(0, 0.4)),
            CAMERA["height_m"],
            float(frng.normal(0, 0.5)),
            0.0,
        )
        visible = []
        for d in damages:
            rel = np.array([d["easting"], d["northing"]]) - cam_en
            z, x = float(rel @ t), float(rel @ right)
            if 2.0 < z < 40.0 and abs(x) < 12:
                visible.append((d, render.Damage(d["class_id"], x, z, d["size"], d["angle"], d["seed"])))
        image, boxes = render.render(frng, cam, style, [v[1] for v in visible], max_texture_px=1_200_000)
        # Map boxes to damage ids by projecting each damage's centre.
        labelled = []
        for c, x1, y1, x2, y2 in boxes:
            best, best_d = None, math.inf
            for d, dmg in visible:
                if dmg.class_id != c:
                    continue
                uv, _ = cam.project(np.array([[dmg.x, 0.0, dmg.z]]))
                dist = math.hypot(uv[0, 0] - (x1 + x2) / 2, uv[0, 1] - (y1 + y2) / 2)
                if dist < best_d:
                    best, best_d = d, dist
            labelled.append(
                {
                    "class_id": int(c),
                    "class_name": render.CLASS_NAMES[int(c)],
                    "x1": round(x1, 1),
                    "y1": round(y1, 1),
                    "x2": round(x2, 1),
                    "y2": round(y2, 1),
                    "damage_id": best["id"] if best else None,
                }
            )
        when = time_at(s) + timedelta(milliseconds=int(frng.integers(0, 400)))
        lon, lat = to_wgs.transform(*cam_en)
        alt = _elevation(*cam_en)
        orientation = 3 if k in upside else 1
        name = f"SOEST_{k + 1:04d}.jpg"
        pil = Image.fromarray(image)
        if orientation == 3:
            pil = pil.rotate(180)
        exif = _exif(lat, lon, alt, heading, when, orientation, k not in no_gps)
        tmp = out / "images" / (name + ".tmp")
        pil.save(tmp, format="JPEG", quality=90, exif=exif)
        os.replace(tmp, out / "images" / name)
        frames.append(
            {
                "file": f"images/{name}",
                "time_utc": when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z",
                "has_gps": k not in no_gps,
                "orientation": orientation,
                "lat": round(lat, 7),
                "lon": round(lon, 7),
                "easting": round(float(cam_en[0]), 2),
                "northing": round(float(cam_en[1]), 2),
                "heading_deg": round(heading, 1),
                "street": street.name,
                "boxes": labelled,
            }
        )

    # GPX: the whole route at 1 Hz.
    points = []
    total_s = chain[-1] / SPEED
    for sec in range(int(total_s) + 1):
        s = sec * SPEED
        p, t, _ = _at(coords, chain, s)
        e, n = p + np.array([t[1], -t[0]]) * LANE_OFFSET
        lon, lat = to_wgs.transform(e, n)
        points.append((lat, lon, _elevation(e, n), START_UTC + timedelta(seconds=sec)))
    (out / "drive.gpx").write_text(_gpx(points), encoding="utf-8")

    labels = {
        "description": "Soest demo survey drive (synthetic sample data); boxes in pixels of the upright image",
        "classes": {str(k): v for k, v in render.CLASS_NAMES.items()},
        "crs": "EPSG:25832",
        "camera": cam_params,
        "lane_offset_m": LANE_OFFSET,
        "exif_time": "DateTimeOriginal is local time (CEST), OffsetTimeOriginal +02:00; GPX times are UTC",
        "images": frames,
        "damages": damages,
    }
    (out / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1), encoding="utf-8")
    return {
        "images": len(frames),
        "without_gps": len(no_gps),
        "upside_down": len(upside),
        "damages": len(damages),
        "boxes": sum(len(f["boxes"]) for f in frames),
        "gpx_points": len(points),
        "out": str(out),
    }


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    print(generate(sys.argv[1] if len(sys.argv) > 1 else "demo-data/drive"))
