"""Each export format on constructed buildings and on real NRW LoD2 fixture buildings."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from soest_qgis_plugin.citymodel import mesh as meshlib
from soest_qgis_plugin.citymodel.export import export_buildings
from tests.citymodel.conftest_export import (
    E0,
    N0,
    REAL_TILE,
    cityjson_errors,
    read_fixture_buildings,
    town,
    with_part,
    write_dem,
)


@pytest.fixture
def buildings():
    return town(12) + [with_part("DENW_PART")]


@pytest.fixture(scope="module")
def real_buildings(shared_fixtures):
    pytest.importorskip("soest_qgis_plugin.citymodel.readers.citygml")
    result, log = read_fixture_buildings(shared_fixtures / "citygml" / REAL_TILE)
    assert len(result) == 18 and not log.problems
    return result


def _triangles(buildings):
    return sum(meshlib.building_mesh(b).face_count for b in buildings)


def _obj(path):
    groups, materials, vertices, faces = [], [], [], []
    for line in Path(path).read_text().splitlines():
        if line.startswith("g "):
            groups.append(line[2:])
        elif line.startswith("usemtl "):
            materials.append(line[7:])
        elif line.startswith("v "):
            vertices.append([float(x) for x in line.split()[1:]])
        elif line.startswith("f "):
            faces.append([int(p.split("/")[0]) for p in line.split()[1:]])
    return groups, materials, np.array(vertices), np.array(faces)


# -- OBJ ------------------------------------------------------------------------------------


def test_obj_groups_per_building_and_materials_per_semantic(tmp_path, buildings):
    out = tmp_path / "stadt.obj"
    summary = export_buildings(buildings, out)
    groups, used, vertices, faces = _obj(out)
    assert groups == [b.gml_id for b in buildings]
    mtl = (tmp_path / "stadt.mtl").read_text()
    defined = {line[7:] for line in mtl.splitlines() if line.startswith("newmtl ")}
    assert {"RoofSurface", "WallSurface", "GroundSurface", "ClosureSurface"} <= set(used) <= defined
    assert "mtllib stadt.mtl" in out.read_text()
    assert len(faces) == summary["triangles"] == _triangles(buildings)
    assert faces.min() == 1 and faces.max() == len(vertices)
    expected = meshlib.bounds_of([b.vertices() for b in buildings])
    assert vertices.min(axis=0) == pytest.approx(expected[:3], abs=1e-3)
    assert not (tmp_path / "stadt.obj.origin.json").exists()


def test_obj_local_origin_sidecar_undoes_the_shift(tmp_path, buildings):
    out = tmp_path / "lokal.obj"
    summary = export_buildings(buildings, out, {"local_origin": True})
    sidecar = json.loads((tmp_path / "lokal.obj.origin.json").read_text())
    assert sidecar["crs"] == "EPSG:25832"
    assert summary["origin"] == sidecar["offset"]
    _, _, vertices, _ = _obj(out)
    assert vertices[:, :2].min() >= 0 and vertices[:, :2].min() < 1.0  # lower-left corner near 0
    restored = vertices + np.array(sidecar["offset"])
    expected = meshlib.bounds_of([b.vertices() for b in buildings])
    assert restored.min(axis=0) == pytest.approx(expected[:3], abs=1e-3)
    assert restored.max(axis=0) == pytest.approx(expected[3:], abs=1e-3)


def test_obj_target_crs_transforms_vertices_and_keeps_heights(tmp_path, buildings):
    from pyproj import Transformer

    out = tmp_path / "utm33.obj"
    export_buildings(buildings[:1], out, {"target_crs": "EPSG:25833"})
    _, _, vertices, _ = _obj(out)
    source = meshlib.building_mesh(buildings[0]).vertices
    x, y = Transformer.from_crs("EPSG:25832", "EPSG:25833", always_xy=True).transform(source[:, 0], source[:, 1])
    assert np.allclose(vertices[:, 0], x, rtol=0, atol=2e-3) and np.allclose(vertices[:, 1], y, rtol=0, atol=2e-3)
    assert np.allclose(vertices[:, 2], source[:, 2], rtol=0, atol=1e-3)
    assert "# CRS: EPSG:25833" in out.read_text()


def test_obj_includes_terrain_clipped_to_the_selection(tmp_path, buildings):
    dem = write_dem(tmp_path / "dgm1.tif", E0 - 300, N0 - 300, E0 + 500, N0 + 500)
    out = tmp_path / "gelaende.obj"
    export_buildings(buildings, out, {"terrain": str(dem), "terrain_margin": 10.0, "terrain_max_cells": 5000})
    text = out.read_text()
    assert "g terrain" in text and "usemtl TINRelief" in text
    terrain_part = text.split("g terrain", 1)[1]
    tv = np.array([[float(x) for x in line.split()[1:]] for line in terrain_part.splitlines() if line.startswith("v ")])
    b = meshlib.bounds_of([x.vertices() for x in buildings])
    assert tv[:, 0].min() >= b[0] - 10.5 and tv[:, 0].max() <= b[3] + 10.5
    assert tv[:, 1].min() >= b[1] - 10.5 and tv[:, 1].max() <= b[4] + 10.5
    assert len(tv) <= 5000 * 1.2


def test_obj_real_fixture(tmp_path, real_buildings):
    out = tmp_path / "real.obj"
    summary = export_buildings(real_buildings, out)
    groups, used, _, faces = _obj(out)
    assert len(groups) == 18 and summary["buildings"] == 18
    assert {"RoofSurface", "WallSurface", "GroundSurface", "ClosureSurface"} <= set(used)
    assert len(faces) == _triangles(real_buildings)


# -- glTF / GLB -----------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".glb", ".gltf"])
def test_gltf_loads_with_pygltflib_and_trimesh(tmp_path, buildings, suffix):
    import pygltflib
    import trimesh

    out = tmp_path / ("stadt" + suffix)
    summary = export_buildings(buildings, out)
    gltf = pygltflib.GLTF2().load(str(out))
    named = [n for n in gltf.nodes if n.mesh is not None]
    assert [n.extras["gml_id"] for n in named] == [b.gml_id for b in buildings]
    assert {m.name for m in gltf.materials} >= {"RoofSurface", "WallSurface", "GroundSurface"}
    assert named[0].extras["attributes"]["function"] == "31001_1010"
    scene = trimesh.load(str(out), force="scene")
    # trimesh makes one geometry per primitive (building × semantic material).
    assert all(b.gml_id in scene.geometry for b in buildings)
    assert len(scene.geometry) == sum(len(meshlib.building_mesh(b).groups()) for b in buildings)
    assert sum(len(g.faces) for g in scene.geometry.values()) == summary["triangles"] == _triangles(buildings)
    # Root translation restores absolute positions: glTF (x, y, z) = (E, H, -N).
    b = meshlib.bounds_of([x.vertices() for x in buildings])
    lo, hi = scene.bounds
    assert lo[0] == pytest.approx(b[0], abs=0.01) and hi[0] == pytest.approx(b[3], abs=0.01)
    assert lo[1] == pytest.approx(b[2], abs=0.01) and hi[1] == pytest.approx(b[5], abs=0.01)
    assert -hi[2] == pytest.approx(b[1], abs=0.01) and -lo[2] == pytest.approx(b[4], abs=0.01)


def test_glb_local_origin_metadata(tmp_path, buildings):
    import pygltflib
    import trimesh

    out = tmp_path / "lokal.glb"
    export_buildings(buildings, out, {"local_origin": True})
    gltf = pygltflib.GLTF2().load(str(out))
    frame = gltf.asset.extras["soest_origin"]
    sidecar = json.loads((tmp_path / "lokal.glb.origin.json").read_text())
    assert frame["offset"] == sidecar["offset"] and frame["crs"] == "EPSG:25832"
    lo, _ = trimesh.load(str(out), force="scene").bounds
    b = meshlib.bounds_of([x.vertices() for x in buildings])
    assert lo[0] + frame["offset"][0] == pytest.approx(b[0], abs=0.01)
    assert -(_ := trimesh.load(str(out), force="scene").bounds[1][2]) + frame["offset"][1] == pytest.approx(
        b[1], abs=0.01
    )


def test_glb_real_fixture(tmp_path, real_buildings):
    import trimesh

    out = tmp_path / "real.glb"
    export_buildings(real_buildings, out, {"local_origin": True})
    scene = trimesh.load(str(out), force="scene")
    assert all(b.gml_id in scene.geometry for b in real_buildings)


# -- STL (plain) ----------------------------------------------------------------------------


def test_stl_plain_has_all_triangles(tmp_path, buildings):
    import trimesh

    out = tmp_path / "stadt.stl"
    export_buildings(buildings, out)
    t = trimesh.load(str(out))
    assert len(t.faces) == _triangles(buildings)
    b = meshlib.bounds_of([x.vertices() for x in buildings])
    assert t.bounds[0] == pytest.approx(b[:3], abs=0.05)  # float32 STL
    assert os.path.getsize(out) == 84 + 50 * len(t.faces)


# -- DXF ------------------------------------------------------------------------------------


@pytest.mark.parametrize("entity", ["3dface", "mesh"])
def test_dxf_audit_clean_with_german_layers(tmp_path, buildings, entity):
    import ezdxf

    out = tmp_path / "stadt.dxf"
    summary = export_buildings(buildings, out, {"dxf_entity": entity})
    doc = ezdxf.readfile(str(out))
    auditor = doc.audit()
    assert not auditor.has_errors, [str(e.message) for e in auditor.errors]
    layers = {layer.dxf.name for layer in doc.layers}
    assert {"Dach", "Wand", "Boden", "Abschluss"} <= layers
    inserts = list(doc.modelspace().query("INSERT"))
    assert len(inserts) == len(buildings)
    kind = "3DFACE" if entity == "3dface" else "MESH"
    entities = [e for ins in inserts for e in doc.blocks[ins.dxf.name] if e.dxftype() == kind]
    assert {e.dxf.layer for e in entities} == {"Dach", "Wand", "Boden", "Abschluss"}
    if entity == "3dface":
        # Convex planar quads (most walls) are one 4-corner 3DFACE, the rest triangles (4th = 3rd corner).
        quads = [e for e in entities if not np.allclose(e.dxf.vtx2, e.dxf.vtx3, rtol=0, atol=1e-9)]
        assert quads and len(quads) < len(entities)
        assert len(entities) + len(quads) == summary["triangles"] == _triangles(buildings)
    else:
        assert sum(len(e.faces) for e in entities) == summary["triangles"]
    roof = next(e for e in entities if e.dxf.layer == "Dach")
    first = roof.dxf.vtx0 if entity == "3dface" else roof.vertices[0]
    assert first[0] > 400_000 and first[2] > 90  # absolute coordinates and heights


def test_dxf_terrain_layer(tmp_path, buildings):
    import ezdxf

    dem = write_dem(tmp_path / "dgm1.tif", E0 - 100, N0 - 100, E0 + 300, N0 + 300)
    out = tmp_path / "gelaende.dxf"
    export_buildings(buildings[:2], out, {"terrain": str(dem), "terrain_max_cells": 500})
    doc = ezdxf.readfile(str(out))
    assert not doc.audit().has_errors
    assert len(doc.modelspace().query('*[layer=="Gelände"]')) > 0


def test_dxf_real_fixture(tmp_path, real_buildings):
    import ezdxf

    out = tmp_path / "real.dxf"
    export_buildings(real_buildings, out)
    doc = ezdxf.readfile(str(out))
    assert not doc.audit().has_errors
    assert len(doc.modelspace().query("INSERT")) == 18


# -- CityJSON -------------------------------------------------------------------------------


def _decode(doc):
    scale = np.array(doc["transform"]["scale"])
    translate = np.array(doc["transform"]["translate"])
    return np.array(doc["vertices"]) * scale + translate


def test_cityjson_valid_with_parts_semantics_and_crs(tmp_path, buildings):
    out = tmp_path / "stadt.city.json"
    export_buildings(buildings, out)
    doc = json.loads(out.read_text())
    assert cityjson_errors(doc) == []
    assert doc["metadata"]["referenceSystem"] == "https://www.opengis.net/def/crs/EPSG/0/25832"
    objs = doc["CityObjects"]
    assert sum(o["type"] == "Building" for o in objs.values()) == len(buildings)
    parent = objs["DENW_PART"]
    assert parent["children"] == ["DENW_PART_BP1"]
    part = objs["DENW_PART_BP1"]
    assert part["type"] == "BuildingPart" and part["parents"] == ["DENW_PART"]
    part_types = {s["type"] for s in part["geometry"][0]["semantics"]["surfaces"]}
    assert part_types == {"RoofSurface", "WallSurface", "GroundSurface", "ClosureSurface"}
    assert objs["DENW00000000"]["attributes"]["function"] == "31001_1010"
    real = _decode(doc)
    b = meshlib.bounds_of([x.vertices() for x in buildings])
    assert real.min(axis=0) == pytest.approx(b[:3], abs=6e-4)
    assert real.max(axis=0) == pytest.approx(b[3:], abs=6e-4)
    assert doc["metadata"]["geographicalExtent"] == pytest.approx(list(b), abs=1e-3)
    # Rings and holes survive: the courtyard roof has one hole.
    court = objs["DENW00000004"]["geometry"][0]
    roof_index = [s["type"] for s in court["semantics"]["surfaces"]].index("RoofSurface")
    roofs = [s for s, v in zip(court["boundaries"], court["semantics"]["values"]) if v == roof_index]
    assert len(roofs) == 1 and len(roofs[0]) == 2


def test_cityjson_target_crs_terrain_and_cjio_reads_it(tmp_path, buildings):
    dem = write_dem(tmp_path / "dgm1.tif", E0 - 100, N0 - 100, E0 + 300, N0 + 300)
    out = tmp_path / "etrs.json"
    export_buildings(buildings, out, {"target_crs": "EPSG:4647", "terrain": str(dem), "terrain_max_cells": 500})
    doc = json.loads(out.read_text())
    assert cityjson_errors(doc) == []
    assert doc["metadata"]["referenceSystem"] == "https://www.opengis.net/def/crs/EPSG/0/4647"
    assert doc["CityObjects"]["terrain"]["type"] == "TINRelief"
    assert _decode(doc)[:, 0].min() > 32_000_000  # EPSG:4647 has the zone prefix 32
    cjio = Path(sys.executable).with_name("cjio")
    if not cjio.exists():
        pytest.skip("cjio not installed")
    result = subprocess.run([str(cjio), str(out), "info"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "2.0" in result.stdout and "Building" in result.stdout


def test_cityjson_real_fixture_with_building_parts(tmp_path, real_buildings):
    out = tmp_path / "real.city.json"
    export_buildings(real_buildings, out)
    doc = json.loads(out.read_text())
    assert cityjson_errors(doc) == []
    objs = doc["CityObjects"]
    assert sum(o["type"] == "Building" for o in objs.values()) == 18
    parts = [o for o in objs.values() if o["type"] == "BuildingPart"]
    assert parts and all(o["geometry"] for o in parts)
    semantics = {
        s["type"] for o in objs.values() for g in o["geometry"] for s in g.get("semantics", {}).get("surfaces", [])
    }
    assert {"RoofSurface", "WallSurface", "GroundSurface", "ClosureSurface"} <= semantics


# -- CityGML --------------------------------------------------------------------------------


def test_citygml_contains_originals_byte_for_byte(tmp_path, real_buildings, shared_fixtures):
    from lxml import etree

    chosen = real_buildings[::3]
    out = tmp_path / "auswahl.gml"
    summary = export_buildings(chosen, out)
    assert summary["buildings"] == len(chosen)
    text = out.read_text(encoding="utf-8")
    for b in chosen:
        assert b.original and b.original in text
    root = etree.parse(str(out)).getroot()
    assert etree.QName(root).localname == "CityModel"
    assert root.nsmap["bldg"] == "http://www.opengis.net/citygml/building/1.0"
    ns = {k: v for k, v in root.nsmap.items() if k}
    ids = root.xpath("//bldg:Building/@gml:id", namespaces=ns)
    assert ids == [b.gml_id for b in chosen]
    lower = root.find(".//{http://www.opengis.net/gml}lowerCorner").text.split()
    upper = root.find(".//{http://www.opengis.net/gml}upperCorner").text.split()
    b = meshlib.bounds_of([x.vertices() for x in chosen])
    assert [float(v) for v in lower] == pytest.approx(b[:3], abs=1e-3)
    assert [float(v) for v in upper] == pytest.approx(b[3:], abs=1e-3)
    envelope = root.find(".//{http://www.opengis.net/gml}Envelope")
    assert envelope.get("srsName").startswith("urn:adv:crs:ETRS89_UTM32")
    # The project's reader reads the export back to the same buildings.
    again, log = read_fixture_buildings(out)
    assert not log.problems
    assert [x.gml_id for x in again] == [x.gml_id for x in chosen]
    assert [len(x.surfaces) for x in again] == [len(x.surfaces) for x in chosen]


def test_citygml_20_source_and_store_namespaces(tmp_path, shared_fixtures):
    from lxml import etree

    pytest.importorskip("soest_qgis_plugin.citymodel.readers.citygml")
    chosen, _ = read_fixture_buildings(shared_fixtures / "citygml" / "Building_LOD2-EPSG25832.gml")
    out = tmp_path / "ogc.gml"
    namespaces = etree.parse(str(shared_fixtures / "citygml" / "Building_LOD2-EPSG25832.gml")).getroot().nsmap
    export_buildings(chosen, out, {"namespaces": {k or "": v for k, v in namespaces.items()}})
    root = etree.parse(str(out)).getroot()
    assert root.tag == "{http://www.opengis.net/citygml/2.0}CityModel"
    assert chosen[0].original in out.read_text(encoding="utf-8")


def test_citygml_without_originals_is_an_error(tmp_path, buildings):
    from soest_qgis_plugin.common.errors import InputError

    with pytest.raises(InputError):
        export_buildings(buildings, tmp_path / "leer.gml")
    assert not list(tmp_path.iterdir())


# -- GeoPackage -----------------------------------------------------------------------------


def test_gpkg_footprints_with_heights_open_in_qgis(tmp_path, buildings, qgis_app):
    from qgis.core import QgsVectorLayer, QgsWkbTypes

    out = tmp_path / "grundrisse.gpkg"
    export_buildings(buildings, out)
    layer = QgsVectorLayer(f"{out}|layername=footprints", "fp", "ogr")
    assert layer.isValid()
    assert layer.featureCount() == len(buildings)
    assert QgsWkbTypes.hasZ(layer.wkbType()) and layer.geometryType() == QgsWkbTypes.GeometryType.PolygonGeometry
    assert layer.crs().authid() == "EPSG:25832"
    features = {f["gml_id"]: f for f in layer.getFeatures()}
    first = features["DENW00000000"]
    house = buildings[0]
    v = house.vertices()
    assert first["min_z"] == pytest.approx(v[:, 2].min())
    assert first["max_z"] == pytest.approx(v[:, 2].max())
    assert first["measured_height"] == pytest.approx(house.attributes["measuredHeight"])
    assert first["function"] == "31001_1010"
    geometry = first.geometry()
    zs = [p.z() for p in geometry.vertices()]
    assert zs and all(z == pytest.approx(v[:, 2].min()) for z in zs)
    xs = v[:, 0]
    ys = v[:, 1]
    assert geometry.area() == pytest.approx((xs.max() - xs.min()) * (ys.max() - ys.min()), rel=1e-6)
    court = features["DENW00000004"].geometry()
    assert court.area() == pytest.approx(400 - 64)  # the courtyard is a hole
    part = features["DENW_PART"]
    assert part["part_ids"] == "DENW_PART_BP1"
    assert part.geometry().area() == pytest.approx(10 * 8 + 6 * 8)


def test_gpkg_real_fixture(tmp_path, real_buildings, qgis_app):
    from qgis.core import QgsVectorLayer

    out = tmp_path / "real.gpkg"
    export_buildings(real_buildings, out, {"target_crs": "EPSG:4647"})
    layer = QgsVectorLayer(f"{out}|layername=footprints", "fp", "ogr")
    assert layer.isValid() and layer.featureCount() == 18
    assert layer.crs().authid() == "EPSG:4647"
    assert all(f["max_z"] > f["min_z"] > 0 for f in layer.getFeatures())
    assert layer.extent().xMinimum() > 32_000_000


# -- Round trips through the project's readers ----------------------------------------------


def test_cityjson_export_reads_back_with_the_project_reader(tmp_path, real_buildings):
    from soest_qgis_plugin.citymodel.readers import ReadLog, iter_buildings

    out = tmp_path / "rund.city.json"
    export_buildings(real_buildings, out)
    log = ReadLog()
    again = {b.gml_id: b for b in iter_buildings([str(out)], log=log)}
    assert not [p for p in log.problems if p.skipped]
    assert set(again) == {b.gml_id for b in real_buildings}
    for b in real_buildings:
        back = again[b.gml_id]
        assert len(back.surfaces) == len(b.surfaces)
        assert sorted(back.part_ids) == sorted(b.part_ids)
        assert np.allclose(np.sort(back.vertices(), axis=0), np.sort(b.vertices(), axis=0), rtol=0, atol=6e-4)
        assert sorted(s.semantic for s in back.surfaces) == sorted(s.semantic for s in b.surfaces)


def test_cityjson_sources_export_to_meshes_but_not_to_citygml(tmp_path, shared_fixtures):
    import trimesh

    from soest_qgis_plugin.citymodel.readers import iter_buildings

    buildings = list(iter_buildings([str(shared_fixtures / "cityjson" / "DH_01_subs.city.json")]))
    assert buildings
    out = tmp_path / "dh.glb"
    export_buildings(buildings, out, {"local_origin": True})
    scene = trimesh.load(str(out), force="scene")
    assert all(b.gml_id in scene.geometry for b in buildings)
    from soest_qgis_plugin.common.errors import InputError

    with pytest.raises(InputError):
        export_buildings(buildings, tmp_path / "dh.gml")
    assert not (tmp_path / "dh.gml").exists()
