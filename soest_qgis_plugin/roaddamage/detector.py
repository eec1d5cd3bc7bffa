"""Road damage detector: runs a YOLO-style ONNX object detector with onnxruntime.

Core module (no Qt widgets, no messages). Two output layouts are understood:

* **YOLOv8 layout** ``[1, 4 + nc, N]``: per anchor centre-x, centre-y, width, height in input
  pixels followed by ``nc`` class scores (already sigmoid), no objectness. Ultralytics' ONNX
  export and the plugin's own shipped model use it.
* **YOLOv5 layout** ``[1, N, 5 + nc]``: centre-xywh, objectness, ``nc`` class scores; the
  confidence is objectness × class score.

Images are letterboxed to the model's input size (aspect kept, padding grey 114, /255, RGB,
CHW); boxes are returned in pixels of the original image after per-class NMS in numpy. Class
names come from the model's metadata: Ultralytics' ``names`` (a Python literal like
``{0: 'D00', 1: 'D10'}``) or the plugin's own ``soest_class_names`` (JSON). Every detection
with a confidence above a low threshold is kept; the UI filters.
"""

import ast
import json
import os
from dataclasses import dataclass

import numpy as np

from ..common.errors import DependencyError, InputError, ModelError
from ..common.i18n import tr
from ..common.paths import models_dir

#: German labels of the RDD2022 classes; class names from a model are used as they come and
#: looked up here for display.
RDD_NAMES = {"D00": "Längsriss", "D10": "Querriss", "D20": "Netzriss", "D40": "Schlagloch"}

DEFAULT_INPUT_SIZE = 640
PAD_VALUE = 114
MAX_CANDIDATES = 30000  # boxes entering NMS (highest confidence first)
MAX_DETECTIONS = 300  # boxes kept per image after NMS

LAYOUT_V8 = "yolov8"
LAYOUT_V5 = "yolov5"


def default_model_path():
    """The model shipped with the plugin (trained on generated images, see MODEL_CARD.md)."""
    return os.path.join(models_dir(), "road_damage.onnx")


def class_label(class_name):
    """Display label of a class name: the German RDD2022 name where known, else the name."""
    return RDD_NAMES.get(class_name, class_name)


@dataclass
class Detection:
    """One detected box in pixels of the original image."""

    x1: float
    y1: float
    x2: float
    y2: float
    confidence: float
    class_id: int
    class_name: str

    @property
    def label(self):
        return class_label(self.class_name)

    @property
    def width(self):
        return self.x2 - self.x1

    @property
    def height(self):
        return self.y2 - self.y1


@dataclass
class LetterboxInfo:
    """How an image was fitted into the model input: input = original * scale + pad."""

    scale: float
    pad_x: float
    pad_y: float
    orig_width: int
    orig_height: int

    def to_original(self, boxes_xyxy):
        """Map boxes (N×4, input pixels) back to the original image, clipped to it."""
        boxes = np.asarray(boxes_xyxy, dtype=np.float32).copy()
        boxes[:, [0, 2]] = (boxes[:, [0, 2]] - self.pad_x) / self.scale
        boxes[:, [1, 3]] = (boxes[:, [1, 3]] - self.pad_y) / self.scale
        boxes[:, [0, 2]] = boxes[:, [0, 2]].clip(0, self.orig_width)
        boxes[:, [1, 3]] = boxes[:, [1, 3]].clip(0, self.orig_height)
        return boxes


# ---------------------------------------------------------------------------------------------
# Image conversion and letterbox


def to_rgb8(image):
    """Any image array (H×W grey, H×W×1/3/4, 8/16 bit, float 0..1) as H×W×3 uint8 RGB."""
    arr = np.asarray(image)
    if arr.ndim == 3 and arr.shape[2] == 1:
        arr = arr[:, :, 0]
    if arr.ndim == 2:
        arr = np.repeat(arr[:, :, None], 3, axis=2)
    if arr.ndim != 3 or arr.shape[2] not in (3, 4) or arr.shape[0] < 1 or arr.shape[1] < 1:
        raise InputError(
            tr("Unsupported image shape {shape}; expected an RGB or greyscale image.").format(shape=tuple(arr.shape))
        )
    if arr.shape[2] == 4:
        arr = arr[:, :, :3]
    if arr.dtype == np.uint8:
        return np.ascontiguousarray(arr)
    if arr.dtype == np.bool_:
        return np.ascontiguousarray(arr.astype(np.uint8) * 255)
    if np.issubdtype(arr.dtype, np.floating):
        finite = np.nan_to_num(arr.astype(np.float32))
        if finite.size and float(finite.max()) <= 1.0:
            finite = finite * 255.0
        return np.ascontiguousarray(finite.clip(0, 255).round().astype(np.uint8))
    # Integer types: 16-bit (uint16, or int32 as PIL gives for mode "I") scaled down to 8 bit.
    maximum = int(arr.max()) if arr.size else 0
    if arr.dtype.itemsize > 1 and maximum > 255:
        return np.ascontiguousarray((arr.astype(np.float32) / 257.0).clip(0, 255).round().astype(np.uint8))
    return np.ascontiguousarray(arr.clip(0, 255).astype(np.uint8))


def letterbox(image_rgb8, height, width):
    """Fit an H×W×3 uint8 image into height×width keeping its aspect; pad grey 114."""
    from PIL import Image

    h, w = image_rgb8.shape[:2]
    scale = min(height / h, width / w)
    new_w = max(1, min(width, int(round(w * scale))))
    new_h = max(1, min(height, int(round(h * scale))))
    if (new_w, new_h) != (w, h):
        resized = np.asarray(Image.fromarray(image_rgb8).resize((new_w, new_h), Image.BILINEAR))
    else:
        resized = image_rgb8
    dw, dh = (width - new_w) / 2.0, (height - new_h) / 2.0
    left, top = int(round(dw - 0.1)), int(round(dh - 0.1))
    canvas = np.full((height, width, 3), PAD_VALUE, dtype=np.uint8)
    canvas[top : top + new_h, left : left + new_w] = resized
    # The exact scale per axis differs slightly from ``scale`` after rounding; use the mean.
    exact_scale = (new_w / w + new_h / h) / 2.0
    return canvas, LetterboxInfo(exact_scale, float(left), float(top), int(w), int(h))


# ---------------------------------------------------------------------------------------------
# NMS


def nms(boxes, scores, iou_threshold):
    """Greedy non-maximum suppression; returns indices of kept boxes, best first."""
    if len(boxes) == 0:
        return np.zeros(0, dtype=np.int64)
    x1, y1, x2, y2 = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
    areas = np.maximum(x2 - x1, 0) * np.maximum(y2 - y1, 0)
    order = np.argsort(-scores, kind="stable")
    keep = []
    while order.size:
        i = order[0]
        keep.append(i)
        if order.size == 1:
            break
        rest = order[1:]
        xx1 = np.maximum(x1[i], x1[rest])
        yy1 = np.maximum(y1[i], y1[rest])
        xx2 = np.minimum(x2[i], x2[rest])
        yy2 = np.minimum(y2[i], y2[rest])
        inter = np.maximum(xx2 - xx1, 0) * np.maximum(yy2 - yy1, 0)
        union = areas[i] + areas[rest] - inter
        iou = np.where(union > 0, inter / np.maximum(union, 1e-9), 0.0)
        order = rest[iou <= iou_threshold]
    return np.asarray(keep, dtype=np.int64)


def batched_nms(boxes, scores, class_ids, iou_threshold):
    """Per-class NMS: boxes of different classes never suppress each other."""
    if len(boxes) == 0:
        return np.zeros(0, dtype=np.int64)
    # Shift each class into its own region so one NMS pass handles all classes.
    offset = float(np.abs(boxes).max()) + 1.0
    shifted = boxes + (class_ids.astype(np.float32) * offset)[:, None]
    return nms(shifted, scores, iou_threshold)


# ---------------------------------------------------------------------------------------------
# Model metadata


def parse_class_names(metadata):
    """Class names from ONNX metadata: ``soest_class_names`` (JSON) or ``names`` (Python literal)."""
    for key, parser in (("soest_class_names", json.loads), ("names", ast.literal_eval)):
        raw = metadata.get(key)
        if not raw:
            continue
        try:
            value = parser(raw)
        except (ValueError, SyntaxError, TypeError):
            continue
        names = {}
        if isinstance(value, dict):
            for k, v in value.items():
                try:
                    names[int(k)] = str(v)
                except (TypeError, ValueError):
                    names = {}
                    break
        elif isinstance(value, (list, tuple)):
            names = {i: str(v) for i, v in enumerate(value)}
        if names:
            return names
    return {}


def _dim(value):
    """A static dimension as int, None when dynamic."""
    return value if isinstance(value, int) and value > 0 else None


def _infer_layout(shape, nc_from_names):
    """(layout, nc) for a rank-3 output shape [b, A, B] (ints), or None if it fits neither."""
    _, a, b = shape
    candidates = []
    if nc_from_names:
        if a == 4 + nc_from_names:
            candidates.append((LAYOUT_V8, nc_from_names))
        if b == 5 + nc_from_names:
            candidates.append((LAYOUT_V5, nc_from_names))
    if candidates:
        if len(candidates) == 1:
            return candidates[0]
        return candidates[0] if a <= b else candidates[1]
    # No names (or names that do not match): anchors outnumber channels in real detectors.
    if a < b and a >= 5:
        return LAYOUT_V8, a - 4
    if b < a and b >= 6:
        return LAYOUT_V5, b - 5
    return None


# ---------------------------------------------------------------------------------------------
# Detector


class Detector:
    """An ONNX object detector in YOLOv8 or YOLOv5 layout.

    Raises :class:`ModelError` (translated) when the file is missing, unreadable, not an ONNX
    model or a model whose inputs/outputs fit neither layout — before any image is read.
    """

    def __init__(self, model_path, providers=None, threads=None):
        self.model_path = str(model_path)
        path = self.model_path
        if not os.path.isfile(path):
            raise ModelError(tr("Model file not found: {path}").format(path=path))
        try:
            with open(path, "rb") as handle:
                head = handle.read(64)
        except OSError as error:
            raise ModelError(
                tr("The model file cannot be read: {path}").format(path=path), details=str(error)
            ) from error
        if not head:
            raise ModelError(tr("The file is not an ONNX model: {path}").format(path=path))

        try:
            import onnxruntime as ort
        except ImportError as error:
            raise DependencyError(
                tr("onnxruntime is not installed; install it to detect road damage (pip install onnxruntime).")
            ) from error

        options = ort.SessionOptions()
        options.log_severity_level = 3
        if threads:
            options.intra_op_num_threads = int(threads)
            options.inter_op_num_threads = 1
        available = ort.get_available_providers()
        chosen = [p for p in (providers or ["CPUExecutionProvider"]) if p in available] or ["CPUExecutionProvider"]
        try:
            self._session = ort.InferenceSession(path, sess_options=options, providers=chosen)
        except Exception as error:  # noqa: BLE001 - onnxruntime raises its own exception types
            text = str(error)
            if "protobuf" in text.lower() or "INVALID_PROTOBUF" in text or "INVALID_GRAPH" in text:
                raise ModelError(tr("The file is not an ONNX model: {path}").format(path=path), details=text) from error
            raise ModelError(
                tr("The model cannot be loaded by onnxruntime: {path}").format(path=path), details=text
            ) from error
        self.providers = list(self._session.get_providers())
        self._check_and_describe(path)

    # -- model inspection ----------------------------------------------------------------------

    def _check_and_describe(self, path):
        session = self._session
        inputs = session.get_inputs()
        image_inputs = [i for i in inputs if len(i.shape) == 4]
        if len(inputs) != 1 or len(image_inputs) != 1:
            shapes = ", ".join(str(list(i.shape)) for i in inputs) or "-"
            raise ModelError(self._input_message(shapes, path))
        inp = image_inputs[0]
        batch, channels, height, width = (_dim(d) for d in inp.shape)
        if channels not in (3, None) or batch not in (1, None) or "float" not in inp.type:
            raise ModelError(self._input_message(str(list(inp.shape)), path))
        self._input_name = inp.name
        self._input_dtype = np.float16 if inp.type == "tensor(float16)" else np.float32
        self._dynamic_batch = batch is None
        self.input_size = (height or DEFAULT_INPUT_SIZE, width or DEFAULT_INPUT_SIZE)

        meta = session.get_modelmeta()
        self.metadata = dict(meta.custom_metadata_map or {})
        names = parse_class_names(self.metadata)

        outputs = session.get_outputs()
        if not outputs:
            raise ModelError(self._output_message("-", path))
        out = outputs[0]
        self._output_name = out.name
        shape = list(out.shape)
        if len(shape) != 3 or _dim(shape[0]) not in (1, None):
            raise ModelError(self._output_message(str(shape), path))
        if any(_dim(d) is None for d in shape[1:]):
            # Dynamic output dimensions: learn them from one run on a blank input.
            shape = self._probe_output_shape(path)
        layout = _infer_layout([1, int(shape[1]), int(shape[2])], len(names))
        if layout is None:
            raise ModelError(self._output_message(str(list(out.shape)), path))
        self.layout, nc = layout
        self.num_classes = nc
        self.class_names = {i: names.get(i, str(i)) for i in range(nc)}

    def _probe_output_shape(self, path):
        height, width = self.input_size
        blank = np.full((1, 3, height, width), PAD_VALUE / 255.0, dtype=self._input_dtype)
        try:
            result = self._session.run([self._output_name], {self._input_name: blank})[0]
        except Exception as error:  # noqa: BLE001
            raise ModelError(
                tr("The model cannot be loaded by onnxruntime: {path}").format(path=path), details=str(error)
            ) from error
        if result.ndim != 3:
            raise ModelError(self._output_message(str(list(result.shape)), path))
        return list(result.shape)

    @staticmethod
    def _input_message(shape, path):
        return tr(
            "The model's input {shape} fits neither the YOLOv8 nor the YOLOv5 layout "
            "(expected one image input 1×3×height×width): {path}"
        ).format(shape=shape, path=path)

    @staticmethod
    def _output_message(shape, path):
        return tr(
            "The model's output {shape} fits neither the YOLOv8 layout [1, 4+classes, N] "
            "nor the YOLOv5 layout [1, N, 5+classes]; it is not an object detector: {path}"
        ).format(shape=shape, path=path)

    # -- inference -----------------------------------------------------------------------------

    def preprocess(self, image_rgb):
        """Letterbox an image (H×W×3 uint8 RGB; also grey, RGBA, 16-bit) into a 1×3×H×W tensor."""
        rgb = to_rgb8(image_rgb)
        height, width = self.input_size
        canvas, info = letterbox(rgb, height, width)
        tensor = canvas.transpose(2, 0, 1)[None].astype(np.float32) * np.float32(1.0 / 255.0)
        if self._input_dtype != np.float32:
            tensor = tensor.astype(self._input_dtype)
        return np.ascontiguousarray(tensor), info

    def run_raw(self, tensor):
        """Plain ``session.run`` on a preprocessed tensor (all outputs)."""
        return self._session.run(None, {self._input_name: tensor})

    def _run(self, tensor):
        try:
            return self._session.run([self._output_name], {self._input_name: tensor})[0]
        except Exception as error:  # noqa: BLE001
            raise ModelError(tr("The model could not be run: {error}").format(error=str(error))) from error

    def decode(self, output, info, conf_threshold=0.05, iou_threshold=0.5):
        """Detections of one image from its raw output (``[4+nc, N]`` or ``[N, 5+nc]``)."""
        out = np.asarray(output, dtype=np.float32)
        if out.ndim == 3:
            out = out[0]
        if self.layout == LAYOUT_V8:
            rows = out.T  # N × (4 + nc)
            scores_all = rows[:, 4:]
        else:
            rows = out  # N × (5 + nc)
            scores_all = rows[:, 5:] * rows[:, 4:5]
        if scores_all.shape[1] == 0:
            return []
        class_ids = scores_all.argmax(axis=1)
        scores = scores_all[np.arange(len(rows)), class_ids]
        mask = np.isfinite(scores) & (scores >= conf_threshold)
        if not mask.any():
            return []
        rows, scores, class_ids = rows[mask], scores[mask], class_ids[mask]
        if len(scores) > MAX_CANDIDATES:
            top = np.argsort(-scores)[:MAX_CANDIDATES]
            rows, scores, class_ids = rows[top], scores[top], class_ids[top]
        cx, cy, w, h = rows[:, 0], rows[:, 1], rows[:, 2], rows[:, 3]
        boxes = np.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], axis=1)
        boxes = info.to_original(boxes)
        valid = (boxes[:, 2] > boxes[:, 0]) & (boxes[:, 3] > boxes[:, 1])
        boxes, scores, class_ids = boxes[valid], scores[valid], class_ids[valid]
        keep = batched_nms(boxes, scores, class_ids, iou_threshold)[:MAX_DETECTIONS]
        return [
            Detection(
                float(boxes[i, 0]),
                float(boxes[i, 1]),
                float(boxes[i, 2]),
                float(boxes[i, 3]),
                float(scores[i]),
                int(class_ids[i]),
                self.class_names.get(int(class_ids[i]), str(int(class_ids[i]))),
            )
            for i in keep
        ]

    def detect(self, image_rgb, conf_threshold=0.05, iou_threshold=0.5):
        """Detections in pixels of the original image, best first (all above ``conf_threshold``)."""
        tensor, info = self.preprocess(image_rgb)
        output = self._run(tensor)
        return self.decode(output[0], info, conf_threshold, iou_threshold)

    def detect_batch(self, images, conf_threshold=0.05, iou_threshold=0.5):
        """Detections for several images (one list per image, in order)."""
        images = list(images)
        if not images:
            return []
        prepared = [self.preprocess(image) for image in images]
        if self._dynamic_batch and len(prepared) > 1:
            outputs = self._run(np.concatenate([t for t, _ in prepared], axis=0))
        else:
            outputs = [self._run(t)[0] for t, _ in prepared]
        return [
            self.decode(output, info, conf_threshold, iou_threshold) for output, (_, info) in zip(outputs, prepared)
        ]
