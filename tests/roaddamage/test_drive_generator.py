"""Demo survey drive generator (tools/demo_data/drive.py): photos with EXIF, GPX, ground truth."""

import json
import math
from datetime import datetime
from xml.etree import ElementTree as ET

import pytest
from PIL import Image, ImageOps

pytest.importorskip("piexif")
pytest.importorskip("pyproj")

from tools.demo_data import drive  # noqa: E402

GPS_IFD = 0x8825


@pytest.fixture(scope="module")
def small_drive(tmp_path_factory):
    out = tmp_path_factory.mktemp("drive")
    summary = drive.generate(out, seed=7, count=5)
    return out, summary, json.loads((out / "labels.json").read_text(encoding="utf-8"))


def _dms(values):
    d, m, s = (float(v) for v in values)
    return d + m / 60 + s / 3600


def test_photos_have_exif_gps_time_and_orientation(small_drive):
    out, summary, labels = small_drive
    assert summary["images"] == 5 == len(labels["images"])
    assert summary["without_gps"] >= 1 and summary["upside_down"] >= 1
    for frame in labels["images"]:
        image = Image.open(out / frame["file"])
        assert image.size == (1280, 720)
        exif = image.getexif()
        assert exif.get(0x0112) == frame["orientation"]  # Orientation
        sub = exif.get_ifd(0x8769)
        local = datetime.strptime(sub[0x9003], "%Y:%m:%d %H:%M:%S")  # DateTimeOriginal
        utc = datetime.strptime(frame["time_utc"][:19], "%Y-%m-%dT%H:%M:%S")
        assert (local - utc).total_seconds() == pytest.approx(7200, abs=1)
        assert sub[0x9011] == "+02:00"  # OffsetTimeOriginal
        gps = exif.get_ifd(GPS_IFD)
        if frame["has_gps"]:
            lat, lon = _dms(gps[2]), _dms(gps[4])
            assert gps[1] == "N" and gps[3] == "E"
            assert lat == pytest.approx(frame["lat"], abs=1e-6) and lon == pytest.approx(frame["lon"], abs=1e-6)
            assert 51.55 < lat < 51.59 and 8.09 < lon < 8.13  # Soest
        else:
            assert 2 not in gps and 4 not in gps


def test_boxes_are_in_the_upright_image(small_drive):
    out, _, labels = small_drive
    boxes = 0
    for frame in labels["images"]:
        upright = ImageOps.exif_transpose(Image.open(out / frame["file"]))
        w, h = upright.size
        for b in frame["boxes"]:
            boxes += 1
            assert 0 <= b["x1"] < b["x2"] <= w and 0 <= b["y1"] < b["y2"] <= h
            assert b["class_name"] in ("D00", "D10", "D20", "D40")
            assert b["damage_id"] in {d["id"] for d in labels["damages"]}
    assert labels["damages"] and all(d["class_name"] in ("D00", "D10", "D20", "D40") for d in labels["damages"])


def test_gpx_covers_every_photo_by_time(small_drive):
    out, _, labels = small_drive
    ns = {"g": "http://www.topografix.com/GPX/1/1"}
    points = ET.parse(out / "drive.gpx").getroot().findall(".//g:trkpt", ns)
    assert len(points) > 60
    times = [datetime.strptime(p.find("g:time", ns).text, "%Y-%m-%dT%H:%M:%SZ") for p in points]
    assert all((b - a).total_seconds() == 1 for a, b in zip(times, times[1:]))  # 1 Hz
    for frame in labels["images"]:
        t = datetime.strptime(frame["time_utc"][:19], "%Y-%m-%dT%H:%M:%S")
        assert times[0] <= t <= times[-1]
        # The track point at that second is within a few metres of the photo position.
        i = int((t - times[0]).total_seconds())
        lat, lon = float(points[i].get("lat")), float(points[i].get("lon"))
        dy = (lat - frame["lat"]) * 111_200
        dx = (lon - frame["lon"]) * 111_200 * math.cos(math.radians(lat))
        assert math.hypot(dx, dy) < 15


def test_drive_is_deterministic(small_drive, tmp_path):
    _, _, labels = small_drive
    again = drive.generate(tmp_path, seed=7, count=2)
    other = json.loads((tmp_path / "labels.json").read_text(encoding="utf-8"))
    assert again["images"] == 2
    assert other["damages"][0] == labels["damages"][0]
