import hashlib

import numpy as np
import rasterio

from tools.demo_data import streets as st
from tools.demo_data import terrain


def _sha(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def test_heights_in_soest_range_and_rising_to_the_south():
    xmin, ymin, xmax, ymax = st.AREA
    xs = np.linspace(xmin, xmax, 301)
    ys = np.linspace(ymax - 5.0, ymin + 5.0, 400)  # north to south
    h = terrain.ground_height(xs[None, :], ys[:, None])
    assert h.shape == (400, 301)
    assert h.min() >= 88.0 and h.max() <= 102.0
    bands = h.reshape(8, -1).mean(axis=1)  # 8 bands of 500 m from north to south
    assert np.all(np.diff(bands) > 0)
    assert bands[-1] - bands[0] > 4.0
    # gentle: no slope steeper than 2 % at 10 m spacing
    fine = terrain.ground_height(np.arange(437000, 440000, 10.0)[None, :], np.arange(5715000, 5711000, -10.0)[:, None])
    assert np.abs(np.diff(fine, axis=0)).max() / 10.0 < 0.02
    assert np.abs(np.diff(fine, axis=1)).max() / 10.0 < 0.02


def test_scalar_and_pure():
    a = terrain.ground_height(438056.0, 5713715.0)
    assert float(a) == float(terrain.ground_height(438056.0, 5713715.0))
    assert 88.0 < float(a) < 102.0


def test_small_geotiff_matches_ground_height(tmp_path):
    bounds = (438000.0, 5713600.0, 438300.0, 5713800.0)
    path = terrain.generate(tmp_path, bounds=bounds)
    with rasterio.open(path) as ds:
        assert ds.crs.to_epsg() == 25832
        assert ds.res == (1.0, 1.0)
        assert ds.nodata == -9999.0
        assert ds.dtypes[0] == "float32"
        assert (ds.width, ds.height) == (300, 200)
        assert tuple(ds.bounds) == bounds
        assert ds.profile["tiled"] and ds.compression.name.lower() == "deflate"
        data = ds.read(1)
        x, y = ds.xy(57, 123)  # pixel centre
    assert abs(float(data[57, 123]) - float(terrain.ground_height(x, y))) < 0.006
    again = terrain.generate(tmp_path / "again", bounds=bounds)
    assert _sha(path) == _sha(again)


def test_full_extent_dgm1(tmp_path):
    path = terrain.generate(tmp_path)
    assert path.endswith("dgm1_soest.tif")
    with rasterio.open(path) as ds:
        assert tuple(ds.bounds) == st.AREA
        assert (ds.width, ds.height) == (3000, 4000)
        assert ds.block_shapes[0] == (256, 256)
        # spot checks at the Markt, the Bahnhof and the LWL-BBW
        for x, y in (st.MARKT, st.BAHNHOF, st.LWL_BBW):
            row, col = ds.index(x, y)
            value = ds.read(1, window=((row, row + 1), (col, col + 1)))[0, 0]
            cx, cy = ds.xy(row, col)
            assert abs(float(value) - float(terrain.ground_height(cx, cy))) < 0.006
    import os

    assert os.path.getsize(path) < 10_000_000
