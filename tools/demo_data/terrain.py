"""Generated 1 m terrain model (DGM1-like) of the Soest demo area, EPSG:25832, heights in m (DHHN2016).

Sample data, not the official DGM1 of Geobasis NRW. Soest lies in the Hellweg plain at about
90–100 m, rising gently towards the Haarstrang in the south; the model adds smooth small
undulations and the shallow valley of the Soestbach through the old town.

``ground_height(x, y)`` is a pure, vectorised function: buildings, footways and the GeoTIFF all
use it, so nothing floats or sinks. The GeoTIFF holds exactly ``ground_height`` rounded to cm at
pixel centres.
"""

import math
import os

import numpy as np

from .streets import AREA

NODATA = -9999.0
FILENAME = "dgm1_soest.tif"
RESOLUTION = 1.0
_BLOCK = 256

_NORTH_HEIGHT = 90.5  # at y = AREA ymax
_SOUTH_RISE = 8.5  # metres over the 4 km of the area towards the south


def ground_height(x, y):
    """Terrain height (m above sea level, DHHN2016) at EPSG:25832 coordinates; scalars or arrays.

    Deterministic, smooth, within roughly 88.4–101.2 m over the demo area, rising to the south.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    xmin, ymin, xmax, ymax = AREA
    h = _NORTH_HEIGHT + _SOUTH_RISE * (ymax - y) / (ymax - ymin)
    tau = 2.0 * math.pi
    h = h + 0.8 * np.sin(tau * x / 1700.0 + 0.7) * np.cos(tau * y / 1300.0 + 1.1)
    h = h + 0.5 * np.sin(tau * (x + y) / 900.0)
    h = h + 0.25 * np.cos(tau * (x - 2.0 * y) / 600.0 + 0.3)
    # The Soestbach: a shallow valley running north through the old town.
    brook_x = 438000.0 + 150.0 * np.sin(y / 500.0)
    h = h - 0.6 * np.exp(-(((x - brook_x) / 120.0) ** 2))
    return h


def generate(out_dir, seed=0, bounds=None, resolution=RESOLUTION, filename=FILENAME):
    """Write the DGM1 GeoTIFF (float32, EPSG:25832, nodata -9999, tiled, DEFLATE) and return its path.

    ``bounds`` (xmin, ymin, xmax, ymax) defaults to the whole demo AREA; tests pass a small
    extent. ``seed`` is accepted for a uniform generator API; the terrain is a pure function of
    position so that every other layer can rely on ``ground_height``.
    """
    import rasterio
    from rasterio.crs import CRS
    from rasterio.transform import from_origin

    from soest_qgis_plugin.common.atomic import atomic_path

    del seed
    xmin, ymin, xmax, ymax = AREA if bounds is None else bounds
    width = int(round((xmax - xmin) / resolution))
    height = int(round((ymax - ymin) / resolution))
    if width <= 0 or height <= 0:
        raise ValueError("empty terrain extent")
    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(os.fspath(out_dir), filename)
    profile = {
        "driver": "GTiff",
        "width": width,
        "height": height,
        "count": 1,
        "dtype": "float32",
        "crs": CRS.from_epsg(25832),
        "transform": from_origin(xmin, ymax, resolution, resolution),
        "nodata": NODATA,
        "compress": "deflate",
        "predictor": 3,
        "zlevel": 6,
        "tiled": True,
        "blockxsize": _BLOCK,
        "blockysize": _BLOCK,
    }
    xs = xmin + (np.arange(width, dtype=np.float64) + 0.5) * resolution
    with atomic_path(target) as tmp, rasterio.open(tmp, "w", **profile) as dst:
        dst.update_tags(
            AREA_OR_POINT="Area",
            SOURCE="Generated sample terrain for the Soest demo (not official DGM1 of Geobasis NRW)",
            VERTICAL_DATUM="DHHN2016",
        )
        for row0 in range(0, height, _BLOCK):
            rows = min(_BLOCK, height - row0)
            ys = ymax - (np.arange(row0, row0 + rows, dtype=np.float64) + 0.5) * resolution
            block = ground_height(xs[None, :], ys[:, None])
            block = np.round(block, 2).astype(np.float32)
            dst.write(block, 1, window=rasterio.windows.Window(0, row0, width, rows))
    return target
