"""OBJ export: every building gets a group (and object) name of its own.

Names are the building ids with characters other than letters, digits and ``-_.`` replaced by
``_``, so ``a b`` and ``a_b`` used to become the same name and viewers merged the two groups. Now a
later colliding name gets ``-2``, ``-3`` …, never a name another building's id gives, and each
renaming is an export warning. Each test parses the OBJ back and checks that every building's
faces are all in its own group.
"""

import json
from pathlib import Path

import numpy as np
import pytest

from soest_qgis_plugin.citymodel import mesh as meshlib
from soest_qgis_plugin.citymodel import store as store_module
from soest_qgis_plugin.citymodel.export import export_buildings, export_selection
from soest_qgis_plugin.citymodel.exporters.obj import MAX_RENAME_WARNINGS, GroupNames
from tests.citymodel import gen
from tests.citymodel.conftest_export import E0, N0, house, town, write_dem


def parse_obj(path):
    """({group name: (faces as 1-based vertex indices, vertex rows)}, [group names in file order],
    [object names in file order]). Fails when a group's faces use another group's vertices."""
    vertices, groups, order, objects = [], {}, [], []
    current = None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("o "):
            objects.append(line[2:])
        elif line.startswith("g "):
            current = line[2:]
            order.append(current)
            groups.setdefault(current, [])
        elif line.startswith("v "):
            vertices.append([float(x) for x in line.split()[1:]])
        elif line.startswith("f "):
            groups[current].append([int(p.split("/")[0]) for p in line.split()[1:]])
    vertices = np.array(vertices)
    out = {}
    for name, faces in groups.items():
        faces = np.array(faces, dtype=int).reshape(-1, 3)
        out[name] = (faces, vertices[faces.ravel() - 1] if len(faces) else np.zeros((0, 3)))
    return out, order, objects


def assert_own_groups(path, buildings, names, terrain=None):
    """Every building (in ``buildings``) is the group ``names[i]`` with all its faces and nothing
    else; the only other group is ``terrain``, when given."""
    groups, order, objects = parse_obj(path)
    assert len(order) == len(set(order)) and order == objects  # unique, "o" and "g" agree
    assert [n for n in order if n != terrain] == names
    for building, name in zip(buildings, names):
        faces, points = groups[name]
        assert len(faces) == meshlib.building_mesh(building).face_count, name
        lo, hi = building.vertices().min(axis=0), building.vertices().max(axis=0)
        assert (points >= lo - 0.001).all() and (points <= hi + 0.001).all(), name


def spread(ids, y0=N0):
    """One house per id, 30 m apart (so each group's vertices identify its building)."""
    return [house(gml_id, E0 + 30.0 * k, y0) for k, gml_id in enumerate(ids)]


def test_ids_that_collide_after_sanitising_get_their_own_groups(tmp_path):
    buildings = spread(["DENW 1", "DENW_1", "DENW/1", "DENW_1-2", "DENW?1"])
    out = tmp_path / "namen.obj"
    summary = export_buildings(buildings, out)
    # DENW_1 and DENW_1-2 are names already: they keep them; the others yield and skip DENW_1-2.
    names = ["DENW_1-3", "DENW_1", "DENW_1-4", "DENW_1-2", "DENW_1-5"]
    assert_own_groups(out, buildings, names)
    assert summary["buildings"] == 5
    assert summary["renamed"] == {"DENW_1-3": "DENW 1", "DENW_1-4": "DENW/1", "DENW_1-5": "DENW?1"}
    assert summary["warnings"] == [
        f"OBJ: the id of building {gml_id} gives the same group name as another building's id; "
        f"the building is written as group {name}."
        for gml_id, name in [("DENW 1", "DENW_1-3"), ("DENW/1", "DENW_1-4"), ("DENW?1", "DENW_1-5")]
    ]


def test_the_building_whose_id_is_the_name_keeps_it_in_any_order(tmp_path):
    for ids in (["a b", "a_b"], ["a_b", "a b"]):
        buildings = spread(ids)
        out = tmp_path / "order.obj"
        summary = export_buildings(buildings, out)
        names = ["a_b" if gml_id == "a_b" else "a_b-2" for gml_id in ids]
        assert_own_groups(out, buildings, names)
        assert summary["renamed"] == {"a_b-2": "a b"} and len(summary["warnings"]) == 1


def test_ids_differing_only_in_replaced_characters(tmp_path):
    # None of them is a valid name itself: the first in export order keeps the sanitised one.
    buildings = spread(["Haus 1", "Haus/1", "Haus:1"])
    out = tmp_path / "haus.obj"
    summary = export_buildings(buildings, out)
    assert_own_groups(out, buildings, ["Haus_1", "Haus_1-2", "Haus_1-3"])
    assert summary["renamed"] == {"Haus_1-2": "Haus/1", "Haus_1-3": "Haus:1"}


def test_no_collision_no_change(tmp_path):
    buildings = town(6) + spread(["Straße 5", "DENW.x-1"], y0=N0 + 200)
    out = tmp_path / "ok.obj"
    summary = export_buildings(buildings, out)
    assert_own_groups(out, buildings, [b.gml_id for b in town(6)] + ["Straße_5", "DENW.x-1"])
    assert summary["warnings"] == [] and summary["renamed"] == {}


def test_two_buildings_with_the_same_id(tmp_path):
    # A store never holds them (the import refuses a repeated gml:id); a list of buildings can.
    buildings = spread(["DENW_A", "DENW_A", "DENW_A-2"])
    out = tmp_path / "dup.obj"
    summary = export_buildings(buildings, out)
    assert_own_groups(out, buildings, ["DENW_A", "DENW_A-3", "DENW_A-2"])
    assert summary["renamed"] == {"DENW_A-3": "DENW_A"}


def test_a_building_called_terrain_keeps_its_name(tmp_path):
    dem = write_dem(tmp_path / "dgm.tif", E0 - 30, N0 - 30, E0 + 90, N0 + 60, res=5.0)
    buildings = spread(["terrain", "DENW_B"])
    out = tmp_path / "terrain.obj"
    summary = export_buildings(buildings, out, {"terrain": str(dem)})
    assert_own_groups(out, buildings, ["terrain", "DENW_B"], terrain="terrain-2")
    groups, order, _ = parse_obj(out)
    assert order == ["terrain", "DENW_B", "terrain-2"] and len(groups["terrain-2"][0])
    assert summary["warnings"] == [] and summary["renamed"] == {}


def test_many_renamings_warn_up_to_the_limit_then_count(tmp_path):
    count = MAX_RENAME_WARNINGS + 5
    # All ids sanitise to "X_", which the first one is.
    buildings = spread(["X_"] + [f"X{c}" for c in "!#$%&()*+,/:;<=>?@[]^{|}~"[: count - 1]])
    out = tmp_path / "viele.obj"
    summary = export_buildings(buildings, out)
    assert_own_groups(out, buildings, ["X_"] + [f"X_-{k}" for k in range(2, count + 1)])
    assert len(summary["renamed"]) == count - 1
    assert len(summary["warnings"]) == MAX_RENAME_WARNINGS + 1
    assert summary["warnings"][-1] == "OBJ: 4 more buildings were written under a changed group name."


def test_the_warning_speaks_german(tmp_path, german):
    summary = export_buildings(spread(["a b", "a_b"]), tmp_path / "de.obj")
    assert summary["warnings"] == [
        "OBJ: Die ID des Gebäudes a b ergibt denselben Gruppennamen wie die ID eines anderen Gebäudes; "
        "das Gebäude wird als Gruppe a_b-2 geschrieben."
    ]


def test_from_the_store(tmp_path):
    # Streamed from a store (the names are planned from the ids of the selection's first pass).
    # CityJSON allows any id text, so the store can hold "a b" beside "a_b".
    doc = gen.cityjson_doc(count=3, with_part=False)
    doc["CityObjects"] = dict(zip(["a b", "a_b", "a/b"], doc["CityObjects"].values()))
    source = tmp_path / "ids.city.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    store = tmp_path / "s.gpkg"
    store_module.import_files([str(source)], str(store))
    with store_module.CityModelStore(str(store)) as opened:
        buildings = list(opened.iter_buildings(None))
    assert sorted(b.gml_id for b in buildings) == ["a b", "a/b", "a_b"]
    out = tmp_path / "store.obj"
    summary = export_selection(str(store), None, str(out))
    names = {b.gml_id: n for b, n in zip(buildings, _expected(buildings))}
    assert_own_groups(out, buildings, [names[b.gml_id] for b in buildings])
    assert names["a_b"] == "a_b"
    assert summary["renamed"] == {n: i for i, n in names.items() if i != "a_b"}
    assert len(summary["warnings"]) == 2


def _expected(buildings):
    names = GroupNames([b.gml_id for b in buildings])
    return [names.name(b.gml_id) for b in buildings]


@pytest.mark.parametrize(
    ("ids", "names"),
    [
        (["a b", "a_b", "a_b-2", "a?b"], ["a_b-3", "a_b", "a_b-2", "a_b-4"]),
        (["", "unnamed", ""], ["unnamed-2", "unnamed", "unnamed-3"]),
        (["x", "y z", "x"], ["x", "y_z", "x-2"]),
    ],
)
def test_group_names_are_unique_and_deterministic(ids, names):
    first = GroupNames(ids)
    assert [first.name(i) for i in ids] == names
    again = GroupNames(ids)
    assert [again.name(i) for i in ids] == names
    assert again.terrain() == "terrain"
    assert len(set(names)) == len(names)
