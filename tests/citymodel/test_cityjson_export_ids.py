"""CityJSON export: every CityObject id is unique, even when ids collide in the source.

CityJSON keys ``CityObjects`` by id, so a BuildingPart named like another Building (or like a part
of another building, or like its own building) used to overwrite that object silently. The
exporter now keeps Building ids, renames a colliding part to ``<id>-part`` (``-part-2`` …) and a
repeated Building id to ``<id>-2``, keeps the original id in ``attributes.gml_id`` and warns.
Every document here goes through the official 2.0 schema and the cjval-like checks.
"""

import json

import pytest

from soest_qgis_plugin.citymodel import store as store_module
from soest_qgis_plugin.citymodel.export import export_buildings, export_selection
from soest_qgis_plugin.citymodel.exporters.cityjson import MAX_RENAME_WARNINGS, unique_ids
from soest_qgis_plugin.citymodel.model import part_of
from tests.citymodel import gen
from tests.citymodel import test_cityjson_official_schema as official_schema
from tests.citymodel.conftest_export import E0, N0, cityjson_errors, house, town, with_part, write_dem

# The official CityJSON 2.0 schema (fetched into .cache/ on first use) and its validator fixture.
schema_folder = official_schema.schema_folder
official = official_schema.official
schema_errors = official_schema.schema_errors


def rename_part(building, old, new):
    """``building`` with its part ``old`` called ``new`` (part_ids and the surfaces' part_id)."""
    building.part_ids = [new if p == old else p for p in building.part_ids]
    for surface in building.surfaces:
        if part_of(surface) == old:
            surface.part_id = new
    return building


def load_strict(path):
    """The document at ``path``; fails on a key that appears twice in one JSON object (json.load
    would keep the last one silently, which is the bug)."""

    def pairs(items):
        keys = [k for k, _ in items]
        assert len(keys) == len(set(keys)), f"duplicate keys: {sorted(k for k in keys if keys.count(k) > 1)}"
        return dict(items)

    with open(path, encoding="utf-8") as handle:
        return json.load(handle, object_pairs_hook=pairs)


def expected_surfaces(buildings):
    """{(building id, part id or ''): surface count} of the model (parts in export order)."""
    out = {}
    for b in buildings:
        out[b.gml_id, ""] = sum(1 for s in b.surfaces if not part_of(s))
        for part in dict.fromkeys([p for p in b.part_ids if p] + [part_of(s) for s in b.surfaces if part_of(s)]):
            out[b.gml_id, part] = sum(1 for s in b.surfaces if part_of(s) == part)
    return out


def original(objects, key):
    return objects[key].get("attributes", {}).get("gml_id", key)


def surface_count(obj):
    return sum(len(g["boundaries"]) for g in obj["geometry"])


class _AnyGeometry:
    """Equal to a list of one MultiSurface geometry."""

    def __eq__(self, other):
        return isinstance(other, list) and len(other) == 1 and other[0]["type"] == "MultiSurface"


ANY_GEOMETRY = _AnyGeometry()


def export_and_check(tmp_path, buildings, official, options=None, name="ids.city.json"):
    """Export ``buildings`` (ids unique among Buildings) and check the document: valid, unique ids,
    mutual links, surfaces per object unchanged, originals recoverable. Returns (doc, summary)."""
    out = tmp_path / name
    summary = export_buildings(buildings, out, options)
    doc = load_strict(out)
    assert schema_errors(official, doc) == []
    assert cityjson_errors(doc) == []
    objects = doc["CityObjects"]
    expected = expected_surfaces(buildings)
    building_keys = [k for k, o in objects.items() if o["type"] == "Building"]
    part_keys = [k for k, o in objects.items() if o["type"] == "BuildingPart"]
    assert len(building_keys) == len(buildings)
    assert len(building_keys) + len(part_keys) == len(expected)  # nothing overwritten
    found = {}
    for key in building_keys:
        obj = objects[key]
        found[original(objects, key), ""] = surface_count(obj)
        for child in obj.get("children", []):
            assert objects[child]["type"] == "BuildingPart"
            assert objects[child]["parents"] == [key]
            found[original(objects, key), original(objects, child)] = surface_count(objects[child])
    for key in part_keys:
        (parent,) = objects[key]["parents"]
        assert key in objects[parent]["children"]
    assert found == expected
    assert summary["renamed"] == {
        k: o["attributes"]["gml_id"] for k, o in objects.items() if k != o.get("attributes", {}).get("gml_id", k)
    }
    return doc, summary


@pytest.mark.parametrize("part_first", [True, False], ids=["part-first", "building-first"])
def test_part_id_equal_to_another_buildings_id(tmp_path, official, part_first):
    owner = with_part("DENW_A")  # its part is DENW_A_BP1
    other = house("DENW_A_BP1", E0 + 60, N0)
    buildings = [owner, other] if part_first else [other, owner]
    doc, summary = export_and_check(tmp_path, buildings, official)
    objects = doc["CityObjects"]
    # The Building keeps its id in either order; the part moves aside.
    assert objects["DENW_A_BP1"]["type"] == "Building"
    assert objects["DENW_A_BP1"]["attributes"]["function"] == "31001_1010"
    assert "children" not in objects["DENW_A_BP1"]
    assert objects["DENW_A"]["children"] == ["DENW_A_BP1-part"]
    part = objects["DENW_A_BP1-part"]
    assert part["parents"] == ["DENW_A"] and part["attributes"] == {"gml_id": "DENW_A_BP1"}
    assert summary["renamed"] == {"DENW_A_BP1-part": "DENW_A_BP1"}
    assert summary["warnings"] == [
        "CityJSON: the id of BuildingPart DENW_A_BP1 (building DENW_A) is already used; the part is written as "
        "DENW_A_BP1-part (attribute gml_id keeps the original id)."
    ]


def test_two_parts_of_different_buildings_with_the_same_id(tmp_path, official):
    first = rename_part(with_part("DENW_A"), "DENW_A_BP1", "BP1")
    second = rename_part(with_part("DENW_B", E0 + 60), "DENW_B_BP1", "BP1")
    third = rename_part(with_part("DENW_C", E0 + 120), "DENW_C_BP1", "BP1")
    doc, summary = export_and_check(tmp_path, [first, second, third], official)
    objects = doc["CityObjects"]
    assert objects["DENW_A"]["children"] == ["BP1"]  # the first in export order keeps it
    assert objects["DENW_B"]["children"] == ["BP1-part"]
    assert objects["DENW_C"]["children"] == ["BP1-part-2"]
    assert "attributes" not in objects["BP1"]
    assert summary["renamed"] == {"BP1-part": "BP1", "BP1-part-2": "BP1"}
    assert len(summary["warnings"]) == 2
    assert "(building DENW_B)" in summary["warnings"][0] and "BP1-part-2" in summary["warnings"][1]


def test_building_id_equal_to_its_own_part_id(tmp_path, official):
    building = rename_part(with_part("DENW_A"), "DENW_A_BP1", "DENW_A")
    doc, summary = export_and_check(tmp_path, [building, house("DENW_B", E0 + 60, N0)], official)
    objects = doc["CityObjects"]
    assert objects["DENW_A"]["type"] == "Building"
    assert objects["DENW_A"]["children"] == ["DENW_A-part"]  # not itself
    assert objects["DENW_A-part"]["parents"] == ["DENW_A"]
    assert surface_count(objects["DENW_A-part"]) == 8  # the part's 7 house surfaces + the closure
    assert summary["renamed"] == {"DENW_A-part": "DENW_A"}
    assert len(summary["warnings"]) == 1


def test_a_part_named_only_in_part_ids_is_renamed_too(tmp_path, official):
    # A part without surfaces of its own (listed in part_ids only) still is an object of its own.
    building = house("DENW_A")
    building.part_ids = ["DENW_A", "DENW_B"]
    doc, summary = export_and_check(tmp_path, [building, house("DENW_B", E0 + 60, N0)], official)
    assert doc["CityObjects"]["DENW_A"]["children"] == ["DENW_A-part", "DENW_B-part"]
    assert set(summary["renamed"]) == {"DENW_A-part", "DENW_B-part"}


def test_generated_ids_never_take_an_id_the_source_has(tmp_path, official):
    # DENW_B's part is really called "X-part": the renamed part of DENW_A must not take it.
    a = rename_part(with_part("DENW_A"), "DENW_A_BP1", "X")
    b = rename_part(with_part("DENW_B", E0 + 60), "DENW_B_BP1", "X-part")
    doc, summary = export_and_check(tmp_path, [a, b, house("X", E0 + 120, N0)], official)
    objects = doc["CityObjects"]
    assert objects["DENW_B"]["children"] == ["X-part"] and "attributes" not in objects["X-part"]
    assert objects["DENW_A"]["children"] == ["X-part-2"]
    assert summary["renamed"] == {"X-part-2": "X"}


def test_two_buildings_with_the_same_id_are_both_written(tmp_path, official):
    # A store never holds them (the import refuses a repeated gml:id); a list of buildings can.
    first, second = with_part("DENW_A"), with_part("DENW_A", E0 + 60)
    out = tmp_path / "dup.city.json"
    summary = export_buildings([first, second], out)
    doc = load_strict(out)
    assert schema_errors(official, doc) == [] and cityjson_errors(doc) == []
    objects = doc["CityObjects"]
    assert objects["DENW_A"]["children"] == ["DENW_A_BP1"]
    assert objects["DENW_A-2"]["children"] == ["DENW_A_BP1-part"]
    assert objects["DENW_A-2"]["attributes"]["gml_id"] == "DENW_A"
    assert objects["DENW_A-2"]["attributes"]["function"] == "31001_1010"  # its own attributes kept
    assert objects["DENW_A_BP1-part"]["parents"] == ["DENW_A-2"]
    for key in ("DENW_A", "DENW_A-2"):
        assert surface_count(objects[key]) == 7 and surface_count(objects[objects[key]["children"][0]]) == 8
    assert summary["renamed"] == {"DENW_A-2": "DENW_A", "DENW_A_BP1-part": "DENW_A_BP1"}
    assert summary["warnings"][0] == (
        "CityJSON: building DENW_A occurs more than once; the copy is written as DENW_A-2 "
        "(attribute gml_id keeps the original id)."
    )
    assert len(summary["warnings"]) == 2


def test_a_building_called_terrain_keeps_its_id(tmp_path, official):
    dem = write_dem(tmp_path / "dgm.tif", E0 - 30, N0 - 30, E0 + 60, N0 + 60, res=5.0)
    buildings = [house("terrain"), house("DENW_B", E0 + 30, N0)]
    doc, summary = export_and_check(tmp_path, buildings, official, {"terrain": str(dem)})
    objects = doc["CityObjects"]
    assert objects["terrain"]["type"] == "Building"
    assert objects["terrain-2"]["type"] == "TINRelief"
    assert summary["warnings"] == [] and summary["renamed"] == {}


def test_no_collision_no_change(tmp_path, official):
    buildings = town(6) + [with_part("DENW_P", E0, N0 + 100)]
    doc, summary = export_and_check(tmp_path, buildings, official)
    objects = doc["CityObjects"]
    assert sorted(objects) == sorted([b.gml_id for b in buildings] + ["DENW_P_BP1"])
    assert objects["DENW_P_BP1"] == {"type": "BuildingPart", "parents": ["DENW_P"], "geometry": ANY_GEOMETRY}
    assert summary["warnings"] == [] and summary["renamed"] == {}


def test_many_renamings_warn_up_to_the_limit_then_count(tmp_path, official):
    count = MAX_RENAME_WARNINGS + 5
    buildings = [rename_part(with_part(f"DENW_{k:03d}", E0 + 30 * k), f"DENW_{k:03d}_BP1", "BP") for k in range(count)]
    doc, summary = export_and_check(tmp_path, buildings, official)
    assert len(summary["renamed"]) == count - 1
    assert len(summary["warnings"]) == MAX_RENAME_WARNINGS + 1
    assert summary["warnings"][-1] == (
        "CityJSON: 4 more objects were written under a new id (see their attribute gml_id)."
    )


def test_the_warning_speaks_german(tmp_path, official, german):
    owner = with_part("DENW_A")
    summary = export_and_check(tmp_path, [owner, house("DENW_A_BP1", E0 + 60, N0)], official)[1]
    assert summary["warnings"] == [
        "CityJSON: Die ID des Gebäudeteils (BuildingPart) DENW_A_BP1 (Gebäude DENW_A) ist schon vergeben; "
        "der Teil wird als DENW_A_BP1-part geschrieben (das Attribut gml_id behält die ursprüngliche ID)."
    ]


def test_from_the_store_a_part_named_like_another_building(tmp_path, official):
    # Through the whole chain: CityGML import (BuildingPart "DENW_B" of DENW_A, and a Building
    # DENW_B in another tile), export of the store's selection. The store keeps one DENW_X only.
    tile1 = tmp_path / "t1.gml"
    tile1.write_text(
        gen.citygml(
            [
                gen.building_xml("DENW_A", x0=gen.E0, parts=[("DENW_B", 10, 0, 5, 5, 4)]),
                gen.building_xml("DENW_X", x0=gen.E0 + 100),
            ]
        ),
        encoding="utf-8",
    )
    tile2 = tmp_path / "t2.gml"
    tile2.write_text(
        gen.citygml(
            [gen.building_xml("DENW_B", x0=gen.E0 + 40), gen.building_xml("DENW_X", x0=gen.E0 + 200)], name="t2"
        ),
        encoding="utf-8",
    )
    store = tmp_path / "s.gpkg"
    store_module.import_files([str(tile1), str(tile2)], str(store))
    with store_module.CityModelStore(str(store)) as opened:
        buildings = list(opened.iter_buildings(None))
    assert sorted(b.gml_id for b in buildings) == ["DENW_A", "DENW_B", "DENW_X"]  # DENW_X refused once
    out = tmp_path / "store.city.json"
    summary = export_selection(str(store), None, str(out))
    doc = load_strict(out)
    assert schema_errors(official, doc) == [] and cityjson_errors(doc) == []
    objects = doc["CityObjects"]
    assert objects["DENW_B"]["type"] == "Building"
    assert objects["DENW_A"]["children"] == ["DENW_B-part"]
    assert objects["DENW_B-part"]["attributes"] == {"gml_id": "DENW_B"}
    assert surface_count(objects["DENW_B-part"]) == 6
    assert summary["renamed"] == {"DENW_B-part": "DENW_B"}
    assert len(summary["warnings"]) == 1


def test_unique_ids_is_deterministic_and_complete():
    records = [("A", ["P", "B", "A"]), ("B", ["P"]), ("A", ["P"]), ("P-part", [])]
    keys, renamed = unique_ids(records)
    assert keys == [("A", ["P", "B-part", "A-part"]), ("B", ["P-part-2"]), ("A-2", ["P-part-3"]), ("P-part", [])]
    assert unique_ids(records) == (keys, renamed)
    flat = [k for key, parts in keys for k in [key, *parts]]
    assert len(flat) == len(set(flat))
    assert [(kind, old, new) for kind, old, new, _ in renamed] == [
        ("BuildingPart", "B", "B-part"),
        ("BuildingPart", "A", "A-part"),
        ("BuildingPart", "P", "P-part-2"),
        ("Building", "A", "A-2"),
        ("BuildingPart", "P", "P-part-3"),
    ]
