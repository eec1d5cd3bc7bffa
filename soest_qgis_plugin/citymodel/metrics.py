"""Measures of a building from its surfaces (numpy; shapely for the footprint).

All per-polygon quantities are computed in one vectorised pass over every ring of the building:
area vectors by Newell's method, planarity, orientation. Volume uses the divergence theorem
(the signed tetrahedra of each face against a local origin) on shells that close (their area
vectors sum to ~0, which also holds with T-junctions); for an open shell it falls back to the
prism under the roof faces down to the ground height.
"""

import struct
from dataclasses import dataclass, field

import numpy as np

from .model import CLOSURE, GROUND, OUTER_CEILING, OUTER_FLOOR, ROOF, UNKNOWN, WALL, part_of

PLANARITY_TOLERANCE = 0.05  # metres a vertex may lie off its polygon's plane without a warning
CLOSED_TOLERANCE = 1e-3  # |sum of area vectors| / sum of areas below this: the shell is closed


@dataclass
class Metrics:
    footprint_area: float = 0.0
    roof_area: float = 0.0
    wall_area: float = 0.0
    ground_area: float = 0.0
    volume: float = 0.0
    volume_closed: bool = False
    ground_z: float = float("nan")
    min_z: float = float("nan")
    max_z: float = float("nan")
    bbox: tuple = (0.0, 0.0, 0.0, 0.0)  # xmin, ymin, xmax, ymax
    finite: bool = True  # False when a coordinate is NaN or infinite
    max_planarity_error: float = 0.0
    non_planar: int = 0
    normals: np.ndarray = field(default=None, repr=False)  # (S, 3) unit normals per surface
    areas: np.ndarray = field(default=None, repr=False)  # (S,) 3D area per surface


def _ring_arrays(surfaces):
    rings, ring_surface, is_exterior = [], [], []
    for index, surface in enumerate(surfaces):
        for r, ring in enumerate(surface.rings):
            rings.append(ring)
            ring_surface.append(index)
            is_exterior.append(r == 0)
    counts = np.fromiter((len(r) for r in rings), dtype=np.int64, count=len(rings))
    points = np.concatenate(rings) if rings else np.zeros((0, 3))
    return points, counts, np.asarray(ring_surface, dtype=np.int64), np.asarray(is_exterior, dtype=bool)


def _ring_vectors(local, starts, counts):
    """Vector area of every ring (its normal times its area; Newell's method, one pass over all
    rings): ``local`` holds the rings' points one after another, ``starts``/``counts`` cut them."""
    following = np.arange(1, len(local) + 1)
    following[starts + counts - 1] = starts  # each ring's last point closes back to its first
    a, b = local, local[following]
    cross = np.empty_like(a)
    cross[:, 0] = a[:, 1] * b[:, 2] - a[:, 2] * b[:, 1]
    cross[:, 1] = a[:, 2] * b[:, 0] - a[:, 0] * b[:, 2]
    cross[:, 2] = a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0]
    return 0.5 * np.add.reduceat(cross, starts, axis=0)


def compute(surfaces, infer_semantics=True):
    """Metrics of a list of surfaces (absolute coordinates). Unknown semantics are inferred
    from the normal (down: ground, vertical: wall, up: roof) when ``infer_semantics``."""
    metrics = Metrics()
    count = len(surfaces)
    if count == 0:
        metrics.normals = np.zeros((0, 3))
        metrics.areas = np.zeros(0)
        return metrics
    points, counts, ring_surface, is_exterior = _ring_arrays(surfaces)
    origin = points.min(axis=0)
    if not np.isfinite(origin).all():
        metrics.finite = False
        return metrics
    local = points - origin
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    ring_vectors = _ring_vectors(local, starts, counts)
    simple = bool(is_exterior.all())  # no holes: one ring per surface, in surface order
    if simple:
        surface_vectors = ring_vectors
        anchors = local[starts]
    else:
        # Surface vector: exterior minus the holes (whatever the holes' orientation in the file).
        exterior_index = np.flatnonzero(is_exterior)
        surface_vectors = np.zeros((count, 3))
        surface_vectors[ring_surface[exterior_index]] = ring_vectors[exterior_index]
        hole_index = np.flatnonzero(~is_exterior)
        holes = ring_vectors[hole_index]
        owners = ring_surface[hole_index]
        sign = np.sign(np.einsum("ij,ij->i", holes, surface_vectors[owners]))
        np.add.at(surface_vectors, owners, -sign[:, None] * holes)
        anchors = np.zeros((count, 3))
        anchors[ring_surface[exterior_index]] = local[starts[exterior_index]]
    areas = np.sqrt(np.einsum("ij,ij->i", surface_vectors, surface_vectors))
    safe = np.where(areas > 0, areas, 1.0)
    normals = surface_vectors / safe[:, None]
    # Planarity: distance of each vertex from its polygon's plane (through the exterior start).
    point_surface = np.repeat(ring_surface, counts)
    distance = np.abs(np.einsum("ij,ij->i", local - anchors[point_surface], normals[point_surface]))
    per_ring = np.maximum.reduceat(distance, starts)
    if simple:
        per_surface = per_ring
    else:
        per_surface = np.zeros(count)
        np.maximum.at(per_surface, ring_surface, per_ring)
    metrics.max_planarity_error = float(per_surface.max())
    metrics.non_planar = int((per_surface > PLANARITY_TOLERANCE).sum())
    # Semantics.
    semantics = [s.semantic for s in surfaces]
    if infer_semantics:
        for index, semantic in enumerate(semantics):
            if semantic == UNKNOWN:
                nz = normals[index, 2]
                semantic = GROUND if nz < -0.9 else (WALL if abs(nz) < 0.17 else (ROOF if nz > 0 else OUTER_FLOOR))
                surfaces[index].semantic = semantic
                semantics[index] = semantic
    semantic_array = semantics  # a list: the prism fallback looks entries up one by one
    roof = np.fromiter((v == ROOF for v in semantics), dtype=bool, count=count)
    wall = np.fromiter((v == WALL for v in semantics), dtype=bool, count=count)
    ground = np.fromiter((v == GROUND for v in semantics), dtype=bool, count=count)
    metrics.roof_area = float(areas[roof].sum())
    metrics.wall_area = float(areas[wall].sum())
    metrics.ground_area = float(areas[ground].sum())
    z = points[:, 2]
    lo, hi = points.min(axis=0), points.max(axis=0)
    metrics.min_z = float(lo[2])
    metrics.max_z = float(hi[2])
    ground_points = ground[point_surface]
    metrics.ground_z = float(z[ground_points].min()) if ground_points.any() else metrics.min_z
    metrics.bbox = (float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1]))
    # Volume per part (each part is its own shell).
    flux = np.einsum("ij,ij->i", anchors, surface_vectors) / 3.0
    parts = [part_of(s) for s in surfaces]
    groups = [None] if len(set(parts)) == 1 else sorted(set(parts))
    part_array = np.asarray(parts) if groups[0] is not None or len(groups) > 1 else None
    volume, closed_all = 0.0, True
    for part in groups:
        mask = slice(None) if part_array is None else part_array == part
        total = np.linalg.norm(surface_vectors[mask].sum(axis=0))
        closed = total <= CLOSED_TOLERANCE * max(float(areas[mask].sum()), 1e-9)
        if closed:
            volume += abs(float(flux[mask].sum()))
        else:
            closed_all = False
            selected = np.zeros(count, dtype=bool)
            selected[mask] = True
            volume += _prism_volume(
                local,
                starts,
                counts,
                ring_surface,
                is_exterior,
                surface_vectors,
                selected,
                semantic_array,
                metrics.ground_z - origin[2],
            )
    metrics.volume = volume
    metrics.volume_closed = closed_all
    metrics.normals = normals
    metrics.areas = areas
    return metrics


def _infer(semantic, nz):
    if semantic != UNKNOWN:
        return semantic
    return GROUND if nz < -0.9 else (WALL if abs(nz) < 0.17 else (ROOF if nz > 0 else OUTER_FLOOR))


def compute_many(surface_lists, infer_semantics=True):
    """``[compute(surfaces) for surfaces in surface_lists]`` in one vectorised pass.

    The importer measures a whole batch at once: numpy's cost per call is paid per batch, not per
    building. Buildings with holes, NaN coordinates or no surfaces go through ``compute``."""
    out = [None] * len(surface_lists)
    simple = []
    for index, surfaces in enumerate(surface_lists):
        if surfaces and all(len(s.rings) == 1 for s in surfaces):
            simple.append(index)
        else:
            out[index] = compute(surfaces, infer_semantics)
    if not simple:
        return out
    flat = [s for index in simple for s in surface_lists[index]]
    per_building = np.fromiter((len(surface_lists[index]) for index in simple), dtype=np.int64, count=len(simple))
    rings = [s.rings[0] for s in flat]
    counts = np.fromiter((len(r) for r in rings), dtype=np.int64, count=len(rings))
    points = np.concatenate(rings)
    surface_count = len(flat)
    building_count = len(simple)
    surface_building = np.repeat(np.arange(building_count), per_building)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    first_surface = np.concatenate([[0], np.cumsum(per_building)[:-1]])
    first_point = starts[first_surface]
    origin = np.minimum.reduceat(points, first_point, axis=0)
    finite = np.isfinite(origin).all(axis=1)
    if not finite.all():  # rare: measure those one by one (compute() reports them as not finite)
        keep = []
        for k, index in enumerate(simple):
            if finite[k]:
                keep.append(index)
            else:
                out[index] = compute(surface_lists[index], infer_semantics)
        rest = compute_many([surface_lists[index] for index in keep], infer_semantics)
        for index, value in zip(keep, rest):
            out[index] = value
        return out
    point_surface = np.repeat(np.arange(surface_count), counts)
    point_building = surface_building[point_surface]
    local = points - origin[point_building]
    vectors = _ring_vectors(local, starts, counts)
    anchors = local[starts]
    areas = np.sqrt(np.einsum("ij,ij->i", vectors, vectors))
    safe = np.where(areas > 0, areas, 1.0)
    normals = vectors / safe[:, None]
    distance = np.abs(np.einsum("ij,ij->i", local - anchors[point_surface], normals[point_surface]))
    per_surface = np.maximum.reduceat(distance, starts)
    max_error = np.maximum.reduceat(per_surface, first_surface)
    non_planar = np.add.reduceat((per_surface > PLANARITY_TOLERANCE).astype(np.int64), first_surface)
    semantics = [s.semantic for s in flat]
    if infer_semantics and UNKNOWN in semantics:
        nz = normals[:, 2].tolist()
        for index, semantic in enumerate(semantics):
            if semantic == UNKNOWN:
                semantics[index] = flat[index].semantic = _infer(semantic, nz[index])
    roof = np.fromiter((v == ROOF for v in semantics), dtype=bool, count=surface_count)
    wall = np.fromiter((v == WALL for v in semantics), dtype=bool, count=surface_count)
    ground = np.fromiter((v == GROUND for v in semantics), dtype=bool, count=surface_count)
    roof_area = np.bincount(surface_building, areas * roof, minlength=building_count)
    wall_area = np.bincount(surface_building, areas * wall, minlength=building_count)
    ground_area = np.bincount(surface_building, areas * ground, minlength=building_count)
    low = np.minimum.reduceat(points, first_point, axis=0)
    high = np.maximum.reduceat(points, first_point, axis=0)
    z_ground = np.where(ground[point_surface], points[:, 2], np.inf)
    ground_z = np.minimum.reduceat(z_ground, first_point)
    ground_z = np.where(np.isinf(ground_z), low[:, 2], ground_z)
    flux = np.einsum("ij,ij->i", anchors, vectors) / 3.0
    # one shell per (building, part)
    group_of, groups = {}, []
    parts = [part_of(s) for s in flat]
    group = np.empty(surface_count, dtype=np.int64)
    building_list = surface_building.tolist()
    for index, key in enumerate(zip(building_list, parts)):
        gid = group_of.get(key)
        if gid is None:
            gid = group_of[key] = len(groups)
            groups.append(key[0])
        group[index] = gid
    group_count = len(groups)
    total = np.stack([np.bincount(group, vectors[:, c], minlength=group_count) for c in range(3)], axis=1)
    group_area = np.bincount(group, areas, minlength=group_count)
    group_flux = np.bincount(group, flux, minlength=group_count)
    closed = np.sqrt(np.einsum("ij,ij->i", total, total)) <= CLOSED_TOLERANCE * np.maximum(group_area, 1e-9)
    group_volume = np.abs(group_flux)
    if not closed.all():
        everything = np.ones(surface_count, dtype=bool)
        ring_surface = np.arange(surface_count)
        for gid in np.flatnonzero(~closed).tolist():
            mask = group == gid
            b = groups[gid]
            group_volume[gid] = _prism_volume(
                local, starts, counts, ring_surface, mask & everything, vectors, mask, semantics,
                ground_z[b] - origin[b, 2],
            )  # fmt: skip
    volume = np.bincount(np.asarray(groups, dtype=np.int64), group_volume, minlength=building_count)
    open_shells = np.bincount(np.asarray(groups, dtype=np.int64), (~closed).astype(np.int64), minlength=building_count)
    bounds = np.concatenate([first_surface, [surface_count]]).tolist()
    values = zip(
        roof_area.tolist(), wall_area.tolist(), ground_area.tolist(), volume.tolist(), open_shells.tolist(),
        ground_z.tolist(), low.tolist(), high.tolist(), max_error.tolist(), non_planar.tolist(),
    )  # fmt: skip
    for k, (roof_a, wall_a, ground_a, vol, opened, gz, lo, hi, error, bent) in enumerate(values):
        m = Metrics()
        m.roof_area, m.wall_area, m.ground_area, m.volume = roof_a, wall_a, ground_a, vol
        m.volume_closed = opened == 0
        m.ground_z, m.min_z, m.max_z = gz, lo[2], hi[2]
        m.bbox = (lo[0], lo[1], hi[0], hi[1])
        m.max_planarity_error, m.non_planar = error, int(bent)
        m.normals = normals[bounds[k] : bounds[k + 1]]
        m.areas = areas[bounds[k] : bounds[k + 1]]
        out[simple[k]] = m
    return out


def _prism_volume(local, starts, counts, ring_surface, is_exterior, vectors, mask, semantics, ground_z):
    """Volume between the upward faces (roofs) and the ground height: sum(A_z * (z_mean - ground))."""
    volume = 0.0
    for ring in np.flatnonzero(is_exterior):
        index = ring_surface[ring]
        if not mask[index] or vectors[index, 2] <= 0 or semantics[index] in (GROUND, WALL, CLOSURE, OUTER_CEILING):
            continue
        z_mean = local[starts[ring] : starts[ring] + counts[ring], 2].mean()
        volume += vectors[index, 2] * max(z_mean - ground_z, 0.0)
    return float(volume)


def footprint_rings(surfaces, normals=None):
    """Footprint as ([polygon, ...], area), each polygon a list of (N, 2) rings (exterior first).

    Fast path without shapely for the usual single ground surface; else ``footprint``."""
    grounds = [s for s in surfaces if s.semantic == GROUND]
    if len(grounds) == 1 and len(grounds[0].rings[0]) >= 3:
        rings = [ring[:, :2] for ring in grounds[0].rings if len(ring) >= 3]
        area = sum(_shoelace(ring) * (1 if k == 0 else -1) for k, ring in enumerate(rings))
        if area > 1e-6:
            return [rings], float(area)
    polygons = []
    area = 0.0
    for polygon in _footprint_polygons(surfaces, normals):
        rings = [np.asarray(polygon.exterior.coords)[:-1, :2]]
        rings.extend(np.asarray(ring.coords)[:-1, :2] for ring in polygon.interiors)
        polygons.append(rings)
        area += polygon.area
    return polygons, float(area)


def simple_footprints(surface_lists):
    """``footprint_rings``' fast path for many buildings in one vectorised pass.

    Per building ``((N, 2) ring, area)`` when it has exactly one ground surface without holes and
    of a positive area, else None (those go through ``footprint_rings``)."""
    out = [None] * len(surface_lists)
    index, rings = [], []
    for k, surfaces in enumerate(surface_lists):
        grounds = [s for s in surfaces if s.semantic == GROUND]
        if len(grounds) == 1:
            ground_rings = grounds[0].rings
            if len(ground_rings) == 1 and len(ground_rings[0]) >= 3:
                index.append(k)
                rings.append(ground_rings[0])
    if not rings:
        return out
    counts = np.fromiter((len(r) for r in rings), dtype=np.int64, count=len(rings))
    points = np.concatenate(rings)[:, :2]
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    local = points - np.repeat(points[starts], counts, axis=0)  # relative to each ring's first vertex
    following = np.arange(1, len(local) + 1)
    following[starts + counts - 1] = starts
    cross = local[:, 0] * local[following, 1] - local[:, 1] * local[following, 0]
    areas = (np.abs(np.add.reduceat(cross, starts)) / 2.0).tolist()
    bounds = np.concatenate([starts, [len(points)]]).tolist()
    for j, k in enumerate(index):
        if areas[j] > 1e-6:
            out[k] = (points[bounds[j] : bounds[j + 1]], areas[j])
    return out


_WKB_HEAD = struct.Struct("<BII")
_WKB_COUNT = struct.Struct("<I")
_CLEAR_AREA = 1e-3  # an area this far above _footprint_polygons' 1e-6 cut is above it for GEOS too


def union_footprint(surfaces):
    """``footprint_rings`` of several ground surfaces as (2D MultiPolygon WKB, area, (xmin, ymin,
    xmax, ymax)), or None when ``footprint_rings`` must decide (fewer than two grounds, a tiny or
    invalid polygon, an odd union).

    The same GEOS union of the same polygons, but the polygons go in as one WKB and the result
    comes out as one (shapely 1.8's per-polygon and per-coordinate calls cost far more)."""
    polygons = [_ground_rings(s.rings) for s in surfaces if s.semantic == GROUND]
    if len(polygons) < 2 or any(rings is None for rings in polygons):
        return None
    from shapely import wkb as shapely_wkb
    from shapely.ops import unary_union

    parts = [_WKB_HEAD.pack(1, 7, len(polygons))]  # a GeometryCollection: valid when each polygon is
    for rings in polygons:
        parts.append(_WKB_HEAD.pack(1, 3, len(rings)))
        parts.extend(rings)
    collection = shapely_wkb.loads(b"".join(parts))
    if not collection.is_valid:
        return None
    merged = unary_union(collection)  # public API only (shapely internals differ between versions)
    kind = merged.geom_type
    if kind not in ("Polygon", "MultiPolygon") or merged.is_empty:
        return None
    data = merged.wkb
    if data[:5] not in (b"\x01\x03\x00\x00\x00", b"\x01\x06\x00\x00\x00"):  # not little-endian 2D
        return None
    if kind == "Polygon":
        data = _WKB_HEAD.pack(1, 6, 1) + data
    return data, float(merged.area), _exterior_bounds(data)


def _exterior_bounds(data):
    """(xmin, ymin, xmax, ymax) of the exterior rings of a little-endian 2D MultiPolygon WKB
    (shapely 1.8's ``bounds`` costs more than the union)."""
    (count,) = _WKB_COUNT.unpack_from(data, 5)
    offset, exteriors = 9, []
    for _ in range(count):
        (rings,) = _WKB_COUNT.unpack_from(data, offset + 5)
        offset += 9
        for k in range(rings):
            (points,) = _WKB_COUNT.unpack_from(data, offset)
            if k == 0:
                exteriors.append(np.frombuffer(data, "<f8", points * 2, offset + 4))
            offset += 4 + points * 16
    coords = np.concatenate(exteriors).reshape(-1, 2)
    (xmin, ymin), (xmax, ymax) = coords.min(axis=0).tolist(), coords.max(axis=0).tolist()
    return xmin, ymin, xmax, ymax


def _ground_rings(rings):
    """A ground surface's 2D rings as WKB (point count, closed little-endian coordinates), as
    ``_footprint_polygons`` builds its Polygon (holes under 3 points left out); None when it would
    leave the polygon out, its area is too near the 1e-6 cut or a ring is closed in 2D already
    (shapely would not close it)."""
    if len(rings[0]) < 3:
        return None
    out = []
    area = 0.0
    for k, ring in enumerate(rings):
        if len(ring) < 3:
            continue
        flat = ring[:, :2]
        if flat[0].tolist() == flat[-1].tolist():
            return None
        area += _shoelace(flat) if k == 0 else -_shoelace(flat)
        out.append(closed_ring_wkb(flat))
    return out if area > _CLEAR_AREA else None


def closed_ring_wkb(ring):
    """WKB of one (N, 2) ring not closed yet: its point count, then the little-endian coordinates
    with the first point repeated at the end."""
    closed = np.concatenate((ring, ring[:1])).astype("<f8")
    return _WKB_COUNT.pack(len(closed)) + closed.tobytes()


def _shoelace(ring):
    x, y = ring[:, 0] - ring[0, 0], ring[:, 1] - ring[0, 1]
    twice = np.dot(x[:-1], y[1:]) - np.dot(y[:-1], x[1:]) + x[-1] * y[0] - y[-1] * x[0]
    return abs(float(twice)) / 2.0


def footprint(surfaces, normals=None):
    """2D footprint (shapely MultiPolygon) from the ground surfaces; else the downward or the
    non-vertical faces projected; else the convex hull of all vertices. None without geometry."""
    from shapely.geometry import MultiPolygon

    polygons = _footprint_polygons(surfaces, normals)
    return MultiPolygon(polygons) if polygons else None


def _footprint_polygons(surfaces, normals=None):
    """The polygons of ``footprint`` (a list of shapely Polygons, possibly empty)."""
    from shapely.geometry import MultiPoint, Polygon
    from shapely.ops import unary_union
    from shapely.validation import make_valid

    def polygons_of(selection):
        out = []
        for surface in selection:
            exterior = surface.rings[0][:, :2]
            if len(exterior) < 3:
                continue
            polygon = Polygon(exterior, [ring[:, :2] for ring in surface.rings[1:] if len(ring) >= 3])
            if polygon.area > 1e-6:
                out.append(polygon)
        return out

    polygons = polygons_of([s for s in surfaces if s.semantic == GROUND])
    if not polygons and normals is not None and len(normals):
        polygons = polygons_of([s for s, n in zip(surfaces, normals) if n[2] < -0.1])
        if not polygons:
            polygons = polygons_of([s for s, n in zip(surfaces, normals) if abs(n[2]) >= 0.1])
    if not polygons:
        rings = [ring[:, :2] for s in surfaces for ring in s.rings]
        if not rings:
            return []
        hull = MultiPoint(np.concatenate(rings)).convex_hull
        return [hull] if hull.geom_type == "Polygon" and hull.area > 0 else []
    valid = [p.is_valid for p in polygons]
    if all(valid):
        if len(polygons) == 1:
            return polygons
        merged = unary_union(polygons)  # GEOS' union of valid polygons is valid
    else:
        merged = unary_union([p if ok else make_valid(p) for p, ok in zip(polygons, valid)])
        merged = make_valid(merged) if not merged.is_valid else merged
    if merged.geom_type == "GeometryCollection":
        parts = [g for g in merged.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
        return [p for g in parts for p in getattr(g, "geoms", [g]) if p.area > 0]
    return [g for g in getattr(merged, "geoms", [merged]) if g.geom_type == "Polygon" and g.area > 0]
