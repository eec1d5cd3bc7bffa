"""Small deterministic CityGML / CityJSON writers for the city model tests (no fixtures here)."""

import json

E0, N0, Z0 = 437_000.0, 5_713_000.0, 95.0

NS_10 = (
    'xmlns="http://www.opengis.net/citygml/1.0" xmlns:core="http://www.opengis.net/citygml/1.0" '
    'xmlns:gen="http://www.opengis.net/citygml/generics/1.0" xmlns:bldg="http://www.opengis.net/citygml/building/1.0" '
    'xmlns:gml="http://www.opengis.net/gml" xmlns:xAL="urn:oasis:names:tc:ciq:xsdschema:xAL:2.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"'
)
NS_20 = (
    NS_10.replace("citygml/1.0", "citygml/2.0")
    .replace("generics/1.0", "generics/2.0")
    .replace("building/1.0", "building/2.0")
)
ADV_SRS = "urn:adv:crs:ETRS89_UTM32*DE_DHHN2016_NH"


def box_faces(x0, y0, w, d, z0, h):
    """Outward-oriented faces of a box: (semantic, [(x, y, z), ...]) with closed rings."""
    x1, y1, z1 = x0 + w, y0 + d, z0 + h
    faces = [
        ("GroundSurface", [(x0, y0, z0), (x0, y1, z0), (x1, y1, z0), (x1, y0, z0)]),
        ("RoofSurface", [(x0, y0, z1), (x1, y0, z1), (x1, y1, z1), (x0, y1, z1)]),
        ("WallSurface", [(x0, y0, z0), (x1, y0, z0), (x1, y0, z1), (x0, y0, z1)]),
        ("WallSurface", [(x1, y0, z0), (x1, y1, z0), (x1, y1, z1), (x1, y0, z1)]),
        ("WallSurface", [(x1, y1, z0), (x0, y1, z0), (x0, y1, z1), (x1, y1, z1)]),
        ("WallSurface", [(x0, y1, z0), (x0, y0, z0), (x0, y0, z1), (x0, y1, z1)]),
    ]
    return faces


def _pos(points, close=True):
    pts = list(points) + ([points[0]] if close else [])
    return " ".join(f"{x:.3f} {y:.3f} {z:.3f}" for x, y, z in pts)


def _polygon(pid, points, close=True):
    return (
        f'<gml:Polygon gml:id="{pid}"><gml:exterior><gml:LinearRing><gml:posList srsDimension="3">'
        f"{_pos(points, close)}</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>"
    )


def building_xml(
    gml_id,
    x0=E0,
    y0=N0,
    w=10.0,
    d=8.0,
    z0=Z0,
    h=6.0,
    function="31001_1010",
    roof="1000",
    street="Marktstraße",
    number="1",
    parts=(),
    mode="boundedBy",
    faces=None,
    close=True,
):
    """One bldg:Building. ``mode``: 'boundedBy' (lod2Solid with xlinks), 'multisurface', 'lod1',
    'none' (no geometry). ``parts``: [(part_id, dx, dy, w, d, h)] as BuildingParts."""
    faces = faces if faces is not None else box_faces(x0, y0, w, d, z0, h)
    body = [f'<bldg:Building gml:id="{gml_id}">']
    body.append('<gen:stringAttribute name="DatenquelleDachhoehe"><gen:value>1000</gen:value></gen:stringAttribute>')
    if function:
        body.append(f"<bldg:function>{function}</bldg:function>")
    if roof:
        body.append(f"<bldg:roofType>{roof}</bldg:roofType>")
    body.append(f'<bldg:measuredHeight uom="urn:adv:uom:m">{h}</bldg:measuredHeight>')
    body.append(_geometry(gml_id, faces, mode, close))
    for part_id, dx, dy, pw, pd, ph in parts:
        part_faces = box_faces(x0 + dx, y0 + dy, pw, pd, z0, ph)
        body.append(
            f'<bldg:consistsOfBuildingPart><bldg:BuildingPart gml:id="{part_id}"><bldg:roofType>3100</bldg:roofType>'
            + _geometry(part_id, part_faces, "boundedBy", close)
            + "</bldg:BuildingPart></bldg:consistsOfBuildingPart>"
        )
    if street:
        body.append(
            "<bldg:address><core:Address><core:xalAddress><xAL:AddressDetails><xAL:Country>"
            '<xAL:CountryName>Germany</xAL:CountryName><xAL:Locality Type="Town"><xAL:LocalityName>Soest'
            '</xAL:LocalityName><xAL:Thoroughfare Type="Street">'
            f"<xAL:ThoroughfareNumber>{number}</xAL:ThoroughfareNumber>"
            f"<xAL:ThoroughfareName>{street}</xAL:ThoroughfareName></xAL:Thoroughfare>"
            "<xAL:PostalCode><xAL:PostalCodeNumber>59494</xAL:PostalCodeNumber></xAL:PostalCode>"
            "</xAL:Locality></xAL:Country></xAL:AddressDetails></core:xalAddress></core:Address></bldg:address>"
        )
    body.append("</bldg:Building>")
    return "".join(body)


def _geometry(gml_id, faces, mode, close):
    if mode == "none":
        return ""
    polys = [(f"{gml_id}_p{k}", semantic, pts) for k, (semantic, pts) in enumerate(faces)]
    if mode == "lod1":
        members = "".join(
            f"<gml:surfaceMember>{_polygon(pid, pts, close)}</gml:surfaceMember>" for pid, _, pts in polys
        )
        return (
            "<bldg:lod1Solid><gml:Solid><gml:exterior><gml:CompositeSurface>"
            f"{members}</gml:CompositeSurface></gml:exterior></gml:Solid></bldg:lod1Solid>"
        )
    if mode == "multisurface":
        members = "".join(
            f"<gml:surfaceMember>{_polygon(pid, pts, close)}</gml:surfaceMember>" for pid, _, pts in polys
        )
        return f"<bldg:lod2MultiSurface><gml:MultiSurface>{members}</gml:MultiSurface></bldg:lod2MultiSurface>"
    hrefs = "".join(f'<gml:surfaceMember xlink:href="#{pid}"/>' for pid, _, _ in polys)
    out = [
        "<bldg:lod2Solid><gml:Solid><gml:exterior><gml:CompositeSurface>"
        f"{hrefs}</gml:CompositeSurface></gml:exterior></gml:Solid></bldg:lod2Solid>",
        "<bldg:lod2TerrainIntersection><gml:MultiCurve><gml:curveMember><gml:LineString>"
        "<gml:posList>0 0 0 1 1 1</gml:posList></gml:LineString></gml:curveMember></gml:MultiCurve>"
        "</bldg:lod2TerrainIntersection>",
    ]
    for pid, semantic, pts in polys:
        out.append(
            f'<bldg:boundedBy><bldg:{semantic} gml:id="{pid}_s"><bldg:lod2MultiSurface><gml:MultiSurface>'
            f"<gml:surfaceMember>{_polygon(pid, pts, close)}</gml:surfaceMember></gml:MultiSurface>"
            f"</bldg:lod2MultiSurface></bldg:{semantic}></bldg:boundedBy>"
        )
    return "".join(out)


def citygml(buildings, version="1.0", srs=ADV_SRS, name="tile"):
    """A CityModel document with the given bldg:Building XML strings."""
    ns = NS_10 if version == "1.0" else NS_20
    envelope = (
        f'<gml:boundedBy><gml:Envelope srsName="{srs}"><gml:lowerCorner>{E0} {N0} 0</gml:lowerCorner>'
        f"<gml:upperCorner>{E0 + 1000} {N0 + 1000} 200</gml:upperCorner></gml:Envelope></gml:boundedBy>"
        if srs
        else ""
    )
    members = "".join(f"\n  <core:cityObjectMember>{b}</core:cityObjectMember>" for b in buildings)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<core:CityModel {ns}>\n  <gml:name>{name}</gml:name>{envelope}{members}\n</core:CityModel>\n"
    )


def write_tile(path, count, start=0, columns=20, **kwargs):
    """A tile of ``count`` box buildings on a grid, ids DENW_T{start+k}."""
    buildings = []
    for k in range(start, start + count):
        x = E0 + (k % columns) * 20.0
        y = N0 + (k // columns) * 20.0
        buildings.append(building_xml(f"DENW_T{k:05d}", x0=x, y0=y, number=str(k + 1), h=4.0 + (k % 7)))
    path.write_text(citygml(buildings, **kwargs), encoding="utf-8")
    return path


def cityjson_doc(count=2, version="2.0", crs="https://www.opengis.net/def/crs/EPSG/0/25832", with_part=True):
    """A CityJSON document with ``count`` box buildings (integer vertices + transform, semantics)."""
    vertices, objects = [], {}
    scale = 0.001
    translate = [E0, N0, 0.0]

    def add_box(x0, y0, w, d, z0, h):
        base = len(vertices)
        for z in (z0, z0 + h):
            for x, y in ((x0, y0), (x0 + w, y0), (x0 + w, y0 + d), (x0, y0 + d)):
                vertices.append(
                    [round((x - translate[0]) / scale), round((y - translate[1]) / scale), round(z / scale)]
                )
        b = base
        shell = [
            [[b + 0, b + 3, b + 2, b + 1]],
            [[b + 4, b + 5, b + 6, b + 7]],
            [[b + 0, b + 1, b + 5, b + 4]],
            [[b + 1, b + 2, b + 6, b + 5]],
            [[b + 2, b + 3, b + 7, b + 6]],
            [[b + 3, b + 0, b + 4, b + 7]],
        ]
        return {
            "type": "Solid",
            "lod": "2.2",
            "boundaries": [shell],
            "semantics": {
                "surfaces": [{"type": "GroundSurface"}, {"type": "RoofSurface"}, {"type": "WallSurface"}],
                "values": [[0, 1, 2, 2, 2, 2]],
            },
        }

    for k in range(count):
        oid = f"CJ_{k}"
        x = E0 + 100 + k * 20.0
        objects[oid] = {
            "type": "Building",
            "attributes": {"function": "31001_2463", "roofType": "1000", "measuredHeight": 3.0},
            "geometry": [add_box(x, N0 + 100, 6, 6, Z0, 3.0)],
        }
        if version == "2.0":
            objects[oid]["address"] = [{"ThoroughfareName": "Brüderstraße", "ThoroughfareNumber": str(k + 1)}]
        if with_part and k == 0:
            objects[oid]["children"] = [oid + "_part"]
            objects[oid + "_part"] = {
                "type": "BuildingPart",
                "parents": [oid],
                "geometry": [add_box(x + 6, N0 + 100, 4, 6, Z0, 5.0)],
            }
    doc = {
        "type": "CityJSON",
        "version": version,
        "transform": {"scale": [scale] * 3, "translate": translate},
        "CityObjects": objects,
        "vertices": vertices,
    }
    if crs:
        doc["metadata"] = {"referenceSystem": crs}
    return doc


def cityjson_seq(doc):
    """The same content as CityJSONSeq lines (header, then one feature per building)."""
    header = {k: v for k, v in doc.items() if k not in ("CityObjects", "vertices")}
    header["CityObjects"] = {}
    header["vertices"] = []
    lines = [json.dumps(header)]
    for oid, obj in doc["CityObjects"].items():
        if obj["type"] != "Building":
            continue
        members = {oid: obj}
        for child in obj.get("children", []):
            members[child] = doc["CityObjects"][child]
        mapping, vertices = {}, []

        def remap(value, mapping=mapping, vertices=vertices):
            if isinstance(value, list):
                return [remap(v) for v in value]
            if value not in mapping:
                mapping[value] = len(vertices)
                vertices.append(doc["vertices"][value])
            return mapping[value]

        feature_objects = {}
        for mid, member in members.items():
            member = dict(member)
            member["geometry"] = [dict(g, boundaries=remap(g["boundaries"])) for g in member["geometry"]]
            feature_objects[mid] = member
        lines.append(
            json.dumps({"type": "CityJSONFeature", "id": oid, "CityObjects": feature_objects, "vertices": vertices})
        )
    return "\n".join(lines) + "\n"
