"""Triangle meshes of city model buildings for the exporters (pure numpy; no Qt, no QGIS).

* ``triangulate_polygon`` turns one planar polygon with holes into triangles: the rings are
  projected onto the polygon's best-fit plane (Newell normal) and triangulated there
  (``manifold3d.triangulate`` when installed, else a small ear clipper for polygons without holes).
  The triangles keep the orientation of the exterior ring, so outward normals stay outward.
* ``building_mesh`` makes one ``BuildingMesh`` per building: the vertices of each planar surface
  (not shared between surfaces, so every vertex has its surface's flat normal), the triangles and
  each triangle's semantic surface type.
* ``CoordinateTransform`` maps absolute coordinates to the output frame: optional target CRS
  (pyproj, easting/northing only, heights kept) and optional local origin shift.
* ``terrain_mesh`` reads a DGM1 GeoTIFF (rasterio) clipped to an extent and makes a decimated
  triangulated grid.
"""

import math
from dataclasses import dataclass, field

import numpy as np

from .model import CLOSURE, GROUND, OUTER_CEILING, OUTER_FLOOR, ROOF, UNKNOWN, WALL

TERRAIN = "TINRelief"

# Fixed order of the semantic groups in every exporter (materials, layers).
SEMANTIC_ORDER = (ROOF, WALL, GROUND, CLOSURE, OUTER_CEILING, OUTER_FLOOR, UNKNOWN, TERRAIN)

# RGB colours (0..1) per semantic group: roof red, wall grey, ground dark (as in the 3D preview).
SEMANTIC_COLOURS = {
    ROOF: (0.80, 0.20, 0.15),
    WALL: (0.85, 0.85, 0.82),
    GROUND: (0.25, 0.25, 0.25),
    CLOSURE: (0.60, 0.75, 0.90),
    OUTER_CEILING: (0.70, 0.45, 0.40),
    OUTER_FLOOR: (0.45, 0.45, 0.45),
    UNKNOWN: (0.70, 0.70, 0.70),
    TERRAIN: (0.55, 0.65, 0.45),
}


def semantic_key(semantic):
    """The group a surface's semantic type falls into (anything unknown → ``Unknown``)."""
    return semantic if semantic in SEMANTIC_COLOURS else UNKNOWN


# --------------------------------------------------------------------------------------------
# Triangulation
# --------------------------------------------------------------------------------------------


def newell_normal(points):
    """Unnormalised Newell normal of a ring ((N, 3) array); its length is twice the area."""
    p = np.asarray(points, dtype=float)
    q = np.roll(p, -1, axis=0)
    return np.array(
        [
            np.sum((p[:, 1] - q[:, 1]) * (p[:, 2] + q[:, 2])),
            np.sum((p[:, 2] - q[:, 2]) * (p[:, 0] + q[:, 0])),
            np.sum((p[:, 0] - q[:, 0]) * (p[:, 1] + q[:, 1])),
        ]
    )


def plane_basis(normal):
    """Two unit vectors (u, v) spanning the plane with u × v = normal (normal must be unit)."""
    nx, ny, nz = (float(c) for c in normal)
    # u = helper × n with helper = x (or y when n is almost x), normalised; v = n × u.
    u = (0.0, -nz, ny) if abs(nx) < 0.9 else (nz, 0.0, -nx)
    length = (u[0] ** 2 + u[1] ** 2 + u[2] ** 2) ** 0.5
    u = (u[0] / length, u[1] / length, u[2] / length)
    v = (ny * u[2] - nz * u[1], nz * u[0] - nx * u[2], nx * u[1] - ny * u[0])
    return np.array(u), np.array(v)


def _clean_ring(ring, tol=1e-9):
    """Drop repeated consecutive vertices and a repeated closing vertex."""
    ring = np.asarray(ring, dtype=float).reshape(-1, 3)
    if len(ring) == 0:
        return ring
    if len(ring) <= 64:
        rows = ring.tolist()
        out = [rows[0]]
        for row in rows[1:]:
            last = out[-1]
            if abs(row[0] - last[0]) > tol or abs(row[1] - last[1]) > tol or abs(row[2] - last[2]) > tol:
                out.append(row)
        if len(out) > 1 and all(abs(a - b) <= tol for a, b in zip(out[0], out[-1])):
            out.pop()
        return ring if len(out) == len(rows) else np.array(out, dtype=float)
    keep = np.ones(len(ring), dtype=bool)
    keep[1:] = np.any(np.abs(np.diff(ring, axis=0)) > tol, axis=1)
    ring = ring[keep]
    if len(ring) > 1 and np.all(np.abs(ring[0] - ring[-1]) <= tol):
        ring = ring[:-1]
    return ring


SMALL_POLYGON = 24  # polygons without holes up to this size take the pure-Python path


def _small_polygon(ring):
    """Fast path for a hole-free ring of a few vertices (the usual wall, roof and ground polygon).

    Pure Python (numpy's per-call overhead dominates for tiny arrays): Newell normal, projection
    dropping the normal's dominant axis, ear clipping. Returns (triangles, unit normal) or None when
    the polygon is degenerate or ear clipping gets stuck (the general path takes over).
    """
    pts = [tuple(p) for p in ring]
    n = len(pts)
    nx = ny = nz = 0.0
    for i in range(n):
        x1, y1, z1 = pts[i]
        x2, y2, z2 = pts[(i + 1) % n]
        nx += (y1 - y2) * (z1 + z2)
        ny += (z1 - z2) * (x1 + x2)
        nz += (x1 - x2) * (y1 + y2)
    length = (nx * nx + ny * ny + nz * nz) ** 0.5
    if length < 1e-12:
        return None
    normal = (nx / length, ny / length, nz / length)
    ax, ay, az = abs(nx), abs(ny), abs(nz)
    if az >= ax and az >= ay:
        flat, sign = [(p[0], p[1]) for p in pts], nz
    elif ax >= ay:
        flat, sign = [(p[1], p[2]) for p in pts], nx
    else:
        flat, sign = [(p[2], p[0]) for p in pts], ny
    sign = 1.0 if sign > 0 else -1.0
    if n == 3:
        return [(0, 1, 2)], normal
    idx = list(range(n))
    tris = []
    while len(idx) > 3:
        m = len(idx)
        for k in range(m):
            a, b, c = idx[k - 1], idx[k], idx[(k + 1) % m]
            (ax_, ay_), (bx, by), (cx, cy) = flat[a], flat[b], flat[c]
            cross = ((bx - ax_) * (cy - ay_) - (by - ay_) * (cx - ax_)) * sign
            if cross <= 1e-12:
                continue
            inside = False
            for o in idx:
                if o in (a, b, c):
                    continue
                px, py = flat[o]
                d1 = ((ax_ - px) * (by - py) - (bx - px) * (ay_ - py)) * sign
                d2 = ((bx - px) * (cy - py) - (cx - px) * (by - py)) * sign
                d3 = ((cx - px) * (ay_ - py) - (ax_ - px) * (cy - py)) * sign
                if d1 >= 0 and d2 >= 0 and d3 >= 0:
                    inside = True
                    break
            if inside:
                continue
            tris.append((a, b, c))
            del idx[k]
            break
        else:
            return None
    tris.append((idx[0], idx[1], idx[2]))
    return tris, normal


def triangulate_polygon(rings):
    """Triangulate one planar polygon.

    ``rings``: exterior ring first, then holes, each (N, 3). Returns ``(vertices, triangles,
    normal)``: the (K, 3) vertices of all rings, (M, 3) int triangles indexing them, and the unit
    normal (from the exterior ring's orientation). Degenerate polygons give no triangles.
    """
    cleaned = [_clean_ring(r) for r in rings]
    if not cleaned or len(cleaned[0]) < 3:
        return np.zeros((0, 3)), np.zeros((0, 3), dtype=np.int64), np.zeros(3)
    cleaned = [cleaned[0]] + [r for r in cleaned[1:] if len(r) >= 3]
    if len(cleaned) == 1 and len(cleaned[0]) <= SMALL_POLYGON:
        fast = _small_polygon(cleaned[0].tolist())
        if fast is not None:
            return cleaned[0], np.array(fast[0], dtype=np.int64), np.array(fast[1])
    normal = newell_normal(cleaned[0])
    length = np.linalg.norm(normal)
    vertices = np.vstack(cleaned)
    if length < 1e-12:
        return vertices, np.zeros((0, 3), dtype=np.int64), np.zeros(3)
    normal = normal / length
    if len(cleaned) == 1 and len(cleaned[0]) == 3:
        return vertices, np.array([[0, 1, 2]], dtype=np.int64), normal
    u, v = plane_basis(normal)
    centre = cleaned[0].mean(axis=0)
    flat = [np.column_stack(((r - centre) @ u, (r - centre) @ v)) for r in cleaned]
    triangles = _triangulate_2d(flat)
    return vertices, triangles, normal


def _triangulate_2d(flat_rings):
    """Triangles (indices into the concatenated rings) of a 2D polygon with CCW exterior."""
    # Holes must run clockwise, the exterior counter-clockwise (it does by construction).
    rings = [flat_rings[0]]
    for hole in flat_rings[1:]:
        rings.append(hole if _signed_area(hole) < 0 else hole[::-1])
    reversed_holes = [_signed_area(h) >= 0 for h in flat_rings[1:]]
    try:
        import manifold3d
    except ImportError:  # manifold3d is a requirement; pure-Python fallback for bare installs (qgis_process)
        manifold3d = None
    if manifold3d is not None:
        tris = np.asarray(manifold3d.triangulate([np.ascontiguousarray(r, dtype=np.float64) for r in rings]))
        tris = tris.reshape(-1, 3).astype(np.int64)
    else:
        tris = ear_clip_with_holes(rings)
    if any(reversed_holes):
        # Map indices of reversed holes back to the original vertex order.
        mapping = np.arange(sum(len(r) for r in rings))
        start = len(rings[0])
        for hole, was_reversed in zip(rings[1:], reversed_holes):
            if was_reversed:
                mapping[start : start + len(hole)] = start + len(hole) - 1 - np.arange(len(hole))
            start += len(hole)
        tris = mapping[tris]
    return tris


def _signed_area(ring2d):
    x, y = ring2d[:, 0], ring2d[:, 1]
    return 0.5 * float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))


def ear_clip(ring2d):
    """Ear clipping of a simple CCW polygon without holes; returns (N-2, 3) indices."""
    pts = np.asarray(ring2d, dtype=float)
    idx = list(range(len(pts)))
    result = []
    guard = 0
    while len(idx) > 3 and guard < 10 * len(pts) ** 2:
        guard += 1
        n = len(idx)
        for k in range(n):
            a, b, c = idx[k - 1], idx[k], idx[(k + 1) % n]
            pa, pb, pc = pts[a], pts[b], pts[c]
            cross = (pb[0] - pa[0]) * (pc[1] - pa[1]) - (pb[1] - pa[1]) * (pc[0] - pa[0])
            if cross <= 0:
                continue
            if any(_in_triangle(pts[o], pa, pb, pc) for o in idx if o not in (a, b, c)):
                continue
            result.append((a, b, c))
            idx.pop(k)
            break
        else:  # no ear found (degenerate input): fan the rest
            break
    for k in range(1, len(idx) - 1):
        result.append((idx[0], idx[k], idx[k + 1]))
    return np.array(result, dtype=np.int64).reshape(-1, 3)


def ear_clip_with_holes(rings2d):
    """Pure-Python triangulation of a CCW exterior with CW holes (indices into the concatenated rings).

    Each hole is joined to the outline by a bridge (from its rightmost vertex to the nearest
    outline vertex that sees it), then the single ring is ear-clipped. Slower than manifold3d.
    """
    points = np.vstack(rings2d)
    starts = np.cumsum([0] + [len(r) for r in rings2d])
    outline = list(range(len(rings2d[0])))
    holes = [list(range(starts[k], starts[k + 1])) for k in range(1, len(rings2d))]
    holes.sort(key=lambda h: -points[h, 0].max())
    for hole in holes:
        m = max(range(len(hole)), key=lambda k: (points[hole[k], 0], -points[hole[k], 1]))
        pm = points[hole[m]]
        best, best_d = None, None
        for pos, idx in enumerate(outline):
            d = float(np.sum((points[idx] - pm) ** 2))
            if best_d is not None and d >= best_d:
                continue
            if _segment_clear(points, outline, holes, pm, points[idx]):
                best, best_d = pos, d
        if best is None:  # nothing visible (degenerate input): nearest vertex
            best = min(range(len(outline)), key=lambda p: float(np.sum((points[outline[p]] - pm) ** 2)))
        loop = hole[m:] + hole[: m + 1]
        outline = outline[: best + 1] + loop + outline[best:]
    return _ear_clip_indices(points, outline)


def _segment_clear(points, outline, holes, a, b):
    """True when the open segment a-b crosses no edge of the outline or of any hole."""
    rings = [outline] + holes
    for ring in rings:
        n = len(ring)
        for k in range(n):
            p, q = points[ring[k]], points[ring[(k + 1) % n]]
            if _segments_cross(a, b, p, q):
                return False
    return True


def _segments_cross(a, b, p, q):
    def orient(u, v, w):
        return (v[0] - u[0]) * (w[1] - u[1]) - (v[1] - u[1]) * (w[0] - u[0])

    if min(np.sum((a - p) ** 2), np.sum((a - q) ** 2), np.sum((b - p) ** 2), np.sum((b - q) ** 2)) < 1e-18:
        return False  # sharing an end point is allowed
    d1, d2, d3, d4 = orient(a, b, p), orient(a, b, q), orient(p, q, a), orient(p, q, b)
    return (d1 > 0) != (d2 > 0) and (d3 > 0) != (d4 > 0) and d1 * d2 < 0 and d3 * d4 < 0


def _ear_clip_indices(points, order):
    """Ear clipping of the CCW ring ``order`` (indices into ``points``, duplicates allowed)."""
    idx = list(order)
    result = []
    while len(idx) > 3:
        n = len(idx)
        for k in range(n):
            a, b, c = idx[k - 1], idx[k], idx[(k + 1) % n]
            pa, pb, pc = points[a], points[b], points[c]
            cross = (pb[0] - pa[0]) * (pc[1] - pa[1]) - (pb[1] - pa[1]) * (pc[0] - pa[0])
            if cross <= 0:
                continue
            blocked = False
            for o in idx:
                po = points[o]
                if o in (a, b, c) or (po == pa).all() or (po == pb).all() or (po == pc).all():
                    continue
                if _in_triangle(po, pa, pb, pc):
                    blocked = True
                    break
            if blocked:
                continue
            result.append((a, b, c))
            del idx[k]
            break
        else:
            break  # degenerate rest: fan it
    for k in range(1, len(idx) - 1):
        result.append((idx[0], idx[k], idx[k + 1]))
    return np.array(result, dtype=np.int64).reshape(-1, 3)


def _in_triangle(p, a, b, c):
    def side(p1, p2, p3):
        return (p1[0] - p3[0]) * (p2[1] - p3[1]) - (p2[0] - p3[0]) * (p1[1] - p3[1])

    d1, d2, d3 = side(p, a, b), side(p, b, c), side(p, c, a)
    return d1 >= 0 and d2 >= 0 and d3 >= 0


def face_normals(vertices, faces):
    """Unit normals of triangles ((M, 3)); zero for degenerate ones."""
    if len(faces) == 0:
        return np.zeros((0, 3))
    v = np.asarray(vertices, dtype=float)
    cross = np.cross(v[faces[:, 1]] - v[faces[:, 0]], v[faces[:, 2]] - v[faces[:, 0]])
    length = np.linalg.norm(cross, axis=1)
    out = np.zeros_like(cross)
    ok = length > 0
    out[ok] = cross[ok] / length[ok, None]
    return out


# --------------------------------------------------------------------------------------------
# Building meshes
# --------------------------------------------------------------------------------------------


@dataclass
class BuildingMesh:
    """Triangles of one building (or of the terrain): vertices per surface, flat normals."""

    gml_id: str
    vertices: np.ndarray  # (N, 3) float64
    faces: np.ndarray  # (M, 3) int64
    semantics: list  # semantic group of each face (len M)
    normals: np.ndarray  # (N, 3) unit vertex normals (the surface's normal)
    attributes: dict = field(default_factory=dict)
    # Convex planar quads among the surfaces: (semantic, 4 vertex indices in ring order). DXF writes
    # them as one 4-corner 3DFACE instead of two triangles.
    quads: list = field(default_factory=list)
    quad_faces: set = field(default_factory=set)  # indices of the faces the quads replace

    @property
    def face_count(self):
        return len(self.faces)

    def groups(self):
        """[(semantic, faces)] in SEMANTIC_ORDER, only non-empty groups."""
        if not len(self.faces):
            return []
        sem = np.asarray(self.semantics, dtype=object)
        out = []
        for key in SEMANTIC_ORDER:
            mask = sem == key
            if mask.any():
                out.append((key, self.faces[mask]))
        return out

    def transformed(self, transform):
        """A copy with vertices mapped by ``transform`` (a CoordinateTransform)."""
        return BuildingMesh(
            self.gml_id,
            transform(self.vertices),
            self.faces,
            self.semantics,
            self.normals,
            self.attributes,
            self.quads,
            self.quad_faces,
        )


def building_mesh(building):
    """Triangulate every surface of ``building`` (a model.Building) into a BuildingMesh."""
    verts, faces, sems, normals = [], [], [], []
    quads, quad_faces = [], set()
    offset = 0
    face_count = 0
    for surface in building.surfaces:
        v, t, n = triangulate_polygon(surface.rings)
        if len(t) == 0:
            continue
        if len(v) == 4 and len(t) == 2 and _convex_quad(v, n):
            quads.append((semantic_key(surface.semantic), tuple(range(offset, offset + 4))))
            quad_faces.update((face_count, face_count + 1))
        face_count += len(t)
        verts.append(v)
        faces.append(t + offset)
        normals.append(np.repeat(n[None, :], len(v), axis=0))
        sems.extend([semantic_key(surface.semantic)] * len(t))
        offset += len(v)
    if not verts:
        return BuildingMesh(building.gml_id, np.zeros((0, 3)), np.zeros((0, 3), dtype=np.int64), [], np.zeros((0, 3)))
    return BuildingMesh(
        building.gml_id,
        np.vstack(verts),
        np.vstack(faces),
        sems,
        np.vstack(normals),
        dict(building.attributes),
        quads,
        quad_faces,
    )


def _convex_quad(v, normal):
    """True when the 4-vertex ring ``v`` turns the same way as ``normal`` at every corner."""
    pts = v.tolist()
    nx, ny, nz = (float(c) for c in normal)
    for k in range(4):
        (ax, ay, az), (bx, by, bz), (cx, cy, cz) = pts[k - 1], pts[k], pts[(k + 1) % 4]
        ux, uy, uz = bx - ax, by - ay, bz - az
        wx, wy, wz = cx - bx, cy - by, cz - bz
        turn = (uy * wz - uz * wy) * nx + (uz * wx - ux * wz) * ny + (ux * wy - uy * wx) * nz
        if turn <= 1e-12:
            return False
    return True


def bounds_of(arrays):
    """(minx, miny, minz, maxx, maxy, maxz) of several (N, 3) arrays, or None when all are empty."""
    mins, maxs = [], []
    for a in arrays:
        if len(a):
            mins.append(a.min(axis=0))
            maxs.append(a.max(axis=0))
    if not mins:
        return None
    lo, hi = np.min(mins, axis=0), np.max(maxs, axis=0)
    return tuple(float(x) for x in lo) + tuple(float(x) for x in hi)


# --------------------------------------------------------------------------------------------
# Coordinate frame: target CRS and local origin
# --------------------------------------------------------------------------------------------


def normalise_crs(crs):
    """'EPSG:25832' style identifier from 'EPSG:25832', 25832, an OGC URL or an AdV URN."""
    if crs is None or crs == "":
        return None
    text = str(crs).strip()
    if text.isdigit():
        return "EPSG:" + text
    lowered = text.lower()
    if "etrs89_utm32" in lowered:
        return "EPSG:25832"
    if "/epsg/" in lowered:
        return "EPSG:" + text.rstrip("/").rsplit("/", 1)[-1]
    if lowered.startswith("urn:ogc:def:crs:epsg:"):
        return "EPSG:" + text.rsplit(":", 1)[-1]
    return text


def epsg_code(crs):
    """Integer EPSG code of a CRS identifier, or None."""
    text = normalise_crs(crs)
    if text and text.upper().startswith("EPSG:"):
        try:
            return int(text.split(":", 1)[1])
        except ValueError:
            return None
    return None


class CoordinateTransform:
    """Absolute source coordinates → output frame (target CRS, then minus the origin).

    Heights are never changed by the CRS transform (DHHN2016 stays DHHN2016).
    """

    def __init__(self, source_crs="EPSG:25832", target_crs=None, origin=None):
        self.source_crs = normalise_crs(source_crs) or "EPSG:25832"
        self.target_crs = normalise_crs(target_crs) or self.source_crs
        self.origin = np.zeros(3) if origin is None else np.asarray(origin, dtype=float)
        self._transformer = None
        if self.target_crs != self.source_crs:
            from pyproj import Transformer

            self._transformer = Transformer.from_crs(self.source_crs, self.target_crs, always_xy=True)

    @property
    def reprojects(self):
        return self._transformer is not None

    def to_target(self, vertices):
        """Vertices in the target CRS (not shifted)."""
        v = np.array(vertices, dtype=float, copy=True).reshape(-1, 3)
        if self._transformer is not None and len(v):
            x, y = self._transformer.transform(v[:, 0], v[:, 1])
            v[:, 0], v[:, 1] = x, y
        return v

    def __call__(self, vertices):
        v = self.to_target(vertices)
        if len(v):
            v -= self.origin
        return v

    def sidecar(self):
        """Description of the frame for ``<output>.origin.json`` (how to undo the shift)."""
        return {
            "crs": self.target_crs,
            "height_reference": "DHHN2016",
            "offset": [float(x) for x in self.origin],
            "units": "m",
            "how_to_undo": "real = exported + offset (for x, y and z)",
        }


def local_origin(bounds):
    """Lower-left corner of ``bounds`` rounded down to whole metres (heights stay absolute)."""
    if bounds is None:
        return np.zeros(3)
    return np.array([math.floor(bounds[0]), math.floor(bounds[1]), 0.0])


# --------------------------------------------------------------------------------------------
# Terrain (DGM1 GeoTIFF)
# --------------------------------------------------------------------------------------------


def terrain_mesh(raster_path, extent, crs="EPSG:25832", margin=20.0, max_cells=250_000):
    """Triangulated grid of the DGM within ``extent`` (minx, miny, maxx, maxy in ``crs``) + margin.

    The grid is decimated (averaged) so that it has at most ``max_cells`` cells. Returns a
    BuildingMesh with id ``terrain`` and semantic ``TINRelief`` in ``crs`` coordinates, or None when
    the raster does not cover the extent. Nodata cells are left out.
    """
    import rasterio
    from rasterio.enums import Resampling
    from rasterio.windows import from_bounds

    minx, miny, maxx, maxy = extent[0] - margin, extent[1] - margin, extent[2] + margin, extent[3] + margin
    with rasterio.open(raster_path) as src:
        raster_crs = src.crs.to_string() if src.crs else None
        to_raster = None
        if raster_crs and normalise_crs(raster_crs) != normalise_crs(crs):
            from pyproj import Transformer

            to_raster = Transformer.from_crs(normalise_crs(crs), raster_crs, always_xy=True)
            xs, ys = to_raster.transform([minx, maxx, minx, maxx], [miny, miny, maxy, maxy])
            rminx, rmaxx, rminy, rmaxy = min(xs), max(xs), min(ys), max(ys)
        else:
            rminx, rminy, rmaxx, rmaxy = minx, miny, maxx, maxy
        b = src.bounds
        rminx, rminy = max(rminx, b.left), max(rminy, b.bottom)
        rmaxx, rmaxy = min(rmaxx, b.right), min(rmaxy, b.top)
        if rminx >= rmaxx or rminy >= rmaxy:
            return None
        window = from_bounds(rminx, rminy, rmaxx, rmaxy, transform=src.transform)
        window = window.round_offsets().round_lengths()
        rows, cols = max(int(window.height), 1), max(int(window.width), 1)
        factor = max(1.0, math.sqrt(rows * cols / float(max_cells)))
        out_rows, out_cols = max(2, int(rows / factor)), max(2, int(cols / factor))
        data = src.read(
            1, window=window, out_shape=(out_rows, out_cols), resampling=Resampling.average, masked=True
        ).astype(float)
        win_transform = src.window_transform(window)
        # Cell centres of the decimated grid.
        sx = window.width / out_cols
        sy = window.height / out_rows
        col_idx = (np.arange(out_cols) + 0.5) * sx
        row_idx = (np.arange(out_rows) + 0.5) * sy
        cc, rr = np.meshgrid(col_idx, row_idx)
        xs, ys = win_transform * (cc, rr)
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if to_raster is not None:
        from pyproj import Transformer

        back = Transformer.from_crs(raster_crs, normalise_crs(crs), always_xy=True)
        xs, ys = back.transform(xs, ys)
        xs, ys = np.asarray(xs), np.asarray(ys)
    z = np.ma.filled(data, np.nan)
    valid = np.isfinite(z)
    if valid.sum() < 3:
        return None
    vertices = np.column_stack((xs.ravel(), ys.ravel(), z.ravel()))
    index = np.arange(out_rows * out_cols).reshape(out_rows, out_cols)
    a, b_, c, d = index[:-1, :-1], index[:-1, 1:], index[1:, :-1], index[1:, 1:]
    # Row 0 is north: (a, c, b) and (b, c, d) are counter-clockwise seen from above.
    tris = np.concatenate((np.stack((a, c, b_), -1).reshape(-1, 3), np.stack((b_, c, d), -1).reshape(-1, 3)))
    flat_valid = valid.ravel()
    tris = tris[flat_valid[tris].all(axis=1)]
    if not len(tris):
        return None
    used = np.unique(tris)
    remap = -np.ones(len(vertices), dtype=np.int64)
    remap[used] = np.arange(len(used))
    vertices = vertices[used]
    tris = remap[tris]
    normals = np.zeros_like(vertices)
    fn = face_normals(vertices, tris)
    for k in range(3):
        np.add.at(normals, tris[:, k], fn)
    length = np.linalg.norm(normals, axis=1)
    normals[length > 0] /= length[length > 0, None]
    normals[length == 0] = (0.0, 0.0, 1.0)
    return BuildingMesh("terrain", vertices, tris, [TERRAIN] * len(tris), normals, {})


def terrain_heights_grid(raster_path, xs, ys, crs="EPSG:25832", max_side=2000):
    """Bilinear terrain heights at points ``xs``, ``ys`` (any shape, in ``crs``); nan outside/nodata."""
    import rasterio
    from rasterio.enums import Resampling
    from rasterio.windows import Window
    from scipy.ndimage import map_coordinates

    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    shape = xs.shape
    px, py = xs.ravel(), ys.ravel()
    with rasterio.open(raster_path) as src:
        raster_crs = src.crs.to_string() if src.crs else None
        if raster_crs and normalise_crs(raster_crs) != normalise_crs(crs):
            from pyproj import Transformer

            px, py = Transformer.from_crs(normalise_crs(crs), raster_crs, always_xy=True).transform(px, py)
            px, py = np.asarray(px, dtype=float), np.asarray(py, dtype=float)
        inverse = ~src.transform
        cols, rows = inverse * (px, py)
        cols, rows = np.asarray(cols) - 0.5, np.asarray(rows) - 0.5  # pixel centres at integer positions
        out = np.full(px.shape, np.nan)
        inside = (cols >= -0.5) & (rows >= -0.5) & (cols <= src.width - 0.5) & (rows <= src.height - 0.5)
        if not inside.any():
            return out.reshape(shape)
        c0 = max(int(np.floor(cols[inside].min())) - 1, 0)
        r0 = max(int(np.floor(rows[inside].min())) - 1, 0)
        c1 = min(int(np.ceil(cols[inside].max())) + 2, src.width)
        r1 = min(int(np.ceil(rows[inside].max())) + 2, src.height)
        window = Window(c0, r0, c1 - c0, r1 - r0)
        factor = max(1.0, max(window.width, window.height) / float(max_side))
        out_h, out_w = max(1, int(window.height / factor)), max(1, int(window.width / factor))
        data = src.read(1, window=window, out_shape=(out_h, out_w), resampling=Resampling.average, masked=True)
        grid = np.ma.filled(data.astype(float), np.nan)
        if src.nodata is not None:
            grid[grid == src.nodata] = np.nan
    fy, fx = window.height / out_h, window.width / out_w
    gc = (cols[inside] + 0.5 - c0) / fx - 0.5
    gr = (rows[inside] + 0.5 - r0) / fy - 0.5
    coords = np.vstack((gr, gc))
    values = map_coordinates(np.nan_to_num(grid, nan=0.0), coords, order=1, mode="nearest")
    # A point next to nodata gets nan (never a mix with the 0 fill value).
    nan_near = map_coordinates(np.isnan(grid).astype(float), coords, order=1, mode="nearest") > 1e-9
    values[nan_near] = np.nan
    out[inside] = values
    return out.reshape(shape)
