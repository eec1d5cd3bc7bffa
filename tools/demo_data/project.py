"""The stores the plugin builds from the raw demo data, and the QGIS project ``soest-demo.qgz``.

Runs headless (QGIS core only). Every store is built with the plugin's own core functions, the
same ones the docks and Processing algorithms call.
"""

import os
from pathlib import Path

from soest_qgis_plugin.common.feedback import NullFeedback
from soest_qgis_plugin.common.paths import resource_path

CRS = "EPSG:25832"
_APP = None


class PrintFeedback(NullFeedback):
    """Shows warnings on the console while building the demo stores."""

    def pushWarning(self, text):  # noqa: N802
        print(f"   ! {text}")


def qgis_session():
    """Start a headless QGIS once (idempotent)."""
    global _APP
    from qgis.core import QgsApplication

    if QgsApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _APP = QgsApplication([], False)
        _APP.initQgis()
    # Soest's demo data speaks German: texts the core writes into the stores (gap list …) too.
    from soest_qgis_plugin.common.i18n import install_translator

    install_translator("de")
    return QgsApplication.instance()


def build_citymodel_store(out):
    from soest_qgis_plugin.citymodel.store import import_files

    target = Path(out) / "citymodel.gpkg"
    summary = import_files([str(Path(out) / "citygml")], str(target), feedback=PrintFeedback())
    return {"store": target.name, "buildings": getattr(summary, "buildings", summary)}


def build_damage_store(out):
    from soest_qgis_plugin.roaddamage.pipeline import detect_drive

    drive = Path(out) / "drive"
    target = Path(out) / "strassenschaeden.gpkg"
    if target.exists():
        target.unlink()
    track = next(iter(sorted(drive.glob("*.gpx"))), None)
    images = drive / "images" if (drive / "images").is_dir() else drive
    summary = detect_drive(
        images,
        target,
        track=str(track) if track else None,
        streets=str(Path(out) / "network.gpkg"),
        # The demo model is weak: keep the queue to what a planner would look at first.
        confidence=0.3,
        feedback=PrintFeedback(),
    )
    return {"store": target.name, **{k: v for k, v in summary.items() if isinstance(v, (int, float, str))}}


def build_shuttle_analysis(out):
    from soest_qgis_plugin.shuttle.analysis import run_accessibility

    out = Path(out)
    target = out / "shuttle.gpkg"
    summary = run_accessibility(
        str(out / "gtfs_sofia.zip"),
        str(target),
        network=str(out / "network.gpkg"),
        survey=str(out / "survey.gpkg"),
        dem=str(out / "dgm1_soest.tif"),
        buildings=str(out / "citymodel.gpkg"),
        feedback=PrintFeedback(),
    )
    return {"store": target.name, **{k: v for k, v in dict(summary).items() if isinstance(v, (int, float, str))}}


# The project ------------------------------------------------------------------------------
# Dense layers a planner switches on when needed (the map stays readable at the start).
HIDDEN_AT_START = {"Erfassungsfahrt", "Hindernisse", "Querungen", "Einzugsbereiche"}
# (group, German layer name, source file, layer name inside it or None, style file, attribution)
VECTOR_LAYERS = [
    ("Straßenschäden", "Straßenzustand", "strassenschaeden.gpkg", "condition", "roaddamage_condition.qml", "own"),
    ("Straßenschäden", "Straßenschäden", "strassenschaeden.gpkg", "damages", "roaddamage_damages.qml", "own"),
    ("Straßenschäden", "Erfassungsfahrt", "strassenschaeden.gpkg", "frames", "roaddamage_frames.qml", "own"),
    ("Shuttle", "Haltestellen", "shuttle.gpkg", "stops", "shuttle_stops.qml", "own"),
    ("Shuttle", "Shuttle-Linie", "shuttle.gpkg", "routes", "shuttle_routes.qml", "own"),
    ("Shuttle", "Einzugsbereiche", "shuttle.gpkg", "catchments", "shuttle_catchments.qml", "own"),
    ("Barrierefreiheit", "Hindernisse", "survey.gpkg", "obstacles", "shuttle_obstacles.qml", "own"),
    ("Barrierefreiheit", "Querungen", "survey.gpkg", "crossings", "shuttle_crossings.qml", "own"),
    ("Barrierefreiheit", "Bodenleitsystem", "survey.gpkg", "tactile_guidance", "shuttle_tactile.qml", "own"),
    ("Barrierefreiheit", "Bordhöhen an Haltestellen", "survey.gpkg", "stop_kerbs", None, "own"),
    ("Grundlagen", "Gebäude (LoD2)", "citymodel.gpkg", "buildings", "citymodel_function.qml", "geobasis"),
    ("Grundlagen", "Straßen und Wege", "network.gpkg", "ways", "network_ways.qml", "osm"),
]
ATTRIBUTION = {
    "geobasis": "Geobasis NRW (Beispieldaten)",
    "osm": "© OpenStreetMap-Mitwirkende (Beispieldaten)",
    "own": "Stadt Soest, eigene Erhebung (Beispieldaten)",
}
GROUP_ORDER = ["Straßenschäden", "Shuttle", "Barrierefreiheit", "Grundlagen"]


def build_project(out):
    from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRasterLayer, QgsVectorLayer

    out = Path(out)
    project = QgsProject.instance()
    project.clear()
    project.setCrs(QgsCoordinateReferenceSystem(CRS))
    project.setTitle("Soest – Demo-Projekt Altstadt")
    root = project.layerTreeRoot()
    groups = {name: root.addGroup(name) for name in GROUP_ORDER}
    added = []
    for group, name, filename, layer_name, style, attribution in VECTOR_LAYERS:
        path = out / filename
        if not path.exists():
            continue
        layer = QgsVectorLayer(f"{path}|layername={layer_name}", name, "ogr")
        if not layer.isValid():
            continue
        _style(layer, style)
        layer.setCustomProperty("soest/attribution", ATTRIBUTION[attribution])
        project.addMapLayer(layer, False)
        node = groups[group].addLayer(layer)
        node.setItemVisibilityChecked(name not in HIDDEN_AT_START)
        added.append(name)
    dem = out / "dgm1_soest.tif"
    if dem.exists():
        hillshade = QgsRasterLayer(str(dem), "Gelände (DGM1, Schummerung)")
        _hillshade(hillshade)
        hillshade.setCustomProperty("soest/attribution", ATTRIBUTION["geobasis"])
        project.addMapLayer(hillshade, False)
        groups["Grundlagen"].addLayer(hillshade)
        added.append(hillshade.name())
    _initial_view(project, out)
    target = out / "soest-demo.qgz"
    if not project.write(str(target)):
        raise RuntimeError(f"could not write {target}: {project.error()}")
    return {"project": target.name, "layers": len(added)}


def _style(layer, style):
    if style and os.path.exists(resource_path("styles", style)):
        layer.loadNamedStyle(resource_path("styles", style))


def _hillshade(layer):
    from qgis.core import QgsHillshadeRenderer

    renderer = QgsHillshadeRenderer(layer.dataProvider(), 1, 315, 45)
    renderer.setZFactor(3.0)
    layer.setRenderer(renderer)
    layer.setOpacity(0.6)


def _initial_view(project, out):
    """Open on the old town around the Markt at about 1:5,000."""
    from qgis.core import QgsRectangle, QgsReferencedRectangle

    from tools.demo_data.streets import MARKT

    x, y = MARKT
    extent = QgsReferencedRectangle(QgsRectangle(x - 700, y - 450, x + 700, y + 450), project.crs())
    project.viewSettings().setDefaultViewExtent(extent)
