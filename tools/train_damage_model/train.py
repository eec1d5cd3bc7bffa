"""Train the plugin's small road damage detector on generated images and export it to ONNX.

A development tool (not part of ``make setup``/``make test``); runs in its own venv with a CPU
build of PyTorch (see README.md)::

    /work/torchvenv/bin/python tools/train_damage_model/train.py generate --out /tmp/rdd --count 4000
    /work/torchvenv/bin/python tools/train_damage_model/train.py train --data /tmp/rdd --minutes 30
    /work/torchvenv/bin/python tools/train_damage_model/train.py export --weights /tmp/rdd/model.pt

Architecture ("SoestDet", the project's own, licence-clean): a plain CNN backbone (conv-BN-ReLU
with residual blocks, strides 8/16/32), a top-down feature pyramid and one shared anchor-free
head per location predicting class scores (sigmoid) and distances to the box sides
(left/top/right/bottom, softplus × stride). Training: FCOS-style centre sampling with size
ranges per level, quality focal loss (class target = IoU of the predicted box) and GIoU loss.
The ONNX export decodes boxes inside the graph and writes the YOLOv8 layout ``[1, 4+nc, N]``
(centre-x, centre-y, width, height in input pixels, then class scores) that the plugin reads.
"""

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import render  # noqa: E402

CLASS_NAMES = render.CLASS_NAMES
NC = len(CLASS_NAMES)
CANVAS = 416  # letterbox size of the stored images and of the exported model
CROP = 256  # training crops (the network is fully convolutional)
STRIDES = (8, 16, 32)


# ---------------------------------------------------------------------------------------------
# Data


def letterbox_np(image, size=CANVAS):
    """Image into a size×size canvas (pad 114); returns canvas, scale, pad_x, pad_y."""
    h, w = image.shape[:2]
    scale = min(size / h, size / w)
    nw, nh = max(1, round(w * scale)), max(1, round(h * scale))
    if (nw, nh) != (w, h):
        image = np.asarray(Image.fromarray(image).resize((nw, nh), Image.BILINEAR))
    canvas = np.full((size, size, 3), 114, np.uint8)
    px, py = round((size - nw) / 2 - 0.1), round((size - nh) / 2 - 0.1)
    canvas[py : py + nh, px : px + nw] = image
    return canvas, scale, px, py


# Share of "photo" scenes (render.random_photo_sample: pothole photos from above or from the
# road, rain, strong photometric variety); the rest are the original dashcam/close-up scenes.
PHOTO_SHARE = 0.6


def generate(out, count, seed, start=0, photo_share=PHOTO_SHARE):
    """Write ``count`` random images (JPEG) with YOLO labels into out/images, out/labels.

    ``photo_share`` of them are photo scenes; whether an image is one is drawn from its own
    random stream, so ``photo_share=0`` gives exactly the images of the original generator."""
    out = Path(out)
    (out / "images").mkdir(parents=True, exist_ok=True)
    (out / "labels").mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    for i in range(start, start + count):
        name = f"{seed:04d}_{i:06d}"
        if (out / "labels" / f"{name}.txt").exists():
            continue
        rng = np.random.default_rng([seed, i])
        if photo_share > 0 and np.random.default_rng([seed, i, 7]).random() < photo_share:
            image, boxes = render.random_photo_sample(rng, CANVAS)
        else:
            view = "closeup" if rng.random() < 0.5 else "dashcam"
            if view == "closeup":
                w, h = (CANVAS, CANVAS) if rng.random() < 0.5 else (CANVAS, CANVAS * 3 // 4)
            else:
                w, h = CANVAS, CANVAS * 9 // 16
            image, boxes = render.random_sample(rng, w, h, view=view, supersample=1.0)
        h, w = image.shape[:2]
        Image.fromarray(image).save(out / "images" / f"{name}.jpg", quality=95)
        lines = [
            f"{c} {(x1 + x2) / 2 / w:.6f} {(y1 + y2) / 2 / h:.6f} {(x2 - x1) / w:.6f} {(y2 - y1) / h:.6f}"
            for c, x1, y1, x2, y2 in boxes
        ]
        tmp = out / "labels" / f"{name}.txt.tmp"
        tmp.write_text("\n".join(lines) + ("\n" if lines else ""))
        os.replace(tmp, out / "labels" / f"{name}.txt")
        if (i - start + 1) % 100 == 0:
            print(f"{i - start + 1}/{count} images, {(time.time() - t0) / (i - start + 1):.2f} s/image", flush=True)


def read_yolo_labels(path, w, h):
    """YOLO label file -> array N×5 (class, x1, y1, x2, y2) in pixels."""
    rows = []
    if Path(path).exists():
        for line in Path(path).read_text().split("\n"):
            parts = line.split()
            if len(parts) == 5:
                c, cx, cy, bw, bh = int(parts[0]), *map(float, parts[1:])
                rows.append((c, (cx - bw / 2) * w, (cy - bh / 2) * h, (cx + bw / 2) * w, (cy + bh / 2) * h))
    return np.array(rows, np.float32).reshape(-1, 5)


class Dataset:
    """Letterboxed uint8 canvases and boxes kept in memory; re-scans the folder for new images."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.names, self.images, self.boxes = [], [], []
        self.refresh()

    def refresh(self):
        known = set(self.names)
        for label in sorted((self.folder / "labels").glob("*.txt")):
            name = label.stem
            if name in known:
                continue
            image = np.asarray(Image.open(self.folder / "images" / f"{name}.jpg").convert("RGB"))
            h, w = image.shape[:2]
            canvas, scale, px, py = letterbox_np(image)
            boxes = read_yolo_labels(label, w, h)
            boxes[:, 1:] = boxes[:, 1:] * scale + np.array([px, py, px, py], np.float32)
            self.names.append(name)
            self.images.append(canvas)
            self.boxes.append(boxes)
        return len(self.names)

    def __len__(self):
        return len(self.names)

    def sample_full(self, rng, index):
        """The whole CANVAS×CANVAS image (large potholes at the size the model sees them) with
        flips and photometric jitter: (CHW float32, boxes N×5)."""
        image, boxes = self.images[index], self.boxes[index].copy()
        return self._photometric(rng, image.astype(np.float32), boxes, CANVAS)

    def sample(self, rng, index):
        """A random CROP×CROP training crop with augmentation: (CHW float32, boxes N×5)."""
        image, boxes = self.images[index], self.boxes[index].copy()
        # Scale jitter.
        s = rng.uniform(0.7, 1.3)
        if abs(s - 1) > 0.03:
            size = int(CANVAS * s)
            image = np.asarray(Image.fromarray(image).resize((size, size), Image.BILINEAR))
            boxes[:, 1:] *= size / CANVAS
        size = image.shape[0]
        if size < CROP:
            pad = np.full((CROP, CROP, 3), 114, np.uint8)
            ox, oy = rng.integers(0, CROP - size + 1, 2)
            pad[oy : oy + size, ox : ox + size] = image
            image = pad
            boxes[:, 1:] += np.array([ox, oy, ox, oy], np.float32)
            x0 = y0 = 0
        else:
            if len(boxes) and rng.random() < 0.7:
                b = boxes[rng.integers(len(boxes))]
                cx, cy = (b[1] + b[3]) / 2, (b[2] + b[4]) / 2
                x0 = int(np.clip(cx - CROP / 2 + rng.uniform(-CROP / 3, CROP / 3), 0, size - CROP))
                y0 = int(np.clip(cy - CROP / 2 + rng.uniform(-CROP / 3, CROP / 3), 0, size - CROP))
            else:
                x0, y0 = (int(v) for v in rng.integers(0, size - CROP + 1, 2))
            image = image[y0 : y0 + CROP, x0 : x0 + CROP]
        if len(boxes):
            area = (boxes[:, 3] - boxes[:, 1]) * (boxes[:, 4] - boxes[:, 2])
            boxes[:, [1, 3]] = np.clip(boxes[:, [1, 3]] - x0, 0, CROP)
            boxes[:, [2, 4]] = np.clip(boxes[:, [2, 4]] - y0, 0, CROP)
            kept = (boxes[:, 3] - boxes[:, 1]) * (boxes[:, 4] - boxes[:, 2])
            boxes = boxes[(kept > 0.45 * area) & (boxes[:, 3] - boxes[:, 1] > 3) & (boxes[:, 4] - boxes[:, 2] > 3)]
        return self._photometric(rng, image.astype(np.float32), boxes, CROP)

    @staticmethod
    def _photometric(rng, img, boxes, size):
        if rng.random() < 0.5:
            img = img[:, ::-1]
            boxes[:, [1, 3]] = size - boxes[:, [3, 1]]
        # Photometric: brightness/contrast/colour; sometimes very dark (night photos).
        if rng.random() < 0.8:
            img = img * rng.uniform(0.7, 1.3) + rng.uniform(-20, 20)
            img = img * rng.uniform(0.9, 1.1, 3)
        if rng.random() < 0.2:
            img = img * rng.uniform(0.05, 0.35)
        if rng.random() < 0.15:
            img = img.mean(axis=2, keepdims=True).repeat(3, axis=2)
        img = np.clip(img, 0, 255) / 255.0
        if rng.random() < 0.3:
            img = img ** math.exp(rng.uniform(-0.7, 0.7))
        return np.ascontiguousarray(img.transpose(2, 0, 1), np.float32), boxes


# ---------------------------------------------------------------------------------------------
# Model


def build_model():
    import torch
    from torch import nn
    from torch.nn import functional as fn

    def cbr(cin, cout, k=3, s=1):
        return nn.Sequential(
            nn.Conv2d(cin, cout, k, s, k // 2, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)
        )

    class Block(nn.Module):
        def __init__(self, c):
            super().__init__()
            self.a = cbr(c, c, 1)
            self.b = nn.Sequential(nn.Conv2d(c, c, 3, 1, 1, bias=False), nn.BatchNorm2d(c))

        def forward(self, x):
            return fn.relu(x + self.b(self.a(x)))

    class SoestDet(nn.Module):
        def __init__(self, nc=NC, width=(12, 24, 40, 64, 96), neck=32):
            super().__init__()
            c0, c1, c2, c3, c4 = width
            self.stem = nn.Sequential(cbr(3, c0, 3, 2), cbr(c0, c1, 3, 2))
            self.s8 = nn.Sequential(cbr(c1, c2, 3, 2), Block(c2))
            self.s16 = nn.Sequential(cbr(c2, c3, 3, 2), Block(c3), Block(c3))
            self.s32 = nn.Sequential(cbr(c3, c4, 3, 2), Block(c4))
            self.lat = nn.ModuleList([nn.Conv2d(c, neck, 1) for c in (c2, c3, c4)])
            self.smooth = nn.ModuleList([cbr(neck, neck) for _ in range(3)])
            self.head = cbr(neck, neck)
            self.cls = nn.Conv2d(neck, nc, 1)
            self.reg = nn.Conv2d(neck, 4, 1)
            self.scales = nn.Parameter(torch.ones(3))
            nn.init.constant_(self.cls.bias, -4.6)
            nn.init.constant_(self.reg.bias, 1.0)

        def forward(self, x):
            """Per level: (class logits B×nc×H×W, raw distances B×4×H×W)."""
            x = self.stem(x)
            f8 = self.s8(x)
            f16 = self.s16(f8)
            f32 = self.s32(f16)
            p32 = self.lat[2](f32)
            p16 = self.lat[1](f16) + fn.interpolate(p32, scale_factor=2.0, mode="nearest")
            p8 = self.lat[0](f8) + fn.interpolate(p16, scale_factor=2.0, mode="nearest")
            outs = []
            for i, p in enumerate((p8, p16, p32)):
                h = self.head(self.smooth[i](p))
                outs.append((self.cls(h), self.reg(h) * self.scales[i]))
            return outs

    return SoestDet()


def grids(shapes, device=None):
    """Location centres (N×2, input pixels) and strides (N) for levels of the given H×W."""
    import torch

    centres, strides = [], []
    for (h, w), s in zip(shapes, STRIDES):
        ys, xs = torch.meshgrid(
            torch.arange(h, dtype=torch.float32), torch.arange(w, dtype=torch.float32), indexing="ij"
        )
        centres.append(torch.stack([(xs.reshape(-1) + 0.5) * s, (ys.reshape(-1) + 0.5) * s], 1))
        strides.append(torch.full((h * w,), float(s)))
    return torch.cat(centres), torch.cat(strides)


def flatten(outs):
    import torch

    cls = torch.cat([c.flatten(2) for c, _ in outs], 2).transpose(1, 2)  # B×N×nc
    reg = torch.cat([r.flatten(2) for _, r in outs], 2).transpose(1, 2)  # B×N×4
    return cls, reg


def decode(reg, centres, strides):
    import torch
    from torch.nn import functional as fn

    d = fn.softplus(reg) * strides[None, :, None]
    x1 = centres[None, :, 0] - d[..., 0]
    y1 = centres[None, :, 1] - d[..., 1]
    x2 = centres[None, :, 0] + d[..., 2]
    y2 = centres[None, :, 1] + d[..., 3]
    return torch.stack([x1, y1, x2, y2], -1)


LEVEL_RANGES = ((0, 80), (40, 160), (100, 1e9))


def assign(boxes, centres, strides):
    """FCOS-style: per location the smallest GT containing it near its centre within the level's size range."""
    import torch

    n = centres.shape[0]
    gt_idx = torch.full((n,), -1, dtype=torch.long)
    if len(boxes) == 0:
        return gt_idx
    b = torch.as_tensor(boxes[:, 1:], dtype=torch.float32)
    bw, bh = b[:, 2] - b[:, 0], b[:, 3] - b[:, 1]
    size = torch.maximum(bw, bh)
    area = bw * bh
    cx, cy = (b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2
    px, py = centres[:, 0:1], centres[:, 1:2]
    inside = (px > b[None, :, 0]) & (px < b[None, :, 2]) & (py > b[None, :, 1]) & (py < b[None, :, 3])
    radius = 2.5 * strides[:, None]
    near = ((px - cx[None]).abs() < radius) & ((py - cy[None]).abs() < radius)
    lo = torch.zeros_like(strides)
    hi = torch.zeros_like(strides)
    for s, (a, z) in zip(STRIDES, LEVEL_RANGES):
        lo[strides == s] = a
        hi[strides == s] = z
    in_range = (size[None] >= lo[:, None]) & (size[None] <= hi[:, None])
    ok = inside & near & in_range
    cost = torch.where(ok, area[None].expand_as(ok), torch.full_like(ok, 1e12, dtype=torch.float32))
    best, arg = cost.min(1)
    gt_idx[best < 1e12] = arg[best < 1e12]
    # Every GT gets at least its nearest location on the level of its size.
    for j in range(len(b)):
        if not (gt_idx == j).any():
            level = 0 if size[j] <= 80 else (1 if size[j] <= 160 else 2)
            mask = strides == STRIDES[level]
            d = (centres[:, 0] - cx[j]) ** 2 + (centres[:, 1] - cy[j]) ** 2
            d[~mask] = 1e12
            gt_idx[int(d.argmin())] = j
    return gt_idx


def giou(a, b):
    import torch

    ix1, iy1 = torch.maximum(a[:, 0], b[:, 0]), torch.maximum(a[:, 1], b[:, 1])
    ix2, iy2 = torch.minimum(a[:, 2], b[:, 2]), torch.minimum(a[:, 3], b[:, 3])
    inter = (ix2 - ix1).clamp(min=0) * (iy2 - iy1).clamp(min=0)
    area_a = (a[:, 2] - a[:, 0]).clamp(min=0) * (a[:, 3] - a[:, 1]).clamp(min=0)
    area_b = (b[:, 2] - b[:, 0]).clamp(min=0) * (b[:, 3] - b[:, 1]).clamp(min=0)
    union = area_a + area_b - inter + 1e-7
    iou = inter / union
    cx1, cy1 = torch.minimum(a[:, 0], b[:, 0]), torch.minimum(a[:, 1], b[:, 1])
    cx2, cy2 = torch.maximum(a[:, 2], b[:, 2]), torch.maximum(a[:, 3], b[:, 3])
    hull = (cx2 - cx1) * (cy2 - cy1) + 1e-7
    return iou - (hull - union) / hull, iou


# Loss weight per class (D00, D10, D20, D40): potholes matter most to the city.
CLASS_WEIGHTS = (1.0, 1.0, 1.0, 1.5)


def compute_loss(outs, batch_boxes, class_weights=CLASS_WEIGHTS):
    import torch
    from torch.nn import functional as fn

    cls, reg = flatten(outs)
    shapes = [tuple(c.shape[2:]) for c, _ in outs]
    centres, strides = grids(shapes)
    pred_boxes = decode(reg, centres, strides)
    cls_target = torch.zeros_like(cls)
    box_losses, n_pos = [], 0
    for i, boxes in enumerate(batch_boxes):
        gt_idx = assign(boxes, centres, strides)
        pos = gt_idx >= 0
        if not pos.any():
            continue
        gt = torch.as_tensor(boxes[:, 1:], dtype=torch.float32)[gt_idx[pos]]
        labels = torch.as_tensor(boxes[:, 0], dtype=torch.long)[gt_idx[pos]]
        g, iou = giou(pred_boxes[i, pos], gt)
        box_losses.append(((1 - g) * torch.as_tensor(class_weights, dtype=torch.float32)[labels]).sum())
        cls_target[i, pos.nonzero()[:, 0], labels] = iou.detach().clamp(min=0.05)
        n_pos += int(pos.sum())
    p = cls.sigmoid()
    qfl = fn.binary_cross_entropy_with_logits(cls, cls_target, reduction="none") * (p - cls_target).abs().pow(2)
    qfl = qfl * torch.as_tensor(class_weights, dtype=torch.float32)
    norm = max(1, n_pos)
    loss_cls = qfl.sum() / norm
    loss_box = (torch.stack(box_losses).sum() / norm) if box_losses else cls.sum() * 0
    return loss_cls + 2.0 * loss_box, float(loss_cls.detach()), float(loss_box.detach())


# ---------------------------------------------------------------------------------------------
# Training


class MultiDataset:
    """Several data folders, each drawn with its own weight (e.g. old scenes and photo scenes)."""

    def __init__(self, folders, weights=None):
        self.parts = [Dataset(f) for f in folders]
        w = np.asarray(weights if weights else [1.0] * len(folders), np.float64)
        self.weights = w / w.sum()

    def refresh(self):
        return sum(p.refresh() for p in self.parts)

    def __len__(self):
        return sum(len(p) for p in self.parts)

    def draw(self, rng, full=False):
        part = self.parts[int(rng.choice(len(self.parts), p=self.weights))]
        index = int(rng.integers(0, len(part)))
        return part.sample_full(rng, index) if full else part.sample(rng, index)


def train(
    data,
    out,
    minutes,
    batch=16,
    lr=2e-3,
    seed=0,
    resume=None,
    refresh_every=20,
    warmup=200,
    threads=1,
    data_weights=None,
    full_share=0.0,
    full_batch=6,
):
    """``data``: one folder or a list of folders (drawn with ``data_weights``); ``full_share``: share
    of steps that train on ``full_batch`` whole 416×416 images instead of ``batch`` 256×256 crops
    (about the same work), so that potholes filling most of a photo are learnt at their size."""
    import copy

    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    folders = [data] if isinstance(data, (str, Path)) else list(data)
    ds = MultiDataset(folders, data_weights)
    print(f"{len(ds)} training images ({', '.join(str(len(p)) for p in ds.parts)})", flush=True)
    model = build_model()
    prior = {}
    if resume:
        # Continue from a checkpoint (its EMA weights); a new warm-up + cosine cycle follows
        # and the training statistics are accumulated.
        ckpt = torch.load(resume)
        model.load_state_dict(ckpt["model"])
        prior = ckpt.get("info", {})
    ema = copy.deepcopy(model).eval()
    for p in ema.parameters():
        p.requires_grad_(False)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=5e-4)
    budget = minutes * 60.0
    t0 = time.time()
    step = 0
    seen = 0
    log = []
    while True:
        elapsed = time.time() - t0
        if elapsed > budget:
            break
        frac = elapsed / budget
        warm = min(1.0, (step + 1) / warmup)
        for group in opt.param_groups:
            group["lr"] = lr * warm * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * frac)))
        if step % refresh_every == 0 and step:
            ds.refresh()
        full = rng.random() < full_share
        samples = [ds.draw(rng, full) for _ in range(full_batch if full else batch)]
        x = torch.from_numpy(np.stack([s[0] for s in samples]))
        model.train()
        outs = model(x)
        loss, lc, lb = compute_loss(outs, [s[1] for s in samples])
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 10.0)
        opt.step()
        decay = min(0.999, (1 + step) / (10 + step))
        with torch.no_grad():
            msd = model.state_dict()
            for k, v in ema.state_dict().items():
                if v.dtype.is_floating_point:
                    v.mul_(decay).add_(msd[k].detach(), alpha=1 - decay)
                else:
                    v.copy_(msd[k])
        step += 1
        seen += len(samples)
        if step % 25 == 0:
            rate = seen / (time.time() - t0)
            print(
                f"step {step} {elapsed / 60:.1f} min loss {float(loss):.3f} (cls {lc:.3f} box {lb:.3f}) "
                f"{rate:.1f} img/s images {len(ds)}",
                flush=True,
            )
            log.append({"step": step, "minutes": elapsed / 60, "loss": float(loss)})
        if step % 250 == 0:
            save(out, ema, step, seen, time.time() - t0, len(ds), log, prior)
    save(out, ema, step, seen, time.time() - t0, len(ds), log, prior)
    print(f"done: {step} steps, {seen} images seen, {(time.time() - t0) / 60:.1f} min", flush=True)


def save(out, ema, step, seen, seconds, n_images, log, prior=None):
    import torch

    prior = prior or {}
    info = {
        "steps": step + prior.get("steps", 0),
        "images_seen": seen + prior.get("images_seen", 0),
        "train_seconds": seconds + prior.get("train_seconds", 0.0),
        "train_images": n_images,
        "runs": prior.get("runs", 1 if prior else 0) + 1,
        "log": prior.get("log", []) + log,
    }
    tmp = str(out) + ".tmp"
    torch.save({"model": ema.state_dict(), "info": info}, tmp)
    os.replace(tmp, out)


# ---------------------------------------------------------------------------------------------
# Export


def export(weights, out, size=CANVAS):
    import onnx
    import torch

    torch.set_num_threads(1)
    model = build_model()
    ckpt = torch.load(weights)
    model.load_state_dict(ckpt["model"])
    model.eval()

    class Exported(torch.nn.Module):
        def __init__(self, net):
            super().__init__()
            self.net = net
            shapes = [(size // s, size // s) for s in STRIDES]
            centres, strides = grids(shapes)
            self.register_buffer("centres", centres)
            self.register_buffer("strides", strides)

        def forward(self, images):
            cls, reg = flatten(self.net(images))
            boxes = decode(reg, self.centres, self.strides)[0]  # N×4 xyxy
            cxcywh = torch.stack(
                [
                    (boxes[:, 0] + boxes[:, 2]) / 2,
                    (boxes[:, 1] + boxes[:, 3]) / 2,
                    boxes[:, 2] - boxes[:, 0],
                    boxes[:, 3] - boxes[:, 1],
                ],
                1,
            )
            out = torch.cat([cxcywh, cls[0].sigmoid()], 1)  # N×(4+nc)
            return out.transpose(0, 1).unsqueeze(0)  # 1×(4+nc)×N

    wrapper = Exported(model).eval()
    dummy = torch.zeros(1, 3, size, size)
    tmp = str(out) + ".tmp.onnx"
    torch.onnx.export(
        wrapper, (dummy,), tmp, opset_version=17, input_names=["images"], output_names=["output0"], dynamo=False
    )
    m = onnx.load(tmp)
    info = ckpt.get("info", {})
    meta = {
        "names": str(CLASS_NAMES),
        "soest_class_names": json.dumps({str(k): v for k, v in CLASS_NAMES.items()}),
        "soest_model": "SoestDet (own anchor-free CNN), trained on generated images only",
        "soest_train_info": json.dumps({k: v for k, v in info.items() if k != "log"}),
        "stride": str(max(STRIDES)),
        "imgsz": str([size, size]),
        "task": "detect",
        "description": "Soest road damage detector (D00, D10, D20, D40); trained on synthetic images only",
        "license": "same as the plugin (GPL-2.0-or-later)",
    }
    del m.metadata_props[:]
    for k, v in meta.items():
        p = m.metadata_props.add()
        p.key, p.value = k, v
    m.doc_string = meta["description"]
    onnx.checker.check_model(m)
    onnx.save(m, str(out))
    os.remove(tmp)
    print(f"exported {out} ({os.path.getsize(out) / 1e6:.2f} MB)")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--out", required=True)
    g.add_argument("--count", type=int, default=4000)
    g.add_argument("--seed", type=int, default=1)
    g.add_argument("--start", type=int, default=0)
    g.add_argument("--photo-share", type=float, default=PHOTO_SHARE, help="share of photo scenes (0: original mix)")
    t = sub.add_parser("train")
    t.add_argument("--data", required=True, action="append", help="data folder; repeat for several")
    t.add_argument("--data-weights", type=float, nargs="+", default=None, help="draw weight per --data folder")
    t.add_argument("--full-share", type=float, default=0.0, help="share of steps on whole 416×416 images")
    t.add_argument("--out", default=None)
    t.add_argument("--minutes", type=float, default=30.0)
    t.add_argument("--batch", type=int, default=16)
    t.add_argument("--lr", type=float, default=2e-3)
    t.add_argument("--resume", default=None)
    t.add_argument("--warmup", type=int, default=200, help="warm-up steps of the learning rate")
    t.add_argument("--threads", type=int, default=1, help="torch threads (1 on a loaded machine)")
    e = sub.add_parser("export")
    e.add_argument("--weights", required=True)
    e.add_argument("--out", default=str(HERE.parents[1] / "soest_qgis_plugin" / "models" / "road_damage.onnx"))
    e.add_argument("--size", type=int, default=CANVAS)
    args = ap.parse_args(argv)
    if args.cmd == "generate":
        generate(args.out, args.count, args.seed, args.start, args.photo_share)
    elif args.cmd == "train":
        train(
            args.data,
            args.out or str(Path(args.data[0]) / "model.pt"),
            args.minutes,
            args.batch,
            args.lr,
            resume=args.resume,
            warmup=args.warmup,
            threads=args.threads,
            data_weights=args.data_weights,
            full_share=args.full_share,
        )
    else:
        export(args.weights, args.out, args.size)


if __name__ == "__main__":
    main()
