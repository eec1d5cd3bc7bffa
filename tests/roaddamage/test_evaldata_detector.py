"""Real evaluation data from ../shared/evaldata/road_damage (read there, never copied into the repo):

* ``models/yolov8n_int8.onnx``: Ultralytics YOLOv8n (COCO, 80 classes) dynamically quantized to
  int8 (DynamicQuantizeLinear/ConvInteger) — must load as a YOLOv8-layout model and give sane boxes.
* ``krizhneel_potholes_roboflow/test``: 35 real pothole photos (640×640, no GPS) with YOLO labels —
  the shipped model's figures on them (MODEL_CARD.md) must hold, and a drive of them without
  positions must be reported in German and write no store.
"""

import importlib.util
import re
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from qgis.core import QgsProcessingException, QgsProcessingFeedback

pytest.importorskip("onnxruntime")

from soest_qgis_plugin.roaddamage.detector import Detector, default_model_path  # noqa: E402
from soest_qgis_plugin.roaddamage.store import DamageStore  # noqa: E402

from .conftest import dms  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
CARD = REPO / "soest_qgis_plugin" / "models" / "MODEL_CARD.md"
PHOTOS = "road_damage/krizhneel_potholes_roboflow/test"
INT8 = "road_damage/models/yolov8n_int8.onnx"
# A TV report frame: a reporter (person) in front of the road, cars behind him.
REPORTER = "pothole_b_ls_170_jpg"
# Tolerances of the figures against the model card (2 decimals there): about one or two of the 45 potholes.
TOLERANCE = {"ap50": 0.03, "recall": 0.05, "precision": 0.03}


def _need(base, relative):
    path = base / relative
    if not path.exists():
        pytest.skip(f"{relative} is not in ../shared/evaldata on this machine")
    return path


@pytest.fixture(scope="module")
def photos(shared_evaldata):
    folder = _need(shared_evaldata, PHOTOS)
    images = sorted((folder / "images").glob("*.jpg"))
    assert len(images) == 35
    return folder, images


@pytest.fixture(scope="module")
def int8_model(shared_evaldata):
    return _need(shared_evaldata, INT8)


@pytest.fixture(scope="module")
def int8(int8_model):
    return Detector(int8_model, threads=1)


def _rgb(path):
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB"))


def _iou(a, b):
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def _box(d):
    return (d.x1, d.y1, d.x2, d.y2)


# --- the int8 YOLOv8n model -------------------------------------------------------------------


def test_int8_model_loads_as_yolov8_with_coco_names(int8):
    session = int8._session
    meta = session.get_modelmeta()
    assert int8.layout == "yolov8"
    assert [list(o.shape) for o in session.get_outputs()] == [[1, 84, 8400]]
    assert int8.input_size == (640, 640)  # read from the static model input:
    assert list(session.get_inputs()[0].shape) == [1, 3, 640, 640]
    assert int8.num_classes == 80 and len(int8.class_names) == 80
    assert int8.class_names[0] == "person" and int8.class_names[2] == "car" and int8.class_names[79] == "toothbrush"
    # The names come from Ultralytics' metadata, a Python dict literal (not JSON).
    assert meta.custom_metadata_map["names"].startswith("{0: 'person'")
    assert "CPUExecutionProvider" in int8.providers


def test_int8_model_gives_valid_boxes_on_the_35_photos(int8, photos):
    _, images = photos
    total = 0
    for path in images:
        image = _rgb(path)
        height, width = image.shape[:2]
        found = int8.detect(image, conf_threshold=0.1)
        total += len(found)
        confidences = [d.confidence for d in found]
        assert confidences == sorted(confidences, reverse=True), path.name
        for d in found:
            assert 0 <= d.x1 < d.x2 <= width and 0 <= d.y1 < d.y2 <= height, (path.name, d)
            assert 0.1 <= d.confidence <= 1.0 and np.isfinite(_box(d)).all()
            assert 0 <= d.class_id < 80 and d.class_name == int8.class_names[d.class_id]
    assert total > 0  # road scenes: cars and people are found


def test_int8_model_finds_the_reporter_and_maps_boxes_of_a_wide_frame(int8, photos):
    _, images = photos
    image = _rgb(next(p for p in images if p.name.startswith(REPORTER)))
    square = int8.detect(image, conf_threshold=0.3)
    people = [d for d in square if d.class_name == "person" and d.confidence >= 0.5]
    assert people, [(d.class_name, round(d.confidence, 2)) for d in square]
    reporter = people[0]
    assert reporter.x1 < 320 < reporter.x2 and reporter.y1 < 320 < reporter.y2  # he stands in the middle
    assert any(d.class_name == "car" for d in square)
    # The same frame stretched to 1280×720 (letterboxed with grey bars): boxes in the wide frame's pixels.
    wide = np.asarray(Image.fromarray(image).resize((1280, 720), Image.BILINEAR))
    stretched = [d for d in int8.detect(wide, conf_threshold=0.3) if d.class_name == "person" and d.confidence >= 0.5]
    expected = (reporter.x1 * 2, reporter.y1 * 1.125, reporter.x2 * 2, reporter.y2 * 1.125)
    assert stretched and max(_iou(_box(d), expected) for d in stretched) > 0.8


def test_int8_model_batch_and_raw_output(int8, photos):
    _, images = photos
    frames = [_rgb(p) for p in images[:3]]
    tensor, _ = int8.preprocess(frames[0])
    outputs = int8.run_raw(tensor)
    assert len(outputs) == 1 and outputs[0].shape == (1, 84, 8400) and outputs[0].dtype == np.float32
    assert np.isfinite(outputs[0]).all()
    for single, batched in zip([int8.detect(f) for f in frames], int8.detect_batch(frames)):
        assert [(d.class_id, round(d.confidence, 5)) for d in single] == [
            (d.class_id, round(d.confidence, 5)) for d in batched
        ]


def test_int8_model_runs_with_several_threads(int8_model, photos, int8):
    _, images = photos
    image = _rgb(images[10])
    threaded = Detector(int8_model, threads=2).detect(image)
    single = int8.detect(image)
    assert len(threaded) == len(single)
    for a, b in zip(threaded, single):
        assert a.class_id == b.class_id and abs(a.confidence - b.confidence) < 1e-3


# --- the shipped model on the 35 real photos (figures in MODEL_CARD.md) -----------------------


def _evaluate_module():
    tools = REPO / "tools" / "train_damage_model"
    spec = importlib.util.spec_from_file_location("soest_tools_evaluate", tools / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(tools))
    spec.loader.exec_module(module)
    return module


def _card_figures():
    text = CARD.read_text(encoding="utf-8")
    pattern = (
        r"35 real evaldata photos, 45 potholes: D40 only AP50 \*\*([0-9.]+)\*\*, recall \*\*([0-9.]+)\*\* / "
        r"precision \*\*([0-9.]+)\*\* at confidence ≥ 0\.25; every class as damage AP50 \*\*([0-9.]+)\*\*, "
        r"recall \*\*([0-9.]+)\*\* / precision \*\*([0-9.]+)\*\*"
    )
    match = re.search(pattern, text)
    assert match, "MODEL_CARD.md must state the figures on the 35 evaldata photos"
    return [float(v) for v in match.groups()]


def test_shipped_model_figures_on_the_35_photos_match_the_model_card(photos):
    folder, _ = photos
    result = _evaluate_module().evaluate_real(Detector(default_model_path(), threads=1), folder)
    assert result["images"] == 35 and result["potholes"] == 45
    at = result["at_threshold"]["0.25"]
    measured = [
        result["ap50"],
        at["recall"],
        at["precision"],
        result["ap50_any_class"],
        at["recall_any_class"],
        at["precision_any_class"],
    ]
    kinds = ["ap50", "recall", "precision"] * 2
    for value, card, kind in zip(measured, _card_figures(), kinds):
        assert abs(value - card) <= TOLERANCE[kind], (kind, value, card, result["at_threshold"])


# --- Processing on the photos without GPS ------------------------------------------------------


class _Recorder(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings, self.errors = [], []

    def pushWarning(self, warning):  # noqa: N802
        self.warnings.append(warning)

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self.errors.append(error)


@pytest.mark.parametrize("model", ["int8", "shipped"])
def test_processing_without_any_position_fails_in_german_and_writes_no_store(
    soest_provider, german, photos, int8_model, tmp_path, model
):
    import processing
    from qgis.core import QgsProcessingContext

    folder, images = photos
    store = tmp_path / "schaeden.gpkg"
    params = {"IMAGES": str(folder / "images"), "OUTPUT": str(store)}
    if model == "int8":
        params["MODEL"] = str(int8_model)
    feedback = _Recorder()
    with pytest.raises(QgsProcessingException) as raised:
        processing.run("soest:detect_road_damage", params, context=QgsProcessingContext(), feedback=feedback)
    assert str(raised.value) == (
        "Keines der 35 Fotos hat eine Position: Sie enthalten keine GPS-Daten, und es wurde kein passender "
        "GPX-Track angegeben."
    )
    for path in images:  # every photo is named with the reason
        assert f"Foto hat keine Position: {path.name} (keine GPS-Position im Foto und kein GPX-Track angegeben)" in (
            feedback.warnings
        )
    assert not store.exists() and list(tmp_path.iterdir()) == []


def _with_gps(source, target, lon, lat):
    """Copy a JPEG adding an EXIF GPS block, without re-encoding (the pixels stay the same)."""
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: dms(lat), 3: "E", 4: dms(lon)}
    payload = exif.tobytes()
    if not payload.startswith(b"Exif\x00\x00"):
        payload = b"Exif\x00\x00" + payload
    data = source.read_bytes()
    assert data[:2] == b"\xff\xd8"
    target.write_bytes(data[:2] + b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload + data[2:])


@pytest.mark.parametrize("model", ["int8", "shipped"])
def test_processing_searches_the_positioned_photos_and_reports_the_others(
    soest_provider, german, photos, int8_model, tmp_path, model
):
    """5 of the 35 photos carry GPS: they are searched and stored; the 30 others are listed in
    the frames layer as no_position (never searched) and reported in German."""
    import processing
    from qgis.core import QgsProcessingContext

    _, images = photos
    drive = tmp_path / "fahrt"
    drive.mkdir()
    tagged = [p.name for p in images if p.name.startswith("pothole_b_ls_")]
    assert len(tagged) == 5
    for path in images:
        if path.name in tagged:
            _with_gps(path, drive / path.name, 8.1060 + 0.00006 * tagged.index(path.name), 51.5710)
        else:
            shutil.copyfile(path, drive / path.name)
    model_path = str(int8_model) if model == "int8" else default_model_path()
    store = tmp_path / "schaeden.gpkg"
    feedback = _Recorder()
    result = processing.run(
        "soest:detect_road_damage",
        {"IMAGES": str(drive), "OUTPUT": str(store), "MODEL": model_path, "CONFIDENCE": 0.25},
        context=QgsProcessingContext(),
        feedback=feedback,
    )
    assert result["FRAMES"] == 35 and result["UNPOSITIONED"] == 30 and result["UNREADABLE"] == 0
    assert "Übersprungen: 0 nicht lesbar, 30 ohne Position (siehe Protokoll)." in feedback.warnings
    detector = Detector(model_path, threads=1)
    with DamageStore.open(store, readonly=True) as s:
        frames = {f["image"]: f for f in s.frames()}
        assert len(frames) == 35
        for name, frame in frames.items():
            found = s.frame_detections(frame["fid"])
            if name in tagged:
                assert frame["status"] == "ok" and frame["position_source"] == "exif"
                # Stored detections = what the detector finds in the photo (the pipeline loses none).
                expected = detector.detect(_rgb(drive / name), conf_threshold=0.25)
                assert sorted(round(d["confidence"], 4) for d in found) == sorted(
                    round(d.confidence, 4) for d in expected
                ), name
                assert {d["class_name"] for d in found} <= set(detector.class_names.values())
            else:
                assert frame["status"] == "no_position" and found == []
                assert frame["message"] == "keine GPS-Position im Foto und kein GPX-Track angegeben"
        assert s.count("detections") == result["DETECTIONS"] > 0
