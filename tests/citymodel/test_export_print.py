"""3D printing mode of the STL export: watertight manifold solids at print scale."""

import json

import numpy as np
import pytest

from soest_qgis_plugin.citymodel import mesh as meshlib
from soest_qgis_plugin.citymodel.export import export_buildings
from soest_qgis_plugin.common.errors import InputError
from soest_qgis_plugin.common.feedback import CollectingFeedback
from tests.citymodel.conftest_export import E0, N0, house, read_fixture_buildings, town, with_part, write_dem

trimesh = pytest.importorskip("trimesh")
pytest.importorskip("manifold3d")


def _load(path):
    mesh = trimesh.load(str(path))
    assert isinstance(mesh, trimesh.Trimesh)
    return mesh


def _check_solid(mesh):
    assert mesh.is_watertight
    assert mesh.is_winding_consistent
    assert mesh.is_volume
    assert mesh.volume > 0


def test_print_1_to_1000_is_watertight_and_to_scale(tmp_path):
    buildings = town(6) + [with_part("P1", y0=N0 + 70)]
    out = tmp_path / "druck.stl"
    feedback = CollectingFeedback()
    summary = export_buildings(buildings, out, {"print_scale": 1000, "base_thickness_mm": 3.0}, feedback)
    mesh = _load(out)
    _check_solid(mesh)
    b = meshlib.bounds_of([x.vertices() for x in buildings])
    margin = 5.0  # default base_margin_m
    # 1:1000 → 1 m = 1 mm.
    assert mesh.extents[0] == pytest.approx(b[3] - b[0] + 2 * margin, abs=1e-3)
    assert mesh.extents[1] == pytest.approx(b[4] - b[1] + 2 * margin, abs=1e-3)
    assert mesh.bounds[0][2] == pytest.approx(-3.0, abs=1e-4)  # plate bottom
    assert mesh.bounds[1][2] == pytest.approx(b[5] - b[2], abs=1e-3)  # highest ridge above lowest ground
    assert summary["print_scale"] == "1:1000" and summary["buildings"] == len(buildings)
    assert len(mesh.split(only_watertight=False)) == 1  # one piece: every building stands on the plate
    sidecar = json.loads((tmp_path / "druck.stl.origin.json").read_text())
    assert sidecar["mm_per_m"] == pytest.approx(1.0)
    # real = exported / mm_per_m + offset: the plate corner maps back to the buildings' corner − margin.
    corner = mesh.bounds[0][:2] / sidecar["mm_per_m"] + np.array(sidecar["offset"][:2])
    assert corner == pytest.approx([b[0] - margin, b[1] - margin], abs=1e-3)
    assert any("1:1000" in text for text in feedback.infos)


def test_print_volume_matches_the_buildings():
    # One house on its plate: volume = plate + house (extended to the plate top, it stands at ground).
    b = [house("H1")]
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "haus.stl"
        export_buildings(b, out, {"print_scale": 100, "base_thickness_mm": 2.0, "base_margin_m": 1.0})
        mesh = _load(out)
        _check_solid(mesh)
    s = 10.0  # mm per metre at 1:100
    plate = (12 * s) * (10 * s) * 2.0
    building = (10 * 8 * 6 + 10 * 8 * 3 / 2) * s**3
    # Outlines grow by GROW_MM so that touching neighbours fuse: at most perimeter × height × grow more.
    from soest_qgis_plugin.citymodel.exporters.stl import GROW_MM

    extra = 2 * (100 + 80) * 90 * GROW_MM
    assert plate + building < mesh.volume < plate + building + extra


def test_print_size_in_mm(tmp_path):
    out = tmp_path / "100mm.stl"
    summary = export_buildings(town(4), out, {"print_size_mm": 100.0})
    mesh = _load(out)
    _check_solid(mesh)
    assert max(mesh.extents[:2]) == pytest.approx(100.0, abs=1e-3)
    assert summary["size_mm"][0] == pytest.approx(mesh.extents[0], abs=1e-3)


def test_print_with_terrain_relief(tmp_path):
    dem = write_dem(tmp_path / "dgm1.tif", E0 - 100, N0 - 100, E0 + 300, N0 + 300, slope=0.05)
    buildings = town(4)
    flat = tmp_path / "flach.stl"
    relief = tmp_path / "relief.stl"
    export_buildings(buildings, flat, {"print_scale": 500})
    export_buildings(buildings, relief, {"print_scale": 500, "terrain": str(dem)})
    m_flat, m_relief = _load(flat), _load(relief)
    _check_solid(m_relief)
    assert len(m_relief.split(only_watertight=False)) == 1
    # The terrain surface is not flat: its top varies across the plate.
    top = m_relief.vertices[m_relief.vertices[:, 2] > -1.0]
    assert np.ptp(top[:, 2]) > 1.0
    assert m_relief.volume > m_flat.volume
    assert m_relief.extents[:2] == pytest.approx(m_flat.extents[:2], abs=1e-3)


def test_thin_parts_are_reported(tmp_path):
    narrow = house("SCHMAL", w=12.0, d=1.2)
    wide = house("BREIT", x0=E0 + 30, w=12.0, d=10.0)
    feedback = CollectingFeedback()
    summary = export_buildings([narrow, wide], tmp_path / "duenn.stl", {"print_scale": 2000}, feedback)
    assert summary["thin_buildings"] == ["SCHMAL"]  # 1.2 m at 1:2000 = 0.6 mm < 0.8 mm
    assert any("SCHMAL" in w and "0.8" in w for w in feedback.warnings)
    feedback = CollectingFeedback()
    summary = export_buildings([narrow, wide], tmp_path / "ok.stl", {"print_scale": 1000}, feedback)
    assert summary["thin_buildings"] == [] and not feedback.warnings


def test_print_real_fixture_buildings(tmp_path, shared_fixtures):
    pytest.importorskip("soest_qgis_plugin.citymodel.readers.citygml")
    buildings, _ = read_fixture_buildings(shared_fixtures / "citygml" / "LoD2_32_331_5726_1_NW.gml")
    out = tmp_path / "real.stl"
    summary = export_buildings(buildings, out, {"print_scale": 1000, "base_thickness_mm": 2.0})
    mesh = _load(out)
    _check_solid(mesh)
    assert summary["buildings"] == len(buildings)
    b = meshlib.bounds_of([x.vertices() for x in buildings])
    assert mesh.extents[0] == pytest.approx(b[3] - b[0] + 10.0, abs=1e-3)
    assert mesh.bounds[1][2] == pytest.approx(b[5] - b[2], abs=0.01)


def test_print_options_are_checked(tmp_path):
    with pytest.raises(InputError):
        export_buildings(town(1), tmp_path / "x.obj", {"print_scale": 1000})
    with pytest.raises(InputError):
        export_buildings(town(1), tmp_path / "x.stl", {"print_scale": 1000, "base_thickness_mm": 0})
    assert not list(tmp_path.iterdir())


def test_touching_neighbours_fuse_into_one_watertight_piece(tmp_path):
    # Row houses sharing a wall, one touching only at a corner, one 1 cm apart (noise in real data).
    row = [
        house("R1", E0, N0),
        house("R2", E0 + 10, N0, eaves=5.0, ridge=8.0),
        house("R3", E0 + 20, N0 + 8, w=6, d=6),  # touches R2 only at its corner
        house("R4", E0 + 26.01, N0 + 8, w=6, d=6, ridge=7.0),  # 1 cm gap to R3
    ]
    out = tmp_path / "reihe.stl"
    export_buildings(row, out, {"print_scale": 500, "base_thickness_mm": 2.0})
    mesh = _load(out)
    _check_solid(mesh)
    assert len(mesh.split(only_watertight=False)) == 1


def test_pinched_edges_and_slits_are_found():
    from soest_qgis_plugin.citymodel.exporters.stl import pinched_edges, remove_slits

    cube = trimesh.creation.box(extents=(1, 1, 1))
    other = cube.copy()
    other.apply_translation((1, 1, 0))  # shares only the vertical edge x = y = 0.5
    both = trimesh.util.concatenate([cube, other])
    segments = pinched_edges(both.vertices, both.faces)
    assert len(segments) == 1
    assert np.allclose(sorted(segments[0][:, 2]), [-0.5, 0.5]) and np.allclose(segments[0][:, :2], 0.5)
    assert len(pinched_edges(cube.vertices, cube.faces)) == 0
    # A doubled face with opposite orientation is a zero-thickness sheet: both copies go.
    sheet = np.vstack([cube.faces, cube.faces[:1, ::-1]])
    kept = remove_slits(cube.vertices, sheet)
    assert len(kept) == len(cube.faces) - 1


@pytest.mark.parametrize("scale", [500, 2500])
def test_dense_terraces_print_as_one_watertight_piece(tmp_path, scale):
    # Two rows of terraced houses back to back: many shared walls, T-junctions and equal heights.
    rng = np.random.default_rng(5)
    houses = []
    for row, (y0, d) in enumerate(((N0, 9.0), (N0 + 9.0, 11.0))):
        x = E0
        for k in range(14):
            w = float(rng.choice([5.0, 6.0, 6.5, 8.0]))
            eaves = float(rng.choice([6.0, 6.0, 7.5]))
            houses.append(house(f"T{row}_{k}", x, y0, w=w, d=d, eaves=eaves, ridge=eaves + float(rng.uniform(2, 4))))
            x += w
    out = tmp_path / "reihen.stl"
    feedback = CollectingFeedback()
    export_buildings(houses, out, {"print_scale": scale}, feedback)
    mesh = _load(out)
    _check_solid(mesh)
    assert len(mesh.split(only_watertight=False)) == 1
    assert not any("non-manifold" in w for w in feedback.warnings)
