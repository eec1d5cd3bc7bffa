"""GTFS feed of a demo shuttle line modelled on the 2021 "SOfia" test route in Soest (EasyMile EZ10).

Sample data: stops, times and calendar are invented for the demo (not the real timetable).
Outbound (direction 0): Bahnhof – Hammer Weg – Feldmühlenweg – Hattroper Weg – LWL-Berufsbildungswerk;
return (direction 1): LWL-Berufsbildungswerk – Kleppingweg – Oelmüllerweg – Hammer Weg – Bahnhof.

Stops lie exactly on vertices of the demo street lines (``streets.py``) and on the shapes;
``stops()`` and ``shape_coords()`` are used by the network and survey generators too, so every
``stop_id`` here is referenced by ``survey.gpkg|stop_kerbs``.
"""

import csv
import functools
import heapq
import io
import math
import os
import zipfile
from dataclasses import dataclass

import numpy as np

from . import streets as st

FOLDER = "gtfs_sofia"
ZIPNAME = "gtfs_sofia.zip"
AGENCY_ID = "RLG"
ROUTE_ID = "SOFIA"
SERVICE_WEEKDAY = "WERKTAG"
SPEED_KMH = 12.0  # EZ10 in mixed traffic
DWELL_S = 30
HEADWAY_MIN = 20
FIRST_DEPARTURE = 6 * 60  # minutes after midnight
LAST_DEPARTURE = 20 * 60
LATE_DEPARTURES = (23 * 60 + 50, 24 * 60 + 10)  # the "Nachtfahrt": outbound 23:50, return 24:10


@dataclass(frozen=True)
class Stop:
    stop_id: str
    name: str
    street: str
    x: float
    y: float
    wheelchair_boarding: int  # GTFS: 0 unknown, 1 possible, 2 not possible


# stop_id, stop_name, street it lies on, approximate position, wheelchair_boarding
_STOP_DEFS = (
    ("SOF_BF", "Soest Bahnhof", "Bahnhofsplatz", (438262.0, 5714512.0), 1),
    ("SOF_HW", "Hammer Weg", "Hammer Weg", (438700.0, 5714480.0), 1),
    ("SOF_FM", "Feldmühlenweg", "Feldmühlenweg", (439310.0, 5713500.0), 2),
    ("SOF_HTW", "Hattroper Weg", "Hattroper Weg", (439265.0, 5712420.0), 1),
    ("SOF_LWL", "LWL-Berufsbildungswerk", "Hattroper Weg", st.LWL_BBW, 1),
    ("SOF_KW", "Kleppingweg", "Kleppingweg", (438900.0, 5712125.0), 0),
    ("SOF_OW", "Oelmüllerweg", "Oelmüllerweg", (438880.0, 5713400.0), 1),
    ("SOF_OWN", "Oelmüllerweg Nord", "Oelmüllerweg", (438960.0, 5714100.0), 0),
)

# Stop sequence and the streets the vehicle may use, per direction.
_DIRECTIONS = {
    0: (
        ("SOF_BF", "SOF_HW", "SOF_FM", "SOF_HTW", "SOF_LWL"),
        {"Bahnhofsplatz", "Hammer Weg", "Feldmühlenweg", "Hattroper Weg"},
        "LWL-Berufsbildungswerk",
    ),
    1: (
        ("SOF_LWL", "SOF_KW", "SOF_OW", "SOF_OWN", "SOF_HW", "SOF_BF"),
        {"Kleppingweg", "Oelmüllerweg", "Hammer Weg", "Bahnhofsplatz"},
        "Soest Bahnhof",
    ),
}

# Holidays in NRW without service, and one extra Saturday (Allerheiligenkirmes).
_CALENDAR_START, _CALENDAR_END = "20260101", "20261231"
_NO_SERVICE = ("20260101", "20260403", "20260406", "20260501", "20260514", "20260525", "20260604", "20261225")
_EXTRA_SERVICE = ("20261107",)


@functools.lru_cache(maxsize=1)
def _stops():
    out = []
    for stop_id, name, street_name, target, wb in _STOP_DEFS:
        coords = st.street(street_name).coords
        x, y = min(coords, key=lambda c: (c[0] - target[0]) ** 2 + (c[1] - target[1]) ** 2)
        out.append(Stop(stop_id, name, street_name, x, y, wb))
    return tuple(out)


def stops():
    """The shuttle stops (EPSG:25832), each exactly on a street vertex."""
    return list(_stops())


def stop(stop_id):
    for s in _stops():
        if s.stop_id == stop_id:
            return s
    raise KeyError(stop_id)


def _graph(allowed):
    adj = {}
    for s in st.streets():
        if s.name not in allowed:
            continue
        for a, b in zip(s.coords[:-1], s.coords[1:]):
            d = math.dist(a, b)
            adj.setdefault(a, []).append((b, d))
            adj.setdefault(b, []).append((a, d))
    return adj


def _shortest(adj, start, goal):
    dist = {start: 0.0}
    prev = {}
    heap = [(0.0, start)]
    while heap:
        d, node = heapq.heappop(heap)
        if node == goal:
            break
        if d > dist.get(node, math.inf):
            continue
        for nxt, w in adj.get(node, ()):
            nd = d + w
            if nd < dist.get(nxt, math.inf):
                dist[nxt] = nd
                prev[nxt] = node
                heapq.heappush(heap, (nd, nxt))
    if goal not in dist:
        raise ValueError("no street path between {} and {}".format(start, goal))
    path = [goal]
    while path[-1] != start:
        path.append(prev[path[-1]])
    return path[::-1]


@functools.lru_cache(maxsize=2)
def _shape(direction):
    sequence, allowed, _ = _DIRECTIONS[direction]
    adj = _graph(allowed)
    coords = []
    stop_dist = []
    for a, b in zip(sequence[:-1], sequence[1:]):
        pa, pb = stop(a), stop(b)
        path = _shortest(adj, (pa.x, pa.y), (pb.x, pb.y))
        coords.extend(path if not coords else path[1:])
    # distance along the shape of each stop (first occurrence after the previous stop)
    cum = [0.0]
    for p, q in zip(coords[:-1], coords[1:]):
        cum.append(cum[-1] + math.dist(p, q))
    k = 0
    for sid in sequence:
        s = stop(sid)
        while coords[k] != (s.x, s.y):
            k += 1
        stop_dist.append(cum[k])
    return tuple(coords), tuple(stop_dist)


def shape_coords(direction):
    """Shape of a direction (0 outbound, 1 return) as ((x, y), ...) in EPSG:25832 along the streets."""
    return list(_shape(direction)[0])


def stop_sequence(direction):
    return list(_DIRECTIONS[direction][0])


def _to_wgs84(xy):
    from pyproj import Transformer

    tr = Transformer.from_crs(25832, 4326, always_xy=True)
    xs, ys = zip(*xy)
    lon, lat = tr.transform(np.asarray(xs), np.asarray(ys))
    return list(zip(lon.tolist(), lat.tolist()))


def _hms(seconds):
    seconds = int(round(seconds))
    return "{:02d}:{:02d}:{:02d}".format(seconds // 3600, seconds // 60 % 60, seconds % 60)


def _trip_times(direction, start_s):
    """(arrival, departure) seconds per stop for a trip starting at ``start_s``."""
    _, dists = _shape(direction)
    speed = SPEED_KMH / 3.6
    out = []
    t = float(start_s)
    prev = 0.0
    for i, d in enumerate(dists):
        t += (d - prev) / speed
        prev = d
        arrival = round(t / 60.0) * 60 if i else start_s  # whole minutes like most feeds
        departure = arrival + (DWELL_S if 0 < i < len(dists) - 1 else 0)
        out.append((arrival, departure))
        t = departure
    return out


def tables(seed=0):
    """All GTFS tables as {filename: (header, rows)}; deterministic for a seed."""
    rng = np.random.default_rng(seed)
    all_stops = stops()
    lonlat = _to_wgs84([(s.x, s.y) for s in all_stops])
    t = {}
    t["agency.txt"] = (
        ["agency_id", "agency_name", "agency_url", "agency_timezone", "agency_lang", "agency_phone"],
        [[AGENCY_ID, "Regionalverkehr Ruhr-Lippe (Demo)", "https://www.rlg-online.de/", "Europe/Berlin", "de", ""]],
    )
    t["routes.txt"] = (
        [
            "route_id",
            "agency_id",
            "route_short_name",
            "route_long_name",
            "route_desc",
            "route_type",
            "route_color",
            "route_text_color",
        ],  # noqa: E501
        [
            [
                ROUTE_ID,
                AGENCY_ID,
                "SOfia",
                "Bahnhof – LWL-Berufsbildungswerk",
                "Autonomer Shuttle (EasyMile EZ10), Demo-Fahrplan",
                "3",
                "E30613",
                "FFFFFF",
            ]
        ],
    )
    stop_rows = []
    for s, (lon, lat) in zip(all_stops, lonlat):
        stop_rows.append(
            [s.stop_id, s.name, "{:.7f}".format(lat), "{:.7f}".format(lon), "0", "", str(s.wheelchair_boarding)]
        )
    t["stops.txt"] = (
        ["stop_id", "stop_name", "stop_lat", "stop_lon", "location_type", "parent_station", "wheelchair_boarding"],
        stop_rows,
    )
    shape_rows = []
    for direction in (0, 1):
        coords = shape_coords(direction)
        ll = _to_wgs84(coords)
        cum = 0.0
        for i, ((lon, lat), p) in enumerate(zip(ll, coords)):
            if i:
                cum += math.dist(coords[i - 1], p)
            shape_rows.append(
                [
                    "SOFIA_{}".format(direction),
                    "{:.7f}".format(lat),
                    "{:.7f}".format(lon),
                    str(i + 1),
                    "{:.1f}".format(cum),
                ]
            )
    t["shapes.txt"] = (
        ["shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence", "shape_dist_traveled"],
        shape_rows,
    )
    trips, stop_times = [], []
    departures = {
        0: list(range(FIRST_DEPARTURE, LAST_DEPARTURE + 1, HEADWAY_MIN)) + [LATE_DEPARTURES[0]],
        1: list(range(FIRST_DEPARTURE + 10, LAST_DEPARTURE + 11, HEADWAY_MIN)) + [LATE_DEPARTURES[1]],
    }
    _, dists0 = _shape(0)
    for direction in (0, 1):
        sequence, _, headsign = _DIRECTIONS[direction]
        _, dists = _shape(direction)
        for minute in departures[direction]:
            trip_id = "SOFIA_{}_{:02d}{:02d}".format(direction, minute // 60, minute % 60)
            # one vehicle of the fleet is an older one without ramp (wheelchair_accessible = 2)
            accessible = "2" if rng.random() < 0.1 else "1"
            trips.append(
                [ROUTE_ID, SERVICE_WEEKDAY, trip_id, headsign, str(direction), "SOFIA_{}".format(direction), accessible]
            )
            for seq, (sid, (arr, dep), d) in enumerate(zip(sequence, _trip_times(direction, minute * 60), dists), 1):
                stop_times.append([trip_id, _hms(arr), _hms(dep), sid, str(seq), "{:.1f}".format(d)])
    t["trips.txt"] = (
        ["route_id", "service_id", "trip_id", "trip_headsign", "direction_id", "shape_id", "wheelchair_accessible"],
        trips,
    )
    t["stop_times.txt"] = (
        ["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence", "shape_dist_traveled"],
        stop_times,
    )
    t["calendar.txt"] = (
        [
            "service_id",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "start_date",
            "end_date",
        ],
        [[SERVICE_WEEKDAY, "1", "1", "1", "1", "1", "0", "0", _CALENDAR_START, _CALENDAR_END]],
    )
    dates = [[SERVICE_WEEKDAY, d, "2"] for d in _NO_SERVICE] + [[SERVICE_WEEKDAY, d, "1"] for d in _EXTRA_SERVICE]
    t["calendar_dates.txt"] = (["service_id", "date", "exception_type"], sorted(dates, key=lambda r: r[1]))
    t["feed_info.txt"] = (
        [
            "feed_publisher_name",
            "feed_publisher_url",
            "feed_lang",
            "feed_start_date",
            "feed_end_date",
            "feed_version",
            "feed_contact_email",
        ],  # noqa: E501
        [
            [
                "Stadt Soest – Demodaten (generiert, kein amtlicher Fahrplan)",
                "https://www.soest.de/",
                "de",
                _CALENDAR_START,
                _CALENDAR_END,
                "demo-2026.1",
                "",
            ]
        ],
    )
    return t


def _csv_bytes(header, rows):
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def generate(out_dir, seed=0):
    """Write ``gtfs_sofia/`` (one .txt per table) and ``gtfs_sofia.zip``; return the folder path."""
    from soest_qgis_plugin.common.atomic import atomic_path, atomic_write

    folder = os.path.join(os.fspath(out_dir), FOLDER)
    os.makedirs(folder, exist_ok=True)
    data = {name: _csv_bytes(header, rows) for name, (header, rows) in tables(seed).items()}
    for name, payload in data.items():
        with atomic_write(os.path.join(folder, name), "wb") as fh:
            fh.write(payload)
    with (
        atomic_path(os.path.join(os.fspath(out_dir), ZIPNAME)) as tmp,
        zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf,
    ):
        for name in sorted(data):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data[name])
    return folder
