"""Mesh exports opened by Assimp (Open Asset Import Library), the importer behind many 3D viewers,
game engines and converters: Debian's ``assimp-utils`` (installed by make setup).

Each file must load with the exporter's triangle count; OBJ and glTF keep one node per building
(named by its id), DXF one mesh per semantic layer. Where assimp is missing the tests skip.
"""

import re
import shutil
import subprocess

import pytest

from soest_qgis_plugin.citymodel.export import export_buildings
from tests.citymodel.conftest_export import REAL_TILE, read_fixture_buildings, town, with_part

ASSIMP = shutil.which("assimp")
pytestmark = pytest.mark.skipif(ASSIMP is None, reason="assimp (Debian package assimp-utils) is not installed")

FORMATS = ("obj", "dxf", "stl", "glb", "gltf")
DXF_LAYERS = {"Dach", "Wand", "Boden", "Abschluss"}


def assimp_info(path):
    """(triangles, {mesh name: triangles}, [names of nodes that hold meshes]); None when assimp
    cannot load the file."""
    run = subprocess.run([ASSIMP, "info", str(path)], capture_output=True, text=True, timeout=300)
    text = run.stdout + run.stderr
    if "Unable to load input file" in text:
        return None
    faces = int(re.search(r"^Faces:\s+(\d+)", text, re.M).group(1))
    meshes = {}
    for name, count in re.findall(r"^\s+\d+ \(([^)]*)\): \[\d+ / \d+ / (\d+) \|", text, re.M):
        meshes[name] = meshes.get(name, 0) + int(count)
    nodes = re.findall(r"^[├└]╴(\S+) \(mesh [\d, ]+\)", text, re.M)
    return faces, meshes, nodes


@pytest.fixture(scope="module")
def real_buildings(shared_fixtures):
    buildings, log = read_fixture_buildings(shared_fixtures / "citygml" / REAL_TILE)
    assert len(buildings) == 18 and not log.problems
    return buildings


def check(buildings, out, ext):
    summary = export_buildings(buildings, out, {"local_origin": True})
    info = assimp_info(out)
    assert info is not None, f"assimp cannot open the {ext} export"
    faces, meshes, nodes = info
    assert faces == summary["triangles"] > 0
    if ext == "dxf":
        assert set(meshes) <= DXF_LAYERS and {"Dach", "Wand", "Boden"} <= set(meshes)
        assert sum(meshes.values()) == faces
    if ext in ("obj", "glb", "gltf"):
        assert sorted(nodes) == sorted(b.gml_id for b in buildings)


@pytest.mark.parametrize("ext", FORMATS)
def test_town_opens_in_assimp(tmp_path, ext):
    check(town(8) + [with_part("DENW_PART")], tmp_path / f"stadt.{ext}", ext)


@pytest.mark.parametrize("ext", FORMATS)
def test_real_nrw_tile_opens_in_assimp(tmp_path, real_buildings, ext):
    check(real_buildings, tmp_path / f"nrw.{ext}", ext)


def test_assimp_refuses_a_broken_file(tmp_path):
    """So that a pass above means something: a GLB cut to its first 200 bytes does not load."""
    out = tmp_path / "stadt.glb"
    export_buildings(town(2), out)
    broken = tmp_path / "kaputt.glb"
    broken.write_bytes(out.read_bytes()[:200])
    assert assimp_info(broken) is None
