"""3D preview of buildings as an RGB image (pyvista off-screen; no Qt widgets here).

Surfaces are coloured by their semantic type (roof red, wall grey, ground dark). ``render``
returns the image plus where each building's top centre lands on it, so a GUI can tell which
building was clicked.
"""

from dataclasses import dataclass, field

import numpy as np

from .model import CLOSURE, GROUND, OUTER_CEILING, OUTER_FLOOR, ROOF, WALL

COLOURS = {
    ROOF: (200, 60, 50),
    WALL: (190, 190, 185),
    GROUND: (60, 60, 60),
    CLOSURE: (150, 170, 200),
    OUTER_CEILING: (170, 170, 170),
    OUTER_FLOOR: (90, 90, 90),
}
DEFAULT_COLOUR = (160, 160, 160)
MAX_BUILDINGS = 400


@dataclass
class PreviewImage:
    image: np.ndarray  # (H, W, 3) uint8
    anchors: dict = field(default_factory=dict)  # gml_id -> (x, y) pixel of the building's top centre
    origin: tuple = (0.0, 0.0, 0.0)  # subtracted from the coordinates before rendering

    def building_at(self, x, y, radius=40.0):
        """The gml_id whose anchor is nearest to pixel (x, y) within ``radius``, else None."""
        best, best_distance = None, radius
        for gml_id, (ax, ay) in self.anchors.items():
            distance = ((ax - x) ** 2 + (ay - y) ** 2) ** 0.5
            if distance <= best_distance:
                best, best_distance = gml_id, distance
        return best


def triangles(surface):
    """Fan/ear triangulation of one surface's exterior (holes ignored for the preview)."""
    ring = surface.rings[0]
    count = len(ring)
    if count < 3:
        return np.zeros((0, 3), dtype=np.int64)
    return np.array([(0, k, k + 1) for k in range(1, count - 1)], dtype=np.int64)


def _triangulate(surface):
    """Ear clipping from the export engineer's mesh module when present, else a fan."""
    try:
        from .mesh import triangulate_polygon
    except ImportError:
        return surface.rings[0], triangles(surface)
    try:
        vertices, tris, normal = triangulate_polygon(surface.rings)
    except Exception:  # noqa: BLE001 - a preview must not fail on one odd polygon
        return surface.rings[0], triangles(surface)
    vertices, tris = np.asarray(vertices), np.asarray(tris, dtype=np.int64)
    if len(tris):
        # every triangle faces the way the polygon does (else half a wall is lit from behind)
        a, b, c = vertices[tris[:, 0]], vertices[tris[:, 1]], vertices[tris[:, 2]]
        flip = np.einsum("ij,j->i", np.cross(b - a, c - a), np.asarray(normal, dtype=float)) < 0
        tris[flip] = tris[flip][:, ::-1]
    return vertices, tris


def _mesh_arrays(buildings, origin):
    points, faces, colours = [], [], []
    offset = 0
    for building in buildings:
        for surface in building.surfaces:
            vertices, local = _triangulate(surface)
            vertices = vertices - origin
            if len(local) == 0:
                continue
            points.append(vertices)
            faces.append(np.asarray(local) + offset)
            colours.extend([COLOURS.get(surface.semantic, DEFAULT_COLOUR)] * len(local))
            offset += len(vertices)
    if not points:
        return None
    return np.vstack(points), np.vstack(faces), np.asarray(colours, dtype=np.uint8)


def _outlines(buildings, origin):
    """Polygon edges as lines (the triangles' inner edges are not drawn)."""
    import pyvista as pv

    points, lines, offset = [], [], 0
    for building in buildings:
        for surface in building.surfaces:
            for ring in surface.rings:
                count = len(ring)
                if count < 2:
                    continue
                points.append(ring - origin)
                lines.append(np.concatenate([[count + 1], np.arange(offset, offset + count), [offset]]))
                offset += count
    if not points:
        return None
    return pv.PolyData(np.vstack(points), lines=np.concatenate(lines).astype(np.int64))


def render(buildings, size=(640, 420), labels=True):
    """Render ``buildings`` (model.Building) to a :class:`PreviewImage`; pyvista is required."""
    import pyvista as pv

    buildings = list(buildings)[:MAX_BUILDINGS]
    all_points = [b.vertices() for b in buildings if len(b.surfaces)]
    if not all_points:
        return PreviewImage(np.full((size[1], size[0], 3), 255, dtype=np.uint8))
    stacked = np.vstack(all_points)
    origin = np.array([stacked[:, 0].min(), stacked[:, 1].min(), stacked[:, 2].min()])
    arrays = _mesh_arrays(buildings, origin)
    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    try:
        plotter.set_background("white")
        if arrays is not None:
            points, faces, colours = arrays
            cells = np.hstack([np.full((len(faces), 1), 3, dtype=np.int64), faces]).ravel()
            mesh = pv.PolyData(points, cells)
            mesh.cell_data["colours"] = colours
            plotter.add_mesh(mesh, scalars="colours", rgb=True, show_edges=False, ambient=0.3, diffuse=0.75)
            outlines = _outlines(buildings, origin)
            if outlines is not None:
                plotter.add_mesh(outlines, color=(70, 70, 70), line_width=1)
        tops = {}
        for building in buildings:
            vertices = building.vertices()
            if len(vertices):
                centre = vertices.mean(axis=0) - origin
                centre[2] = vertices[:, 2].max() - origin[2]
                tops[building.gml_id] = centre
        if labels and tops and len(tops) <= 12:
            plotter.add_point_labels(
                np.array(list(tops.values())),
                [_short(gml_id) for gml_id in tops],
                font_size=10,
                point_size=4,
                shape_opacity=0.6,
                always_visible=True,
            )
        plotter.camera_position = "iso"
        plotter.camera.elevation = -10
        plotter.reset_camera()
        plotter.camera.zoom(1.15)
        image = plotter.screenshot(return_img=True)
        anchors = _project(plotter, tops, image.shape[0])
    finally:
        plotter.close()
    return PreviewImage(np.ascontiguousarray(image[:, :, :3]), anchors, tuple(origin))


def _short(gml_id, length=16):
    return gml_id if len(gml_id) <= length else "…" + gml_id[-(length - 1) :]


def _project(plotter, tops, height):
    import vtk

    coordinate = vtk.vtkCoordinate()
    coordinate.SetCoordinateSystemToWorld()
    out = {}
    for gml_id, point in tops.items():
        coordinate.SetValue(float(point[0]), float(point[1]), float(point[2]))
        x, y = coordinate.GetComputedDisplayValue(plotter.renderer)
        out[gml_id] = (float(x), float(height - y))
    return out
