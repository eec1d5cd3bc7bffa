"""CityJSON 2.0: Building (+ BuildingPart children) with LoD MultiSurface geometry and semantics.

Vertices are integers with ``transform`` (scale 1 mm, translate = the selection's lower-left
corner), so the file always holds the real coordinates: the local origin option is built in.
In a geographic target CRS (degrees, e.g. EPSG:4326) x/y use a scale of 1e-8° (about 1 mm), not
0.001° (about 100 m, which collapsed most rings). Only vertices a written ring uses enter the
vertex list (cjval: no unused vertices). The target CRS is written as ``metadata.referenceSystem``
(OGC URL). The ``metadata`` option's title and identifier are written as text and its
referenceDate as ``YYYY-MM-DD`` (the official 2.0 schema's types; it rejected a number title or
a datetime); a value that is empty or no date is left out, a referenceDate that is given but no
date with an export warning naming it.

CityObject ids are unique (``CityObjects`` is keyed by id): a BuildingPart whose id a Building or
an earlier part already has is written as ``<id>-part`` (``<id>-part-2`` …), a repeated Building
id as ``<id>-2``, the TINRelief as ``terrain-2`` if a building is called ``terrain``. A renamed
object keeps its original id in ``attributes.gml_id``; each renaming is an export warning and the
summary's ``renamed`` maps new id → original id.
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
MAX_RENAME_WARNINGS = 20  # one warning per renamed id up to this many, then a count
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


def _empty(value):
    """No value given: None, NaN, blank text or a null/invalid QDate/QDateTime."""
    if hasattr(value, "isValid") and not value.isValid():
        return True
    value = json_safe(value)
    return value is None or (isinstance(value, str) and not value.strip())


def _extra_metadata(options_metadata, warn=None):
    """The CityJSON ``metadata`` members taken from the export option, schema-valid. A
    referenceDate that is given but no date is left out with a warning through ``warn``."""
    out = {}
    for key, value in (options_metadata or {}).items():
        if key in ("title", "identifier"):
            value = _metadata_text(value)
        elif key == "referenceDate":
            date = _reference_date(value)
            if date is None and warn is not None and not _empty(value):
                warn(
                    tr(
                        'CityJSON: the reference date "{value}" is not a date (e.g. 2024-05-01 or 01.05.2024); '
                        "it is left out of the metadata."
                    ).format(value=value)
                )
            value = date
        else:
            continue
        if value is not None:
            out[key] = value
    return out


def _free_id(base, taken):
    """``base`` or ``base-2``, ``base-3`` …: the first not in ``taken``."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def unique_ids(records):
    """Unique CityObject ids for ``records`` ([(building id, [part id, …])], export order).

    CityJSON keys its CityObjects by id, so two objects with one id would overwrite each other.
    Buildings keep their ids first (a second Building with the same id, which a store never
    holds, becomes ``<id>-2``); then each part keeps its id unless a Building or an earlier part
    has it, and else becomes ``<id>-part`` (``<id>-part-2`` …). An id a building or part brings
    itself is never taken by a generated one. Returns ``(keys, renamed)``: ``keys`` as
    [(building key, [part key, …])] and ``renamed`` as [(kind, original, new, building id)] with
    kind "Building" or "BuildingPart".
    """
    taken = set()
    keys = []
    for gml_id, parts in records:
        key = None if gml_id in taken else gml_id
        taken.add(gml_id)
        keys.append([key, [None] * len(parts)])
    for (_, parts), entry in zip(records, keys):
        for k, part in enumerate(parts):
            if part not in taken:
                taken.add(part)
                entry[1][k] = part
    renamed = []
    for (gml_id, parts), entry in zip(records, keys):
        if entry[0] is None:
            entry[0] = _free_id(gml_id, taken)
            taken.add(entry[0])
            renamed.append(("Building", gml_id, entry[0], gml_id))
        for k, part in enumerate(parts):
            if entry[1][k] is None:
                entry[1][k] = _free_id(f"{part}-part", taken)
                taken.add(entry[1][k])
                renamed.append(("BuildingPart", part, entry[1][k], gml_id))
    return [(key, part_keys) for key, part_keys in keys], renamed


def _city_objects(job, records):
    """The ``CityObjects`` of ``records`` ([(gml_id, Building object, [(part id, part geometry)])])
    under unique ids, parents and children linked; a renamed object keeps its original id as
    ``attributes.gml_id`` and the caller gets a warning. Returns (city objects, {new id: original
    id})."""
    keys, renamed = unique_ids([(gml_id, [part for part, _ in parts]) for gml_id, _, parts in records])
    city_objects = {}
    for (gml_id, obj, parts), (key, part_keys) in zip(records, keys):
        if key != gml_id:
            obj["attributes"] = {**obj.get("attributes", {}), "gml_id": gml_id}
        for (part, geometry), part_key in zip(parts, part_keys):
            part_obj = {"type": "BuildingPart", "parents": [key]}
            if part_key != part:
                part_obj["attributes"] = {"gml_id": part}
            part_obj["geometry"] = geometry
            city_objects[part_key] = part_obj
        if part_keys:
            obj["children"] = list(part_keys)
        city_objects[key] = obj
    for kind, original, new, building in renamed[:MAX_RENAME_WARNINGS]:
        if kind == "Building":
            text = tr(
                "CityJSON: building {gml_id} occurs more than once; the copy is written as {new_id} "
                "(attribute gml_id keeps the original id)."
            ).format(gml_id=original, new_id=new)
        else:
            text = tr(
                "CityJSON: the id of BuildingPart {part_id} (building {gml_id}) is already used; the part is "
                "written as {new_id} (attribute gml_id keeps the original id)."
            ).format(part_id=original, gml_id=building, new_id=new)
        job.warn(text)
    if len(renamed) > MAX_RENAME_WARNINGS:
        job.warn(
            tr("CityJSON: {count} more objects were written under a new id (see their attribute gml_id).").format(
                count=len(renamed) - MAX_RENAME_WARNINGS
            )
        )
    return city_objects, {new: original for _, original, new, _ in renamed}


def export(job, out_path):
    transform = job.transform
    bounds = job.target_bounds
    translate = [0.0, 0.0, 0.0] if bounds is None else [float(np.floor(bounds[i])) for i in range(3)]
    scale = scale_for(transform.target_crs)
    pool = _Vertices(translate, scale)
    # Real coordinates always: the transform's own origin shift is not applied to CityJSON.
    to_target = transform.to_target
    records = []  # (gml_id, Building object, [(part id, part geometry)]) in export order
    total = job.count
    for i, building in enumerate(job.iter_buildings()):
        job.progress(i, total, 0.0, 90.0)
        lod = building.lod if building.lod in (1, 2, 3) else 2  # unknown (0/None) → the LoD2 we read
        by_part = {}
        for surface in building.surfaces:
            by_part.setdefault(getattr(surface, "part_id", "") or "", []).append(surface)
        parent_geometry = _geometry(by_part.pop("", []), to_target, pool, lod)
        # A part named like its own building is a part all the same: it gets an id of its own below.
        part_ids = list(dict.fromkeys([p for p in building.part_ids if p] + list(by_part)))
        obj = {"type": "Building"}
        attributes = json_safe(building.attributes or {})
        attributes = {k: v for k, v in attributes.items() if v is not None}
        if attributes:
            obj["attributes"] = attributes
        obj["geometry"] = [parent_geometry] if parent_geometry else []
        parts = []
        for part in part_ids:
            geom = _geometry(by_part.get(part, []), to_target, pool, lod)
            parts.append((part, [geom] if geom else []))
        if not obj["geometry"] and not any(geometry for _, geometry in parts):
            job.warn(tr("Building {gml_id} has no geometry.").format(gml_id=building.gml_id))
        records.append((building.gml_id, obj, parts))
    city_objects, renamed = _city_objects(job, records)
    terrain = job.terrain(transformed=False)
    if terrain is not None:
        tv = to_target(terrain.vertices)
        boundaries = []
        for f in terrain.faces.tolist():
            idx = pool.add_ring(tv[f])
            if idx is not None:
                boundaries.append([idx])
        if boundaries:
            city_objects[_free_id("terrain", city_objects)] = {
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
    metadata.update(_extra_metadata(job.options.metadata, job.warn))
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
    return {"buildings": len(records), "vertices": len(vertices), "files": [out_path], "renamed": renamed}
