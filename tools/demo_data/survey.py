"""Guide4Blind-style survey layers of the Soest demo area (GeoPackage, EPSG:25832).

Sample data, generated on the demo footway network (``network.py``) – not the real survey of
the city's navigation system for blind people. Field names are English, values German where
the surveyors would write German; yes/no fields hold ``yes`` / ``no`` (NULL = not surveyed).

``survey.gpkg`` layers:

* ``tactile_guidance`` (LineString): ``guidance_id``, ``type`` (Leitstreifen, Aufmerksamkeitsfeld,
  Auffindestreifen), ``condition`` (gut, mittel, schlecht), ``material``, ``surveyed``.
* ``obstacles`` (Point, on the footway lines): ``obstacle_id``, ``type`` (Poller, Pflanzkübel,
  Stufe, Kundenstopper, Fahrradständer), ``height_cm``, ``detectable_with_cane``, ``description``.
* ``crossings`` (Point, on the crossing nodes of the network): ``crossing_id``, ``name``,
  ``acoustic_signal``, ``tactile_paving``, ``kerb_height_cm``, ``traffic_signals``, ``surveyed``.
* ``stop_kerbs`` (Point at each shuttle stop's kerb): ``stop_id`` (as in the GTFS), ``stop_name``,
  ``kerb_height_cm`` (22 = Kasseler Sonderbord; Feldmühlenweg 12; NULL = not surveyed),
  ``kerb_type``, ``boarding_field``, ``guide_strip``, ``surveyed``, ``note``.
"""

import functools
import math
import os
import re

import numpy as np

from . import gtfs, network
from . import streets as st

FILENAME = "survey.gpkg"

# stop_id: (kerb_height_cm, kerb_type, boarding_field, guide_strip, surveyed, note)
STOP_KERBS = {
    "SOF_BF": (22, "Kasseler Sonderbord", "yes", "yes", "2025-09-16", None),
    "SOF_HW": (22, "Kasseler Sonderbord", "yes", "no", "2025-09-16", None),
    "SOF_FM": (12, "Hochbord", "no", "no", "2025-09-16", "Bordhöhe 12 cm, kein stufenloser Einstieg"),
    "SOF_HTW": (22, "Kasseler Sonderbord", "yes", "yes", "2025-09-17", None),
    "SOF_LWL": (22, "Kasseler Sonderbord", "yes", "yes", "2025-09-17", None),
    "SOF_KW": (22, "Kasseler Sonderbord", "no", None, "2025-09-17", "Wartefläche ohne Anschluss an den Gehweg"),
    "SOF_OW": (22, "Kasseler Sonderbord", "yes", "no", "2025-09-18", None),
    "SOF_OWN": (None, None, None, None, None, "noch nicht erfasst"),
}

_GUIDED_STREETS = ("Bahnhofstraße", "Bahnhofsplatz", "Walburgerstraße", "Markt", "Rathausstraße", "Marktstraße")


def parse_kerb_cm(text):
    """Centimetres from an OSM kerb:height value ("0.03", "3 cm", "ca. 10cm", "0,03"); None if unclear."""
    if text is None:
        return None
    m = re.search(r"(\d+(?:[.,]\d+)?)\s*(cm|m)?", str(text))
    if not m:
        return None
    value = float(m.group(1).replace(",", "."))
    unit = m.group(2)
    if unit == "cm":
        return int(round(value))
    return int(round(value * 100))


def _along(coords, f):
    cum = [0.0]
    for p, q in zip(coords[:-1], coords[1:]):
        cum.append(cum[-1] + math.dist(p, q))
    d = f * cum[-1]
    for i in range(1, len(coords)):
        if cum[i] >= d:
            seg = cum[i] - cum[i - 1] or 1.0
            t = (d - cum[i - 1]) / seg
            (x0, y0), (x1, y1) = coords[i - 1], coords[i]
            return (round(x0 + (x1 - x0) * t, 2), round(y0 + (y1 - y0) * t, 2)), math.atan2(y1 - y0, x1 - x0)
    return coords[-1], 0.0


def _line_index(lines):
    """Nearest named street for a point (cheap grid index over street vertices)."""
    cells = {}
    for s in lines:
        for x, y in s.coords:
            cells.setdefault((int(x // 50), int(y // 50)), []).append((x, y, s.name))

    def nearest(x, y, radius=2):
        best = None
        cx, cy = int(x // 50), int(y // 50)
        for dx in range(-radius, radius + 1):
            for dy in range(-radius, radius + 1):
                for vx, vy, name in cells.get((cx + dx, cy + dy), ()):
                    d = (vx - x) ** 2 + (vy - y) ** 2
                    if best is None or d < best[0]:
                        best = (d, name)
        return (math.sqrt(best[0]), best[1]) if best else (math.inf, None)

    return nearest


@functools.lru_cache(maxsize=4)
def build(seed=0):
    """Survey layers as plain data: {layer: [(coords, values)]}."""
    rng = np.random.default_rng(seed + 7)
    net = network.build(seed)
    ways, nodes = net["ways"], net["nodes"]
    nearest_street = _line_index(st.streets())
    route_pts = gtfs.shape_coords(0) + gtfs.shape_coords(1)

    def near_route(x, y, dist=250.0):
        return any((x - a) ** 2 + (y - b) ** 2 <= dist * dist for a, b in route_pts[::3])

    def interesting(x, y):
        return network._old_town(x, y, 1.05) or near_route(x, y)

    dates = ["2025-09-{:02d}".format(d) for d in (15, 16, 17, 18, 19, 22, 23)]

    # crossings: the crossing node followed by its two kerb nodes (see network.build)
    crossings = []
    for k, (xy, tags) in enumerate(nodes):
        if tags.get("highway") != "crossing" or not interesting(*xy):
            continue
        kerbs = [nodes[k + 1][1], nodes[k + 2][1]] if k + 2 < len(nodes) else []
        heights = [parse_kerb_cm(t.get("kerb_height")) for t in kerbs]
        heights = [h for h in heights if h is not None]
        street = tags.get("_street") or nearest_street(*xy)[1]
        signals = tags.get("crossing") == "traffic_signals"
        crossings.append(
            (
                xy,
                {
                    "crossing_id": "Q{:04d}".format(len(crossings) + 1),
                    "name": "Querung {}".format(street) if street else None,
                    "acoustic_signal": "yes" if tags.get("traffic_signals_sound") == "yes" else "no",
                    "tactile_paving": "yes" if tags.get("tactile_paving") == "yes" else "no",
                    "kerb_height_cm": max(heights) if heights else None,
                    "traffic_signals": "yes" if signals else "no",
                    "surveyed": dates[int(rng.integers(len(dates)))],
                },
            )
        )

    # tactile guidance
    guidance = []

    def add_guidance(coords, kind, material):
        cond = ("gut", "gut", "gut", "mittel", "mittel", "schlecht")[int(rng.integers(6))]
        guidance.append(
            (
                coords,
                {
                    "guidance_id": "L{:04d}".format(len(guidance) + 1),
                    "type": kind,
                    "condition": cond,
                    "material": material,
                    "surveyed": dates[int(rng.integers(len(dates)))],
                },
            )
        )

    for coords, tags in ways:
        mx, my = coords[len(coords) // 2]
        if tags.get("footway") == "sidewalk" or tags.get("highway") in ("pedestrian", "platform"):
            dist, street = nearest_street(mx, my, 1)
            guided = (street in _GUIDED_STREETS and dist < 12.0) or tags.get("highway") == "platform"
            if guided and rng.random() < 0.85:  # a few gaps in the guidance
                add_guidance(coords, "Leitstreifen", "Rippenplatte")
        if tags.get("footway") == "crossing" and tags.get("tactile_paving") == "yes" and interesting(mx, my):
            for end, nxt in ((coords[0], coords[1]), (coords[-1], coords[-2])):
                ang = math.atan2(nxt[1] - end[1], nxt[0] - end[0]) + math.pi / 2
                dx, dy = 1.5 * math.cos(ang), 1.5 * math.sin(ang)
                add_guidance(
                    [(round(end[0] - dx, 2), round(end[1] - dy, 2)), (round(end[0] + dx, 2), round(end[1] + dy, 2))],
                    "Aufmerksamkeitsfeld",
                    "Noppenplatte",
                )

    # stop kerbs (right-hand kerb in the first direction serving the stop) and their finding strips
    stop_kerbs = []
    for s in gtfs.stops():
        height, kind, field, strip, surveyed, note = STOP_KERBS[s.stop_id]
        direction = 0 if s.stop_id in gtfs.stop_sequence(0) else 1
        shape = gtfs.shape_coords(direction)
        k = shape.index((s.x, s.y))
        a, c = shape[max(k - 1, 0)], shape[min(k + 1, len(shape) - 1)]
        ang = math.atan2(c[1] - a[1], c[0] - a[0])
        rx, ry = math.sin(ang), -math.cos(ang)  # right of the direction of travel
        kerb = (round(s.x + 3.0 * rx, 2), round(s.y + 3.0 * ry, 2))
        stop_kerbs.append(
            (
                kerb,
                {
                    "stop_id": s.stop_id,
                    "stop_name": s.name,
                    "kerb_height_cm": height,
                    "kerb_type": kind,
                    "boarding_field": field,
                    "guide_strip": strip,
                    "surveyed": surveyed,
                    "note": note,
                },
            )
        )
        if strip == "yes":
            far = (round(s.x + 6.5 * rx, 2), round(s.y + 6.5 * ry, 2))
            add_guidance([kerb, far], "Auffindestreifen", "Rippenplatte")

    # obstacles on the footways of the old town and around the Bahnhof
    obstacles = []
    kinds = (
        ("Kundenstopper", 4.0, (60, 110), 0.15),
        ("Poller", 1.5, (40, 100), 0.8),
        ("Pflanzkübel", 1.5, (50, 90), 0.9),
        ("Fahrradständer", 1.0, (70, 100), 0.4),
        ("Stufe", 1.0, (10, 20), 0.6),
    )
    texts = {
        "Kundenstopper": "Werbeaufsteller vor Geschäft",
        "Poller": "Poller an Einfahrt Fußgängerzone",
        "Pflanzkübel": "Pflanzkübel im Gehbereich",
        "Fahrradständer": "Fahrradständer ragt in den Gehweg",
        "Stufe": "Eingangsstufe ragt in den Gehweg",
    }
    weights = np.array([k[1] for k in kinds])
    candidates = [
        (coords, tags)
        for coords, tags in ways
        if tags.get("highway") in ("footway", "pedestrian", "living_street")
        and tags.get("footway") != "crossing"
        and (network._old_town(*coords[0], 1.0) or math.dist(coords[0], st.BAHNHOF) < 200.0)
    ]
    for coords, _ in candidates:
        if rng.random() > 0.18:
            continue
        kind, _, (h0, h1), p_detect = kinds[int(rng.choice(len(kinds), p=weights / weights.sum()))]
        if kind == "Fahrradständer" and math.dist(coords[0], st.BAHNHOF) > 200.0 and rng.random() < 0.7:
            kind, _, (h0, h1), p_detect = kinds[0]
        xy, _ = _along(coords, float(rng.uniform(0.2, 0.8)))
        obstacles.append(
            (
                xy,
                {
                    "obstacle_id": "H{:04d}".format(len(obstacles) + 1),
                    "type": kind,
                    "height_cm": int(rng.integers(h0, h1 + 1)),
                    "detectable_with_cane": "yes" if rng.random() < p_detect else "no",
                    "description": texts[kind],
                    "surveyed": dates[int(rng.integers(len(dates)))],
                },
            )
        )
    return {"tactile_guidance": guidance, "obstacles": obstacles, "crossings": crossings, "stop_kerbs": stop_kerbs}


FIELDS = {
    "tactile_guidance": [
        ("guidance_id", "str"),
        ("type", "str"),
        ("condition", "str"),
        ("material", "str"),
        ("surveyed", "str"),
    ],  # noqa: E501
    "obstacles": [
        ("obstacle_id", "str"),
        ("type", "str"),
        ("height_cm", "int"),
        ("detectable_with_cane", "str"),
        ("description", "str"),
        ("surveyed", "str"),
    ],
    "crossings": [
        ("crossing_id", "str"),
        ("name", "str"),
        ("acoustic_signal", "str"),
        ("tactile_paving", "str"),
        ("kerb_height_cm", "int"),
        ("traffic_signals", "str"),
        ("surveyed", "str"),
    ],
    "stop_kerbs": [
        ("stop_id", "str"),
        ("stop_name", "str"),
        ("kerb_height_cm", "int"),
        ("kerb_type", "str"),
        ("boarding_field", "str"),
        ("guide_strip", "str"),
        ("surveyed", "str"),
        ("note", "str"),
    ],
}
GEOMETRY = {"tactile_guidance": "line", "obstacles": "point", "crossings": "point", "stop_kerbs": "point"}


def generate(out_dir, seed=0):
    """Write ``survey.gpkg`` and return its path."""
    from soest_qgis_plugin.common.atomic import atomic_path

    from . import gpkg

    data = build(seed)
    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(os.fspath(out_dir), FILENAME)
    layers = [(name, GEOMETRY[name], FIELDS[name], data[name]) for name in FIELDS]
    with atomic_path(target) as tmp:
        gpkg.write(tmp, layers)
    return target
