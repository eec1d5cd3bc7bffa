"""Detector: both output layouts, letterbox back-projection, NMS, metadata, bad models, odd images.

Tiny ONNX models are built here with the ``onnx`` helper: their output is a constant (plus
0 × the mean of the input so the input is used), so decoding can be checked exactly.
"""

import json

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")

from onnx import TensorProto, helper  # noqa: E402

from soest_qgis_plugin.common.errors import InputError, ModelError  # noqa: E402
from soest_qgis_plugin.roaddamage.detector import (  # noqa: E402
    RDD_NAMES,
    Detector,
    batched_nms,
    letterbox,
    nms,
    parse_class_names,
    to_rgb8,
)

from .conftest import TSV_DIR, tsv_translation  # noqa: E402

TSV = TSV_DIR / "roaddamage_detector.tsv"
NAMES = {0: "D00", 1: "D10", 2: "D20", 3: "D40"}


def constant_model(path, output, input_shape=(1, 3, 64, 64), metadata=None, opset=13):
    """An ONNX model whose single output is ``output`` (a float array) whatever the image."""
    output = np.asarray(output, dtype=np.float32)
    image = helper.make_tensor_value_info("images", TensorProto.FLOAT, list(input_shape))
    result = helper.make_tensor_value_info("output0", TensorProto.FLOAT, list(output.shape))
    const = helper.make_tensor("const", TensorProto.FLOAT, output.shape, output.flatten().tolist())
    nodes = [
        helper.make_node("Constant", [], ["c"], value=const),
        helper.make_node("ReduceMean", ["images"], ["m"], axes=list(range(len(input_shape))), keepdims=0),
        helper.make_node("Constant", [], ["zero"], value=helper.make_tensor("z", TensorProto.FLOAT, [], [0.0])),
        helper.make_node("Mul", ["m", "zero"], ["m0"]),
        helper.make_node("Add", ["c", "m0"], ["output0"]),
    ]
    graph = helper.make_graph(nodes, "test", [image], [result])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    for key, value in (metadata or {}).items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return str(path)


def v8_output(anchors, nc=4):
    """[1, 4+nc, N] from rows (cx, cy, w, h, class_id, score)."""
    out = np.zeros((1, 4 + nc, len(anchors)), dtype=np.float32)
    for j, (cx, cy, w, h, cls, score) in enumerate(anchors):
        out[0, :4, j] = (cx, cy, w, h)
        out[0, 4 + cls, j] = score
    return out


def v5_output(anchors, nc=4):
    """[1, N, 5+nc] from rows (cx, cy, w, h, objectness, class_id, class score)."""
    out = np.zeros((1, len(anchors), 5 + nc), dtype=np.float32)
    for j, (cx, cy, w, h, obj, cls, score) in enumerate(anchors):
        out[0, j, :5] = (cx, cy, w, h, obj)
        out[0, j, 5 + cls] = score
    return out


@pytest.fixture
def german_tsv(qgis_app):
    with tsv_translation([TSV]) as table:
        yield table


def ultralytics_names(names):
    return str(names)  # "{0: 'D00', 1: 'D10', ...}" as Ultralytics writes it


# --------------------------------------------------------------------------------------------- layouts


def test_yolov8_layout_decodes_boxes_classes_and_names(tmp_path):
    anchors = [
        (32, 32, 10, 20, 3, 0.9),  # pothole
        (10, 50, 8, 4, 0, 0.3),  # longitudinal crack
        (40, 10, 6, 6, 2, 0.01),  # below threshold
    ]
    path = constant_model(tmp_path / "v8.onnx", v8_output(anchors), metadata={"names": ultralytics_names(NAMES)})
    det = Detector(path)
    assert det.layout == "yolov8"
    assert det.input_size == (64, 64)
    assert det.class_names == NAMES
    found = det.detect(np.zeros((64, 64, 3), np.uint8), conf_threshold=0.05)
    assert [d.class_name for d in found] == ["D40", "D00"]
    pothole = found[0]
    assert (pothole.x1, pothole.y1, pothole.x2, pothole.y2) == pytest.approx((27, 22, 37, 42))
    assert pothole.confidence == pytest.approx(0.9)
    assert pothole.class_id == 3
    assert pothole.label == RDD_NAMES["D40"] == "Schlagloch"
    # Low thresholds keep weak detections (the UI filters).
    assert len(det.detect(np.zeros((64, 64, 3), np.uint8), conf_threshold=0.001)) == 3


def test_yolov5_layout_multiplies_objectness(tmp_path):
    anchors = [
        (20, 20, 10, 10, 0.8, 1, 0.5),  # conf 0.4
        (40, 40, 10, 10, 0.2, 2, 0.9),  # conf 0.18
        (50, 10, 4, 4, 0.1, 0, 0.1),  # conf 0.01 -> dropped
    ]
    names = {"0": "D00", "1": "D10", "2": "D20", "3": "D40"}
    path = constant_model(tmp_path / "v5.onnx", v5_output(anchors), metadata={"soest_class_names": json.dumps(names)})
    det = Detector(path)
    assert det.layout == "yolov5"
    found = det.detect(np.zeros((64, 64, 3), np.uint8), conf_threshold=0.05)
    assert [(d.class_name, round(d.confidence, 3)) for d in found] == [("D10", 0.4), ("D20", 0.18)]
    assert (found[0].x1, found[0].y1, found[0].x2, found[0].y2) == pytest.approx((15, 15, 25, 25))


def test_without_names_metadata_classes_are_numbered(tmp_path):
    path = constant_model(tmp_path / "plain.onnx", v8_output([(8, 8, 4, 4, 1, 0.7)] * 12, nc=2))
    det = Detector(path)
    assert det.layout == "yolov8"
    assert det.class_names == {0: "0", 1: "1"}


def test_letterbox_back_projection_to_original_pixels(tmp_path):
    # Input 320x320; a 200x100 (w x h) image is scaled by 1.6 to 320x160 and padded 80 px top/bottom.
    anchors = [(160, 160, 32, 16, 3, 0.95), (8, 88, 32, 32, 0, 0.6)]
    path = constant_model(
        tmp_path / "lb.onnx",
        v8_output(anchors),
        input_shape=(1, 3, 320, 320),
        metadata={"names": ultralytics_names(NAMES)},
    )
    det = Detector(path)
    image = np.zeros((100, 200, 3), np.uint8)
    tensor, info = det.preprocess(image)
    assert tensor.shape == (1, 3, 320, 320) and tensor.dtype == np.float32
    assert (info.scale, info.pad_x, info.pad_y) == pytest.approx((1.6, 0, 80))
    # Padding is grey 114, the image area the (black) image.
    assert tensor[0, :, 0, 0] == pytest.approx([114 / 255] * 3)
    assert tensor[0, :, 160, 160] == pytest.approx([0, 0, 0])
    found = det.detect(image)
    assert (found[0].x1, found[0].y1, found[0].x2, found[0].y2) == pytest.approx((90, 45, 110, 55), abs=1e-3)
    # A box reaching into the padding is clipped to the image.
    assert (found[1].x1, found[1].y1, found[1].x2, found[1].y2) == pytest.approx((0, 0, 15, 15), abs=1e-3)


def test_preprocess_is_rgb_chw_scaled(tmp_path):
    path = constant_model(tmp_path / "m.onnx", v8_output([(8, 8, 4, 4, 0, 0.5)] * 10))
    det = Detector(path)
    image = np.zeros((64, 64, 3), np.uint8)
    image[..., 0] = 255  # red
    image[..., 2] = 51
    tensor, _ = det.preprocess(image)
    assert tensor[0, 0].min() == pytest.approx(1.0)
    assert tensor[0, 1].max() == pytest.approx(0.0)
    assert tensor[0, 2].mean() == pytest.approx(0.2)


def test_per_class_nms(tmp_path):
    anchors = [
        (30, 30, 20, 20, 3, 0.9),
        (31, 31, 20, 20, 3, 0.8),  # same class, overlaps -> suppressed
        (31, 31, 20, 20, 0, 0.7),  # other class, same place -> kept
        (55, 55, 6, 6, 3, 0.6),  # same class, elsewhere -> kept
    ]
    path = constant_model(tmp_path / "nms.onnx", v8_output(anchors), metadata={"names": str(NAMES)})
    det = Detector(path)
    found = det.detect(np.zeros((64, 64, 3), np.uint8))
    assert sorted((d.class_name, round(d.confidence, 2)) for d in found) == [
        ("D00", 0.7),
        ("D40", 0.6),
        ("D40", 0.9),
    ]
    # A loose IoU threshold keeps the overlapping pair.
    assert len(det.detect(np.zeros((64, 64, 3), np.uint8), iou_threshold=0.95)) == 4


def test_nms_functions():
    boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30]], np.float32)
    scores = np.array([0.5, 0.9, 0.3], np.float32)
    assert nms(boxes, scores, 0.5).tolist() == [1, 2]
    assert batched_nms(boxes, scores, np.array([0, 1, 0]), 0.5).tolist() == [1, 0, 2]
    assert nms(np.zeros((0, 4), np.float32), np.zeros(0, np.float32), 0.5).tolist() == []


def test_detect_batch_matches_detect(tmp_path):
    path = constant_model(
        tmp_path / "b.onnx", v8_output([(32, 32, 10, 10, 3, 0.9)] * 6), metadata={"names": str(NAMES)}
    )
    det = Detector(path)
    images = [np.zeros((64, 64, 3), np.uint8), np.zeros((128, 64, 3), np.uint8)]
    batch = det.detect_batch(images)
    assert len(batch) == 2
    for image, dets in zip(images, batch):
        assert [(d.x1, d.y1, d.x2, d.y2) for d in dets] == [(d.x1, d.y1, d.x2, d.y2) for d in det.detect(image)]
    assert det.detect_batch([]) == []
    raw = det.run_raw(det.preprocess(images[0])[0])
    assert raw[0].shape == (1, 8, 6)


def test_dynamic_input_size_falls_back_to_640(tmp_path):
    path = constant_model(
        tmp_path / "dyn.onnx", v8_output([(8, 8, 4, 4, 0, 0.5)] * 10), input_shape=(1, 3, "height", "width")
    )
    assert Detector(path).input_size == (640, 640)


def test_parse_class_names_variants():
    assert parse_class_names({"names": "{0: 'D00', 1: 'D40'}"}) == {0: "D00", 1: "D40"}
    assert parse_class_names({"names": "['a', 'b']"}) == {0: "a", 1: "b"}
    assert parse_class_names({"soest_class_names": '{"0": "D00"}', "names": "{0: 'x'}"}) == {0: "D00"}
    assert parse_class_names({"names": "not python("}) == {}
    assert parse_class_names({}) == {}


# --------------------------------------------------------------------------------------------- bad models


def test_missing_model_file(tmp_path, german_tsv):
    with pytest.raises(ModelError) as info:
        Detector(tmp_path / "nope.onnx")
    assert "Modelldatei nicht gefunden" in str(info.value)


def test_file_that_is_not_onnx(tmp_path, german_tsv):
    path = tmp_path / "fake.onnx"
    path.write_bytes(b"\xff\xd8\xff\xe0 this is a JPEG, not a model" * 10)
    with pytest.raises(ModelError) as info:
        Detector(path)
    assert "kein ONNX-Modell" in str(info.value)


def test_empty_file_is_not_onnx(tmp_path, german_tsv):
    path = tmp_path / "empty.onnx"
    path.write_bytes(b"")
    with pytest.raises(ModelError) as info:
        Detector(path)
    assert "kein ONNX-Modell" in str(info.value)


def test_classifier_is_refused(tmp_path, german_tsv):
    path = constant_model(tmp_path / "classifier.onnx", np.zeros((1, 1000), np.float32), input_shape=(1, 3, 224, 224))
    with pytest.raises(ModelError) as info:
        Detector(path)
    message = str(info.value)
    assert "kein Objektdetektor" in message and "[1, 1000]" in message


def test_wrong_input_is_refused(tmp_path, german_tsv):
    path = constant_model(tmp_path / "seq.onnx", v8_output([(8, 8, 4, 4, 0, 0.5)] * 10), input_shape=(1, 128))
    with pytest.raises(ModelError) as info:
        Detector(path)
    assert "Eingabe" in str(info.value)


def test_unreadable_model(tmp_path, german_tsv, monkeypatch):
    from soest_qgis_plugin.roaddamage import detector as detector_module

    path = constant_model(tmp_path / "locked.onnx", v8_output([(8, 8, 4, 4, 0, 0.5)] * 10))

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # Works as root too (chmod 0 would not stop root from reading).
    monkeypatch.setattr(detector_module, "open", refuse, raising=False)
    with pytest.raises(ModelError) as info:
        Detector(path)
    assert "kann nicht gelesen werden" in str(info.value)
    assert "Permission denied" in info.value.details


# --------------------------------------------------------------------------------------------- odd images


def test_greyscale_and_16bit_images(tmp_path):
    path = constant_model(
        tmp_path / "g.onnx", v8_output([(32, 32, 10, 10, 3, 0.9)] * 6), metadata={"names": str(NAMES)}
    )
    det = Detector(path)
    grey = np.full((32, 64), 200, np.uint8)
    tensor, info = det.preprocess(grey)
    assert tensor.shape == (1, 3, 64, 64)
    assert tensor[0, :, 32, 32] == pytest.approx([200 / 255] * 3)
    assert (info.orig_width, info.orig_height) == (64, 32)
    sixteen = np.full((32, 64, 3), 65535, np.uint16)
    tensor16, _ = det.preprocess(sixteen)
    assert tensor16[0, :, 32, 32] == pytest.approx([1.0] * 3)
    grey16 = np.full((32, 64), 257 * 100, np.uint16)
    assert to_rgb8(grey16)[0, 0].tolist() == [100, 100, 100]
    assert len(det.detect(grey16)) == 1
    rgba = np.zeros((10, 10, 4), np.uint8)
    assert to_rgb8(rgba).shape == (10, 10, 3)
    with pytest.raises(InputError):
        det.preprocess(np.zeros((4, 4, 2), np.uint8))


def test_letterbox_keeps_aspect():
    canvas, info = letterbox(np.zeros((720, 1280, 3), np.uint8), 320, 320)
    assert canvas.shape == (320, 320, 3)
    assert info.scale == pytest.approx(0.25)
    assert info.pad_x == 0 and info.pad_y == 70
    assert canvas[0, 0].tolist() == [114, 114, 114] and canvas[160, 160].tolist() == [0, 0, 0]
