"""Integration with the demo drive generator: EXIF variants, GPX matching and the camera model
against the generator's ground truth (an oracle detector returns the labelled boxes)."""

import json
import math
import os

import pytest

from soest_qgis_plugin.roaddamage.geometry import Camera
from soest_qgis_plugin.roaddamage.pipeline import detect_drive
from soest_qgis_plugin.roaddamage.store import DamageStore

from .conftest import Detection

pytest.importorskip("piexif")


@pytest.fixture(scope="module")
def demo_drive(tmp_path_factory):
    try:
        from tools.demo_data import drive
    except ImportError:
        pytest.skip("demo drive generator not available")
    out = tmp_path_factory.mktemp("demo_drive")
    drive.generate(str(out), seed=2026, count=12)
    return out


class Oracle:
    """Returns the generator's labelled boxes, scaled to the array it is given."""

    input_size = (640, 640)

    def __init__(self, labels):
        self.queue = [im["boxes"] for im in sorted(labels["images"], key=lambda i: i["file"])]
        self.width = labels["camera"]["width"]

    def detect_batch(self, images, conf_threshold=0.05, iou_threshold=0.5):
        out = []
        for image in images:
            f = image.shape[1] / self.width
            boxes = self.queue.pop(0)
            out.append(
                [
                    Detection(b["x1"] * f, b["y1"] * f, b["x2"] * f, b["y2"] * f, 0.9, b["class_id"], b["class_name"])
                    for b in boxes
                ]
            )
        return out


def test_demo_drive_positions_and_projection_match_ground_truth(demo_drive, tmp_path):
    labels = json.loads((demo_drive / "labels.json").read_text(encoding="utf-8"))
    cam = labels["camera"]
    camera = Camera(height=cam["height_m"], pitch=cam["pitch_deg"], hfov=cam["hfov_deg"])
    summary = detect_drive(
        demo_drive / "images",
        tmp_path / "s.gpkg",
        detector=Oracle(labels),
        track=demo_drive / "drive.gpx",
        camera=camera,
    )
    assert summary["unpositioned"] == [] and summary["unreadable"] == []
    truth = {d["id"]: d for d in labels["damages"]}
    with DamageStore.open(tmp_path / "s.gpkg") as store:
        frames = {f["image"]: f for f in store.frames()}
        detections = store.conn.execute("SELECT * FROM detections ORDER BY fid").fetchall()
    sources = set()
    for image in labels["images"]:
        frame = frames[os.path.basename(image["file"])]
        sources.add(frame["position_source"])
        assert math.hypot(frame["easting"] - image["easting"], frame["northing"] - image["northing"]) < 3.0
        assert abs((frame["heading"] - image["heading_deg"] + 180) % 360 - 180) < 2.0
    assert sources == {"exif", "gpx"}  # photos without GPS were matched to the track
    expected = [b for im in sorted(labels["images"], key=lambda i: i["file"]) for b in im["boxes"]]
    assert len(detections) == len(expected) > 0
    for row, box in zip(detections, expected):
        # the box's bottom centre is the damage's near edge; the truth is its centre
        damage = truth[box["damage_id"]]
        assert math.hypot(row["easting"] - damage["easting"], row["northing"] - damage["northing"]) < 3.5
        assert row["x1"] == pytest.approx(box["x1"], abs=0.01)  # original pixels, upright image
