"""Plain data of the city model, shared by readers, store and exporters (no Qt, no QGIS).

Coordinates are absolute (EPSG:25832 easting/northing, DHHN2016 height in metres) unless a
reader reports another CRS in ``Building.crs``.
"""

from dataclasses import dataclass, field

import numpy as np

# Semantic surface types (CityGML names; CityJSON uses the same words).
ROOF = "RoofSurface"
WALL = "WallSurface"
GROUND = "GroundSurface"
CLOSURE = "ClosureSurface"
OUTER_CEILING = "OuterCeilingSurface"
OUTER_FLOOR = "OuterFloorSurface"
UNKNOWN = "Unknown"


@dataclass
class Surface:
    """One planar polygon: ``rings[0]`` is the exterior ring, the rest are holes.

    Each ring is an (N, 3) float64 array, not repeating the first vertex at the end.
    """

    rings: list
    semantic: str = UNKNOWN
    gml_id: str = ""

    @property
    def exterior(self):
        return self.rings[0]


@dataclass
class Building:
    """A building with its parts folded in (``part_ids`` names the BuildingParts)."""

    gml_id: str
    surfaces: list = field(default_factory=list)
    attributes: dict = field(default_factory=dict)
    part_ids: list = field(default_factory=list)
    lod: int = 2
    crs: str = "EPSG:25832"
    source_file: str = ""
    # The original XML (CityGML) or JSON (CityJSON) text of this object, kept unchanged for export.
    original: str = ""

    def vertices(self):
        """All vertices of all surfaces as one (N, 3) array (empty (0, 3) when no geometry)."""
        rings = [ring for surface in self.surfaces for ring in surface.rings]
        return np.vstack(rings) if rings else np.zeros((0, 3))


def part_of(surface):
    """The BuildingPart gml:id a surface belongs to ('' for the main building).

    Readers set ``surface.part_id`` as a plain instance attribute (not a dataclass field, so the
    shared fields stay as they are).
    """
    return getattr(surface, "part_id", "") or ""


def set_part(surface, part_id):
    surface.part_id = part_id or ""
    return surface
