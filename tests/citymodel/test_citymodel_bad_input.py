"""Bad input: the import goes on with the good buildings, reports the bad ones (file, gml:id,
reason) and never leaves a half-written store."""

import hashlib
import json
import re

import pytest

from soest_qgis_plugin.citymodel import store as store_module
from soest_qgis_plugin.citymodel.store import CityModelStore, import_files
from soest_qgis_plugin.common.errors import Cancelled
from soest_qgis_plugin.common.feedback import CollectingFeedback
from tests.citymodel import gen


def reasons(summary, gml_id=None):
    return [p.reason for p in summary.problems if gml_id is None or p.gml_id == gml_id]


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_truncated_xml_keeps_the_buildings_before_the_break(tmp_path):
    text = gen.citygml([gen.building_xml(f"B{k}", x0=gen.E0 + 20 * k) for k in range(5)])
    path = tmp_path / "cut.gml"
    path.write_text(text[: int(len(text) * 0.7)], encoding="utf-8")
    summary = import_files(path, tmp_path / "s.gpkg")
    assert 1 <= summary.buildings < 5
    problem = next(p for p in summary.problems if "XML" in p.reason)
    assert problem.file == str(path) and problem.skipped
    assert summary.files_ok == 0


def test_malformed_xml_in_the_middle(tmp_path):
    good = gen.building_xml("GOOD", x0=gen.E0)
    broken = gen.building_xml("BROKEN", x0=gen.E0 + 40).replace("</bldg:function>", "</bldg:functio>")
    path = tmp_path / "bad.gml"
    path.write_text(gen.citygml([good, broken]), encoding="utf-8")
    other = gen.write_tile(tmp_path / "good_tile.gml", 3)
    summary = import_files([path, other], tmp_path / "s.gpkg")
    assert summary.buildings == 4  # GOOD + the 3 of the other file
    assert any("XML" in r for r in reasons(summary))


@pytest.mark.parametrize("text", ['{"type": "CityJSON", "version": "2.0", "CityObjects": {', "{not json"])
def test_broken_json(tmp_path, text, cityjson_file):
    bad = tmp_path / "bad.city.json"
    bad.write_text(text, encoding="utf-8")
    summary = import_files([bad, cityjson_file], tmp_path / "s.gpkg")
    assert summary.buildings == 3
    assert any(p.file == str(bad) and "JSON" in p.reason for p in summary.problems)


def test_broken_line_in_cityjsonseq(tmp_path):
    lines = gen.cityjson_seq(gen.cityjson_doc(3)).splitlines()
    lines[2] = lines[2][:40]
    path = tmp_path / "x.city.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = import_files(path, tmp_path / "s.gpkg")
    assert summary.buildings == 2
    assert any("line 3" in r for r in reasons(summary))


def test_unknown_crs_is_reported_and_coordinates_kept(tmp_path):
    path = gen.write_tile(tmp_path / "t.gml", 2, srs="urn:local:mygrid")
    summary = import_files(path, tmp_path / "s.gpkg")
    assert summary.buildings == 2
    assert any("urn:local:mygrid" in r for r in reasons(summary))


def test_building_without_geometry(tmp_path):
    path = tmp_path / "t.gml"
    path.write_text(gen.citygml([gen.building_xml("EMPTY", mode="none"), gen.building_xml("OK", x0=gen.E0 + 50)]))
    summary = import_files(path, tmp_path / "s.gpkg")
    assert summary.buildings == 1
    problem = next(p for p in summary.problems if p.gml_id == "EMPTY")
    assert "geometry" in problem.reason and problem.skipped and problem.file == str(path)


def test_non_planar_and_unclosed_polygons(tmp_path):
    faces = gen.box_faces(gen.E0, gen.N0, 10, 8, 100, 6)
    semantic, points = faces[1]
    bent = list(points)
    bent[2] = (bent[2][0], bent[2][1], bent[2][2] + 0.8)
    faces[1] = (semantic, bent)
    nonplanar = gen.building_xml("BENT", faces=faces)
    unclosed = gen.building_xml("OPEN", x0=gen.E0 + 50, close=False)
    degenerate = re.sub(
        r'(<gml:posList srsDimension="3">)[^<]*(</gml:posList>)',
        r"\g<1>1 2 3 1 2 3\g<2>",
        gen.building_xml("DEGEN", x0=gen.E0 + 100),
        count=1,
    )
    path = tmp_path / "t.gml"
    path.write_text(gen.citygml([nonplanar, unclosed, degenerate]), encoding="utf-8")
    summary = import_files(path, tmp_path / "s.gpkg")
    assert summary.buildings == 3  # all imported, with warnings
    assert any("non-planar" in r for r in reasons(summary, "BENT"))
    assert any("unclosed" in r for r in reasons(summary, "OPEN"))
    assert any("fewer than 3" in r for r in reasons(summary, "DEGEN"))
    with CityModelStore(tmp_path / "s.gpkg") as store:
        row = store.buildings_table(["OPEN"])[0]
        assert row["volume"] == pytest.approx(480.0)  # the implicitly closed rings still make a solid


def test_duplicate_ids(tmp_path):
    a = gen.write_tile(tmp_path / "a.gml", 3)
    b = gen.write_tile(tmp_path / "b.gml", 3, start=2)  # DENW_T00002 is in both
    summary = import_files([a, b], tmp_path / "s.gpkg")
    assert summary.buildings == 5 and summary.skipped == 1
    problem = next(p for p in summary.problems if "duplicate" in p.reason)
    assert problem.gml_id == "DENW_T00002" and problem.file == str(b.resolve())


def test_duplicate_ids_against_the_store_and_a_replaced_tile(tmp_path):
    store = tmp_path / "s.gpkg"
    a = gen.write_tile(tmp_path / "a.gml", 3)
    import_files([a], store)
    b = gen.write_tile(tmp_path / "b.gml", 3, start=2)  # DENW_T00002 is already in the store (tile a)
    summary = import_files([b], store)
    assert summary.buildings == 2 and summary.skipped == 1 and summary.total_in_store == 5
    assert next(p for p in summary.problems if "duplicate" in p.reason).gml_id == "DENW_T00002"
    # a new version of tile b that now holds DENW_T00002, together with a new tile a without it:
    # tile a is replaced first in the same run, so the id is free for tile b
    (tmp_path / "neu").mkdir()
    a2 = gen.write_tile(tmp_path / "neu" / "a.gml", 2)
    b2 = gen.write_tile(tmp_path / "neu" / "b.gml", 4, start=2)
    summary = import_files([a2, b2], store)
    assert summary.skipped == 0 and summary.total_in_store == 6, [p.reason for p in summary.problems]


def test_empty_tile_zero_bytes_and_junk_folder(tmp_path, shared_fixtures):
    folder = tmp_path / "mixed"
    folder.mkdir()
    gen.write_tile(folder / "good.gml", 4)
    (folder / "zero.gml").write_bytes(b"")
    (folder / "notes.txt").write_text("hello")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (folder / "fake.gml").write_text("this is not xml at all")
    (folder / "other.json").write_text('{"type": "FeatureCollection", "features": []}')
    (folder / "good.gfs").write_text("<GMLFeatureClassList/>")  # GDAL sidecar: skipped silently
    (folder / "s.gpkg").write_bytes(b"")  # a store kept beside the tiles
    (folder / "empty_tile.gml").write_bytes((shared_fixtures / "citygml" / "LoD2_32_324_5730_1_NW.gml").read_bytes())
    summary = import_files(folder, tmp_path / "s.gpkg")
    assert summary.buildings == 4
    by_file = {p.file.rsplit("/", 1)[-1]: p.reason for p in summary.problems}
    assert "empty" in by_file["zero.gml"]
    assert "not a city model file" in by_file["notes.txt"] and "image.png" in by_file
    assert "fake.gml" in by_file and "other.json" in by_file
    assert "empty_tile.gml" not in by_file  # an empty tile is fine, not a problem
    assert "good.gfs" not in by_file and "s.gpkg" not in by_file
    with CityModelStore(tmp_path / "s.gpkg") as store:
        assert {s["tile"] for s in store.sources()} == {"good", "empty_tile"}


def test_cancel_mid_import_leaves_the_previous_store(tmp_path, tiles):
    path = tmp_path / "s.gpkg"
    first = gen.write_tile(tmp_path / "first.gml", 5, start=900)
    import_files(first, path)
    before = digest(path)
    feedback = CollectingFeedback(cancel_after=40)
    with pytest.raises(Cancelled):
        import_files(tiles, path, feedback=feedback)
    assert digest(path) == before
    with CityModelStore(path) as store:
        assert store.count() == 5


def test_cancel_of_a_new_store_writes_nothing(tmp_path, tiles):
    path = tmp_path / "new.gpkg"
    with pytest.raises(Cancelled):
        import_files(tiles, path, feedback=CollectingFeedback(cancel_after=30))
    assert not path.exists()
    assert list(tmp_path.glob("*.gpkg*")) == []


def test_exception_mid_import_rolls_back(tmp_path, tiles, monkeypatch):
    path = tmp_path / "s.gpkg"
    import_files(gen.write_tile(tmp_path / "first.gml", 5, start=900), path)
    before = digest(path)
    original_add = store_module._Importer.add
    calls = {"n": 0}

    def failing_add(self, *args):
        calls["n"] += 1
        if calls["n"] == 60:
            raise RuntimeError("disk on fire")
        return original_add(self, *args)

    monkeypatch.setattr(store_module._Importer, "add", failing_add)
    with pytest.raises(RuntimeError):
        import_files(tiles, path)
    assert digest(path) == before
    monkeypatch.undo()
    # and the store still works for the next import
    summary = import_files(tiles, path)
    assert summary.total_in_store == 80


def test_reimport_of_a_broken_tile_keeps_the_old_version(tmp_path):
    good = gen.write_tile(tmp_path / "LoD2_x.gml", 6)
    path = tmp_path / "s.gpkg"
    import_files(good, path)
    good.write_text("{broken", encoding="utf-8")  # same tile name, now junk
    summary = import_files(good, path)
    assert summary.total_in_store == 6
    assert summary.problems


def test_cityjson_object_errors_do_not_stop_the_file(tmp_path):
    doc = gen.cityjson_doc(3, with_part=False)
    doc["CityObjects"]["CJ_1"]["geometry"][0]["boundaries"][0][0][0] = [0, 1, 99999, 3]
    doc["CityObjects"]["CJ_2"]["geometry"] = []
    path = tmp_path / "x.city.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    summary = import_files(path, tmp_path / "s.gpkg")
    assert summary.buildings == 2  # CJ_1 loses one polygon, CJ_2 has no geometry
    assert any("out of range" in r for r in reasons(summary, "CJ_1"))
    assert any("geometry" in r for r in reasons(summary, "CJ_2"))


def test_nan_coordinates_drop_only_those_polygons(tmp_path):
    text = gen.citygml([gen.building_xml("NAN", x0=gen.E0), gen.building_xml("OK", x0=gen.E0 + 50)])
    text = re.sub(r'(<gml:posList srsDimension="3">)(\S+)', r"\g<1>NaN", text, count=1)
    path = tmp_path / "nan.gml"
    path.write_text(text, encoding="utf-8")
    summary = import_files(path, tmp_path / "s.gpkg")
    assert summary.buildings == 2
    assert any("invalid coordinates" in r for r in reasons(summary, "NAN"))
    with CityModelStore(tmp_path / "s.gpkg") as store:
        assert len(next(store.iter_buildings(["NAN"])).surfaces) == 5


def test_same_tile_name_twice_in_one_run(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = gen.write_tile(tmp_path / "a" / "LoD2_x.gml", 4)
    second = gen.write_tile(tmp_path / "b" / "LoD2_x.gml", 2, start=50)
    summary = import_files([first, second], tmp_path / "s.gpkg")
    assert summary.total_in_store == 2  # the later file replaced the earlier one of the same tile
    assert any("same tile name" in p.reason and p.file.endswith("b/LoD2_x.gml") for p in summary.problems)
