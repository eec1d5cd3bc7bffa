"""Standard reports (QGIS atlas): Schadensbericht, Haltestellen-Steckbrief, Gebäude-Datenblatt.

Each report reads its store/result GeoPackage through ONE field mapping (``*_FIELDS`` below; align
these when a panel's schema changes), copies what it shows into memory layers with fixed names,
builds an atlas layout (one page per feature; the damage report adds a cover page) and renders
everything into one PDF with ``export.export_pages_pdf``.
"""

import json
import math
import os
import sqlite3
import tempfile
from pathlib import Path

from qgis.core import (
    QgsConditionalStyle,
    QgsCoordinateReferenceSystem,
    QgsExpression,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutFrame,
    QgsLayoutItemAttributeTable,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutMultiFrame,
    QgsLayoutObject,
    QgsLayoutSize,
    QgsLayoutTableColumn,
    QgsMarkerSymbol,
    QgsPrintLayout,
    QgsProject,
    QgsProperty,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import Qt, QVariant
from qgis.PyQt.QtGui import QColor, QFont, QImage, QPainter

from ..common.errors import InputError, StoreError
from ..common.feedback import raise_if_canceled, warn
from ..common.i18n import tr
from .export import export_pages_pdf, report_step
from .layout import fit_legend, zoom_to
from .templates import ACCENT, FONT_FAMILY, INK, MUTED, add_label, add_map, add_rule, place, text_format

CRS = "EPSG:25832"

# --- field mappings (one place per report) -----------------------------------------------
DAMAGE_LAYER = "damages"
DAMAGE_FIELDS = {
    "class": "class_name",
    "severity": "severity",
    "status": "status",
    "street": "street",
    "reviewer": "reviewer",
    "reviewed_at": "reviewed_at",
    "key_detection": "key_detection",  # optional: the detection whose photo is the key photo
}
DAMAGE_CONFIRMED = ("confirmed", "bestätigt")
# Class codes of the detector (RDD2022) -> names; the damage panel's own table is used when present.
DAMAGE_CLASS_NAMES = {"D00": "Längsriss", "D10": "Querriss", "D20": "Netzriss", "D40": "Schlagloch"}
SEVERITY_ORDER = ("leicht", "mittel", "schwer")  # values of damages.severity, mildest first
SEVERITY_COLORS = {"leicht": "255,204,0", "mittel": "245,130,20", "schwer": "200,20,30"}
CONDITION_LAYERS = ("street_condition", "condition")  # in the store or in <store>_zustand.gpkg
CONDITION_STYLE = "roaddamage_condition.qml"
DETECTION_TABLE = "detections"
DETECTION_FIELDS = {"damage": "damage_id", "frame": "frame_id", "image": "image", "score": "confidence"}
DETECTION_BOX = ("x1", "y1", "x2", "y2")  # pixel box in the photo
FRAME_TABLE = "frames"
FRAME_FIELDS = {"path": "path", "image": "image"}  # full path first, then the file name

STOP_LAYER = "stops"
STOP_FIELDS = {"id": "stop_id", "name": "stop_name", "grade": "grade", "missing": "missing"}
STOP_CRITERIA_JSON = "criteria"  # optional: all criteria in one JSON/text column instead of one column each
CATCHMENT_LAYER = "catchments"
CATCHMENT_FIELDS = {"stop": "stop_id", "profile": "profile_name", "distance": "distance"}
GAP_LAYER = "gaps"
GAP_FIELDS = {
    "ref": "ref",
    "rank": "rank",
    "text": "text",
    "residents": "residential_gained",
    "buildings": "buildings_gained",
}
GAP_DISTANCE = 350.0  # a gap this close to a stop (or referring to it) is listed on the stop's page
GAPS_PER_PAGE = 7  # the most important ones (by rank); the rest is counted


def stop_criteria_columns():
    """Criterion column of the stops layer -> German label (as the shuttle panel's check writes them)."""
    return {
        "kerb_height": tr("Boarding kerb height (18–22 cm)"),
        "boarding_field": tr("Tactile boarding field"),
        "guide_strip": tr("Tactile guide strip"),
        "step_free_access": tr("Step-free access"),
        "wheelchair_boarding": tr("Wheelchair boarding (GTFS)"),
    }


BUILDING_LAYER = "buildings"
BUILDING_KEY = "gml_id"
SURFACE_LAYER = "surfaces"
SURFACE_FIELDS = {"building": "gml_id", "type": "surface_type"}


def building_attribute_labels():
    """Store field -> German label, in the order the data sheet lists them (city model store schema)."""
    return {
        "address": tr("Address"),
        "gml_id": tr("Building ID"),
        "function_label": tr("Building function"),
        "roof_type_label": tr("Roof type"),
        "measured_height": tr("Building height (m)"),
        "storeys": tr("Storeys"),
        "year_of_construction": tr("Year of construction"),
        "footprint_area": tr("Footprint area (m²)"),
        "roof_area": tr("Roof area (m²)"),
        "wall_area": tr("Wall area (m²)"),
        "volume": tr("Volume (m³)"),
        "ground_z": tr("Ground height (m, DHHN2016)"),
        "max_z": tr("Highest point (m, DHHN2016)"),
        "lod": tr("Level of detail (LoD)"),
        "data_source": tr("Data source"),
    }


def report_names():
    """Report id -> translated display name; ids and German names are the batch interface."""
    return {
        "damage": tr("Damage report"),
        "stop": tr("Stop profile"),
        "building": tr("Building data sheet"),
    }


# German names accepted on the command line whatever the UI language is.
GERMAN_NAMES = {"schadensbericht": "damage", "haltestellen-steckbrief": "stop", "gebäude-datenblatt": "building"}


def report_id(name):
    """'damage'|'stop'|'building' from an id, a German or a translated name."""
    key = str(name or "").strip().lower()
    if key in report_names():
        return key
    if key in GERMAN_NAMES:
        return GERMAN_NAMES[key]
    for rid, label in report_names().items():
        if label.lower() == key:
            return rid
    raise InputError(
        tr("Unknown report '{name}'. Use one of: {names}").format(
            name=name, names="Schadensbericht, Haltestellen-Steckbrief, Gebäude-Datenblatt"
        )
    )


def print_report(report, input_path, output_path, feedback=None, filter_expression=None, author=None):
    """Render report ``report`` of the GeoPackage ``input_path`` into ``output_path`` (PDF).

    Returns {"output": path, "pages": n, "features": n}. ``filter_expression`` restricts the
    features (e.g. the selected buildings: ``"gml_id" IN ('…')``).
    """
    from .export import check_writable

    rid = report_id(report)
    if not input_path or not os.path.isfile(str(input_path)):
        raise InputError(tr("Input GeoPackage not found: {path}").format(path=input_path))
    if not str(output_path).lower().endswith(".pdf"):
        raise InputError(tr("Reports are written as PDF: the output must end in .pdf"))
    check_writable(output_path)
    if filter_expression:
        expression = QgsExpression(filter_expression)
        if expression.hasParserError():
            raise InputError(tr("Invalid filter expression: {error}").format(error=expression.parserErrorString()))
    builder = {"damage": DamageReport, "stop": StopReport, "building": BuildingReport}[rid]
    with tempfile.TemporaryDirectory(prefix="soest-report-") as work_dir:
        job = builder(str(input_path), work_dir, feedback, filter_expression, author)
        sections = []
        try:
            sections = job.build()
            pages = export_pages_pdf(sections, output_path, feedback=feedback, progress_start=job.progress_share)
        finally:
            # Layouts first, then their layers, while QGIS still runs (no teardown-order crashes).
            del sections[:]
            job.project.removeAllMapLayers()
    return {"output": str(output_path), "pages": pages, "features": job.count}


def selection_filter(layer, key=BUILDING_KEY):
    """A FILTER expression for the selected features of ``layer`` ("gml_id" IN (…)), or None."""
    if layer is None or layer.selectedFeatureCount() == 0 or layer.fields().indexOf(key) < 0:
        return None
    values = sorted({text_value(feature[key]) for feature in layer.selectedFeatures()})
    return f"{QgsExpression.quotedColumnRef(key)} IN ({', '.join(QgsExpression.quotedValue(v) for v in values)})"


# --- shared building blocks --------------------------------------------------------------


def open_layer(gpkg, name, required_fields=()):
    layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
    if not layer.isValid():
        raise StoreError(tr("The GeoPackage has no layer '{layer}': {path}").format(layer=name, path=gpkg))
    missing = [f for f in required_fields if layer.fields().indexOf(f) < 0]
    if missing:
        raise StoreError(tr("Layer '{layer}' lacks the fields: {fields}").format(layer=name, fields=", ".join(missing)))
    return layer


def memory_layer(kind, name, fields, project):
    """A memory layer with (name, QVariant type) fields, added to ``project`` (not to the legend)."""
    layer = QgsVectorLayer(f"{kind}?crs={CRS}", name, "memory")
    layer.dataProvider().addAttributes([QgsField(field, ftype) for field, ftype in fields])
    layer.updateFields()
    project.addMapLayer(layer, False)
    return layer


def add_features(layer, rows):
    """rows: (geometry or None, {field: value}); returns the features added."""
    features = []
    for geometry, values in rows:
        feature = QgsFeature(layer.fields())
        if geometry is not None:
            feature.setGeometry(geometry)
        for key, value in values.items():
            feature[key] = value
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return features


def text_value(value):
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def german_date(value):
    """'2026-11-03T09:30:00' -> '03.11.2026' (other text unchanged)."""
    text = text_value(value)
    if hasattr(value, "toString") and not isinstance(value, str):
        text = value.toString("yyyy-MM-ddTHH:mm:ss")
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        return f"{text[8:10]}.{text[5:7]}.{text[0:4]}"
    return text


def placeholder_image(path, text, width=800, height=560):
    """A light grey image with a centred note (used when a photo or 3D view is missing)."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(238, 238, 238))
    painter = QPainter(image)
    font = QFont(FONT_FAMILY)
    font.setPixelSize(28)
    painter.setFont(font)
    painter.setPen(QColor(90, 90, 90))
    painter.drawText(
        image.rect().adjusted(30, 30, -30, -30), int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text
    )
    painter.end()
    image.save(path)
    return path


class ReportJob:
    """Common page frame of the reports (A4 portrait, Soest letterhead)."""

    WIDTH, HEIGHT, MARGIN = 210.0, 297.0, 12.0
    cover_pages = 0
    progress_share = 30.0  # percent of the progress bar for collecting the data; the pages get the rest

    def __init__(self, gpkg, work_dir, feedback, filter_expression, author):
        self.gpkg = gpkg
        self.work_dir = work_dir
        self.feedback = feedback
        self.filter_expression = filter_expression
        self.author = author
        self.project = QgsProject()
        self.project.setCrs(QgsCoordinateReferenceSystem(CRS))
        self.count = 0

    def new_layout(self, name):
        layout = QgsPrintLayout(self.project)
        layout.initializeDefaults()
        layout.setName(name)
        layout.pageCollection().page(0).setPageSize(QgsLayoutSize(self.WIDTH, self.HEIGHT))
        return layout

    def frame(self, layout, report_title, page_text):
        m, inner = self.MARGIN, self.WIDTH - 2 * self.MARGIN
        add_label(layout, "wordmark", tr("City of Soest"), m, m, inner * 0.5, 8, 17, True, ACCENT)
        add_label(
            layout,
            "report_name",
            report_title,
            m + inner * 0.5,
            m + 2,
            inner * 0.5,
            6,
            10,
            True,
            INK,
            Qt.AlignmentFlag.AlignRight,
        )
        add_rule(layout, "rule", m, m + 10, inner, 0.8)
        foot = self.HEIGHT - m - 6
        add_rule(layout, "footer_rule", m, foot - 2, inner, 0.3, MUTED)
        credit = self.author or tr("City of Soest")
        add_label(
            layout,
            "date",
            tr("As of: {date}").format(date="[% format_date(now(), 'dd.MM.yyyy') %]") + "  ·  " + credit,
            m,
            foot,
            inner * 0.7,
            4,
            7,
            False,
            MUTED,
        )
        add_label(
            layout,
            "page_number",
            page_text,
            m + inner * 0.7,
            foot,
            inner * 0.3,
            4,
            7,
            False,
            MUTED,
            Qt.AlignmentFlag.AlignRight,
        )

    def atlas_page_text(self):
        offset = self.cover_pages
        return tr("Page {page} of {pages}").format(
            page=f"[% @atlas_featurenumber + {offset} %]", pages=f"[% @atlas_totalfeatures + {offset} %]"
        )

    def atlas_layout(self, name, coverage, page_name_expression):
        layout = self.new_layout(name)
        atlas = layout.atlas()
        atlas.setCoverageLayer(coverage)
        atlas.setEnabled(True)
        atlas.setHideCoverage(False)
        atlas.setPageNameExpression(page_name_expression)
        atlas.setSortFeatures(True)
        atlas.setSortExpression(page_name_expression)
        return layout

    def field_rows(self, layout, rows, x, y, width, label_width=45, row_height=7, size=9.5):
        """Label/value rows (value may contain [% expressions %])."""
        for index, (label, value) in enumerate(rows):
            top = y + index * row_height
            add_label(layout, f"field_label_{index}", label, x, top, label_width, row_height, size, True, MUTED)
            add_label(
                layout,
                f"field_value_{index}",
                value,
                x + label_width,
                top,
                width - label_width,
                row_height,
                size,
                False,
                INK,
            )
            if index < len(rows) - 1:
                add_rule(layout, f"field_rule_{index}", x, top + row_height - 1.6, width, 0.15, QColor(200, 200, 200))

    def picture(self, layout, item_id, x, y, w, h, field):
        picture = QgsLayoutItemPicture(layout)
        picture.setId(item_id)
        picture.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
        picture.setFrameEnabled(True)
        picture.setFrameStrokeColor(QColor(160, 160, 160))
        picture.dataDefinedProperties().setProperty(
            QgsLayoutObject.DataDefinedProperty.PictureSource, QgsProperty.fromField(field)
        )
        layout.addLayoutItem(picture)
        place(picture, x, y, w, h)
        return picture

    def table(self, layout, item_id, layer, columns, x, y, w, h, filter_expression=None, conditional=False, size=8.5):
        """An attribute table of ``layer`` (columns: (field, heading, width mm))."""
        table = QgsLayoutItemAttributeTable.create(layout)
        table.setVectorLayer(layer)
        table.setDisplayOnlyVisibleFeatures(False)
        table_columns = []
        margin, grid = 1.4, 0.15
        available = w - len(columns) * 2 * margin - (len(columns) + 1) * grid - 0.5
        factor = min(1.0, available / max(sum(width for _f, _h, width in columns), 1e-6))
        for field, heading, width in columns:
            column = QgsLayoutTableColumn(heading)
            column.setAttribute(field)
            column.setWidth(width * factor)
            table_columns.append(column)
        table.setColumns(table_columns)
        if filter_expression:
            table.setFilterFeatures(True)
            table.setFeatureFilter(filter_expression)
        table.setMaximumNumberOfFeatures(40)
        table.setWrapBehavior(QgsLayoutItemAttributeTable.WrapBehavior.WrapText)
        table.setUseConditionalStyling(conditional)
        table.setHeaderTextFormat(text_format(size, True, QColor(255, 255, 255)))
        table.setContentTextFormat(text_format(size))
        table.setHeaderHAlignment(QgsLayoutItemAttributeTable.HeaderHAlignment.HeaderLeft)
        table.setCellMargin(margin)
        table.setGridStrokeWidth(grid)
        table.setGridColor(QColor(190, 190, 190))
        table.setBackgroundColor(QColor(255, 255, 255))
        table.setEmptyTableBehavior(QgsLayoutItemAttributeTable.EmptyTableMode.ShowMessage)
        table.setEmptyTableMessage(tr("none"))
        table.setResizeMode(QgsLayoutMultiFrame.ResizeMode.UseExistingFrames)
        table.setCellStyle(QgsLayoutItemAttributeTable.CellStyleGroup.HeaderRow, _cell_style(ACCENT))
        layout.addMultiFrame(table)
        frame = QgsLayoutFrame(layout, table)
        frame.setId(item_id)
        place(frame, x, y, w, h)
        table.addFrame(frame)
        return table

    def atlas_map(self, layout, item_id, layers, x, y, w, h, margin=0.25, fixed_scale=None, scales=None):
        main = add_map(layout, item_id, x, y, w, h)
        main.setCrs(QgsCoordinateReferenceSystem(CRS))
        main.setLayers(layers)
        main.setKeepLayerSet(True)
        # A map whose extent is still empty gets resized by the atlas: give it one first.
        extent = layout.atlas().coverageLayer().extent()
        extent.grow(max(extent.width(), extent.height(), 50.0) * 0.1)
        zoom_to(main, extent)
        main.setAtlasDriven(True)
        if fixed_scale:
            main.setAtlasScalingMode(QgsLayoutItemMap.AtlasScalingMode.Fixed)
            main.setScale(fixed_scale)
        elif scales:
            # The largest of these scales that shows the whole feature: a garage still gets its street.
            layout.renderContext().setPredefinedScales([float(scale) for scale in scales])
            main.setAtlasScalingMode(QgsLayoutItemMap.AtlasScalingMode.Predefined)
            main.setAtlasMargin(margin)
        else:
            main.setAtlasScalingMode(QgsLayoutItemMap.AtlasScalingMode.Auto)
            main.setAtlasMargin(margin)
        return main

    def legend(self, layout, main, layers, x, y, w, h, title="", columns=1, hide_titles=()):
        from qgis.core import QgsLegendRenderer, QgsLegendStyle

        from .templates import add_legend

        legend = add_legend(layout, main, x, y, w, h, 1.0)
        legend.setTitle(title)
        root = legend.model().rootGroup()
        root.clear()
        for layer in layers:
            node = root.addLayer(layer)
            if layer in hide_titles:
                QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Style.Hidden)
        legend.setColumnCount(columns)
        legend.setSplitLayer(True)
        legend.setEqualColumnWidth(False)
        legend.updateLegend()
        fit_legend(legend)
        return legend

    def add_north_and_scale(self, layout, main, x, y, w):
        from .templates import add_north_arrow, add_scalebar

        add_north_arrow(layout, main, x + w - 11, y + 2, 9)
        add_scalebar(layout, main, x + 2, y + main.rect().height() - 11, 45, 9, 0.85)

    def check_filter(self):
        if not self.filter_expression:
            return QgsFeatureRequest()
        return QgsFeatureRequest(QgsExpression(self.filter_expression))

    def progress(self, done, total):
        if self.feedback is not None and total:
            self.feedback.setProgress(self.progress_share * done / total)
            report_step(self.feedback, tr("Collecting the data: {done} of {total}").format(done=done, total=total))


def _cell_style(color):
    from qgis.core import QgsLayoutTableStyle

    style = QgsLayoutTableStyle()
    style.enabled = True
    style.cellBackgroundColor = color
    return style


# --- Schadensbericht -----------------------------------------------------------------------


class DamageReport(ReportJob):
    cover_pages = 1

    def build(self):
        f = DAMAGE_FIELDS
        source = open_layer(self.gpkg, DAMAGE_LAYER, [f["class"], f["severity"], f["status"], f["street"]])
        has = {key: source.fields().indexOf(name) >= 0 for key, name in f.items()}
        confirmed = ", ".join("'" + value + "'" for value in DAMAGE_CONFIRMED)
        expression = f'lower("{f["status"]}") IN ({confirmed})'
        if self.filter_expression:
            expression = f"({expression}) AND ({self.filter_expression})"
        features = list(source.getFeatures(QgsFeatureRequest(QgsExpression(expression))))
        if not features:
            raise InputError(tr("There are no confirmed damages to report in {path}.").format(path=self.gpkg))
        self.count = len(features)
        photos = KeyPhotos(self.gpkg)
        damages = memory_layer(
            "Point",
            tr("Confirmed damages"),
            [
                ("damage_id", QVariant.Int),
                ("class_name", QVariant.String),
                ("severity", QVariant.String),
                ("severity_rank", QVariant.Int),
                ("street", QVariant.String),
                ("reviewer", QVariant.String),
                ("reviewed_on", QVariant.String),
                ("photo_path", QVariant.String),
                ("position", QVariant.String),
            ],
            self.project,
        )
        rows = []
        missing_photos = 0
        for index, feature in enumerate(features):
            raise_if_canceled(self.feedback)
            photo = os.path.join(self.work_dir, f"damage_{feature.id()}.jpg")
            key_detection = feature[f["key_detection"]] if has["key_detection"] else None
            if not photos.crop(feature.id(), key_detection, photo):
                missing_photos += 1
                placeholder_image(photo, tr("No photo available"))
            point = feature.geometry().asPoint() if not feature.geometry().isEmpty() else None
            rows.append(
                (
                    feature.geometry(),
                    {
                        "damage_id": feature.id(),
                        "class_name": damage_class_label(text_value(feature[f["class"]])),
                        "severity": text_value(feature[f["severity"]]),
                        "severity_rank": severity_rank(feature[f["severity"]]),
                        "street": text_value(feature[f["street"]]),
                        "reviewer": text_value(feature[f["reviewer"]]) if has["reviewer"] else "",
                        "reviewed_on": german_date(feature[f["reviewed_at"]]) if has["reviewed_at"] else "",
                        "photo_path": photo,
                        "position": f"E {point.x():.0f} / N {point.y():.0f}" if point else "",
                    },
                )
            )
            self.progress(index + 1, len(features))
        photos.close()
        if missing_photos:
            warn(
                self.feedback,
                tr("{count} damages have no key photo; a placeholder is shown.").format(count=missing_photos),
            )
        add_features(damages, rows)
        damages.setRenderer(_severity_renderer("severity", [v["severity"] for _g, v in rows]))
        streets = self._street_summary(rows)
        track = self._track_layer()
        return [self._cover(damages, streets, self._condition_layer(), track), self._pages(damages, track)]

    def _track_layer(self):
        """The survey drive's photo positions (``frames``) as light dots: the road the damages lie on."""
        try:
            layer = open_layer(self.gpkg, FRAME_TABLE)
        except StoreError:
            return None
        if layer.geometryType() != QgsWkbTypes.GeometryType.PointGeometry:
            return None
        layer.setName(tr("Survey drive"))
        from qgis.core import QgsSingleSymbolRenderer

        symbol = QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": "170,170,170", "outline_style": "no", "size": "0.9"}
        )
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
        self.project.addMapLayer(layer, False)
        return layer

    def _condition_layer(self):
        """The street condition lines (grades 1–5) of the damage panel, when they were computed."""
        from ..common.paths import resource_path

        for path in (self.gpkg, os.path.splitext(self.gpkg)[0] + "_zustand.gpkg"):
            if not os.path.isfile(path):
                continue
            for name in CONDITION_LAYERS:
                layer = QgsVectorLayer(f"{path}|layername={name}", tr("Street condition (grade 1–5)"), "ogr")
                if not layer.isValid() or layer.fields().indexOf("grade") < 0:
                    continue
                style = resource_path("styles", CONDITION_STYLE)
                if os.path.exists(style):
                    layer.loadNamedStyle(style)
                self.project.addMapLayer(layer, False)
                return layer
        return None

    def _street_summary(self, rows):
        summary = {}
        for _geometry, values in rows:
            entry = summary.setdefault(values["street"] or "-", [0, -1, ""])
            entry[0] += 1
            if values["severity_rank"] > entry[1]:
                entry[1], entry[2] = values["severity_rank"], values["severity"]
        layer = memory_layer(
            "None",
            tr("Streets"),
            [("street", QVariant.String), ("count", QVariant.Int), ("max_severity", QVariant.String)],
            self.project,
        )
        ordered = sorted(summary.items(), key=lambda item: (-item[1][1], -item[1][0], item[0]))
        add_features(layer, [(None, {"street": s, "count": c, "max_severity": m}) for s, (c, _r, m) in ordered])
        return layer

    def _cover(self, damages, streets, condition=None, track=None):
        layout = self.new_layout(tr("Damage report"))
        m, inner = self.MARGIN, self.WIDTH - 2 * self.MARGIN
        self.frame(layout, tr("Damage report"), tr("Page {page} of {pages}").format(page=1, pages=self.count + 1))
        add_label(layout, "title", tr("Road condition report"), m, m + 14, inner, 10, 18, True)
        add_label(
            layout,
            "subtitle",
            tr("{count} confirmed damages in {streets} streets").format(
                count=self.count, streets=streets.featureCount()
            ),
            m,
            m + 25,
            inner,
            6,
            10,
            False,
            MUTED,
        )
        main = add_map(layout, "map", m, m + 34, inner, 135)
        main.setCrs(QgsCoordinateReferenceSystem(CRS))
        layers = [damages] + [layer for layer in (condition, track) if layer is not None]
        main.setLayers(layers)
        main.setKeepLayerSet(True)
        extent = damages.extent()
        extent.grow(max(extent.width(), extent.height(), 100) * 0.15)
        zoom_to(main, extent)
        self.add_north_and_scale(layout, main, m, m + 34, inner)
        self.legend(layout, main, layers, m, m + 173, 55, 80, tr("Legend"))
        self.table(
            layout,
            "street_table",
            streets,
            [("street", tr("Street"), 62), ("count", tr("Damages"), 24), ("max_severity", tr("Max. severity"), 30)],
            m + 64,
            m + 173,
            inner - 64,
            82,
        )
        return layout

    def _pages(self, damages, track=None):
        layout = self.atlas_layout(
            tr("Damage report"), damages, "\"street\" || ' ' || lpad(to_string(\"damage_id\"), 6, '0')"
        )
        m, inner = self.MARGIN, self.WIDTH - 2 * self.MARGIN
        self.frame(layout, tr("Damage report"), self.atlas_page_text())
        add_label(layout, "title", '[% "class_name" %] – [% "street" %]', m, m + 14, inner, 10, 16, True)
        add_label(
            layout,
            "subtitle",
            tr("Damage no. {number}").format(number='[% "damage_id" %]'),
            m,
            m + 24,
            inner,
            6,
            10,
            False,
            MUTED,
        )
        self.picture(layout, "photo", m, m + 33, inner, 110, "photo_path")
        ring = damages.materialize(QgsFeatureRequest())
        ring.setName(tr("This damage"))
        ring_symbol = QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": "0,0,0,0", "outline_color": "166,25,46", "outline_width": "0.8", "size": "7"}
        )
        root = QgsRuleBasedRenderer.Rule(None)
        root.appendChild(
            QgsRuleBasedRenderer.Rule(ring_symbol, 0, 0, "\"damage_id\" = attribute(@atlas_feature, 'damage_id')")
        )
        ring.setRenderer(QgsRuleBasedRenderer(root))
        self.project.addMapLayer(ring, False)
        main = self.atlas_map(
            layout,
            "map",
            [ring, damages] + ([track] if track is not None else []),
            m,
            m + 148,
            inner * 0.5 - 3,
            80,
            fixed_scale=1000,
        )
        self.add_north_and_scale(layout, main, m, m + 148, inner * 0.5 - 3)
        x = m + inner * 0.5 + 3
        rows = [
            (tr("Damage class"), '[% "class_name" %]'),
            (tr("Severity"), '[% "severity" %]'),
            (tr("Street"), '[% "street" %]'),
            (tr("Reviewed by"), '[% "reviewer" %]'),
            (tr("Reviewed on"), '[% "reviewed_on" %]'),
            (tr("Position (UTM 32)"), '[% "position" %]'),
        ]
        self.field_rows(layout, rows, x, m + 150, inner * 0.5 - 3, label_width=32, row_height=9, size=9)
        return layout


def damage_class_label(code):
    """'Schlagloch' for 'D40' (names as the damage panel shows them); unknown codes unchanged."""
    names = dict(DAMAGE_CLASS_NAMES)
    try:
        from ..roaddamage.detector import RDD_NAMES

        names.update(RDD_NAMES)
    except ImportError:
        pass
    return names.get(code, code)


def severity_rank(value):
    """0 leicht, 1 mittel, 2 schwer; -1 for anything else."""
    text = text_value(value).strip().lower()
    return SEVERITY_ORDER.index(text) if text in SEVERITY_ORDER else -1


def _severity_renderer(field, values):
    from qgis.core import QgsCategorizedSymbolRenderer, QgsRendererCategory

    present = sorted(set(values), key=lambda v: (severity_rank(v) if severity_rank(v) >= 0 else 99, v))
    categories = []
    for value in present:
        color = SEVERITY_COLORS.get(value.lower(), "150,150,150")
        symbol = QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": color, "outline_color": "60,60,60", "size": "3.2"}
        )
        label = value or tr("not set")
        categories.append(QgsRendererCategory(value, symbol, label))
    return QgsCategorizedSymbolRenderer(field, categories)


class KeyPhotos:
    """Finds and crops a damage's key photo: detection (image, x1..y2) → frame image."""

    def __init__(self, gpkg):
        self.folder = os.path.dirname(os.path.abspath(gpkg))
        # Read-only, by URI (percent-encoded, so '?', '#' or '%' in folder names are safe).
        self.connection = sqlite3.connect(Path(gpkg).absolute().as_uri() + "?mode=ro", uri=True)
        self.detection_columns = self._columns(DETECTION_TABLE)
        self.frame_columns = self._columns(FRAME_TABLE)

    def _columns(self, table):
        try:
            return {row[1] for row in self.connection.execute(f'PRAGMA table_info("{table}")')}
        except sqlite3.Error:
            return set()

    def close(self):
        self.connection.close()

    def _detection(self, damage_id, detection_id):
        cols = self.detection_columns
        if not cols or not set(DETECTION_BOX) <= cols:
            return None
        f = DETECTION_FIELDS
        wanted = ["fid"] + [c for c in (f["image"], f["frame"]) if c in cols] + list(DETECTION_BOX)
        select = ", ".join(f'"{c}"' for c in wanted)
        row = None
        if detection_id not in (None, "") and not (hasattr(detection_id, "isNull") and detection_id.isNull()):
            row = self.connection.execute(
                f'SELECT {select} FROM "{DETECTION_TABLE}" WHERE fid = ?', (int(detection_id),)
            ).fetchone()
        if row is None and f["damage"] in cols:
            order = f'ORDER BY "{f["score"]}" DESC' if f["score"] in cols else ""
            row = self.connection.execute(
                f'SELECT {select} FROM "{DETECTION_TABLE}" WHERE "{f["damage"]}" = ? {order} LIMIT 1', (int(damage_id),)
            ).fetchone()
        return dict(zip(wanted, row)) if row else None

    def _image_path(self, detection):
        candidates = []
        frame_id = detection.get(DETECTION_FIELDS["frame"])
        columns = [FRAME_FIELDS[key] for key in ("path", "image") if FRAME_FIELDS[key] in self.frame_columns]
        if frame_id is not None and columns:
            select = ", ".join(f'"{c}"' for c in columns)
            row = self.connection.execute(f'SELECT {select} FROM "{FRAME_TABLE}" WHERE fid = ?', (frame_id,)).fetchone()
            candidates.extend(row or ())
        candidates.append(detection.get(DETECTION_FIELDS["image"]))
        for candidate in candidates:
            if not candidate:
                continue
            path = candidate if os.path.isabs(candidate) else os.path.join(self.folder, candidate)
            if os.path.isfile(path):
                return path
        return None

    def crop(self, damage_id, detection_id, target, padding=0.6, max_size=1000, aspect=186 / 110):
        """Write the padded crop of the key photo to ``target`` (PNG); False when there is none."""
        from PIL import Image, ImageOps

        try:
            detection = self._detection(damage_id, detection_id)
        except sqlite3.Error:
            return False
        if detection is None:
            return False
        path = self._image_path(detection)
        if path is None:
            return False
        try:
            with Image.open(path) as original:
                # Boxes are in pixels of the upright image (EXIF orientation applied).
                image = ImageOps.exif_transpose(original).convert("RGB")
                x1, y1, x2, y2 = (float(detection[k]) for k in DETECTION_BOX)
                if max(x1, y1, x2, y2) <= 1.0:  # normalised box
                    x1, x2, y1, y2 = x1 * image.width, x2 * image.width, y1 * image.height, y2 * image.height
                box = crop_box((x1, y1, x2, y2), image.width, image.height, padding, aspect)
                crop = image.crop(tuple(int(round(v)) for v in box))
                crop.thumbnail((max_size, max_size))
                sx, sy = crop.width / (box[2] - box[0]), crop.height / (box[3] - box[1])
                _draw_box(crop, [(x1 - box[0]) * sx, (y1 - box[1]) * sy, (x2 - box[0]) * sx, (y2 - box[1]) * sy])
                crop.save(target, quality=88) if target.lower().endswith(".jpg") else crop.save(target)
        except (OSError, ValueError, ZeroDivisionError):
            return False
        return True


def crop_box(box, width, height, padding=0.6, aspect=1.5):
    """The padded crop rectangle around ``box`` with the given aspect, kept inside the photo."""
    x1, y1, x2, y2 = box
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    bw, bh = max(x2 - x1, 1) * (1 + 2 * padding), max(y2 - y1, 1) * (1 + 2 * padding)
    if bw / bh < aspect:
        bw = bh * aspect
    else:
        bh = bw / aspect
    if bw > width:
        bw, bh = width, width / aspect
    if bh > height:
        bh, bw = height, min(width, height * aspect)
    left = min(max(0.0, cx - bw / 2), width - bw)
    top = min(max(0.0, cy - bh / 2), height - bh)
    return [left, top, left + bw, top + bh]


def _draw_box(image, box):
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    width = max(2, image.width // 200)
    draw.rectangle(box, outline=(166, 25, 46), width=width)


# --- Haltestellen-Steckbrief ---------------------------------------------------------------


def criterion_status(value):
    """'passed'|'failed'|'unknown' from the many ways a check result can be written."""
    text = str(value).strip().lower() if value is not None else ""
    if text in ("passed", "pass", "ok", "true", "1", "yes", "ja", "erfüllt", "bestanden"):
        return "passed"
    if text in ("failed", "fail", "false", "0", "no", "nein", "nicht erfüllt", "nicht bestanden"):
        return "failed"
    return "unknown"


def parse_criteria(value):
    """[(criterion, status)] from JSON {name: result}, JSON [{name, status}] or 'name: result; …'."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return []
    if isinstance(value, dict):
        data = value
    else:
        text = str(value).strip()
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            data = {}
            for part in text.replace("\n", ";").split(";"):
                name, sep, result = part.partition(":") if ":" in part else part.partition("=")
                if name.strip():
                    data[name.strip()] = result.strip() if sep else None
    if isinstance(data, dict):
        return [(str(name), criterion_status(result)) for name, result in data.items()]
    items = []
    for entry in data if isinstance(data, list) else []:
        if isinstance(entry, dict):
            name = entry.get("name") or entry.get("criterion") or entry.get("label") or ""
            result = entry.get("status", entry.get("result", entry.get("passed")))
            items.append((str(name), criterion_status(result)))
    return items


def status_labels():
    return {"passed": tr("passed"), "failed": tr("failed"), "unknown": tr("unknown")}


class StopReport(ReportJob):
    def build(self):
        f = STOP_FIELDS
        stops_source = open_layer(self.gpkg, STOP_LAYER, [f["id"], f["name"]])
        stop_features = list(stops_source.getFeatures(self.check_filter()))
        if not stop_features:
            raise InputError(tr("There are no stops to report in {path}.").format(path=self.gpkg))
        self.count = len(stop_features)
        fields = stops_source.fields()
        criteria_columns = {c: label for c, label in stop_criteria_columns().items() if fields.indexOf(c) >= 0}
        has = {key: fields.indexOf(name) >= 0 for key, name in f.items()}
        has_json = fields.indexOf(STOP_CRITERIA_JSON) >= 0
        catchments = self._copy_optional(CATCHMENT_LAYER, [CATCHMENT_FIELDS["stop"]], tr("Catchment areas"))
        gaps = self._copy_optional(GAP_LAYER, [GAP_FIELDS["text"]], tr("Coverage gaps"))
        atlas_fields = [
            ("stop_id", QVariant.String),
            ("stop_name", QVariant.String),
            ("grade", QVariant.String),
            ("summary", QVariant.String),
            ("missing", QVariant.String),
            ("missing_text", QVariant.String),
        ]
        stops = memory_layer("Point", tr("Stops"), atlas_fields[:2], self.project)
        coverage = memory_layer("Polygon", "coverage", atlas_fields, self.project)
        criteria = memory_layer(
            "None",
            "criteria",
            [
                ("stop_id", QVariant.String),
                ("criterion", QVariant.String),
                ("result", QVariant.String),
                ("status", QVariant.String),
            ],
            self.project,
        )
        gap_list = memory_layer(
            "None",
            "gap_list",
            [
                ("stop_id", QVariant.String),
                ("rank", QVariant.Int),
                ("text", QVariant.String),
                ("residents", QVariant.Int),
            ],
            self.project,
        )
        labels = status_labels()
        stop_rows, coverage_rows, criteria_rows, gap_rows = [], [], [], []
        for index, feature in enumerate(stop_features):
            raise_if_canceled(self.feedback)
            stop_id = text_value(feature[f["id"]])
            checks = [(label, criterion_status(feature[column])) for column, label in criteria_columns.items()]
            if has_json:
                checks += parse_criteria(feature[STOP_CRITERIA_JSON])
            counts = {key: sum(1 for _n, s in checks if s == key) for key in labels}
            values = {
                "stop_id": stop_id,
                "stop_name": text_value(feature[f["name"]]),
                "grade": text_value(feature[f["grade"]]) if has["grade"] else "",
                "summary": tr("{passed} passed, {failed} failed, {unknown} unknown").format(**counts),
                "missing": text_value(feature[f["missing"]]) if has["missing"] else "",
            }
            values["missing_text"] = tr("Missing: {text}").format(text=values["missing"]) if values["missing"] else ""
            stop_rows.append((feature.geometry(), {"stop_id": stop_id, "stop_name": values["stop_name"]}))
            for name, status in checks:
                criteria_rows.append(
                    (None, {"stop_id": stop_id, "criterion": name, "result": labels[status], "status": status})
                )
            gap_rows.extend(self._gaps_for(feature.geometry(), stop_id, gaps))
            coverage_rows.append((self._area_for(feature.geometry(), stop_id, catchments), values))
            self.progress(index + 1, len(stop_features))
        add_features(stops, stop_rows)
        add_features(coverage, coverage_rows)
        add_features(criteria, criteria_rows)
        add_features(gap_list, gap_rows)
        stops.setRenderer(
            _rule_highlight(
                "\"stop_id\" = attribute(@atlas_feature, 'stop_id')", "circle", "166,25,46", 4.2, "120,120,120", 2.6
            )
        )
        _style_result_colors(criteria, labels)
        return [self._pages(stops, coverage, criteria, gap_list, catchments, gaps)]

    def _copy_optional(self, layer_name, required, title):
        try:
            source = open_layer(self.gpkg, layer_name, required)
        except StoreError as error:
            warn(self.feedback, str(error))
            return None
        copy = source.materialize(QgsFeatureRequest())
        copy.setName(title)
        self.project.addMapLayer(copy, False)
        return copy

    def _area_for(self, point, stop_id, catchments):
        geometry = QgsGeometry(point).buffer(150, 8)
        if catchments is not None:
            key = QgsExpression.quotedValue(stop_id)
            request = QgsFeatureRequest(QgsExpression(f'"{CATCHMENT_FIELDS["stop"]}" = {key}'))
            for feature in catchments.getFeatures(request):
                if not feature.geometry().isEmpty():
                    geometry = geometry.combine(feature.geometry())
        return geometry

    def _gaps_for(self, point, stop_id, gaps):
        if gaps is None:
            return []
        g = GAP_FIELDS
        fields = gaps.fields()
        rows = []
        for feature in gaps.getFeatures():
            ref = text_value(feature[g["ref"]]) if fields.indexOf(g["ref"]) >= 0 else ""
            near = not feature.geometry().isEmpty() and feature.geometry().distance(point) <= GAP_DISTANCE
            if ref == stop_id or near:
                rows.append(
                    (
                        None,
                        {
                            "stop_id": stop_id,
                            "rank": feature[g["rank"]] if fields.indexOf(g["rank"]) >= 0 else None,
                            "text": text_value(feature[g["text"]]),
                            "residents": feature[g["residents"]] if fields.indexOf(g["residents"]) >= 0 else None,
                        },
                    )
                )
        rows.sort(key=lambda row: (row[1]["rank"] is None, row[1]["rank"] or 0))
        if len(rows) > GAPS_PER_PAGE:
            more = len(rows) - (GAPS_PER_PAGE - 1)
            text = tr("… and {count} more (see the layer “Coverage gaps”)").format(count=more)
            rows = rows[: GAPS_PER_PAGE - 1] + [
                (None, {"stop_id": stop_id, "rank": None, "text": text, "residents": None})
            ]
        return rows

    def _pages(self, stops, coverage, criteria, gap_list, catchments, gaps):
        layout = self.atlas_layout(tr("Stop profile"), coverage, '"stop_id"')
        layout.atlas().setHideCoverage(True)
        m, inner = self.MARGIN, self.WIDTH - 2 * self.MARGIN
        self.frame(layout, tr("Stop profile"), self.atlas_page_text())
        add_label(layout, "title", '[% "stop_name" %]', m, m + 14, inner * 0.75, 10, 16, True)
        add_label(
            layout,
            "subtitle",
            tr("Stop {id}").format(id='[% "stop_id" %]'),
            m,
            m + 24,
            inner * 0.75,
            6,
            10,
            False,
            MUTED,
        )
        add_label(
            layout,
            "grade_caption",
            tr("Grade"),
            m + inner - 30,
            m + 13,
            30,
            5,
            8,
            False,
            MUTED,
            Qt.AlignmentFlag.AlignRight,
        )
        add_label(
            layout,
            "grade",
            '[% "grade" %]',
            m + inner - 30,
            m + 17,
            30,
            12,
            24,
            True,
            ACCENT,
            Qt.AlignmentFlag.AlignRight,
        )
        current = "\"{}\" = attribute(@atlas_feature, 'stop_id')"
        if catchments is not None:
            catchments.setRenderer(_catchment_renderer(catchments, current.format(CATCHMENT_FIELDS["stop"])))
        if gaps is not None:
            gaps.setRenderer(_gap_renderer())
        layers = [stops] + [layer for layer in (gaps, catchments) if layer is not None]
        main = self.atlas_map(layout, "map", layers, m, m + 33, inner, 84, margin=0.08)
        self.add_north_and_scale(layout, main, m, m + 33, inner)
        titled = () if catchments is None else (catchments,)
        self.legend(layout, main, layers, m, m + 119, inner, 21, columns=3, hide_titles=(stops,) + titled)
        add_label(layout, "checks_title", tr("Checks"), m, m + 142, inner, 6, 11, True)
        add_label(
            layout,
            "checks_summary",
            '[% "summary" %]',
            m + 40,
            m + 143,
            inner - 40,
            5,
            8.5,
            False,
            MUTED,
            Qt.AlignmentFlag.AlignRight,
        )
        self.table(
            layout,
            "checks",
            criteria,
            [("criterion", tr("Criterion"), 120), ("result", tr("Result"), 60)],
            m,
            m + 148,
            inner,
            42,
            current.format("stop_id"),
            conditional=True,
        )
        add_label(
            layout,
            "missing",
            '[% "missing_text" %]',
            m,
            m + 191,
            inner,
            8,
            8.5,
            False,
            INK,
        )
        add_label(layout, "gaps_title", tr("Coverage gaps"), m, m + 200, inner, 6, 11, True)
        columns = [
            ("rank", tr("No."), 12),
            ("text", tr("Description"), 116),
            ("residents", tr("Residential buildings gained"), 58),
        ]
        self.table(layout, "gaps", gap_list, columns, m, m + 207, inner, 60, current.format("stop_id"))
        return layout


def _catchment_renderer(layer, current_stop):
    """Only the current stop's catchments, one colour per profile (walking, wheelchair …)."""
    palette = ["70,130,180", "46,160,90", "150,90,190", "230,140,30"]
    field = CATCHMENT_FIELDS["profile"]
    values = (
        sorted({text_value(v) for v in layer.uniqueValues(layer.fields().indexOf(field))})
        if layer.fields().indexOf(field) >= 0
        else []
    )
    root = QgsRuleBasedRenderer.Rule(None)
    parent = QgsRuleBasedRenderer.Rule(None, 0, 0, current_stop)
    root.appendChild(parent)
    if not values:
        symbol = QgsFillSymbol.createSimple(
            {"color": palette[0] + ",60", "outline_color": palette[0] + ",255", "outline_width": "0.4"}
        )
        parent.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, "", tr("Catchment areas")))
    for index, value in enumerate(values):
        color = palette[index % len(palette)]
        symbol = QgsFillSymbol.createSimple(
            {"color": color + ",45", "outline_color": color + ",255", "outline_width": "0.4"}
        )
        expression = f'"{field}" = {QgsExpression.quotedValue(value)}'
        label = tr("Catchment area: {profile}").format(profile=value)
        parent.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, expression, label))
    return QgsRuleBasedRenderer(root)


def _gap_renderer():
    from qgis.core import QgsSingleSymbolRenderer

    symbol = QgsMarkerSymbol.createSimple(
        {"name": "triangle", "color": "166,25,46", "outline_color": "255,255,255", "size": "3.6"}
    )
    return QgsSingleSymbolRenderer(symbol)


def _style_result_colors(layer, labels):
    colors = {"passed": QColor(214, 236, 214), "failed": QColor(246, 210, 210), "unknown": QColor(235, 235, 235)}
    styles = []
    for status, color in colors.items():
        style = QgsConditionalStyle(f"\"status\" = '{status}'")
        style.setBackgroundColor(color)
        styles.append(style)
    layer.conditionalStyles().setRowStyles(styles)


def _fill_renderer(fill, outline, dashed=False):
    from qgis.core import QgsSingleSymbolRenderer

    props = {"color": fill, "outline_color": outline, "outline_width": "0.4"}
    if dashed:
        props["outline_style"] = "dash"
    return QgsSingleSymbolRenderer(QgsFillSymbol.createSimple(props))


def _rule_highlight(expression, shape, color, size, other_color, other_size):
    root = QgsRuleBasedRenderer.Rule(None)
    current = QgsRuleBasedRenderer.Rule(
        QgsMarkerSymbol.createSimple(
            {"name": shape, "color": color, "size": str(size), "outline_color": "255,255,255"}
        ),
        0,
        0,
        expression,
        tr("This stop"),
    )
    other = QgsRuleBasedRenderer.Rule(
        QgsMarkerSymbol.createSimple({"name": shape, "color": other_color, "size": str(other_size)}),
        0,
        0,
        "ELSE",
        tr("Other stops"),
    )
    root.appendChild(current)
    root.appendChild(other)
    return QgsRuleBasedRenderer(root)


# --- Gebäude-Datenblatt --------------------------------------------------------------------


class BuildingReport(ReportJob):
    progress_share = 60.0  # the 3D views take most of the time

    def build(self):
        source = open_layer(self.gpkg, BUILDING_LAYER, [BUILDING_KEY])
        features = list(source.getFeatures(self.check_filter()))
        if not features:
            raise InputError(tr("There are no buildings to report in {path}.").format(path=self.gpkg))
        self.count = len(features)
        if self.count > 200:
            warn(
                self.feedback,
                tr("{count} buildings: the data sheet will be long; select buildings to print fewer.").format(
                    count=self.count
                ),
            )
        labels = building_attribute_labels()
        present = [name for name in labels if source.fields().indexOf(name) >= 0]
        buildings = memory_layer(
            "Polygon",
            tr("Buildings"),
            [("building_key", QVariant.String), ("address", QVariant.String), ("snapshot_path", QVariant.String)],
            self.project,
        )
        attributes = memory_layer(
            "None",
            "attributes",
            [("building_key", QVariant.String), ("name", QVariant.String), ("value", QVariant.String)],
            self.project,
        )
        snapshots = Snapshots(self.gpkg, self.work_dir, self.feedback)
        building_rows, attribute_rows = [], []
        try:
            self._collect(features, present, labels, snapshots, building_rows, attribute_rows)
        finally:
            snapshots.close()
        add_features(buildings, building_rows)
        add_features(attributes, attribute_rows)

        others = source.materialize(QgsFeatureRequest())
        others.setName(tr("Neighbouring buildings"))
        others.setRenderer(_fill_renderer("225,225,225,255", "150,150,150,255"))
        self.project.addMapLayer(others, False)
        buildings.setRenderer(_fill_renderer("230,200,160,255", "166,25,46,255"))
        return [self._pages(buildings, attributes, others, snapshots.note)]

    def _collect(self, features, present, labels, snapshots, building_rows, attribute_rows):
        for index, feature in enumerate(features):
            raise_if_canceled(self.feedback)
            key = text_value(feature[BUILDING_KEY])
            image = snapshots.render(key)
            address = text_value(feature["address"]) if "address" in present else ""
            building_rows.append(
                (feature.geometry(), {"building_key": key, "address": address or key, "snapshot_path": image})
            )
            for name in present:
                value = feature[name]
                text = text_value(value)
                if text:
                    attribute_rows.append((None, {"building_key": key, "name": labels[name], "value": text}))
            self.progress(index + 1, len(features))

    def _pages(self, buildings, attributes, others, note):
        layout = self.atlas_layout(tr("Building data sheet"), buildings, '"building_key"')
        layout.atlas().setHideCoverage(False)
        m, inner = self.MARGIN, self.WIDTH - 2 * self.MARGIN
        self.frame(layout, tr("Building data sheet"), self.atlas_page_text())
        add_label(layout, "title", '[% "address" %]', m, m + 14, inner, 10, 16, True)
        add_label(
            layout,
            "subtitle",
            tr("Building {id}").format(id='[% "building_key" %]'),
            m,
            m + 24,
            inner,
            6,
            10,
            False,
            MUTED,
        )
        half = inner * 0.5 - 3
        add_label(layout, "map_caption", tr("Footprint"), m, m + 33, half, 5, 9, True, MUTED)
        main = self.atlas_map(
            layout, "map", [buildings, others], m, m + 39, half, 95, margin=0.3, scales=(500, 1000, 2000, 5000)
        )
        self.add_north_and_scale(layout, main, m, m + 39, half)
        add_label(layout, "view_caption", tr("3D view"), m + half + 6, m + 33, half, 5, 9, True, MUTED)
        self.picture(layout, "snapshot", m + half + 6, m + 39, half, 95, "snapshot_path")
        if note:
            add_label(layout, "snapshot_note", note, m + half + 6, m + 135, half, 8, 7, False, MUTED)
        add_label(layout, "attributes_title", tr("Attributes"), m, m + 145, inner, 6, 11, True)
        self.table(
            layout,
            "attributes",
            attributes,
            [("name", tr("Attribute"), 70), ("value", tr("Value"), 110)],
            m,
            m + 152,
            inner,
            110,
            "\"building_key\" = attribute(@atlas_feature, 'building_key')",
        )
        return layout


class Snapshots:
    """3D snapshots of buildings from the store's ``surfaces`` layer, rendered off-screen with pyvista."""

    def __init__(self, gpkg, work_dir, feedback):
        from ..common.deps import is_available

        self.gpkg = gpkg
        self.work_dir = work_dir
        self.feedback = feedback
        self.note = ""
        self.surfaces = None
        self.plotter = None
        self.available = is_available("pyvista")
        if not self.available:
            self.note = tr("3D view not available: the Python package pyvista is not installed.")
            warn(feedback, self.note)
            return
        try:
            self.surfaces = open_layer(gpkg, SURFACE_LAYER, [SURFACE_FIELDS["building"]])
        except StoreError as error:
            self.note = tr("3D view not available: the store has no surfaces.")
            warn(feedback, str(error))

    def close(self):
        if self.plotter is not None:
            self.plotter.close()
            self.plotter = None

    def render(self, key):
        target = os.path.join(self.work_dir, f"building_{len(os.listdir(self.work_dir))}.png")
        if self.surfaces is None:
            return placeholder_image(target, self.note or tr("3D view not available"))
        try:
            rings = self._rings(key)
            if not rings:
                return placeholder_image(target, tr("No 3D surfaces for this building."))
            if self.plotter is None:
                self.plotter = new_plotter()
            render_snapshot(rings, target, plotter=self.plotter)
        except Exception as error:  # noqa: BLE001 - a failed 3D render must not stop the report
            warn(self.feedback, tr("3D view of {id} could not be rendered: {error}").format(id=key, error=error))
            return placeholder_image(target, tr("3D view not available"))
        return target

    def _rings(self, key):
        f = SURFACE_FIELDS
        request = QgsFeatureRequest(QgsExpression(f'"{f["building"]}" = {QgsExpression.quotedValue(key)}'))
        has_type = self.surfaces.fields().indexOf(f["type"]) >= 0
        rings = []
        for feature in self.surfaces.getFeatures(request):
            kind = text_value(feature[f["type"]]) if has_type else ""
            geometry = feature.geometry()
            for part in geometry.constParts():
                polygon = part.exteriorRing() if hasattr(part, "exteriorRing") else None
                if polygon is None:
                    continue
                points = [(p.x(), p.y(), p.z() if not math.isnan(p.z()) else 0.0) for p in polygon.vertices()]
                if len(points) > 3:
                    rings.append((kind, points[:-1]))
        return rings


SURFACE_COLORS = {"RoofSurface": (178, 58, 48), "WallSurface": (236, 230, 218), "GroundSurface": (120, 120, 120)}


def render_snapshot(rings, target, size=(900, 760), plotter=None):
    """Off-screen pyvista render of the rings [(surface type, [(x, y, z)])] to ``target`` (PNG).

    Pass a ``new_plotter()`` to reuse it for many buildings (opening a render window is the slow part).
    """
    import numpy as np
    import pyvista as pv

    points, faces, colors = [], [], []
    for kind, ring in rings:
        start = len(points)
        points.extend(ring)
        faces.append([len(ring)] + list(range(start, start + len(ring))))
        colors.append(SURFACE_COLORS.get(kind, (200, 200, 200)))
    coords = np.asarray(points, dtype=float)
    coords -= coords.mean(axis=0)
    mesh = pv.PolyData(coords, np.concatenate([np.asarray(face) for face in faces]))
    mesh.cell_data["rgb"] = np.asarray(colors, dtype=np.uint8)
    own = plotter is None
    plotter = plotter or new_plotter(size)
    try:
        plotter.clear()
        plotter.add_mesh(
            mesh,
            scalars="rgb",
            rgb=True,
            show_edges=True,
            edge_color="#555555",
            line_width=1,
            ambient=0.35,
            diffuse=0.75,
            render=False,
            reset_camera=False,
        )
        # Each render is slow in software GL: position the camera without rendering, render once.
        camera = plotter.renderer.GetActiveCamera()  # plain VTK calls: they do not render
        camera.SetFocalPoint(0.0, 0.0, 0.0)
        camera.SetPosition(1.0, -1.0, 0.8)
        camera.SetViewUp(0.0, 0.0, 1.0)
        plotter.renderer.ResetCamera()
        camera.Azimuth(20)
        camera.Zoom(1.15)
        plotter.renderer.ResetCameraClippingRange()
        plotter.camera_set = True
        plotter.screenshot(target)
    finally:
        if own:
            plotter.close()
    return target


def new_plotter(size=(900, 760)):
    import pyvista as pv

    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    plotter.set_background("white")
    return plotter
