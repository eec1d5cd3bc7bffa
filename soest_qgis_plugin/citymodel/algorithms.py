"""Processing algorithms of the city model: ``soest:import_citymodel`` (and the export engineer's
``soest:export_citymodel`` from ``export_algorithm.py`` when it is there)."""

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
)

from ..common.errors import InputError
from ..common.feedback import warn
from ..common.i18n import tr
from ..processing.base import SoestAlgorithm


class FileOrFolderParameter(QgsProcessingParameterFile):
    """A file parameter that also takes a folder (QGIS's File behaviour rejects folders)."""

    def clone(self):
        copy = FileOrFolderParameter(
            self.name(),
            self.description(),
            self.behavior(),
            self.extension(),
            self.defaultValue(),
            self.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional,
            self.fileFilter(),
        )
        return copy

    def checkValueIsAcceptable(self, value, context=None):  # noqa: N802 - QGIS API
        import os

        if isinstance(value, str) and value and os.path.isdir(value):
            return True
        return super().checkValueIsAcceptable(value, context)


class ImportCityModelAlgorithm(SoestAlgorithm):
    NAME = "import_citymodel"
    DISPLAY_NAME = "Import city model (CityGML, CityJSON)"
    GROUP = "3D city model"
    GROUP_ID = "citymodel"
    HELP = (
        "Reads LoD1/LoD2 buildings from a CityGML (1.0, 2.0, 3.0) or CityJSON (1.0, 1.1, 2.0, CityJSONSeq) file "
        "or from every such file in a folder, streaming tile by tile, and writes them into a GeoPackage store: "
        "layer 'buildings' (one footprint per building, BuildingParts folded in, decoded attributes, areas, "
        "volume, heights) and layer 'surfaces' (3D surfaces with their semantic type, absolute heights). "
        "Re-importing a tile replaces its buildings. Bad files and buildings are skipped and listed in the log; "
        "the store is only changed when the import completes."
    )

    INPUT = "INPUT"
    OUTPUT = "OUTPUT"

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(
            FileOrFolderParameter(
                self.INPUT, tr("City model file or folder"), behavior=QgsProcessingParameterFile.Behavior.File
            )
        )
        # Behaviour "any": the widget allows a file; a folder path typed in works as well.
        self.parameterDefinition(self.INPUT).setFileFilter(
            tr("City models (*.gml *.xml *.json *.jsonl);;All files (*.*)")
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(self.OUTPUT, tr("City model store"), tr("GeoPackage (*.gpkg)"))
        )
        self.addOutput(QgsProcessingOutputNumber("BUILDINGS", tr("Buildings imported")))
        self.addOutput(QgsProcessingOutputNumber("SKIPPED", tr("Buildings skipped")))
        self.addOutput(QgsProcessingOutputNumber("PROBLEMS", tr("Problems")))
        self.addOutput(QgsProcessingOutputString("SUMMARY", tr("Summary")))

    def process(self, parameters, context, feedback):
        import os

        from .store import describe_problems, import_files

        source = self.parameterAsString(parameters, self.INPUT, context) or parameters.get(self.INPUT)
        target = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not source or not os.path.exists(source):
            raise InputError(tr("File not found: {path}").format(path=source))
        if not target.lower().endswith(".gpkg"):
            target += ".gpkg"
        summary = import_files(source, target, feedback=feedback)
        for line in describe_problems(summary, limit=200):
            warn(feedback, line)
        feedback.pushInfo(summary.text())
        return {
            self.OUTPUT: target,
            "BUILDINGS": summary.buildings,
            "SKIPPED": summary.skipped,
            "PROBLEMS": len(summary.problems),
            "SUMMARY": summary.text(),
        }


def algorithms():
    found = [ImportCityModelAlgorithm()]
    package = __name__.rsplit(".", 1)[0]
    try:
        from . import export_algorithm
    except ModuleNotFoundError as error:
        if error.name != f"{package}.export_algorithm":
            raise
    else:
        if hasattr(export_algorithm, "algorithms"):
            found.extend(export_algorithm.algorithms())
        elif hasattr(export_algorithm, "ExportCityModelAlgorithm"):
            found.append(export_algorithm.ExportCityModelAlgorithm())
    return found
