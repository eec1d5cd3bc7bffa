"""Inputs given as QGIS layers (the dock reads them on the main thread), in another CRS too."""

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

from soest_qgis_plugin.shuttle.analysis import run_accessibility
from soest_qgis_plugin.shuttle.coverage import read_buildings
from soest_qgis_plugin.shuttle.routes import read_route_lines, read_stop_layer

from . import synth


def memory_layer(kind, crs, fields, rows):
    layer = QgsVectorLayer(
        "{}?crs={}&{}".format(kind, crs, "&".join("field={}:string".format(f) for f in fields)), "m", "memory"
    )
    features = []
    for geometry, values in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(geometry)
        for name, value in values.items():
            feature[name] = value
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_layers_in_wgs84_are_transformed(qgis_app, shuttle_data, tmp_path):
    a, b = synth.node(0, 0), synth.node(4, 2)
    (lon_a, lat_a), (lon_b, lat_b) = synth.to_lonlat(*a), synth.to_lonlat(*b)
    route = memory_layer(
        "LineString", "EPSG:4326", ["name"],
        [(QgsGeometry.fromPolylineXY([QgsPointXY(lon_a, lat_a), QgsPointXY(lon_b, lat_b)]), {"name": "Plan"})],
    )  # fmt: skip
    lines = read_route_lines(route)
    assert len(lines) == 1
    coords = list(lines)[0][0]
    assert coords[0] == pytest.approx(a, abs=0.05)
    stops = memory_layer(
        "Point", "EPSG:4326", ["stop_id", "stop_name"],
        [(QgsGeometry.fromPointXY(QgsPointXY(lon_a, lat_a)), {"stop_id": "P1", "stop_name": "Start"}),
         (QgsGeometry.fromPointXY(QgsPointXY(lon_b, lat_b)), {"stop_id": "P2", "stop_name": "Ziel"})],
    )  # fmt: skip
    stop_dict = read_stop_layer(stops)
    assert list(stop_dict) == ["P1", "P2"] and stop_dict["P2"].x == pytest.approx(b[0], abs=0.05)
    buildings = read_buildings(QgsVectorLayer(shuttle_data["buildings"] + "|layername=buildings", "b", "ogr"))
    assert len(buildings) == 74 and buildings.function_known
    out = tmp_path / "layers.gpkg"
    summary = run_accessibility(
        lines, out, stops=stop_dict, network=shuttle_data["network"], buildings=buildings, distances=(300,)
    )
    assert summary["stops"] == 2 and summary["routes"] == 1
    assert summary["coverage"]["unrestricted"]["reached"] > 0
