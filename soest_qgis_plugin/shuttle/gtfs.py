"""Read a GTFS feed (zip or folder) into plain Python structures, tolerant of real-world files.

Handles BOMs, UTF-8 and latin-1 files, ``__MACOSX`` junk and sub-folders in zips, times past
24:00, calendar/calendar_dates service days, pathways/levels. Problems that still allow an
analysis (stops without coordinates, unknown stop ids in stop_times, empty shapes) are collected
in ``Feed.problems``; a feed that cannot be used raises ``InputError`` before anything is written.
Nothing is ever extracted to disk, so path traversal in member names has no effect.
"""

import csv
import datetime
import io
import math
import os
import posixpath
import zipfile
from dataclasses import dataclass, field

from ..common.errors import InputError
from ..common.feedback import raise_if_canceled, warn
from ..common.i18n import tr
from . import area

REQUIRED_FILES = ("stops.txt", "routes.txt", "trips.txt", "stop_times.txt")
OPTIONAL_FILES = (
    "agency.txt",
    "calendar.txt",
    "calendar_dates.txt",
    "shapes.txt",
    "frequencies.txt",
    "pathways.txt",
    "levels.txt",
    "feed_info.txt",
)
TARGET_CRS = "EPSG:25832"


def is_gtfs(path):
    """True if ``path`` is a zip or folder that looks like a GTFS feed (has stops.txt or routes.txt)."""
    path = os.fspath(path)
    if os.path.isdir(path):
        return any(os.path.exists(os.path.join(path, name)) for name in ("stops.txt", "routes.txt", "trips.txt"))
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                names = {posixpath.basename(n) for n in archive.namelist() if _usable_member(n)}
        except (zipfile.BadZipFile, OSError):
            return False
        return bool(names & {"stops.txt", "routes.txt", "trips.txt"})
    return False


def parse_time(value):
    """Seconds after midnight of the service day; ``25:10:00`` is allowed. None if empty/invalid."""
    text = (value or "").strip()
    if not text:
        return None
    parts = text.split(":")
    if len(parts) != 3:
        return None
    try:
        hours, minutes, seconds = (int(p) for p in parts)
    except ValueError:
        return None
    if minutes > 59 or seconds > 59 or hours < 0:
        return None
    return hours * 3600 + minutes * 60 + seconds


def format_time(seconds):
    return "{:02d}:{:02d}:{:02d}".format(seconds // 3600, seconds % 3600 // 60, seconds % 60)


def decode(data):
    """Text of a GTFS file: UTF-8 (with or without BOM), else Windows-1252/latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _usable_member(name):
    parts = name.replace("\\", "/").split("/")
    if name.startswith("/") or ".." in parts or "__MACOSX" in parts:
        return False
    base = parts[-1]
    return bool(base) and not base.startswith("._")


def _read_tables(path):
    """{file name: bytes} for the GTFS files of a zip or folder."""
    wanted = set(REQUIRED_FILES + OPTIONAL_FILES)
    path = os.fspath(path)
    found = {}
    if os.path.isdir(path):
        for name in wanted:
            full = os.path.join(path, name)
            if os.path.isfile(full):
                with open(full, "rb") as handle:
                    found[name] = handle.read()
        return found
    if not os.path.exists(path):
        raise InputError(tr("File not found: {path}").format(path=path))
    if not zipfile.is_zipfile(path):
        raise InputError(tr("Not a GTFS feed (neither a zip file nor a folder): {path}").format(path=path))
    try:
        with zipfile.ZipFile(path) as archive:
            members = [info for info in archive.infolist() if not info.is_dir() and _usable_member(info.filename)]
            # Prefer the shallowest copy of each file (feeds zipped with their folder).
            members.sort(key=lambda info: info.filename.count("/"))
            for info in members:
                base = posixpath.basename(info.filename.replace("\\", "/"))
                if base in wanted and base not in found:
                    found[base] = archive.read(info)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as error:
        # A damaged or encrypted member: the feed cannot be trusted as a whole.
        raise InputError(tr("The GTFS zip file is damaged: {path} ({error})").format(path=path, error=error)) from error
    return found


def _rows(data):
    text = decode(data)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = []
    for row in reader:
        clean = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        if any(clean.values()):
            rows.append(clean)
    return rows


def _float(value):
    try:
        result = float((value or "").replace(",", "."))
    except ValueError:
        return None
    return result if math.isfinite(result) else None  # NaN and "1e999" are no coordinates


def _int(value, default=None):
    try:
        return int(float(value))
    except (TypeError, ValueError, OverflowError):  # "1e999" is infinite
        return default


@dataclass
class Stop:
    stop_id: str
    name: str
    lat: float = None
    lon: float = None
    x: float = None
    y: float = None
    location_type: int = 0
    parent_station: str = ""
    wheelchair_boarding: int = 0
    platform_code: str = ""
    level_id: str = ""


@dataclass
class Feed:
    path: str
    stops: dict = field(default_factory=dict)  # stop_id -> Stop, in file order
    routes: dict = field(default_factory=dict)  # route_id -> row
    trips: dict = field(default_factory=dict)  # trip_id -> row
    stop_times: dict = field(default_factory=dict)  # trip_id -> [(seq, stop_id, arr, dep)]
    shapes: dict = field(default_factory=dict)  # shape_id -> [(x, y)] in EPSG:25832
    calendar: list = field(default_factory=list)
    calendar_dates: list = field(default_factory=list)
    frequencies: list = field(default_factory=list)
    pathways: list = field(default_factory=list)
    levels: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # translated messages
    outside_area: tuple = None  # (lat, lon) text when every stop lies outside the EPSG:25832 area

    def check_area(self):
        """Raise InputError when the feed lies outside the area where EPSG:25832 is usable."""
        if self.outside_area is not None:
            lat, lon = self.outside_area
            raise InputError(
                tr(
                    "The GTFS feed {name} lies outside the area of the analysis: its stops lie around latitude "
                    "{lat}°, longitude {lon}°. The analysis works in EPSG:25832 (UTM zone 32) and needs data "
                    "between 0° and 18° east and 35° and 85° north; nothing was written."
                ).format(name=os.path.basename(self.path.rstrip("/")), lat=lat, lon=lon)
            )

    def stops_with_coordinates(self):
        return [s for s in self.stops.values() if s.x is not None]


def read_feed(path, feedback=None):
    """Read a GTFS zip or folder. Raises InputError for unusable feeds."""
    tables = _read_tables(path)
    missing = [name for name in REQUIRED_FILES if name not in tables]
    if missing:
        raise InputError(
            tr("The GTFS feed {path} lacks the required file(s) {files}; nothing was written.").format(
                path=os.path.basename(os.fspath(path).rstrip("/")), files=", ".join(missing)
            )
        )
    feed = Feed(path=os.fspath(path))
    raise_if_canceled(feedback)
    _read_stops(feed, _rows(tables["stops.txt"]))
    if not feed.stops:
        raise InputError(tr("The GTFS feed has no stops; nothing was written."))
    feed.routes = {r.get("route_id", ""): r for r in _rows(tables["routes.txt"])}
    feed.trips = {t.get("trip_id", ""): t for t in _rows(tables["trips.txt"])}
    raise_if_canceled(feedback)
    _read_stop_times(feed, _rows(tables["stop_times.txt"]))
    if "shapes.txt" in tables and feed.outside_area is None:
        _read_shapes(feed, _rows(tables["shapes.txt"]))
    for name, attr in (
        ("calendar.txt", "calendar"),
        ("calendar_dates.txt", "calendar_dates"),
        ("frequencies.txt", "frequencies"),
        ("pathways.txt", "pathways"),
        ("levels.txt", "levels"),
    ):
        if name in tables:
            setattr(feed, attr, _rows(tables[name]))
    if not feed.calendar and not feed.calendar_dates:
        feed.problems.append(
            tr("The feed has neither calendar.txt nor calendar_dates.txt: every trip counts as daily.")
        )
    _check_references(feed)
    if feedback is not None:
        for problem in feed.problems:
            warn(feedback, problem)
    return feed


def _read_stops(feed, rows):
    no_coords = []
    for row in rows:
        stop_id = row.get("stop_id", "")
        if not stop_id:
            continue
        stop = Stop(
            stop_id=stop_id,
            name=row.get("stop_name", ""),
            lat=_float(row.get("stop_lat")),
            lon=_float(row.get("stop_lon")),
            location_type=_int(row.get("location_type"), 0) or 0,
            parent_station=row.get("parent_station", ""),
            wheelchair_boarding=_int(row.get("wheelchair_boarding"), 0) or 0,
            platform_code=row.get("platform_code", ""),
            level_id=row.get("level_id", ""),
        )
        if stop.lat is None or stop.lon is None or not (-90 <= stop.lat <= 90 and -180 <= stop.lon <= 180):
            stop.lat = stop.lon = None
            no_coords.append(stop_id)
        feed.stops[stop_id] = stop
    if no_coords:
        feed.problems.append(
            tr("{count} stop(s) without coordinates: {ids}").format(count=len(no_coords), ids=_short(no_coords))
        )
    located = [s for s in feed.stops.values() if s.lat is not None]
    if not located:
        return
    # WGS84 stays in lat/lon; x/y (EPSG:25832) only where that projection gives usable metres
    ok = area.inside([s.lon for s in located], [s.lat for s in located])
    if not ok.any():
        feed.outside_area = area.where([s.lon for s in located], [s.lat for s in located])
        return  # the analysis refuses the feed (Feed.check_area); counts and attributes stay readable
    if not ok.all():
        far = [s.stop_id for s, good in zip(located, ok) if not good]
        feed.problems.append(
            tr(
                "{count} stop(s) lie outside the area of the analysis (EPSG:25832) and are treated as stops "
                "without coordinates: {ids}"
            ).format(count=len(far), ids=_short(far))
        )
        located = [s for s, good in zip(located, ok) if good]
    xs, ys = to_utm([s.lon for s in located], [s.lat for s in located])
    for stop, x, y in zip(located, xs, ys):
        stop.x, stop.y = float(x), float(y)


def _read_stop_times(feed, rows):
    unknown = set()
    for row in rows:
        trip_id = row.get("trip_id", "")
        stop_id = row.get("stop_id", "")
        if stop_id not in feed.stops:
            unknown.add(stop_id)
            continue
        arrival = parse_time(row.get("arrival_time"))
        departure = parse_time(row.get("departure_time"))
        feed.stop_times.setdefault(trip_id, []).append(
            (_int(row.get("stop_sequence"), 0), stop_id, arrival if arrival is not None else departure, departure)
        )
    for times in feed.stop_times.values():
        times.sort(key=lambda item: item[0])
    if unknown:
        feed.problems.append(
            tr("stop_times.txt refers to {count} unknown stop id(s): {ids}").format(
                count=len(unknown), ids=_short(sorted(unknown))
            )
        )


def _read_shapes(feed, rows):
    points = {}
    for row in rows:
        lat, lon = _float(row.get("shape_pt_lat")), _float(row.get("shape_pt_lon"))
        if lat is None or lon is None:
            continue
        points.setdefault(row.get("shape_id", ""), []).append((_int(row.get("shape_pt_sequence"), 0), lon, lat))
    all_ids = {t.get("shape_id", "") for t in feed.trips.values()} - {""}
    empty = sorted(sid for sid in all_ids if len(points.get(sid, [])) < 2)
    far = []
    for shape_id, pts in points.items():
        if len(pts) < 2:
            continue
        if not area.inside([p[1] for p in pts], [p[2] for p in pts]).all():
            far.append(shape_id)
            continue
        pts.sort(key=lambda p: p[0])
        xs, ys = to_utm([p[1] for p in pts], [p[2] for p in pts])
        feed.shapes[shape_id] = list(zip(xs.tolist(), ys.tolist()))
    if far:
        feed.problems.append(
            tr(
                "{count} shape(s) lie outside the area of the analysis; their routes are built from the stops: {ids}"
            ).format(count=len(far), ids=_short(sorted(far)))
        )
    if empty:
        feed.problems.append(
            tr("{count} shape(s) are empty or missing; their routes are built from the stops: {ids}").format(
                count=len(empty), ids=_short(empty)
            )
        )


def _check_references(feed):
    no_times = [tid for tid in feed.trips if tid not in feed.stop_times]
    if no_times:
        feed.problems.append(
            tr("{count} trip(s) have no stop times: {ids}").format(count=len(no_times), ids=_short(no_times))
        )


def _short(items, limit=5):
    items = list(items)
    text = ", ".join(items[:limit])
    return text + (" …" if len(items) > limit else "")


def to_utm(lons, lats):
    import numpy as np
    from pyproj import Transformer

    transformer = Transformer.from_crs("EPSG:4326", TARGET_CRS, always_xy=True)
    return transformer.transform(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))


# --- service days -----------------------------------------------------------------------------


def parse_date(value):
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip().replace("-", "")
    return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def active_services(feed, day):
    """Service ids running on ``day`` (date or YYYYMMDD) from calendar and calendar_dates."""
    day = parse_date(day)
    if not feed.calendar and not feed.calendar_dates:
        return {t.get("service_id", "") for t in feed.trips.values()}
    weekday = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")[day.weekday()]
    active = set()
    for row in feed.calendar:
        try:
            start, end = parse_date(row["start_date"]), parse_date(row["end_date"])
        except (KeyError, ValueError):
            continue
        if start <= day <= end and row.get(weekday) == "1":
            active.add(row.get("service_id", ""))
    key = day.strftime("%Y%m%d")
    for row in feed.calendar_dates:
        if row.get("date") != key:
            continue
        if row.get("exception_type") == "1":
            active.add(row.get("service_id", ""))
        elif row.get("exception_type") == "2":
            active.discard(row.get("service_id", ""))
    return active


def service_days(feed):
    """Sorted list of all dates on which any service runs (for choosing a day)."""
    days = set()
    for row in feed.calendar:
        try:
            start, end = parse_date(row["start_date"]), parse_date(row["end_date"])
        except (KeyError, ValueError):
            continue
        if (end - start).days > 800:
            end = start + datetime.timedelta(days=800)
        day = start
        while day <= end:
            if (
                row.get(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")[day.weekday()])
                == "1"
            ):
                days.add(day)
            day += datetime.timedelta(days=1)
    for row in feed.calendar_dates:
        try:
            day = parse_date(row["date"])
        except (KeyError, ValueError):
            continue
        if row.get("exception_type") == "1":
            days.add(day)
    return sorted(days)


def stop_patterns(feed):
    """{(route_id, shape_id or '', stop tuple): trip count} — one route geometry per pattern."""
    patterns = {}
    for trip_id, trip in feed.trips.items():
        times = feed.stop_times.get(trip_id)
        if not times:
            continue
        key = (trip.get("route_id", ""), trip.get("shape_id", ""), tuple(t[1] for t in times))
        patterns[key] = patterns.get(key, 0) + 1
    return patterns
