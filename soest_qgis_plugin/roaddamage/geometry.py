"""Where on the road a detection lies: a flat-ground pinhole camera model.

The camera sits ``height`` metres above a flat road, looks along the vehicle's heading and is
pitched ``pitch`` degrees below the horizon; its horizontal field of view is ``hfov`` degrees
(square pixels, principal point in the image centre). The bottom centre of a detection box is
where the damage touches the road; its viewing ray is intersected with the ground plane.

Vehicle frame: forward F, right R, up U. Camera axes in that frame (pitch θ):
forward_c = (cos θ, 0, −sin θ), right_c = (0, 1, 0), down_c = (−sin θ, 0, −cos θ).
A pixel (u, v) gives the ray d = forward_c + x·right_c + y·down_c with x = (u − cx)/f,
y = (v − cy)/f and f = (W/2)/tan(hfov/2). It meets the ground (U = −h) at t = h/(sin θ + y cos θ):
ahead = t (cos θ − y sin θ), right = t·x. Rays at or above the horizon, and ground points
further than ``max_distance``, are clamped to ``max_distance`` along the ray's direction
(the flat-ground assumption is unreliable far away).

World: heading ψ in degrees clockwise from grid north (EPSG:25832),
E = E0 + ahead·sin ψ + right·cos ψ, N = N0 + ahead·cos ψ − right·sin ψ.
"""

import math
from dataclasses import asdict, dataclass


@dataclass
class Camera:
    height: float = 1.4  # metres above the road
    pitch: float = 10.0  # degrees below the horizon
    hfov: float = 100.0  # horizontal field of view in degrees (dashcam)
    max_distance: float = 30.0  # metres; further ground points are clamped

    def to_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, values):
        values = values or {}
        return cls(**{k: float(v) for k, v in values.items() if k in cls.__dataclass_fields__})


def focal_px(width, hfov):
    return (width / 2.0) / math.tan(math.radians(hfov) / 2.0)


def ground_offset(u, v, width, height_px, camera=None):
    """(ahead, right) in metres of pixel (u, v) on the road, relative to the camera's foot point."""
    camera = camera or Camera()
    f = focal_px(width, camera.hfov)
    x = (u - width / 2.0) / f
    y = (v - height_px / 2.0) / f
    theta = math.radians(camera.pitch)
    s, c = math.sin(theta), math.cos(theta)
    ahead_dir = c - y * s
    down = s + y * c
    if down > 1e-9:
        t = camera.height / down
        ahead, right = t * ahead_dir, t * x
        distance = math.hypot(ahead, right)
        if distance <= camera.max_distance:
            return ahead, right
    # Above the horizon or too far: clamp along the ray's horizontal direction.
    norm = math.hypot(ahead_dir, x) or 1.0
    return camera.max_distance * ahead_dir / norm, camera.max_distance * x / norm


def project_box(box, width, height_px, easting, northing, heading, camera=None):
    """Ground position (E, N, distance) of a box's bottom centre, seen from the vehicle.

    ``box`` is (x1, y1, x2, y2) in pixels of the upright image; ``heading`` in degrees clockwise
    from north (None: the vehicle position is used, distance None).
    """
    if easting is None or northing is None:
        return None, None, None
    if heading is None:
        return easting, northing, None
    x1, _, x2, y2 = box
    ahead, right = ground_offset((x1 + x2) / 2.0, y2, width, height_px, camera)
    psi = math.radians(heading)
    e = easting + ahead * math.sin(psi) + right * math.cos(psi)
    n = northing + ahead * math.cos(psi) - right * math.sin(psi)
    return e, n, math.hypot(ahead, right)


def bearing(e0, n0, e1, n1):
    """Heading in degrees clockwise from north from point 0 to point 1 (None if they coincide)."""
    de, dn = e1 - e0, n1 - n0
    if math.hypot(de, dn) < 1e-6:
        return None
    return math.degrees(math.atan2(de, dn)) % 360.0
