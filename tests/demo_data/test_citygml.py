"""The generated Soest LoD2 CityGML tiles: well-formed, NRW-like, closed solids, terrain-consistent."""

import collections
import re
from pathlib import Path

import numpy as np
import pytest
from lxml import etree

from tools.demo_data import citygml, streets, terrain

NS = {
    "core": "http://www.opengis.net/citygml/1.0",
    "bldg": "http://www.opengis.net/citygml/building/1.0",
    "gen": "http://www.opengis.net/citygml/generics/1.0",
    "gml": "http://www.opengis.net/gml",
    "xAL": "urn:oasis:names:tc:ciq:xsdschema:xAL:2.0",
    "xlink": "http://www.w3.org/1999/xlink",
}
GML_ID = "{http://www.opengis.net/gml}id"
HREF = "{http://www.w3.org/1999/xlink}href"
TILE = "LoD2_32_438_5713_1_NW"  # old town: churches, terraced houses, annexes
EMPTY_TILE = "LoD2_32_439_5711_1_NW"  # gets no building because of ``count``
COUNT = 300


def _generate(out_dir):
    return citygml.generate(out_dir, tiles=[TILE, EMPTY_TILE], count=COUNT)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("citygml")
    paths = [Path(p) for p in _generate(out)]
    return {p.stem: p for p in paths}


@pytest.fixture(scope="module")
def tile_tree(generated):
    return etree.parse(str(generated[TILE]))


@pytest.fixture(scope="module")
def city_plan():
    return citygml.plan()


def _points(poslist):
    values = np.array(poslist.text.split(), dtype=float)
    assert values.size % 3 == 0
    return values.reshape(-1, 3)


def _solid_owners(tree):
    """Every Building or BuildingPart that carries a lod2Solid."""
    return tree.xpath("//bldg:Building[bldg:lod2Solid] | //bldg:BuildingPart[bldg:lod2Solid]", namespaces=NS)


def _polygons(owner):
    """gml:id -> (surface kind, ring points) of the polygons in the owner's own boundedBy."""
    out = {}
    for surface in owner.iterfind("bldg:boundedBy/*", NS):
        for poly in surface.iterfind(".//gml:Polygon", NS):
            ring = _points(poly.find("gml:exterior/gml:LinearRing/gml:posList", NS))[:-1]
            out[poly.get(GML_ID)] = (etree.QName(surface).localname, ring)
    return out


def _paths(tree):
    out = set()

    def walk(el, prefix):
        if not isinstance(el.tag, str):
            return
        path = prefix + "/" + el.tag
        out.add(path)
        for child in el:
            walk(child, path)

    walk(tree.getroot(), "")
    return out


def _newell(ring):
    x, y, z = ring[:, 0], ring[:, 1], ring[:, 2]
    x1, y1, z1 = np.roll(x, -1), np.roll(y, -1), np.roll(z, -1)
    return np.array([((y - y1) * (z + z1)).sum(), ((z - z1) * (x + x1)).sum(), ((x - x1) * (y + y1)).sum()]) / 2


# ------------------------------------------------------------------------------------------


def test_files_cover_requested_tiles(generated):
    assert sorted(generated) == sorted([TILE, EMPTY_TILE])
    for stem, path in generated.items():
        assert re.fullmatch(r"LoD2_32_\d{3}_\d{4}_1_NW", stem)
        assert path.suffix == ".gml"
        assert not list(path.parent.glob(".tmp-*")), "temporary files left behind"


def test_same_root_structure_and_namespaces_as_nrw(tile_tree, shared_fixtures):
    real = etree.parse(str(shared_fixtures / "citygml" / "LoD2_32_331_5726_1_NW.gml"))
    ours, theirs = tile_tree.getroot(), real.getroot()
    assert ours.tag == theirs.tag == "{http://www.opengis.net/citygml/1.0}CityModel"
    assert ours.nsmap == theirs.nsmap
    schema = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
    assert ours.get(schema) == theirs.get(schema)
    assert [etree.QName(c).localname for c in ours[:2]] == [etree.QName(c).localname for c in theirs[:2]]
    assert {etree.QName(c).localname for c in ours[2:]} == {"cityObjectMember"}
    env, real_env = (r.find("gml:boundedBy/gml:Envelope", NS) for r in (ours, theirs))
    assert env.get("srsName") == real_env.get("srsName")
    assert "DE_DHHN2016_NH" in env.get("srsName")
    for corner in ("gml:lowerCorner", "gml:upperCorner"):
        assert env.find(corner, NS).get("srsDimension") == "3"
    # Every element path of the real tile occurs in ours, and ours adds only the postal code.
    ours_paths, real_paths = _paths(tile_tree), _paths(real)
    assert real_paths <= ours_paths, real_paths - ours_paths
    extra = {p for p in ours_paths - real_paths if "PostalCode" not in p}
    assert not extra, extra


def test_xml_declaration_and_encoding_like_nrw(generated, shared_fixtures):
    real = (shared_fixtures / "citygml" / "LoD2_32_331_5726_1_NW.gml").read_bytes()
    ours = generated[TILE].read_bytes()
    assert ours.splitlines()[0] == real.splitlines()[0]
    assert ours.endswith(b"</core:CityModel>")


def test_empty_tile_like_real_empty_tile(generated, shared_fixtures):
    ours = etree.parse(str(generated[EMPTY_TILE])).getroot()
    real = etree.parse(str(shared_fixtures / "citygml" / "LoD2_32_324_5730_1_NW.gml")).getroot()
    assert [c.tag for c in ours] == [c.tag for c in real]
    lower = ours.find("gml:boundedBy/gml:Envelope/gml:lowerCorner", NS).text.split()
    assert lower == ["439000.0", "5711000.0", "NaN"]


def test_buildings_have_nrw_attributes(tile_tree):
    buildings = tile_tree.findall("//bldg:Building", NS)
    assert len(buildings) == COUNT
    known_roofs = {"1000", "2100", "3100", "3200", "3300", "3400", "3500", "4000"}
    for b in buildings:
        gid = b.get(GML_ID)
        assert re.fullmatch(r"DENW39AL[0-9A-Za-z]{8}", gid)
        assert b.findtext("core:externalReference/core:externalObject/core:name", namespaces=NS) == gid
        attrs = {a.get("name"): a.findtext("gen:value", namespaces=NS) for a in b.findall("gen:stringAttribute", NS)}
        assert attrs["Gemeindeschluessel"] == "05974040"
        assert re.fullmatch(r"31001_\d{4}", b.findtext("bldg:function", namespaces=NS))
        holders = b.findall("bldg:consistsOfBuildingPart/bldg:BuildingPart", NS) or [b]
        for h in holders:
            attrs = {
                a.get("name"): a.findtext("gen:value", namespaces=NS) for a in h.findall("gen:stringAttribute", NS)
            }
            assert {"DatenquelleDachhoehe", "DatenquelleBodenhoehe", "DatenquelleLage"} <= set(attrs)
            assert h.findtext("bldg:roofType", namespaces=NS) in known_roofs
            assert h.find("bldg:measuredHeight", NS).get("uom") == "urn:adv:uom:m"
    functions = collections.Counter(b.findtext("bldg:function", namespaces=NS) for b in buildings)
    assert functions["31001_1010"] > 0 and functions["31001_3041"] > 0
    with_parts = [b for b in buildings if b.find("bldg:consistsOfBuildingPart", NS) is not None]
    assert with_parts, "no building with BuildingParts in the sample"
    closures = tile_tree.findall("//bldg:BuildingPart/bldg:boundedBy/bldg:ClosureSurface", NS)
    assert closures


def test_addresses(tile_tree):
    names = {s.name for s in streets.streets()}
    addresses = tile_tree.findall("//bldg:Building/bldg:address//xAL:Locality", NS)
    assert len(addresses) > COUNT // 2
    for loc in addresses:
        assert loc.findtext("xAL:LocalityName", namespaces=NS) == streets.LOCALITY
        assert loc.get("Type") == "Town"
        assert loc.findtext("xAL:Thoroughfare/xAL:ThoroughfareName", namespaces=NS) in names
        assert re.fullmatch(r"\d+[a-z]?", loc.findtext("xAL:Thoroughfare/xAL:ThoroughfareNumber", namespaces=NS))
        assert loc.findtext("xAL:PostalCode/xAL:PostalCodeNumber", namespaces=NS) == streets.POSTAL_CODE


def test_house_numbers_ascend_along_street_with_odd_even_sides(city_plan):
    groups = collections.defaultdict(list)
    suffixed = 0
    for bp in city_plan:
        if bp.number is not None and bp.number.isdigit():
            groups[(bp.street, bp.side)].append(bp)
        elif bp.number is not None:  # back house "12a" behind the front house "12" of the same street
            suffixed += 1
            front = bp.extra["rear_of"]
            assert bp.number == front.number + "a" and bp.street == front.street
    assert suffixed > 0
    assert len(groups) > 50
    for (name, side), members in groups.items():
        members.sort(key=lambda b: (b.station, b.gml_id))
        numbers = [int(b.number) for b in members]
        assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers), name
        assert {n % 2 for n in numbers} == {1 if side == 1 else 0}, name


def test_solid_xlinks_resolve_to_polygons_of_the_same_object(tile_tree):
    owners = _solid_owners(tile_tree)
    assert owners
    for owner in owners:
        polygons = _polygons(owner)
        hrefs = [m.get(HREF) for m in owner.iterfind("bldg:lod2Solid//gml:surfaceMember", NS)]
        assert hrefs and all(h.startswith("#") for h in hrefs)
        assert sorted(h[1:] for h in hrefs) == sorted(polygons), owner.get(GML_ID)


def test_poslists_closed_3d_and_planar(tile_tree):
    rings = tile_tree.findall("//gml:LinearRing/gml:posList", NS)
    assert rings
    for pl in rings:
        assert pl.get("srsDimension") == "3"
        pts = _points(pl)
        assert len(pts) >= 4
        assert np.array_equal(pts[0], pts[-1])
        ring = pts[:-1]
        assert len(np.unique(ring, axis=0)) == len(ring), "repeated vertex"
        n = _newell(ring)
        assert np.linalg.norm(n) > 1e-3, "degenerate polygon"
        n = n / np.linalg.norm(n)
        assert np.abs((ring - ring.mean(axis=0)) @ n).max() < 0.01, "polygon not planar"
    for pl in tile_tree.findall("//bldg:lod2TerrainIntersection//gml:posList", NS):
        assert pl.get("srsDimension") == "3"
        assert len(_points(pl)) >= 2


def test_every_solid_is_a_closed_outward_shell(tile_tree):
    owners = _solid_owners(tile_tree)
    for owner in owners:
        gid = owner.get(GML_ID)
        edges = collections.Counter()
        volume = 0.0
        for kind, ring in _polygons(owner).values():
            keys = [tuple(np.round(p, 3)) for p in ring]
            for a, b in zip(keys, keys[1:] + keys[:1]):
                edges[(a, b)] += 1
            n = _newell(ring)
            volume += n @ ring[0] / 3.0
            if kind == "GroundSurface":
                assert n[2] < 0, "ground surface of {} not facing down".format(gid)
            if kind == "RoofSurface":
                assert n[2] > 0, "roof surface of {} facing down".format(gid)
        for (a, b), k in edges.items():
            assert k == 1, "edge used twice in the same direction in {}".format(gid)
            assert edges.get((b, a)) == 1, "open edge in {}".format(gid)
        assert volume > 1.0, "shell of {} oriented inwards".format(gid)


def test_ground_height_from_terrain_and_measured_height(tile_tree):
    for b in tile_tree.findall("//bldg:Building", NS):
        owners = b.findall("bldg:consistsOfBuildingPart/bldg:BuildingPart", NS) or [b]
        tic = np.vstack([_points(pl) for pl in b.iterfind(".//bldg:lod2TerrainIntersection//gml:posList", NS)])
        expected = terrain.ground_height(tic[:, 0], tic[:, 1])
        assert np.abs(tic[:, 2] - expected).max() < 0.002
        ground = round(float(expected.min()), 3)
        for owner in owners:
            polys = _polygons(owner).values()
            grounds = [ring for kind, ring in polys if kind == "GroundSurface"]
            assert grounds
            for ring in grounds:
                assert np.abs(ring[:, 2] - ground).max() < 0.002
            top = max(ring[:, 2].max() for _, ring in polys)
            low = min(ring[:, 2].min() for _, ring in polys)
            assert low == pytest.approx(ground, abs=0.002)
            measured = float(owner.findtext("bldg:measuredHeight", namespaces=NS))
            assert measured == pytest.approx(top - ground, abs=0.002)
            assert 2.0 < measured < 90.0


def test_gml_ids_unique(generated):
    seen = set()
    for path in generated.values():
        for _, el in etree.iterparse(str(path), events=("end",)):
            gid = el.get(GML_ID)
            if gid is not None:
                assert gid not in seen, gid
                seen.add(gid)
    assert len(seen) > COUNT * 10


def test_file_names_match_tile_of_content(generated):
    for stem, path in generated.items():
        e_km, n_km = (int(v) for v in stem.split("_")[2:4])
        tree = etree.parse(str(path))
        assert tree.findtext("gml:name", namespaces=NS) == stem
        lower = tree.findtext("gml:boundedBy/gml:Envelope/gml:lowerCorner", namespaces=NS).split()
        upper = tree.findtext("gml:boundedBy/gml:Envelope/gml:upperCorner", namespaces=NS).split()
        assert [float(v) for v in lower[:2]] == [e_km * 1000.0, n_km * 1000.0]
        assert [float(v) for v in upper[:2]] == [e_km * 1000.0 + 1000.0, n_km * 1000.0 + 1000.0]
        zs = []
        for b in tree.iterfind("//bldg:Building", NS):
            area = cx = cy = 0.0
            for ring in b.iterfind(".//bldg:GroundSurface//gml:posList", NS):
                pts = _points(ring)[:-1]
                x, y = pts[:, 0] - e_km * 1000.0, pts[:, 1] - n_km * 1000.0  # local: no cancellation
                x1, y1 = np.roll(x, -1), np.roll(y, -1)
                cross = x * y1 - x1 * y
                a = cross.sum() / 2
                area += a
                cx += ((x + x1) * cross).sum() / 6
                cy += ((y + y1) * cross).sum() / 6
            cx, cy = cx / area, cy / area
            assert 0.0 <= cx < 1000.0 and 0.0 <= cy < 1000.0, b.get(GML_ID)
            zs.extend(float(v) for v in b.xpath(".//gml:Polygon//gml:posList/text()", namespaces=NS)[0].split()[2::3])
        if zs:
            assert float(lower[2]) <= min(zs) and float(upper[2]) >= max(zs)


def test_deterministic_bytes(generated, tmp_path):
    again = {Path(p).stem: Path(p) for p in _generate(tmp_path)}
    assert sorted(again) == sorted(generated)
    for stem, path in generated.items():
        assert again[stem].read_bytes() == path.read_bytes(), stem


def test_plan_is_a_city(city_plan):
    tiles = collections.Counter(bp.tile for bp in city_plan)
    assert len(city_plan) >= 3000
    assert len([t for t, n in tiles.items() if n >= 100]) >= 4
    parted = sum(1 for bp in city_plan if len(bp.blocks) > 1)
    assert 0.05 < parted / len(city_plan) < 0.2
    functions = {bp.function for bp in city_plan}
    assert {"31001_1010", "31001_2463", "31001_3041"} <= functions
    assert any(f.startswith("31001_2") and f != "31001_2463" for f in functions)
    roofs = {b.roof for bp in city_plan for b in bp.blocks}
    assert {1000, 2100, 3100, 3200, 3300, 3400} <= roofs
    xmin, ymin, xmax, ymax = streets.AREA
    for bp in city_plan:
        for b in bp.blocks:
            for x, y in b.corners():
                assert xmin <= x <= xmax and ymin <= y <= ymax


def test_footprints_do_not_overlap(city_plan):
    from shapely.geometry import Polygon
    from shapely.strtree import STRtree

    polys = [Polygon(b.corners()).buffer(-0.05, join_style=2) for bp in city_plan for b in bp.blocks]
    tree = STRtree(polys)
    overlaps = 0
    for poly in polys:
        for hit in tree.query(poly):  # indexes (shapely 2) or geometries (shapely 1.8)
            other = polys[int(hit)] if isinstance(hit, (int, np.integer)) else hit
            if other is not poly and other.intersects(poly):
                overlaps += 1
    assert overlaps == 0


def test_gdal_opens_generated_tile_like_a_real_one(generated, shared_fixtures, tmp_path):
    gdal = pytest.importorskip("osgeo.gdal")
    gdal.UseExceptions()

    def layers(path):
        # WRITE_GFS=NO: never leave a .gfs next to the (read-only) real fixture.
        ds = gdal.OpenEx(str(path), gdal.OF_VECTOR, open_options=["WRITE_GFS=NO"])
        assert ds is not None
        return {ds.GetLayer(i).GetName(): ds.GetLayer(i).GetFeatureCount() for i in range(ds.GetLayerCount())}

    real = layers(shared_fixtures / "citygml" / "LoD2_32_331_5726_1_NW.gml")
    ours = layers(generated[TILE])
    assert set(ours) == set(real) == {"Building"}
    assert ours["Building"] == COUNT


def test_cancel_keeps_finished_tiles_only(tmp_path):
    from soest_qgis_plugin.common.errors import Cancelled
    from soest_qgis_plugin.common.feedback import CollectingFeedback

    feedback = CollectingFeedback(cancel_after=1)
    with pytest.raises(Cancelled):
        citygml.generate(tmp_path, tiles=[EMPTY_TILE, "LoD2_32_437_5711_1_NW"], count=0, feedback=feedback)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["LoD2_32_437_5711_1_NW.gml"]
