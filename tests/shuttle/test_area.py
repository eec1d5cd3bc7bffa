"""The usable area of EPSG:25832: the shortcut for town-sized extents gives the per-point answer."""

import numpy as np
from pyproj import Transformer

from soest_qgis_plugin.shuttle import area

TO_UTM32 = Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True)


def _utm(lons, lats):
    x, y = TO_UTM32.transform(np.asarray(lons, float), np.asarray(lats, float))
    return np.column_stack([x, y])


def _per_point(xy):
    return area.inside(*area.to_lonlat(xy[:, 0], xy[:, 1]))


def test_a_town_inside_is_inside_everywhere():
    rng = np.random.default_rng(1)
    xy = _utm(8.1 + rng.uniform(-0.05, 0.05, 500), 51.57 + rng.uniform(-0.03, 0.03, 500))  # Soest
    assert area.inside_xy(xy).all() and _per_point(xy).all()


def test_extents_at_and_across_the_edge_get_the_per_point_answer():
    rng = np.random.default_rng(2)
    cases = [
        (0.02 + rng.uniform(0, 0.03, 300), 51.0 + rng.uniform(0, 0.03, 300)),  # just inside 0° E
        (rng.uniform(-0.04, 0.04, 300), 51.0 + rng.uniform(0, 0.03, 300)),  # across 0° E
        (17.97 + rng.uniform(0, 0.06, 300), 54.0 + rng.uniform(0, 0.03, 300)),  # across 18° E
        (9.0 + rng.uniform(0, 0.05, 300), 34.98 + rng.uniform(0, 0.04, 300)),  # across 35° N
    ]
    for lons, lats in cases:
        xy = _utm(lons, lats)
        expected = area.inside(lons, lats)
        assert 0 < expected.sum() <= len(expected)
        assert np.array_equal(area.inside_xy(xy), _per_point(xy))
        assert np.array_equal(area.inside_xy(xy), expected)


def test_non_finite_and_far_points():
    xy = np.array([[430000.0, 5714000.0], [np.nan, 5714000.0], [-5_700_000.0, 4_500_000.0]])
    assert area.inside_xy(xy).tolist() == [True, False, False]
    assert area.inside_xy(np.zeros((0, 2))).tolist() == []
