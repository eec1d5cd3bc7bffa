"""Street condition grade: formula, assignment to segments, layer and ZEB colour style."""

import pytest
from qgis.core import QgsVectorLayer
from shapely.geometry import LineString

from soest_qgis_plugin.roaddamage import condition
from soest_qgis_plugin.roaddamage.layers import style_path
from soest_qgis_plugin.roaddamage.review import ReviewQueue

from .test_review import make_store


def test_grade_formula_anchor_values():
    assert condition.grade(0, 100) == 1.0
    assert condition.grade(1, 100) == 1.7
    assert condition.grade(5, 100) == 3.5
    assert condition.grade(10, 100) == 4.5
    assert condition.grade(1000, 100) == 5.0
    # per 100 m: the same damages on a longer street weigh less; very short segments count as 20 m
    assert condition.grade(2, 200) == condition.grade(1, 100)
    assert condition.grade(1, 5) == condition.grade(1, 20)


def test_weights_by_class_and_severity():
    assert condition.damage_weight("D40", "schwer") == 6.0
    assert condition.damage_weight("D00", None) == 1.0
    assert condition.damage_weight("D99", "mittel") == 1.5


@pytest.mark.parametrize(
    ("value", "index"), [(1.0, 0), (1.49, 0), (1.5, 1), (2.4, 1), (2.5, 2), (3.5, 3), (4.49, 3), (4.5, 4), (5.0, 4)]
)
def test_zeb_colour_classes(value, index):
    assert condition.colour_class(value) == index


def test_damages_count_for_the_nearest_segment_only():
    streets = [("A-Straße", LineString([(0, 0), (100, 0)])), ("B-Weg", LineString([(0, 50), (100, 50)]))]
    damages = [
        {"easting": 10, "northing": 2, "class_name": "D40", "severity": "schwer"},
        {"easting": 60, "northing": -3, "class_name": "D00", "severity": None},
        {"easting": 50, "northing": 30, "class_name": "D40", "severity": None},  # 20 m away: nobody's
    ]
    a, b = condition.street_condition(damages, streets)
    assert (a["damages"], a["weight"], a["grade"]) == (2, 7.0, condition.grade(7.0, 100))
    assert (b["damages"], b["grade"]) == (0, 1.0)


def test_condition_layer_from_store_opens_styled_in_qgis(tmp_path):
    from osgeo import ogr, osr

    store = make_store(tmp_path / "s.gpkg", [("D40", 0.9, "X", 1), ("D20", 0.8, "X", 1), ("D00", 0.7, "X", 1)])
    queue = ReviewQueue(store, who="anna")
    queue.confirm(severity="schwer")
    queue.confirm()
    queue.close()
    streets = str(tmp_path / "streets.gpkg")
    source = ogr.GetDriverByName("GPKG").CreateDataSource(streets)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    layer = source.CreateLayer("streets", srs, ogr.wkbLineString)
    layer.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetField("name", "Brüderstraße")
    feature.SetGeometry(ogr.CreateGeometryFromWkt("LINESTRING (437990 5713705, 438090 5713705)"))
    layer.CreateFeature(feature)
    source = None
    out = condition.write_condition_layer(store, streets)
    result = QgsVectorLayer(f"{out}|layername=street_condition", "c", "ogr")
    assert result.isValid() and result.crs().authid() == "EPSG:25832"
    feature = next(result.getFeatures())
    # confirmed: D40 schwer (6) + D20 (2); the third (D00) is still unreviewed
    assert feature["name"] == "Brüderstraße" and feature["damages"] == 2
    assert feature["grade"] == condition.grade(8.0, 100)
    message, ok = result.loadNamedStyle(style_path("street_condition"))
    assert ok, message
    renderer = result.renderer()
    assert renderer.type() == "graduatedSymbol" and renderer.classAttribute() == "grade"
    ranges = [(r.lowerValue(), r.upperValue(), r.symbol().color().name()) for r in renderer.ranges()]
    assert ranges == [
        (1.0, 1.5, "#0070c0"),
        (1.5, 2.5, "#00803c"),
        (2.5, 3.5, "#92d050"),
        (3.5, 4.5, "#ffff00"),
        (4.5, 5.0, "#ff0000"),
    ]
    assert [c[2] for c in condition.CLASSES] == [r[2] for r in ranges]


@pytest.mark.parametrize("table", ["damages", "detections", "frames"])
def test_store_layer_styles_load(built_store, table):
    from soest_qgis_plugin.roaddamage.layers import open_layer

    layer = open_layer(built_store, table)
    assert layer.isValid() and layer.featureCount() > 0
    if table == "damages":
        assert layer.renderer().type() == "categorizedSymbol"
        assert {c.value() for c in layer.renderer().categories()} == {
            "unreviewed",
            "confirmed",
            "rejected",
            "duplicate",
        }


def test_streets_from_a_qgis_layer_in_another_crs_are_reprojected(qgis_app):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    layer = QgsVectorLayer("LineString?crs=EPSG:4326&field=name:string", "streets", "memory")
    feature = QgsFeature(layer.fields())
    feature.setAttribute("name", "Brüderstraße")
    feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(8.10, 51.571), QgsPointXY(8.11, 51.571)]))
    layer.dataProvider().addFeatures([feature])
    ((name, line),) = condition.load_streets(layer)
    assert name == "Brüderstraße"
    assert 437000 < line.bounds[0] < 439000 and 5713000 < line.bounds[1] < 5715000  # EPSG:25832
    assert line.length == pytest.approx(695, abs=5)  # 0.01° of longitude at 51.57° N
    assert condition.nearest_street_names([(name, line)], [(line.centroid.x, line.centroid.y + 10)]) == [name]
    assert condition.nearest_street_names([(name, line)], [(line.centroid.x, line.centroid.y + 100)]) == [None]


def test_dock_computes_and_adds_the_styled_condition_layer(qgis_iface, qtbot, tmp_path):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsVectorLayer

    from soest_qgis_plugin.roaddamage.dock import RoadDamageDock

    store = make_store(tmp_path / "s.gpkg", [("D40", 0.9, "X", 1), ("D20", 0.8, "X", 1)])
    layer = QgsVectorLayer("LineString?crs=EPSG:25832&field=name:string", "streets", "memory")
    feature = QgsFeature(layer.fields())
    feature.setAttribute("name", "Brüderstraße")
    feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(437990, 5713705), QgsPointXY(438090, 5713705)]))
    layer.dataProvider().addFeatures([feature])
    QgsProject.instance().addMapLayer(layer)
    dock = RoadDamageDock(qgis_iface)
    qtbot.addWidget(dock)
    try:
        assert dock.open_store(str(store), add_layers=False)
        dock.confirm()
        dock.streets_combo.setLayer(layer)
        dock.compute_condition()
        result = [lyr for lyr in QgsProject.instance().mapLayers().values() if lyr.name() == "Street condition"]
        assert len(result) == 1
        grades = [f["grade"] for f in result[0].getFeatures()]
        assert grades == [condition.grade(3.0, 100)]
        assert result[0].renderer().type() == "graduatedSymbol"
    finally:
        dock.cleanup()
        QgsProject.instance().removeAllMapLayers()
