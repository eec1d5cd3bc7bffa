"""Longitudinal slope of a route from a terrain model (DGM1 GeoTIFF, or any DEM rasterio reads).

Samples the route every ``spacing`` metres (at least 5 pixel lengths, so that pixel noise does
not fake gradients), reading only small windows around each run of samples. A route in another
CRS than the DEM is transformed for sampling only; distances stay metric (EPSG:25832). No-data
cells become gaps (NaN), never slopes.
"""

import math
import os
import zipfile
from dataclasses import dataclass, field

import numpy as np

from ..common.errors import DependencyError, InputError
from ..common.feedback import raise_if_canceled
from ..common.i18n import tr

MIN_PIXELS = 5
CHUNK = 64
DEFAULT_MAX_GRADIENT = 15.0  # EasyMile EZ10


@dataclass
class Profile:
    distance: np.ndarray  # metres along the route
    height: np.ndarray  # metres, NaN = no data
    slope: np.ndarray  # percent per interval (len - 1), NaN = gap
    xy: np.ndarray  # sample points (EPSG:25832)
    spacing: float
    max_gradient: float
    segments: list = field(default_factory=list)

    @property
    def steep_length(self):
        return float(sum(s["end"] - s["start"] for s in self.segments if s["kind"] == "steep"))

    @property
    def gap_length(self):
        return float(sum(s["end"] - s["start"] for s in self.segments if s["kind"] == "gap"))

    @property
    def max_slope(self):
        valid = self.slope[np.isfinite(self.slope)]
        return float(np.abs(valid).max()) if len(valid) else None


def dem_path(path):
    """A path rasterio/GDAL can open; a zip with one raster becomes a /vsizip/ path."""
    path = os.fspath(path)
    if path.startswith("/vsizip/") and zipfile.is_zipfile(path[len("/vsizip/") :]):
        # QGIS gives a raster layer opened from "x.hgt.zip" the source "/vsizip/x.hgt.zip" (no member)
        path = path[len("/vsizip/") :]
    if path.startswith("/vsi") or not os.path.exists(path):
        if not path.startswith("/vsi"):
            raise InputError(tr("File not found: {path}").format(path=path))
        return path
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith((".tif", ".tiff", ".hgt", ".asc", ".dem"))]
        if not names:
            raise InputError(tr("The zip file {path} contains no elevation raster.").format(path=path))
        return "/vsizip/" + path + "/" + names[0]
    return path


class Dem:
    """An open DEM with a transformer from EPSG:25832 to its CRS and its pixel size in metres."""

    def __init__(self, path):
        try:
            import rasterio
        except ImportError as error:
            raise DependencyError(tr("rasterio is needed for the slope analysis: pip install rasterio")) from error
        self.path = dem_path(path)
        try:
            self.ds = rasterio.open(self.path)
        except Exception as error:  # noqa: BLE001 - rasterio raises many types
            raise InputError(
                tr("Cannot open the terrain model {path}: {error}").format(path=path, error=error)
            ) from error
        from pyproj import CRS, Transformer

        crs = CRS.from_user_input(self.ds.crs.to_wkt()) if self.ds.crs else CRS.from_epsg(25832)
        self.crs = crs
        self.transformer = (
            None if crs.equals(CRS.from_epsg(25832)) else Transformer.from_crs(25832, crs, always_xy=True)
        )
        self.nodata = self.ds.nodata
        res_x, res_y = abs(self.ds.transform.a), abs(self.ds.transform.e)
        if crs.is_geographic:
            lat = (self.ds.bounds.top + self.ds.bounds.bottom) / 2
            self.pixel_m = min(res_x * 111320 * math.cos(math.radians(lat)), res_y * 110574)
        else:
            self.pixel_m = min(res_x, res_y)

    def close(self):
        self.ds.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def sample(self, xy, feedback=None):
        """Bilinear heights at points (EPSG:25832); NaN outside the raster or next to no-data."""
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        if self.transformer is not None:
            px, py = self.transformer.transform(xy[:, 0], xy[:, 1])
        else:
            px, py = xy[:, 0], xy[:, 1]
        inv = ~self.ds.transform
        cols, rows = inv * (np.asarray(px), np.asarray(py))
        cols = np.asarray(cols) - 0.5  # pixel centres
        rows = np.asarray(rows) - 0.5
        out = np.full(len(xy), np.nan)
        from rasterio.windows import Window

        height, width = self.ds.height, self.ds.width
        for start in range(0, len(xy), CHUNK):
            raise_if_canceled(feedback)
            c, r = cols[start : start + CHUNK], rows[start : start + CHUNK]
            ok = np.isfinite(c) & np.isfinite(r)
            if not ok.any():
                continue
            c0 = int(max(0, math.floor(c[ok].min())))
            r0 = int(max(0, math.floor(r[ok].min())))
            c1 = int(min(width, math.floor(c[ok].max()) + 2))
            r1 = int(min(height, math.floor(r[ok].max()) + 2))
            if c1 <= c0 or r1 <= r0:
                continue
            data = self.ds.read(1, window=Window(c0, r0, c1 - c0, r1 - r0), out_dtype="float64")
            if self.nodata is not None:
                data[data == self.nodata] = np.nan
            data[data < -1000] = np.nan
            out[start : start + CHUNK] = _bilinear(data, c - c0, r - r0)
        return out


def _bilinear(data, c, r):
    h, w = data.shape
    result = np.full(len(c), np.nan)
    inside = (c >= -0.5) & (r >= -0.5) & (c <= w - 0.5) & (r <= h - 0.5)
    c = np.clip(c, 0, max(w - 1, 0))
    r = np.clip(r, 0, max(h - 1, 0))
    c0 = np.clip(np.floor(c).astype(int), 0, max(w - 2, 0))
    r0 = np.clip(np.floor(r).astype(int), 0, max(h - 2, 0))
    c1 = np.minimum(c0 + 1, w - 1)
    r1 = np.minimum(r0 + 1, h - 1)
    fc, fr = c - c0, r - r0
    v = (
        data[r0, c0] * (1 - fc) * (1 - fr)
        + data[r0, c1] * fc * (1 - fr)
        + data[r1, c0] * (1 - fc) * fr
        + data[r1, c1] * fc * fr
    )
    result[inside] = v[inside]
    return result


def sample_line(coords, spacing):
    """Points every ``spacing`` metres along ``coords`` and their distances."""
    coords = np.asarray(coords, dtype=float)[:, :2]
    seg = np.hypot(*np.diff(coords, axis=0).T)
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    total = cum[-1]
    n = max(2, int(math.floor(total / spacing)) + 1)
    d = np.arange(n) * spacing
    if total - d[-1] > 1e-6:
        d = np.append(d, total)
    xy = np.column_stack([np.interp(d, cum, coords[:, 0]), np.interp(d, cum, coords[:, 1])])
    return d, xy


def route_profile(coords, dem, max_gradient=DEFAULT_MAX_GRADIENT, spacing=None, feedback=None):
    """Elevation/slope profile of a route (coords in EPSG:25832). ``dem`` is a path or an open ``Dem``."""
    own = not isinstance(dem, Dem)
    dem = Dem(dem) if own else dem
    try:
        step = max(float(spacing or 0), MIN_PIXELS * dem.pixel_m)
        distance, xy = sample_line(coords, step)
        height = dem.sample(xy, feedback)
    finally:
        if own:
            dem.close()
    dd = np.diff(distance)
    slope = np.where(dd > 0, np.diff(height) / np.where(dd > 0, dd, 1) * 100.0, np.nan)
    profile = Profile(distance, height, slope, xy, step, float(max_gradient))
    profile.segments = _segments(profile)
    return profile


def _segments(profile):
    """Runs of intervals classed 'gap' (no data), 'steep' (|slope| > max) or 'ok'."""
    slope = profile.slope
    kinds = np.where(
        ~np.isfinite(slope), "gap", np.where(np.abs(np.nan_to_num(slope)) > profile.max_gradient, "steep", "ok")
    )
    segments = []
    start = 0
    for i in range(1, len(kinds) + 1):
        if i == len(kinds) or kinds[i] != kinds[start]:
            part = slope[start:i]
            finite = part[np.isfinite(part)]
            segments.append(
                {
                    "kind": str(kinds[start]),
                    "start": float(profile.distance[start]),
                    "end": float(profile.distance[i]),
                    "max_slope": float(np.abs(finite).max()) if len(finite) else None,
                    "mean_slope": float(finite.mean()) if len(finite) else None,
                    "coords": profile.xy[start : i + 1],
                }
            )
            start = i
    return segments
