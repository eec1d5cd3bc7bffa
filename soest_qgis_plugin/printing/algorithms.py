"""Processing algorithms of the printing domain: soest:print_map and soest:print_report.

Ids and parameter names are a public batch interface (qgis_process); keep them stable.
"""

import os

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingOutputNumber,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..common.errors import InputError
from ..common.i18n import tr
from ..processing.base import SoestAlgorithm


class _MainThreadAlgorithm(SoestAlgorithm):
    """Layout export renders project layers (and OpenGL for 3D views): run on the main thread."""

    def flags(self):
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading


class PrintMapAlgorithm(_MainThreadAlgorithm):
    NAME = "print_map"
    DISPLAY_NAME = "Print map"
    GROUP = "Print"
    GROUP_ID = "printing"
    HELP = (
        "Prints the visible layers of a QGIS project on a Soest sheet (A4_hoch, A4_quer, A3_quer, A1_quer "
        "or a .qpt template) as a PDF (vector) or PNG (300 dpi). Optional: extent, scale (e.g. 2500), subtitle, "
        "department/author."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(
            QgsProcessingParameterFile("PROJECT", tr("QGIS project"), fileFilter=tr("QGIS projects (*.qgz *.qgs)"))
        )
        self.addParameter(
            QgsProcessingParameterString(
                "TEMPLATE", tr("Template (A4_hoch, A4_quer, A3_quer, A1_quer or .qpt path)"), "A4_quer"
            )
        )
        self.addParameter(QgsProcessingParameterString("TITLE", tr("Title")))
        self.addParameter(QgsProcessingParameterString("SUBTITLE", tr("Subtitle"), optional=True))
        self.addParameter(QgsProcessingParameterString("AUTHOR", tr("Department / author"), optional=True))
        self.addParameter(QgsProcessingParameterExtent("EXTENT", tr("Map extent"), optional=True))
        scale = QgsProcessingParameterNumber(
            "SCALE",
            tr("Scale (e.g. 2500 for 1:2,500; empty: whole extent)"),
            QgsProcessingParameterNumber.Type.Double,
            optional=True,
            minValue=100,
        )
        self.addParameter(scale)
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "OUTPUT", tr("Output file"), fileFilter=tr("PDF (*.pdf);;PNG image (*.png)")
            )
        )

    def process(self, parameters, context, feedback):
        from .export import check_writable, export
        from .layout import build_layout, read_project

        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if os.path.splitext(output)[1].lower() not in (".pdf", ".png"):
            raise InputError(
                tr("Unsupported output format '{suffix}': use .pdf or .png").format(
                    suffix=os.path.splitext(output)[1] or "-"
                )
            )
        check_writable(output)
        project = read_project(self.parameterAsFile(parameters, "PROJECT", context))
        extent = None
        if parameters.get("EXTENT") not in (None, ""):
            extent = self.parameterAsExtent(parameters, "EXTENT", context, project.crs())
            if extent.isEmpty():
                extent = None
        scale = (
            self.parameterAsDouble(parameters, "SCALE", context) if parameters.get("SCALE") not in (None, "") else None
        )
        author = (
            self.parameterAsString(parameters, "AUTHOR", context)
            if parameters.get("AUTHOR") not in (None, "")
            else None
        )
        feedback.setProgress(10)
        layout = build_layout(
            project,
            self.parameterAsString(parameters, "TEMPLATE", context),
            self.parameterAsString(parameters, "TITLE", context),
            self.parameterAsString(parameters, "SUBTITLE", context),
            author,
            extent=extent,
            scale=scale or None,
        )
        feedback.setProgress(40)
        export(layout, output, feedback=feedback)
        feedback.setProgress(100)
        feedback.pushInfo(tr("Map written: {path}").format(path=output))
        return {"OUTPUT": output}


class PrintReportAlgorithm(_MainThreadAlgorithm):
    NAME = "print_report"
    DISPLAY_NAME = "Print report"
    GROUP = "Print"
    GROUP_ID = "printing"
    HELP = (
        "Writes a standard report as a PDF: Schadensbericht (one page per confirmed damage, from the damage store), "
        "Haltestellen-Steckbrief (one page per stop, from a shuttle result) or Gebäude-Datenblatt (one page per "
        "building, from the city model store). REPORT also accepts the ids damage, stop, building. FILTER (optional) "
        "is an expression that selects the features, e.g. \"gml_id\" IN ('DENW…')."
    )

    def initAlgorithm(self, config=None):  # noqa: N802 - QGIS API
        self.addParameter(
            QgsProcessingParameterString(
                "REPORT", tr("Report (Schadensbericht, Haltestellen-Steckbrief, Gebäude-Datenblatt)"), "Schadensbericht"
            )
        )
        self.addParameter(
            QgsProcessingParameterFile("INPUT", tr("Store or result GeoPackage"), fileFilter=tr("GeoPackage (*.gpkg)"))
        )
        self.addParameter(QgsProcessingParameterString("FILTER", tr("Filter expression"), optional=True))
        self.addParameter(QgsProcessingParameterString("AUTHOR", tr("Department / author"), optional=True))
        self.addParameter(
            QgsProcessingParameterFileDestination("OUTPUT", tr("Output PDF"), fileFilter=tr("PDF (*.pdf)"))
        )
        self.addOutput(QgsProcessingOutputNumber("PAGES", tr("Pages")))

    def process(self, parameters, context, feedback):
        from .reports import print_report

        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        result = print_report(
            self.parameterAsString(parameters, "REPORT", context),
            self.parameterAsFile(parameters, "INPUT", context),
            output,
            feedback=feedback,
            filter_expression=self.parameterAsString(parameters, "FILTER", context) or None,
            author=self.parameterAsString(parameters, "AUTHOR", context) or None,
        )
        feedback.setProgress(100)
        feedback.pushInfo(tr("Report written: {path} ({pages} pages)").format(path=output, pages=result["pages"]))
        return {"OUTPUT": output, "PAGES": result["pages"]}


def algorithms():
    return [PrintMapAlgorithm(), PrintReportAlgorithm()]
