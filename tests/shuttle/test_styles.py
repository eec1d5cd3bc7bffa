"""Styles: built in code and shipped as resources/styles/shuttle_*.qml (used by the demo project)."""

import pytest
from qgis.core import QgsVectorLayer

from soest_qgis_plugin.shuttle.analysis import run_accessibility
from soest_qgis_plugin.shuttle.styles import STYLE_FILES, apply_style


@pytest.fixture(scope="module")
def result(shuttle_data, tmp_path_factory):
    out = tmp_path_factory.mktemp("styles") / "s.gpkg"
    run_accessibility(
        shuttle_data["gtfs"], out, network=shuttle_data["network"], survey=shuttle_data["survey"],
        dem=shuttle_data["dem"], buildings=shuttle_data["buildings"],
    )  # fmt: skip
    return out


def layer_for(kind, result, shuttle_data):
    source = shuttle_data["survey"] if kind in ("obstacles", "crossings", "tactile_guidance") else str(result)
    layer = QgsVectorLayer("{}|layername={}".format(source, kind), kind, "ogr")
    assert layer.isValid(), kind
    return layer


@pytest.mark.parametrize("kind", sorted(STYLE_FILES))
def test_qml_files_load(kind, result, shuttle_data, repo_root, qgis_app):
    path = repo_root / "resources" / "styles" / STYLE_FILES[kind]
    assert path.exists()
    layer = layer_for(kind, result, shuttle_data)
    message, ok = layer.loadNamedStyle(str(path))
    assert ok, message
    assert layer.renderer() is not None
    assert layer.mapTipTemplate()


def test_code_styles(result, shuttle_data, qgis_app):
    stops = layer_for("stops", result, shuttle_data)
    assert apply_style(stops, "stops")
    values = {c.value() for c in stops.renderer().categories()}
    assert values == {"A", "B", "C", "D", "?"}
    assert "Grade" in stops.mapTipTemplate()
    catchments = layer_for("catchments", result, shuttle_data)
    apply_style(catchments, "catchments")
    for category in catchments.renderer().categories():
        assert category.symbol().color().alpha() < 100  # semi-transparent
    routes = layer_for("routes", result, shuttle_data)
    apply_style(routes, "routes")
    assert routes.renderer().symbol().symbolLayer(0).dataDefinedProperties().hasActiveProperties()
    assert not apply_style(routes, "no such layer")


def test_german_map_tips(shuttle_german, result, shuttle_data, qgis_app):
    from qgis.core import QgsExpressionContext, QgsExpressionContextUtils

    stops = layer_for("stops", result, shuttle_data)
    apply_style(stops, "stops")
    tip = stops.mapTipTemplate()
    assert "Note" in tip and "Bordhöhe am Einstieg (18–22 cm)" in tip and "nicht erfüllt" in tip
    feature = next(f for f in stops.getFeatures() if f["stop_id"] == "S2")
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(stops))
    context.setFeature(feature)
    from qgis.core import QgsExpression

    html = QgsExpression.replaceExpressionText(tip, context)
    assert "Feldmühlenweg" in html and "✘ nicht erfüllt" in html and "Bordhöhe: 12 cm" in html
