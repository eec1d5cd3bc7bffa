"""Export errors and cancel: no half-written output, German messages, options checked."""

import os

import pytest

from soest_qgis_plugin.citymodel.export import ExportOptions, export_buildings, format_for_path
from soest_qgis_plugin.common.errors import Cancelled, InputError
from soest_qgis_plugin.common.feedback import CollectingFeedback
from tests.citymodel.conftest_export import E0, N0, read_fixture_buildings, town, write_dem

CASES = [
    ("out.obj", {}),
    ("out.glb", {}),
    ("out.gltf", {"local_origin": True}),
    ("out.stl", {}),
    ("print.stl", {"print_scale": 1000}),
    ("out.dxf", {}),
    ("out.city.json", {}),
    ("out.gpkg", {"local_origin": True}),
]


@pytest.mark.parametrize("name, options", CASES)
def test_cancel_leaves_no_file(tmp_path, name, options):
    feedback = CollectingFeedback(cancel_after=3)
    with pytest.raises(Cancelled):
        export_buildings(town(10), tmp_path / name, options, feedback)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name, options", CASES)
def test_cancel_keeps_an_existing_file_unchanged(tmp_path, name, options):
    target = tmp_path / name
    target.write_bytes(b"old content")
    with pytest.raises(Cancelled):
        export_buildings(town(10), target, options, CollectingFeedback(cancel_after=2))
    assert target.read_bytes() == b"old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_cancel_citygml(tmp_path, shared_fixtures):
    pytest.importorskip("soest_qgis_plugin.citymodel.readers.citygml")
    buildings, _ = read_fixture_buildings(shared_fixtures / "citygml" / "LoD2_32_331_5726_1_NW.gml")
    with pytest.raises(Cancelled):
        export_buildings(buildings, tmp_path / "x.gml", None, CollectingFeedback(cancel_after=10))
    assert list(tmp_path.iterdir()) == []


def test_error_while_writing_leaves_no_file(tmp_path, monkeypatch):
    from soest_qgis_plugin.citymodel.exporters import obj

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(obj, "_write_mesh", broken)
    with pytest.raises(OSError):
        export_buildings(town(3), tmp_path / "x.obj")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["stadt.xyz", "stadt", "stadt.json.bak", ".obj", "stadt.ifc"])
def test_unknown_extension_is_an_input_error(tmp_path, name):
    with pytest.raises(InputError):
        export_buildings(town(1), tmp_path / name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "name, key",
    [
        ("a.OBJ", "obj"),
        ("a.glb", "gltf"),
        ("a.gltf", "gltf"),
        ("a.city.json", "cityjson"),
        ("a.json", "cityjson"),
        ("a.gml", "citygml"),
        ("a.gpkg", "gpkg"),
        ("a.dxf", "dxf"),
        ("a.stl", "stl"),
    ],
)
def test_format_from_extension(name, key):
    assert format_for_path(name) == key


def test_unknown_extension_message_in_german(tmp_path, german):
    from soest_qgis_plugin.common.i18n import tr

    if tr("Unknown export format for {path}. Use one of: {formats}").startswith("Unknown"):
        pytest.skip("German .qm not rebuilt with the export strings yet (make translations)")
    with pytest.raises(InputError) as info:
        export_buildings(town(1), tmp_path / "stadt.xyz")
    assert "Unbekanntes Exportformat" in str(info.value)


def test_bad_options(tmp_path):
    with pytest.raises(InputError):
        ExportOptions.from_value({"no_such_option": 1})
    with pytest.raises(InputError):
        export_buildings(town(1), tmp_path / "x.obj", {"terrain": str(tmp_path / "missing.tif")})
    with pytest.raises(InputError):
        export_buildings(town(1), tmp_path / "x.obj", {"target_crs": "EPSG:999999"})
    with pytest.raises(InputError):
        export_buildings([], tmp_path / "x.obj")
    assert list(tmp_path.iterdir()) == []


def test_unreadable_terrain_is_an_input_error(tmp_path):
    bad = tmp_path / "kaputt.tif"
    bad.write_bytes(b"not a tiff")
    with pytest.raises(InputError):
        export_buildings(town(1), tmp_path / "x.obj", {"terrain": str(bad)})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kaputt.tif"]


def test_terrain_outside_the_selection_warns(tmp_path):
    dem = write_dem(tmp_path / "weit.tif", E0 + 5000, N0 + 5000, E0 + 5100, N0 + 5100)
    feedback = CollectingFeedback()
    summary = export_buildings(town(2), tmp_path / "x.obj", {"terrain": str(dem)}, feedback)
    assert summary["warnings"] and feedback.warnings
    assert "g terrain" not in (tmp_path / "x.obj").read_text()


def test_building_without_geometry_is_reported_not_fatal(tmp_path):
    from soest_qgis_plugin.citymodel.model import Building

    feedback = CollectingFeedback()
    summary = export_buildings(town(2) + [Building("LEER")], tmp_path / "x.obj", None, feedback)
    assert summary["buildings"] == 2
    assert any("LEER" in w for w in feedback.warnings)


def test_progress_is_reported(tmp_path):
    feedback = CollectingFeedback()
    export_buildings(town(5), tmp_path / "x.glb", None, feedback)
    assert feedback.progress and feedback.progress[-1] == 100.0
    assert feedback.progress == sorted(feedback.progress)
    assert os.path.getsize(tmp_path / "x.glb") > 0
