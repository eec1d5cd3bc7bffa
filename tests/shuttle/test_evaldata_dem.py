"""The real SRTM3 tile N52E008 (zip, EPSG:4326) from ../shared/evaldata/dem (read-only).

Expected heights come from the raw file: 1201 x 1201 big-endian int16, row 0 = 53° N, column
0 = 8° E, 3" spacing, -32768 = void (read here with numpy, independent of GDAL/rasterio).
"""

import zipfile

import numpy as np
import pytest

from soest_qgis_plugin.shuttle import slope
from soest_qgis_plugin.shuttle.area import to_lonlat
from soest_qgis_plugin.shuttle.gtfs import to_utm

VOID = -32768


@pytest.fixture(scope="module")
def hgt_zip(shared_evaldata):
    return shared_evaldata / "dem" / "graphhopper" / "N52E008.hgt.zip"


@pytest.fixture(scope="module")
def raw(hgt_zip):
    with zipfile.ZipFile(hgt_zip) as archive:
        data = np.frombuffer(archive.read("N52E008.hgt"), dtype=">i2").reshape(1201, 1201)
    return data.astype(float)


def _raw_bilinear(raw, lons, lats):
    col = (np.asarray(lons) - 8.0) * 1200.0
    row = (53.0 - np.asarray(lats)) * 1200.0
    c0, r0 = np.floor(col).astype(int), np.floor(row).astype(int)
    fc, fr = col - c0, row - r0
    v = (
        raw[r0, c0] * (1 - fc) * (1 - fr)
        + raw[r0, c0 + 1] * fc * (1 - fr)
        + raw[r0 + 1, c0] * (1 - fc) * fr
        + raw[r0 + 1, c0 + 1] * fc * fr
    )
    return v


def test_zip_opens_as_geographic_dem(hgt_zip, raw):
    assert slope.dem_path(hgt_zip).endswith(".hgt.zip/N52E008.hgt")
    # the source QGIS gives a raster layer opened from the zip (Processing DEM parameter)
    assert slope.dem_path("/vsizip/" + str(hgt_zip)) == "/vsizip/" + str(hgt_zip) + "/N52E008.hgt"
    with slope.Dem(hgt_zip) as dem:
        assert dem.crs.is_geographic and dem.ds.shape == (1201, 1201)
        assert dem.transformer is not None  # EPSG:25832 → EPSG:4326 for sampling
        assert 55 < dem.pixel_m < 58  # 3" in longitude at 52.5° N (92.6 m in latitude)
    valid = raw[raw != VOID]
    assert (valid.min(), valid.max(), int((raw == VOID).sum())) == (-1, 357, 3)


def test_heights_match_the_raw_file(hgt_zip, raw):
    rows, cols = np.array([100, 600, 900, 1100]), np.array([150, 500, 1000, 40])
    lats, lons = 53.0 - rows / 1200.0, 8.0 + cols / 1200.0
    x, y = to_utm(lons, lats)
    with slope.Dem(hgt_zip) as dem:
        heights = dem.sample(np.column_stack([x, y]))
    np.testing.assert_allclose(heights, raw[rows, cols], atol=0.05)


def test_void_cells_are_gaps_not_heights(hgt_zip, raw):
    rows, cols = np.nonzero(raw == VOID)
    x, y = to_utm(8.0 + cols / 1200.0, 53.0 - rows / 1200.0)
    with slope.Dem(hgt_zip) as dem:
        assert np.isnan(dem.sample(np.column_stack([x, y]))).all()


def test_profile_across_the_wiehengebirge(hgt_zip, raw):
    """11 km north-south at 8.5° E over the ridge north of Osnabrück/Melle."""
    x, y = to_utm([8.5, 8.5], [52.25, 52.35])
    profile = slope.route_profile(np.column_stack([x, y]), hgt_zip, max_gradient=15.0)
    assert profile.spacing == pytest.approx(5 * 56.47, rel=0.01)  # at least 5 pixels: no pixel-noise slopes
    assert profile.distance[-1] == pytest.approx(11130, rel=0.01)
    lons, lats = to_lonlat(profile.xy[:, 0], profile.xy[:, 1])
    np.testing.assert_allclose(profile.height, _raw_bilinear(raw, lons, lats), atol=0.5)
    assert np.isfinite(profile.height).all() and profile.gap_length == 0
    assert 40 < np.nanmin(profile.height) < 60 and 180 < np.nanmax(profile.height) < 200
    expected = np.diff(profile.height) / np.diff(profile.distance) * 100
    np.testing.assert_allclose(profile.slope, expected)
    assert 15 < profile.max_slope < 30  # the ridge's steep flank, flagged for a 15 % vehicle
    assert profile.steep_length > 0 and {s["kind"] for s in profile.segments} == {"ok", "steep"}


def test_route_outside_the_tile_is_a_gap(hgt_zip):
    x, y = to_utm([8.11, 8.12], [51.57, 51.57])  # Soest lies in N51E008, which is not here
    profile = slope.route_profile(np.column_stack([x, y]), hgt_zip)
    assert np.isnan(profile.height).all() and profile.max_slope is None
    assert [s["kind"] for s in profile.segments] == ["gap"]
