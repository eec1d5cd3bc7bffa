"""Fixtures of the printing tests: small stores and a QGIS project built in tmp_path."""

import functools
from pathlib import Path

import pytest

from .sample_data import make_city_store, make_damage_store, make_project, make_shuttle_result

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def city_store(tmp_path):
    return make_city_store(tmp_path / "stadtmodell.gpkg")


@pytest.fixture
def damage_store(tmp_path):
    return make_damage_store(tmp_path / "schaeden.gpkg")


@pytest.fixture
def shuttle_result(tmp_path):
    return make_shuttle_result(tmp_path / "shuttle.gpkg")


@pytest.fixture
def project_file(tmp_path, city_store, damage_store):
    return make_project(tmp_path / "projekt.qgz", city_store, damage_store)


@pytest.fixture
def project(project_file, qgis_app):
    from soest_qgis_plugin.printing.layout import read_project

    project = read_project(project_file)
    yield project
    # Free layers and layouts while QGIS still runs (a project freed at interpreter exit can crash).
    project.layoutManager().clear()
    project.removeAllMapLayers()
    project.clear()


@pytest.fixture
def german_printing(qgis_app):
    """German translation compiled from i18n/de/*.tsv (current even before the lead rebuilds the .qm)."""
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    translator = QTranslator()
    assert translator.load(str(_compiled_german()))
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


@functools.lru_cache(maxsize=1)
def _compiled_german():
    import sys
    import tempfile

    sys.path.insert(0, str(REPO / "tools"))
    import make_templates

    return make_templates.tsv_to_qm(sorted(REPO.glob("i18n/de/*.tsv")), tempfile.mkdtemp(prefix="soest-i18n-"))


@pytest.fixture
def canvas_project(project_file, qgis_iface):
    """The demo print project loaded, with the map canvas showing its checked layers."""
    from qgis.core import QgsProject

    project = QgsProject.instance()
    project.read(str(project_file))
    canvas = qgis_iface.mapCanvas()
    canvas.resize(600, 400)
    canvas.setDestinationCrs(project.crs())
    canvas.setLayers(list(project.layerTreeRoot().checkedLayers()))
    canvas.zoomToFullExtent()
    yield project
    project.clear()
