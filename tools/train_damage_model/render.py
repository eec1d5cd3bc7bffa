"""Procedural road images with road damage and exact YOLO boxes (numpy + Pillow only).

Shared by the demo survey drive (``tools/demo_data/drive.py``) and the training data of the
shipped model (``train.py``). Everything is drawn on a top-down *ground texture* in metres
(asphalt, kerbs, pavement, lane markings, patches, manhole covers, drains, oil, leaves, puddles,
shadows, potholes and cracks) and then seen through a pinhole camera (height, pitch, roll, yaw,
field of view) by inverse perspective mapping, with building facades, trees and sky above the
road. A damage's box is the projection of its ground outline, so boxes are exact in every view.

Classes (RDD2022): 0 D00 longitudinal crack, 1 D10 transverse crack, 2 D20 alligator crack,
3 D40 pothole.

Two kinds of view: ``"dashcam"`` (a camera behind the windscreen looking ahead, 5–15° down)
and ``"closeup"`` (a hand-held or low photo looking down at a damage, 25–85° down, like most
public pothole photos). Lighting: day, overcast, low sun with long shadows, dusk and night with
headlights or flash; wet asphalt with reflections; sensor noise, blur and JPEG artefacts.

Runs with numpy 1.24+ and Pillow 9.4+ (the project venv and the training venv).
"""

import io
import math
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

CLASS_NAMES = {0: "D00", 1: "D10", 2: "D20", 3: "D40"}
D00, D10, D20, D40 = 0, 1, 2, 3


# ---------------------------------------------------------------------------------------------
# Parameters


@dataclass
class Camera:
    width: int = 1280
    height: int = 720
    hfov_deg: float = 70.0
    pitch_deg: float = 9.0  # downwards
    height_m: float = 1.35
    roll_deg: float = 0.0
    yaw_deg: float = 0.0

    @property
    def focal(self):
        return self.width / (2.0 * math.tan(math.radians(self.hfov_deg) / 2.0))

    def rotation(self):
        """Camera -> world (columns: camera x right, y down, z forward; world X right, Y up, Z ahead)."""
        p, r, y = (math.radians(v) for v in (self.pitch_deg, self.roll_deg, self.yaw_deg))
        xc = np.array([1.0, 0.0, 0.0])
        yc = np.array([0.0, -math.cos(p), -math.sin(p)])
        zc = np.array([0.0, -math.sin(p), math.cos(p)])
        xr = math.cos(r) * xc + math.sin(r) * yc
        yr = -math.sin(r) * xc + math.cos(r) * yc
        m = np.stack([xr, yr, zc], axis=1)
        yaw = np.array([[math.cos(y), 0, math.sin(y)], [0, 1, 0], [-math.sin(y), 0, math.cos(y)]])
        return yaw @ m

    def project(self, points_xyz):
        """World points (N×3, camera at (0, height, 0)) -> pixel (N×2) and depth (N)."""
        pts = np.asarray(points_xyz, dtype=np.float64) - np.array([0.0, self.height_m, 0.0])
        cam = pts @ self.rotation()  # == (R^T p^T)^T
        depth = cam[:, 2]
        safe = np.where(depth > 1e-6, depth, 1e-6)
        u = self.width / 2.0 + self.focal * cam[:, 0] / safe
        v = self.height / 2.0 + self.focal * cam[:, 1] / safe
        return np.stack([u, v], axis=1), depth


@dataclass
class Damage:
    """A damage on the ground: class, centre (X lateral, Z ahead, metres), size and shape seed."""

    class_id: int
    x: float
    z: float
    size: float  # pothole radius; crack length; alligator patch edge (metres)
    angle: float = 0.0  # radians, deviation of a crack from its main direction
    seed: int = 0


@dataclass
class Style:
    """Look of a scene; ``random_style`` draws a varied one."""

    road_width: float = 7.0
    road_offset: float = 0.0
    curvature: float = 0.0
    asphalt: tuple = (95.0, 95.0, 98.0)
    asphalt_grain: float = 0.12
    wear: float = 0.5
    markings: str = "dashed"  # none, dashed, solid, both
    marking_wear: float = 0.2
    kerb: bool = True
    sidewalk: str = "paving"  # paving, grass, asphalt
    facades: bool = True
    facade_distance: float = 7.0
    patches: int = 2
    manholes: int = 1
    drains: int = 1
    sealed_cracks: int = 0
    oil: int = 1
    leaves: float = 0.0
    wet: float = 0.0  # 0 dry .. 1 soaked (reflections, puddles)
    light: str = "day"  # day, overcast, lowsun, dusk, night
    exposure: float = 1.0
    sun_azimuth: float = 0.6
    shadows: float = 0.5
    tint: tuple = (1.0, 1.0, 1.0)
    sky: tuple = (170.0, 195.0, 225.0)
    blur: float = 0.0
    noise: float = 3.0
    jpeg_quality: int = 88
    far: float = 60.0
    extra: dict = field(default_factory=dict)


def random_style(rng, view="dashcam"):
    """A varied style: surfaces, weather, light and camera artefacts."""
    grey = rng.uniform(55, 150)
    warm = rng.uniform(-8, 8)
    light = rng.choice(["day", "day", "overcast", "lowsun", "dusk", "night", "night"], p=None)
    wet = float(rng.choice([0.0, 0.0, 0.0, rng.uniform(0.2, 1.0)]))
    style = Style(
        road_width=float(rng.uniform(4.5, 10.0)),
        road_offset=float(rng.uniform(-2.5, 2.5)),
        curvature=float(rng.uniform(-0.002, 0.002)) if rng.random() < 0.5 else 0.0,
        asphalt=(grey + warm, grey + rng.uniform(-3, 3), grey - warm + rng.uniform(0, 6)),
        asphalt_grain=float(rng.uniform(0.05, 0.25)),
        wear=float(rng.uniform(0, 1)),
        markings=str(rng.choice(["none", "dashed", "solid", "both", "dashed"])),
        marking_wear=float(rng.uniform(0, 0.8)),
        kerb=bool(rng.random() < 0.8),
        sidewalk=str(rng.choice(["paving", "grass", "asphalt", "paving"])),
        facades=bool(rng.random() < 0.7),
        facade_distance=float(rng.uniform(1.5, 8.0)),
        patches=int(rng.integers(0, 5)),
        manholes=int(rng.integers(0, 3)),
        drains=int(rng.integers(0, 3)),
        sealed_cracks=int(rng.integers(1, 3)) if rng.random() < 0.1 else 0,
        oil=int(rng.integers(0, 4)),
        leaves=float(rng.uniform(0, 1)) if rng.random() < 0.3 else 0.0,
        wet=wet,
        light=str(light),
        exposure=float(rng.uniform(0.75, 1.3)),
        sun_azimuth=float(rng.uniform(-math.pi, math.pi)),
        shadows=float(rng.uniform(0, 1)),
        tint=tuple(float(v) for v in rng.uniform(0.9, 1.1, 3)),
        sky=tuple(float(v) for v in rng.choice([[170, 195, 225], [200, 205, 210], [150, 170, 200], [230, 220, 200]])),
        blur=float(rng.choice([0.0, 0.0, rng.uniform(0.3, 1.6)])),
        noise=float(rng.uniform(1, 9)),
        jpeg_quality=int(rng.integers(30, 95)),
        far=float(rng.uniform(35, 70)),
    )
    if light == "night":
        style.noise = float(rng.uniform(0.5, 4))
    if view == "closeup":
        style.facades = bool(rng.random() < 0.3)
    return style


def random_camera(rng, view, width, height):
    if view == "closeup":
        return Camera(
            width,
            height,
            hfov_deg=float(rng.uniform(45, 80)),
            pitch_deg=float(rng.uniform(25, 85)),
            height_m=float(rng.uniform(0.9, 1.8)),
            roll_deg=float(rng.uniform(-8, 8)),
            yaw_deg=float(rng.uniform(-30, 30)),
        )
    return Camera(
        width,
        height,
        hfov_deg=float(rng.uniform(55, 95)),
        pitch_deg=float(rng.uniform(4, 16)),
        height_m=float(rng.uniform(1.1, 1.7)),
        roll_deg=float(rng.uniform(-3, 3)),
        yaw_deg=float(rng.uniform(-6, 6)),
    )


# ---------------------------------------------------------------------------------------------
# Noise helpers


def smooth_noise(rng, h, w, cell):
    """Value noise (about N(0,1)) with features of ``cell`` pixels."""
    sh, sw = max(2, int(h / max(cell, 1)) + 2), max(2, int(w / max(cell, 1)) + 2)
    small = rng.standard_normal((sh, sw)).astype(np.float32)
    return np.asarray(Image.fromarray(small).resize((w, h), Image.BILINEAR), dtype=np.float32)


def fbm(rng, h, w, cell, octaves=4):
    total = np.zeros((h, w), np.float32)
    amp, norm = 1.0, 0.0
    for _ in range(octaves):
        total += amp * smooth_noise(rng, h, w, cell)
        norm += amp
        amp *= 0.5
        cell = max(1.0, cell / 2.0)
    return total / norm


# ---------------------------------------------------------------------------------------------
# Ground texture


class Ground:
    """A top-down texture over X in [x0, x1], Z in [z0, z1] at ``res`` metres per pixel."""

    def __init__(self, x0, x1, z0, z1, res):
        self.x0, self.z0, self.res = x0, z0, res
        self.w = max(8, int(math.ceil((x1 - x0) / res)))
        self.h = max(8, int(math.ceil((z1 - z0) / res)))
        self.rgb = np.zeros((self.h, self.w, 3), np.float32)
        xs = x0 + (np.arange(self.w, dtype=np.float32) + 0.5) * res
        zs = z0 + (np.arange(self.h, dtype=np.float32) + 0.5) * res
        self.X, self.Z = np.meshgrid(xs, zs)

    def sub(self, x0, x1, z0, z1):
        """A window of this texture (sharing its pixels) over the given extent, None if outside."""
        c0 = max(0, int((x0 - self.x0) / self.res))
        c1 = min(self.w, int(math.ceil((x1 - self.x0) / self.res)))
        r0 = max(0, int((z0 - self.z0) / self.res))
        r1 = min(self.h, int(math.ceil((z1 - self.z0) / self.res)))
        if c1 - c0 < 2 or r1 - r0 < 2:
            return None
        win = Ground.__new__(Ground)
        win.res = self.res
        win.x0, win.z0 = self.x0 + c0 * self.res, self.z0 + r0 * self.res
        win.w, win.h = c1 - c0, r1 - r0
        win.rgb = self.rgb[r0:r1, c0:c1]
        win.X, win.Z = self.X[r0:r1, c0:c1], self.Z[r0:r1, c0:c1]
        return win

    def around(self, x, z, radius):
        return self.sub(x - radius, x + radius, z - radius, z + radius)

    def to_px(self, x, z):
        return (np.asarray(x) - self.x0) / self.res, (np.asarray(z) - self.z0) / self.res

    def mask_image(self):
        return Image.new("L", (self.w, self.h), 0)

    def polygon_mask(self, pts_xz, blur_px=0.0):
        img = self.mask_image()
        px, pz = self.to_px(pts_xz[:, 0], pts_xz[:, 1])
        ImageDraw.Draw(img).polygon(list(zip(px.tolist(), pz.tolist())), fill=255)
        if blur_px > 0:
            img = img.filter(ImageFilter.GaussianBlur(blur_px))
        return np.asarray(img, np.float32) / 255.0

    def lines_mask(self, polylines, width_m, blur_px=0.0):
        img = self.mask_image()
        draw = ImageDraw.Draw(img)
        width = max(1, int(round(width_m / self.res)))
        for line in polylines:
            px, pz = self.to_px(line[:, 0], line[:, 1])
            draw.line(list(zip(px.tolist(), pz.tolist())), fill=255, width=width, joint="curve")
        if blur_px > 0:
            img = img.filter(ImageFilter.GaussianBlur(blur_px))
        return np.asarray(img, np.float32) / 255.0

    def blend(self, mask, colour, strength=1.0):
        m = (mask * strength)[..., None]
        self.rgb *= 1.0 - m
        self.rgb += m * np.asarray(colour, np.float32)

    def multiply(self, mask, factor):
        self.rgb *= (1.0 - mask * (1.0 - factor))[..., None]


def _road_rel_x(style, X, Z):
    return X - (style.road_offset + style.curvature * Z * Z)


def paint_base(rng, g, style):
    """Asphalt, wheel tracks, kerbs, pavement or grass, lane markings."""
    h, w, res = g.h, g.w, g.res
    rel = _road_rel_x(style, g.X, g.Z)
    half = style.road_width / 2.0
    base = np.asarray(style.asphalt, np.float32)
    large = fbm(rng, h, w, 2.0 / res, 3)
    grain = rng.standard_normal((h, w)).astype(np.float32)
    tone = 1.0 + 0.08 * large + style.asphalt_grain * 0.5 * grain
    speck = rng.random((h, w)) < 0.02 * (0.3 + style.wear)
    tone = np.where(speck, tone * rng.uniform(1.2, 1.6), tone)
    g.rgb[:] = base * tone[..., None]
    # Wheel tracks: polished, a little darker or lighter.
    tracks = 0.0
    for lane in (-half / 2.0, half / 2.0):
        for wheel in (-0.8, 0.8):
            tracks = tracks + np.exp(-(((rel - lane - wheel) / 0.35) ** 2))
    g.multiply(np.clip(tracks, 0, 1).astype(np.float32), 1.0 - 0.08 * rng.uniform(-1, 1) * style.wear)

    outside = np.abs(rel) > half
    kerb_w = float(rng.uniform(0.12, 0.3))
    side_colour = {
        "paving": np.array([150, 148, 145], np.float32) * rng.uniform(0.7, 1.1),
        "grass": np.array([70, 105, 50], np.float32) * rng.uniform(0.7, 1.2),
        "asphalt": base * rng.uniform(0.9, 1.2),
    }[style.sidewalk]
    side_tone = 1.0 + 0.1 * fbm(rng, h, w, 0.5 / res, 3) + 0.06 * rng.standard_normal((h, w)).astype(np.float32)
    side = side_colour * side_tone[..., None]
    if style.sidewalk == "paving":
        tile = float(rng.uniform(0.1, 0.3))
        joints = (np.mod(rel, tile) < res * 1.2) | (
            np.mod(g.Z + (np.floor(rel / tile) % 2) * tile / 2, tile * 1.5) < res
        )
        side = np.where(joints[..., None], side * 0.7, side)
    g.rgb[:] = np.where(outside[..., None], side, g.rgb)
    if style.kerb:
        kerb = (np.abs(rel) > half) & (np.abs(rel) < half + kerb_w)
        kerb_colour = np.array([175, 172, 168], np.float32) * rng.uniform(0.75, 1.1)
        g.rgb[:] = np.where(kerb[..., None], kerb_colour * (1 + 0.05 * grain[..., None]), g.rgb)
        gutter = (np.abs(rel) > half - 0.05) & (np.abs(rel) <= half)
        g.rgb[:] = np.where(gutter[..., None], g.rgb * 0.6, g.rgb)

    # Lane markings.
    white = np.array([225, 225, 220], np.float32) * rng.uniform(0.8, 1.05)
    wear = np.clip(1.0 - style.marking_wear * (0.6 + 0.8 * fbm(rng, h, w, 0.3 / res, 2)), 0, 1)
    line_w = float(rng.uniform(0.1, 0.15))
    marks = np.zeros((h, w), np.float32)
    if style.markings in ("dashed", "both"):
        dash, gap = float(rng.uniform(2, 4)), float(rng.uniform(4, 8))
        phase = float(rng.uniform(0, dash + gap))
        on = np.mod(g.Z + phase, dash + gap) < dash
        marks = np.maximum(marks, ((np.abs(rel) < line_w / 2) & on).astype(np.float32))
    if style.markings in ("solid", "both"):
        edge = half - 0.3
        marks = np.maximum(marks, (np.abs(np.abs(rel) - edge) < line_w / 2).astype(np.float32))
    g.blend(marks * wear, white)
    return rel


def _blob(rng, cx, cz, radius, n=48, rough=0.2, elong=1.0, angle=0.0):
    """Irregular closed outline around (cx, cz)."""
    theta = np.linspace(0, 2 * math.pi, n, endpoint=False)
    r = np.ones(n)
    for k in range(2, 7):
        r += rough / k * rng.uniform(0.3, 1.0) * np.cos(k * theta + rng.uniform(0, 2 * math.pi))
    r += rough * 0.25 * rng.standard_normal(n)
    r = np.clip(r, 0.45, 1.6) * radius
    x, z = r * np.cos(theta) * elong, r * np.sin(theta) / elong
    ca, sa = math.cos(angle), math.sin(angle)
    return np.stack([cx + ca * x - sa * z, cz + sa * x + ca * z], axis=1)


def paint_distractors(rng, full, style, rel):
    """Patches, manhole covers, drains, sealed cracks, oil stains, leaves."""
    g = full
    half = style.road_width / 2.0
    zmin, zmax = g.z0, g.z0 + g.h * g.res

    def road_point(margin=0.5):
        z = rng.uniform(zmin, zmax)
        x = rng.uniform(-half + margin, half - margin) + style.road_offset + style.curvature * z * z
        return x, z

    g = full
    area = g.w * g.h * g.res * g.res
    scale = max(0.2, min(3.0, area / 150.0))
    for _ in range(int(round(style.patches * scale))):
        x, z = road_point()
        pw, pl = rng.uniform(0.6, 3.5), rng.uniform(0.6, 4.0)
        g = full.around(x, z, max(pw, pl) / 2 + 0.3)
        if g is None:
            continue
        pts = np.array(
            [[x - pw / 2, z - pl / 2], [x + pw / 2, z - pl / 2], [x + pw / 2, z + pl / 2], [x - pw / 2, z + pl / 2]]
        )
        pts += rng.normal(0, 0.05, pts.shape)
        mask = g.polygon_mask(pts)
        factor = rng.choice([rng.uniform(0.55, 0.85), rng.uniform(1.1, 1.35)])
        g.multiply(mask, factor)
        edge = g.lines_mask([np.vstack([pts, pts[:1]])], 0.03)
        g.multiply(edge, 0.7)
    for _ in range(int(round(style.manholes * scale))):
        x, z = road_point(1.0)
        r = rng.uniform(0.28, 0.36)
        g = full.around(x, z, 0.5)
        if g is None:
            continue
        theta = np.linspace(0, 2 * math.pi, 40, endpoint=False)
        ring = np.stack([x + r * np.cos(theta), z + r * np.sin(theta)], axis=1)
        inner = np.stack([x + 0.9 * r * np.cos(theta), z + 0.9 * r * np.sin(theta)], axis=1)
        metal = np.array([70, 68, 66], np.float32) * rng.uniform(0.6, 1.4)
        g.blend(g.polygon_mask(ring), metal * 1.15)
        g.blend(g.polygon_mask(inner), metal)
        d = np.hypot(g.X - x, g.Z - z)
        inside = d < 0.88 * r
        pattern = (np.mod(np.floor((g.X - x) / 0.05) + np.floor((g.Z - z) / 0.05), 2) == 0) & inside
        g.multiply(pattern.astype(np.float32), 0.8)
    for _ in range(int(round(style.drains * scale))):
        z = rng.uniform(zmin, zmax)
        side = rng.choice([-1, 1])
        x = style.road_offset + style.curvature * z * z + side * (half - 0.3)
        bw, bl = 0.35, 0.55
        g = full.around(x, z, 0.4)
        if g is None:
            continue
        m = ((np.abs(g.X - x) < bw / 2) & (np.abs(g.Z - z) < bl / 2)).astype(np.float32)
        bars = (np.mod(g.Z - z, 0.06) < 0.03).astype(np.float32) * m
        g.blend(m, (60, 60, 60))
        g.multiply(bars, 0.3)
    for _ in range(int(round(style.sealed_cracks * scale))):
        x, z = road_point()
        g = full.around(x, z, 4.5)
        if g is None:
            continue
        line = _crack_polyline(rng, x, z, rng.uniform(1, 4), rng.choice([0.0, math.pi / 2]) + rng.normal(0, 0.2), 0.05)
        g.blend(g.lines_mask([line], rng.uniform(0.06, 0.1), 1.0), (35, 35, 38), 0.7)
    for _ in range(int(round(style.oil * scale))):
        x, z = road_point()
        g = full.around(x, z, 0.9)
        if g is None:
            continue
        g.multiply(g.polygon_mask(_blob(rng, x, z, rng.uniform(0.1, 0.5), rough=0.5), 3.0), rng.uniform(0.78, 0.92))
    g = full
    if style.leaves > 0:
        n = int(style.leaves * 300 * scale)
        px = rng.integers(0, g.w, n)
        pz = rng.integers(0, g.h, n)
        colours = rng.choice(np.array([[120, 80, 30], [150, 120, 40], [90, 70, 40], [60, 80, 30]], np.float32), n)
        size = max(1, int(0.04 / g.res))
        for i in range(n):
            g.rgb[pz[i] : pz[i] + size, px[i] : px[i] + size] = colours[i]


def _crack_polyline(rng, x, z, length, angle, jitter):
    """A wandering crack: starts at (x, z), main direction ``angle`` (0 = along Z)."""
    steps = max(4, int(length / 0.05))
    seg = length / steps
    heading = angle
    pts = [(x, z)]
    for _ in range(steps):
        heading += rng.normal(0, jitter * 2)
        heading = angle + np.clip(heading - angle, -0.5, 0.5)
        x += seg * math.sin(heading)
        z += seg * math.cos(heading)
        pts.append((x, z))
    return np.array(pts)


# ---------------------------------------------------------------------------------------------
# Damage


def paint_damage(rng, g, damage, style, light_dir):
    """Draw one damage into the ground texture; returns its ground outline points (N×2)."""
    base = np.asarray(style.asphalt, np.float32)
    crack_colour = base * rng.uniform(0.15, 0.45)
    if damage.class_id == D40:
        r = damage.size
        outline = _blob(
            rng,
            damage.x,
            damage.z,
            r,
            n=64,
            rough=rng.uniform(0.15, 0.6),
            elong=rng.uniform(0.7, 1.4),
            angle=rng.uniform(0, math.pi),
        )
        mask_hard = g.polygon_mask(outline)
        mask = g.polygon_mask(outline, blur_px=max(0.5, 0.01 / g.res))
        # Crumbled, lighter rim outside the hole.
        rim_pts = outline + (outline - [damage.x, damage.z]) * rng.uniform(0.08, 0.25)
        rim = np.clip(g.polygon_mask(rim_pts, blur_px=0.02 / g.res) - mask_hard, 0, 1)
        g.multiply(rim, rng.uniform(0.75, 1.3))
        kind = rng.choice(["dark", "gravel", "water", "dirt", "light", "dark", "gravel"])
        # Photo scenes may ask for other interiors (rain: mostly water-filled); the draw above
        # still happens so that scenes without the hint stay exactly as before.
        kinds = style.extra.get("pothole_kinds")
        if kinds:
            kind = kinds[int(rng.integers(len(kinds)))]
        h, w = g.h, g.w
        grain = fbm(rng, h, w, max(1.0, 0.03 / g.res), 2)
        if kind == "gravel":
            colour = base * rng.uniform(0.6, 1.1)
            inside = colour * (1.0 + 0.35 * grain[..., None] + 0.2 * rng.standard_normal((h, w, 1)).astype(np.float32))
        elif kind == "dirt":
            colour = np.array([95, 78, 55], np.float32) * rng.uniform(0.5, 1.2)
            inside = colour * (1.0 + 0.3 * grain[..., None])
        elif kind == "water":
            sky = np.asarray(style.sky, np.float32)
            colour = 0.5 * base * rng.uniform(0.3, 0.8) + 0.5 * sky * rng.uniform(0.2, 0.7)
            inside = colour * (1.0 + 0.08 * grain[..., None])
            if style.extra.get("specular"):
                # Bright sky reflections and ripples on the water surface.
                gloss = fbm(rng, h, w, max(1.0, 0.08 / g.res), 3)
                spots = np.clip((gloss - rng.uniform(0.2, 0.6)) * 3.0, 0, 1)[..., None]
                inside = inside * (1 - spots) + np.minimum(sky * rng.uniform(1.0, 1.4), 255) * spots
        elif kind == "light":
            colour = np.minimum(base * rng.uniform(1.1, 1.6), 230)
            stones = (rng.random((h, w, 1)) < 0.15) * rng.uniform(-0.4, 0.4)
            inside = colour * (1.0 + 0.2 * grain[..., None] + stones)
        else:
            colour = base * rng.uniform(0.3, 0.6)
            inside = colour * (1.0 + 0.25 * grain[..., None])
        if rng.random() < 0.5:  # loose stones and chunks
            stones = Image.fromarray((rng.random((h, w)) < 0.08).astype(np.uint8) * 255)
            stones = stones.filter(ImageFilter.MaxFilter(3)) if g.res < 0.01 else stones
            stones = np.asarray(stones, np.float32)[..., None] / 255.0
            inside = inside * (1 - stones) + stones * base * rng.uniform(0.5, 1.5)
        # Depth shading: the wall facing away from the light is in shadow, a dark edge line.
        dx, dz = g.X - damage.x, g.Z - damage.z
        dist = np.hypot(dx, dz) + 1e-6
        facing = (dx * light_dir[0] + dz * light_dir[1]) / dist
        edge = np.clip(1.0 - g.polygon_mask(outline - (outline - [damage.x, damage.z]) * 0.25), 0, 1) * mask_hard
        shade = 1.0 - 0.45 * edge * np.clip(-facing, 0, 1) + 0.25 * edge * np.clip(facing, 0, 1)
        inside = inside * shade[..., None]
        m = mask[..., None]
        g.rgb[:] = g.rgb * (1 - m) + inside * m
        outline_line = g.lines_mask([np.vstack([outline, outline[:1]])], rng.uniform(0.01, 0.03), 0.5)
        g.multiply(outline_line, rng.uniform(0.4, 0.8))
        # A few short cracks leaving the rim.
        for _ in range(int(rng.integers(0, 4))):
            p = outline[int(rng.integers(0, len(outline)))]
            ang = math.atan2(p[0] - damage.x, p[1] - damage.z) + rng.normal(0, 0.4)
            line = _crack_polyline(rng, p[0], p[1], rng.uniform(0.1, 0.4) * (1 + r), ang, 0.15)
            g.blend(g.lines_mask([line], 0.01), crack_colour, 0.8)
        return rim_pts

    width = rng.uniform(0.008, 0.03) * (1.0 + 0.5 * (g.res > 0.02))
    if damage.class_id in (D00, D10):
        main = 0.0 if damage.class_id == D00 else math.pi / 2
        angle = main + damage.angle
        length = damage.size
        sx = damage.x - 0.5 * length * math.sin(angle)
        sz = damage.z - 0.5 * length * math.cos(angle)
        line = _crack_polyline(rng, sx, sz, length, angle, rng.uniform(0.05, 0.2))
        lines = [line]
        for _ in range(int(rng.integers(0, 4))):
            p = line[int(rng.integers(1, len(line)))]
            lines.append(
                _crack_polyline(rng, p[0], p[1], rng.uniform(0.1, 0.5), angle + rng.choice([-1, 1]) * 0.7, 0.2)
            )
        halo = g.lines_mask(lines, width * 3, 1.0)
        g.multiply(halo, rng.uniform(0.75, 0.95))
        g.blend(g.lines_mask(lines, width), crack_colour, rng.uniform(0.7, 1.0))
        pts = np.vstack(lines)
        return pts

    # D20 alligator cracking: a net of cells on a patch.
    edge = damage.size
    pw, pl = edge * rng.uniform(0.6, 1.0), edge * rng.uniform(0.8, 1.4)
    cell = rng.uniform(0.12, 0.3)
    nx, nz = max(2, int(pw / cell)) + 1, max(2, int(pl / cell)) + 1
    gx = np.linspace(-pw / 2, pw / 2, nx)
    gz = np.linspace(-pl / 2, pl / 2, nz)
    net_x, net_z = np.meshgrid(gx, gz)
    net_x = net_x + rng.normal(0, cell * 0.25, net_x.shape) + damage.x
    net_z = net_z + rng.normal(0, cell * 0.25, net_z.shape) + damage.z
    # Keep the net inside an irregular outline.
    lines = []
    for i in range(nz):
        for j in range(nx):
            if j + 1 < nx and rng.random() < 0.85:
                lines.append(np.array([[net_x[i, j], net_z[i, j]], [net_x[i, j + 1], net_z[i, j + 1]]]))
            if i + 1 < nz and rng.random() < 0.85:
                lines.append(np.array([[net_x[i, j], net_z[i, j]], [net_x[i + 1, j], net_z[i + 1, j]]]))
    region = np.stack([net_x.ravel(), net_z.ravel()], axis=1)
    area_pts = np.array(
        [
            [region[:, 0].min(), region[:, 1].min()],
            [region[:, 0].max(), region[:, 1].min()],
            [region[:, 0].max(), region[:, 1].max()],
            [region[:, 0].min(), region[:, 1].max()],
        ]
    )
    g.multiply(g.polygon_mask(area_pts, blur_px=0.1 / g.res), rng.uniform(0.8, 1.0))
    g.multiply(g.lines_mask(lines, width * 2.5, 1.0), rng.uniform(0.75, 0.95))
    g.blend(g.lines_mask(lines, width), crack_colour, rng.uniform(0.7, 1.0))
    return region


# ---------------------------------------------------------------------------------------------
# Scene


def _background(rng, cam, style, dirs, t_ground, hit_ground):
    """Facades (two vertical planes beside the road), trees and sky for every pixel."""
    h, w = cam.height, cam.width
    sky_top = np.asarray(style.sky, np.float32) * 0.8
    sky_bottom = np.minimum(np.asarray(style.sky, np.float32) * 1.15, 255)
    elev = np.clip(dirs[..., 1] / np.linalg.norm(dirs, axis=-1), -1, 1)
    frac = np.clip(elev * 3.0, 0, 1)[..., None]
    bg = sky_bottom * (1 - frac) + sky_top * frac
    clouds = fbm(rng, h, w, max(4, w / 6), 3)
    bg = bg * (1 + 0.08 * clouds[..., None])
    depth = np.full((h, w), np.inf, np.float32)
    facade_hit = np.zeros((h, w), bool)
    if style.facades:
        for side in (-1, 1):
            xf = style.road_offset + side * (style.road_width / 2 + style.facade_distance)
            with np.errstate(divide="ignore", invalid="ignore"):
                t = xf / dirs[..., 0]
            valid = (t > 0) & np.isfinite(t)
            yh = cam.height_m + t * dirs[..., 1]
            zh = t * dirs[..., 2]
            # Buildings along Z: segments with own height/colour, some gaps (trees).
            seg_len = rng.uniform(8, 20)
            n_seg = 12
            heights = rng.uniform(5, 16, n_seg)
            gaps = rng.random(n_seg) < 0.2
            colours = rng.choice(
                np.array(
                    [
                        [200, 190, 170],
                        [170, 150, 130],
                        [150, 80, 60],
                        [220, 215, 205],
                        [120, 120, 125],
                        [185, 170, 140],
                    ],
                    np.float32,
                ),
                n_seg,
            )
            idx = np.clip((np.nan_to_num(zh, nan=0, posinf=0, neginf=0) / seg_len).astype(int), 0, n_seg - 1)
            top = heights[idx]
            hit = valid & (yh >= 0) & (yh <= top) & (zh > 0.3) & ~gaps[idx]
            hit &= ~(hit_ground & (t_ground < t))
            hit &= t < depth
            col = colours[idx] * rng.uniform(0.8, 1.0)
            floor = rng.uniform(2.8, 3.4)
            win = (np.mod(zh, 2.5) < 1.3) & (np.mod(yh, floor) > 0.9) & (np.mod(yh, floor) < 2.3) & (yh > 0.6)
            col = np.where(win[..., None], np.array([60, 70, 85], np.float32), col)
            base_band = yh < 0.5
            col = np.where(base_band[..., None], col * 0.7, col)
            bg = np.where(hit[..., None], col, bg)
            depth = np.where(hit, t, depth)
            facade_hit |= hit
            # Trees in the gaps: green noise blobs.
            tree = valid & (yh >= 0) & (yh <= top * 0.9) & (zh > 0.3) & gaps[idx] & ~(hit_ground & (t_ground < t))
            leaves = fbm(rng, h, w, max(3, w / 40), 2)
            green = np.array([55, 85, 40], np.float32) * (1 + 0.3 * leaves[..., None])
            tree &= leaves > -0.2
            bg = np.where(tree[..., None], green, bg)
            depth = np.where(tree, t, depth)
    return bg, depth, facade_hit


def _ground_samples(cam, rot, far):
    """Ground points (X, Z) and distances seen by a grid of pixels (None if no ground in view)."""
    uu, vv = np.meshgrid(np.linspace(0, cam.width, 64), np.linspace(0, cam.height, 48))
    d = np.stack([(uu - cam.width / 2) / cam.focal, (vv - cam.height / 2) / cam.focal, np.ones_like(uu)], -1) @ rot.T
    with np.errstate(divide="ignore", invalid="ignore"):
        t = -cam.height_m / d[..., 1]
    ok = (d[..., 1] < 0) & np.isfinite(t)
    gx, gz = t * d[..., 0], t * d[..., 2]
    ok &= (gz > 0) & (gz < far * 1.2)
    if not ok.any():
        return None
    dist = t[ok] * np.linalg.norm(d[ok], axis=-1)
    return np.clip(gx[ok], -40, 40), np.minimum(gz[ok], far), dist


def _extent(gx, gz, style):
    x0, x1 = float(gx.min()) - 0.5, float(gx.max()) + 0.5
    if style.facades:
        limit = style.road_width / 2 + style.facade_distance + abs(style.road_offset) + 1
        x0, x1 = max(x0, -limit - 2), min(x1, limit + 2)
    return x0, max(x1, x0 + 1), max(0.0, float(gz.min()) - 0.5), float(gz.max()) + 1.0


def _paint_texture(rng, g, style, damages, light_dir):
    rel = paint_base(rng, g, style)
    paint_distractors(rng, g, style, rel)
    outlines = []
    for dmg in damages:
        win = g.around(dmg.x, dmg.z, 2.2 * dmg.size + 0.3)
        if win is not None:
            drng = np.random.default_rng(dmg.seed)
            outlines.append((dmg.class_id, paint_damage(drng, win, dmg, style, light_dir)))
    _paint_light(rng, g, style, light_dir)
    return outlines


def _sample(g, xg, zg, valid):
    col = ((xg - g.x0) / g.res).astype(np.int64)
    row = ((zg - g.z0) / g.res).astype(np.int64)
    inside = valid & (col >= 0) & (col < g.w) & (row >= 0) & (row < g.h)
    return g.rgb[np.clip(row, 0, g.h - 1), np.clip(col, 0, g.w - 1)], inside


def render(rng, camera, style, damages, max_texture_px=2_000_000, min_res=0.003):
    """Render one image; returns (H×W×3 uint8 RGB, [(class_id, x1, y1, x2, y2), ...] in pixels).

    ``damages`` are placed as given (ground metres); the caller chooses them on the road; give
    each a ``seed`` so that it looks the same in every frame of a drive. Boxes of damages that
    are out of view, hidden or too small (< 4 px) are not returned.

    The ground is textured at the resolution the nearest visible ground needs; where that would
    be too many pixels, a near texture is blended into a coarser far one.
    """
    cam = camera
    rot = cam.rotation()
    samples = _ground_samples(cam, rot, style.far)
    h, w = cam.height, cam.width
    u = (np.arange(w, dtype=np.float32) + 0.5 - w / 2) / cam.focal
    v = (np.arange(h, dtype=np.float32) + 0.5 - h / 2) / cam.focal
    uu, vv = np.meshgrid(u, v)
    dirs = np.stack([uu, vv, np.ones_like(uu)], -1) @ rot.T.astype(np.float32)
    with np.errstate(divide="ignore", invalid="ignore"):
        t_ground = -cam.height_m / dirs[..., 1]
    hit_ground = (dirs[..., 1] < 0) & np.isfinite(t_ground)
    xg = np.where(hit_ground, t_ground * dirs[..., 0], 0)
    zg = np.where(hit_ground, t_ground * dirs[..., 2], 0)
    hit_ground &= (zg > 0) & (zg < style.far)
    damages = [
        d if d.seed else Damage(d.class_id, d.x, d.z, d.size, d.angle, int(rng.integers(1, 2**31))) for d in damages
    ]

    light_dir = (math.sin(style.sun_azimuth), math.cos(style.sun_azimuth))
    boxes = []
    if samples is not None:
        gx, gz, dist_s = samples
        near_res = max(min_res, float(dist_s.min()) / cam.focal)
        full = _extent(gx, gz, style)
        area = (full[1] - full[0]) * (full[3] - full[2])
        if area / near_res**2 <= max_texture_px:
            g = Ground(*full, near_res)
            outlines = _paint_texture(rng, g, style, damages, light_dir)
            ground_rgb, inside = _sample(g, xg, zg, hit_ground)
        else:
            lo, hi = full[2] + 1.0, full[3]
            for _ in range(12):
                mid = (lo + hi) / 2
                e = _extent(gx[gz <= mid], gz[gz <= mid], style) if (gz <= mid).any() else (0, 1, 0, mid)
                if (e[1] - e[0]) * (mid + 1 - e[2]) / near_res**2 <= max_texture_px:
                    lo = mid
                else:
                    hi = mid
            zs = lo
            sel = gz <= zs
            near_e = _extent(gx[sel], gz[sel], style) if sel.any() else (full[0], full[1], full[2], zs)
            near = Ground(near_e[0], near_e[1], near_e[2], zs + 1.0, near_res)
            far = Ground(*full, math.sqrt(area / max_texture_px))
            outlines = _paint_texture(rng, near, style, damages, light_dir)
            outlines += _paint_texture(rng, far, style, damages, light_dir)
            far_rgb, inside = _sample(far, xg, zg, hit_ground)
            near_rgb, in_near = _sample(near, xg, zg, hit_ground)
            weight = np.where(in_near, np.clip((zs - zg) / max(0.5, 0.15 * zs), 0, 1), 0)[..., None]
            ground_rgb = near_rgb * weight + far_rgb * (1 - weight)
            inside |= in_near
        far_colour = np.asarray(style.asphalt, np.float32) * 0.9
        ground_rgb = np.where(inside[..., None], ground_rgb, far_colour)
        for class_id, pts in _unique_outlines(outlines, damages):
            box = _project_box(cam, pts, hit_ground, t_ground, style, class_id)
            if box is not None:
                boxes.append((class_id, *box))
    else:
        ground_rgb = np.zeros((h, w, 3), np.float32)
    bg, bg_depth, _ = _background(rng, cam, style, dirs, t_ground, hit_ground)
    use_ground = hit_ground & ~(bg_depth < t_ground)
    image = np.where(use_ground[..., None], ground_rgb, bg)
    dist = np.where(use_ground, t_ground, np.where(np.isfinite(bg_depth), bg_depth, style.far * 2))
    # Wet asphalt: reflections of the sky/buildings, stronger at grazing angles.
    if style.wet > 0 and samples is not None:
        fres = np.clip((dist - 3) / 25, 0, 1) * style.wet
        puddles = np.clip(fbm(rng, h, w, max(4, w / 12), 3) * 2 + style.wet * 2 - 1.5, 0, 1)
        refl = np.where(use_ground, np.clip(fres * 0.6 + puddles * 0.5, 0, 0.85), 0)[..., None]
        flipped = bg[::-1] if rng.random() < 0.5 else np.asarray(style.sky, np.float32) * np.ones_like(bg)
        image = np.where(use_ground[..., None], image * (1 - 0.35 * style.wet), image)
        image = image * (1 - refl) + flipped * refl
    # Haze.
    haze = np.clip(dist / (style.far * 2.5), 0, 0.6)[..., None]
    image = image * (1 - haze) + np.asarray(style.sky, np.float32) * haze
    image = _camera_effects(rng, image, style, cam, dist, use_ground)
    return image, [b for b in boxes if _box_ok(b)]


def _unique_outlines(outlines, damages):
    """One outline per damage (the near and the far texture may both have painted it)."""
    result, seen = [], set()
    for class_id, pts in outlines:
        key = (class_id, round(float(np.mean(pts[:, 0])), 2), round(float(np.mean(pts[:, 1])), 2))
        if key not in seen:
            seen.add(key)
            result.append((class_id, pts))
    return result


def _box_ok(box):
    _, x1, y1, x2, y2 = box
    return (x2 - x1) >= 4 and (y2 - y1) >= 4


def _project_box(cam, pts, hit_ground, t_ground, style, class_id):
    """Pixel box of a damage outline; None when (mostly) out of view, behind or hidden."""
    pts = np.asarray(pts, np.float64)
    if not len(pts) or pts[:, 1].max() > style.far:
        return None
    xyz = np.stack([pts[:, 0], np.zeros(len(pts)), pts[:, 1]], axis=1)
    uv, depth = cam.project(xyz)
    if (depth <= 0.2).any():
        return None
    inside = (uv[:, 0] >= 0) & (uv[:, 0] < cam.width) & (uv[:, 1] >= 0) & (uv[:, 1] < cam.height)
    if inside.mean() < 0.3:
        return None  # mostly outside the image: not labelled
    # Cracks: the visible part; holes and crack nets: the whole outline clipped to the image.
    use = uv[inside] if class_id in (D00, D10) else uv
    x1, y1 = use.min(axis=0)
    x2, y2 = use.max(axis=0)
    x1, y1 = max(0.0, float(x1)), max(0.0, float(y1))
    x2, y2 = min(float(cam.width), float(x2)), min(float(cam.height), float(y2))
    if x2 <= x1 or y2 <= y1:
        return None
    # Hidden behind a facade? Most visible outline points must see the ground.
    ui = np.clip(uv[inside, 0].astype(int), 0, cam.width - 1)
    vi = np.clip(uv[inside, 1].astype(int), 0, cam.height - 1)
    if hit_ground[vi, ui].mean() < 0.5:
        return None
    return x1, y1, x2, y2


def _paint_light(rng, g, style, light_dir):
    """Shadows of buildings/trees on the ground and the light of the scene."""
    if style.light in ("day", "lowsun") and style.shadows > 0.2:
        rel = _road_rel_x(style, g.X, g.Z)
        edge = rng.uniform(-style.road_width / 2, style.road_width / 2)
        wobble = 0.6 * fbm(rng, g.h, g.w, 3.0 / g.res, 2)
        side = rng.choice([-1, 1])
        building = (side * (rel - edge) + wobble > 0).astype(np.float32)
        if rng.random() < 0.5:
            building *= (np.mod(g.Z + rng.uniform(0, 20), rng.uniform(10, 25)) < rng.uniform(5, 12)).astype(np.float32)
        trees = (fbm(rng, g.h, g.w, 0.8 / g.res, 4) > rng.uniform(0.2, 0.8)).astype(np.float32)
        shadow = np.clip(building * (rng.random() < 0.6) + trees * (rng.random() < 0.6), 0, 1)
        img = Image.fromarray((shadow * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(max(0.5, 0.05 / g.res)))
        shadow = np.asarray(img, np.float32) / 255.0
        strength = rng.uniform(0.35, 0.65) if style.light == "day" else rng.uniform(0.5, 0.75)
        g.rgb *= (1 - shadow * strength)[..., None] * np.array([1.0, 1.0, 1.08], np.float32) ** shadow[..., None]


def _camera_effects(rng, image, style, cam, dist, ground):
    h, w = cam.height, cam.width
    light = style.light
    exposure = style.exposure
    tint = np.asarray(style.tint, np.float32)
    if light == "overcast":
        image = image * 0.85 + 20
    elif light == "lowsun":
        tint = tint * np.array([1.12, 1.0, 0.85], np.float32)
    elif light == "dusk":
        exposure *= rng.uniform(0.35, 0.6)
        tint = tint * np.array([1.05, 0.95, 1.1], np.float32)
    elif light == "night":
        exposure *= rng.uniform(0.06, 0.4)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        if rng.random() < 0.5:
            # Headlights / flash: a bright pool on the ground near the image centre-bottom.
            cx, cy = w * rng.uniform(0.35, 0.65), h * rng.uniform(0.5, 0.95)
            pool = np.exp(
                -(((xx - cx) / (w * rng.uniform(0.25, 0.6))) ** 2 + ((yy - cy) / (h * rng.uniform(0.25, 0.6))) ** 2)
            )
            image = image * (1 + pool[..., None] * rng.uniform(1.0, 4.0))
        tint = tint * np.array([1.1, 1.0, 0.85], np.float32) if rng.random() < 0.5 else tint
        # Street lamps: warm spots in the sky band.
        for _ in range(int(rng.integers(0, 4))):
            lx, ly = rng.uniform(0, w), rng.uniform(0, h * 0.5)
            spot = np.exp(-(((xx - lx) ** 2 + (yy - ly) ** 2) / (2 * (w * 0.01) ** 2)))
            image = image + spot[..., None] * 2000 * np.array([1.0, 0.8, 0.5], np.float32)
    image = image * exposure * tint
    # Vignetting.
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r2 = ((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (h / 2)) ** 2
    image = image * (1 - rng.uniform(0, 0.35) * r2 / 2)[..., None]
    # Gamma / contrast jitter.
    image = np.clip(image, 0, 255) / 255.0
    image = image ** rng.uniform(0.8, 1.25)
    image = image * 255.0
    image = image + rng.normal(0, style.noise, image.shape).astype(np.float32)
    out = Image.fromarray(np.clip(image, 0, 255).astype(np.uint8))
    if style.blur > 0:
        out = out.filter(ImageFilter.GaussianBlur(style.blur * w / 1280))
    buf = io.BytesIO()
    out.save(buf, format="JPEG", quality=int(style.jpeg_quality))
    buf.seek(0)
    return np.asarray(Image.open(buf).convert("RGB"))


# ---------------------------------------------------------------------------------------------
# Random training scenes


def ground_point_at_pixel(cam, u, v):
    """(X, Z) on the ground seen at pixel (u, v), or None above the horizon."""
    d = np.array([(u - cam.width / 2) / cam.focal, (v - cam.height / 2) / cam.focal, 1.0]) @ cam.rotation().T
    if d[1] >= -1e-6:
        return None
    t = -cam.height_m / d[1]
    return float(t * d[0]), float(t * d[2])


def random_damages(rng, cam, style, view, count):
    """Damages on the road where the camera sees them."""
    damages = []
    half = style.road_width / 2
    for _ in range(count * 4):
        if len(damages) >= count:
            break
        if view == "closeup" and not damages:
            u, v = rng.uniform(0.3, 0.7) * cam.width, rng.uniform(0.35, 0.75) * cam.height
        else:
            u, v = rng.uniform(0.05, 0.95) * cam.width, rng.uniform(0.45, 0.98) * cam.height
        p = ground_point_at_pixel(cam, u, v)
        if p is None or p[1] > style.far * 0.6 or p[1] < 0.5:
            continue
        x, z = p
        rel = x - (style.road_offset + style.curvature * z * z)
        if abs(rel) > half - 0.2 and view == "dashcam":
            continue
        cls = int(rng.choice([D00, D10, D20, D40, D40], p=[0.2, 0.2, 0.2, 0.2, 0.2]))
        if cls == D40:
            size = rng.uniform(0.15, 0.6) if view == "dashcam" else rng.uniform(0.12, 0.8)
        elif cls == D20:
            size = rng.uniform(0.6, 2.5) if view == "dashcam" else rng.uniform(0.4, 1.5)
        else:
            size = rng.uniform(1.0, 5.0) if view == "dashcam" else rng.uniform(0.5, 2.0)
            if cls == D10:
                size = min(size, style.road_width * 0.9)
        if any(math.hypot(x - d.x, z - d.z) < size + d.size * 0.7 for d in damages):
            continue
        damages.append(Damage(cls, x, z, float(size), float(rng.normal(0, 0.15)), int(rng.integers(1, 2**31))))
    return damages


def random_sample(rng, width, height, view=None, supersample=1.5):
    """One random training image: (uint8 RGB width×height, boxes [(cls, x1, y1, x2, y2)])."""
    view = view or ("closeup" if rng.random() < 0.45 else "dashcam")
    rw, rh = int(width * supersample), int(height * supersample)
    cam = random_camera(rng, view, rw, rh)
    style = random_style(rng, view)
    count = int(rng.choice([0, 1, 1, 2, 2, 3, 4])) if view == "dashcam" else int(rng.choice([0, 1, 1, 1, 2, 3]))
    damages = random_damages(rng, cam, style, view, count)
    image, boxes = render(rng, cam, style, damages, max_texture_px=400_000)
    if supersample != 1:
        image = np.asarray(Image.fromarray(image).resize((width, height), Image.BILINEAR))
        boxes = [
            (c, x1 / supersample, y1 / supersample, x2 / supersample, y2 / supersample) for c, x1, y1, x2, y2 in boxes
        ]
    return image, boxes


# ---------------------------------------------------------------------------------------------
# Photo scenes: hand-held / street-level pothole photos (the look of public pothole data sets)


def _photo_camera(rng, width, height):
    """A person photographing a damage: from above (close, steep) or from the road (low, ahead)."""
    if rng.random() < 0.45:
        return Camera(
            width,
            height,
            hfov_deg=float(rng.uniform(45, 80)),
            pitch_deg=float(rng.uniform(35, 89)),
            height_m=float(rng.uniform(0.5, 1.8)),
            roll_deg=float(rng.uniform(-15, 15)),
            yaw_deg=float(rng.uniform(-45, 45)),
        ), "top"
    return Camera(
        width,
        height,
        hfov_deg=float(rng.uniform(50, 85)),
        pitch_deg=float(rng.uniform(8, 35)),
        height_m=float(rng.uniform(1.0, 1.8)),
        roll_deg=float(rng.uniform(-5, 5)),
        yaw_deg=float(rng.uniform(-20, 20)),
    ), "low"


def _photo_style(rng, rain):
    style = random_style(rng, "closeup")
    style.extra = {}
    style.curvature = 0.0
    style.road_width = float(rng.uniform(6, 14))
    style.light = str(rng.choice(["day", "day", "overcast", "overcast", "lowsun", "dusk", "night"]))
    style.exposure = float(rng.uniform(0.6, 1.5))
    if rain:
        style.light = str(rng.choice(["overcast", "overcast", "dusk", "day"]))
        style.wet = float(rng.uniform(0.2, 0.6))
        style.asphalt = tuple(float(v * rng.uniform(0.55, 0.85)) for v in style.asphalt)
        style.sky = tuple(float(v) for v in rng.uniform(150, 215) * np.ones(3) + rng.uniform(-8, 8, 3))
        style.extra["pothole_kinds"] = ["water", "water", "water", "dark", "gravel"]
        style.extra["specular"] = True
    elif rng.random() < 0.5:
        style.extra["pothole_kinds"] = ["gravel", "dirt", "light", "dark", "water"]
        style.extra["specular"] = bool(rng.random() < 0.5)
    return style


def _photo_damages(rng, cam, style, count):
    """A main pothole near the image centre, sized to fill 8-85 % of the frame width, plus others."""
    damages = []
    for _ in range(count * 6 + 6):
        if len(damages) >= count:
            break
        first = not damages
        u = rng.uniform(0.25, 0.75) if first else rng.uniform(0.05, 0.95)
        v = rng.uniform(0.35, 0.85) if first else rng.uniform(0.3, 0.98)
        p = ground_point_at_pixel(cam, u * cam.width, v * cam.height)
        if p is None or p[1] < 0.3 or p[1] > 25:
            continue
        x, z = p
        dist = math.sqrt(x * x + z * z + cam.height_m**2)
        metres_per_px = dist / cam.focal
        cls = D40 if (first or rng.random() < 0.6) else int(rng.choice([D00, D10, D20]))
        if cls == D40:
            frac = rng.uniform(0.08, 0.85) if first else rng.uniform(0.05, 0.35)
            size = float(np.clip(frac * cam.width * metres_per_px / 2, 0.06, 2.2))
        elif cls == D20:
            size = float(np.clip(rng.uniform(0.2, 0.7) * cam.width * metres_per_px, 0.3, 3.0))
        else:
            size = float(np.clip(rng.uniform(0.3, 1.0) * cam.width * metres_per_px, 0.3, 5.0))
        if any(math.hypot(x - d.x, z - d.z) < size + d.size * 0.8 for d in damages):
            continue
        if first:  # the road runs under the photographed damage
            style.road_offset = float(x + rng.uniform(-0.3, 0.3) * style.road_width)
        rel = x - style.road_offset
        if abs(rel) > style.road_width / 2 - 0.1:
            continue
        damages.append(Damage(cls, x, z, size, float(rng.normal(0, 0.15)), int(rng.integers(1, 2**31))))
    return damages


def _motion_blur(image, length, angle):
    """Average of ``length`` shifted copies along ``angle`` (camera shake / moving car)."""
    acc = np.zeros_like(image)
    dx, dy = math.cos(angle), math.sin(angle)
    h, w = image.shape[:2]
    padded = np.pad(image, ((length, length), (length, length), (0, 0)), mode="edge")
    for i in range(length):
        t = i - (length - 1) / 2
        ox, oy = int(round(t * dx)), int(round(t * dy))
        acc += padded[length + oy : length + oy + h, length + ox : length + ox + w]
    return acc / length


def add_rain(rng, image):
    """Rain: a grey veil (low contrast) and many short bright streaks in one direction."""
    h, w = image.shape[:2]
    veil = rng.uniform(0.15, 0.45)
    grey = rng.uniform(120, 210)
    ramp = np.linspace(1.0 + rng.uniform(0, 0.4), 1.0 - rng.uniform(0, 0.3), h, dtype=np.float32)[:, None, None]
    image = image * (1 - veil) + grey * veil * ramp
    layer = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(layer)
    n = int(rng.uniform(150, 2500) * w * h / 416**2)
    angle = math.radians(90 + rng.uniform(-25, 25))
    for _ in range(n):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        length = rng.uniform(3, 18) * w / 416
        a = angle + rng.normal(0, 0.05)
        draw.line(
            [(x, y), (x + length * math.cos(a), y + length * math.sin(a))],
            fill=int(rng.uniform(120, 255)),
            width=int(rng.choice([1, 1, 1, 2])),
        )
    if rng.random() < 0.5:
        layer = layer.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.0)))
    streaks = np.asarray(layer, np.float32)[..., None] / 255.0 * rng.uniform(0.4, 0.9)
    return image * (1 - streaks) + rng.uniform(200, 250) * streaks


def photo_effects(rng, image, rain=False):
    """Strong photometric variety of real photos: rain, brightness/contrast/gamma, saturation,
    colour casts, motion blur, noise and JPEG (uint8 RGB in, uint8 RGB out)."""
    img = image.astype(np.float32)
    if rain:
        img = add_rain(rng, img)
    if rng.random() < 0.7:
        mean = img.mean()
        img = (img - mean) * rng.uniform(0.5, 1.5) + mean + rng.uniform(-50, 50)
    if rng.random() < 0.6:
        img = 255.0 * (np.clip(img, 0, 255) / 255.0) ** math.exp(rng.uniform(-0.8, 0.8))
    if rng.random() < 0.6:
        grey = img.mean(axis=2, keepdims=True)
        img = grey + (img - grey) * rng.uniform(0.0, 1.8)
    if rng.random() < 0.5:
        img = img * rng.uniform(0.8, 1.2, 3).astype(np.float32)
    if rng.random() < 0.25:
        img = _motion_blur(img, int(rng.integers(3, 14)), rng.uniform(0, math.pi))
    if rng.random() < 0.5:
        img = img + rng.normal(0, rng.uniform(1, 10), img.shape).astype(np.float32)
    out = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    out.save(buf, format="JPEG", quality=int(rng.integers(25, 95)))
    buf.seek(0)
    return np.asarray(Image.open(buf).convert("RGB"))


def random_photo_sample(rng, size=416):
    """One pothole photo scene: (uint8 RGB, boxes) — close-ups from above and street-level
    photos with potholes up to most of the frame, often stretched to a square (as public data
    sets resize to 640×640), rain in about a third of them."""
    aspect = float(rng.choice([1.0, 0.75, 0.5625, 1.333]))
    w, h = (size, int(size * aspect)) if aspect <= 1 else (int(size / aspect), size)
    cam, kind = _photo_camera(rng, w, h)
    rain = bool(rng.random() < 0.3)
    style = _photo_style(rng, rain)
    style.facades = kind == "low" and style.facades
    count = int(rng.choice([1, 1, 1, 2, 2, 3]))
    damages = _photo_damages(rng, cam, style, count)
    image, boxes = render(rng, cam, style, damages, max_texture_px=600_000, min_res=0.0015)
    image = photo_effects(rng, image, rain)
    if (w, h) != (size, size) and rng.random() < 0.6:
        sx, sy = size / w, size / h
        image = np.asarray(Image.fromarray(image).resize((size, size), Image.BILINEAR))
        boxes = [(c, x1 * sx, y1 * sy, x2 * sx, y2 * sy) for c, x1, y1, x2, y2 in boxes]
    return image, boxes
