"""Processing algorithms of the road damage domain (public batch interface: keep ids and names).

qgis_process run soest:detect_road_damage -- IMAGES=<folder> OUTPUT=<store.gpkg>
    [TRACK=<gpx>] [MODEL=<onnx>] [CONFIDENCE=0.1]
qgis_process run soest:export_road_damage -- INPUT=<store.gpkg> OUTPUT=<list.csv|.xlsx|.gpkg>
"""

import os

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterVectorLayer,
)

from ..common.errors import InputError
from ..common.i18n import tr
from ..processing.base import SoestAlgorithm
from .geometry import Camera

GROUP = "Road damage"
GROUP_ID = "roaddamage"


def _default_model():
    try:
        from .detector import default_model_path

        return default_model_path()
    except ImportError:
        return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "models", "road_damage.onnx")


class DetectRoadDamage(SoestAlgorithm):
    NAME = "detect_road_damage"
    DISPLAY_NAME = "Detect road damage in a survey drive"
    GROUP = GROUP
    GROUP_ID = GROUP_ID
    HELP = (
        "Runs the road damage model on the photos of a survey drive (a folder of JPEG/PNG photos with GPS "
        "in EXIF, or without GPS plus a GPX track matched by time) or on a dashcam video (MP4) plus its GPX "
        "track, sampled every few metres, and writes frames, every detection and the deduplicated damages to a "
        "damage store (GeoPackage). An existing store gets the drive added. "
        "Photos that cannot be read or have no position are named in the log."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                "IMAGES",
                tr("Photo folder"),
                behavior=QgsProcessingParameterFile.Behavior.Folder,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                "VIDEO",
                tr("Dashcam video (instead of photos; needs the GPX track)"),
                fileFilter=tr("Videos (*.mp4 *.mov *.avi *.mkv)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "FRAME_SPACING",
                tr("Video: one frame every (metres along the track)"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=4.0,
                minValue=1.0,
                maxValue=100.0,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                "TRACK", tr("GPX track (for photos without GPS)"), extension="gpx", optional=True
            )
        )
        model = QgsProcessingParameterFile(
            "MODEL", tr("Detection model (ONNX)"), extension="onnx", defaultValue=_default_model(), optional=True
        )
        self.addParameter(model)
        self.addParameter(
            QgsProcessingParameterNumber(
                "CONFIDENCE",
                tr("Minimum confidence"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=0.1,
                minValue=0.0,
                maxValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "CLOCK_OFFSET",
                tr("Camera clock offset to the GPX time (seconds)"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=0.0,
                optional=True,
            )
        )
        for name, text, default, low, high in (
            ("CAMERA_HEIGHT", "Camera height above the road (m)", Camera.height, 0.3, 5.0),
            ("CAMERA_PITCH", "Camera tilt below the horizon (degrees)", Camera.pitch, 0.0, 60.0),
            ("CAMERA_HFOV", "Horizontal field of view of the camera (degrees)", Camera.hfov, 20.0, 170.0),
        ):
            parameter = QgsProcessingParameterNumber(
                name,
                tr(text),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=default,
                minValue=low,
                maxValue=high,
                optional=True,
            )
            parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
            self.addParameter(parameter)
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                "STREETS",
                tr("Streets (lines with a field 'name', for street names)"),
                [QgsProcessing.SourceType.TypeVectorLine],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination("OUTPUT", tr("Damage store"), tr("GeoPackage (*.gpkg)"))
        )

    def process(self, parameters, context, feedback):
        from .condition import load_streets
        from .pipeline import detect_drive

        images = self.parameterAsFile(parameters, "IMAGES", context) or None
        video = self.parameterAsFile(parameters, "VIDEO", context) or None
        track = self.parameterAsFile(parameters, "TRACK", context) or None
        if bool(images) == bool(video):
            raise InputError(tr("Give either a photo folder (IMAGES) or a dashcam video (VIDEO)."))
        spacing = self.parameterAsDouble(parameters, "FRAME_SPACING", context)
        model = self.parameterAsFile(parameters, "MODEL", context) or None
        confidence = self.parameterAsDouble(parameters, "CONFIDENCE", context)
        offset = self.parameterAsDouble(parameters, "CLOCK_OFFSET", context) if "CLOCK_OFFSET" in parameters else 0.0
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        layer = self.parameterAsVectorLayer(parameters, "STREETS", context) if parameters.get("STREETS") else None
        streets = load_streets(layer) if layer is not None else None
        camera = Camera(
            **{
                key: self.parameterAsDouble(parameters, name, context)
                for key, name in (("height", "CAMERA_HEIGHT"), ("pitch", "CAMERA_PITCH"), ("hfov", "CAMERA_HFOV"))
                if parameters.get(name) is not None
            }
        )
        summary = detect_drive(
            video or images,
            output,
            model_path=model,
            track=track,
            confidence=confidence,
            clock_offset=offset,
            feedback=feedback,
            streets=streets,
            camera=camera,
            video_every_m=spacing,
        )
        for name in summary["unreadable"]:
            feedback.reportError(tr("Unreadable photo: {image}").format(image=name), False)
        if summary["unreadable"] or summary["unpositioned"]:
            # Photos without a position are not searched (a damage needs a place on the map); each was
            # named in the log while reading and stays in the frames layer (status no_position).
            # Say so once more at the end, where a batch user looks, as the panel does.
            feedback.pushWarning(
                tr("Skipped: {unreadable} unreadable, {unpositioned} without position (see the log).").format(
                    unreadable=len(summary["unreadable"]), unpositioned=len(summary["unpositioned"])
                )
            )
        return {
            "OUTPUT": output,
            "FRAMES": summary["frames"],
            "DETECTIONS": summary["detections"],
            "DAMAGES": summary["damages"],
            "UNREADABLE": len(summary["unreadable"]),
            "UNPOSITIONED": len(summary["unpositioned"]),
        }


class ExportRoadDamage(SoestAlgorithm):
    NAME = "export_road_damage"
    DISPLAY_NAME = "Export confirmed road damage (maintenance list)"
    GROUP = GROUP
    GROUP_ID = GROUP_ID
    HELP = (
        "Writes the confirmed damages of a damage store as a maintenance list: CSV, Excel (XLSX) or GeoPackage "
        "with street, position, class, severity, reviewer, date and the path of a photo crop. Only crops around "
        "each damage are written (beside the list), never the full photos."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("INPUT", tr("Damage store"), extension="gpkg"))
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "OUTPUT", tr("Maintenance list"), tr("CSV (*.csv);;Excel (*.xlsx);;GeoPackage (*.gpkg)")
            )
        )

    def process(self, parameters, context, feedback):
        from .exports import export_damages

        store = self.parameterAsFile(parameters, "INPUT", context)
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        summary = export_damages(store, output, feedback=feedback)
        feedback.pushInfo(tr("{count} confirmed damages exported.").format(count=summary["count"]))
        return {"OUTPUT": output, "COUNT": summary["count"]}


def algorithms():
    return [DetectRoadDamage(), ExportRoadDamage()]
