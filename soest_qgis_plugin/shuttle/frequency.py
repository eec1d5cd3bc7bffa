"""Route frequency per segment (stop to stop) for a chosen day and time window, like GTFS-GO."""

import numpy as np

from . import gtfs


def trip_departures(feed, trip_id):
    """Start offsets (s) of a trip: [0] for a normal trip, one per headway for frequencies.txt."""
    rows = [r for r in feed.frequencies if r.get("trip_id") == trip_id]
    if not rows:
        return [0]
    times = feed.stop_times.get(trip_id) or []
    first = next((t[3] if t[3] is not None else t[2] for t in times if (t[3] or t[2]) is not None), 0)
    offsets = []
    for row in rows:
        start, end = gtfs.parse_time(row.get("start_time")), gtfs.parse_time(row.get("end_time"))
        try:
            headway = int(row.get("headway_secs", "0"))
        except ValueError:
            headway = 0
        if start is None or end is None or headway <= 0:
            continue
        offsets.extend(t - first for t in range(start, end, headway))
    return offsets or [0]


def busiest_day(feed):
    days = gtfs.service_days(feed)
    if not days:
        return None
    counts = {}
    services = {}
    for trip in feed.trips.values():
        services[trip.get("service_id", "")] = services.get(trip.get("service_id", ""), 0) + 1
    for day in days[:400]:
        counts[day] = sum(services.get(s, 0) for s in gtfs.active_services(feed, day))
    return max(counts, key=lambda d: (counts[d], -d.toordinal()))


def segment_frequency(feed, day=None, start="00:00:00", end="48:00:00"):
    """[{from_stop, to_stop, trips, per_hour, route_ids, coords}] for trips on ``day`` in the window.

    A trip counts for a segment when it departs the segment's first stop within [start, end).
    Times past 24:00 belong to the service day on which the trip started.
    """
    t0 = gtfs.parse_time(_hms(start)) or 0
    t1 = gtfs.parse_time(_hms(end))
    t1 = 48 * 3600 if t1 is None else t1
    if day is None:
        day = busiest_day(feed)
    services = gtfs.active_services(feed, day) if day is not None else None
    counts = {}
    routes = {}
    route_trips = {}
    for trip_id, trip in feed.trips.items():
        if services is not None and trip.get("service_id", "") not in services:
            continue
        times = feed.stop_times.get(trip_id)
        if not times or len(times) < 2:
            continue
        for offset in trip_departures(feed, trip_id):
            counted = False
            for a, b in zip(times[:-1], times[1:]):
                dep = a[3] if a[3] is not None else a[2]
                if dep is None:
                    continue
                dep += offset
                if t0 <= dep < t1:
                    key = (a[1], b[1])
                    counts[key] = counts.get(key, 0) + 1
                    routes.setdefault(key, set()).add(trip.get("route_id", ""))
                    counted = True
            if counted:
                route_trips[trip.get("route_id", "")] = route_trips.get(trip.get("route_id", ""), 0) + 1
    hours = max((t1 - t0) / 3600.0, 1e-9)
    hours = min(hours, 24.0)
    result = []
    for (a, b), n in counts.items():
        sa, sb = feed.stops.get(a), feed.stops.get(b)
        coords = None
        if sa is not None and sb is not None and sa.x is not None and sb.x is not None:
            coords = np.array([(sa.x, sa.y), (sb.x, sb.y)])
        result.append(
            {
                "from_stop": a,
                "to_stop": b,
                "from_name": sa.name if sa else "",
                "to_name": sb.name if sb else "",
                "trips": n,
                "per_hour": n / hours,
                "route_ids": ",".join(sorted(routes[(a, b)])),
                "coords": coords,
            }
        )
    result.sort(key=lambda r: -r["trips"])
    return result, route_trips, day


def _hms(text):
    text = str(text).strip()
    return text + ":00" if text.count(":") == 1 else text
