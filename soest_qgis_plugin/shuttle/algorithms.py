"""Processing algorithm ``soest:shuttle_accessibility`` (public batch interface: keep ids and names)."""

from qgis.core import (
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..common.errors import InputError
from ..common.i18n import tr
from ..processing.base import SoestAlgorithm
from .network import PROFILE_ORDER


class ShuttleAccessibilityAlgorithm(SoestAlgorithm):
    NAME = "shuttle_accessibility"
    DISPLAY_NAME = "Shuttle accessibility analysis"
    GROUP = "Shuttle & accessibility"
    GROUP_ID = "shuttle"
    HELP = (
        "Overlays shuttle routes (GTFS feed as zip or folder, or a route line layer) with accessibility data "
        "and writes one GeoPackage: stop check (kerb height, tactile fields, step-free access, wheelchair "
        "boarding), barrier-aware walking catchments per profile, lost coverage, route slope, gap list and "
        "frequency per segment."
    )

    ROUTES = "ROUTES"
    STOPS = "STOPS"
    NETWORK = "NETWORK"
    SURVEY = "SURVEY"
    DEM = "DEM"
    BUILDINGS = "BUILDINGS"
    PROFILE = "PROFILE"
    DISTANCES = "DISTANCES"
    MAX_GRADIENT = "MAX_GRADIENT"
    DAY = "DAY"
    TIME_WINDOW = "TIME_WINDOW"
    OUTPUT = "OUTPUT"

    def initAlgorithm(self, config=None):
        self.addParameter(
            # a string: a File parameter refuses folders (unzipped GTFS feeds)
            QgsProcessingParameterString(self.ROUTES, tr("Routes: GTFS feed (zip or folder) or route line layer file"))
        )
        self.addParameter(
            QgsProcessingParameterVectorLayer(self.STOPS, tr("Stops (for a route line layer)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.NETWORK, tr("Footway network (GeoPackage, line layer, .osm or .pbf)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.SURVEY, tr("Survey GeoPackage (kerbs, crossings, obstacles)"), optional=True
            )
        )
        self.addParameter(QgsProcessingParameterRasterLayer(self.DEM, tr("Terrain model (DGM1)"), optional=True))
        self.addParameter(
            QgsProcessingParameterVectorLayer(self.BUILDINGS, tr("Buildings or addresses"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.PROFILE,
                tr("Profiles"),
                options=[tr("Unrestricted walking"), tr("Wheelchair"), tr("Rollator"), tr("Blind / low vision")],
                allowMultiple=True,
                defaultValue=[0, 1, 2, 3],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.DISTANCES, tr("Distance bands (m)"), defaultValue="300,500", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MAX_GRADIENT,
                tr("Maximum gradient of the vehicle (%)"),
                type=QgsProcessingParameterNumber.Type.Double,
                defaultValue=15.0,
                minValue=1.0,
                maxValue=50.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.DAY, tr("Day for frequencies (YYYYMMDD, empty = busiest)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterString(self.TIME_WINDOW, tr("Time window"), defaultValue="06:00-20:00", optional=True)
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, tr("Output GeoPackage"), fileFilter="GeoPackage (*.gpkg)"
            )
        )

    def process(self, parameters, context, feedback):
        from .analysis import run_accessibility

        routes = (self.parameterAsString(parameters, self.ROUTES, context) or "").strip()
        layer = context.getMapLayer(routes) if routes and context.project() is not None else None
        if layer is not None and hasattr(layer, "getFeatures"):
            routes = layer
        if not routes:
            raise InputError(tr("No routes given (GTFS feed or line layer)."))
        stops = self.parameterAsVectorLayer(parameters, self.STOPS, context)
        buildings = self.parameterAsVectorLayer(parameters, self.BUILDINGS, context)
        dem_layer = self.parameterAsRasterLayer(parameters, self.DEM, context)
        dem = dem_layer.source() if dem_layer is not None else None
        indexes = self.parameterAsEnums(parameters, self.PROFILE, context) or [0, 1, 2, 3]
        profiles = [PROFILE_ORDER[i] for i in indexes]
        window = (self.parameterAsString(parameters, self.TIME_WINDOW, context) or "06:00-20:00").replace(" ", "")
        if "-" not in window:
            raise InputError(tr("The time window must look like 06:00-20:00."))
        start, end = window.split("-", 1)
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        summary = run_accessibility(
            routes,
            output,
            stops=stops,
            network=self.parameterAsFile(parameters, self.NETWORK, context) or None,
            survey=self.parameterAsFile(parameters, self.SURVEY, context) or None,
            dem=dem,
            buildings=buildings,
            profiles=profiles,
            distances=self.parameterAsString(parameters, self.DISTANCES, context) or "300,500",
            max_gradient=self.parameterAsDouble(parameters, self.MAX_GRADIENT, context),
            day=self.parameterAsString(parameters, self.DAY, context) or None,
            time_window=(start, end),
            feedback=feedback,
        )
        feedback.pushInfo(
            tr("{stops} stops, {routes} routes, {gaps} gaps written to {path}").format(
                stops=summary["stops"], routes=summary["routes"], gaps=len(summary["gaps"]), path=output
            )
        )
        return {
            self.OUTPUT: output,
            "STOPS_COUNT": summary["stops"],
            "ROUTES_COUNT": summary["routes"],
            "GAPS_COUNT": len(summary["gaps"]),
        }


def algorithms():
    return [ShuttleAccessibilityAlgorithm()]
