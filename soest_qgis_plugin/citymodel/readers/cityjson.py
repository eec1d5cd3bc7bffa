"""CityJSON 1.0 / 1.1 / 2.0 and CityJSONSeq (``.city.jsonl``) reader.

CityJSONSeq is streamed line by line (memory: one feature). A plain CityJSON file is read with
``json`` once; its vertices become one numpy array and each object is released as soon as its
building was produced. Buildings (``Building`` and their ``BuildingPart`` children) of the
highest LoD are returned with semantic surfaces; ``Building.original`` is a CityJSONFeature
(integer vertices when the file has a ``transform``), ``ReadLog.files[path].header`` the
CityJSON header (version, transform, metadata) needed to decode it.
"""

import itertools
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


def _best_geometry(obj, templates=None):
    """The geometry of the highest LoD; a GeometryInstance counts with the LoD of its template
    (explicit geometries win a tie)."""
    candidates = []
    for geometry in obj.get("geometry") or []:
        if not isinstance(geometry, dict):
            continue
        if geometry.get("type") == "GeometryInstance":
            template = _template(geometry, templates)
            if template is not None:
                candidates.append((_lod_value(template), 0, geometry))
        else:
            candidates.append((_lod_value(geometry), 1, geometry))
    if not candidates:
        return None
    return max(candidates, key=lambda item: item[:2])[2]


def _template(instance, templates):
    """The template geometry an instance points to, or None."""
    if not templates:
        return None
    index = instance.get("template")
    listed = templates.get("templates") or []
    if type(index) is not int or not 0 <= index < len(listed) or not isinstance(listed[index], dict):
        return None
    return listed[index]


def _instance_vertices(instance, templates, vertices):
    """Real coordinates of the template vertices of a GeometryInstance: the 4x4 row-major
    ``transformationMatrix`` applied to the template vertices, then moved to the reference point."""
    points = np.asarray(templates.get("vertices-templates") or np.zeros((0, 3)), dtype=np.float64).reshape(-1, 3)
    matrix = np.asarray(instance.get("transformationMatrix", np.eye(4).ravel()), dtype=np.float64).reshape(4, 4)
    reference = instance.get("boundaries") or []
    if len(reference) != 1 or type(reference[0]) is not int or not 0 <= reference[0] < len(vertices):
        raise ValueError(tr("reference point of the geometry instance missing or out of range"))
    moved = points @ matrix[:3, :3].T + matrix[:3, 3]
    return moved + vertices[reference[0]]


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


def _semantic_of(value, semantic_list):
    if value is not None and 0 <= value < len(semantic_list):
        return semantic_list[value].get("type", UNKNOWN)
    return UNKNOWN


def _plain_surfaces(surfaces, vertices, semantic_list, part_id, notes):
    """The surfaces of one geometry with all its rings looked up at once (numpy's cost per call
    outweighs a ring's few points); the same result as the ring-by-ring loop, which takes over
    (None) when anything is odd: no rings, indices that are no integers or out of range."""
    rings = [ring for boundary, _ in surfaces for ring in boundary]
    try:
        counts = np.fromiter((len(ring) for ring in rings), dtype=np.int64, count=len(rings))
        flat = np.fromiter(itertools.chain.from_iterable(rings), dtype=np.int64, count=int(counts.sum()))
    except (TypeError, ValueError, OverflowError):
        return None
    if not flat.size or flat.min() < 0 or flat.max() >= len(vertices) or (counts == 0).any():
        return None
    points = vertices[flat]
    ends = np.cumsum(counts)
    starts = ends - counts
    # clean_ring(closed_expected=False): a repeated first vertex at the end is dropped
    closed = (counts >= 2) & (points[starts] == points[ends - 1]).all(axis=1)
    ends = (ends - closed).tolist()
    starts = starts.tolist()
    out, k = [], 0
    for boundary, value in surfaces:
        kept = []
        for r in range(len(boundary)):
            start, end = starts[k + r], ends[k + r]
            if end - start >= 3:
                kept.append(points[start:end])
                continue
            notes.add(tr("degenerate polygon with fewer than 3 points (left out)"))
            if r == 0:
                kept = []
                break
        k += len(boundary)
        if kept:
            out.append(set_part(Surface(rings=kept, semantic=_semantic_of(value, semantic_list)), part_id))
    return out


class _Builder:
    def __init__(self, path, log, vertices, raw_vertices, header_transform, srs, templates=None):
        self.path = path
        self.log = log
        self.vertices = vertices  # (N, 3) real coordinates
        self.raw_vertices = raw_vertices  # what the file holds (for the original feature)
        self.transform = header_transform
        self.srs = srs
        self.templates = templates if isinstance(templates, dict) else None  # "geometry-templates"

    def object_surfaces(self, obj, part_id, notes):
        geometry = _best_geometry(obj, self.templates)
        if geometry is None:
            return None, []
        vertices = self.vertices
        if geometry.get("type") == "GeometryInstance":
            vertices = _instance_vertices(geometry, self.templates, self.vertices)
            geometry = _template(geometry, self.templates)
        semantic_list = (geometry.get("semantics") or {}).get("surfaces") or []
        surfaces = list(_surfaces_of(geometry))
        out = _plain_surfaces(surfaces, vertices, semantic_list, part_id, notes)
        if out is not None:
            return int(_lod_value(geometry)), out
        out = []
        count = len(vertices)
        for boundary, value in surfaces:
            semantic = _semantic_of(value, semantic_list)
            rings = []
            for r, ring in enumerate(boundary):
                indices = np.asarray(ring, dtype=np.int64)
                if indices.size and (indices.min() < 0 or indices.max() >= count):
                    notes.add(tr("vertex index out of range (polygon left out)"))
                    rings = []
                    break
                points = clean_ring(vertices[indices], self.log, self.path, "", notes, closed_expected=False)
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
                if "boundaries" in geometry:  # a GeometryInstance: its reference point
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
    keep = {
        key: doc[key]
        for key in ("type", "version", "transform", "metadata", "extensions", "geometry-templates")
        if key in doc
    }
    keep["type"] = "CityJSON"
    keep.setdefault("CityObjects", {})
    keep.setdefault("vertices", [])
    return json.dumps(keep, ensure_ascii=False)


def _emit(builder, objects, info, log, path, feedback, release=True, ignored=None):
    """Yield the buildings of ``objects``. Objects of other types are counted by type in
    ``ignored``; BuildingParts that belong to no Building are reported."""
    ignored = ignored if ignored is not None else {}
    folded = set()
    parts = []
    for oid in list(objects):
        obj = objects.get(oid)
        if not isinstance(obj, dict):
            if obj is not None:
                log.problem(path, oid, tr("invalid object (not a JSON object); not imported"))
            continue
        kind = obj.get("type")
        is_root_part = kind in PART_TYPES and not obj.get("parents")
        if kind not in BUILDING_TYPES and not is_root_part:
            if kind in PART_TYPES:
                parts.append(oid)
            else:
                info.other_objects += 1
                name = str(kind) if kind else tr("(no type)")
                ignored[name] = ignored.get(name, 0) + 1
                if release:
                    objects.pop(oid, None)
            continue
        raise_if_canceled(feedback)
        try:
            building = builder.building(oid, obj, objects)
        except (TypeError, ValueError, OverflowError, KeyError, IndexError, AttributeError) as error:
            log.problem(path, oid, tr("invalid object ({error}); not imported").format(error=error))
            continue
        folded.update(building.part_ids)
        if release:
            for member_id in [oid, *building.part_ids]:
                objects.pop(member_id, None)
        if not building.surfaces:
            log.problem(path, oid, tr("building without geometry (not imported)"))
            continue
        info.buildings += 1
        yield building
    for oid in parts:
        if oid not in folded:
            log.problem(path, oid, tr("BuildingPart that belongs to no Building (not imported)"))


def _report_ignored(path, log, ignored):
    """One note per file for the city objects that are not buildings (roads, bridges, trees …)."""
    if ignored:
        kinds = ", ".join(f"{name} {count}" for name, count in sorted(ignored.items(), key=lambda kv: (-kv[1], kv[0])))
        log.problem(
            path,
            "",
            tr("city objects that are not buildings ignored: {count} ({kinds})").format(
                count=sum(ignored.values()), kinds=kinds
            ),
            skipped=False,
        )


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
    if header is not None:
        doc = header  # the whole document stood on its first line (minified CityJSON): parsed once
    else:
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


SUPPORTED_VERSIONS = ("1.0", "1.1", "2.0")


def _check_version(path, doc, log):
    """CityJSON 1.0, 1.1 and 2.0 are read as they are. Older (0.x) and newer files are read the
    same way when their structure allows it, with a note; the objects that do not fit are reported."""
    if doc.get("type") != "CityJSON":
        return
    version = doc.get("version")
    if version in (None, ""):
        log.problem(path, "", tr("no CityJSON version given; read as CityJSON 2.0"), skipped=False)
        return
    text = str(version)
    if text in SUPPORTED_VERSIONS or any(text.startswith(v + ".") for v in SUPPORTED_VERSIONS):
        return
    try:
        major = int(text.split(".")[0])
    except ValueError:
        major = None
    if major == 0:
        reason = tr(
            "CityJSON {version} is older than 1.0 and not supported; read like CityJSON 1.0 as far as the "
            "file allows (please check the buildings)"
        )
    else:
        reason = tr("CityJSON version {version} is not supported; read like CityJSON 2.0 as far as the file allows")
    log.problem(path, "", reason.format(version=text), skipped=False)


def _check_transform(transform):
    """None when ``transform`` is usable (or absent), else the reason."""
    if transform is None:
        return None
    try:
        scale = np.asarray(transform.get("scale", [1, 1, 1]), dtype=np.float64)
        translate = np.asarray(transform.get("translate", [0, 0, 0]), dtype=np.float64)
    except (AttributeError, TypeError, ValueError, OverflowError):
        return tr("invalid transform (scale and translate must be 3 numbers each); file not imported")
    if scale.shape != (3,) or translate.shape != (3,):
        return tr("invalid transform (scale and translate must be 3 numbers each); file not imported")
    if not (np.isfinite(scale).all() and np.isfinite(translate).all()) or (scale == 0).any():
        return tr("invalid transform (scale {scale}, translate {translate}); file not imported").format(
            scale=scale.tolist(), translate=translate.tolist()
        )
    return None


def _vertex_error(error, feature=False):
    if isinstance(error, OverflowError):
        if feature:
            return tr("vertex coordinates out of range (larger than 64-bit numbers); not imported")
        return tr("vertex coordinates out of range (larger than 64-bit numbers); file not imported")
    if feature:
        return tr("invalid vertex list ({error}); not imported").format(error=error)
    return tr("invalid vertex list ({error}); file not imported").format(error=error)


def _start(info, doc):
    info.version = str(doc.get("version", ""))
    srs = _srs_of(doc)
    if srs is not None:
        info.srs_name = srs.name
        info.crs = srs.authid
        info.vertical = srs.vertical
    info.header = _header(doc)
    return srs


def _read_document(path, doc, info, log, feedback, check=True):
    srs = _start(info, doc)
    if check:
        _check_version(path, doc, log)
    transform = doc.get("transform")
    reason = _check_transform(transform)
    if reason is not None:
        info.ok = False
        log.problem(path, "", reason)
        return
    try:
        raw, vertices = _vertices(doc.pop("vertices", None), transform)
    except (TypeError, ValueError, OverflowError) as error:
        info.ok = False
        log.problem(path, "", _vertex_error(error))
        return
    objects = doc.get("CityObjects") or {}
    if not isinstance(objects, dict):
        info.ok = False
        log.problem(path, "", tr('"CityObjects" is not a JSON object; file not imported'))
        return
    if doc.get("type") == "CityJSONFeature":
        log.problem(path, "", tr("a lone CityJSONFeature without its header; coordinates taken as they are"), False)
        if not _feature_root_ok(path, doc, log):
            return
    builder = _Builder(path, log, vertices, raw, transform, srs, doc.get("geometry-templates"))
    ignored = {}
    yield from _emit(builder, objects, info, log, path, feedback, ignored=ignored)
    _report_ignored(path, log, ignored)


def _feature_root_ok(path, feature, log):
    """A CityJSONFeature's ``id`` must name one of its CityObjects; else it is rejected."""
    fid = feature.get("id")
    objects = feature.get("CityObjects")
    if isinstance(objects, dict) and fid in objects:
        return True
    log.problem(
        path,
        str(fid or ""),
        tr("CityJSONFeature whose id names none of its city objects; feature not imported"),
    )
    return False


def _read_seq(path, handle, header, second, info, log, feedback, progress):
    srs = _start(info, header)
    _check_version(path, header, log)
    transform = header.get("transform")
    reason = _check_transform(transform)
    if reason is not None:
        info.ok = False
        log.problem(path, "", reason)
        return
    if header.get("CityObjects"):
        yield from _read_document(path, header, info, log, feedback, check=False)
    ignored = {}
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
        if not _feature_root_ok(path, feature, log):
            continue
        try:
            raw, vertices = _vertices(feature.get("vertices"), transform)
        except (TypeError, ValueError, OverflowError) as error:
            log.problem(path, str(feature.get("id", "")), _vertex_error(error, feature=True))
            continue
        builder = _Builder(path, log, vertices, raw, transform, srs, header.get("geometry-templates"))
        objects = feature.get("CityObjects") or {}
        for building in _emit(builder, objects, info, log, path, feedback, release=False, ignored=ignored):
            if building.gml_id == feature.get("id"):
                building.original = text  # the feature line as written
            yield building
        if progress is not None:
            progress(consumed)
    _report_ignored(path, log, ignored)
