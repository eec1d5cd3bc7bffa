"""Helpers for the export tests: constructed buildings, a synthetic DGM1 GeoTIFF, real fixture buildings.

Imported from the test modules (not a pytest conftest, so other tests are not affected).
"""

import numpy as np

from soest_qgis_plugin.citymodel.model import CLOSURE, GROUND, ROOF, WALL, Building, Surface

E0, N0 = 437_000.0, 5_714_000.0  # Soest, EPSG:25832
REAL_TILE = "LoD2_32_331_5726_1_NW.gml"  # in ../shared/fixtures/citygml: 18 buildings, BuildingParts, ClosureSurfaces


def house(gml_id, x0=E0, y0=N0, w=10.0, d=8.0, ground=95.0, eaves=6.0, ridge=9.0, attributes=None):
    """A closed gable-roof house (outward-oriented rings, no repeated closing vertex)."""
    x1, y1 = x0 + w, y0 + d
    ym = y0 + d / 2
    ze, zr = ground + eaves, ground + ridge

    def s(points, semantic, sid):
        return Surface([np.array(points, dtype=float)], semantic, f"{gml_id}_{sid}")

    surfaces = [
        s([(x0, y0, ground), (x0, y1, ground), (x1, y1, ground), (x1, y0, ground)], GROUND, "g"),
        s([(x0, y0, ground), (x1, y0, ground), (x1, y0, ze), (x0, y0, ze)], WALL, "ws"),
        s([(x1, y0, ground), (x1, y1, ground), (x1, y1, ze), (x1, ym, zr), (x1, y0, ze)], WALL, "we"),
        s([(x1, y1, ground), (x0, y1, ground), (x0, y1, ze), (x1, y1, ze)], WALL, "wn"),
        s([(x0, y1, ground), (x0, y0, ground), (x0, y0, ze), (x0, ym, zr), (x0, y1, ze)], WALL, "ww"),
        s([(x0, y0, ze), (x1, y0, ze), (x1, ym, zr), (x0, ym, zr)], ROOF, "rs"),
        s([(x1, y1, ze), (x0, y1, ze), (x0, ym, zr), (x1, ym, zr)], ROOF, "rn"),
    ]
    attrs = {"function": "31001_1010", "roofType": "3100", "measuredHeight": ridge}
    attrs.update(attributes or {})
    return Building(gml_id=gml_id, surfaces=surfaces, attributes=attrs, lod=2, crs="EPSG:25832")


def courtyard(gml_id, x0=E0 + 30, y0=N0, size=20.0, hole=8.0, ground=96.0, height=12.0):
    """A flat-roofed block with an inner courtyard: roof and ground polygons have a hole."""
    x1, y1 = x0 + size, y0 + size
    h0 = (size - hole) / 2
    hx0, hy0, hx1, hy1 = x0 + h0, y0 + h0, x1 - h0, y1 - h0
    zt = ground + height

    def ring(pts):
        return np.array(pts, dtype=float)

    outer_up = ring([(x0, y0, zt), (x1, y0, zt), (x1, y1, zt), (x0, y1, zt)])
    hole_up = ring([(hx0, hy0, zt), (hx0, hy1, zt), (hx1, hy1, zt), (hx1, hy0, zt)])
    outer_dn = ring([(x0, y0, ground), (x0, y1, ground), (x1, y1, ground), (x1, y0, ground)])
    hole_dn = ring([(hx0, hy0, ground), (hx1, hy0, ground), (hx1, hy1, ground), (hx0, hy1, ground)])
    surfaces = [Surface([outer_up, hole_up], ROOF, gml_id + "_r"), Surface([outer_dn, hole_dn], GROUND, gml_id + "_g")]

    def wall(a, b, sid):
        return Surface(
            [ring([(a[0], a[1], ground), (b[0], b[1], ground), (b[0], b[1], zt), (a[0], a[1], zt)])], WALL, sid
        )

    outer = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    inner = [(hx0, hy0), (hx0, hy1), (hx1, hy1), (hx1, hy0)]
    for k in range(4):
        surfaces.append(wall(outer[k], outer[(k + 1) % 4], f"{gml_id}_wo{k}"))
        surfaces.append(wall(inner[k], inner[(k + 1) % 4], f"{gml_id}_wi{k}"))
    return Building(gml_id=gml_id, surfaces=surfaces, attributes={"function": "31001_2463"}, lod=2)


def with_part(gml_id, x0=E0, y0=N0 + 40):
    """A building with a BuildingPart (surfaces tagged with ``part_id``) and a ClosureSurface."""
    main = house(gml_id, x0, y0)
    part = house(gml_id + "_part", x0 + 10, y0, w=6, d=8, eaves=3, ridge=4.5)
    for surface in part.surfaces:
        surface.part_id = gml_id + "_BP1"
    closure = Surface(
        [np.array([(x0 + 10, y0, 95), (x0 + 10, y0 + 8, 95), (x0 + 10, y0 + 8, 98), (x0 + 10, y0, 98)], float)],
        CLOSURE,
        gml_id + "_c",
    )
    closure.part_id = gml_id + "_BP1"
    main.surfaces += part.surfaces + [closure]
    main.part_ids = [gml_id + "_BP1"]
    return main


def town(count, seed=1, columns=None):
    """``count`` houses on a grid (deterministic), every 5th a courtyard block."""
    rng = np.random.default_rng(seed)
    columns = columns or max(1, int(np.ceil(np.sqrt(count))))
    out = []
    for i in range(count):
        x0 = E0 + (i % columns) * 30.0
        y0 = N0 + (i // columns) * 30.0
        if i % 5 == 4:
            out.append(courtyard(f"DENW{i:08d}", x0, y0, size=20.0, hole=8.0))
        else:
            out.append(
                house(
                    f"DENW{i:08d}",
                    x0,
                    y0,
                    w=float(rng.uniform(8, 14)),
                    d=float(rng.uniform(7, 10)),
                    ground=float(95 + rng.uniform(0, 3)),
                    eaves=float(rng.uniform(3, 7)),
                    ridge=float(rng.uniform(8, 11)),
                )
            )
    return out


def write_dem(path, minx, miny, maxx, maxy, res=1.0, base=94.0, slope=0.02, nodata_hole=False):
    """A synthetic DGM1 GeoTIFF (EPSG:25832): a gently sloped plane plus a bump."""
    import rasterio
    from rasterio.transform import from_origin

    cols = int(np.ceil((maxx - minx) / res))
    rows = int(np.ceil((maxy - miny) / res))
    xs = minx + (np.arange(cols) + 0.5) * res
    ys = maxy - (np.arange(rows) + 0.5) * res
    gx, gy = np.meshgrid(xs, ys)
    z = base + slope * (gx - minx) + 1.5 * np.exp(-(((gx - minx) / 40.0 - 1) ** 2 + ((gy - miny) / 40.0 - 1) ** 2))
    z = z.astype("float32")
    if nodata_hole:
        z[:3, :3] = -9999.0
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=cols,
        height=rows,
        count=1,
        dtype="float32",
        crs="EPSG:25832",
        transform=from_origin(minx, maxy, res, res),
        nodata=-9999.0,
    ) as dst:
        dst.write(z, 1)
    return path


def read_fixture_buildings(path):
    """Buildings of a real CityGML file, through the project's reader."""
    from soest_qgis_plugin.citymodel.readers.base import ReadLog
    from soest_qgis_plugin.citymodel.readers.citygml import read

    log = ReadLog()
    buildings = list(read(str(path), log))
    return buildings, log


# -- CityJSON 2.0: cjval's checks beyond the JSON schema ------------------------------------------
# The schema part is test_cityjson_official_schema.py: the official validator's own 2.0 schema,
# taken from its PyPI build (tools/official_cityjson_schema.py). cjval itself cannot run here.

CITYJSON_BUILDING_SEMANTICS = {
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
CITYJSON_TYPES = {"Building", "BuildingPart", "BuildingInstallation", "TINRelief"}


def cityjson_errors(doc):
    """Every violation of the CityJSON 2.0 rules our exporter must follow (empty list = valid).

    Besides the schema rules, this mirrors the checks the official validator cjval runs beyond the
    JSON schema (cityjson/cjval src/lib.rs): parents_children_consistency, wrong_vertex_index
    (geometry and address locations), semantics_arrays, textures/materials references,
    extra_root_properties, duplicate_vertices and unused_vertices; plus metadata.geographicalExtent
    matching the vertices (one grid step of ``transform.scale``).
    """
    errors = []

    def err(text):
        errors.append(text)

    allowed_root = {
        "type",
        "version",
        "transform",
        "metadata",
        "CityObjects",
        "vertices",
        "appearance",
        "geometry-templates",
        "extensions",
    }
    for key in doc:
        if key not in allowed_root and not key.startswith("+"):
            err(f"unknown root property {key}")
    if doc.get("type") != "CityJSON":
        err("type must be CityJSON")
    if doc.get("version") != "2.0":
        err("version must be 2.0")
    tr_ = doc.get("transform")
    if not isinstance(tr_, dict) or set(tr_) != {"scale", "translate"}:
        err("transform must have exactly scale and translate")
    else:
        for key in ("scale", "translate"):
            v = tr_[key]
            if not (isinstance(v, list) and len(v) == 3 and all(isinstance(x, (int, float)) for x in v)):
                err(f"transform.{key} must be 3 numbers")
        if not any(e.startswith("transform.") for e in errors) and not all(x > 0 for x in tr_["scale"]):
            err("transform.scale must be positive")
    vertices = doc.get("vertices")
    if not isinstance(vertices, list):
        err("vertices must be an array")
        vertices = []
    for i, v in enumerate(vertices):
        if not (isinstance(v, list) and len(v) == 3 and all(type(x) is int for x in v)):
            err(f"vertex {i} must be 3 integers")
            break
    if len({tuple(v) for v in vertices}) != len(vertices):
        err("duplicate vertices")
    nv = len(vertices)
    md = doc.get("metadata", {})
    ref = md.get("referenceSystem")
    if ref is not None and not (isinstance(ref, str) and ref.startswith("https://www.opengis.net/def/crs/")):
        err("metadata.referenceSystem must be an OGC CRS URL")
    ext = md.get("geographicalExtent")
    if ext is not None and (len(ext) != 6 or any(ext[i] > ext[i + 3] for i in range(3))):
        err("bad geographicalExtent")
    elif ext is not None and vertices and not any(e.startswith(("transform", "vertex")) for e in errors):
        scale, translate = tr_["scale"], tr_["translate"]
        for axis in range(3):
            coords = [v[axis] for v in vertices]
            low = min(coords) * scale[axis] + translate[axis]
            high = max(coords) * scale[axis] + translate[axis]
            step = scale[axis] * 1.01
            if abs(ext[axis] - low) > step or abs(ext[axis + 3] - high) > step:
                err(f"geographicalExtent axis {axis} ({ext[axis]}, {ext[axis + 3]}) != vertices ({low}, {high})")
    objects = doc.get("CityObjects")
    if not isinstance(objects, dict):
        return errors + ["CityObjects must be an object"]
    used = set()
    for oid, obj in objects.items():
        otype = obj.get("type")
        if otype not in CITYJSON_TYPES:
            err(f"{oid}: unknown type {otype}")
        if otype == "BuildingPart" and not obj.get("parents"):
            err(f"{oid}: BuildingPart without parents")
        for parent in obj.get("parents", []):
            if parent not in objects:
                err(f"{oid}: parent {parent} missing")
            elif oid not in objects[parent].get("children", []):
                err(f"{oid}: parent {parent} does not list it as child")
        for child in obj.get("children", []):
            if child not in objects:
                err(f"{oid}: child {child} missing")
            elif oid not in objects[child].get("parents", []):
                err(f"{oid}: child {child} does not name it as parent")
        for address in obj.get("address", []) or []:
            location = (address or {}).get("location") or {}
            for i in location.get("boundaries", []):
                if type(i) is not int or not 0 <= i < nv:
                    err(f"{oid}: address vertex index {i} out of range")
                used.add(i)
        attrs = obj.get("attributes", {})
        if not isinstance(attrs, dict) or any(v is None for v in attrs.values()):
            err(f"{oid}: attributes must be an object without null values")
        geoms = obj.get("geometry", [])
        if not isinstance(geoms, list):
            err(f"{oid}: geometry must be an array")
            continue
        appearance = doc.get("appearance") or {}
        for g in geoms:
            gtype = g.get("type")
            for key, pool in (("texture", "textures"), ("material", "materials")):
                if key in g and not appearance.get(pool):
                    err(f"{oid}: {key} references appearance.{pool}, which is missing or empty")
            if not isinstance(g.get("lod"), str):
                err(f"{oid}: lod must be a string")
            if gtype not in ("MultiSurface", "CompositeSurface"):
                err(f"{oid}: unexpected geometry type {gtype}")
                continue
            boundaries = g.get("boundaries", [])
            if not boundaries:
                err(f"{oid}: empty boundaries")
            for surface in boundaries:
                if not surface:
                    err(f"{oid}: empty surface")
                for ring in surface:
                    if len(ring) < 3:
                        err(f"{oid}: ring with fewer than 3 vertices")
                    if len(set(ring)) != len(ring):
                        err(f"{oid}: ring repeats a vertex")
                    for i in ring:
                        if type(i) is not int or not 0 <= i < nv:
                            err(f"{oid}: vertex index {i} out of range")
                        used.add(i)
            sem = g.get("semantics")
            if sem is not None:
                surfaces, values = sem.get("surfaces", []), sem.get("values", [])
                if len(values) != len(boundaries):
                    err(f"{oid}: semantics.values must have one entry per surface")
                for s in surfaces:
                    if otype in ("Building", "BuildingPart") and s.get("type") not in CITYJSON_BUILDING_SEMANTICS:
                        err(f"{oid}: semantic type {s.get('type')} not allowed")
                for v in values:
                    if v is not None and not (type(v) is int and 0 <= v < len(surfaces)):
                        err(f"{oid}: bad semantic value {v}")
    if nv and len(used) != nv:
        err("orphan vertices")
    return errors
