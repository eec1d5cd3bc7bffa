import numpy as np
import pytest

from soest_qgis_plugin.shuttle import gtfs
from soest_qgis_plugin.shuttle import slope as S  # noqa: N812

from . import synth


def test_steep_segment_flagged_and_spacing(shuttle_data):
    y = synth.Y0 + 100
    line = np.array([[synth.X0, y], [synth.X0 + 300, y]])
    profile = S.route_profile(line, shuttle_data["dem"], max_gradient=15)
    assert profile.spacing == pytest.approx(5.0)  # 5 pixels of 1 m
    assert profile.max_slope == pytest.approx(20.0, abs=0.5)
    steep = [s for s in profile.segments if s["kind"] == "steep"]
    assert len(steep) == 1
    assert steep[0]["start"] >= 95 and steep[0]["end"] <= 145
    relaxed = S.route_profile(line, shuttle_data["dem"], max_gradient=25)
    assert not [s for s in relaxed.segments if s["kind"] == "steep"]
    assert profile.height[-1] - profile.height[0] == pytest.approx(8.0, abs=0.1)


def test_nodata_hole_is_a_gap_not_a_slope(shuttle_data):
    x = synth.X0 + 2 * synth.STEP
    line = np.array([[x, synth.Y0 + 160], [x, synth.Y0 + 320]])
    profile = S.route_profile(line, shuttle_data["dem"])
    assert profile.gap_length > 40
    assert not [s for s in profile.segments if s["kind"] == "steep"]
    assert np.nanmax(np.abs(profile.slope)) < 1


def test_dem_in_another_crs_with_voids(shared_fixtures):
    path = shared_fixtures / "dem" / "N52E008.hgt.zip"
    dem = S.Dem(path)
    assert dem.crs.is_geographic
    assert dem.pixel_m > 50
    x, y = gtfs.to_utm([8.10, 8.30], [52.5, 52.5])
    profile = S.route_profile(np.column_stack([x, y]), dem)
    assert profile.spacing >= 5 * dem.pixel_m
    assert np.isfinite(profile.height).all()
    # a route starting in the void cell at 8.985 E / 52.3608 N begins with a gap
    x, y = gtfs.to_utm([8.985, 8.99], [52.36083, 52.36083])
    profile = S.route_profile(np.column_stack([x, y]), dem, spacing=60)
    assert np.isnan(profile.height[0])
    assert profile.segments[0]["kind"] == "gap"
    dem.close()


def test_missing_dem_is_an_input_error(tmp_path):
    from soest_qgis_plugin.common.errors import InputError

    with pytest.raises(InputError):
        S.Dem(tmp_path / "nothing.tif")
    bad = tmp_path / "bad.tif"
    bad.write_text("no raster")
    with pytest.raises(InputError):
        S.Dem(bad)
