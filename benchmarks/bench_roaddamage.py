"""Road damage benchmark: detection throughput end to end vs the raw model, and review speed.

1. Throughput, in the same run on the same photos (dashcam-like 1280×720 JPEGs with EXIF GPS):
   - raw: ``session.run`` on tensors that were decoded and letterboxed beforehand,
   - end to end: ``detect_drive`` (decode in prefetch threads → detect → write the store).
   Three interleaved rounds; the best of each is reported (the machine is shared). The shipped
   model is used; if it is not there yet, a stand-in convolutional network in the
   YOLOv8 layout (same input size) is generated so the pipeline overhead can still be measured.
2. Review: a store with 10,000 damages; time to move to the next damage (queue step + reading
   the damage, its observations and the key photo's boxes) and to confirm + move on; then the
   same in the review dock itself (offscreen: table, photo viewer, map, progress label).
"""

import datetime
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

PHOTOS = 240  # a 1 km stretch at one photo every 4 m: fixed costs (store, headers) weigh as in a real drive
ROUNDS = 3
PHOTO_SIZE = (1280, 720)
DAMAGES = 10_000
STEPS = 300


def _photos(folder, count=PHOTOS, size=PHOTO_SIZE, seed=7):
    from PIL import Image

    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    start = datetime.datetime(2026, 5, 4, 9, 0, 0)
    lat, lon = 51.5710, 8.1060
    width, height = size
    for i in range(count):
        # asphalt-like noise so that JPEG decoding costs what real photos cost
        base = rng.normal(105, 18, (height // 4, width // 4, 1)).clip(0, 255).astype(np.uint8)
        array = np.repeat(np.repeat(np.repeat(base, 4, 0), 4, 1), 3, 2)
        array[: height // 3] = (150, 180, 210)
        y = int(height * 0.6 + 40 * math.sin(i))
        array[y : y + 30, width // 2 - 40 : width // 2 + 40] = 20
        exif = Image.Exif()
        exif[0x8769] = {36867: (start + datetime.timedelta(seconds=i)).strftime("%Y:%m:%d %H:%M:%S")}
        lon_i = lon + 4.0 * i / (111320.0 * math.cos(math.radians(lat)))
        exif[0x8825] = {1: "N", 2: _dms(lat), 3: "E", 4: _dms(lon_i)}
        Image.fromarray(array).save(folder / f"img_{i:04d}.jpg", "JPEG", quality=90, exif=exif)
    return folder


def _dms(value):
    d = int(value)
    m = int((value - d) * 60)
    return (float(d), float(m), round((value - d - m / 60.0) * 3600.0, 4))


def _stand_in_model(path, size=640):
    """A small random conv net with a YOLOv8-layout output [1, 8, (size/16)^2] (4 classes)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(0)
    nodes, inits = [], []
    channels = [3, 16, 32, 64, 8]
    name = "images"
    for i in range(4):
        w = rng.normal(0, 0.1, (channels[i + 1], channels[i], 3, 3)).astype(np.float32)
        inits.append(numpy_helper.from_array(w, f"w{i}"))
        nodes.append(helper.make_node("Conv", [name, f"w{i}"], [f"c{i}"], strides=[2, 2], pads=[1, 1, 1, 1]))
        if i < 3:
            nodes.append(helper.make_node("Relu", [f"c{i}"], [f"r{i}"]))
            name = f"r{i}"
        else:
            name = f"c{i}"
    cells = (size // 16) ** 2
    inits.append(numpy_helper.from_array(np.array([1, 8, cells], np.int64), "shape"))
    nodes.append(helper.make_node("Reshape", [name, "shape"], ["flat"]))
    nodes.append(helper.make_node("Sigmoid", ["flat"], ["output0"]))
    graph = helper.make_graph(
        nodes,
        "stand_in",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, size, size])],
        [helper.make_tensor_value_info("output0", TensorProto.FLOAT, [1, 8, cells])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    entry = model.metadata_props.add()
    entry.key, entry.value = "names", str({0: "D00", 1: "D10", 2: "D20", 3: "D40"})
    onnx.save(model, str(path))
    return str(path)


def throughput(work):
    from soest_qgis_plugin.roaddamage.detector import default_model_path
    from soest_qgis_plugin.roaddamage.ingest import decode_image
    from soest_qgis_plugin.roaddamage.pipeline import detect_drive, inference_threads, load_detector

    model = default_model_path()
    shipped = os.path.isfile(model)
    if not shipped:
        model = _stand_in_model(work / "stand_in.onnx")
    detector = load_detector(model)  # as the pipeline loads it (same onnxruntime threads for both figures)
    folder = _photos(work / "photos")
    paths = sorted(folder.glob("*.jpg"))
    tensors = [detector.preprocess(decode_image(p))[0] for p in paths]
    detector.run_raw(tensors[0])  # warm-up
    detect_drive(folder, work / "warmup.gpkg", detector=detector, confidence=0.1)
    # Interleaved rounds, best of each: the machine is shared, the best round is the least disturbed.
    raw_s = e2e_s = float("inf")
    for i in range(ROUNDS):
        start = time.perf_counter()
        for tensor in tensors:
            detector.run_raw(tensor)
        raw_s = min(raw_s, time.perf_counter() - start)
        start = time.perf_counter()
        result = detect_drive(folder, work / f"bench{i}.gpkg", detector=detector, confidence=0.1)
        elapsed = time.perf_counter() - start
        if elapsed < e2e_s:
            e2e_s, summary = elapsed, result
    raw_ips, e2e_ips = len(tensors) / raw_s, summary["processed"] / e2e_s
    return {
        "model": os.path.basename(model) + ("" if shipped else " (stand-in: shipped model missing)"),
        "input_size": list(detector.input_size),
        "onnxruntime_threads": inference_threads(),
        "photos": len(tensors),
        "rounds": ROUNDS,
        "photo_size": list(PHOTO_SIZE),
        "raw_images_per_s": round(raw_ips, 2),
        "raw_ms_per_image": round(1000.0 / raw_ips, 1),
        "end_to_end_images_per_s": round(e2e_ips, 2),
        "end_to_end_ms_per_image": round(1000.0 / e2e_ips, 1),
        "end_to_end_share_of_raw": round(e2e_ips / raw_ips, 3),
        "detections": summary["detections"],
        "pipeline_timing_s": {k: round(v, 3) for k, v in summary["timing"].items()},
    }


def _big_store(path, count=DAMAGES):
    from soest_qgis_plugin.roaddamage.store import DamageStore

    rng = np.random.default_rng(1)
    classes = ["D00", "D10", "D20", "D40"]
    streets = [f"Straße {i}" for i in range(60)]
    with DamageStore.create(path) as store, store.transaction():
        drive = store.add_drive("bench", "folder")
        for i in range(count):
            e, n = 436000.0 + rng.uniform(0, 5000), 5712000.0 + rng.uniform(0, 4000)
            frame = store.add_frame(
                drive,
                {
                    "seq": i,
                    "image": f"{i}.jpg",
                    "path": f"/bench/{i}.jpg",
                    "easting": e,
                    "northing": n,
                    "width": 1280,
                    "height": 720,
                },
            )
            cls = classes[i % 4]
            conf = float(rng.uniform(0.05, 1.0))
            ids = store.add_detections(
                drive,
                frame,
                f"{i}.jpg",
                [
                    {
                        "class_id": i % 4,
                        "class_name": cls,
                        "confidence": conf,
                        "x1": 600,
                        "y1": 400,
                        "x2": 680,
                        "y2": 440,
                        "easting": e + 8,
                        "northing": n,
                    }
                ],
            )
            store.add_damage(
                drive,
                {
                    "class_name": cls,
                    "confidence": conf,
                    "easting": e + 8,
                    "northing": n,
                    "key_detection": ids[0],
                    "detection_ids": ids,
                    "street": streets[i % len(streets)],
                },
            )
    return path


def _percentiles(samples_ms):
    ordered = sorted(samples_ms)
    return {
        "median_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 3),
    }


def review_speed(work, path=None):
    from soest_qgis_plugin.roaddamage.review import ReviewQueue

    path = path or _big_store(work / "review.gpkg")
    start = time.perf_counter()
    queue = ReviewQueue(path, who="bench")
    open_ms = (time.perf_counter() - start) * 1000.0
    queue.current()
    step = []
    for _ in range(STEPS):
        t = time.perf_counter()
        queue.next()
        queue.current()
        queue.progress_text()
        step.append((time.perf_counter() - t) * 1000.0)
    queue.go_to(queue.ids[0])
    act = []
    for _ in range(STEPS):
        t = time.perf_counter()
        queue.confirm()  # write + audit in one transaction, drop from the queue, next one current
        queue.current()
        queue.progress_text()
        act.append((time.perf_counter() - t) * 1000.0)
    t = time.perf_counter()
    queue.set_order("street")
    sort_ms = (time.perf_counter() - t) * 1000.0
    queue.close()
    return {
        "damages": DAMAGES,
        "open_queue_ms": round(open_ms, 1),
        "next_damage": _percentiles(step),
        "confirm_and_next": _percentiles(act),
        "resort_by_street_ms": round(sort_ms, 1),
    }


def dock_speed(path):
    """The same 10,000-damage store in the review dock (offscreen): next, and confirm + next."""
    from qgis.core import QgsApplication

    app = QgsApplication.instance()
    if app is None:
        app = QgsApplication([], True)
        app.initQgis()
    from qgis.gui import QgsMapCanvas

    from soest_qgis_plugin.roaddamage.dock import RoadDamageDock

    class Iface:  # what the dock uses of QGIS's interface
        def __init__(self):
            self.canvas = QgsMapCanvas()

        def mapCanvas(self):
            return self.canvas

    iface = Iface()
    dock = RoadDamageDock(iface)
    dock.resize(460, 1300)
    dock.show()
    start = time.perf_counter()
    dock.open_store(str(path), add_layers=True)
    app.processEvents()
    open_ms = (time.perf_counter() - start) * 1000.0
    step, act = [], []
    for _ in range(100):
        t = time.perf_counter()
        dock.next()
        app.processEvents()
        step.append((time.perf_counter() - t) * 1000.0)
    for _ in range(100):
        t = time.perf_counter()
        dock.confirm()
        app.processEvents()
        act.append((time.perf_counter() - t) * 1000.0)
    dock.cleanup()
    dock.close()
    from qgis.core import QgsProject

    QgsProject.instance().removeAllMapLayers()
    dock.deleteLater()
    iface.canvas.deleteLater()
    app.processEvents()
    return {"open_ms": round(open_ms, 1), "next_damage": _percentiles(step), "confirm_and_next": _percentiles(act)}


def main(out_dir):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir) as tmp:
        work = Path(tmp)
        figures = {"throughput": throughput(work), "review": review_speed(work)}
        figures["review_dock"] = dock_speed(_big_store(work / "dock.gpkg"))
    t, r, d = figures["throughput"], figures["review"], figures["review_dock"]
    print(f"{'measure':44s} {'value':>14s}")
    rows = [
        ("model", t["model"]),
        ("photos (size)", f"{t['photos']} ({t['photo_size'][0]}x{t['photo_size'][1]})"),
        ("raw session.run images/s", t["raw_images_per_s"]),
        ("raw ms/image", t["raw_ms_per_image"]),
        ("end to end images/s (decode->detect->store)", t["end_to_end_images_per_s"]),
        ("end to end ms/image", t["end_to_end_ms_per_image"]),
        ("end to end share of raw (target >= 0.8)", t["end_to_end_share_of_raw"]),
        (f"review next damage median ms ({r['damages']} damages)", r["next_damage"]["median_ms"]),
        ("review next damage p95 ms", r["next_damage"]["p95_ms"]),
        ("review confirm + next median ms", r["confirm_and_next"]["median_ms"]),
        ("review confirm + next p95 ms", r["confirm_and_next"]["p95_ms"]),
        ("dock: next damage median ms (photo, map, table)", d["next_damage"]["median_ms"]),
        ("dock: next damage p95 ms", d["next_damage"]["p95_ms"]),
        ("dock: confirm + next median ms", d["confirm_and_next"]["median_ms"]),
        ("dock: confirm + next p95 ms", d["confirm_and_next"]["p95_ms"]),
    ]
    for name, value in rows:
        print(f"{name:44s} {value!s:>14s}")
    return figures


if __name__ == "__main__":
    import json

    print(
        json.dumps(
            main(sys.argv[1] if len(sys.argv) > 1 else REPO / "benchmarks" / "results" / "bench_roaddamage"), indent=1
        )
    )
