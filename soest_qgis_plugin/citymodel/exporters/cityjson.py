"""CityJSON 2.0: Building (+ BuildingPart children) with LoD MultiSurface geometry and semantics.

Vertices are integers with ``transform`` (scale 1 mm, translate = the selection's lower-left
corner), so the file always holds the real coordinates: the local origin option is built in.
In a geographic target CRS (degrees, e.g. EPSG:4326) x/y use a scale of 1e-8° (about 1 mm), not
0.001° (about 100 m, which collapsed most rings). Only vertices a written ring uses enter the
vertex list (cjval: no unused vertices). The target CRS is written as ``metadata.referenceSystem``
(OGC URL). The ``metadata`` option's title and identifier are written as text and its
referenceDate as ``YYYY-MM-DD`` (the official 2.0 schema's types; it rejected a number title or
a datetime); a value that is empty or no date is left out.
"""

import datetime
import json
import math
import re

import numpy as np

from ...common.i18n import tr
from .. import mesh as meshlib
from ..export import atomic_outputs
from .jsonsafe import json_safe

SCALE = 0.001  # metres (projected CRS) and heights
GEOGRAPHIC_SCALE = 1e-8  # degrees: about 1.1 mm on the ground
# Semantic surface types CityJSON 2.0 allows on a Building/BuildingPart.
BUILDING_SEMANTICS = {
    "RoofSurface",
    "GroundSurface",
    "WallSurface",
    "ClosureSurface",
    "OuterCeilingSurface",
    "OuterFloorSurface",
    "Window",
    "Door",
    "InteriorWallSurface",
    "CeilingSurface",
    "FloorSurface",
}


def reference_system(crs):
    code = meshlib.epsg_code(crs)
    if code is None:
        return None
    return f"https://www.opengis.net/def/crs/EPSG/0/{code}"


def scale_for(crs):
    """``transform.scale`` for ``crs``: 1 mm, or 1e-8° for x/y in a geographic CRS."""
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        geographic = CRS.from_user_input(meshlib.normalise_crs(crs)).is_geographic
    except CRSError:
        geographic = False
    if geographic:
        return [GEOGRAPHIC_SCALE, GEOGRAPHIC_SCALE, SCALE]
    return [SCALE, SCALE, SCALE]


def _decimals(scale):
    """Decimal places that hold a value on the integer grid of ``scale`` exactly."""
    return max(0, math.ceil(-math.log10(scale) - 1e-9))


class _Vertices:
    """Integer vertex pool (deduplicated). A ring that collapses on the integer grid (fewer
    than 3 distinct vertices) is dropped without adding its vertices, so none is left unused."""

    def __init__(self, translate, scale):
        self.translate = np.asarray(translate, dtype=float)
        self.scale = np.asarray(scale, dtype=float)
        self.index = {}
        self.rows = []

    def add_ring(self, ring):
        q = np.round((np.asarray(ring, dtype=float) - self.translate) / self.scale).astype(np.int64)
        keys = []
        for row in map(tuple, q.tolist()):
            if not keys or keys[-1] != row:
                keys.append(row)
        while len(keys) > 1 and keys[0] == keys[-1]:
            keys.pop()
        if len(set(keys)) < 3:
            return None
        out = []
        for row in keys:
            i = self.index.get(row)
            if i is None:
                i = len(self.rows)
                self.index[row] = i
                self.rows.append(row)
            out.append(i)
        return out


def _geometry(surfaces, transform, pool, lod):
    boundaries, values, sem_surfaces, sem_index = [], [], [], {}
    for surface in surfaces:
        rings = []
        for k, ring in enumerate(surface.rings):
            idx = pool.add_ring(transform(ring))
            if idx is None:
                if k == 0:
                    rings = None
                    break
                continue
            rings.append(idx)
        if not rings:
            continue
        boundaries.append(rings)
        if surface.semantic in BUILDING_SEMANTICS:
            if surface.semantic not in sem_index:
                sem_index[surface.semantic] = len(sem_surfaces)
                sem_surfaces.append({"type": surface.semantic})
            values.append(sem_index[surface.semantic])
        else:
            values.append(None)
    if not boundaries:
        return None
    geometry = {"type": "MultiSurface", "lod": str(lod), "boundaries": boundaries}
    if sem_surfaces:
        geometry["semantics"] = {"surfaces": sem_surfaces, "values": values}
    return geometry


def _metadata_text(value):
    """title/identifier: a string in the CityJSON 2.0 schema; None/NaN/empty → None (left out)."""
    value = json_safe(value)
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


_GERMAN_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")


def _reference_date(value):
    """referenceDate as the schema's ``date`` format (``YYYY-MM-DD``), or None when ``value`` is
    no date: a date, datetime, QDate/QDateTime, ISO text (date or date-time) or ``TT.MM.JJJJ``."""
    if hasattr(value, "toPyDateTime"):  # QDateTime
        value = value.toPyDateTime() if value.isValid() else None
    elif hasattr(value, "toPyDate"):  # QDate
        value = value.toPyDate() if value.isValid() else None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    german = _GERMAN_DATE.match(text)
    try:
        if german:
            day, month, year = map(int, german.groups())
            return datetime.date(year, month, day).isoformat()
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None


def _extra_metadata(options_metadata):
    """The CityJSON ``metadata`` members taken from the export option, schema-valid."""
    out = {}
    for key, value in (options_metadata or {}).items():
        if key in ("title", "identifier"):
            value = _metadata_text(value)
        elif key == "referenceDate":
            value = _reference_date(value)
        else:
            continue
        if value is not None:
            out[key] = value
    return out


def export(job, out_path):
    transform = job.transform
    bounds = job.target_bounds
    translate = [0.0, 0.0, 0.0] if bounds is None else [float(np.floor(bounds[i])) for i in range(3)]
    scale = scale_for(transform.target_crs)
    pool = _Vertices(translate, scale)
    # Real coordinates always: the transform's own origin shift is not applied to CityJSON.
    to_target = transform.to_target
    city_objects = {}
    total = job.count
    written = 0
    for i, building in enumerate(job.iter_buildings()):
        job.progress(i, total, 0.0, 90.0)
        lod = building.lod if building.lod in (1, 2, 3) else 2  # unknown (0/None) → the LoD2 we read
        by_part = {}
        for surface in building.surfaces:
            by_part.setdefault(getattr(surface, "part_id", "") or "", []).append(surface)
        parent_geometry = _geometry(by_part.pop("", []), to_target, pool, lod)
        part_ids = [p for p in building.part_ids if p and p != building.gml_id]
        for part in by_part:
            if part not in part_ids:
                part_ids.append(part)
        obj = {"type": "Building"}
        attributes = json_safe(building.attributes or {})
        attributes = {k: v for k, v in attributes.items() if v is not None}
        if attributes:
            obj["attributes"] = attributes
        obj["geometry"] = [parent_geometry] if parent_geometry else []
        children = []
        for part in part_ids:
            geom = _geometry(by_part.get(part, []), to_target, pool, lod)
            child_id = part if part not in city_objects else f"{building.gml_id}/{part}"
            city_objects[child_id] = {
                "type": "BuildingPart",
                "parents": [building.gml_id],
                "geometry": [geom] if geom else [],
            }
            children.append(child_id)
        if children:
            obj["children"] = children
        if not obj["geometry"] and not any(city_objects[c]["geometry"] for c in children):
            job.warn(tr("Building {gml_id} has no geometry.").format(gml_id=building.gml_id))
        city_objects[building.gml_id] = obj
        written += 1
    terrain = job.terrain(transformed=False)
    if terrain is not None:
        tv = to_target(terrain.vertices)
        boundaries = []
        for f in terrain.faces.tolist():
            idx = pool.add_ring(tv[f])
            if idx is not None:
                boundaries.append([idx])
        if boundaries:
            city_objects["terrain"] = {
                "type": "TINRelief",
                "geometry": [{"type": "CompositeSurface", "lod": "1", "boundaries": boundaries}],
            }
    vertices = np.array(pool.rows, dtype=np.int64).reshape(-1, 3)
    metadata = {}
    ref = reference_system(transform.target_crs)
    if ref:
        metadata["referenceSystem"] = ref
    if len(vertices):
        real = vertices * np.asarray(scale) + np.asarray(translate)
        digits = [_decimals(x) for x in scale] * 2
        corners = list(real.min(axis=0)) + list(real.max(axis=0))
        metadata["geographicalExtent"] = [float(round(x, d)) for x, d in zip(corners, digits)]
    metadata.update(_extra_metadata(job.options.metadata))
    document = {
        "type": "CityJSON",
        "version": "2.0",
        "transform": {"scale": scale, "translate": translate},
        "metadata": metadata,
        "CityObjects": city_objects,
        "vertices": vertices.tolist(),
    }
    with atomic_outputs(out_path) as (tmp,), open(tmp, "w", encoding="utf-8") as handle:
        json.dump(document, handle, separators=(",", ":"), ensure_ascii=False)
    job.progress(total, total, 0.0, 100.0)
    return {"buildings": written, "vertices": len(vertices), "files": [out_path]}
