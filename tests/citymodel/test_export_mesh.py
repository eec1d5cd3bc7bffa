"""Triangulation, coordinate frame and terrain grid of the city model export (citymodel/mesh.py)."""

import numpy as np
import pytest

from soest_qgis_plugin.citymodel import mesh as meshlib
from tests.citymodel.conftest_export import E0, N0, courtyard, house, write_dem


def _area(vertices, faces):
    v = vertices[faces]
    return 0.5 * np.linalg.norm(np.cross(v[:, 1] - v[:, 0], v[:, 2] - v[:, 0]), axis=1).sum()


def test_polygon_with_hole_keeps_area_and_orientation():
    outer = np.array([[0, 0, 5], [10, 0, 5], [10, 10, 5], [0, 10, 5]], float)
    hole = np.array([[3, 3, 5], [3, 7, 5], [7, 7, 5], [7, 3, 5]], float)
    vertices, faces, normal = meshlib.triangulate_polygon([outer, hole])
    assert len(faces) == 8
    assert _area(vertices, faces) == pytest.approx(100 - 16)
    assert normal == pytest.approx([0, 0, 1])
    assert np.allclose(meshlib.face_normals(vertices, faces), [0, 0, 1])


def test_hole_in_either_orientation_and_tilted_plane():
    outer = np.array([[0, 0, 0], [10, 0, 0], [10, 10, 10], [0, 10, 10]], float)  # 45° roof
    hole_ccw = np.array([[3, 3, 3], [7, 3, 3], [7, 7, 7], [3, 7, 7]], float)
    for hole in (hole_ccw, hole_ccw[::-1]):
        vertices, faces, normal = meshlib.triangulate_polygon([outer, hole])
        assert _area(vertices, faces) == pytest.approx(100 * np.sqrt(2) - 16 * np.sqrt(2))
        assert normal == pytest.approx([0, -np.sqrt(0.5), np.sqrt(0.5)])
        assert np.allclose(meshlib.face_normals(vertices, faces), normal)


def test_concave_polygon_and_degenerate_input():
    l_shape = np.array([[0, 0, 0], [4, 0, 0], [4, 1, 0], [1, 1, 0], [1, 4, 0], [0, 4, 0]], float)
    vertices, faces, _ = meshlib.triangulate_polygon([l_shape])
    assert _area(vertices, faces) == pytest.approx(7.0)
    # Repeated closing vertex and duplicate consecutive vertices are dropped.
    closed = np.vstack([l_shape[:2], l_shape[1:], l_shape[:1]])
    vertices, faces, _ = meshlib.triangulate_polygon([closed])
    assert _area(vertices, faces) == pytest.approx(7.0)
    collinear = np.array([[0, 0, 0], [1, 0, 0], [2, 0, 0]], float)
    assert len(meshlib.triangulate_polygon([collinear])[1]) == 0
    assert len(meshlib.triangulate_polygon([collinear[:2]])[1]) == 0


def test_ear_clip_fallback_matches_area():
    ring = np.array([[0, 0], [4, 0], [4, 1], [1, 1], [1, 4], [0, 4]], float)
    faces = meshlib.ear_clip(ring)
    assert len(faces) == 4
    v3 = np.column_stack([ring, np.zeros(len(ring))])
    assert _area(v3, faces) == pytest.approx(7.0)


def test_building_mesh_is_a_closed_volume_with_semantics():
    trimesh = pytest.importorskip("trimesh")
    m = meshlib.building_mesh(house("H1"))
    groups = dict(m.groups())
    assert set(groups) == {"RoofSurface", "WallSurface", "GroundSurface"}
    assert len(groups["RoofSurface"]) == 4 and len(groups["GroundSurface"]) == 2
    t = trimesh.Trimesh(m.vertices, m.faces)
    t.merge_vertices()
    assert t.is_watertight and t.is_volume
    assert t.volume == pytest.approx(10 * 8 * 6 + 10 * 8 * 3 / 2)
    block = trimesh.Trimesh(*[getattr(meshlib.building_mesh(courtyard("C1")), k) for k in ("vertices", "faces")])
    block.merge_vertices()
    assert block.is_watertight and block.volume == pytest.approx((400 - 64) * 12)


def test_transform_reprojects_plane_and_keeps_heights():
    v = np.array([[E0, N0, 97.25], [E0 + 100, N0 + 50, 120.5]])
    t = meshlib.CoordinateTransform("EPSG:25832", "EPSG:4326")
    out = t(v)
    assert out[:, 2] == pytest.approx(v[:, 2])
    assert 7.9 < out[0, 0] < 8.2 and 51.4 < out[0, 1] < 51.7  # Soest
    back = meshlib.CoordinateTransform("EPSG:4326", "EPSG:25832")(out)
    assert np.allclose(back, v, rtol=0, atol=1e-4)


def test_local_origin_is_lower_left_and_undone_by_sidecar_offset():
    bounds = meshlib.bounds_of([np.array([[E0 + 0.7, N0 + 3.2, 90.0], [E0 + 50, N0 + 60, 110.0]])])
    origin = meshlib.local_origin(bounds)
    assert list(origin) == [E0, N0 + 3, 0.0]
    t = meshlib.CoordinateTransform("EPSG:25832", None, origin)
    v = np.array([[E0 + 12.345, N0 + 6.789, 101.5]])
    shifted = t(v)
    assert shifted[0] == pytest.approx([12.345, 3.789, 101.5])
    assert np.allclose(shifted + np.array(t.sidecar()["offset"]), v, rtol=0, atol=1e-9)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("urn:adv:crs:ETRS89_UTM32*DE_DHHN2016_NH", "EPSG:25832"),
        ("https://www.opengis.net/def/crs/EPSG/0/25832", "EPSG:25832"),
        ("urn:ogc:def:crs:EPSG::4647", "EPSG:4647"),
        ("25833", "EPSG:25833"),
        ("", None),
    ],
)
def test_normalise_crs(text, expected):
    assert meshlib.normalise_crs(text) == expected


def test_terrain_mesh_clipped_decimated_and_without_nodata(tmp_path):
    dem = write_dem(tmp_path / "dgm1.tif", E0 - 200, N0 - 200, E0 + 400, N0 + 400, nodata_hole=True)
    terrain = meshlib.terrain_mesh(dem, (E0, N0, E0 + 100, N0 + 80), margin=10.0, max_cells=2000)
    v = terrain.vertices
    assert v[:, 0].min() >= E0 - 10 and v[:, 0].max() <= E0 + 110
    assert v[:, 1].min() >= N0 - 10 and v[:, 1].max() <= N0 + 90
    assert len(v) <= 2000 * 1.2
    assert np.isfinite(v).all() and v[:, 2].min() > 90  # no nodata (-9999) leaks in
    assert set(terrain.semantics) == {meshlib.TERRAIN}
    normals = meshlib.face_normals(terrain.vertices, terrain.faces)
    assert (normals[:, 2] > 0.9).all()  # faces point up
    # Outside the raster: nothing.
    assert meshlib.terrain_mesh(dem, (E0 + 5000, N0, E0 + 5100, N0 + 100), margin=0) is None
    # The corner with nodata is left out, not filled.
    with_hole = meshlib.terrain_mesh(dem, (E0 - 200, N0 + 390, E0 - 190, N0 + 400), margin=0)
    assert with_hole is not None and with_hole.vertices[:, 2].min() > 90


def test_terrain_heights_grid_is_bilinear_on_a_plane(tmp_path):
    dem = write_dem(tmp_path / "plane.tif", E0, N0, E0 + 200, N0 + 200, slope=0.1)
    xs = np.array([E0 + 10.5, E0 + 150.0])
    ys = np.array([N0 + 150.0, N0 + 150.0])
    z = meshlib.terrain_heights_grid(dem, xs, ys)
    bump = 1.5 * np.exp(-(((xs - E0) / 40 - 1) ** 2 + ((ys - N0) / 40 - 1) ** 2))
    assert z == pytest.approx(94 + 0.1 * (xs - E0) + bump, abs=0.05)
    assert np.isnan(meshlib.terrain_heights_grid(dem, [E0 - 50], [N0]))[0]


def test_pure_python_fallback_triangulates_holes(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_manifold(name, *args, **kwargs):
        if name == "manifold3d":
            raise ImportError("manifold3d hidden for this test")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_manifold)
    outer = np.array([[0, 0, 5], [10, 0, 5], [10, 10, 5], [0, 10, 5]], float)
    holes = [
        np.array([[2, 2, 5], [2, 4, 5], [4, 4, 5], [4, 2, 5]], float),
        np.array([[6, 6, 5], [8, 6, 5], [8, 8, 5], [6, 8, 5]], float),  # counter-clockwise on purpose
    ]
    vertices, faces, normal = meshlib.triangulate_polygon([outer, *holes])
    assert _area(vertices, faces) == pytest.approx(100 - 4 - 4)
    assert np.allclose(meshlib.face_normals(vertices, faces), [0, 0, 1])
    m = meshlib.building_mesh(courtyard("C2"))
    t = pytest.importorskip("trimesh").Trimesh(m.vertices, m.faces)
    t.merge_vertices()
    assert t.is_watertight and t.volume == pytest.approx((400 - 64) * 12)
