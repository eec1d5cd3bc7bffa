"""Streaming CityGML 1.0 / 2.0 / 3.0 reader (lxml iterparse; memory bounded by one building).

Reads LoD1/LoD2 ``bldg:Building`` objects: thematic ``boundedBy`` surfaces (Wall/Roof/Ground/
Closure/…), ``lodXSolid`` (inline polygons or ``xlink:href`` to the boundedBy polygons),
``lodXMultiSurface``, BuildingParts (folded into their building, ``part_ids``), xAL addresses and
generic attributes. Terrain intersection curves and LoD0 are ignored. Each building's XML is kept
in ``Building.original`` (the ``bldg:Building`` element; namespace declarations inherited from
the root are not repeated) and the root start tag in ``ReadLog.files[path].header``.

CityGML 3.0 buildings are read as well (``boundary`` instead of ``boundedBy``, ``buildingPart``,
``genericAttribute``, ``con:height``, xAL 3 addresses); ADE surfaces that extend a thematic
surface (e.g. ``test:IndustrialBuildingRoofSurface``) count as that surface, other ADE content is
ignored. LoD2 is preferred; a building with only LoD3/LoD4 geometry keeps its outer surfaces.
"""

import contextlib
import re

import numpy as np
from lxml import etree

from ...common.feedback import raise_if_canceled
from ...common.i18n import tr
from ..crs import parse_srs
from ..model import UNKNOWN, Building, Surface
from .base import clean_ring

SEMANTIC_SURFACES = {
    "RoofSurface",
    "WallSurface",
    "GroundSurface",
    "ClosureSurface",
    "OuterCeilingSurface",
    "OuterFloorSurface",
    "CeilingSurface",
    "FloorSurface",
    "InteriorWallSurface",
}
# ADE subclasses of a thematic surface (local name ending in one of the above) -> that surface.
_ADE_SEMANTICS = {}


def _ade_semantic(name):
    """``SEMANTIC_SURFACES`` name an ADE surface extends (by its local name), '' when none."""
    semantic = _ADE_SEMANTICS.get(name)
    if semantic is None:
        matches = [base for base in SEMANTIC_SURFACES if name.endswith(base)]
        semantic = _ADE_SEMANTICS[name] = max(matches, key=len) if matches else ""
    return semantic


MEMBER_TAGS = ("{*}cityObjectMember", "{*}featureMember", "{*}appearanceMember", "{*}Envelope")
SIMPLE_ATTRIBUTES = {
    "function": "function",
    "usage": "usage",
    "class": "class",
    "roofType": "roofType",
    "measuredHeight": "measuredHeight",
    "storeysAboveGround": "storeysAboveGround",
    "storeysBelowGround": "storeysBelowGround",
    "yearOfConstruction": "yearOfConstruction",
    "yearOfDemolition": "yearOfDemolition",
    "creationDate": "creationDate",
    "name": "name",
    "description": "description",
}
NUMERIC = {"measuredHeight": float, "storeysAboveGround": int, "storeysBelowGround": int}
_EXTERIOR_TAGS = {"{http://www.opengis.net/gml}exterior", "{http://www.opengis.net/gml/3.2}exterior"}
_POSLIST_TAGS = {"{http://www.opengis.net/gml}posList", "{http://www.opengis.net/gml/3.2}posList"}
_FIRST_SRS = etree.XPath("(.//*[@srsName])[1]")
# Address positions (CityGML 3.0 ``multiPoint`` in lat/lon …) name their own CRS: not the building's.
_GEOMETRY_SRS = etree.XPath("(.//*[@srsName][local-name() != 'Point' and local-name() != 'MultiPoint'])[1]/@srsName")
_XMLNS_RE = re.compile(r'\s+xmlns(?::([\w.-]+))?="([^"]*)"')


_LOCAL_NAMES = {}


def _local(tag):
    """Local name of an element tag (cached: the same few dozen tags repeat all the time)."""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = tag.rpartition("}")[2] if isinstance(tag, str) else ""
        if isinstance(tag, str):
            _LOCAL_NAMES[tag] = name
    return name


_GML_IDS = ("{http://www.opengis.net/gml}id", "{http://www.opengis.net/gml/3.2}id")


def _gml_id(element):
    get = element.get
    value = get(_GML_IDS[0]) or get(_GML_IDS[1])
    if value:
        return value
    for key, value in element.attrib.items():
        if key.endswith("}id") or key == "id":
            return value
    return ""


def sniff(head):
    """True when the first bytes of a file look like CityGML."""
    return b"<" in head[:200] and (b"citygml" in head.lower() or b"CityModel" in head)


def read_header(path, limit=65536):
    """The root element's start tag as written in the file ('' when not found)."""
    with open(path, "rb") as handle:
        head = handle.read(limit).decode("utf-8", errors="replace")
    position = 0
    while True:
        start = head.find("<", position)
        if start < 0:
            return ""
        if head.startswith("<?", start) or head.startswith("<!", start):
            end = head.find("-->", start) + 3 if head.startswith("<!--", start) else head.find(">", start) + 1
            if end <= 0:
                return ""
            position = end
            continue
        end = head.find(">", start)
        return head[start : end + 1] if end > 0 else ""


def _strip_inherited_ns(text, inherited):
    """Drop the xmlns declarations lxml repeats from the root on the first start tag."""
    end = text.find(">")
    if end < 0:
        return text
    start_tag = text[:end]

    def keep(match):
        prefix, uri = match.group(1), match.group(2)
        return "" if inherited.get(prefix) == uri else match.group(0)

    return _XMLNS_RE.sub(keep, start_tag) + text[end:]


class _Parse:
    """State for one building: polygons by id, surfaces, notes."""

    def __init__(self, log, path, srs_dim_default=3):
        self.log = log
        self.path = path
        self.notes = set()
        self.dim_default = srs_dim_default

    def coords(self, ring, gml_id):
        for child in ring:
            name = _LOCAL_NAMES.get(child.tag) or _local(child.tag)
            if name == "posList":
                text = child.text or ""
                dim = int(child.get("srsDimension") or child.get("dimension") or self.dim_default)
                values = np.fromstring(text, dtype=float, sep=" ")
                if dim not in (2, 3) or values.size % dim:
                    if values.size % 3 == 0:
                        dim = 3
                    elif values.size % 2 == 0:
                        dim = 2
                    else:
                        self.notes.add(tr("coordinate list with a wrong number of values (left out)"))
                        return None
                points = values.reshape(-1, dim)
                break
            if name in ("pos", "coordinates", "pointProperty"):
                points = self._pos_points(ring)
                if points is None:
                    return None
                break
        else:
            self.notes.add(tr("polygon ring without coordinates (left out)"))
            return None
        if points.shape[1] == 2:
            self.notes.add(tr("2D coordinates without height (height set to 0)"))
            points = np.column_stack([points, np.zeros(len(points))])
        return clean_ring(points, self.log, self.path, gml_id, self.notes)

    def _pos_points(self, ring):
        values = []
        for child in ring.iter("{*}pos", "{*}coordinates"):
            text = (child.text or "").replace(",", " ")
            values.append([float(v) for v in text.split()])
        if not values:
            self.notes.add(tr("polygon ring without coordinates (left out)"))
            return None
        if len({len(v) for v in values}) != 1:
            flat = [x for v in values for x in v]
            if len(flat) % 3:
                self.notes.add(tr("coordinate list with a wrong number of values (left out)"))
                return None
            return np.array(flat, dtype=float).reshape(-1, 3)
        array = np.array(values, dtype=float)
        if array.shape[1] not in (2, 3):
            array = array.reshape(-1, 3)
        return array

    def polygon(self, poly, semantic, gml_id):
        # Fast path for the usual <exterior><LinearRing><posList srsDimension="3">…: no holes.
        if len(poly) == 1:
            boundary = poly[0]
            if len(boundary) == 1:
                linear_ring = boundary[0]
                if len(linear_ring) == 1 and boundary.tag in _EXTERIOR_TAGS:
                    pos_list = linear_ring[0]
                    if pos_list.tag in _POSLIST_TAGS:
                        dim = pos_list.get("srsDimension")
                        if dim is None or dim == "3":
                            values = np.fromstring(pos_list.text or "", dtype=float, sep=" ")
                            size = values.size
                            if size >= 12 and size % 3 == 0:
                                # clean_ring inlined: >= 4 points, so never degenerate here.
                                if values[:3].tolist() == values[size - 3 :].tolist():
                                    ring = values[: size - 3].reshape(-1, 3)
                                else:
                                    self.notes.add(tr("unclosed polygon ring (closed automatically)"))
                                    ring = values.reshape(-1, 3)
                                get = poly.get
                                poly_id = get(_GML_IDS[0]) or get(_GML_IDS[1]) or _gml_id(poly)
                                return Surface(rings=[ring], semantic=semantic, gml_id=poly_id)
        rings = []
        for boundary in poly:
            name = _LOCAL_NAMES.get(boundary.tag) or _local(boundary.tag)
            if name not in ("exterior", "interior", "outerBoundaryIs", "innerBoundaryIs"):
                continue
            ring_element = None
            for child in boundary:
                if isinstance(child.tag, str):
                    ring_element = child
                    break
            if ring_element is None:
                continue
            ring = self.coords(ring_element, gml_id)
            if ring is None:
                if name in ("exterior", "outerBoundaryIs"):
                    return None
                continue
            if name in ("exterior", "outerBoundaryIs"):
                rings.insert(0, ring)
            else:
                rings.append(ring)
        if not rings:
            return None
        return Surface(rings=rings, semantic=semantic, gml_id=_gml_id(poly))


_POLYGON_TAGS = ("{*}Polygon", "{*}Triangle")


def _surfaces_from(element, semantic, parse, gml_id):
    out = []
    for poly in element.iter(_POLYGON_TAGS):
        surface = parse.polygon(poly, semantic, gml_id)
        if surface is not None:
            out.append(surface)
    return out


_XAL2_FIELDS = {
    "ThoroughfareName": "street",
    "ThoroughfareNumber": "house_number",
    "PostalCodeNumber": "postal_code",
    "LocalityName": "locality",
    "CountryName": "country",
    "DependentLocalityName": "district",
}
# xAL 3 (CityGML 3.0): <Thoroughfare><NameElement/><Number/></Thoroughfare>, <PostCode><Identifier/> …
_XAL3_FIELDS = {
    ("Thoroughfare", "NameElement"): "street",
    ("Thoroughfare", "Number"): "house_number",
    ("PostCode", "Identifier"): "postal_code",
    ("Locality", "NameElement"): "locality",
    ("Country", "NameElement"): "country",
    ("SubLocality", "NameElement"): "district",
}
_XAL3_NAMES = {"NameElement", "Number", "Identifier"}
# Only these elements are visited (lxml filters in C; an xAL address has a dozen others).
_ADDRESS_TAGS = tuple("{*}" + name for name in (*_XAL2_FIELDS, *_XAL3_NAMES))


def _address(element, attributes):
    """xAL 2 (CityGML 1.0/2.0) or xAL 3 (CityGML 3.0) address fields into ``attributes`` (first address wins)."""
    if attributes.get("street") or attributes.get("house_number"):
        return
    for child in element.iter(_ADDRESS_TAGS):
        name = _LOCAL_NAMES.get(child.tag) or _local(child.tag)
        key = _XAL2_FIELDS.get(name)
        if key is None and name in _XAL3_NAMES:
            parent = child.getparent()
            key = _XAL3_FIELDS.get((_local(parent.tag), name)) if parent is not None else None
        if key and child.text and child.text.strip() and key not in attributes:
            attributes[key] = child.text.strip()


def _generic(element, attributes, name=None):
    if name is None:
        name = element.get("name")
    if not name:
        return
    kind = _local(element.tag)
    value_element = None
    for child in element:
        if (_LOCAL_NAMES.get(child.tag) or _local(child.tag)) == "value":
            value_element = child
            break
    text = (value_element.text or "").strip() if value_element is not None else ""
    if kind in ("doubleAttribute", "measureAttribute"):
        try:
            attributes[name] = float(text)
            return
        except ValueError:
            pass
    if kind == "intAttribute":
        try:
            attributes[name] = int(text)
            return
        except ValueError:
            pass
    attributes[name] = text


def _generic3(holder, attributes):
    """CityGML 3.0 ``genericAttribute``: <gen:StringAttribute><gen:name/><gen:value/> (sets nest)."""
    for attribute in holder:
        if not isinstance(attribute.tag, str):
            continue
        kind = _local(attribute.tag)
        name, text = "", None
        for sub in attribute:
            local = _local(sub.tag) if isinstance(sub.tag, str) else ""
            if local == "name":
                name = (sub.text or "").strip()
            elif local == "value":
                text = (sub.text or "").strip()
            elif local == "genericAttribute":
                _generic3(sub, attributes)
        if not name or text is None:
            continue
        value = text
        with contextlib.suppress(ValueError):
            if kind in ("DoubleAttribute", "MeasureAttribute"):
                value = float(text)
            elif kind == "IntAttribute":
                value = int(text)
        attributes[name] = value


def _height3(element):
    """The value of a CityGML 3.0 ``con:height/con:Height`` (the first with a number), None when none."""
    for holder in element.iter("{*}Height"):
        for sub in holder:
            if isinstance(sub.tag, str) and _local(sub.tag) == "value":
                with contextlib.suppress(ValueError, TypeError):
                    return float((sub.text or "").strip())
    return None


_TAG_KINDS = {}
IGNORE, BOUNDED_BY, GEOMETRY, PARTS, ADDRESS, GENERIC, GENERIC_SET, SIMPLE, GENERIC3, HEIGHT3, DATE3 = range(11)


def _tag_kind(tag):
    """(kind, detail) of a child tag of a Building/BuildingPart, cached per tag string."""
    kind = _TAG_KINDS.get(tag)
    if kind is not None:
        return kind
    name = _local(tag)
    if name in ("boundedBy", "boundary"):  # boundary: CityGML 3.0
        kind = (BOUNDED_BY, None)
    elif name.startswith("lod") and name[3:4].isdigit() and name.endswith(("Solid", "MultiSurface", "Geometry")):
        kind = (GEOMETRY, (int(name[3]), name.endswith("MultiSurface")))
    elif name in ("consistsOfBuildingPart", "buildingPart"):
        kind = (PARTS, None)
    elif name == "address":
        kind = (ADDRESS, None)
    elif name == "genericAttribute":  # CityGML 3.0
        kind = (GENERIC3, None)
    elif name == "height" and "/3.0" in tag:  # CityGML 3.0 con:height
        kind = (HEIGHT3, "measuredHeight")
    elif name == "dateOfConstruction":  # CityGML 3.0 (a date): its year
        kind = (DATE3, "yearOfConstruction")
    elif name == "genericAttributeSet":
        kind = (GENERIC_SET, None)
    elif name.endswith("Attribute"):
        kind = (GENERIC, None)
    elif name in SIMPLE_ATTRIBUTES:
        kind = (SIMPLE, name)
    else:
        kind = (IGNORE, None)
    _TAG_KINDS[tag] = kind
    return kind


def _owner(element, owner_id, parse, attributes, by_lod, parts, top_level):
    """Read one Building or BuildingPart (without its nested parts) into the collectors."""
    part = "" if top_level else owner_id
    polygon = parse.polygon
    for child in element:
        kind, detail = _TAG_KINDS.get(child.tag) or _tag_kind(child.tag)
        if kind == IGNORE:
            continue
        if kind == BOUNDED_BY:
            for surface_element in child:
                semantic = _LOCAL_NAMES.get(surface_element.tag) or _local(surface_element.tag)
                if semantic not in SEMANTIC_SURFACES:
                    semantic = _ade_semantic(semantic)  # e.g. an ADE's IndustrialBuildingRoofSurface
                    if not semantic:
                        continue  # gml:boundedBy/Envelope, ADE objects
                for geometry in surface_element:
                    gkind, gdetail = _TAG_KINDS.get(geometry.tag) or _tag_kind(geometry.tag)
                    if gkind == GEOMETRY and gdetail[1]:
                        target = by_lod.setdefault(gdetail[0], [])
                        for poly in geometry.iter(_POLYGON_TAGS):  # _surfaces_from, inlined
                            surface = polygon(poly, semantic, owner_id)
                            if surface is not None:
                                surface.part_id = part
                                target.append(surface)
        elif kind == GEOMETRY:
            lod = detail[0]
            if lod == 0:
                continue
            target = by_lod.setdefault(lod, [])
            for surface in _surfaces_from(child, UNKNOWN, parse, owner_id):
                surface.part_id = part
                target.append(surface)
            # xlink:href members refer to boundedBy polygons; they add no geometry of their own.
        elif kind == PARTS:
            for sub in child:
                if _local(sub.tag) == "BuildingPart":
                    parts.append(sub)
        elif kind == ADDRESS:
            _address(child, attributes)
        elif kind == GENERIC:
            name = child.get("name")
            if name:
                _generic(child, attributes, name)
        elif kind == GENERIC_SET:
            if not child.get("name"):
                continue
            for sub in child:
                _generic(sub, attributes)
        elif kind == GENERIC3:
            _generic3(child, attributes)
        elif kind in (HEIGHT3, DATE3):
            if kind == HEIGHT3:
                value = _height3(child)
                text = "" if value is None else repr(value)
            else:
                text = (child.text or "").strip()[:4]
                text = text if text.isdigit() else ""
            if text:
                if top_level:
                    attributes.setdefault(detail, float(text) if kind == HEIGHT3 else text)
                else:
                    attributes.setdefault("_part_" + detail, []).append(text)
        elif top_level:  # SIMPLE
            text = (child.text or "").strip()
            if text:
                number = NUMERIC.get(detail)
                try:
                    attributes.setdefault(
                        detail, number(float(text)) if number is int else (number(text) if number else text)
                    )
                except ValueError:
                    attributes.setdefault(detail, text)
        else:
            # A part's own values fill gaps of the building (e.g. roof type, height only on parts).
            text = (child.text or "").strip()
            if text:
                attributes.setdefault("_part_" + detail, []).append(text)


# LoD2 first (what the store is made for), then the more detailed exterior shells, LoD1 last.
_LOD_PREFERENCE = (2, 3, 4, 1)


def _choose_lod(by_lod):
    lods = [key for key in by_lod if isinstance(key, int) and by_lod[key]]
    if not lods:
        return None, []
    if 2 in lods:
        return 2, by_lod[2]
    best = min(lods, key=lambda lod: _LOD_PREFERENCE.index(lod) if lod in _LOD_PREFERENCE else len(_LOD_PREFERENCE))
    return best, by_lod[best]


def _fill_from_parts(attributes):
    for name in list(attributes):
        if not name.startswith("_part_"):
            continue
        values = attributes.pop(name)
        key = name[len("_part_") :]
        if key in attributes:
            continue
        if key == "measuredHeight":
            numbers = []
            for value in values:
                with contextlib.suppress(ValueError):
                    numbers.append(float(value))
            if numbers:
                attributes[key] = max(numbers)
        elif key in NUMERIC:
            with contextlib.suppress(ValueError):
                attributes[key] = NUMERIC[key](float(values[0]))
        else:
            attributes[key] = values[0]


_QNAME_RE = re.compile(rb"[^ \t\n\r]*")


class _SourceText:
    """The file's bytes (memory-mapped) to cut each building's original XML out unchanged."""

    def __init__(self, path):
        import mmap

        self.data = None
        self.cursor = 0
        self.names_srs = True
        try:
            with open(path, "rb") as handle:
                head = handle.read(200)
                if b"encoding" in head and not re.search(rb'encoding=["\'](utf-8|UTF-8)["\']', head):
                    return  # another encoding: fall back to serialising the element
                self.data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            self.data = None

    def building(self, gml_id, local_name="Building"):
        """The text from ``<…Building gml:id="…"`` to its end tag, or None when not found."""
        data = self.data
        if data is None or not gml_id:
            return None
        needle = b'id="' + gml_id.encode("utf-8") + b'"'
        position = data.find(needle, self.cursor)
        if position < 0:
            position = data.find(needle)
            if position < 0:
                return None
        start = data.rfind(b"<", 0, position)
        end_of_name = _QNAME_RE.match(data, start + 1, position).end()  # up to the first blank
        qname = data[start + 1 : end_of_name]
        if qname.rpartition(b":")[2] != local_name.encode():
            return None
        closing = b"</" + qname + b">"
        end = data.find(closing, position)
        if end < 0:
            return None
        end += len(closing)
        self.cursor = end
        raw = data[start:end]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
        self.names_srs = b"srsName" in raw  # checked on bytes: faster than on the decoded text
        return text

    def close(self):
        if self.data is not None:
            self.data.close()
            self.data = None


def parse_building(element, path, log, default_srs, inherited_ns, source=None, first_line=1):
    """Turn one ``bldg:Building`` element into a Building (None when it has no geometry).

    ``first_line``: the file line on which the parsed text begins (member-by-member reading)."""
    gml_id = _gml_id(element) or ""
    parse = _Parse(log, path)
    attributes = {}
    by_lod = {}
    parts = []
    _owner(element, gml_id, parse, attributes, by_lod, parts, top_level=True)
    part_ids = []
    index = 0
    while index < len(parts):  # parts may nest further parts
        part = parts[index]
        index += 1
        part_id = _gml_id(part) or f"{gml_id}_part{index}"
        part_ids.append(part_id)
        _owner(part, part_id, parse, attributes, by_lod, parts, top_level=False)
    _fill_from_parts(attributes)
    if gml_id[:1].isdigit():
        parse.notes.add(tr("gml:id starts with a digit (not a valid XML ID); imported anyway"))
    if not gml_id:
        gml_id = _made_up_id(path, element, first_line)
        log.problem(path, gml_id, tr("building without gml:id (an id was made up from the line number)"), skipped=False)
    original = source.building(gml_id) if source is not None else None
    if original is None:
        original = _strip_inherited_ns(etree.tostring(element, encoding="unicode", with_tail=False), inherited_ns)
        names_srs = "srsName" in original
    else:
        names_srs = source.names_srs
    # The XPath walks the whole building: only when the building's text names an srsName at all.
    holders = _FIRST_SRS(element) if names_srs else None
    srs_name = None
    if holders:
        srs_name = holders[0].get("srsName")
        if _local(holders[0].tag) in ("Point", "MultiPoint"):
            srs_names = _GEOMETRY_SRS(element)
            srs_name = srs_names[0] if srs_names else None
    srs = parse_srs(str(srs_name)) if srs_name else default_srs
    # LoD2 first, else LoD3/LoD4/LoD1; within it, boundedBy surfaces already include the solid's polygons.
    lod, surfaces = _choose_lod(by_lod)
    if lod is not None and lod > 2:
        parse.notes.add(
            tr(
                "no LoD2 geometry: the outer LoD{lod} surfaces were imported (rooms, furniture, openings left out)"
            ).format(lod=lod)
        )
    if lod is not None:
        seen, unique = set(), []
        for surface in surfaces:
            key = surface.gml_id
            if key and key in seen:
                continue
            if key:
                seen.add(key)
            unique.append(surface)
        surfaces = unique
    for note in sorted(parse.notes):
        log.problem(path, gml_id, note, skipped=False)
    building = Building(
        gml_id=gml_id,
        surfaces=surfaces,
        attributes=attributes,
        part_ids=part_ids,
        lod=lod or 0,
        crs=srs.authid if srs and srs.known else "",
        source_file=path,
        original=original,
    )
    if srs is not None and srs.vertical:
        attributes.setdefault("height_reference", srs.vertical)
    return building


def _made_up_id(path, element, first_line=1):
    """The id of a building without gml:id: file name and line (the same in both reading paths)."""
    return f"{path.rsplit('/', 1)[-1]}#{element.sourceline + first_line - 1}"


class _FileState:
    """What reading one file has found so far; shared by the two reading paths."""

    def __init__(self, info):
        self.info = info
        self.default_srs = None
        self.root_ns = {}
        self.found = 0
        # Buildings read member by member (gml:id -> count): not read again when the whole-file
        # path takes over (``replaying``).
        self.done = {}
        self.replaying = False

    def take_envelope(self, element):
        """The first Envelope with an srsName gives the file's reference system."""
        if self.default_srs is None and element.get("srsName"):
            self.default_srs = parse_srs(element.get("srsName"))
            self.info.srs_name = self.default_srs.name
            self.info.crs = self.default_srs.authid
            self.info.vertical = self.default_srs.vertical

    def take_namespaces(self, root):
        if not self.root_ns and root is not None:
            self.root_ns = dict(root.nsmap)
            self.info.namespaces = {prefix or "": uri for prefix, uri in self.root_ns.items()}

    def already_read(self, gml_id):
        """Count ``gml_id`` as read; True when it was read before (then it is not read again)."""
        count = self.done.get(gml_id, 0)
        if self.replaying:
            if not count:
                return False
            self.done[gml_id] = count - 1
            return True
        self.done[gml_id] = count + 1
        return False


def read(path, log, feedback=None, progress=None):
    """Yield the buildings of one CityGML file; problems go to ``log`` (never raises on bad XML)."""
    path = str(path)
    info = log.file(path, "CityGML")
    try:
        info.header = read_header(path)
    except OSError as error:
        log.problem(path, "", tr("cannot read the file: {error}").format(error=error))
        info.ok = False
        return
    match = re.search(r'xmlns(?::\w+)?="http://www\.opengis\.net/citygml/(\d\.\d)"', info.header)
    info.version = match.group(1) if match else ""
    state = _FileState(info)
    source = _SourceText(path)
    try:
        layout = _MemberLayout.of(source.data)
        if layout is not None:
            try:
                yield from _read_by_member(layout, path, log, feedback, progress, state, source)
                return
            except _NotPlainError:
                # Something only the whole-file parser judges right (an error's line, odd nesting):
                # read the file whole; the buildings read so far are not read again.
                info.other_objects = 0
                state.replaying = True
        yield from _read_whole(path, log, feedback, progress, state, source)
    finally:
        source.close()
        if info.ok and not info.namespaces:
            info.namespaces = _namespaces_from_header(info.header)
        if info.ok and not state.found:
            if info.other_objects:
                reason = tr("no buildings in this file; {count} other city objects ignored").format(
                    count=info.other_objects
                )
            else:
                reason = tr("no buildings in this file (empty tile)")
            log.note(path, reason)


def _read_member(member, path, log, feedback, state, source, first_line=1):
    """Yield the buildings of one ``cityObjectMember``/``featureMember`` element."""
    info = state.info
    for obj in member:
        if not isinstance(obj.tag, str):
            continue
        if _local(obj.tag) != "Building":
            info.other_objects += 1
            continue
        if state.already_read(_gml_id(obj) or _made_up_id(path, obj, first_line)):
            continue
        raise_if_canceled(feedback)
        state.found += 1
        building = parse_building(obj, path, log, state.default_srs, state.root_ns, source, first_line)
        if not building.surfaces:
            log.problem(path, building.gml_id, tr("building without geometry (not imported)"))
            continue
        info.buildings += 1
        yield building


def _read_whole(path, log, feedback, progress, state, source):
    """The general path: the whole file through lxml's iterparse, member after member."""
    info = state.info
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed in finally
    except OSError as error:
        info.ok = False
        log.problem(path, "", tr("cannot read the file: {error}").format(error=error))
        return
    members = 0
    # Blank text between elements is dropped (a sixth less parsing) where the originals are cut from
    # the file itself; the fallback serialises the elements and so keeps every character.
    context = etree.iterparse(
        handle,
        events=("end",),
        tag=MEMBER_TAGS,
        huge_tree=True,
        remove_blank_text=source.data is not None,
        remove_comments=False,
    )
    try:
        for _event, element in context:
            name = _local(element.tag)
            if name == "Envelope":
                state.take_envelope(element)
                continue
            parent = element.getparent()
            state.take_namespaces(parent)
            if name in ("cityObjectMember", "featureMember"):
                yield from _read_member(element, path, log, feedback, state, source)
            # Free the finished member and everything before it: memory stays at one building.
            # No proxy may point into it any more: lxml then frees the subtree at once instead of
            # moving it into a document of its own (a namespace lookup per node, an eighth of the
            # reader's work).
            element.clear()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
            members += 1
            if progress is not None and members % 16 == 0:  # a signal per building is too chatty
                progress(handle.tell())
    except etree.XMLSyntaxError as error:
        info.ok = False
        log.problem(
            path, "", tr("broken or truncated XML ({error}); buildings before it were read").format(error=error)
        )
    except OSError as error:
        info.ok = False
        log.problem(path, "", tr("cannot read the file: {error}").format(error=error))
    finally:
        del context
        handle.close()


class _NotPlainError(Exception):
    """A part of the file does not parse on its own: the whole-file path takes over."""


_MEMBER_START = re.compile(rb"<((?:[\w.-]+:)?(cityObjectMember|featureMember|appearanceMember))(?=[\s/>])")
# collect_ids: lxml's table of xml:id values, which CityGML does not use (gml:id is another attribute).
_MEMBER_PARSER = etree.XMLParser(remove_blank_text=True, huge_tree=True, resolve_entities=False, collect_ids=False)


class _MemberLayout:
    """A CityModel file that can be parsed member by member out of its memory map.

    Parsing each ``cityObjectMember`` on its own (wrapped in the root start tag, so every namespace
    is declared) builds the same elements as iterparse, without a Python event per element, and
    lets the reader leave out terrain intersection curves (a fifth of an NRW tile) before lxml
    sees them. Only for plain files: no DOCTYPE, comment or CDATA section (``<!``), whose contents
    a byte search could mistake for elements."""

    def __init__(self, data, root_start, root_end, qname):
        self.data = data
        self.body = root_end
        # One line: line numbers inside a member then count from the member's own first line.
        self.wrap_open = data[root_start:root_end].replace(b"\n", b" ").replace(b"\r", b" ")
        self.wrap_close = b"</" + qname + b">"

    @classmethod
    def of(cls, data):
        """The layout of a memory-mapped file, None when it must be read whole."""
        if data is None or _has_markup_declaration(data):
            return None
        start = data.find(b"<")
        while start >= 0 and data[start + 1 : start + 2] == b"?":  # the XML declaration, processing instructions
            start = data.find(b"<", data.find(b"?>", start) + 2)
        if start < 0:
            return None
        end = data.find(b">", start)
        if end < 0 or data[end - 1 : end] == b"/":
            return None
        qname = _QNAME_RE.match(data, start + 1, end).group(0)
        if qname.rpartition(b":")[2] != b"CityModel":
            return None
        return cls(data, start, end + 1, qname)

    def parse(self, *pieces):
        """The wrapper root of the pieces parsed on their own; _NotPlainError when they do not parse."""
        try:
            return etree.fromstring(b"".join((self.wrap_open, *pieces, self.wrap_close)), _MEMBER_PARSER)
        except etree.XMLSyntaxError as error:
            raise _NotPlainError() from error

    def parse_tail(self, tail):
        """The rest of the file after the last member, which must close the root."""
        try:
            return etree.fromstring(self.wrap_open + tail, _MEMBER_PARSER)
        except etree.XMLSyntaxError as error:
            raise _NotPlainError() from error

    def line_of(self, offset):
        return self.data[:offset].count(b"\n") + 1  # rare: only for a building without gml:id


def _has_markup_declaration(data):
    """True when the file holds ``<!`` (DOCTYPE, comment, CDATA); ``!`` alone is searched at memchr speed."""
    position = data.find(b"!")
    while position >= 0:
        if position and data[position - 1] == 0x3C:  # "<"
            return True
        position = data.find(b"!", position + 1)
    return False


def _without_terrain_curves(chunk):
    """The member's bytes without ``lodXTerrainIntersection`` elements (the reader ignores them),
    as views into ``chunk`` (no copies: they are joined once, for the parser)."""
    view = memoryview(chunk)
    pieces, position = [], 0
    while True:
        found = chunk.find(b"TerrainIntersection>", position)
        if found < 0:
            break
        start = chunk.rfind(b"<", position, found)
        if start < 0 or chunk[start + 1 : start + 2] == b"/":
            break
        closing = b"</" + chunk[start + 1 : found] + b"TerrainIntersection>"
        end = chunk.find(closing, found)
        if end < 0:
            break
        pieces.append(view[position:start])
        position = end + len(closing)
    pieces.append(view[position:])
    return pieces


class _MemberText:
    """The original text of a member's single building: the member's bytes inside its tags."""

    def __init__(self, inner, names_srs):
        self.inner = inner
        self.names_srs = names_srs

    def building(self, gml_id, local_name="Building"):
        inner = self.inner
        try:
            return str(memoryview(inner)[inner.find(b"<") : inner.rfind(b">") + 1], "utf-8")
        except UnicodeDecodeError:
            return None


def _read_by_member(layout, path, log, feedback, progress, state, source):
    """The fast path for plain files: each member parsed on its own out of the memory map.

    Every stretch between members must parse on its own as well (it holds the CityModel's
    Envelope, or appearances); the rest of the file must close the root. Anything else raises
    _NotPlainError and the whole-file path reads the file instead."""
    data, position, members = layout.data, layout.body, 0
    while True:
        match = _MEMBER_START.search(data, position)
        gap = data[position : match.start() if match else len(data)]
        if match is None and gap.strip() == layout.wrap_close:
            return
        if gap.strip():
            # The root's Envelope, appearances …; after the last member: the root's end tag.
            root = layout.parse(gap) if match else layout.parse_tail(gap)
            state.take_namespaces(root)
            for envelope in root.iter("{*}Envelope"):
                state.take_envelope(envelope)
        if match is None:
            if not gap.strip():
                raise _NotPlainError()  # the root is never closed
            return
        qname, start = match.group(1), match.start()
        open_end = data.find(b">", match.end())
        if open_end < 0:
            raise _NotPlainError()
        if data[open_end - 1 : open_end] == b"/":  # an empty member (xlink:href to an object elsewhere)
            position = open_end + 1
            continue
        close = data.find(b"</" + qname + b">", open_end)
        if close < 0:
            raise _NotPlainError()
        position = close + len(qname) + 3
        if match.group(2) == b"appearanceMember":
            layout.parse(data[start:position])  # only checked: the reader takes no appearance
            continue
        inner = data[open_end + 1 : close]
        names_srs = b"srsName" in inner  # then the first srsName inside a building names its CRS: keep all
        root = layout.parse(
            data[start : open_end + 1],
            *([inner] if names_srs else _without_terrain_curves(inner)),
            data[close:position],
        )
        state.take_namespaces(root)
        member = root[0]
        if state.default_srs is None:
            for envelope in member.iter("{*}Envelope"):
                state.take_envelope(envelope)
        # A member holds one building (the usual case): its original text is the member's inside.
        text = _MemberText(inner, names_srs) if len(member) == 1 else source
        first_line = layout.line_of(start) if _needs_lines(member) else 1
        yield from _read_member(member, path, log, feedback, state, text, first_line)
        root = member = None
        members += 1
        if progress is not None and members % 16 == 0:
            progress(position)


def _needs_lines(member):
    """True when a building of the member has no gml:id (its made-up id names the line)."""
    return any(isinstance(obj.tag, str) and not _gml_id(obj) for obj in member)


def _namespaces_from_header(header):
    return {(m.group(1) or ""): m.group(2) for m in _XMLNS_RE.finditer(header)}
