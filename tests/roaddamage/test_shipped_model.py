"""The shipped model (soest_qgis_plugin/models/road_damage.onnx): loads, finds clearly visible
potholes in generated images, and keeps the real-photo recall written in its model card."""

import importlib.util
import math
import os
import re
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("onnxruntime")

from soest_qgis_plugin.roaddamage.detector import RDD_NAMES, Detector, default_model_path  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
TOOLS = REPO / "tools" / "train_damage_model"
CARD = REPO / "soest_qgis_plugin" / "models" / "MODEL_CARD.md"
RECALL_MARGIN = 0.15


def _load(name):
    spec = importlib.util.spec_from_file_location(f"soest_tools_{name}", TOOLS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    import sys

    sys.path.insert(0, str(TOOLS))
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def detector():
    return Detector(default_model_path(), threads=1)


@pytest.fixture(scope="module")
def render():
    return _load("render")


def test_shipped_model_is_small_yolov8_with_rdd_names(detector):
    path = default_model_path()
    assert os.path.getsize(path) < 10 * 1024 * 1024
    assert detector.layout == "yolov8"
    assert detector.class_names == {0: "D00", 1: "D10", 2: "D20", 3: "D40"}
    assert detector.input_size == (416, 416)
    assert {RDD_NAMES[n] for n in detector.class_names.values()} == {"Längsriss", "Querriss", "Netzriss", "Schlagloch"}


def _pothole_scene(render, seed, view):
    """A daylight scene with one clearly visible pothole; returns image and its box."""
    rng = np.random.default_rng(seed)
    style = render.random_style(rng, view)
    style.light, style.exposure, style.wet, style.blur, style.noise = "overcast", 1.0, 0.0, 0.0, 2.0
    style.patches = style.manholes = style.oil = style.sealed_cracks = 0
    style.road_offset = 0.0
    if view == "closeup":
        cam = render.Camera(640, 480, hfov_deg=60, pitch_deg=55, height_m=1.5)
        z = 1.5 / math.tan(math.radians(55))
        damage = render.Damage(render.D40, 0.0, z, 0.35, seed=seed)
    else:
        cam = render.Camera(1280, 720, hfov_deg=70, pitch_deg=10, height_m=1.4)
        damage = render.Damage(render.D40, 0.3, 6.0, 0.5, seed=seed)
    image, boxes = render.render(rng, cam, style, [damage])
    assert len(boxes) == 1 and boxes[0][0] == render.D40
    return image, boxes[0][1:]


def _iou(a, b):
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


@pytest.mark.parametrize("seed,view", [(11, "closeup"), (12, "closeup"), (13, "dashcam"), (14, "dashcam")])
def test_finds_clearly_visible_pothole_in_generated_image(detector, render, seed, view):
    image, truth = _pothole_scene(render, seed, view)
    found = detector.detect(image, conf_threshold=0.05)
    potholes = [d for d in found if d.class_name == "D40" and _iou((d.x1, d.y1, d.x2, d.y2), truth) >= 0.4]
    assert potholes, f"no pothole found near {truth}; got {[(d.class_name, round(d.confidence, 2)) for d in found[:5]]}"
    assert max(d.confidence for d in potholes) >= 0.2


def test_plain_asphalt_has_no_confident_pothole(detector, render):
    rng = np.random.default_rng(5)
    style = render.random_style(rng, "closeup")
    style.light, style.exposure, style.wet = "overcast", 1.0, 0.0
    style.patches = style.manholes = style.oil = style.sealed_cracks = style.drains = 0
    style.markings = "none"
    style.leaves = 0.0
    cam = render.Camera(640, 480, hfov_deg=60, pitch_deg=60, height_m=1.5)
    image, boxes = render.render(rng, cam, style, [])
    assert boxes == []
    assert not [d for d in detector.detect(image) if d.confidence >= 0.5]


def _card_recall():
    text = CARD.read_text(encoding="utf-8")
    match = re.search(r"Real-photo recall \(D40, IoU 0\.5, confidence ≥ 0\.25\): \*\*([0-9.]+)\*\*", text)
    assert match, "MODEL_CARD.md must state the real-photo recall"
    return float(match.group(1))


def test_real_pothole_photos_recall_as_in_model_card(detector, shared_fixtures):
    folder = shared_fixtures / "road_damage"
    if not (folder / "images").is_dir():
        pytest.skip("no real road damage photos in ../shared/fixtures")
    evaluate = _load("evaluate")
    result = evaluate.evaluate_real(detector, folder)
    assert result["images"] == 10 and result["potholes"] >= 10
    recall = result["at_threshold"]["0.25"]["recall"]
    assert recall >= _card_recall() - RECALL_MARGIN, result
