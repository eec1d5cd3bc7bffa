"""Where the analysis CRS (EPSG:25832, UTM zone 32N) still gives usable metres.

Everything in the shuttle analysis is computed in EPSG:25832. Transverse Mercator stretches
distances with the distance from the central meridian (9° E): at 0° and 18° E the scale error is
below 1 % from 35° N northwards (Berlin, UTM zone 33, is off by 0.1 %). Farther away the
projected coordinates are nonsense (a feed from the USA or Australia lands at x = -5,700 km or
y = -17,500 km), so data outside this box is refused or dropped with a message.
"""

import threading

import numpy as np

LON_MIN, LON_MAX = 0.0, 18.0
LAT_MIN, LAT_MAX = 35.0, 85.0
TARGET_EPSG = 25832
# A town-sized extent whose corners lie this far inside the area lies inside as a whole: its
# boundaries are straight to within metres over such a distance (no need to project every vertex).
SMALL_EXTENT_M = 200_000.0
CORNER_MARGIN_DEG = 0.1

_local = threading.local()  # pyproj transformers are not to be shared between threads


def inside(lons, lats, margin=0.0):
    """Boolean array: points (WGS84 degrees) inside the area where EPSG:25832 is usable (shrunk by
    ``margin`` degrees on every side)."""
    lons = np.asarray(lons, dtype=float)
    lats = np.asarray(lats, dtype=float)
    with np.errstate(invalid="ignore"):
        return (
            np.isfinite(lons)
            & np.isfinite(lats)
            & (lons >= LON_MIN + margin)
            & (lons <= LON_MAX - margin)
            & (lats >= LAT_MIN + margin)
            & (lats <= LAT_MAX - margin)
        )


def to_lonlat(x, y):
    """WGS84 longitudes and latitudes of EPSG:25832 coordinates (non-finite input stays NaN)."""
    transformer = getattr(_local, "to_wgs84", None)
    if transformer is None:
        from pyproj import Transformer

        transformer = _local.to_wgs84 = Transformer.from_crs(TARGET_EPSG, "EPSG:4326", always_xy=True)
    with np.errstate(invalid="ignore", over="ignore"):
        lons, lats = transformer.transform(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    return np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)


def inside_xy(xy):
    """Boolean array: EPSG:25832 points (n, 2) inside the usable area."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    if not len(xy):
        return np.zeros(0, dtype=bool)
    if np.isfinite(xy).all():
        low, high = xy.min(axis=0), xy.max(axis=0)
        if (high - low).max() < SMALL_EXTENT_M:
            corners = np.array([[low[0], low[1]], [low[0], high[1]], [high[0], low[1]], [high[0], high[1]]])
            if inside(*to_lonlat(corners[:, 0], corners[:, 1]), margin=CORNER_MARGIN_DEG).all():
                return np.ones(len(xy), dtype=bool)
    return inside(*to_lonlat(xy[:, 0], xy[:, 1]))


def where(lons, lats):
    """(latitude, longitude) text of the median of points, e.g. ('-16.92', '145.72')."""
    lons = np.asarray(lons, dtype=float)
    lats = np.asarray(lats, dtype=float)
    ok = np.isfinite(lons) & np.isfinite(lats)
    if not ok.any():
        return "?", "?"
    return "{:.2f}".format(float(np.median(lats[ok]))), "{:.2f}".format(float(np.median(lons[ok])))
