"""CityJSON import on real public files (cjio, cjval, 3DGI cityjson-corpus, citygml4j) in ../shared/evaldata.

Every expected number is worked out here from the JSON itself (plain ``json``, no plugin code):
building counts, BuildingParts folded into their Building, heights and the reference system.
"""

import json

import numpy as np
import pytest

from soest_qgis_plugin.citymodel.store import CityModelStore, import_files


def _doc(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _expected(doc):
    """{building id: (part ids, max z of its own and its parts' highest-LoD geometry)} from the JSON."""
    objects = doc["CityObjects"]
    transform = doc.get("transform") or {"scale": [1, 1, 1], "translate": [0, 0, 0]}
    z = np.asarray(doc["vertices"], dtype=float)[:, 2] * transform["scale"][2] + transform["translate"][2]

    def indices(value):
        if isinstance(value, list):
            for item in value:
                yield from indices(item)
        else:
            yield value

    def top_z(obj):
        geometries = obj.get("geometry") or []
        if not geometries:
            return -np.inf
        best = max(geometries, key=lambda g: float(g.get("lod", 0)))
        return max(z[i] for i in indices(best["boundaries"]))

    out = {}
    for oid, obj in objects.items():
        if obj.get("type") != "Building":
            continue
        parts, queue, high = [], list(obj.get("children") or []), top_z(obj)
        while queue:
            child = queue.pop(0)
            if objects.get(child, {}).get("type") == "BuildingPart":
                parts.append(child)
                high = max(high, top_z(objects[child]))
                queue.extend(objects[child].get("children") or [])
        out[oid] = (parts, high)
    return out


def _import(files, tmp_path, name="s.gpkg"):
    store = tmp_path / name
    summary = import_files([str(f) for f in files] if isinstance(files, list) else str(files), store)
    return summary, store


def _rows(store, sql):
    with CityModelStore(store) as opened:
        return opened.connection.execute(sql).fetchall()


def _reasons(summary, gml_id=None):
    return [p.reason for p in summary.problems if gml_id is None or p.gml_id == gml_id]


@pytest.fixture(scope="module")
def cj(shared_evaldata):
    return shared_evaldata / "cityjson"


@pytest.fixture(scope="module")
def zurich(cj, tmp_path_factory):
    path = cj / "cjio_tests" / "zurich" / "zurich_subset_lod2.json"
    summary, store = _import(path, tmp_path_factory.mktemp("zurich"))
    return path, summary, store


def test_zurich_v11_buildingparts_folded_into_their_buildings(zurich):
    path, summary, store = zurich
    expected = _expected(_doc(path))
    assert len(expected) == 49 and sum(len(parts) for parts, _ in expected.values()) == 161
    assert summary.buildings == 49 and summary.skipped == 0
    rows = {
        gml_id: (json.loads(parts), max_z)
        for gml_id, parts, max_z in _rows(store, "SELECT gml_id, part_ids, max_z FROM buildings")
    }
    assert set(rows) == set(expected)
    for gml_id, (parts, high) in expected.items():
        assert sorted(rows[gml_id][0]) == sorted(parts)
        assert rows[gml_id][1] == pytest.approx(high, abs=0.002)  # heights stay absolute through the reprojection
    assert _rows(store, "SELECT crs, version, count FROM sources") == [("EPSG:2056", "1.1", 49)]


def test_zurich_lands_where_pyproj_puts_the_files_extent(zurich):
    from pyproj import Transformer

    path, _, store = zurich
    minx, miny, _, maxx, maxy, _ = _doc(path)["metadata"]["geographicalExtent"]
    to_utm = Transformer.from_crs(2056, 25832, always_xy=True)
    xs, ys = to_utm.transform([minx, maxx, minx, maxx], [miny, miny, maxy, maxy])
    ((lo_x, lo_y, hi_x, hi_y),) = _rows(
        store, "SELECT min(minx), min(miny), max(maxx), max(maxy) FROM rtree_buildings_geom"
    )
    assert min(xs) - 1 <= lo_x and hi_x <= max(xs) + 1
    assert min(ys) - 1 <= lo_y and hi_y <= max(ys) + 1
    assert 400_000 < lo_x < 500_000 and 5_200_000 < lo_y < 5_300_000  # Zürich in UTM 32N


def test_delft_v2_imports_the_buildings_and_notes_the_other_objects(cj, tmp_path):
    path = cj / "cjio_tests" / "delft.json"
    doc = _doc(path)
    expected = _expected(doc)
    kinds = {}
    for obj in doc["CityObjects"].values():
        if obj["type"] != "Building":
            kinds[obj["type"]] = kinds.get(obj["type"], 0) + 1
    assert len(expected) == 160 and sum(kinds.values()) == 410
    summary, store = _import(path, tmp_path)
    assert summary.buildings == 160
    note = next(r for r in _reasons(summary) if "not buildings" in r)
    assert "410" in note and f"Road {kinds['Road']}" in note and f"Bridge {kinds['Bridge']}" in note
    assert _rows(store, "SELECT crs, version FROM sources") == [("EPSG:28992", "2.0")]  # EPSG:7415 = RD New + NAP
    heights = dict(_rows(store, "SELECT gml_id, max_z FROM buildings"))
    for gml_id, (_, high) in expected.items():
        assert heights[gml_id] == pytest.approx(high, abs=0.002)


def test_rotterdam_with_textures_v20_and_v11_give_the_same_buildings(cj, tmp_path):
    folder = cj / "cjio_tests" / "rotterdam"
    v20, v11 = folder / "rotterdam_subset.json", folder / "rotterdam_subset_cjio_test.json"
    summary20, store20 = _import(v20, tmp_path, "a.gpkg")
    summary11, store11 = _import(v11, tmp_path, "b.gpkg")
    assert summary20.buildings == summary11.buildings == len(_expected(_doc(v20))) == 16
    a = dict(_rows(store20, "SELECT gml_id, max_z FROM buildings"))
    b = dict(_rows(store11, "SELECT gml_id, max_z FROM buildings"))
    assert a.keys() == b.keys()
    for gml_id, (_, high) in _expected(_doc(v20)).items():
        assert a[gml_id] == pytest.approx(high, abs=0.002) and b[gml_id] == pytest.approx(high, abs=0.002)


def test_file_without_reference_system_is_imported_with_a_note(cj, tmp_path):
    path = cj / "cjio_tests" / "DH_01_subs.city.json"
    doc = _doc(path)
    assert "referenceSystem" not in (doc.get("metadata") or {})
    expected = _expected(doc)
    assert len(expected) == 4 and sum(len(p) for p, _ in expected.values()) == 8
    summary, store = _import(path, tmp_path)
    assert summary.buildings == 4
    assert any("no reference system" in r for r in _reasons(summary, ""))
    assert _rows(store, "SELECT crs FROM sources") == [(None,)]
    assert sum(len(json.loads(p)) for (p,) in _rows(store, "SELECT part_ids FROM buildings")) == 8


def test_japanese_epsg6677_with_non_ascii_attributes(cj):
    """Read without a store (Tokyo lies outside what the EPSG:25832 store can hold)."""
    from soest_qgis_plugin.citymodel.readers import ReadLog
    from soest_qgis_plugin.citymodel.readers.cityjson import read

    path = cj / "cjval_data" / "japanese.city.json"
    doc = _doc(path)
    expected = _expected(doc)
    log = ReadLog()
    buildings = {b.gml_id: b for b in read(str(path), log)}
    assert set(buildings) == set(expected) and len(buildings) == 2
    assert log.files[str(path)].crs == "EPSG:6677"
    for gml_id, building in buildings.items():
        source = doc["CityObjects"][gml_id]["attributes"]
        assert building.crs == "EPSG:6677"
        assert building.attributes["measuredHeight"] == source["measuredHeight"]  # 13.4 and 53.4
        assert building.attributes["延べ面積換算係数"] == "1.00"
        top = max(ring[:, 2].max() for surface in building.surfaces for ring in surface.rings)
        assert top == pytest.approx(expected[gml_id][1], abs=0.002)
    assert any("BuildingInstallation 2" in p.reason for p in log.problems)


def test_old_versions_are_read_like_1_0_with_a_note(cj, tmp_path):
    """CityJSON 0.5 (citygml4j) holds the same 100 FZK buildings as its 2.0 sibling: same ids and heights."""
    old, new = cj / "citygml4j_LOD2_Buildings.json", cj / "citygml4j_lod2_buildings_v2.json"
    assert _doc(old)["version"] == "0.5"
    summary_old, store_old = _import(old, tmp_path, "old.gpkg")
    summary_new, store_new = _import(new, tmp_path, "new.gpkg")
    assert summary_old.buildings == summary_new.buildings == len(_expected(_doc(new))) == 100
    assert any("0.5" in r and "1.0" in r for r in _reasons(summary_old, ""))
    assert not any("older" in r for r in _reasons(summary_new))
    assert _rows(store_new, "SELECT crs FROM sources") == [("EPSG:3068",)]
    a = {row[0]: row[1:] for row in _rows(store_old, "SELECT gml_id, ground_z, max_z, measured_height FROM buildings")}
    b = {row[0]: row[1:] for row in _rows(store_new, "SELECT gml_id, ground_z, max_z, measured_height FROM buildings")}
    assert a.keys() == b.keys()
    for gml_id in a:
        assert a[gml_id] == pytest.approx(b[gml_id], abs=0.002)
    summary_09, _ = _import(cj / "cjval_data" / "o4.json", tmp_path, "o4.gpkg")
    assert any("0.9" in r for r in _reasons(summary_09, ""))


def test_empty_versionless_and_non_json_files(cj, tmp_path):
    data = cj / "cjio_tests"
    summary, store = _import([data / "minimal.json"], tmp_path, "minimal.gpkg")
    assert _doc(data / "minimal.json")["CityObjects"] == {}
    assert summary.buildings == 0 and summary.files_ok == 1
    assert _rows(store, "SELECT count FROM sources") == [(0,)]  # read, found empty
    assert CityModelStore(store).count() == 0
    summary, _ = _import([data / "dummy" / "rectangle.json"], tmp_path, "rect.gpkg")
    assert summary.buildings == len(_expected(_doc(data / "dummy" / "rectangle.json"))) == 1
    summary, store = _import([data / "box.off", data / "box.poly", data / "cube.json"], tmp_path, "mixed.gpkg")
    bad = {p.file.rsplit("/", 1)[-1] for p in summary.problems if "not a CityGML or CityJSON" in p.reason}
    assert bad == {"box.off", "box.poly"}
    assert summary.buildings == 1 and summary.files_ok == 1  # cube.json goes on


def test_cityjsonseq_files(cj, tmp_path):
    """cube_20_1.jsonl: a header and three CityJSONFeatures that all use the id "id-1" (one is imported,
    the repeats are reported); cube.txt: a 1.1 stream whose 4th feature has a misspelt type."""
    lines = (cj / "cjval_data" / "cube_20_1.jsonl").read_text(encoding="utf-8").splitlines()
    features = [json.loads(line) for line in lines[1:] if line.strip()]
    assert [f["id"] for f in features] == ["id-1"] * 3
    summary, _ = _import(cj / "cjval_data" / "cube_20_1.jsonl", tmp_path, "a.gpkg")
    buildings = [f for f in features if f["CityObjects"]["id-1"]["type"] == "Building"]
    assert summary.buildings == 1 and len(_reasons(summary, "id-1")) == len(buildings) - 1
    summary, _ = _import(cj / "cjval_data" / "cube.txt", tmp_path, "b.gpkg")
    assert summary.buildings == 1
    assert any("line 5 is not a CityJSONFeature" in r for r in _reasons(summary, ""))


CORPUS_INVALID = [
    ("invalid_missing_type", "invalid_missing_type.json", 'no "type": "CityJSON"'),
    ("invalid_out_of_range_vertex_index", "invalid_out_of_range_vertex_index.json", "out of range"),
    ("invalid_u64_f64_bounds", "invalid_u64_f64_bounds.json", "64-bit"),
    (
        "invalid_cityjsonfeature_root_id_unresolved",
        "invalid_cityjsonfeature_root_id_unresolved.city.jsonl",
        "names none of its city objects",
    ),
]


@pytest.mark.parametrize(("case", "name", "reason"), CORPUS_INVALID)
def test_corpus_invalid_cases_are_rejected_and_the_good_file_goes_on(cj, tmp_path, case, name, reason):
    folder = cj / "cityjson_corpus_cases" / "invalid" / case
    assert json.loads((folder / "invariants.json").read_text())["expected_result"] == "reject"
    good = cj / "cjio_tests" / "cube.json"
    summary, store = _import([folder / name, good], tmp_path)
    problems = [p for p in summary.problems if p.file.endswith(name)]
    assert any(reason in p.reason for p in problems), [p.reason for p in problems]
    assert any(p.skipped for p in problems)  # the object (or the whole file) is not imported
    assert summary.buildings == 1  # only the cube
    assert [row[0] for row in _rows(store, "SELECT source_file FROM buildings")] == [str(good.resolve())]


def test_corpus_conformance_v2_cases(cj, tmp_path):
    """All valid 2.0 cases in one run: nothing crashes, the store holds exactly what the summary says."""
    folder = cj / "cityjson_corpus_cases" / "conformance" / "v2_0"
    files = sorted(p for p in folder.rglob("*") if p.name.endswith((".city.json", ".city.jsonl")))
    assert len(files) >= 33 and len({f.parent for f in files}) == len(list(folder.glob("*/case.json")))
    summary, store = _import(files, tmp_path)
    assert summary.total_in_store == summary.buildings == len(_rows(store, "SELECT 1 FROM buildings"))
    imported = {row[0] for row in _rows(store, "SELECT gml_id FROM buildings")}
    appearance = _doc(folder / "appearance_complete" / "appearance_complete.city.json")
    assert set(_expected(appearance)) <= imported  # 2 textured/material buildings
    all_types = _doc(folder / "cityobject_all_types" / "cityobject_all_types.city.json")["CityObjects"]
    others = sum(1 for o in all_types.values() if o["type"] not in ("Building", "BuildingPart"))
    assert others == 31
    assert any(f"not buildings ignored: {others} " in r for r in _reasons(summary))
    # cityjson_fake_complete: its BuildingPart hangs below an extension type (+NoiseBuilding), not a Building
    assert any("belongs to no Building" in r for r in _reasons(summary, "id-1"))


def test_buildings_from_geometry_templates(tmp_path):
    """A Building whose only geometry is a GeometryInstance of a unit cube, scaled by 2 and 3 in height."""
    cube = [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, 1], [1, 0, 1], [1, 1, 1], [0, 1, 1]]
    faces = [[0, 3, 2, 1], [4, 5, 6, 7], [0, 1, 5, 4], [1, 2, 6, 5], [2, 3, 7, 6], [3, 0, 4, 7]]
    sem = ["GroundSurface", "RoofSurface", "WallSurface", "WallSurface", "WallSurface", "WallSurface"]
    template = {
        "type": "Solid",
        "lod": "2",
        "boundaries": [[[f] for f in faces]],
        "semantics": {"surfaces": [{"type": t} for t in sem], "values": [list(range(6))]},
    }
    doc = {
        "type": "CityJSON",
        "version": "2.0",
        "metadata": {"referenceSystem": "https://www.opengis.net/def/crs/EPSG/0/25832"},
        "transform": {"scale": [0.01, 0.01, 0.01], "translate": [400000, 5700000, 50]},
        "geometry-templates": {"templates": [template], "vertices-templates": cube},
        "vertices": [[0, 0, 0], [1000, 0, 500]],
        "CityObjects": {
            f"T{k}": {
                "type": "Building",
                "geometry": [
                    {
                        "type": "GeometryInstance",
                        "template": 0,
                        "boundaries": [k],
                        "transformationMatrix": [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 3, 0, 0, 0, 0, 1],
                    }
                ],
            }
            for k in range(2)
        },
    }
    path = tmp_path / "templates.city.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    summary, store = _import(path, tmp_path)
    assert summary.buildings == 2
    rows = {r[0]: r[1:] for r in _rows(store, "SELECT gml_id, footprint_area, volume, ground_z, max_z FROM buildings")}
    assert rows["T0"] == pytest.approx((4.0, 12.0, 50.0, 53.0))
    assert rows["T1"] == pytest.approx((4.0, 12.0, 55.0, 58.0))
    ((minx, miny),) = _rows(
        store, "SELECT minx, miny FROM rtree_buildings_geom r JOIN buildings b ON b.fid = r.id WHERE gml_id = 'T1'"
    )
    assert (minx, miny) == pytest.approx((400010.0, 5700000.0), abs=0.01)


def test_processing_import_of_zurich(cj, tmp_path, soest_provider):
    import processing

    out = tmp_path / "store.gpkg"
    result = processing.run(
        "soest:import_citymodel",
        {"INPUT": str(cj / "cjio_tests" / "zurich" / "zurich_subset_lod2.json"), "OUTPUT": str(out)},
    )
    assert result["BUILDINGS"] == 49 and result["SKIPPED"] == 0
    assert CityModelStore(out).count() == 49
