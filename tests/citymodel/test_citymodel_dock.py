"""The 3D-Stadtmodell dock: load in a task, style, search, select, preview, export; screenshots."""

import os

import pytest

from soest_qgis_plugin.citymodel.store import import_files
from tests.citymodel import gen

SCREENSHOTS = os.environ.get("SOEST_SCREENSHOTS", "/tmp")


@pytest.fixture
def dock(qgis_iface, qgis_new_project, qtbot):
    from soest_qgis_plugin.citymodel.dock import CityModelDock

    widget = CityModelDock(qgis_iface)
    qtbot.addWidget(widget)
    widget.resize(440, 1900)
    widget.show()
    yield widget
    widget.cleanup()


def wait_for_task(qtbot, dock, timeout=60_000):
    qtbot.waitUntil(lambda: dock.task is None, timeout=timeout)


def test_load_in_background_then_browse(dock, qtbot, tmp_path, tile):
    store_path = tmp_path / "store.gpkg"
    task = dock.load([str(tile)], str(store_path))
    assert task is not None
    wait_for_task(qtbot, dock)
    assert dock.layer is not None and dock.layer.isValid()
    assert dock.layer.featureCount() == 30
    assert "30" in dock.status_label.text()
    assert dock.function_combo.count() == 2  # "All" + Wohnhaus
    assert dock.completer.model().rowCount() == 30
    dock.grab().save(os.path.join(SCREENSHOTS, "citymodel_dock_loaded.png"))

    # search by address, pick from the list -> selected on the map
    dock.address_edit.setText("Marktstraße 3,")
    assert dock.search() == ["DENW_T00002"]
    dock.result_list.item(0).setSelected(True)
    assert dock.selected_ids == ["DENW_T00002"]
    assert dock.layer.selectedFeatureCount() == 1
    assert next(dock.layer.getSelectedFeatures())["gml_id"] == "DENW_T00002"

    # filters
    dock.reset_filters()
    dock.height_min.setValue(9.5)
    found = dock.search()
    assert found and len(found) < 30
    assert "buildings found" in dock.result_label.text() or "Gebäude" in dock.result_label.text()


def test_styles_and_3d(dock, qtbot, store):
    from qgis.core import QgsCategorizedSymbolRenderer, QgsGraduatedSymbolRenderer

    dock.open_store(str(store))
    assert isinstance(dock.layer.renderer(), QgsCategorizedSymbolRenderer)
    labels = [c.label() for c in dock.layer.renderer().categories()]
    assert len(labels) == 5
    dock.style_combo.setCurrentIndex(1)
    assert isinstance(dock.layer.renderer(), QgsGraduatedSymbolRenderer)
    dock.style_combo.setCurrentIndex(2)
    assert "Satteldach" in [c.label() for c in dock.layer.renderer().categories()]
    # function groups evaluate on real features: every Wohnhaus lands in "residential"
    from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextUtils

    from soest_qgis_plugin.citymodel.dock import FUNCTION_GROUP_EXPRESSION

    expression = QgsExpression(FUNCTION_GROUP_EXPRESSION)
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(dock.layer))
    feature = next(dock.layer.getFeatures())
    context.setFeature(feature)
    assert expression.evaluate(context) == "residential", expression.parserErrorString()
    try:
        import qgis._3d  # noqa: F401
    except ImportError:
        pytest.skip("QGIS 3D not available")
    assert dock.layer.renderer3D() is not None


def test_select_by_rectangle_layer_buffer_and_surroundings(dock, qtbot, store):
    from qgis.core import QgsCoordinateReferenceSystem, QgsFeature, QgsGeometry, QgsRectangle, QgsVectorLayer

    dock.open_store(str(store))
    crs = QgsCoordinateReferenceSystem("EPSG:25832")
    rect = QgsGeometry.fromRect(QgsRectangle(gen.E0 + 1, gen.N0 + 1, gen.E0 + 25, gen.N0 + 3))
    dock.buffer_spin.setValue(0)
    assert dock.select_by_geometry(rect, crs) == ["DENW_T00000", "DENW_T00001"]
    assert dock.layer.selectedFeatureCount() == 2

    parcel = QgsVectorLayer("Polygon?crs=EPSG:25832", "parcel", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(gen.E0 + 2, gen.N0 + 2, gen.E0 + 4, gen.N0 + 4)))
    parcel.dataProvider().addFeatures([feature])
    from qgis.core import QgsProject

    QgsProject.instance().addMapLayer(parcel)
    dock.mask_combo.setLayer(parcel)
    assert dock.select_from_layer() == ["DENW_T00000"]
    dock.buffer_spin.setValue(17)  # reaches the neighbours east and north, not the diagonal one
    assert set(dock.select_from_layer()) == {"DENW_T00000", "DENW_T00001", "DENW_T00020"}
    dock.buffer_spin.setValue(0)
    dock.select_from_layer()
    grown = dock.add_surroundings()
    assert "DENW_T00000" in grown and len(grown) > 3

    # drawing tool: two clicks make a rectangle
    dock.start_drawing(rectangle=True)
    assert dock.iface.mapCanvas().mapTool() is dock.tool
    dock._drawn(rect)
    assert dock.tool is None and len(dock.selected_ids) == 2


def test_map_selection_and_preview(dock, qtbot, store, tmp_path):
    pytest.importorskip("pyvista")
    dock.open_store(str(store))
    dock.layer.selectByExpression("\"house_number\" IN ('1', '2', '21')")
    dock.select_from_map()
    assert sorted(dock.selected_ids) == ["DENW_T00000", "DENW_T00001", "DENW_T00020"]
    result = dock.show_preview()
    assert result is not None and not dock.preview_label.pixmap().isNull()
    assert set(result.anchors) == set(dock.selected_ids)
    x, y = result.anchors["DENW_T00001"]
    assert dock.preview_clicked(x, y) == "DENW_T00001"
    assert "DENW_T00001" in dock.preview_info.text()
    # the rendered image is not blank: roofs are red
    image = result.image
    red = (image[:, :, 0] > 150) & (image[:, :, 1] < 110) & (image[:, :, 2] < 110)
    assert red.sum() > 50
    dock.grab().save(os.path.join(SCREENSHOTS, "citymodel_dock_preview.png"))


def test_export_from_dock(dock, qtbot, store, tmp_path):
    pytest.importorskip("soest_qgis_plugin.citymodel.export")
    dock.open_store(str(store))
    dock.set_selection(["DENW_T00000", "DENW_T00001"])
    dock.format_combo.setCurrentIndex(dock.format_combo.findData(".obj"))
    out = tmp_path / "auswahl.obj"
    assert dock.export(out_path=str(out)) is not None
    wait_for_task(qtbot, dock)
    assert out.exists() and out.read_text().count("\ng ") + out.read_text().startswith("g ") >= 2


def test_export_warnings_reach_the_message_bar(dock, qtbot, store, tmp_path, monkeypatch):
    """A 3D print at 1:20000 makes every wall thinner than the printable minimum: the user must
    see that warning in the message bar (before, the bar said only "exported" in green)."""
    from qgis.core import Qgis

    pytest.importorskip("manifold3d")
    pushed = []
    monkeypatch.setattr(dock.iface.messageBar(), "pushMessage", lambda *args, **kwargs: pushed.append((args, kwargs)))
    dock.open_store(str(store))
    dock.set_selection(["DENW_T00000", "DENW_T00001"])
    dock.format_combo.setCurrentIndex(dock.format_combo.findData(".stl"))
    dock.scale_spin.setValue(20000)
    out = tmp_path / "druck.stl"
    assert dock.export(out_path=str(out)) is not None
    wait_for_task(qtbot, dock)
    assert out.exists()
    (_title, text), kwargs = pushed[-1]
    assert kwargs["level"] == Qgis.MessageLevel.Warning
    assert "2 buildings exported to" in text and "DENW_T0000" in text and "mm" in text
    assert "with 2 warnings:" in text and "Details in the log messages (Soest)." in text
    assert kwargs.get("duration") == 0  # stays until the user closes it


def test_export_without_warnings_is_a_success(dock, qtbot, store, tmp_path, monkeypatch):
    from qgis.core import Qgis

    pushed = []
    monkeypatch.setattr(dock.iface.messageBar(), "pushMessage", lambda *args, **kwargs: pushed.append((args, kwargs)))
    dock.open_store(str(store))
    dock.set_selection(["DENW_T00000"])
    dock.format_combo.setCurrentIndex(dock.format_combo.findData(".city.json"))
    assert dock.export(out_path=str(tmp_path / "a.city.json")) is not None
    wait_for_task(qtbot, dock)
    (_title, text), kwargs = pushed[-1]
    assert kwargs["level"] == Qgis.MessageLevel.Success and "1 buildings exported to" in text


def test_cancel_load_keeps_old_store(dock, qtbot, tmp_path, tiles):
    store_path = tmp_path / "s.gpkg"
    import_files(gen.write_tile(tmp_path / "first.gml", 5, start=900), store_path)
    before = store_path.read_bytes()
    task = dock.load([str(tiles)], str(store_path))
    task.cancel()
    wait_for_task(qtbot, dock)
    from soest_qgis_plugin.citymodel.store import CityModelStore

    with CityModelStore(store_path) as store:
        assert store.count() in (5, 80)  # cancelled in time: untouched; else fully imported
        if store.count() == 5:
            assert store_path.read_bytes() == before


@pytest.mark.parametrize(("name", "count"), [("function", 5), ("height", 5), ("roof", 16)])
def test_shipped_styles_load_on_the_store(store, repo_root, name, count):
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{store}|layername=buildings", "b", "ogr")
    path = repo_root / "resources" / "styles" / f"citymodel_{name}.qml"
    message, ok = layer.loadNamedStyle(str(path))
    assert ok, message
    renderer = layer.renderer()
    items = renderer.categories() if hasattr(renderer, "categories") else renderer.ranges()
    assert len(items) == count
    assert all(item.label() for item in items)  # German legend labels
