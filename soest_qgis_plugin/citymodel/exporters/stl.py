"""Binary STL: all triangles as they are, or a watertight solid for 3D printing.

3D printing mode (``print_scale`` or ``print_size_mm``): every building becomes a closed volume
(the prisms under its upward-facing surfaces, reaching down into the base), all unioned with a base
plate of ``base_thickness_mm`` (or a terrain relief block from the DGM) by manifold3d. Coordinates
are millimetres at print scale, origin at the plate's lower-left corner at the lowest ground
height; ``<output>.origin.json`` tells scale and offset. Parts thinner than ``min_wall_mm`` at print
scale are reported as warnings.
"""

import numpy as np

from ...common.errors import DependencyError, InputError
from ...common.i18n import tr
from .. import mesh as meshlib
from ..export import atomic_outputs, write_origin_sidecar

STL_DTYPE = np.dtype([("normal", "<f4", 3), ("v", "<f4", (3, 3)), ("attr", "<u2")])
MAX_THIN_WARNINGS = 20


def _volume(vertices, faces):
    v = np.asarray(vertices, dtype=float)[np.asarray(faces)]
    return float(np.einsum("ij,ij->i", v[:, 0], np.cross(v[:, 1], v[:, 2])).sum() / 6.0)


def write_binary_stl(path, vertices, faces, header="Soest city model"):
    """Write triangles (vertices (N,3), faces (M,3)) as binary STL."""
    vertices = np.asarray(vertices, dtype=float)
    faces = np.asarray(faces, dtype=np.int64).reshape(-1, 3)
    data = np.zeros(len(faces), dtype=STL_DTYPE)
    data["v"] = vertices[faces]
    data["normal"] = meshlib.face_normals(vertices, faces)
    with open(path, "wb") as handle:
        handle.write(header.encode("ascii", errors="replace")[:80].ljust(80, b" "))
        handle.write(np.uint32(len(faces)).tobytes())
        handle.write(data.tobytes())


def export(job, out_path):
    if job.options.printing:
        return export_print(job, out_path)
    verts, faces = [], []
    offset = 0
    written = 0
    for _building, m in job.iter_meshes():
        verts.append(m.vertices)
        faces.append(m.faces + offset)
        offset += len(m.vertices)
        written += 1
    terrain = job.terrain()
    if terrain is not None:
        verts.append(terrain.vertices)
        faces.append(terrain.faces + offset)
    vertices = np.vstack(verts) if verts else np.zeros((0, 3))
    all_faces = np.vstack(faces) if faces else np.zeros((0, 3), dtype=np.int64)
    with atomic_outputs(out_path) as (tmp,):
        write_binary_stl(tmp, vertices, all_faces)
        sidecar = write_origin_sidecar(job, out_path)
    files = [out_path] + ([sidecar] if sidecar else [])
    return {"buildings": written, "triangles": len(all_faces), "files": files}


# --------------------------------------------------------------------------------------------
# 3D printing
# --------------------------------------------------------------------------------------------


def _manifold_from(vertices, faces):
    import manifold3d

    mesh = manifold3d.Mesh(
        vert_properties=np.ascontiguousarray(vertices, dtype=np.float32),
        tri_verts=np.ascontiguousarray(faces, dtype=np.uint32),
    )
    return manifold3d.Manifold(mesh)


def _prisms(top, bottom_z):
    """Closed triangular prisms under triangles ``top`` ((K, 3, 3), counter-clockwise from above)."""
    k = len(top)
    bottom = top.copy()
    bottom[:, :, 2] = bottom_z
    vertices = np.concatenate((top, bottom), axis=1)  # (K, 6, 3): 0-2 top, 3-5 bottom
    local = np.array(
        [[0, 1, 2], [3, 5, 4], [0, 3, 4], [0, 4, 1], [1, 4, 5], [1, 5, 2], [2, 5, 3], [2, 3, 0]], dtype=np.int64
    )
    return [(vertices[i], local) for i in range(k)]


INPUT_GRID_MM = 0.01  # print coordinates of the solids' corners are rounded to this grid
GROW_MM = 0.02  # buildings grow by this much (print mm) so that touching neighbours fuse


def _roof_polygons(building, to_print):
    """The upward-facing surfaces of ``building`` in print coordinates: [(shapely Polygon, plane)].

    ``plane`` is (point, unit normal, highest z) of the surface, to put heights back onto the grown outline.
    """
    from shapely.geometry import Polygon
    from shapely.validation import make_valid

    out = []
    for surface in building.surfaces:
        rings = [to_print(r) for r in surface.rings if len(r) >= 3]
        if not rings:
            continue
        normal = meshlib.newell_normal(rings[0])
        length = np.linalg.norm(normal)
        if length == 0 or normal[2] / length <= 0.02:
            continue
        polygon = Polygon(rings[0][:, :2], [r[:, :2] for r in rings[1:]])
        if not polygon.is_valid:
            polygon = make_valid(polygon)
        if polygon.is_empty or polygon.area < 0.01:
            continue
        out.append((polygon, (rings[0].mean(axis=0), normal / length, float(rings[0][:, 2].max()))))
    return out


def _plane_z(plane, xy):
    point, n, top = plane
    z = point[2] - (n[0] * (xy[:, 0] - point[0]) + n[1] * (xy[:, 1] - point[1])) / n[2]
    return np.minimum(z, top)  # a grown outline never rises above the surface's highest point


def _polygons(shape):
    from shapely.geometry import Polygon

    if isinstance(shape, Polygon):
        return [shape] if not shape.is_empty else []
    return [g for g in getattr(shape, "geoms", []) if isinstance(g, Polygon) and not g.is_empty]


def _polygon_prism(rings, bottom_z):
    """One closed prism under a planar top polygon (rings CCW exterior, CW holes; (N, 3) each).

    Top = the triangulated polygon, bottom = the same at ``bottom_z``, sides = one quad per ring
    edge: a closed 2-manifold by construction. Returns (vertices, faces) or None.
    """
    cleaned = [meshlib._clean_ring(r) for r in rings]
    cleaned = [cleaned[0]] + [r for r in cleaned[1:] if len(r) >= 3]
    if len(cleaned[0]) < 3:
        return None
    vertices, top, normal = meshlib.triangulate_polygon(cleaned)
    if not len(top) or normal[2] <= 0:
        return None
    k = len(vertices)
    bottom = vertices.copy()
    bottom[:, 2] = bottom_z
    sides = []
    start = 0
    for ring in cleaned:
        n = len(ring)
        a = start + np.arange(n)
        b = start + (np.arange(n) + 1) % n
        sides.append(np.stack((a, b + k, b), axis=1))
        sides.append(np.stack((a, a + k, b + k), axis=1))
        start += n
    faces = np.vstack([top, top[:, ::-1] + k, *sides])
    return np.vstack((vertices, bottom)), faces


def building_solid(building, to_print, bottom_z, grow=GROW_MM):
    """A manifold solid for one building (print coordinates) and its footprint, or (None, None).

    Every upward-facing surface (roof, outer ceiling …) becomes prisms reaching down to
    ``bottom_z``; outlines are grown by ``grow`` mm (mitred) so that neighbours that only touch fuse.
    """
    import manifold3d
    from shapely.geometry.polygon import orient
    from shapely.ops import unary_union

    roofs = _roof_polygons(building, to_print)
    if not roofs:
        return None, None
    parts = []
    for polygon, plane in roofs:
        grown = polygon.buffer(grow, join_style=2, mitre_limit=2.0) if grow else polygon
        for part in _polygons(grown):
            part = orient(part, 1.0)
            rings = []
            for ring in [part.exterior, *part.interiors]:
                xy = np.asarray(ring.coords, dtype=float)[:-1]
                z = np.maximum(_plane_z(plane, xy), bottom_z + 0.05)  # never a flat or inverted prism
                rings.append(np.column_stack((xy, z)))
            # Inputs on a 10 µm grid: near-coincident corners of neighbours become exactly coincident,
            # which the booleans resolve cleanly (instead of leaving needles a few nanometres wide).
            rings = [np.round(r / INPUT_GRID_MM) * INPUT_GRID_MM for r in rings]
            prism = _polygon_prism(rings, bottom_z)
            solid = _manifold_from(*prism) if prism is not None else None
            if solid is not None and str(solid.status()).split(".")[-1] == "NoError" and solid.volume() > 0:
                parts.append(solid)
                continue
            # Fallback: one prism per triangle of the polygon.
            vertices, faces, normal = meshlib.triangulate_polygon(rings)
            if len(faces) and normal[2] > 0:
                parts.extend(_manifold_from(v, f) for v, f in _prisms(vertices[faces], bottom_z))
    if not parts:
        return None, None
    solid = manifold3d.Manifold.batch_boolean(parts, manifold3d.OpType.Add)
    return solid, unary_union([p for p, _ in roofs])


def thin_parts(shape, min_wall):
    """True when ``shape`` (mm) has parts narrower than ``min_wall`` mm (morphological opening)."""
    if shape.is_empty:
        return False
    r = min_wall / 2.0
    opened = shape.buffer(-r, join_style=2).buffer(r, join_style=2)
    if opened.is_empty:
        return True
    lost = shape.area - shape.intersection(opened).area
    return lost > max(0.05 * shape.area, min_wall * min_wall * 0.5)


def terrain_block(raster, extent_real, crs, to_print, bottom_z, z_ref, cells=200):
    """Closed solid: the DGM surface over ``extent_real`` down to ``bottom_z`` (print coordinates)."""
    minx, miny, maxx, maxy = extent_real
    ratio = (maxx - minx) / max(maxy - miny, 1e-9)
    cols = max(2, int(round(cells * min(1.0, ratio))) + 1)
    rows = max(2, int(round(cells * min(1.0, 1.0 / ratio))) + 1)
    xs = np.linspace(minx, maxx, cols)
    ys = np.linspace(maxy, miny, rows)  # row 0 = north
    gx, gy = np.meshgrid(xs, ys)
    z = meshlib.terrain_heights_grid(raster, gx, gy, crs)
    if not np.isfinite(z).any():
        return None, None
    z = np.where(np.isfinite(z), z, np.nanmin(z))
    top = to_print(np.column_stack((gx.ravel(), gy.ravel(), z.ravel())))
    top[:, 2] = np.maximum(top[:, 2], bottom_z + 0.2)
    bottom = top.copy()
    bottom[:, 2] = bottom_z
    n = rows * cols
    vertices = np.vstack((top, bottom))
    idx = np.arange(n).reshape(rows, cols)
    a, b, c, d = idx[:-1, :-1], idx[:-1, 1:], idx[1:, :-1], idx[1:, 1:]
    top_faces = np.concatenate((np.stack((a, c, b), -1).reshape(-1, 3), np.stack((b, c, d), -1).reshape(-1, 3)))
    bottom_faces = top_faces[:, ::-1] + n
    # Perimeter (counter-clockwise seen from above): along the north row westwards, etc.
    perimeter = np.concatenate((idx[0, ::-1], idx[1:, 0], idx[-1, 1:], idx[-2::-1, -1]))
    # Remove the repeated corner vertex at the end of each edge run.
    p = [perimeter[0]]
    for v in perimeter[1:]:
        if v != p[-1]:
            p.append(v)
    if p[0] == p[-1]:
        p.pop()
    p = np.array(p)
    q = np.roll(p, -1)
    side = np.concatenate((np.stack((p, p + n, q), -1), np.stack((q, p + n, q + n), -1)))
    faces = np.vstack((top_faces, bottom_faces, side))
    solid = _manifold_from(vertices, faces)
    return solid, float(np.nanmin(z))


def pinched_edges(vertices, faces):
    """Edges shared by more than two triangles once vertices are welded as an STL reader does.

    Manifold keeps solids that only touch along an edge apart with duplicate vertices; in STL
    (float32, no topology) they become one non-manifold edge. Returns (K, 2, 3) segments.
    """
    v32 = np.asarray(vertices, dtype=np.float32)
    _, index = np.unique(v32, axis=0, return_inverse=True)
    index = index.reshape(-1)
    f = index[np.asarray(faces, dtype=np.int64)]
    edges = np.sort(np.concatenate((f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]])), axis=1)
    unique, counts = np.unique(edges, axis=0, return_counts=True)
    bad = unique[counts > 2]
    if not len(bad):
        return np.zeros((0, 2, 3))
    first = np.zeros(index.max() + 1, dtype=np.int64)
    first[index] = np.arange(len(index))
    return np.asarray(vertices, dtype=float)[first[bad]]


def remove_slits(vertices, faces):
    """Drop pairs of coincident, opposite triangles (zero-thickness sheets between touching solids).

    Manifold keeps two solids that touch along a face apart with such a pair; an STL reader welds
    them into non-manifold edges. Vertices are compared as float32, as they are written.
    """
    v32 = np.asarray(vertices, dtype=np.float32)
    _, index = np.unique(v32, axis=0, return_inverse=True)
    welded = index.reshape(-1)[np.asarray(faces, dtype=np.int64)]
    key = np.sort(welded, axis=1)
    _, inverse, counts = np.unique(key, axis=0, return_inverse=True, return_counts=True)
    keep = counts[inverse.reshape(-1)] == 1
    # Degenerate triangles (two corners welded together) go as well.
    keep &= (welded[:, 0] != welded[:, 1]) & (welded[:, 1] != welded[:, 2]) & (welded[:, 0] != welded[:, 2])
    return np.asarray(faces)[keep]


def drop_flat_components(vertices, faces, min_volume=1e-3):
    """Drop connected pieces without volume or area (slivers that the boolean left on a face) and
    inner cavities.

    Pieces are found over edges shared by the welded (float32) vertices, as a slicer sees them.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    faces = np.asarray(faces, dtype=np.int64)
    if not len(faces):
        return faces
    v32 = np.asarray(vertices, dtype=np.float32)
    _, index = np.unique(v32, axis=0, return_inverse=True)
    welded = index.reshape(-1)[faces]
    edges = np.sort(np.concatenate((welded[:, [0, 1]], welded[:, [1, 2]], welded[:, [2, 0]])), axis=1)
    owner = np.tile(np.arange(len(faces)), 3)
    _, edge_id = np.unique(edges, axis=0, return_inverse=True)
    edge_id = edge_id.reshape(-1)
    # Face-edge incidence; faces sharing an edge are connected.
    incidence = coo_matrix((np.ones(len(owner)), (owner, edge_id))).tocsr()
    adjacency = incidence @ incidence.T
    count, labels = connected_components(adjacency, directed=False)
    if count == 1:
        return faces
    v = np.asarray(vertices, dtype=float)[faces]
    signed = np.einsum("ij,ij->i", v[:, 0], np.cross(v[:, 1], v[:, 2])) / 6.0
    area = 0.5 * np.linalg.norm(np.cross(v[:, 1] - v[:, 0], v[:, 2] - v[:, 0]), axis=1)
    volume = np.bincount(labels, weights=signed, minlength=count)
    surface = np.bincount(labels, weights=area, minlength=count)
    # Keep solid pieces; drop slivers and inner cavities (negative volume: they would only be hollow).
    keep = (volume > min_volume) & (surface > 1e-3)
    return faces[keep[labels]]


SNAP_MM = 1e-6  # output grid: coordinates a hair from zero become zero (float32 keeps them apart, readers don't)
SIMPLIFY_MM = 1e-3  # manifold3d collapses edges shorter than 1 µm (needles the booleans leave)


SEPARATE_MM = 2e-3  # pinch vertices move 2 µm into their own solid (float32 keeps them apart up to ~8 m)


def separate_pinches(vertices, faces, distance=SEPARATE_MM):
    """Move apart vertices that manifold3d keeps as distinct corners at the same place.

    Where two solids touch along an edge or at a corner, the union has two topological copies of
    a vertex at one position; an STL reader would weld them into a non-manifold edge. Each copy
    moves ``distance`` towards the centre of its own triangles, so readers see what manifold3d sees.
    """
    vertices = np.asarray(vertices, dtype=float).copy()
    faces = np.asarray(faces, dtype=np.int64)
    if not len(faces):
        return vertices
    _, index, counts = np.unique(vertices.astype(np.float32), axis=0, return_inverse=True, return_counts=True)
    shared = counts[index.reshape(-1)] > 1
    used = np.zeros(len(vertices), dtype=bool)
    used[faces.ravel()] = True
    shared &= used
    if not shared.any():
        return vertices
    centroids = vertices[faces].mean(axis=1)
    total = np.zeros_like(vertices)
    number = np.zeros(len(vertices))
    for k in range(3):
        np.add.at(total, faces[:, k], centroids)
        np.add.at(number, faces[:, k], 1.0)
    target = total[shared] / np.maximum(number[shared], 1.0)[:, None]
    direction = target - vertices[shared]
    length = np.linalg.norm(direction, axis=1)
    ok = length > 0
    step = np.zeros_like(direction)
    step[ok] = direction[ok] / length[ok, None] * np.minimum(distance, 0.5 * length[ok])[:, None]
    vertices[shared] += step
    return vertices


def clean_for_stl(vertices, faces, grid=SNAP_MM):
    """Make the union's mesh safe for STL: snap to a fine grid, weld, drop collapsed triangles,
    zero-thickness sheets and pieces without volume. Returns (welded vertices, faces)."""
    v = np.round(np.asarray(vertices, dtype=float) / grid) * grid
    v32 = v.astype(np.float32)
    unique, index = np.unique(v32, axis=0, return_inverse=True)
    faces = index.reshape(-1)[np.asarray(faces, dtype=np.int64)]
    vertices = unique.astype(float)
    faces = remove_slits(vertices, faces)
    faces = drop_flat_components(vertices, faces)
    return vertices, faces


def _weld_pinches(model, radius=0.1, passes=3):
    """Join solids that touch only along an edge with a thin bar (0.2 mm) around that edge.

    The bar reaches a little beyond both ends of the edge (never coplanar with the faces there),
    so the union is a proper manifold once an STL reader welds the vertices.
    """
    import manifold3d

    for _ in range(passes):
        mesh = model.to_mesh()
        segments = pinched_edges(np.asarray(mesh.vert_properties)[:, :3], np.asarray(mesh.tri_verts))
        if not len(segments):
            break
        bars = []
        for a, b in segments:
            direction = b - a
            length = np.linalg.norm(direction)
            if length == 0:
                continue
            unit = direction / length
            a, b = a - unit * 2 * radius, b + unit * radius
            helper = np.array([1.0, 0.0, 0.0]) if abs(unit[0]) < 0.9 else np.array([0.0, 1.0, 0.0])
            u = np.cross(unit, helper)
            u /= np.linalg.norm(u)
            v = np.cross(unit, u)
            ring = [radius * (su * u + sv * v) for su in (-1, 1) for sv in (-1, 1)]
            bars.append(manifold3d.Manifold.hull_points(np.array([p + r for p in (a, b) for r in ring])))
        model = manifold3d.Manifold.batch_boolean([model, *bars], manifold3d.OpType.Add)
    return model


def export_print(job, out_path):
    try:
        import manifold3d
    except ImportError as error:
        raise DependencyError(
            tr("3D printing needs the Python package manifold3d: pip install {package}").format(package="manifold3d")
        ) from error
    options = job.options
    meshes = [(b, m) for b, m in job.iter_meshes(0.0, 30.0, transformed=True)]
    if not meshes:
        raise InputError(tr("None of the selected buildings has geometry to print."))
    frame = job.transform  # output frame (target CRS, maybe shifted); real = frame + origin
    all_v = np.vstack([m.vertices for _, m in meshes])
    margin = max(0.0, float(options.base_margin_m))
    ext = (
        float(all_v[:, 0].min()) - margin,
        float(all_v[:, 1].min()) - margin,
        float(all_v[:, 0].max()) + margin,
        float(all_v[:, 1].max()) + margin,
    )
    width, depth = ext[2] - ext[0], ext[3] - ext[1]
    if options.print_scale and options.print_scale > 0:
        s = 1000.0 / float(options.print_scale)  # mm per metre
        scale_text = f"1:{options.print_scale:g}"
    else:
        s = float(options.print_size_mm) / max(width, depth)
        scale_text = f"1:{1000.0 / s:.0f}"
    thickness = float(options.base_thickness_mm)
    if thickness <= 0:
        raise InputError(tr("The base plate must be thicker than 0 mm."))
    z_ref = float(all_v[:, 2].min())
    terrain_solid = None
    if options.terrain:
        # Terrain heights are read in the source CRS: map the plate extent back to real coordinates.
        real_ext = (
            ext[0] + frame.origin[0],
            ext[1] + frame.origin[1],
            ext[2] + frame.origin[0],
            ext[3] + frame.origin[1],
        )
        terrain_crs = frame.target_crs
        zmin_probe = meshlib.terrain_heights_grid(
            options.terrain,
            *np.meshgrid(np.linspace(real_ext[0], real_ext[2], 50), np.linspace(real_ext[1], real_ext[3], 50)),
            terrain_crs,
        )
        if np.isfinite(zmin_probe).any():
            z_ref = min(z_ref, float(np.nanmin(zmin_probe)))
        else:
            job.warn(tr("The terrain file does not cover the selected buildings: {path}").format(path=options.terrain))
    origin = np.array([ext[0], ext[1], z_ref])

    def to_print(v):
        return (np.asarray(v, dtype=float) - origin) * s

    def real_to_print(v):
        v = np.asarray(v, dtype=float).copy()
        v[:, :2] -= frame.origin[:2]
        return to_print(v)

    if options.terrain:
        job.progress(30, 100)
        terrain_solid, _ = terrain_block(
            options.terrain,
            (ext[0] + frame.origin[0], ext[1] + frame.origin[1], ext[2] + frame.origin[0], ext[3] + frame.origin[1]),
            frame.target_crs,
            real_to_print,
            -thickness,
            z_ref,
        )
    if terrain_solid is None:
        base = manifold3d.Manifold.cube([width * s, depth * s, thickness]).translate([0.0, 0.0, -thickness])
    else:
        base = terrain_solid
    solids = [base]
    thin = []
    bottom = -thickness / 2.0
    for i, (building, _m) in enumerate(meshes):
        job.progress(30 + 50 * i / len(meshes), 100)
        solid, footprint = building_solid(building, lambda v: to_print(frame(v)), bottom)
        if solid is None:
            job.warn(
                tr("Building {gml_id} has no roof surface and is left out of the print.").format(gml_id=building.gml_id)
            )
            continue
        solids.append(solid)
        if options.min_wall_mm and options.min_wall_mm > 0 and thin_parts(footprint, options.min_wall_mm):
            thin.append(building.gml_id)
    job.progress(80, 100)
    model = manifold3d.Manifold.batch_boolean(solids, manifold3d.OpType.Add)
    status = model.status()
    if str(status).split(".")[-1] != "NoError":
        raise InputError(tr("The 3D print model could not be built ({error}).").format(error=status))
    simplified = model.simplify(SIMPLIFY_MM)
    if str(simplified.status()).split(".")[-1] == "NoError" and not simplified.is_empty():
        model = simplified
    result = model.to_mesh()
    separated = separate_pinches(result.vert_properties[:, :3], result.tri_verts)
    vertices, faces = clean_for_stl(separated, result.tri_verts)
    if len(pinched_edges(vertices, faces)):
        # Rare: solids touching along an edge only; join them with thin bars, then check again.
        result = _weld_pinches(model).to_mesh()
        separated = separate_pinches(result.vert_properties[:, :3], result.tri_verts)
        vertices, faces = clean_for_stl(separated, result.tri_verts)
        if len(pinched_edges(vertices, faces)):
            job.warn(tr("The 3D print model has a few non-manifold edges; check it in the slicer."))
    for gml_id in thin[:MAX_THIN_WARNINGS]:
        job.warn(
            tr("Building {gml_id} has parts thinner than {mm} mm at scale {scale}: they may not print.").format(
                gml_id=gml_id, mm=options.min_wall_mm, scale=scale_text
            )
        )
    if len(thin) > MAX_THIN_WARNINGS:
        job.warn(tr("{count} more buildings have too thin parts.").format(count=len(thin) - MAX_THIN_WARNINGS))
    size = (vertices.max(axis=0) - vertices.min(axis=0)).tolist()
    job.feedback.pushInfo(
        tr("3D print model at scale {scale}: {x:.1f} × {y:.1f} × {z:.1f} mm, {count} triangles.").format(
            scale=scale_text, x=size[0], y=size[1], z=size[2], count=len(faces)
        )
    )
    real_origin = [float(origin[0] + frame.origin[0]), float(origin[1] + frame.origin[1]), float(origin[2])]
    sidecar_data = {
        "crs": frame.target_crs,
        "height_reference": "DHHN2016",
        "units": "mm",
        "scale": scale_text,
        "mm_per_m": s,
        "offset": real_origin,
        "how_to_undo": "real = exported / mm_per_m + offset (for x, y and z)",
    }
    with atomic_outputs(out_path) as (tmp,):
        write_binary_stl(tmp, vertices, faces, header=f"Soest city model 3D print {scale_text} mm")
        import json

        from ...common.atomic import atomic_write

        sidecar = out_path + ".origin.json"
        with atomic_write(sidecar, "w") as handle:
            json.dump(sidecar_data, handle, indent=2)
    return {
        "buildings": len(solids) - 1,
        "triangles": len(faces),
        "files": [out_path, sidecar],
        "print_scale": scale_text,
        "size_mm": size,
        "thin_buildings": thin,
        "volume_mm3": _volume(vertices, faces),
    }


__all__ = ["export", "write_binary_stl", "write_origin_sidecar"]
