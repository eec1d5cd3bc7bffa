"""Flat-ground camera model: known geometry."""

import math

import pytest

from soest_qgis_plugin.roaddamage.geometry import Camera, bearing, focal_px, ground_offset, project_box


def test_image_centre_lies_at_height_over_tan_pitch():
    ahead, right = ground_offset(320, 240, 640, 480, Camera(height=1.4, pitch=10.0, hfov=100.0))
    assert ahead == pytest.approx(1.4 / math.tan(math.radians(10.0)), rel=1e-9)
    assert right == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("distance", [3.0, 5.0, 10.0, 20.0])
def test_row_of_a_known_ground_point_projects_back_to_it(distance):
    camera = Camera(height=1.5, pitch=12.0, hfov=90.0)
    f = focal_px(800, camera.hfov)
    v = 300 + f * math.tan(math.atan(camera.height / distance) - math.radians(camera.pitch))
    ahead, right = ground_offset(400, v, 800, 600, camera)
    assert ahead == pytest.approx(distance, rel=1e-9)
    assert right == pytest.approx(0.0, abs=1e-9)


def test_lateral_offset_to_the_right_of_the_image_centre():
    camera = Camera(height=1.4, pitch=10.0, hfov=100.0)
    f = focal_px(640, 100.0)
    ahead, right = ground_offset(320 + f * 0.25, 240, 640, 480, camera)
    # centre row: ray length along forward axis t = h / sin(pitch); lateral = t * x
    t = 1.4 / math.sin(math.radians(10.0))
    assert right == pytest.approx(t * 0.25, rel=1e-9)
    assert ahead == pytest.approx(t * math.cos(math.radians(10.0)), rel=1e-9)


def test_above_the_horizon_is_clamped_to_max_distance():
    camera = Camera(max_distance=25.0)
    ahead, right = ground_offset(320, 10, 640, 480, camera)
    assert math.hypot(ahead, right) == pytest.approx(25.0)
    assert ahead > 0


def test_world_position_follows_heading_ahead_of_the_car():
    box = (300, 200, 340, 240)  # bottom centre in the image centre
    d = 1.4 / math.tan(math.radians(10.0))
    e, n, dist = project_box(box, 640, 480, 1000.0, 2000.0, 90.0)  # driving east
    assert (e, n) == (pytest.approx(1000.0 + d), pytest.approx(2000.0))
    assert dist == pytest.approx(d)
    e, n, _ = project_box(box, 640, 480, 1000.0, 2000.0, 0.0)  # driving north
    assert (e, n) == (pytest.approx(1000.0), pytest.approx(2000.0 + d))
    # a box right of centre while driving north lies east of the track
    e, n, _ = project_box((500, 200, 540, 240), 640, 480, 1000.0, 2000.0, 0.0)
    assert e > 1000.0


def test_no_heading_or_position():
    assert project_box((0, 0, 1, 1), 10, 10, None, None, 0.0) == (None, None, None)
    assert project_box((0, 0, 1, 1), 10, 10, 5.0, 6.0, None) == (5.0, 6.0, None)


def test_bearing():
    assert bearing(0, 0, 0, 1) == pytest.approx(0.0)
    assert bearing(0, 0, 1, 0) == pytest.approx(90.0)
    assert bearing(0, 0, -1, 0) == pytest.approx(270.0)
    assert bearing(0, 0, 0, 0) is None
