"""Measures: areas, volume (closed and open shells), heights, footprint, codes."""

import numpy as np
import pytest

from soest_qgis_plugin.citymodel import codes, metrics
from soest_qgis_plugin.citymodel.model import GROUND, ROOF, UNKNOWN, WALL, Surface, set_part
from tests.citymodel import gen


def box(x0=0.0, y0=0.0, w=10.0, d=8.0, z0=100.0, h=6.0, semantic=True, part=""):
    out = []
    for sem, pts in gen.box_faces(x0, y0, w, d, z0, h):
        out.append(set_part(Surface([np.array(pts, dtype=float)], sem if semantic else UNKNOWN), part))
    return out


def test_box_measures():
    m = metrics.compute(box())
    assert m.volume == pytest.approx(480.0)
    assert m.volume_closed
    assert m.roof_area == pytest.approx(80.0)
    assert m.wall_area == pytest.approx(2 * (10 + 8) * 6)
    assert m.ground_z == pytest.approx(100.0) and m.max_z == pytest.approx(106.0)
    assert m.non_planar == 0
    polygons, area = metrics.footprint_rings(box(), m.normals)
    assert area == pytest.approx(80.0) and len(polygons) == 1


def test_inward_oriented_shell_gives_positive_volume():
    surfaces = box()
    for s in surfaces:
        s.rings = [ring[::-1] for ring in s.rings]
    assert metrics.compute(surfaces).volume == pytest.approx(480.0)


def test_open_shell_uses_prism_under_the_roof():
    surfaces = [s for s in box() if s.semantic != GROUND]  # no ground: not closed
    m = metrics.compute(surfaces)
    assert not m.volume_closed
    assert m.volume == pytest.approx(480.0)


def test_parts_are_separate_shells_and_semantics_inferred():
    surfaces = box(semantic=False) + box(x0=10, w=5, h=10, semantic=False, part="P1")
    m = metrics.compute(surfaces)
    assert m.volume == pytest.approx(480.0 + 5 * 8 * 10)
    assert [s.semantic for s in surfaces[:6]] == [GROUND, ROOF, WALL, WALL, WALL, WALL]
    polygons, area = metrics.footprint_rings(surfaces, m.normals)
    assert area == pytest.approx(80 + 40)
    assert len(polygons) == 1  # the two touching ground faces are merged


def test_holes_reduce_area_and_non_planar_is_counted():
    outer = np.array([(0, 0, 10), (10, 0, 10), (10, 10, 10), (0, 10, 10)], dtype=float)
    hole = np.array([(2, 2, 10), (2, 4, 10), (4, 4, 10), (4, 2, 10)], dtype=float)
    roof = Surface([outer, hole], ROOF)
    bent = Surface([np.array([(0, 0, 0), (10, 0, 0), (10, 10, 1.0), (0, 10, 0)], dtype=float)], WALL)
    m = metrics.compute([roof, bent])
    assert m.roof_area == pytest.approx(96.0)
    assert m.non_planar == 1 and m.max_planarity_error > 0.2


def test_codes():
    assert codes.function_label("31001_1010") == "Wohnhaus"
    assert codes.function_label("31001_2463") == "Garage"
    assert codes.function_label("51009_1610") == "Überdachung"
    assert codes.function_label("31001_3021") == "Allgemein bildende Schule"
    assert codes.function_label("1000") == "Wohngebäude"
    assert codes.function_label("31001_0000") == ""
    assert codes.roof_type_label("3100") == "Satteldach"
    assert codes.roof_type_label(1000) == "Flachdach"
    assert codes.roof_type_label("3300") == "Krüppelwalmdach"
    assert codes.roof_type_label("9999") == "Sonstiges"
    assert len(codes.ROOF_TYPES) == 15
    assert sum(1 for k in codes.GEBAEUDEFUNKTION if k < "4000") > 200
    assert codes.function_group("31001_1010") == "Wohnen"
    assert codes.function_group("31001_2463") == "Nebengebäude"
    assert codes.function_group("31001_3041") == "Öffentlich"
    assert "Laserscanning" in codes.data_source_text({"DatenquelleDachhoehe": "1000"})


def test_batch_measures_equal_single_ones(shared_fixtures):
    """compute_many (the importer's batch path) gives exactly what compute gives per building."""
    import copy

    from soest_qgis_plugin.citymodel.readers import iter_buildings

    buildings = list(iter_buildings([shared_fixtures / "citygml", shared_fixtures / "cityjson"]))
    open_shell = [s for s in box() if s.semantic != GROUND]
    bent = box(semantic=False) + box(x0=10, w=5, h=10, semantic=False, part="P1")
    holes = [
        Surface(
            [
                np.array([(0, 0, 1), (4, 0, 1), (4, 4, 1), (0, 4, 1)], float),
                np.array([(1, 1, 1), (1, 2, 1), (2, 2, 1), (2, 1, 1)], float),
            ],
            ROOF,
        )
    ]
    lists = [b.surfaces for b in buildings] + [open_shell, bent, holes, []]
    single = [metrics.compute(s) for s in copy.deepcopy(lists)]
    batch = metrics.compute_many(copy.deepcopy(lists))
    assert len(batch) == len(single)
    for a, b in zip(single, batch):
        for name in ("roof_area", "wall_area", "ground_area", "volume", "ground_z", "min_z", "max_z"):
            assert getattr(b, name) == pytest.approx(getattr(a, name), rel=1e-9, abs=1e-6, nan_ok=True), name
        assert (a.volume_closed, a.non_planar, a.finite) == (b.volume_closed, b.non_planar, b.finite)
        np.testing.assert_allclose(a.normals, b.normals)
