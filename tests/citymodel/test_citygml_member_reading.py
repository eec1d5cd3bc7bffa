"""CityGML read member by member (the fast path) gives exactly what the whole-file iterparse gives.

The fast path parses each ``cityObjectMember`` on its own out of the memory-mapped file and leaves
terrain intersection curves out before lxml sees them. Every difference to the general path would
be a silent change of the import, so both paths are compared on every real CityGML file there is,
on generated tiles and on broken files (where the fast path must hand over to the general one).
"""

from pathlib import Path

import numpy as np
import pytest

from soest_qgis_plugin.citymodel.readers import citygml
from soest_qgis_plugin.citymodel.readers.base import ReadLog
from tests.citymodel import gen

SHARED = Path(__file__).resolve().parents[3] / "shared"


def _real_files():
    files = sorted((SHARED / "fixtures" / "citygml").glob("*.gml"))
    files += sorted(p for p in (SHARED / "evaldata" / "citygml").rglob("*") if p.suffix in (".gml", ".xml"))
    return files


def read_fast(path):
    log = ReadLog()
    return list(citygml.read(path, log)), log


def read_whole(path, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(citygml._MemberLayout, "of", classmethod(lambda cls, data: None))
        log = ReadLog()
        return list(citygml.read(path, log)), log


def building_facts(building):
    surfaces = [
        (s.semantic, s.gml_id, getattr(s, "part_id", ""), [np.asarray(r).tolist() for r in s.rings])
        for s in building.surfaces
    ]
    return (
        building.gml_id,
        building.lod,
        building.crs,
        building.attributes,
        building.part_ids,
        building.original,
        surfaces,
    )


def log_facts(log):
    infos = {path: vars(info) for path, info in log.files.items()}
    return [vars(p) for p in log.problems], [vars(n) for n in log.notes], infos


def assert_same(path, monkeypatch):
    fast, fast_log = read_fast(path)
    whole, whole_log = read_whole(path, monkeypatch)
    assert [building_facts(b) for b in fast] == [building_facts(b) for b in whole]
    assert log_facts(fast_log) == log_facts(whole_log)
    return fast, fast_log


def uses_member_path(path):
    with open(path, "rb") as handle:
        import mmap

        data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        try:
            return citygml._MemberLayout.of(data) is not None
        finally:
            data.close()


@pytest.mark.parametrize("path", _real_files(), ids=lambda p: p.name)
def test_real_files_read_the_same_in_both_paths(path, monkeypatch):
    assert_same(path, monkeypatch)


def test_real_nrw_tiles_take_the_member_path(shared_fixtures):
    tiles = sorted((shared_fixtures / "citygml").glob("LoD2_*_NW.gml"))
    assert tiles and all(uses_member_path(p) for p in tiles)


def test_nrw_terrain_curves_are_left_out_without_changing_anything(shared_fixtures, monkeypatch):
    path = shared_fixtures / "citygml" / "LoD2_32_331_5726_1_NW.gml"
    assert b"lod2TerrainIntersection" in path.read_bytes()
    buildings, _log = assert_same(path, monkeypatch)
    assert buildings and all("TerrainIntersection" in b.original for b in buildings if "Terrain" in b.original)
    assert sum("lod2TerrainIntersection" in b.original for b in buildings) > len(buildings) // 2


def test_generated_tile(tmp_path, monkeypatch):
    path = gen.write_tile(tmp_path / "LoD2_32_437_5711_1_NW.gml", 12)
    buildings, _ = assert_same(path, monkeypatch)
    assert len(buildings) == 12 and uses_member_path(path)


def _tile(tmp_path, buildings, name="t.gml"):
    path = tmp_path / name
    path.write_text(gen.citygml(buildings), encoding="utf-8")
    return path


def test_a_comment_sends_the_file_down_the_general_path(tmp_path, monkeypatch):
    text = gen.citygml([gen.building_xml(f"B{k}", x0=gen.E0 + 20 * k) for k in range(3)])
    path = tmp_path / "comment.gml"
    path.write_text(
        text.replace("<core:cityObjectMember>", "<!-- a <core:cityObjectMember> --><core:cityObjectMember>", 1)
    )
    assert not uses_member_path(path)
    buildings, _ = assert_same(path, monkeypatch)
    assert len(buildings) == 3


def test_broken_member_in_the_middle_hands_over_with_the_same_report(tmp_path, monkeypatch):
    good = [gen.building_xml(f"G{k}", x0=gen.E0 + 20 * k) for k in range(3)]
    broken = gen.building_xml("BROKEN", x0=gen.E0 + 80).replace("</bldg:function>", "</bldg:functio>")
    path = _tile(tmp_path, [*good, broken, gen.building_xml("AFTER", x0=gen.E0 + 120)])
    buildings, log = assert_same(path, monkeypatch)
    assert [b.gml_id for b in buildings] == ["G0", "G1", "G2"]
    problem = next(p for p in log.problems if "XML" in p.reason)
    assert "line" in problem.reason and problem.skipped


def test_truncated_file_hands_over_with_the_same_report(tmp_path, monkeypatch):
    text = gen.citygml([gen.building_xml(f"B{k}", x0=gen.E0 + 20 * k) for k in range(5)])
    path = tmp_path / "cut.gml"
    path.write_text(text[: int(len(text) * 0.7)], encoding="utf-8")
    buildings, log = assert_same(path, monkeypatch)
    assert 1 <= len(buildings) < 5 and any("XML" in p.reason for p in log.problems)


def test_missing_root_end_tag(tmp_path, monkeypatch):
    text = gen.citygml([gen.building_xml("B0", x0=gen.E0)])
    path = tmp_path / "open.gml"
    path.write_text(text.rstrip().rsplit("</", 1)[0], encoding="utf-8")
    buildings, log = assert_same(path, monkeypatch)
    assert [b.gml_id for b in buildings] == ["B0"] and any("XML" in p.reason for p in log.problems)


def test_building_without_id_gets_the_same_line_id_in_both_paths(tmp_path, monkeypatch):
    nameless = gen.building_xml("NONAME", x0=gen.E0 + 40).replace(' gml:id="NONAME"', "", 1)
    path = _tile(tmp_path, [gen.building_xml("A", x0=gen.E0), nameless])
    buildings, _ = assert_same(path, monkeypatch)
    made_up = buildings[1].gml_id
    line = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index(next(line for line in path.read_text(encoding="utf-8").splitlines() if "<bldg:Building>" in line))
    )
    assert made_up == f"{path.name}#{line + 1}"


def test_duplicate_ids_before_a_break_are_not_lost(tmp_path, monkeypatch):
    """The general path skips what the member path read, counted per id: a repeated id stays repeated."""
    same = gen.building_xml("TWICE", x0=gen.E0)
    broken = gen.building_xml("BROKEN", x0=gen.E0 + 80).replace("</bldg:function>", "</bldg:functio>")
    path = _tile(tmp_path, [same, same, broken])
    buildings, _ = assert_same(path, monkeypatch)
    assert [b.gml_id for b in buildings] == ["TWICE", "TWICE"]


def test_empty_and_non_building_members(tmp_path, monkeypatch):
    text = gen.citygml([gen.building_xml("B0", x0=gen.E0)])
    extra = (
        '<core:cityObjectMember xlink:href="#elsewhere"/>\n'
        '<core:cityObjectMember><gen:GenericCityObject gml:id="G"/></core:cityObjectMember>\n'
        '<app:appearanceMember xmlns:app="http://www.opengis.net/citygml/appearance/1.0"><app:Appearance/>'
        "</app:appearanceMember>\n"
    )
    closing = text.rstrip().rsplit("</", 1)
    path = tmp_path / "mixed.gml"
    path.write_text(closing[0] + extra + "</" + closing[1], encoding="utf-8")
    assert uses_member_path(path)
    buildings, log = assert_same(path, monkeypatch)
    assert [b.gml_id for b in buildings] == ["B0"] and log.files[str(path)].other_objects == 1
