import csv
import hashlib
import math
import os
import zipfile

from pyproj import Transformer

from tools.demo_data import gtfs
from tools.demo_data import streets as st

REQUIRED = ("agency.txt", "routes.txt", "trips.txt", "stops.txt", "stop_times.txt", "calendar.txt")


def _sha(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def _rows(folder, name):
    with open(os.path.join(folder, name), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _secs(t):
    h, m, s = (int(v) for v in t.split(":"))
    return h * 3600 + m * 60 + s


def test_required_files(demo_out):
    for name in REQUIRED + ("calendar_dates.txt", "shapes.txt", "feed_info.txt"):
        assert os.path.getsize(os.path.join(demo_out["gtfs"], name)) > 0, name
    assert _rows(demo_out["gtfs"], "feed_info.txt")[0]["feed_lang"] == "de"
    assert _rows(demo_out["gtfs"], "routes.txt")[0]["route_type"] in ("3", "715")


def test_references_and_times(demo_out):
    folder = demo_out["gtfs"]
    stops = {r["stop_id"]: r for r in _rows(folder, "stops.txt")}
    trips = {r["trip_id"]: r for r in _rows(folder, "trips.txt")}
    times = _rows(folder, "stop_times.txt")
    assert all(t["stop_id"] in stops and t["trip_id"] in trips for t in times)
    assert {r["wheelchair_boarding"] for r in stops.values()} == {"0", "1", "2"}
    assert {r["wheelchair_accessible"] for r in trips.values()} <= {"0", "1", "2"}
    assert {r["direction_id"] for r in trips.values()} == {"0", "1"}
    assert any(_secs(t["departure_time"]) > 24 * 3600 for t in times)
    by_trip = {}
    for t in times:
        by_trip.setdefault(t["trip_id"], []).append(t)
    for trip_id, rows in by_trip.items():
        rows.sort(key=lambda r: int(r["stop_sequence"]))
        secs = [_secs(r["arrival_time"]) for r in rows]
        assert secs == sorted(secs), trip_id
        assert rows[0]["stop_id"] in ("SOF_BF", "SOF_LWL")
    # every 20 minutes between 6:00 and 20:00 outbound, plus the late trip
    starts = sorted(_secs(r[0]["departure_time"]) for r in by_trip.values() if r[0]["stop_id"] == "SOF_BF")
    assert starts[0] == 6 * 3600 and 20 * 3600 in starts
    assert len(starts) == 43 + 1
    dates = _rows(folder, "calendar_dates.txt")
    assert any(d["exception_type"] == "2" for d in dates) and any(d["exception_type"] == "1" for d in dates)


def test_stops_and_shapes_follow_the_streets(demo_out):
    folder = demo_out["gtfs"]
    to_utm = Transformer.from_crs(4326, 25832, always_xy=True)
    route_streets = ("Bahnhofsplatz", "Hammer Weg", "Feldmühlenweg", "Hattroper Weg", "Kleppingweg", "Oelmüllerweg")
    vertices = [v for name in route_streets for v in st.street(name).coords]
    shapes = {}
    for r in _rows(folder, "shapes.txt"):
        x, y = to_utm.transform(float(r["shape_pt_lon"]), float(r["shape_pt_lat"]))
        shapes.setdefault(r["shape_id"], []).append(
            (int(r["shape_pt_sequence"]), x, y, float(r["shape_dist_traveled"]))
        )
    assert set(shapes) == {t["shape_id"] for t in _rows(folder, "trips.txt")}
    for pts in shapes.values():
        pts.sort()
        assert len(pts) > 50
        for _, x, y, _ in pts:
            assert min(math.dist((x, y), v) for v in vertices) < 0.05
        dist = [p[3] for p in pts]
        assert dist == sorted(dist) and dist[-1] > 2500
    stops = {
        r["stop_id"]: to_utm.transform(float(r["stop_lon"]), float(r["stop_lat"])) for r in _rows(folder, "stops.txt")
    }
    assert math.dist(stops["SOF_LWL"], st.LWL_BBW) < 10 and math.dist(stops["SOF_BF"], st.BAHNHOF) < 60
    for trip in _rows(folder, "trips.txt")[:2]:
        pts = shapes[trip["shape_id"]]
        for t in (r for r in _rows(folder, "stop_times.txt") if r["trip_id"] == trip["trip_id"]):
            assert min(math.dist(stops[t["stop_id"]], (x, y)) for _, x, y, _ in pts) < 0.05


def test_zip_equals_folder(demo_out):
    with zipfile.ZipFile(demo_out["gtfs_zip"]) as zf:
        names = sorted(zf.namelist())
        assert names == sorted(os.listdir(demo_out["gtfs"]))
        for name in names:
            with open(os.path.join(demo_out["gtfs"], name), "rb") as fh:
                assert zf.read(name) == fh.read()
    with open(os.path.join(demo_out["gtfs"], "stops.txt"), encoding="utf-8") as fh:
        assert "Feldmühlenweg" in fh.read()


def test_deterministic(tmp_path, demo_out):
    again = gtfs.generate(tmp_path)
    for name in sorted(os.listdir(demo_out["gtfs"])):
        assert _sha(os.path.join(demo_out["gtfs"], name)) == _sha(os.path.join(again, name)), name
    assert _sha(demo_out["gtfs_zip"]) == _sha(tmp_path / gtfs.ZIPNAME)
