"""The 3D-Stadtmodell panel with its store in PostgreSQL/PostGIS: import, browse, search, export."""

import pytest
from qgis.core import QgsApplication, QgsProject

from tests.citymodel import gen


@pytest.fixture
def saved_connection(qgis_app, pg_server):
    from qgis.core import QgsProviderRegistry

    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    uri = f"host=127.0.0.1 port={pg_server.port} dbname={pg_server.dbname} user=postgres"
    metadata.saveConnection(metadata.createConnection(uri, {"saveUsername": True}), "soest-stadtmodell")
    yield "soest-stadtmodell"
    metadata.deleteConnection("soest-stadtmodell")


def test_postgis_citymodel_dock_imports_browses_and_exports(qgis_iface, qtbot, saved_connection, pg_schema, tmp_path):
    from soest_qgis_plugin.citymodel.dock import CityModelDock

    tile = gen.write_tile(tmp_path / "LoD2_32_430_5713_1_NW.gml", 12)
    dock = CityModelDock(qgis_iface)
    qtbot.addWidget(dock)
    labels = [dock.store_kind.itemText(i) for i in range(dock.store_kind.count())]
    dock.store_kind.setCurrentIndex(labels.index("PostgreSQL: soest-stadtmodell"))
    assert dock.schema_edit.isVisibleTo(dock) and not dock.store_widget.isVisibleTo(dock)
    dock.schema_edit.setText(pg_schema)
    dock.load([str(tile)])
    qtbot.waitUntil(lambda: QgsApplication.taskManager().countActiveTasks() == 0 and dock.task is None, timeout=60000)
    # The buildings are shown from PostGIS through QGIS's postgres provider.
    assert dock.postgis is not None
    assert dock.layer.providerType() == "postgres" and dock.layer.featureCount() == 12
    assert "password" not in dock.layer.source()
    # Search and selection work on the PostGIS store as on a GeoPackage.
    dock.address_edit.setText("")
    dock.search()
    assert dock.result_list.count() == 12
    dock.set_selection([dock.result_list.item(0).data(0x0100)])
    assert dock.layer.selectedFeatureCount() == 1
    out = tmp_path / "auswahl.obj"
    dock.export(out_path=str(out))
    qtbot.waitUntil(lambda: dock.task is None, timeout=60000)
    assert out.exists() and "\ng " in out.read_text()
    QgsProject.instance().removeAllMapLayers()
