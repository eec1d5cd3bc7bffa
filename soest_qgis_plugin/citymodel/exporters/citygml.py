"""CityGML: the ORIGINAL XML of the selected buildings, unchanged, inside a new CityModel document.

The root element repeats the source file's namespace declarations (from the store, or read from
the start of the source file), ``gml:boundedBy`` is recomputed from the selected buildings.
Coordinates are never transformed here: local origin and target CRS do not apply.
"""

import os
import re
from xml.sax.saxutils import quoteattr

from ...common.errors import InputError
from ...common.i18n import tr
from .. import mesh as meshlib
from ..export import atomic_outputs

GML_NS = "http://www.opengis.net/gml"
CORE_NS = {"1.0": "http://www.opengis.net/citygml/1.0", "2.0": "http://www.opengis.net/citygml/2.0"}
_ROOT_RE = re.compile(r"<(?:([\w.-]+):)?CityModel\b[^>]*>", re.S)
_XMLNS_RE = re.compile(r"""xmlns(?::([\w.-]+))?\s*=\s*(["'])(.*?)\2""", re.S)
_SRS_RE = re.compile(r"""srsName\s*=\s*(["'])(.*?)\1""")


def read_source_header(path, limit=262_144):
    """(root start tag, namespaces, first srsName) at the start of a CityGML file, or None."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(limit).decode("utf-8", errors="replace")
    except OSError:
        return None
    match = _ROOT_RE.search(head)
    if not match:
        return None
    tag = match.group(0)
    namespaces = {m.group(1) or "": m.group(3) for m in _XMLNS_RE.finditer(tag)}
    srs = _SRS_RE.search(head, match.end())
    return tag, namespaces, srs.group(2) if srs else ""


def namespaces_from_header(header):
    """{prefix: uri} declared in a CityModel start tag ('' = default namespace)."""
    match = _ROOT_RE.search(header or "")
    tag = match.group(0) if match else (header or "")
    return {m.group(1) or "": m.group(3) for m in _XMLNS_RE.finditer(tag)}


def merge_namespaces(target, source):
    for prefix, uri in source.items():
        known = target.get(prefix)
        if known is not None and known != uri:
            raise InputError(
                tr(
                    "The selected buildings come from CityGML files with different namespaces "
                    "(prefix {prefix}: {first} / {second}); export them separately."
                ).format(prefix=prefix or "(default)", first=known, second=uri)
            )
        target[prefix] = uri


def _prefix_for(namespaces, uri, wanted):
    for prefix, known in namespaces.items():
        if known == uri and prefix:
            return prefix
    prefix, k = wanted, 1
    while prefix in namespaces:
        k += 1
        prefix = f"{wanted}{k}"
    namespaces[prefix] = uri
    return prefix


def _core_uri(namespaces):
    for uri in namespaces.values():
        if uri in CORE_NS.values():
            return uri
    return CORE_NS["2.0"]


def _fmt(value):
    return f"{value:.3f}".rstrip("0").rstrip(".") if value == value else "0"


def export(job, out_path):
    options = job.options
    if options.local_origin or options.target_crs:
        job.warn(tr("CityGML export keeps the original coordinates: local origin and target CRS are ignored."))
    if options.terrain:
        job.warn(tr("CityGML export contains buildings only: the terrain is not included."))
    namespaces = dict(options.namespaces or {})
    header_srs = options.srs_name or ""
    seen_sources = set()
    members = []
    skipped = 0
    total = len(job.buildings)
    for i, building in enumerate(job.buildings):
        job.progress(i, total, 0.0, 60.0)
        text = (building.original or "").strip()
        if not text.startswith("<"):
            skipped += 1
            job.warn(
                tr("Building {gml_id} has no original CityGML (it came from CityJSON) and is left out.").format(
                    gml_id=building.gml_id
                )
            )
            continue
        source = building.source_file
        if source and source not in seen_sources:
            seen_sources.add(source)
            if not options.namespaces and os.path.isfile(source):
                found = read_source_header(source)
                if found:
                    merge_namespaces(namespaces, found[1])
                    header_srs = header_srs or found[2]
        members.append(building)
    if not members:
        raise InputError(tr("None of the selected buildings has original CityGML to export."))
    if not namespaces:
        # Without the source header: declare what a CityGML 2.0 building needs at least.
        namespaces = {
            "core": CORE_NS["2.0"],
            "bldg": "http://www.opengis.net/citygml/building/2.0",
            "gen": "http://www.opengis.net/citygml/generics/2.0",
            "gml": GML_NS,
            "xlink": "http://www.w3.org/1999/xlink",
        }
    core = _core_uri(namespaces)
    core_prefix = _prefix_for(namespaces, core, "core")
    gml_prefix = _prefix_for(namespaces, GML_NS, "gml")
    srs_name = header_srs
    if not srs_name:
        match = _SRS_RE.search(members[0].original)
        srs_name = match.group(2) if match else (meshlib.normalise_crs(members[0].crs) or "EPSG:25832")
    bounds = meshlib.bounds_of([b.vertices() for b in members])
    root = f"{core_prefix}:CityModel"
    decls = " ".join(
        f"xmlns={quoteattr(uri)}" if not prefix else f"xmlns:{prefix}={quoteattr(uri)}"
        for prefix, uri in sorted(namespaces.items())
    )
    with atomic_outputs(out_path) as (tmp,), open(tmp, "w", encoding="utf-8", newline="") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        handle.write(f"<{root} {decls}>\n")
        if bounds is not None:
            g = gml_prefix
            handle.write(
                f'  <{g}:boundedBy>\n    <{g}:Envelope srsName={quoteattr(srs_name)} srsDimension="3">\n'
                f"      <{g}:lowerCorner>{_fmt(bounds[0])} {_fmt(bounds[1])} {_fmt(bounds[2])}</{g}:lowerCorner>\n"
                f"      <{g}:upperCorner>{_fmt(bounds[3])} {_fmt(bounds[4])} {_fmt(bounds[5])}</{g}:upperCorner>\n"
                f"    </{g}:Envelope>\n  </{g}:boundedBy>\n"
            )
        for i, building in enumerate(members):
            job.progress(i, len(members), 60.0, 100.0)
            handle.write(f"  <{core_prefix}:cityObjectMember>")
            handle.write(building.original)
            handle.write(f"</{core_prefix}:cityObjectMember>\n")
        handle.write(f"</{root}>\n")
    return {"buildings": len(members), "skipped": skipped, "files": [out_path]}
