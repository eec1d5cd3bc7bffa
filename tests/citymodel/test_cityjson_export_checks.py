"""CityJSON export against the checks the official validator (cjval) runs beyond the JSON schema.

Regressions: a geographic target CRS (EPSG:4326) used the metre grid (scale 0.001°, about 100 m),
so most rings collapsed, buildings lost their geometry and the vertices of the dropped rings were
left in the file unused (cjval: unused_vertices); the extent was rounded to 0.001°.
"""

import json
import math

import numpy as np
import pytest
from pyproj import Transformer

from soest_qgis_plugin.citymodel.export import export_buildings
from soest_qgis_plugin.citymodel.model import ROOF, WALL, Surface
from tests.citymodel.conftest_export import E0, N0, cityjson_errors, house, town, with_part


def _export(tmp_path, buildings, options=None, name="out.city.json"):
    out = tmp_path / name
    export_buildings(buildings, out, options)
    return json.loads(out.read_text(encoding="utf-8"))


def _decode(doc):
    return np.array(doc["vertices"]) * np.array(doc["transform"]["scale"]) + np.array(doc["transform"]["translate"])


def _geometry_count(doc):
    return sum(len(o["geometry"]) for o in doc["CityObjects"].values())


def test_geographic_target_crs_keeps_every_ring_on_a_millimetre_grid(tmp_path):
    buildings = town(12) + [with_part("DENW_PART")]
    metric = _export(tmp_path, buildings, name="utm.city.json")
    doc = _export(tmp_path, buildings, {"target_crs": "EPSG:4326"}, name="wgs84.city.json")
    assert cityjson_errors(doc) == []
    assert doc["transform"]["scale"] == [1e-8, 1e-8, 0.001]
    assert doc["metadata"]["referenceSystem"] == "https://www.opengis.net/def/crs/EPSG/0/4326"
    # Nothing collapses: same objects, geometries, surfaces and vertices as in the metric export.
    assert _geometry_count(doc) == _geometry_count(metric)
    for oid, obj in metric["CityObjects"].items():
        got = doc["CityObjects"][oid]
        assert [len(g["boundaries"]) for g in got["geometry"]] == [len(g["boundaries"]) for g in obj["geometry"]]
    assert len(doc["vertices"]) == len(metric["vertices"])
    # The coordinates are the reprojected ones, to about a millimetre.
    to_wgs = Transformer.from_crs("EPSG:25832", "EPSG:4326", always_xy=True)
    lon, lat = to_wgs.transform(_decode(metric)[:, 0], _decode(metric)[:, 1])
    real = _decode(doc)
    assert np.abs(real[:, 0] - lon).max() < 2e-8 and np.abs(real[:, 1] - lat).max() < 2e-8
    ext = doc["metadata"]["geographicalExtent"]
    assert ext[:2] == pytest.approx([lon.min(), lat.min()], abs=2e-8)
    assert ext[3:5] == pytest.approx([lon.max(), lat.max()], abs=2e-8)


def test_collapsed_rings_leave_no_unused_vertices(tmp_path):
    building = house("DENW_SLIVER")
    # A sliver surface narrower than the 1 mm grid, and a hole that collapses to a line.
    sliver = np.array([(E0 + 1, N0 - 1, 95.0), (E0 + 1.0002, N0 - 1, 95.0), (E0 + 1.0001, N0 - 1.0001, 95.0)])
    building.surfaces.append(Surface([sliver], WALL, "DENW_SLIVER_s"))
    outer = np.array([(E0, N0 - 5, 96.0), (E0 + 4, N0 - 5, 96.0), (E0 + 4, N0 - 2, 96.0), (E0, N0 - 2, 96.0)])
    hole = np.array([(E0 + 1, N0 - 4, 96.0), (E0 + 2, N0 - 4, 96.0), (E0 + 2.0003, N0 - 4, 96.0)])
    building.surfaces.append(Surface([outer, hole], ROOF, "DENW_SLIVER_r"))
    doc = _export(tmp_path, [building])
    assert cityjson_errors(doc) == []
    geometry = doc["CityObjects"]["DENW_SLIVER"]["geometry"][0]
    assert len(geometry["boundaries"]) == len(building.surfaces) - 1  # the sliver is left out
    assert [len(s) for s in geometry["boundaries"]][-1] == 1  # the collapsed hole is left out
    used = {i for surface in geometry["boundaries"] for ring in surface for i in ring}
    assert used == set(range(len(doc["vertices"])))


def _valid_doc():
    return {
        "type": "CityJSON",
        "version": "2.0",
        "transform": {"scale": [0.001, 0.001, 0.001], "translate": [100.0, 200.0, 0.0]},
        "metadata": {"geographicalExtent": [100.0, 200.0, 0.0, 100.001, 200.001, 0.0]},
        "CityObjects": {
            "b": {
                "type": "Building",
                "geometry": [
                    {
                        "type": "MultiSurface",
                        "lod": "2",
                        "boundaries": [[[0, 1, 2]]],
                        "semantics": {"surfaces": [{"type": "RoofSurface"}], "values": [0]},
                    }
                ],
            }
        },
        "vertices": [[0, 0, 0], [1, 0, 0], [0, 1, 0]],
    }


def test_structural_check_accepts_a_minimal_valid_document():
    assert cityjson_errors(_valid_doc()) == []


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (lambda d: d["metadata"].update(geographicalExtent=[100.0, 200.0, 0.0, 100.1, 200.001, 0.0]), "axis 0"),
        (lambda d: d["vertices"].append([5, 5, 5]), "orphan vertices"),
        (lambda d: d["vertices"].append([0, 1, 0]), "duplicate vertices"),
        (lambda d: d["CityObjects"]["b"]["geometry"][0]["boundaries"][0][0].append(3), "out of range"),
        (lambda d: d["CityObjects"]["b"]["geometry"][0]["semantics"].update(values=[1]), "bad semantic value"),
        (lambda d: d["CityObjects"]["b"]["geometry"][0]["semantics"].update(values=[0, 0]), "one entry per surface"),
        (lambda d: d["CityObjects"]["b"].update(children=["p"]), "child p missing"),
        (
            lambda d: d["CityObjects"]["b"].update(address=[{"location": {"type": "MultiPoint", "boundaries": [7]}}]),
            "address vertex index 7",
        ),
        (
            lambda d: d["CityObjects"]["b"]["geometry"][0].update(material={"x": {"values": [0]}}),
            "appearance.materials",
        ),
        (lambda d: d["transform"].update(scale=[0.001, 0.0, 0.001]), "scale must be positive"),
    ],
)
def test_structural_check_reports_what_cjval_reports(mutate, expected):
    doc = _valid_doc()
    mutate(doc)
    errors = cityjson_errors(doc)
    assert any(expected in e for e in errors), errors


def test_extent_digits_follow_the_grid():
    from soest_qgis_plugin.citymodel.exporters.cityjson import _decimals, scale_for

    assert scale_for("EPSG:25832") == [0.001, 0.001, 0.001]
    assert scale_for("EPSG:3857") == [0.001, 0.001, 0.001]
    assert scale_for("EPSG:4326") == [1e-8, 1e-8, 0.001]
    assert [_decimals(x) for x in (0.001, 1e-8, 1.0)] == [3, 8, 0]
    assert math.isclose(round(8.091284023456, _decimals(1e-8)), 8.09128402)
