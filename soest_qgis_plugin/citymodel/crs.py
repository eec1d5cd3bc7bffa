"""Reference systems named in CityGML ``srsName`` and CityJSON ``referenceSystem`` (pure Python).

``parse_srs(text)`` returns a :class:`SrsInfo` with the horizontal EPSG code (``None`` when the
name is not understood) and the vertical datum if the name tells it.
"""

import functools
import re
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


class Reprojector:
    """Moves x/y of (N, 3) arrays from one EPSG code to the store's EPSG:25832 (z unchanged)."""

    _cache = {}

    def __init__(self, source_epsg, target_epsg=STORE_EPSG):
        self.source = horizontal_epsg(source_epsg)
        self.target = target_epsg
        self.identity = self.source == self.target
        self._transformer = None
        if not self.identity:
            key = (self.source, self.target)
            if key not in self._cache:
                from pyproj import Transformer

                self._cache[key] = Transformer.from_crs(f"EPSG:{self.source}", f"EPSG:{self.target}", always_xy=True)
            self._transformer = self._cache[key]

    def __call__(self, xyz):
        if self.identity or len(xyz) == 0:
            return xyz
        x, y = self._transformer.transform(xyz[:, 0], xyz[:, 1])
        out = xyz.copy()
        out[:, 0] = x
        out[:, 1] = y
        return out
