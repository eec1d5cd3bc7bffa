"""Reference systems named in CityGML ``srsName`` and CityJSON ``referenceSystem`` (pure Python).

``parse_srs(text)`` returns a :class:`SrsInfo` with the horizontal EPSG code (``None`` when the
name is not understood) and the vertical datum if the name tells it.
"""

import functools
import math
import re
import threading
from dataclasses import dataclass

STORE_EPSG = 25832

# AdV CRS names (urn:adv:crs:…): horizontal part -> EPSG code.
_ADV_HORIZONTAL = {
    "ETRS89_UTM32": 25832,
    "ETRS89_UTM33": 25833,
    "ETRS89_UTM31": 25831,
    "ETRS89_3GK3": 5677,
    "DE_DHDN_3GK2": 31466,
    "DE_DHDN_3GK3": 31467,
    "DE_DHDN_3GK4": 31468,
    "ETRS89": 4258,
}
# AdV / EPSG vertical datums.
_ADV_VERTICAL = {"DE_DHHN2016_NH": "DHHN2016", "DE_DHHN92_NH": "DHHN92", "DE_DHHN12_NOH": "DHHN12"}
_EPSG_VERTICAL = {7837: "DHHN2016", 5783: "DHHN92", 5784: "DHHN85", 5785: "SNN76"}
# Compound EPSG codes -> horizontal code (others are resolved with pyproj when needed).
_EPSG_COMPOUND = {
    5555: (25832, "DHHN92"),
    5556: (25833, "DHHN92"),
    7415: (28992, "NAP"),
    9932: (25832, "DHHN2016"),
    9933: (25833, "DHHN2016"),
}


@dataclass(frozen=True)
class SrsInfo:
    epsg: int = None  # horizontal EPSG code, None when unknown
    vertical: str = ""  # e.g. "DHHN2016"
    name: str = ""  # the text as found in the file

    @property
    def known(self):
        return self.epsg is not None

    @property
    def authid(self):
        return f"EPSG:{self.epsg}" if self.epsg else ""


def _epsg_numbers(text):
    """All EPSG codes named in ``text`` in order (URNs, URLs, 'EPSG:x', compound forms)."""
    codes = []
    for match in re.finditer(r"EPSG(?:/0/|/[\d.]+/|:[\d.]*:|::|:|\.xml#)(\d+)", text, flags=re.IGNORECASE):
        codes.append(int(match.group(1)))
    return codes


@functools.lru_cache(maxsize=256)
def parse_srs(text):
    """Understand a CRS name; unknown or empty names give ``SrsInfo(epsg=None)``."""
    name = (text or "").strip()
    if not name:
        return SrsInfo(None, "", "")
    lower = name.lower()
    if lower.startswith("urn:adv:crs:"):
        parts = name[len("urn:adv:crs:") :].split("*")
        horizontal = _ADV_HORIZONTAL.get(parts[0])
        vertical = ""
        for part in parts[1:]:
            vertical = vertical or _ADV_VERTICAL.get(part, "")
        return SrsInfo(horizontal, vertical, name)
    codes = _epsg_numbers(name)
    if not codes and re.fullmatch(r"\d{4,5}", name):
        codes = [int(name)]
    if not codes:
        return SrsInfo(None, "", name)
    first = codes[0]
    vertical = ""
    for code in codes[1:]:
        vertical = vertical or _EPSG_VERTICAL.get(code, f"EPSG:{code}")
    if first in _EPSG_COMPOUND:
        horizontal, compound_vertical = _EPSG_COMPOUND[first]
        return SrsInfo(horizontal, vertical or compound_vertical, name)
    if first in _EPSG_VERTICAL:  # a lone vertical CRS: horizontal unknown
        return SrsInfo(None, _EPSG_VERTICAL[first], name)
    return SrsInfo(first, vertical, name)


def horizontal_epsg(epsg):
    """Horizontal EPSG code of ``epsg`` (resolves compound CRSs with pyproj when it can)."""
    if epsg in _EPSG_COMPOUND:
        return _EPSG_COMPOUND[epsg][0]
    try:
        from pyproj import CRS

        crs = CRS.from_epsg(epsg)
        if crs.is_compound:
            for sub in crs.sub_crs_list:
                if not sub.is_vertical and sub.to_epsg():
                    return sub.to_epsg()
        return epsg
    except Exception:  # noqa: BLE001 - pyproj missing or code unknown: keep as is
        return epsg


@functools.lru_cache(maxsize=64)
def lat_first(epsg):
    """True when ``epsg`` is a geographic CRS whose first axis is the latitude (EPSG:4258, 6668 …).

    GML writes coordinates in the CRS's axis order, so such files hold "lat lon h" triples.
    """
    try:
        from pyproj import CRS

        crs = CRS.from_epsg(epsg)
        axes = crs.axis_info
        return bool(crs.is_geographic and axes and axes[0].direction.lower() in ("north", "south"))
    except Exception:  # noqa: BLE001 - pyproj missing or code unknown: take the order as x/y
        return False


@functools.lru_cache(maxsize=64)
def area_of_use(epsg):
    """(west, south, east, north) in degrees where ``epsg`` is meant to be used, None when unknown."""
    try:
        from pyproj import CRS

        area = CRS.from_epsg(epsg).area_of_use
        return tuple(area.bounds) if area is not None else None
    except Exception:  # noqa: BLE001 - pyproj missing or code unknown
        return None


# Degrees the data may lie beyond a CRS's area of use (source) and beyond the store's zone (target:
# Transverse Mercator stays usable a few degrees beyond its zone, e.g. Berlin in UTM32).
SOURCE_AREA_MARGIN = 1.0
TARGET_AREA_MARGIN = (6.0, 2.0)


_local = threading.local()  # pyproj transformers are not to be shared between threads


def _transformer(source, target):
    """pyproj's always_xy transformer between two EPSG codes, made once per thread: making one
    costs about 25 ms (PROJ's database), far more than a tile's worth of transforming."""
    cache = getattr(_local, "transformers", None)
    if cache is None:
        cache = _local.transformers = {}
    transformer = cache.get((source, target))
    if transformer is None:
        from pyproj import Transformer

        transformer = cache[source, target] = Transformer.from_crs(f"EPSG:{source}", f"EPSG:{target}", always_xy=True)
    return transformer


class Reprojector:
    """Moves x/y of (N, 3) arrays from one EPSG code to the store's EPSG:25832 (z unchanged).

    Geographic source CRSs with latitude first (as GML writes them) are swapped to lon/lat first.
    A Reprojector belongs to the thread that made it (its transformers are that thread's).
    """

    def __init__(self, source_epsg, target_epsg=STORE_EPSG):
        self.source = horizontal_epsg(source_epsg)
        self.target = target_epsg
        self.identity = self.source == self.target
        self.swap = False
        self._transformer = None
        self._geographic = None
        if not self.identity:
            self.swap = lat_first(self.source)
            self._transformer = _transformer(self.source, self.target)

    def __call__(self, xyz):
        if self.identity or len(xyz) == 0:
            return xyz
        if self.swap:
            x, y = self._transformer.transform(xyz[:, 1], xyz[:, 0])
        else:
            x, y = self._transformer.transform(xyz[:, 0], xyz[:, 1])
        out = xyz.copy()
        out[:, 0] = x
        out[:, 1] = y
        return out

    def lon_lat(self, point):
        """(lon, lat) in degrees of one source point (x, y[, z]) in the file's axis order."""
        if self._geographic is None:
            self._geographic = _transformer(self.source, 4326)
        x, y = (point[1], point[0]) if self.swap else (point[0], point[1])
        lon, lat = self._geographic.transform(float(x), float(y))
        return float(lon), float(lat)

    def area_problem(self, point):
        """'' when ``point`` (source CRS) lies where source and store CRS can hold it, else
        'source' (outside the source CRS's area: the file names the wrong CRS) or 'target'
        (outside the store's zone, e.g. a Japanese city in a UTM 32 store)."""
        if self.identity:
            return ""
        try:
            lon, lat = self.lon_lat(point)
        except Exception:  # noqa: BLE001 - pyproj cannot do it at all
            return "source"
        if not (math.isfinite(lon) and math.isfinite(lat)):
            return "source"
        bounds = area_of_use(self.source)
        if bounds is not None:
            west, south, east, north = bounds
            margin = SOURCE_AREA_MARGIN
            if not (west - margin <= lon <= east + margin and south - margin <= lat <= north + margin):
                return "source"
        bounds = area_of_use(self.target)
        if bounds is not None:
            west, south, east, north = bounds
            margin_lon, margin_lat = TARGET_AREA_MARGIN
            if not (west - margin_lon <= lon <= east + margin_lon and south - margin_lat <= lat <= north + margin_lat):
                return "target"
        return ""
