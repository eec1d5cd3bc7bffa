"""Readers: CityGML 1.0/2.0 and CityJSON/CityJSONSeq, real files and generated ones."""

import json

import numpy as np
import pytest

from soest_qgis_plugin.citymodel.crs import parse_srs
from soest_qgis_plugin.citymodel.model import GROUND, ROOF, WALL, part_of
from soest_qgis_plugin.citymodel.readers import ReadLog, iter_buildings, sniff_format
from tests.citymodel import gen


def read(paths):
    log = ReadLog()
    return list(iter_buildings(paths, None, log)), log


def test_nrw_tile_buildings_parts_addresses(shared_fixtures):
    path = shared_fixtures / "citygml" / "LoD2_32_331_5726_1_NW.gml"
    buildings, log = read(path)
    assert len(buildings) == 18
    assert not [p for p in log.problems if p.skipped]
    by_id = {b.gml_id: b for b in buildings}
    folded = by_id["DENW34AL0000hGGi"]
    assert folded.part_ids == [
        "UUID_78aa0e9f-6c2e-46a1-ac79-32c40cf89f57",
        "GUID_5463258097945130296_41",
        "GUID_5463258097945130296_42",
    ]
    assert {part_of(s) for s in folded.surfaces} - {""} == set(folded.part_ids)
    assert "ClosureSurface" in {s.semantic for s in folded.surfaces}
    house = by_id["DENW34AL0000hGGl"]
    assert house.attributes["street"] == "Gravinsel"
    assert house.attributes["house_number"] == "1"
    assert house.attributes["locality"] == "Wesel"
    assert house.attributes["function"] == "31001_2074"
    assert house.attributes["DatenquelleDachhoehe"] == "1000"
    assert house.crs == "EPSG:25832"
    assert house.attributes["height_reference"] == "DHHN2016"
    # xlink'd solid: the 6 boundedBy polygons, not 12
    assert len(house.surfaces) == 6
    assert {s.semantic for s in house.surfaces} == {GROUND, WALL, ROOF}
    info = log.files[str(path)]
    assert info.version == "1.0"
    assert (
        info.header.startswith("<core:CityModel")
        and 'xmlns:bldg="http://www.opengis.net/citygml/building/1.0"' in info.header
    )
    assert info.namespaces["bldg"] == "http://www.opengis.net/citygml/building/1.0"


def test_original_xml_is_the_building_element(shared_fixtures):
    path = shared_fixtures / "citygml" / "LoD2_32_329_5731_1_NW.gml"
    buildings, _ = read(path)
    source = path.read_text(encoding="utf-8")
    for building in buildings:
        assert building.original.startswith(f'<bldg:Building gml:id="{building.gml_id}">')
        assert "xmlns" not in building.original.split(">", 1)[0]
        # unchanged: the element's text is in the file exactly as it is
        assert building.original in source
        assert building.original.endswith("</bldg:Building>")


def test_empty_tile_and_other_versions(shared_fixtures):
    buildings, log = read(shared_fixtures / "citygml" / "LoD2_32_324_5730_1_NW.gml")
    assert buildings == [] and not log.problems
    buildings, log = read(shared_fixtures / "citygml" / "Building_LOD2-EPSG25832.gml")
    assert len(buildings) == 1
    assert buildings[0].crs == "EPSG:25832"
    assert buildings[0].attributes["yearOfConstruction"] == "1985"
    assert buildings[0].attributes["storeysAboveGround"] == 1
    buildings, log = read(shared_fixtures / "citygml" / "LOD2_Building_v100.gml")
    assert len(buildings) == 1 and buildings[0].crs == ""
    assert buildings[0].attributes["postal_code"]


def test_cityjson_real_files(shared_fixtures):
    folder = shared_fixtures / "cityjson"
    buildings, log = read(folder / "delft_1b.json")
    assert len(buildings) == 1 and buildings[0].crs == "EPSG:28992" and buildings[0].lod == 1
    buildings, _ = read(folder / "DH_01_subs.city.json")
    assert len(buildings) == 4
    assert sorted(len(b.part_ids) for b in buildings) == [0, 2, 3, 3]
    buildings, _ = read(folder / "multi_lod.json")
    assert len(buildings) == 10 and all(b.lod == 2 for b in buildings)
    assert all({s.semantic for s in b.surfaces} >= {ROOF, WALL} for b in buildings)
    buildings, log = read(folder / "minimal.json")
    assert buildings == [] and not log.problems
    buildings, log = read(folder / "cube_20.jsonl")
    assert [b.gml_id for b in buildings] == ["id-1", "id-1"]
    assert any("line 5" in p.reason for p in log.problems)
    first = json.loads(buildings[0].original)
    assert first["type"] == "CityJSONFeature"


@pytest.mark.parametrize("version", ["1.0", "2.0"])
def test_generated_citygml_modes(tmp_path, version):
    buildings = [
        gen.building_xml("B_SOLID"),
        gen.building_xml("B_MS", x0=gen.E0 + 50, mode="multisurface"),
        gen.building_xml("B_LOD1", x0=gen.E0 + 100, mode="lod1"),
        gen.building_xml("B_PARTS", x0=gen.E0 + 150, parts=[("P1", 10, 0, 5, 8, 9), ("P2", -5, 0, 5, 8, 3)]),
    ]
    path = tmp_path / "t.gml"
    path.write_text(gen.citygml(buildings, version=version), encoding="utf-8")
    result, log = read(path)
    by_id = {b.gml_id: b for b in result}
    assert set(by_id) == {"B_SOLID", "B_MS", "B_LOD1", "B_PARTS"}
    assert len(by_id["B_SOLID"].surfaces) == 6 and by_id["B_SOLID"].lod == 2
    assert by_id["B_LOD1"].lod == 1 and len(by_id["B_LOD1"].surfaces) == 6
    assert by_id["B_PARTS"].part_ids == ["P1", "P2"]
    assert len(by_id["B_PARTS"].surfaces) == 18
    assert by_id["B_PARTS"].attributes["roofType"] == "1000"  # the building's own wins over its parts'
    ring = by_id["B_SOLID"].surfaces[0].rings[0]
    assert ring.shape == (4, 3)  # closing vertex dropped
    assert log.files[str(path)].version == version
    assert not [p for p in log.problems if p.skipped]


def test_cityjson_and_seq_give_the_same_buildings(tmp_path):
    doc = gen.cityjson_doc(3)
    plain = tmp_path / "a.city.json"
    plain.write_text(json.dumps(doc), encoding="utf-8")
    seq = tmp_path / "a.city.jsonl"
    seq.write_text(gen.cityjson_seq(doc), encoding="utf-8")
    a, _ = read(plain)
    b, _ = read(seq)
    assert [x.gml_id for x in a] == [x.gml_id for x in b] == ["CJ_0", "CJ_1", "CJ_2"]
    assert a[0].part_ids == ["CJ_0_part"] and len(a[0].surfaces) == 12
    np.testing.assert_allclose(a[0].vertices(), b[0].vertices())
    assert a[0].crs == "EPSG:25832"
    assert a[1].attributes["street"] == "Brüderstraße"
    xmin = a[0].vertices()[:, 0].min()
    assert xmin == pytest.approx(gen.E0 + 100, abs=1e-6)
    assert sniff_format(plain) == "CityJSON" and sniff_format(seq) == "CityJSON"


def test_minified_cityjson_is_decoded_once(tmp_path, monkeypatch):
    """A minified document stands on one line: the CityJSONSeq check decoded it, and then it was
    decoded a second time as a whole (a fifth of a CityJSON import). Pretty-printed, minified with
    trailing blank lines, and minified give the same buildings; each is decoded only once."""
    doc = gen.cityjson_doc(3)
    variants = {
        "minified": json.dumps(doc),
        "trailing blanks": json.dumps(doc) + "\n\n  \n",
        "pretty": json.dumps(doc, indent=2),
    }
    decoded = []
    real_decode = json.JSONDecoder.decode

    def counting_decode(self, text, *args, **kwargs):
        value = real_decode(self, text, *args, **kwargs)
        if isinstance(value, dict) and value.get("type") == "CityJSON":
            decoded.append(len(text))
        return value

    monkeypatch.setattr(json.JSONDecoder, "decode", counting_decode)
    results = {}
    for name, text in variants.items():
        path = tmp_path / f"{name.replace(' ', '_')}.city.json"
        path.write_text(text, encoding="utf-8")
        decoded.clear()
        buildings, log = read(path)
        assert len(decoded) == 1, name
        assert not log.problems
        results[name] = [(b.gml_id, b.part_ids, b.vertices().tolist(), b.attributes) for b in buildings]
    assert results["minified"] == results["trailing blanks"] == results["pretty"]
    assert [r[0] for r in results["minified"]] == ["CJ_0", "CJ_1", "CJ_2"]


@pytest.mark.parametrize(
    ("name", "epsg", "vertical"),
    [
        ("urn:adv:crs:ETRS89_UTM32*DE_DHHN2016_NH", 25832, "DHHN2016"),
        ("urn:adv:crs:ETRS89_UTM32*DE_DHHN2016_NH*GCG2016", 25832, "DHHN2016"),
        ("urn:adv:crs:ETRS89_UTM32*DE_DHHN92_NH", 25832, "DHHN92"),
        ("EPSG:25832", 25832, ""),
        ("urn:ogc:def:crs:EPSG::25832", 25832, ""),
        ("urn:ogc:def:crs:EPSG:6.12:25833", 25833, ""),
        ("http://www.opengis.net/def/crs/EPSG/0/25832", 25832, ""),
        ("https://www.opengis.net/def/crs/EPSG/0/7415", 28992, "NAP"),
        ("urn:ogc:def:crs,crs:EPSG::25832,crs:EPSG::7837", 25832, "DHHN2016"),
        (
            "http://www.opengis.net/def/crs-compound?1=http://www.opengis.net/def/crs/EPSG/0/25832"
            "&2=http://www.opengis.net/def/crs/EPSG/0/7837",
            25832,
            "DHHN2016",
        ),
        ("http://www.opengis.net/gml/srs/epsg.xml#25832", 25832, ""),
        ("local:my-grid", None, ""),
    ],
)
def test_parse_srs(name, epsg, vertical):
    info = parse_srs(name)
    assert info.epsg == epsg
    assert info.vertical == vertical
