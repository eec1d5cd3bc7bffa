"""Detect road damage in a survey drive and write it to the damage store.

Order of work, so that nothing is half-written:
1. load the model (an unusable model fails here, before any store is touched),
2. read the photos' headers and positions (``ingest``),
3. open or create the store and run the whole drive in one transaction: photos are decoded in a
   small thread pool ahead of the model (prefetch window of a few batches) while the model runs
   on the current batch; frames and every detection are written as they come,
4. deduplicate into damages, name the nearest street, commit. Cancel or an error rolls back: a
   new store is not created at all, an existing one stays as it was.
"""

import concurrent.futures
import json
import os
import time

from ..common.atomic import atomic_path
from ..common.errors import ModelError
from ..common.feedback import NullFeedback, raise_if_canceled, warn
from ..common.i18n import tr
from . import ingest as ingest_mod
from .dedup import deduplicate
from .geometry import Camera, project_box
from .store import DamageStore

DEFAULT_CONFIDENCE = 0.1
DEFAULT_BATCH = 4


def inference_threads():
    """onnxruntime threads for a drive: half the cores (at least one). The other half decodes and
    letterboxes the next photos; on a 2-core machine one inference thread plus the decoders beat
    two inference threads fighting the decoders for the cores."""
    return max(1, (os.cpu_count() or 2) // 2)


def decode_workers():
    """Photo decoding threads: the cores inference leaves free (one on a 2-core PC). More decoders
    than free cores only take CPU and the GIL from the inference thread (measured: 0.76 → 0.81–0.86
    of the raw model's throughput on 2 cores)."""
    return max(1, (os.cpu_count() or 2) - inference_threads())


def load_detector(model_path=None, threads=None):
    """The project's ONNX detector for ``model_path`` (default: the shipped model)."""
    from ..common import deps

    deps.require("onnxruntime")
    from . import detector as detector_mod

    path = model_path or detector_mod.default_model_path()
    if not os.path.isfile(os.fspath(path)):
        raise ModelError(tr("Model file not found: {path}").format(path=path))
    return detector_mod.Detector(os.fspath(path), threads=threads or inference_threads())


def class_labels():
    """{'D40': 'Schlagloch', …} from the detector module, with a fallback for the RDD2022 classes."""
    try:
        from .detector import RDD_NAMES

        return dict(RDD_NAMES)
    except ImportError:
        return {"D00": "Längsriss", "D10": "Querriss", "D20": "Netzriss", "D40": "Schlagloch"}


def detect_drive(
    images_dir,
    store_path,
    model_path=None,
    track=None,
    confidence=DEFAULT_CONFIDENCE,
    camera=None,
    feedback=None,
    streets=None,
    clock_offset=0.0,
    iou=0.5,
    batch_size=DEFAULT_BATCH,
    dedup_radius=3.0,
    video_every_m=4.0,
    detector=None,
    workers=None,
):
    """Run detection on a drive (photo folder, or video file plus ``track``); returns a summary dict.

    ``streets``: a line layer (path or QgsVectorLayer, field ``name``) or the list from
    ``condition.load_streets``; each damage gets the name of the nearest street within 25 m.
    ``camera``: a ``geometry.Camera`` or a dict of its fields (height, pitch, hfov, max_distance).
    """
    feedback = feedback or NullFeedback()
    started = time.perf_counter()
    camera = camera if isinstance(camera, Camera) else Camera.from_dict(camera)
    images_dir = os.path.abspath(os.fspath(images_dir))  # photo paths in the store work from any folder
    store_path = os.fspath(store_path)

    # 1. model first: a broken model must not leave a store behind
    if detector is None:
        detector = load_detector(model_path)
    model_name = os.path.basename(os.fspath(model_path)) if model_path else "default"

    # 2. positions
    if os.path.isfile(images_dir) and images_dir.lower().endswith(ingest_mod.VIDEO_SUFFIXES):
        frames_dir = os.path.splitext(store_path)[0] + "_frames"
        result = ingest_mod.ingest_video(images_dir, track, frames_dir, video_every_m, clock_offset, feedback)
    else:
        result = ingest_mod.ingest_photos(images_dir, track=track, clock_offset=clock_offset, feedback=feedback)
    track_path = track.path if isinstance(track, ingest_mod.Track) else (os.fspath(track) if track else None)
    try:
        if streets is not None and not isinstance(streets, list):
            from .condition import load_streets

            streets = load_streets(streets)  # a bad street layer fails now, not after the whole drive
        raise_if_canceled(feedback)

        # 3./4. store
        drive_info = {
            "name": os.path.basename(images_dir.rstrip("/\\")) or images_dir,
            "source": images_dir,
            "track": track_path,
            "model": model_name,
            "camera": json.dumps(camera.to_dict()),
            "clock_offset": clock_offset,
        }
        run = _Run(detector, result, camera, confidence, iou, batch_size, workers, feedback)
        summary = _write_store(run, store_path, drive_info, streets, dedup_radius)
    except BaseException:
        if result.frames_dir:  # a failed or cancelled video run leaves no frames behind
            ingest_mod.remove_video_frames(result.frames_written, result.frames_dir, result.frames_dir_created)
        raise
    summary["store"] = store_path
    summary["seconds"] = time.perf_counter() - started
    summary["images_per_s"] = summary["processed"] / summary["seconds"] if summary["seconds"] > 0 else 0.0
    feedback.setProgress(100)
    feedback.pushInfo(
        tr("{frames} photos processed, {detections} detections, {damages} damages ({rate:.1f} photos/s).").format(
            frames=summary["processed"],
            detections=summary["detections"],
            damages=summary["damages"],
            rate=summary["images_per_s"],
        )
    )
    return summary


def _write_store(run, store_path, drive_info, streets, dedup_radius):
    """The drive into an existing store (one transaction) or a new one (created atomically)."""
    if os.path.exists(store_path):
        store = DamageStore.open(store_path)
        try:
            return run.write(store, drive_info, streets, dedup_radius)
        finally:
            store.close()
    with atomic_path(store_path) as tmp:
        store = DamageStore.create(tmp)
        try:
            return run.write(store, drive_info, streets, dedup_radius)
        finally:
            store.close()


class _Run:
    def __init__(self, detector, result, camera, confidence, iou, batch_size, workers, feedback):
        self.detector = detector
        self.result = result
        self.camera = camera
        self.confidence = float(confidence)
        self.iou = float(iou)
        self.batch_size = max(1, int(batch_size))
        self.workers = max(1, int(workers or decode_workers()))
        self.feedback = feedback
        self.timing = {"decode_wait": 0.0, "inference": 0.0, "store": 0.0}
        # Split mode (the project's Detector): preprocessing runs in the decode threads.
        self.split = all(hasattr(detector, n) for n in ("preprocess", "run_raw", "decode"))
        self.output_index = _output_index(detector) if self.split else 0
        size = getattr(detector, "input_size", None)
        self.fit = tuple(size) if size and len(size) == 2 and all(isinstance(v, int) for v in size) else None

    def write(self, store, drive_info, streets, dedup_radius):
        frames = self.result.frames
        todo = [f for f in frames if f.status == "ok" and f.positioned]
        self.unreadable = list(self.result.unreadable)
        self.detections = 0
        with store.transaction():
            drive_id = store.add_drive(**drive_info)
            frame_ids = {frame.seq: store.add_frame(drive_id, frame.to_row()) for frame in frames}
            with concurrent.futures.ThreadPoolExecutor(max_workers=self.workers) as pool:
                prefetch = _Prefetch(pool, self._load, todo, self.batch_size * (self.workers + 1))
                try:
                    for start in range(0, len(todo), self.batch_size):
                        raise_if_canceled(self.feedback)
                        self._batch(store, drive_id, frame_ids, todo[start : start + self.batch_size], prefetch)
                        self.feedback.setProgress(90.0 * min(start + self.batch_size, len(todo)) / len(todo))
                except BaseException:
                    prefetch.cancel()  # cancel or error: don't decode what nobody needs
                    raise
            raise_if_canceled(self.feedback)
            damages = deduplicate(store.drive_detections(drive_id), radius=dedup_radius)
            if streets is not None and damages:
                from .condition import nearest_street_names

                names = nearest_street_names(streets, [(d["easting"], d["northing"]) for d in damages])
                for damage, name in zip(damages, names):
                    damage["street"] = name
            for damage in damages:
                store.add_damage(drive_id, damage)
            store.finish_drive(drive_id, "complete")
        return {
            "drive_id": drive_id,
            "frames": len(frames),
            "processed": len(todo) - (len(self.unreadable) - len(self.result.unreadable)),
            "unreadable": self.unreadable,
            "unpositioned": list(self.result.unpositioned),
            "detections": self.detections,
            "damages": len(damages),
            "timing": dict(self.timing),
        }

    def _batch(self, store, drive_id, frame_ids, frames, prefetch):
        """Collect one batch from the decoders, run the model on it, write its detections."""
        batch, items = [], []
        t0 = time.perf_counter()
        for frame in frames:
            try:
                item = prefetch.take(frame)
            except Exception as error:  # noqa: BLE001 - corrupt/truncated files raise many types
                frame.status, frame.message = "unreadable", str(error)
                self.unreadable.append(frame.image)
                store.update_frame(frame_ids[frame.seq], status="unreadable", message=str(error))
                warn(
                    self.feedback,
                    tr("Photo cannot be read and is skipped: {image} ({error})").format(image=frame.image, error=error),
                )
                continue
            batch.append(frame)
            items.append(item)
        prefetch.fill()  # keep the decoders busy while the model runs
        self.timing["decode_wait"] += time.perf_counter() - t0
        if not items:
            return
        t1 = time.perf_counter()
        results = self._detect(items)
        self.timing["inference"] += time.perf_counter() - t1
        t2 = time.perf_counter()
        for frame, item, detections in zip(batch, items, results):
            (height, width), scale = item[0], item[1]
            if (width, height) != (frame.width, frame.height):
                frame.width, frame.height = width, height
                store.update_frame(frame_ids[frame.seq], width=width, height=height)
            rows = [self._row(frame, width, height, d, scale) for d in detections]
            store.add_detections(drive_id, frame_ids[frame.seq], frame.image, rows)
            self.detections += len(rows)
        self.timing["store"] += time.perf_counter() - t2

    def _load(self, path):
        """Worker thread: decode a photo and, where the detector allows, letterbox it already, so
        that the main thread only runs the model. Returns ((height, width), payload)."""
        image, full = ingest_mod.decode_image_scaled(path, self.fit)
        scale = (full[1] / image.shape[1], full[0] / image.shape[0])  # x, y back to original pixels
        if self.split:
            return full, scale, self.detector.preprocess(image)
        return full, scale, image

    def _detect(self, items):
        if self.split:
            results = []
            for _, _, (tensor, info) in items:
                outputs = self.detector.run_raw(tensor)
                results.append(self.detector.decode(outputs[self.output_index][0], info, self.confidence, self.iou))
            return results
        images = [image for _, _, image in items]
        if hasattr(self.detector, "detect_batch"):
            return self.detector.detect_batch(images, conf_threshold=self.confidence, iou_threshold=self.iou)
        return [self.detector.detect(i, conf_threshold=self.confidence, iou_threshold=self.iou) for i in images]

    def _row(self, frame, width, height, det, scale=(1.0, 1.0)):
        sx, sy = scale
        box = (det.x1 * sx, det.y1 * sy, det.x2 * sx, det.y2 * sy)
        e, n, distance = project_box(box, width, height, frame.easting, frame.northing, frame.heading, self.camera)
        return {
            "class_id": int(det.class_id),
            "class_name": det.class_name,
            "confidence": float(det.confidence),
            "x1": float(box[0]),
            "y1": float(box[1]),
            "x2": float(box[2]),
            "y2": float(box[3]),
            "easting": e,
            "northing": n,
            "distance": distance,
        }


class _Prefetch:
    """Keeps up to ``window`` photos decoding in the thread pool ahead of the model."""

    def __init__(self, pool, load, frames, window):
        self.pool, self.load, self.frames, self.window = pool, load, frames, window
        self.pending = {}
        self.next = 0
        self.fill()

    def fill(self):
        while self.next < len(self.frames) and len(self.pending) < self.window:
            frame = self.frames[self.next]
            self.pending[frame.seq] = self.pool.submit(self.load, frame.path)
            self.next += 1

    def take(self, frame):
        """The decoded photo of ``frame`` (waits for it; raises what decoding raised)."""
        return self.pending.pop(frame.seq).result()

    def cancel(self):
        for future in self.pending.values():
            future.cancel()
        self.pending.clear()


def _output_index(detector):
    """Index of the detection output among ``run_raw``'s outputs (0 for single-output models)."""
    name = getattr(detector, "_output_name", None)
    session = getattr(detector, "_session", None)
    if name is None or session is None:
        return 0
    names = [o.name for o in session.get_outputs()]
    return names.index(name) if name in names else 0
