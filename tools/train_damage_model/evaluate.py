"""Measure a road damage model with the plugin's own detector (runs in the project venv ``.venv``).

    .venv/bin/python tools/train_damage_model/evaluate.py                 # the shipped model
    .venv/bin/python tools/train_damage_model/evaluate.py --model my.onnx --json results.json
    .venv/bin/python tools/train_damage_model/evaluate.py --heldout 0 \
        --real ../shared/evaldata/road_damage/krizhneel_potholes_roboflow/test   # other real photos

Two measurements:

* **mAP50 on a held-out generated set**: images from the same generator as the training data but
  with a seed never used for training (``HELDOUT_SEED``), VOC-style all-point AP at IoU 0.5 per
  class, averaged over the classes present.
* **Real pothole photos** with YOLO labels (default ``../shared/fixtures/road_damage``, other
  folders with ``--real``: images/, labels/, class 0 = pothole, mapped to D40) — only measured,
  never trained on: recall and precision of D40 detections at IoU 0.5 for a few confidence
  thresholds, and AP50; the same with every detected class counted as "damage" (``*_any_class``).
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
for p in (str(REPO), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

HELDOUT_SEED = 9001  # training uses seeds 1, 2 and 3
REAL_FIXTURES = REPO.parent / "shared" / "fixtures" / "road_damage"
THRESHOLDS = (0.1, 0.25, 0.4)


def iou_matrix(a, b):
    a, b = np.asarray(a, np.float64).reshape(-1, 4), np.asarray(b, np.float64).reshape(-1, 4)
    ix1 = np.maximum(a[:, None, 0], b[None, :, 0])
    iy1 = np.maximum(a[:, None, 1], b[None, :, 1])
    ix2 = np.minimum(a[:, None, 2], b[None, :, 2])
    iy2 = np.minimum(a[:, None, 3], b[None, :, 3])
    inter = np.clip(ix2 - ix1, 0, None) * np.clip(iy2 - iy1, 0, None)
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    return inter / np.maximum(area_a[:, None] + area_b[None, :] - inter, 1e-9)


def read_labels(label_path, width, height, class_map=None):
    """YOLO label file -> list of (class_id, x1, y1, x2, y2) in pixels."""
    boxes = []
    path = Path(label_path)
    if path.exists():
        for line in path.read_text().splitlines():
            parts = line.split()
            if len(parts) != 5:
                continue
            c = int(parts[0])
            c = class_map.get(c, c) if class_map else c
            cx, cy, w, h = (float(v) for v in parts[1:])
            boxes.append((c, (cx - w / 2) * width, (cy - h / 2) * height, (cx + w / 2) * width, (cy + h / 2) * height))
    return boxes


def load_set(folder, class_map=None):
    """[(image RGB array, [(class, x1, y1, x2, y2)])] of a folder with images/ and labels/."""
    folder = Path(folder)
    items = []
    for image_path in sorted((folder / "images").iterdir()):
        if image_path.suffix.lower() not in (".jpg", ".jpeg", ".png"):
            continue
        image = np.asarray(ImageOps.exif_transpose(Image.open(image_path)).convert("RGB"))
        h, w = image.shape[:2]
        items.append(
            (image, read_labels(folder / "labels" / f"{image_path.stem}.txt", w, h, class_map), image_path.name)
        )
    return items


def run_detector(detector, items, conf=0.001):
    return [detector.detect(image, conf_threshold=conf, iou_threshold=0.5) for image, _, _ in items]


def average_precision(dets, gts, class_id, iou_thr=0.5, any_class=False):
    """VOC all-point AP of one class. dets/gts: per image lists.

    ``any_class``: every detection counts as a prediction of ``class_id`` ("damage", whatever the
    model called it); detections of several classes on the same object are then one true and
    further false positives (no class-agnostic NMS is added)."""
    records = []
    n_gt = 0
    for det_list, gt_list in zip(dets, gts):
        g = np.array([b[1:] for b in gt_list if b[0] == class_id]).reshape(-1, 4)
        n_gt += len(g)
        d = [x for x in det_list if any_class or x.class_id == class_id]
        d.sort(key=lambda x: -x.confidence)
        used = np.zeros(len(g), bool)
        for x in d:
            tp = False
            if len(g):
                ious = iou_matrix([[x.x1, x.y1, x.x2, x.y2]], g)[0]
                ious[used] = -1
                j = int(ious.argmax())
                if ious[j] >= iou_thr:
                    used[j] = True
                    tp = True
            records.append((x.confidence, tp))
    if n_gt == 0:
        return None, 0
    records.sort(key=lambda r: -r[0])
    tps = np.cumsum([r[1] for r in records]) if records else np.zeros(0)
    fps = np.cumsum([not r[1] for r in records]) if records else np.zeros(0)
    recall = tps / n_gt if len(tps) else np.zeros(0)
    precision = tps / np.maximum(tps + fps, 1e-9) if len(tps) else np.zeros(0)
    mrec = np.concatenate([[0.0], recall, [1.0]])
    mpre = np.concatenate([[1.0], precision, [0.0]])
    for i in range(len(mpre) - 2, -1, -1):
        mpre[i] = max(mpre[i], mpre[i + 1])
    idx = np.where(mrec[1:] != mrec[:-1])[0]
    return float(np.sum((mrec[idx + 1] - mrec[idx]) * mpre[idx + 1])), n_gt


def recall_precision(dets, gts, class_id, conf, iou_thr=0.5, any_class=False):
    """Recall and precision of one class at a confidence threshold (greedy matching)."""
    tp = n_gt = n_det = 0
    for det_list, gt_list in zip(dets, gts):
        g = np.array([b[1:] for b in gt_list if b[0] == class_id]).reshape(-1, 4)
        n_gt += len(g)
        d = [x for x in det_list if x.confidence >= conf and (any_class or x.class_id == class_id)]
        d.sort(key=lambda x: -x.confidence)
        n_det += len(d)
        used = np.zeros(len(g), bool)
        for x in d:
            if not len(g):
                break
            ious = iou_matrix([[x.x1, x.y1, x.x2, x.y2]], g)[0]
            ious[used] = -1
            j = int(ious.argmax())
            if ious[j] >= iou_thr:
                used[j] = True
                tp += 1
    return (tp / n_gt if n_gt else None), (tp / n_det if n_det else None), n_gt, n_det


def evaluate_heldout(detector, count=200, seed=HELDOUT_SEED, folder=None, photo_share=None):
    import train  # the generator half of train.py needs no torch

    photo_share = train.PHOTO_SHARE if photo_share is None else photo_share
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(folder) if folder else Path(tmp) / "heldout"
        train.generate(target, count, seed, photo_share=photo_share)
        items = load_set(target)
    dets = run_detector(detector, items)
    gts = [b for _, b, _ in items]
    per_class = {}
    for cid, name in train.CLASS_NAMES.items():
        ap, n = average_precision(dets, gts, cid)
        per_class[name] = {"ap50": None if ap is None else round(ap, 3), "boxes": n}
    aps = [v["ap50"] for v in per_class.values() if v["ap50"] is not None]
    rp = {}
    for thr in THRESHOLDS:
        r, p, _, _ = recall_precision(dets, gts, 3, thr)
        rp[str(thr)] = {"recall": r, "precision": p}
    return {
        "images": len(items),
        "seed": seed,
        "photo_share": photo_share,
        "map50": round(float(np.mean(aps)), 3) if aps else None,
        "per_class": per_class,
        "d40_at_threshold": rp,
    }


def _round(value):
    return None if value is None else round(float(value), 3)


def evaluate_real(detector, folder=REAL_FIXTURES, pothole_class=3):
    """Recall/precision of potholes (D40) on real labelled photos (``folder`` with images/ and
    labels/, YOLO labels, class 0 = pothole). ``*_any_class`` figures count every detection as
    "damage" whatever class the model gave it."""
    items = load_set(folder, class_map={0: pothole_class})
    dets = run_detector(detector, items)
    gts = [b for _, b, _ in items]
    ap, n = average_precision(dets, gts, pothole_class)
    ap_any, _ = average_precision(dets, gts, pothole_class, any_class=True)
    out = {
        "folder": str(folder),
        "images": len(items),
        "potholes": n,
        "ap50": _round(ap),
        "ap50_any_class": _round(ap_any),
        "at_threshold": {},
    }
    for thr in THRESHOLDS:
        r, p, n_gt, n_det = recall_precision(dets, gts, pothole_class, thr)
        ra, pa, _, n_det_any = recall_precision(dets, gts, pothole_class, thr, any_class=True)
        out["at_threshold"][str(thr)] = {
            "recall": _round(r),
            "precision": _round(p),
            "detections": n_det,
            "recall_any_class": _round(ra),
            "precision_any_class": _round(pa),
            "detections_any_class": n_det_any,
        }
    out["per_image"] = [
        {
            "image": name,
            "potholes": len(g),
            "best_d40_conf": max([d.confidence for d in ds if d.class_id == pothole_class], default=0.0),
        }
        for (_, g, name), ds in zip(items, dets)
    ]
    return out


def main(argv=None):
    from soest_qgis_plugin.roaddamage.detector import Detector, default_model_path

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=default_model_path())
    ap.add_argument("--heldout", type=int, default=200, help="number of held-out generated images")
    ap.add_argument("--heldout-dir", default=None, help="keep/reuse the held-out images in this folder")
    ap.add_argument("--heldout-seed", type=int, default=HELDOUT_SEED)
    ap.add_argument(
        "--photo-share",
        type=float,
        default=None,
        help="share of photo scenes in the held-out set (default: as in training, train.PHOTO_SHARE; "
        "0 = the original generator's mix)",
    )
    ap.add_argument(
        "--real",
        action="append",
        default=None,
        help="folder of real labelled photos (images/, labels/; class 0 = pothole); repeat for several "
        f"(default: {REAL_FIXTURES})",
    )
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)
    detector = Detector(args.model, threads=1)
    results = {"model": args.model, "input_size": list(detector.input_size)}
    if args.heldout:
        results["heldout"] = evaluate_heldout(
            detector, args.heldout, args.heldout_seed, folder=args.heldout_dir, photo_share=args.photo_share
        )
    folders = args.real or [str(REAL_FIXTURES)]
    for i, folder in enumerate(folders):
        if not (Path(folder) / "images").is_dir():
            if args.real:  # named explicitly: say so instead of silently measuring nothing
                ap.error(f"no images/ folder in {folder}")
            continue
        results["real" if i == 0 else f"real_{i + 1}"] = evaluate_real(detector, folder)
    text = json.dumps(results, indent=1)
    print(text)
    if args.json:
        Path(args.json).write_text(text)
    return results


if __name__ == "__main__":
    main()
