"""Map layers of a damage store (qgis.core only): load the store's layers with their styles."""

import os

from qgis.core import QgsProject, QgsVectorLayer

from ..common.errors import StoreError
from ..common.i18n import tr
from ..common.paths import resource_path


def layer_title(table):
    return {
        "frames": tr("Survey photos"),
        "detections": tr("Detections"),
        "damages": tr("Road damages"),
        "street_condition": tr("Street condition"),
    }[table]


STYLES = {
    "frames": "roaddamage_frames.qml",
    "detections": "roaddamage_detections.qml",
    "damages": "roaddamage_damages.qml",
    "street_condition": "roaddamage_condition.qml",
}


def style_path(table):
    return resource_path("styles", STYLES[table])


def open_layer(path, table, title=None):
    """A styled QgsVectorLayer of one table of a GeoPackage."""
    layer = QgsVectorLayer(f"{os.fspath(path)}|layername={table}", title or layer_title(table), "ogr")
    if not layer.isValid():
        raise StoreError(tr("Layer {table} cannot be opened from {path}").format(table=table, path=path))
    qml = style_path(table)
    if os.path.exists(qml):
        layer.loadNamedStyle(qml)
    return layer


def store_layers(path, tables=("frames", "detections", "damages")):
    """{table: layer} of a damage store, styled, not yet added to a project."""
    return {table: open_layer(path, table) for table in tables}


def add_store_layers(path, project=None, tables=("frames", "detections", "damages")):
    """Add the store's layers to the project in a group named after the store (replacing an old one)."""
    project = project or QgsProject.instance()
    root = project.layerTreeRoot()
    name = tr("Road damage: {name}").format(name=os.path.splitext(os.path.basename(os.fspath(path)))[0])
    old = root.findGroup(name)
    if old is not None:
        for layer_node in old.findLayers():
            project.removeMapLayer(layer_node.layerId())
        root.removeChildNode(old)
    group = root.insertGroup(0, name)
    layers = store_layers(path, tables)
    for table in ("damages", "detections", "frames"):  # damages on top
        if table in layers:
            project.addMapLayer(layers[table], False)
            group.addLayer(layers[table])
    return layers
