"""CityJSON 1.0 / 1.1 / 2.0 and CityJSONSeq (``.city.jsonl``) reader.

CityJSONSeq is streamed line by line (memory: one feature). A plain CityJSON file is read with
``json`` once; its vertices become one numpy array and each object is released as soon as its
building was produced. Buildings (``Building`` and their ``BuildingPart`` children) of the
highest LoD are returned with semantic surfaces; ``Building.original`` is a CityJSONFeature
(integer vertices when the file has a ``transform``), ``ReadLog.files[path].header`` the
CityJSON header (version, transform, metadata) needed to decode it.
"""

import json

import numpy as np

from ...common.feedback import raise_if_canceled
from ...common.i18n import tr
from ..crs import parse_srs
from ..model import UNKNOWN, Building, Surface, set_part
from .base import clean_ring

BUILDING_TYPES = {"Building"}
PART_TYPES = {"BuildingPart"}
ATTRIBUTE_NAMES = {
    "function": "function",
    "usage": "usage",
    "roofType": "roofType",
    "measuredHeight": "measuredHeight",
    "storeysAboveGround": "storeysAboveGround",
    "storeysBelowGround": "storeysBelowGround",
    "yearOfConstruction": "yearOfConstruction",
}
ADDRESS_FIELDS = {
    "ThoroughfareName": "street",
    "ThoroughfareNumber": "house_number",
    "PostalCode": "postal_code",
    "PostalCodeNumber": "postal_code",
    "LocalityName": "locality",
    "CountryName": "country",
}


def sniff(head):
    return head.lstrip()[:1] == b"{"


def _lod_value(geometry):
    try:
        return float(geometry.get("lod", 0))
    except (TypeError, ValueError, OverflowError):
        return 0.0


def _surfaces_of(geometry):
    """Yield (surface_boundary, semantic_value_index) of any CityJSON geometry type."""
    kind = geometry.get("type")
    boundaries = geometry.get("boundaries") or []
    values = (geometry.get("semantics") or {}).get("values")
    if kind in ("MultiSurface", "CompositeSurface"):
        for i, surface in enumerate(boundaries):
            yield surface, (values[i] if values and i < len(values) else None)
    elif kind == "Solid":
        for s, shell in enumerate(boundaries):
            shell_values = values[s] if values and s < len(values) else None
            for i, surface in enumerate(shell):
                yield surface, (shell_values[i] if shell_values and i < len(shell_values) else None)
    elif kind in ("MultiSolid", "CompositeSolid"):
        for d, solid in enumerate(boundaries):
            solid_values = values[d] if values and d < len(values) else None
            for s, shell in enumerate(solid):
                shell_values = solid_values[s] if solid_values and s < len(solid_values) else None
                for i, surface in enumerate(shell):
                    yield surface, (shell_values[i] if shell_values and i < len(shell_values) else None)


def _best_geometry(obj):
    geometries = [g for g in obj.get("geometry") or [] if g.get("type") != "GeometryInstance"]
    if not geometries:
        return None
    return max(geometries, key=_lod_value)


def _address(source, attributes):
    if isinstance(source, list):
        source = source[0] if source else {}
    if not isinstance(source, dict):
        return
    for key, field_name in ADDRESS_FIELDS.items():
        if source.get(key) not in (None, "") and field_name not in attributes:
            attributes[field_name] = str(source[key])


def _remap(value, mapping):
    if isinstance(value, list):
        return [_remap(item, mapping) for item in value]
    return mapping.setdefault(value, len(mapping))


class _Builder:
    def __init__(self, path, log, vertices, raw_vertices, header_transform, srs):
        self.path = path
        self.log = log
        self.vertices = vertices  # (N, 3) real coordinates
        self.raw_vertices = raw_vertices  # what the file holds (for the original feature)
        self.transform = header_transform
        self.srs = srs

    def object_surfaces(self, obj, part_id, notes):
        geometry = _best_geometry(obj)
        if geometry is None:
            return None, []
        semantic_list = (geometry.get("semantics") or {}).get("surfaces") or []
        out = []
        count = len(self.vertices)
        for boundary, value in _surfaces_of(geometry):
            semantic = UNKNOWN
            if value is not None and 0 <= value < len(semantic_list):
                semantic = semantic_list[value].get("type", UNKNOWN)
            rings = []
            for r, ring in enumerate(boundary):
                indices = np.asarray(ring, dtype=np.int64)
                if indices.size and (indices.min() < 0 or indices.max() >= count):
                    notes.add(tr("vertex index out of range (polygon left out)"))
                    rings = []
                    break
                points = clean_ring(self.vertices[indices], self.log, self.path, "", notes, closed_expected=False)
                if points is None:
                    if r == 0:
                        rings = []
                        break
                    continue
                rings.append(points)
            if rings:
                out.append(set_part(Surface(rings=rings, semantic=semantic), part_id))
        return int(_lod_value(geometry)), out

    def building(self, oid, obj, objects):
        notes = set()
        attributes = {}
        for key, value in (obj.get("attributes") or {}).items():
            if key == "address":
                _address(value, attributes)
            elif isinstance(value, (str, int, float, bool)) or value is None:
                attributes[ATTRIBUTE_NAMES.get(key, key)] = value
            else:
                attributes[key] = json.dumps(value, ensure_ascii=False)
        _address(obj.get("address"), attributes)
        lod, surfaces = self.object_surfaces(obj, "", notes)
        lods = [lod] if lod is not None else []
        part_ids, members = [], {oid: obj}
        queue = list(obj.get("children") or [])
        while queue:
            child_id = queue.pop(0)
            child = objects.get(child_id)
            if child is None or child.get("type") not in PART_TYPES:
                continue
            part_ids.append(child_id)
            members[child_id] = child
            queue.extend(child.get("children") or [])
            part_lod, part_surfaces = self.object_surfaces(child, child_id, notes)
            if part_lod is not None:
                lods.append(part_lod)
            surfaces.extend(part_surfaces)
            for key, value in (child.get("attributes") or {}).items():
                if key in ATTRIBUTE_NAMES and ATTRIBUTE_NAMES[key] not in attributes:
                    attributes[ATTRIBUTE_NAMES[key]] = value
        for note in sorted(notes):
            self.log.problem(self.path, oid, note, skipped=False)
        if self.srs is not None and self.srs.vertical:
            attributes.setdefault("height_reference", self.srs.vertical)
        return Building(
            gml_id=oid,
            surfaces=surfaces,
            attributes=attributes,
            part_ids=part_ids,
            lod=max(lods) if lods else 0,
            crs=self.srs.authid if self.srs is not None and self.srs.known else "",
            source_file=self.path,
            original=self.original(oid, members),
        )

    def original(self, oid, members):
        mapping = {}
        objects = {}
        for member_id, member in members.items():
            copy = dict(member)
            geometries = []
            for geometry in member.get("geometry") or []:
                geometry = dict(geometry)
                if "boundaries" in geometry and geometry.get("type") != "GeometryInstance":
                    geometry["boundaries"] = _remap(geometry["boundaries"], mapping)
                geometries.append(geometry)
            copy["geometry"] = geometries
            objects[member_id] = copy
        order = np.fromiter(mapping.keys(), dtype=np.int64, count=len(mapping))
        valid = (order >= 0) & (order < len(self.raw_vertices))
        raw = np.zeros((len(order), 3), dtype=self.raw_vertices.dtype)
        raw[valid] = self.raw_vertices[order[valid]]  # out-of-range indices (reported) become 0 0 0
        vertices = raw.astype(np.int64).tolist() if raw.dtype.kind == "i" else raw.tolist()
        feature = {"type": "CityJSONFeature", "id": oid, "CityObjects": objects, "vertices": vertices}
        return json.dumps(feature, ensure_ascii=False, separators=(",", ":"))


def _vertices(raw, transform):
    raw = np.asarray(raw if raw else np.zeros((0, 3)), dtype=np.float64 if not transform else np.int64)
    raw = raw.reshape(-1, 3)
    if transform:
        scale = np.asarray(transform.get("scale", [1, 1, 1]), dtype=float)
        translate = np.asarray(transform.get("translate", [0, 0, 0]), dtype=float)
        return raw, raw * scale + translate
    return raw, raw.astype(float)


def _srs_of(doc):
    metadata = doc.get("metadata") or {}
    name = metadata.get("referenceSystem") or metadata.get("crs") or ""
    if isinstance(name, dict):
        name = name.get("epsg") and f"EPSG:{name['epsg']}" or ""
    return parse_srs(str(name)) if name else None


def _header(doc):
    keep = {key: doc[key] for key in ("type", "version", "transform", "metadata", "extensions") if key in doc}
    keep["type"] = "CityJSON"
    keep.setdefault("CityObjects", {})
    keep.setdefault("vertices", [])
    return json.dumps(keep, ensure_ascii=False)


def _emit(builder, objects, info, log, path, feedback, release=True):
    for oid in list(objects):
        obj = objects.get(oid)
        if obj is None:
            continue
        kind = obj.get("type")
        is_root_part = kind in PART_TYPES and not obj.get("parents")
        if kind not in BUILDING_TYPES and not is_root_part:
            if kind not in PART_TYPES:
                info.other_objects += 1
                if release:
                    objects.pop(oid, None)
            continue
        raise_if_canceled(feedback)
        try:
            building = builder.building(oid, obj, objects)
        except (TypeError, ValueError, OverflowError, KeyError, IndexError, AttributeError) as error:
            log.problem(path, oid, tr("invalid object ({error}); not imported").format(error=error))
            continue
        if release:
            for member_id in [oid, *building.part_ids]:
                objects.pop(member_id, None)
        if not building.surfaces:
            log.problem(path, oid, tr("building without geometry (not imported)"))
            continue
        info.buildings += 1
        yield building


def read(path, log, feedback=None, progress=None):
    """Yield the buildings of one CityJSON / CityJSONSeq file; problems go to ``log``."""
    path = str(path)
    info = log.file(path, "CityJSON")
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 - closed in finally
    except OSError as error:
        info.ok = False
        log.problem(path, "", tr("cannot read the file: {error}").format(error=error))
        return
    try:
        yield from _read_open(path, handle, info, log, feedback, progress)
    except UnicodeDecodeError as error:
        info.ok = False
        log.problem(path, "", tr("not UTF-8 text ({error}); file not imported").format(error=error))
    finally:
        handle.close()


def _read_open(path, handle, info, log, feedback, progress):
    """CityJSONSeq when the first two lines are JSON objects, else one CityJSON document."""
    first = handle.readline()
    try:
        header = json.loads(first)
    except ValueError:
        header = None
    second = handle.readline() if header is not None else ""
    while second is not None and second != "" and not second.strip():
        second = handle.readline()
    if header is not None and second:
        yield from _read_seq(path, handle, header, second, info, log, feedback, progress)
        return
    handle.seek(0)
    try:
        doc = json.load(handle)
    except ValueError as error:
        info.ok = False
        log.problem(path, "", tr("broken or truncated JSON ({error}); file not imported").format(error=error))
        return
    if not isinstance(doc, dict) or doc.get("type") not in ("CityJSON", "CityJSONFeature"):
        info.ok = False
        log.problem(path, "", tr('not a CityJSON file (no "type": "CityJSON")'))
        return
    yield from _read_document(path, doc, info, log, feedback)


def _start(info, doc):
    info.version = str(doc.get("version", ""))
    srs = _srs_of(doc)
    if srs is not None:
        info.srs_name = srs.name
        info.crs = srs.authid
        info.vertical = srs.vertical
    info.header = _header(doc)
    return srs


def _read_document(path, doc, info, log, feedback):
    srs = _start(info, doc)
    transform = doc.get("transform")
    try:
        raw, vertices = _vertices(doc.pop("vertices", None), transform)
    except (TypeError, ValueError, OverflowError) as error:
        info.ok = False
        log.problem(path, "", tr("invalid vertex list ({error}); file not imported").format(error=error))
        return
    objects = doc.get("CityObjects") or {}
    if doc.get("type") == "CityJSONFeature":
        log.problem(path, "", tr("a lone CityJSONFeature without its header; coordinates taken as they are"), False)
    builder = _Builder(path, log, vertices, raw, transform, srs)
    yield from _emit(builder, objects, info, log, path, feedback)


def _read_seq(path, handle, header, second, info, log, feedback, progress):
    srs = _start(info, header)
    transform = header.get("transform")
    if header.get("CityObjects"):
        yield from _read_document(path, header, info, log, feedback)
    line_number = 1
    line = second
    consumed = 0
    while line:
        line_number += 1
        text = line.strip()
        consumed += len(line)
        line = handle.readline()
        if not text:
            continue
        try:
            feature = json.loads(text)
        except ValueError as error:
            info.ok = False
            log.problem(
                path, "", tr("broken JSON on line {line} ({error}); line skipped").format(line=line_number, error=error)
            )
            continue
        if not isinstance(feature, dict) or feature.get("type") != "CityJSONFeature":
            log.problem(path, "", tr("line {line} is not a CityJSONFeature; skipped").format(line=line_number))
            continue
        try:
            raw, vertices = _vertices(feature.get("vertices"), transform)
        except (TypeError, ValueError, OverflowError) as error:
            log.problem(
                path, str(feature.get("id", "")), tr("invalid vertex list ({error}); not imported").format(error=error)
            )
            continue
        builder = _Builder(path, log, vertices, raw, transform, srs)
        objects = feature.get("CityObjects") or {}
        for building in _emit(builder, objects, info, log, path, feedback, release=False):
            if building.gml_id == feature.get("id"):
                building.original = text  # the feature line as written
            yield building
        if progress is not None:
            progress(consumed)
