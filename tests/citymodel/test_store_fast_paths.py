"""The importer's cheaper paths write what the general ones write: the footprint of several ground
surfaces (one WKB through GEOS), surface rows with blank ids (NULL), blobs made as bytearrays."""

import sqlite3

import numpy as np
import pytest

from soest_qgis_plugin.citymodel import metrics, store
from soest_qgis_plugin.citymodel.model import GROUND, ROOF, Surface, set_part


def ground(points, holes=()):
    rings = [np.array([(x, y, 100.0) for x, y in ring], dtype=float) for ring in (points, *holes)]
    return Surface(rings, GROUND)


def general_blob(surfaces):
    polygons, area = metrics.footprint_rings(surfaces)
    blob, envelope = store.footprint_blob(polygons)
    return blob, area, envelope


def fast_blob(surfaces):
    union = metrics.union_footprint(surfaces)
    if union is None:
        return None
    area, blob, envelope = store._footprint(surfaces, None)
    assert area == union[1]
    return bytes(blob), area, envelope


SQUARE = [(0, 0), (10, 0), (10, 10), (0, 10)]
CASES = {
    "touching": [ground(SQUARE), ground([(10, 0), (15, 0), (15, 10), (10, 10)])],
    "t-junction": [ground(SQUARE), ground([(10, 2), (14, 2), (14, 6), (10, 6)])],
    "overlapping": [ground(SQUARE), ground([(5, 5), (20, 5), (20, 20), (5, 20)])],
    "disjoint": [ground(SQUARE), ground([(30, 0), (35, 0), (35, 5), (30, 5)]), ground([(-9, -9), (-8, -9), (-8, -8)])],
    "hole": [ground(SQUARE, [[(2, 2), (2, 4), (4, 4), (4, 2)]]), ground([(10, 0), (12, 0), (12, 3), (10, 3)])],
    "clockwise": [ground(SQUARE[::-1]), ground([(10, 0), (15, 0), (15, 10), (10, 10)][::-1])],
    "utm": [
        ground([(364000.125 + x, 5731000.25 + y) for x, y in SQUARE]),
        ground([(364010.125, 5731000.25), (364013.5, 5731001.75), (364010.125, 5731010.25)]),
    ],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_union_footprint_is_byte_equal_to_the_general_path(name):
    surfaces = CASES[name] + [Surface([np.array([(0, 0, 110), (10, 0, 110), (10, 10, 110)], dtype=float)], ROOF)]
    fast = fast_blob(surfaces)
    assert fast is not None
    assert fast == general_blob(surfaces)


@pytest.mark.parametrize(
    "surfaces",
    [
        [ground(SQUARE)],  # one ground: the batch path measures it
        [ground(SQUARE), ground([(0, 0), (1e-4, 0), (0, 1e-4)])],  # near the 1e-6 area cut
        [ground(SQUARE), ground([(20, 0), (30, 10), (30, 0), (20, 10)])],  # a bow tie: make_valid
        [ground(SQUARE), ground([(20, 0), (30, 0)])],  # too few points
    ],
)
def test_union_footprint_leaves_odd_cases_to_the_general_path(surfaces):
    assert metrics.union_footprint(surfaces) is None
    area, blob, envelope = store._footprint(surfaces, None)
    polygons, general_area = metrics.footprint_rings(surfaces)
    assert area == general_area
    assert (blob is None) == (not polygons)
    if polygons:
        assert bytes(blob) == store.footprint_blob(polygons)[0]


def test_surface_blobs_are_bytearrays_equal_to_polygon_z_blob():
    ring = np.array([(0, 0, 1), (4, 0, 1), (4, 3, 2)], dtype=float)
    hole = np.array([(1, 0.5, 1.1), (2, 0.5, 1.1), (2, 1, 1.2)], dtype=float)
    for surfaces in ([Surface([ring], ROOF)], [Surface([ring], ROOF), Surface([ring + 1, hole + 1], ROOF)]):
        for surface, (blob, envelope) in zip(surfaces, store.surface_blobs(surfaces)):
            assert isinstance(blob, bytearray)
            assert (bytes(blob), envelope) == store.polygon_z_blob(surface.rings)


def test_blank_part_and_surface_ids_are_stored_as_null():
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE TABLE surfaces (fid INTEGER PRIMARY KEY, geom BLOB, "
        + ", ".join(f"{name} {kind}" for name, kind in store.SURFACE_FIELDS)
        + ")"
    )
    ring = np.array([(0, 0, 1), (4, 0, 1), (4, 3, 2)], dtype=float)
    surfaces = [Surface([ring], ROOF, "s1"), set_part(Surface([ring], ROOF, ""), "p1"), Surface([ring], ROOF)]
    rows, envelopes = store._surface_rows([("b1", 2, "tile", surfaces)], surfaces, 7)
    connection.executemany(store._INSERT_SURFACE, rows)
    stored = connection.execute("SELECT fid, gml_id, part_id, surface_id, lod, tile FROM surfaces ORDER BY fid")
    assert stored.fetchall() == [
        (7, "b1", None, "s1", 2, "tile"),
        (8, "b1", "p1", None, 2, "tile"),
        (9, "b1", None, None, 2, "tile"),
    ]
    assert envelopes.shape == (3, 6)
