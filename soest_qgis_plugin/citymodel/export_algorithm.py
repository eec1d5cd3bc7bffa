"""Processing algorithm ``soest:export_citymodel``: export (part of) a city model store to a file.

Public batch interface (keep ids and names): INPUT store .gpkg, OUTPUT file (the format follows the
extension), optional EXTENT, MASK (polygon layer) + BUFFER (m), LOCAL_ORIGIN, TARGET_CRS, TERRAIN
(DGM1 GeoTIFF), PRINT_SCALE (1000 = 1:1000, 0 = off), BASE_THICKNESS (mm), PRINT_SIZE (mm, 0 = off).
No EXTENT and no MASK = every building of the store.
"""

from qgis.core import (
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
)

from ..common.errors import InputError
from ..common.i18n import tr
from ..processing.base import SoestAlgorithm
from .export import FILE_FILTER, ExportOptions, export_selection


class ExportCityModelAlgorithm(SoestAlgorithm):
    NAME = "export_citymodel"
    DISPLAY_NAME = "Export 3D city model"
    GROUP = "3D city model"
    GROUP_ID = "citymodel"
    HELP = (
        "Exports the buildings of a city model store (GeoPackage made by 'Import 3D city model') to OBJ, "
        "glTF/GLB, STL, DXF, CityJSON 2.0, CityGML (original XML) or GeoPackage 2.5D footprints. The format "
        "follows the output file's extension. Select buildings by extent and/or a polygon layer with a buffer; "
        "without a selection every building is exported. Options: local origin (offset in <output>.origin.json), "
        "target CRS, terrain from a DGM1 GeoTIFF, and 3D printing (STL only): a watertight solid on a base plate "
        "at a print scale such as 1:1000."
    )

    INPUT = "INPUT"
    OUTPUT = "OUTPUT"
    EXTENT = "EXTENT"
    MASK = "MASK"
    BUFFER = "BUFFER"
    LOCAL_ORIGIN = "LOCAL_ORIGIN"
    TARGET_CRS = "TARGET_CRS"
    TERRAIN = "TERRAIN"
    PRINT_SCALE = "PRINT_SCALE"
    BASE_THICKNESS = "BASE_THICKNESS"
    PRINT_SIZE = "PRINT_SIZE"

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(
            QgsProcessingParameterFile(
                self.INPUT, tr("City model store (GeoPackage)"), QgsProcessingParameterFile.Behavior.File, "gpkg"
            )
        )
        self.addParameter(QgsProcessingParameterExtent(self.EXTENT, tr("Extent"), optional=True))
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.MASK, tr("Mask (polygon layer)"), [QgsProcessing.SourceType.TypeVectorPolygon], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.BUFFER,
                tr("Buffer around the mask (m)"),
                QgsProcessingParameterNumber.Type.Double,
                0.0,
                optional=True,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(self.LOCAL_ORIGIN, tr("Shift to a local origin"), False, optional=True)
        )
        self.addParameter(QgsProcessingParameterCrs(self.TARGET_CRS, tr("Target CRS"), optional=True))
        self.addParameter(
            QgsProcessingParameterFile(
                self.TERRAIN,
                tr("Terrain (DGM1 GeoTIFF)"),
                QgsProcessingParameterFile.Behavior.File,
                fileFilter="GeoTIFF (*.tif *.tiff)",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.PRINT_SCALE,
                tr("3D print scale 1:n (0 = no 3D printing)"),
                QgsProcessingParameterNumber.Type.Double,
                0.0,
                optional=True,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.BASE_THICKNESS,
                tr("3D print base plate thickness (mm)"),
                QgsProcessingParameterNumber.Type.Double,
                2.0,
                optional=True,
                minValue=0.1,
            )
        )
        size = QgsProcessingParameterNumber(
            self.PRINT_SIZE,
            tr("3D print size: longest side (mm, 0 = use the scale)"),
            QgsProcessingParameterNumber.Type.Double,
            0.0,
            optional=True,
            minValue=0.0,
        )
        size.setFlags(size.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        self.addParameter(size)
        self.addParameter(QgsProcessingParameterFileDestination(self.OUTPUT, tr("Output file"), FILE_FILTER))

    def process(self, parameters, context, feedback):
        from .store import CityModelStore

        store_path = self.parameterAsFile(parameters, self.INPUT, context)
        out_path = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not store_path:
            raise InputError(tr("No city model store given."))
        store = CityModelStore(store_path)
        try:
            store_crs = _store_crs(store)
            extent = None
            if parameters.get(self.EXTENT) not in (None, ""):
                rect = self.parameterAsExtent(parameters, self.EXTENT, context, store_crs)
                if not rect.isNull() and not rect.isEmpty():
                    extent = (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
            mask_wkt = None
            source = self.parameterAsSource(parameters, self.MASK, context)
            if source is not None:
                mask_wkt = _mask_wkt(source, store_crs, context)
                if mask_wkt is None:
                    raise InputError(tr("The mask layer has no polygons."))
            buffer = self.parameterAsDouble(parameters, self.BUFFER, context) or 0.0
            if extent is None and mask_wkt is None:
                gml_ids = None
            else:
                gml_ids = store.select_ids(extent=extent, mask_wkt=mask_wkt, buffer=buffer)
                if not gml_ids:
                    raise InputError(tr("No buildings in the selected area."))
        finally:
            store.close()
        target = self.parameterAsCrs(parameters, self.TARGET_CRS, context)
        target_crs = target.authid() if target is not None and target.isValid() else None
        terrain = self.parameterAsFile(parameters, self.TERRAIN, context) or None
        options = ExportOptions(
            local_origin=self.parameterAsBool(parameters, self.LOCAL_ORIGIN, context),
            target_crs=target_crs,
            terrain=terrain,
            print_scale=self.parameterAsDouble(parameters, self.PRINT_SCALE, context) or 0.0,
            base_thickness_mm=self.parameterAsDouble(parameters, self.BASE_THICKNESS, context) or 2.0,
            print_size_mm=self.parameterAsDouble(parameters, self.PRINT_SIZE, context) or 0.0,
        )
        summary = export_selection(store_path, gml_ids, out_path, options, feedback)
        return {
            self.OUTPUT: out_path,
            "BUILDINGS": summary.get("buildings", 0),
            "TRIANGLES": summary.get("triangles", 0),
            "FILES": ";".join(summary.get("files", [])),
        }


def _store_crs(store):
    from qgis.core import QgsCoordinateReferenceSystem

    try:
        text = store.crs()
    except (AttributeError, NotImplementedError):
        text = None
    crs = QgsCoordinateReferenceSystem(str(text or "EPSG:25832"))
    return crs if crs.isValid() else QgsCoordinateReferenceSystem("EPSG:25832")


def _mask_wkt(source, store_crs, context):
    transform = None
    if source.sourceCrs().isValid() and source.sourceCrs() != store_crs:
        transform = QgsCoordinateTransform(source.sourceCrs(), store_crs, context.transformContext())
    geometries = []
    for feature in source.getFeatures():
        geometry = QgsGeometry(feature.geometry())
        if geometry.isNull() or geometry.isEmpty():
            continue
        if transform is not None:
            geometry.transform(transform)
        geometries.append(geometry)
    if not geometries:
        return None
    return QgsGeometry.unaryUnion(geometries).asWkt()
