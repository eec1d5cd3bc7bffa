"""Road damage test data, generated deterministically: photos with EXIF, GPX tracks, a fake detector.

A drive goes due east along a street in Soest at 4 m per second, one photo per second. Frames
2–4 show one "pothole" (a black rectangle) drawn where a flat road point 12, 8 and 4 m ahead
appears for the default camera, so its projections coincide. The fake detector reports black
rectangles as D40 and red ones as D00, like a real model would report boxes.
"""

import contextlib
import datetime
import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

LAT0, LON0 = 51.5710, 8.1060
M_PER_DEG_LON = 111320.0 * math.cos(math.radians(LAT0))
START = datetime.datetime(2026, 5, 4, 9, 0, 0, tzinfo=datetime.timezone.utc)
SIZE = (640, 480)


@dataclass
class Detection:
    x1: float
    y1: float
    x2: float
    y2: float
    confidence: float
    class_id: int
    class_name: str


class FakeDetector:
    """Finds black (D40) and pure red (D00) rectangles; counts its calls."""

    class_names = {0: "D00", 1: "D10", 2: "D20", 3: "D40"}
    input_size = (640, 640)
    layout = "yolov8"

    def __init__(self):
        self.calls = 0
        self.images = 0

    def detect(self, image, conf_threshold=0.05, iou_threshold=0.5):
        self.images += 1
        found = []
        image = np.asarray(image)
        assert image.ndim == 3 and image.shape[2] == 3 and image.dtype == np.uint8
        for mask, class_id, confidence in (
            ((image < 20).all(axis=2), 3, 0.9),
            ((image[:, :, 0] > 220) & (image[:, :, 1] < 30) & (image[:, :, 2] < 30), 0, 0.3),
        ):
            if mask.sum() < 4:
                continue
            ys, xs = np.nonzero(mask)
            if confidence >= conf_threshold:
                found.append(
                    Detection(
                        float(xs.min()),
                        float(ys.min()),
                        float(xs.max() + 1),
                        float(ys.max() + 1),
                        confidence,
                        class_id,
                        self.class_names[class_id],
                    )
                )
        return found

    def detect_batch(self, images, conf_threshold=0.05, iou_threshold=0.5):
        self.calls += 1
        return [self.detect(i, conf_threshold, iou_threshold) for i in images]


def lonlat_at(seq):
    return LON0 + 4.0 * seq / M_PER_DEG_LON, LAT0


def dms(value):
    value = abs(value)
    d = int(value)
    m = int((value - d) * 60)
    s = (value - d - m / 60.0) * 3600.0
    return (float(d), float(m), round(s, 4))


def ground_row(distance, camera_height=1.4, pitch=10.0, hfov=100.0, size=SIZE):
    """Image row where a flat road point ``distance`` metres ahead appears (default dashcam)."""
    width, height = size
    f = (width / 2.0) / math.tan(math.radians(hfov) / 2.0)
    return height / 2.0 + f * math.tan(math.atan(camera_height / distance) - math.radians(pitch))


def make_photo(path, size=SIZE, lonlat=None, time=None, orientation=None, mode="RGB", boxes=(), offset_tag=None):
    """Write a photo; ``boxes``: [(x1, y1, x2, y2, colour)] drawn in upright image coordinates."""
    width, height = size
    array = np.full((height, width, 3), 110, np.uint8)
    array[: height // 3] = (150, 180, 210)  # sky
    for x1, y1, x2, y2, colour in boxes:
        array[int(y1) : int(y2), int(x1) : int(x2)] = colour
    image = Image.fromarray(array)
    if orientation == 6:  # stored rotated; EXIF says "rotate 90° clockwise to view"
        image = image.transpose(Image.Transpose.ROTATE_90)
    if mode == "L":
        image = image.convert("L")
    elif mode == "I;16":
        grey = np.asarray(image.convert("L"), dtype=np.uint16) * 257
        image = Image.fromarray(grey.astype(np.uint16), mode="I;16")
    exif = Image.Exif()
    if orientation:
        exif[274] = orientation
    if time is not None:
        sub = {36867: time.strftime("%Y:%m:%d %H:%M:%S")}
        if offset_tag:
            sub[36881] = offset_tag
        exif[0x8769] = sub
    if lonlat is not None:
        lon, lat = lonlat
        exif[0x8825] = {1: "N", 2: dms(lat), 3: "E", 4: dms(lon)}
    if str(path).lower().endswith(".png"):
        image.save(path, exif=exif)
    else:
        image.save(path, "JPEG", quality=92, exif=exif)
    return path


def pothole_box(distance, half_width=20, height=14):
    v = ground_row(distance)
    return (SIZE[0] / 2 - half_width, v - height, SIZE[0] / 2 + half_width, v, (0, 0, 0))


def write_gpx(path, points):
    """``points``: [(time, lon, lat)]."""
    rows = "\n".join(
        f'<trkpt lat="{lat:.8f}" lon="{lon:.8f}"><time>{t.strftime("%Y-%m-%dT%H:%M:%SZ")}</time></trkpt>'
        for t, lon, lat in points
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="test" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><name>t</name><trkseg>\n' + rows + "\n</trkseg></trk></gpx>\n",
        encoding="utf-8",
    )
    return path


def make_drive(folder, count=8, gps=True, time=True, pothole_frames=(2, 3, 4), crack_frame=6, start=START):
    """A drive folder; returns it. Pothole seen from 12, 8, 4 m in frames 2, 3, 4."""
    os.makedirs(folder, exist_ok=True)
    for seq in range(count):
        boxes = []
        if seq in pothole_frames:
            boxes.append(pothole_box(12.0 - 4.0 * (seq - pothole_frames[0])))
        if seq == crack_frame:
            boxes.append((100, 400, 180, 410, (255, 0, 0)))
        make_photo(
            os.path.join(folder, f"img_{seq:03d}.jpg"),
            lonlat=lonlat_at(seq) if gps else None,
            time=start + datetime.timedelta(seconds=seq) if time else None,
            boxes=boxes,
        )
    return folder


def drive_track(path, count=8, start=START, extra=2):
    return write_gpx(
        path,
        [(start + datetime.timedelta(seconds=s), *lonlat_at(s)) for s in range(-extra, count + extra)],
    )


def make_video(path, frames=80, fps=10.0):
    """A dashcam-like MP4 (4 m/s, so 10 frames per second are 0.4 m apart) showing one black "pothole"
    8 m ahead in every frame; pair it with ``drive_track(..., extra=0)``. Returns the path as str."""
    import cv2

    path = str(path)
    writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*"mp4v"), fps, SIZE)
    x1, y1, x2, y2, _ = pothole_box(8.0)
    for _ in range(frames):
        frame = np.full((SIZE[1], SIZE[0], 3), 110, np.uint8)
        frame[int(y1) : int(y2), int(x1) : int(x2)] = 0
        writer.write(frame)
    writer.release()
    return path


@pytest.fixture
def fake_detector():
    return FakeDetector()


@pytest.fixture
def drive(tmp_path):
    return make_drive(tmp_path / "drive")


@pytest.fixture
def built_store(tmp_path, fake_detector):
    """A store with one detected drive (positions from EXIF)."""
    from soest_qgis_plugin.roaddamage.pipeline import detect_drive

    folder = make_drive(tmp_path / "drive")
    store = tmp_path / "schaeden.gpkg"
    detect_drive(folder, store, detector=fake_detector)
    return store


TSV_DIR = Path(__file__).resolve().parents[2] / "i18n" / "de"


@contextlib.contextmanager
def tsv_translation(paths):
    """German from the given ``i18n/de/*.tsv`` files installed as a translator (independent of when
    the compiled .qm is rebuilt); yields the English -> German table."""
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    table = {}
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if "\t" in line:
                english, german = line.split("\t", 1)
                table[english] = german

    class TsvTranslator(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            return table.get(source) or ""

        def isEmpty(self):
            return False

    translator = TsvTranslator()
    QCoreApplication.installTranslator(translator)
    try:
        yield table
    finally:
        QCoreApplication.removeTranslator(translator)
