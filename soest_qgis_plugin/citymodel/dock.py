"""3D-Stadtmodell dock: thin GUI layer on the city model core.

Load CityGML/CityJSON files or folders into a store (background task) or open a store; show the
footprints styled by function, height or roof type (plus QGIS 3D extrusion); search by address
and filter; select by map selection, drawn rectangle/polygon or a polygon layer with a buffer;
3D preview of the selection (pyvista); export the selection (the export engineer's
``export.export_selection``). The plugin's ``unload()`` calls ``cleanup()``.
"""

import os

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsGeometry,
    QgsGraduatedSymbolRenderer,
    QgsMapLayerProxyModel,
    QgsProject,
    QgsRendererCategory,
    QgsRendererRange,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import (
    QgsFileWidget,
    QgsMapLayerComboBox,
    QgsMapToolEmitPoint,
    QgsProjectionSelectionWidget,
    QgsRubberBand,
)
from qgis.PyQt.QtCore import QStringListModel, Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor, QImage, QPixmap
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
)

from ..common import settings
from ..common.dock import SoestDock
from ..common.errors import SoestError
from ..common.i18n import tr
from ..common.messages import show_error, show_success, show_warning
from ..common.tasks import CoreTask, start_task

STORE_CRS = "EPSG:25832"
LIST_LIMIT = 500

FUNCTION_GROUP_EXPRESSION = (
    "CASE "
    "WHEN function_code IN ('31001_2463','31001_2723','31001_1313','31001_2460','31001_2461','31001_2462',"
    "'31001_2464','31001_2465') THEN 'garage' "
    "WHEN left(function_code, 7) = '31001_1' OR function_code IN ('31001_2310','31001_2320','31001_3100') "
    "THEN 'residential' "
    "WHEN left(function_code, 7) = '31001_2' THEN 'commercial' "
    "WHEN left(function_code, 7) = '31001_3' THEN 'public' "
    "ELSE 'other' END"
)


def function_groups():
    """(value, legend label, colour) of the function styling."""
    return [
        ("residential", tr("Residential"), "#e8b04b"),
        ("commercial", tr("Commerce and industry"), "#9b6fc2"),
        ("public", tr("Public buildings"), "#d9544d"),
        ("garage", tr("Garages and sheds"), "#9e9e9e"),
        ("other", tr("Other"), "#6aa6c8"),
    ]


def height_classes():
    """(lower, upper, legend label, colour) of the height styling."""
    return [
        (0.0, 5.0, tr("up to 5 m"), "#fde0c5"),
        (5.0, 10.0, tr("5 to 10 m"), "#facba6"),
        (10.0, 15.0, tr("10 to 15 m"), "#f59e72"),
        (15.0, 25.0, tr("15 to 25 m"), "#e4694a"),
        (25.0, 1000.0, tr("over 25 m"), "#b13f3a"),
    ]


ROOF_COLOURS = {
    "Flachdach": "#bdbdbd",
    "Pultdach": "#f2c57c",
    "Versetztes Pultdach": "#e9a65a",
    "Satteldach": "#c8553d",
    "Walmdach": "#8c2f39",
    "Krüppelwalmdach": "#a4493d",
    "Mansardendach": "#6d597a",
    "Zeltdach": "#b56576",
    "Kegeldach": "#355070",
    "Kuppeldach": "#2a9d8f",
    "Sheddach": "#e9c46a",
    "Bogendach": "#7fb069",
    "Turmdach": "#264653",
    "Mischform": "#f4a261",
    "Sonstiges": "#8d99ae",
}


def _fill(colour):
    return QgsFillSymbol.createSimple({"color": colour, "outline_color": "#4d4d4d", "outline_width": "0.2"})


def make_renderer(style):
    """A renderer for the buildings layer: 'function', 'height' or 'roof' (German legend via tr)."""
    if style == "height":
        ranges = [QgsRendererRange(lo, hi, _fill(c), label) for lo, hi, label, c in height_classes()]
        return QgsGraduatedSymbolRenderer("measured_height", ranges)
    if style == "roof":
        from .codes import ROOF_TYPES

        categories = [
            QgsRendererCategory(label, _fill(ROOF_COLOURS.get(label, "#cccccc")), label)
            for label in ROOF_TYPES.values()
        ]
        categories.append(QgsRendererCategory(None, _fill("#eeeeee"), tr("unknown")))
        return QgsCategorizedSymbolRenderer("roof_type_label", categories)
    categories = [QgsRendererCategory(value, _fill(colour), label) for value, label, colour in function_groups()]
    return QgsCategorizedSymbolRenderer(FUNCTION_GROUP_EXPRESSION, categories)


def setup_3d(layer):
    """Extrude the footprints by measured_height from ground_z (absolute heights) in QGIS 3D views.
    Returns True when QGIS 3D is available and the renderer was set."""
    try:
        from qgis._3d import QgsPolygon3DSymbol, QgsVectorLayer3DRenderer
    except ImportError:
        return False
    from qgis.core import QgsProperty

    symbol = QgsPolygon3DSymbol()
    symbol.setExtrusionHeight(5.0)
    try:
        from qgis.core import Qgis

        symbol.setAltitudeClamping(Qgis.AltitudeClamping.Absolute)
    except (AttributeError, TypeError):
        from qgis._3d import Qgs3DTypes

        symbol.setAltitudeClamping(Qgs3DTypes.AltClampAbsolute)
    properties = symbol.dataDefinedProperties()
    properties.setProperty(symbol.PropertyExtrusionHeight, QgsProperty.fromField("measured_height"))
    properties.setProperty(symbol.PropertyHeight, QgsProperty.fromField("ground_z"))
    symbol.setDataDefinedProperties(properties)
    renderer = QgsVectorLayer3DRenderer(symbol)
    layer.setRenderer3D(renderer)
    return True


class PolygonTool(QgsMapToolEmitPoint):
    """Click points of a polygon (or drag nothing: two clicks make a rectangle); right click ends."""

    finished = pyqtSignal(object)  # QgsGeometry in the canvas CRS

    def __init__(self, canvas, rectangle=False):
        super().__init__(canvas)
        self.rectangle = rectangle
        self.points = []
        self.band = QgsRubberBand(canvas, QgsWkbTypes.GeometryType.PolygonGeometry)
        self.band.setColor(QColor(220, 60, 50, 90))
        self.band.setStrokeColor(QColor(220, 60, 50))
        self.band.setWidth(2)

    def canvasReleaseEvent(self, event):  # noqa: N802 - QGIS API
        point = self.toMapCoordinates(event.pos())
        if event.button() == Qt.MouseButton.RightButton:
            self._finish()
            return
        self.points.append(point)
        if self.rectangle and len(self.points) == 2:
            self._finish()
            return
        self._update()

    def canvasMoveEvent(self, event):  # noqa: N802
        if self.points:
            self._update(self.toMapCoordinates(event.pos()))

    def _polygon(self, extra=None):
        points = self.points + ([extra] if extra is not None else [])
        if self.rectangle and len(points) == 2:
            (a, b) = points
            from qgis.core import QgsRectangle

            return QgsGeometry.fromRect(QgsRectangle(a, b))
        if len(points) < 3:
            return None
        return QgsGeometry.fromPolygonXY([points])

    def _update(self, extra=None):
        geometry = self._polygon(extra)
        self.band.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
        if geometry is not None:
            self.band.setToGeometry(geometry, None)

    def _finish(self):
        geometry = self._polygon()
        self.points = []
        self.band.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
        if geometry is not None:
            self.finished.emit(geometry)

    def deactivate(self):
        self.band.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
        self.points = []
        super().deactivate()


class PreviewLabel(QLabel):
    clicked = pyqtSignal(float, float)

    def mouseReleaseEvent(self, event):  # noqa: N802 - Qt API
        pixmap = self.pixmap()
        if pixmap is not None and not pixmap.isNull():
            # the pixmap is centred in the label
            dx = (self.width() - pixmap.width()) / 2.0
            dy = (self.height() - pixmap.height()) / 2.0
            self.clicked.emit(event.pos().x() - dx, event.pos().y() - dy)
        super().mouseReleaseEvent(event)


def postgis_layer_uri(connector, schema):
    """A QGIS postgres-provider URI for the store's ``buildings`` table, built on QGIS's saved
    connection so credentials stay in QGIS's auth system (not in the project file)."""
    from qgis.core import QgsDataSourceUri, QgsProviderRegistry

    saved = QgsProviderRegistry.instance().providerMetadata("postgres").findConnection(connector.name)
    if saved is not None:
        uri = QgsDataSourceUri(saved.uri())
    else:
        params = connector.params
        uri = QgsDataSourceUri()
        uri.setConnection(
            str(params.get("host", "")),
            str(params.get("port", "5432")),
            str(params.get("dbname", "")),
            str(params.get("user", "")),
            str(params.get("password", "")),
        )
    uri.setDataSource(schema, "buildings", "geom", "", "fid")
    uri.setSrid("25832")
    uri.setWkbType(QgsWkbTypes.Type.MultiPolygon)
    return uri.uri(False)


class CityModelDock(SoestDock):
    OBJECT_NAME = "SoestCityModelDock"
    REPORT = "building"

    def report_input(self):
        return self.store_path if self.postgis is None else None

    def load_demo(self, demo_dir):
        """Screenshots and first steps: open the demo store and pick the buildings around the Markt."""
        from .store import CityModelStore

        store_path = os.path.join(demo_dir, "citymodel.gpkg")
        if self.open_store(store_path) is None:
            return
        x, y = 438056.0, 5713715.0  # Markt
        with CityModelStore(store_path) as store:
            ids = store.select_ids(extent=(x - 60, y - 60, x + 60, y + 60))
        self.set_selection(ids, zoom=True)
        self.show_preview()

    def report_filter(self):
        """The Gebäude-Datenblatt covers the selected buildings (all when none is selected)."""
        from ..printing.reports import selection_filter

        try:
            return selection_filter(self.layer)
        except RuntimeError:  # the layer was removed by the user
            return None

    def __init__(self, iface, parent=None):
        super().__init__(iface, tr("3D city model"), parent)
        self.store_path = None
        self.postgis = None  # (PgConnector, schema) when the store is in PostgreSQL
        self.layer = None
        self.selected_ids = []
        self.matches = []
        self.tool = None
        self.task = None
        self.preview_result = None
        self.add_intro(tr("Load the LoD2 city model (CityGML, CityJSON), find buildings and export them."))
        self._build_load()
        self._build_style()
        self._build_search()
        self._build_selection()
        self._build_preview()
        self._build_export()
        self.body.addStretch(1)
        for combo in self.findChildren(QComboBox):
            # long entries must not make the dock wider than the screen allows
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        self._set_store_enabled(False)

    # ------------------------------------------------------------------ widgets
    def _build_load(self):
        box = QGroupBox(tr("Load"), self)
        layout = QVBoxLayout(box)
        self.store_widget = QgsFileWidget(box)
        self.store_widget.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.store_widget.setFilter(tr("GeoPackage (*.gpkg)"))
        self.store_widget.setFilePath(settings.get("citymodel/store", "") or "")
        self.store_widget.setToolTip(tr("The GeoPackage the city model is kept in (created when missing)."))
        form = QFormLayout()
        self.store_kind = QComboBox(box)
        self.store_kind.setToolTip(tr("A GeoPackage file, or a saved PostgreSQL connection for many desks."))
        form.addRow(tr("Kept in"), self.store_kind)
        form.addRow(tr("Store"), self.store_widget)
        self.schema_edit = QLineEdit(settings.get("citymodel/schema", "stadtmodell") or "stadtmodell", box)
        form.addRow(tr("Schema"), self.schema_edit)
        self.schema_label = form.labelForField(self.schema_edit)
        self.store_label = form.labelForField(self.store_widget)
        layout.addLayout(form)
        self._fill_store_kinds()
        self.store_kind.currentIndexChanged.connect(self._store_kind_changed)
        self._store_kind_changed()
        row = QGridLayout()
        self.load_files_button = QPushButton(tr("Load files…"), box)
        self.load_folder_button = QPushButton(tr("Load folder…"), box)
        self.open_store_button = QPushButton(tr("Open store"), box)
        row.addWidget(self.load_files_button, 0, 0)
        row.addWidget(self.load_folder_button, 0, 1)
        row.addWidget(self.open_store_button, 1, 0, 1, 2)
        layout.addLayout(row)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar(box)
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(tr("Cancel"), box)
        self.cancel_button.setVisible(False)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        layout.addLayout(progress_row)
        self.status_label = QLabel(tr("No city model loaded."), box)
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.body.addWidget(box)
        self.load_files_button.clicked.connect(self.choose_files)
        self.load_folder_button.clicked.connect(self.choose_folder)
        self.open_store_button.clicked.connect(self.open_store_from_widget)
        self.cancel_button.clicked.connect(self.cancel_task)

    def _build_style(self):
        box = QGroupBox(tr("Map style"), self)
        layout = QHBoxLayout(box)
        self.style_combo = QComboBox(box)
        self.style_combo.addItem(tr("Building function"), "function")
        self.style_combo.addItem(tr("Height"), "height")
        self.style_combo.addItem(tr("Roof type"), "roof")
        layout.addWidget(QLabel(tr("Colour by"), box))
        layout.addWidget(self.style_combo, 1)
        self.body.addWidget(box)
        self.style_combo.currentIndexChanged.connect(self.apply_style)
        self.style_box = box

    def _build_search(self):
        box = QGroupBox(tr("Search and filter"), self)
        layout = QVBoxLayout(box)
        form = QFormLayout()
        self.address_edit = QLineEdit(box)
        self.address_edit.setPlaceholderText(tr("Street and house number"))
        self.completer = QCompleter([], self.address_edit)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.address_edit.setCompleter(self.completer)
        form.addRow(tr("Address"), self.address_edit)
        self.function_combo = QComboBox(box)
        form.addRow(tr("Function"), self.function_combo)
        self.roof_combo = QComboBox(box)
        form.addRow(tr("Roof type"), self.roof_combo)
        heights = QHBoxLayout()
        self.height_min = QDoubleSpinBox(box)
        self.height_max = QDoubleSpinBox(box)
        for spin in (self.height_min, self.height_max):
            spin.setRange(0.0, 500.0)
            spin.setDecimals(1)
            spin.setSuffix(" m")
        self.height_max.setValue(500.0)
        heights.addWidget(self.height_min)
        heights.addWidget(QLabel("–", box))
        heights.addWidget(self.height_max)
        form.addRow(tr("Height"), heights)
        self.source_combo = QComboBox(box)
        form.addRow(tr("Tile"), self.source_combo)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.search_button = QPushButton(tr("Search"), box)
        self.reset_button = QPushButton(tr("Reset filters"), box)
        row.addWidget(self.search_button)
        row.addWidget(self.reset_button)
        layout.addLayout(row)
        self.result_label = QLabel("", box)
        layout.addWidget(self.result_label)
        self.result_list = QListWidget(box)
        self.result_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.result_list.setMinimumHeight(140)
        layout.addWidget(self.result_list)
        self.use_results_button = QPushButton(tr("Select all results"), box)
        layout.addWidget(self.use_results_button)
        self.body.addWidget(box)
        self.search_button.clicked.connect(self.search)
        self.address_edit.returnPressed.connect(self.search)
        self.reset_button.clicked.connect(self.reset_filters)
        self.result_list.itemSelectionChanged.connect(self.list_selection_changed)
        self.result_list.itemDoubleClicked.connect(lambda _item: self.zoom_to_selection())
        self.use_results_button.clicked.connect(lambda: self.set_selection(self.matches, zoom=True))
        self.search_box = box

    def _build_selection(self):
        box = QGroupBox(tr("Selection"), self)
        layout = QVBoxLayout(box)
        row = QGridLayout()
        self.from_map_button = QPushButton(tr("From map selection"), box)
        self.rectangle_button = QPushButton(tr("Draw rectangle"), box)
        self.polygon_button = QPushButton(tr("Draw polygon"), box)
        row.addWidget(self.from_map_button, 0, 0, 1, 2)
        row.addWidget(self.rectangle_button, 1, 0)
        row.addWidget(self.polygon_button, 1, 1)
        layout.addLayout(row)
        form = QFormLayout()
        self.mask_combo = QgsMapLayerComboBox(box)
        self.mask_combo.setFilters(QgsMapLayerProxyModel.Filter.PolygonLayer)
        self.mask_combo.setAllowEmptyLayer(True)
        form.addRow(tr("Polygon layer"), self.mask_combo)
        self.buffer_spin = QSpinBox(box)
        self.buffer_spin.setRange(0, 5000)
        self.buffer_spin.setSuffix(" m")
        form.addRow(tr("Buffer"), self.buffer_spin)
        layout.addLayout(form)
        self.mask_only_selected = QCheckBox(tr("only selected features"), box)
        layout.addWidget(self.mask_only_selected)
        self.from_layer_button = QPushButton(tr("Select from polygon layer"), box)
        layout.addWidget(self.from_layer_button)
        self.surroundings_button = QPushButton(tr("Surroundings 50 m"), box)
        self.surroundings_button.setToolTip(tr("Add every building within 50 m of the selection."))
        layout.addWidget(self.surroundings_button)
        clear_row = QHBoxLayout()
        self.selection_label = QLabel(tr("No buildings selected."), box)
        self.selection_label.setWordWrap(True)
        self.clear_button = QPushButton(tr("Clear"), box)
        clear_row.addWidget(self.selection_label, 1)
        clear_row.addWidget(self.clear_button)
        layout.addLayout(clear_row)
        self.body.addWidget(box)
        self.from_map_button.clicked.connect(self.select_from_map)
        self.rectangle_button.clicked.connect(lambda: self.start_drawing(rectangle=True))
        self.polygon_button.clicked.connect(lambda: self.start_drawing(rectangle=False))
        self.from_layer_button.clicked.connect(self.select_from_layer)
        self.surroundings_button.clicked.connect(self.add_surroundings)
        self.clear_button.clicked.connect(lambda: self.set_selection([]))
        self.selection_box = box

    def _build_preview(self):
        box = QGroupBox(tr("3D preview"), self)
        layout = QVBoxLayout(box)
        self.preview_button = QPushButton(tr("Show selection in 3D"), box)
        layout.addWidget(self.preview_button)
        self.preview_label = PreviewLabel(box)
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_label.setMinimumHeight(200)
        # the rendered picture must never widen the dock: it is made as wide as the label is
        self.preview_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.preview_label.setText(tr("Roofs red, walls grey, ground dark. Click a building to see its id."))
        self.preview_label.setWordWrap(True)
        layout.addWidget(self.preview_label)
        self.preview_info = QLabel("", box)
        self.preview_info.setWordWrap(True)
        self.preview_info.setMinimumHeight(2 * self.preview_info.fontMetrics().lineSpacing() + 4)
        self.preview_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.preview_info)
        self.body.addWidget(box)
        self.preview_button.clicked.connect(self.show_preview)
        self.preview_label.clicked.connect(self.preview_clicked)
        self.preview_box = box

    def _build_export(self):
        box = QGroupBox(tr("Export"), self)
        layout = QVBoxLayout(box)
        form = QFormLayout()
        self.format_combo = QComboBox(box)
        for label, extension in (
            (tr("OBJ (architects, 3D programs)"), ".obj"),
            (tr("glTF binary (web, games)"), ".glb"),
            (tr("STL for 3D printing"), ".stl"),
            (tr("DXF 3D (CAD)"), ".dxf"),
            (tr("CityJSON 2.0"), ".city.json"),
            (tr("CityGML (original XML)"), ".gml"),
            (tr("GeoPackage footprints with heights"), ".gpkg"),
        ):
            self.format_combo.addItem(label, extension)
        form.addRow(tr("Format"), self.format_combo)
        self.local_origin_check = QCheckBox(tr("Shift to a local origin"), box)
        self.crs_widget = QgsProjectionSelectionWidget(box)
        self.crs_widget.setCrs(QgsCoordinateReferenceSystem(STORE_CRS))
        form.addRow(tr("Target CRS"), self.crs_widget)
        self.terrain_widget = QgsFileWidget(box)
        self.terrain_widget.setFilter(tr("GeoTIFF (*.tif *.tiff)"))
        form.addRow(tr("Terrain (DGM1)"), self.terrain_widget)
        self.scale_spin = QSpinBox(box)
        self.scale_spin.setRange(50, 100000)
        self.scale_spin.setValue(1000)
        self.scale_spin.setPrefix("1:")
        form.addRow(tr("Print scale"), self.scale_spin)
        self.base_spin = QDoubleSpinBox(box)
        self.base_spin.setRange(0.5, 50.0)
        self.base_spin.setValue(2.0)
        self.base_spin.setSuffix(" mm")
        form.addRow(tr("Base plate"), self.base_spin)
        layout.addLayout(form)
        layout.addWidget(self.local_origin_check)
        self.export_button = QPushButton(tr("Export…"), box)
        layout.addWidget(self.export_button)
        self.body.addWidget(box)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.export_button.clicked.connect(self.export)
        self.export_box = box
        self._format_changed()

    def _format_changed(self, *_args):
        printing = self.format_combo.currentData() == ".stl"
        self.scale_spin.setEnabled(printing)
        self.base_spin.setEnabled(printing)

    def _set_store_enabled(self, enabled):
        for box in (self.style_box, self.search_box, self.selection_box, self.preview_box, self.export_box):
            box.setEnabled(enabled)

    # ------------------------------------------------------------------ store kind
    def _fill_store_kinds(self):
        from ..common import postgres

        self.store_kind.clear()
        self.store_kind.addItem(tr("GeoPackage file"), None)
        try:
            names = postgres.saved_connection_names()
        except SoestError:
            names = []
        for name in names:
            self.store_kind.addItem(tr("PostgreSQL: {name}").format(name=name), name)

    def _store_kind_changed(self, *_args):
        postgis = self.store_kind.currentData() is not None
        for widget in (self.schema_edit, self.schema_label):
            widget.setVisible(postgis)
        for widget in (self.store_widget, self.store_label):
            widget.setVisible(not postgis)

    def _postgis_choice(self):
        """(PgConnector, schema) when a PostgreSQL connection is chosen, else None."""
        name = self.store_kind.currentData()
        if name is None:
            return None
        from ..common.postgres import PgConnector, check_schema_name

        schema = check_schema_name(self.schema_edit.text().strip() or "stadtmodell")
        settings.set_value("citymodel/schema", schema)
        return PgConnector.from_saved(name), schema

    # ------------------------------------------------------------------ load
    def _store_target(self):
        path = self.store_widget.filePath().strip()
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, tr("City model store"), "", tr("GeoPackage (*.gpkg)"))
            if not path:
                return None
        if not path.lower().endswith(".gpkg"):
            path += ".gpkg"
        self.store_widget.setFilePath(path)
        return path

    def choose_files(self):
        paths, _ = QFileDialog.getOpenFileNames(
            self, tr("City model files"), "", tr("City models (*.gml *.xml *.json *.jsonl);;All files (*.*)")
        )
        if paths:
            self.load(paths)

    def choose_folder(self):
        folder = QFileDialog.getExistingDirectory(self, tr("Folder with city model tiles"))
        if folder:
            self.load([folder])

    def load(self, paths, store_path=None):
        """Import ``paths`` into the store in a background task; opens the store when done."""
        if store_path is None:
            try:
                postgis = self._postgis_choice()
            except SoestError as error:
                show_error(self.iface, error)
                return None
            if postgis is not None:
                return self._load_postgis(paths, *postgis)
        store_path = store_path or self._store_target()
        if not store_path:
            return None
        from .store import import_files

        self._release_store_layers(store_path)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.status_label.setText(tr("Importing {count} file(s) or folder(s)…").format(count=len(paths)))
        task = CoreTask(
            tr("Import city model"),
            lambda feedback: import_files(paths, store_path, feedback=feedback),
            on_done=lambda summary: self._import_done(summary, store_path),
            on_error=self._task_failed,
        )
        task.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
        self.task = task
        start_task(task)
        return task

    def _load_postgis(self, paths, connector, schema):
        from .store_postgis import import_files_postgis

        self._start_progress(tr("Importing {count} file(s) or folder(s)…").format(count=len(paths)))
        task = CoreTask(
            tr("Import city model"),
            lambda feedback: import_files_postgis(paths, connector, schema, feedback=feedback),
            on_done=lambda summary: self._import_done(summary, None, (connector, schema)),
            on_error=self._task_failed,
        )
        task.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
        self.task = task
        start_task(task)
        return task

    def _start_progress(self, text):
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.status_label.setText(text)

    def cancel_task(self):
        if self.task is not None:
            self.task.cancel()

    def _task_finished(self):
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.task = None

    def _task_failed(self, error):
        self._task_finished()
        self.status_label.setText(str(error))
        show_error(self.iface, error)
        if self.store_path:
            self.open_store(self.store_path)

    def _import_done(self, summary, store_path, postgis=None):
        self._task_finished()
        from qgis.core import Qgis, QgsMessageLog

        from .store import describe_problems

        for line in describe_problems(summary, limit=500):
            QgsMessageLog.logMessage(line, "Soest", Qgis.MessageLevel.Warning)
        if postgis is not None:
            self.open_postgis(*postgis)
        else:
            self.open_store(store_path)
        text = summary.text()
        if summary.problems:
            show_warning(self.iface, text + " " + tr("Details in the log messages (Soest)."))
        else:
            show_success(self.iface, text)

    def open_store_from_widget(self):
        try:
            postgis = self._postgis_choice()
        except SoestError as error:
            show_error(self.iface, error)
            return
        if postgis is not None:
            self.open_postgis(*postgis)
            return
        path = self.store_widget.filePath().strip()
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, tr("City model store"), "", tr("GeoPackage (*.gpkg)"))
        if path:
            self.open_store(path)

    def _release_store_layers(self, store_path):
        """Remove our layers of ``store_path`` from the project so the import can replace the file."""
        project = QgsProject.instance()
        for layer in list(project.mapLayers().values()):
            if layer.customProperty("soest/citymodel_store") in (store_path, os.path.abspath(store_path)):
                project.removeMapLayer(layer.id())
        self.layer = None

    def open_store(self, path):
        """Show the GeoPackage store's buildings on the map and fill the filters."""
        from .store import CityModelStore

        try:
            with CityModelStore(path) as store:
                stats = self._store_stats(store)
        except SoestError as error:
            show_error(self.iface, error)
            return None
        self.postgis = None
        self.store_path = os.path.abspath(path)
        settings.set_value("citymodel/store", self.store_path)
        self.store_widget.setFilePath(self.store_path)
        self._release_store_layers(self.store_path)
        layer = QgsVectorLayer(f"{self.store_path}|layername=buildings", tr("Buildings (3D city model)"), "ogr")
        return self._show_store(layer, stats, os.path.basename(path))

    def open_postgis(self, connector, schema):
        """Show a city model kept in PostgreSQL/PostGIS (one of QGIS's saved connections)."""
        from .store_postgis import PostgisCityModelStore

        try:
            with PostgisCityModelStore(connector, schema) as store:
                stats = self._store_stats(store)
                self.store_path = store.path
        except SoestError as error:
            show_error(self.iface, error)
            return None
        self.postgis = (connector, schema)
        self._release_store_layers(self.store_path)
        layer = QgsVectorLayer(postgis_layer_uri(connector, schema), tr("Buildings (3D city model)"), "postgres")
        return self._show_store(layer, stats, f"{connector.name} / {schema}")

    @staticmethod
    def _store_stats(store):
        return {
            "count": store.count(),
            "functions": store.distinct_values("function_label"),
            "roofs": store.distinct_values("roof_type_label"),
            "tiles": store.distinct_values("tile"),
            "addresses": store.addresses(),
            "heights": store.height_range(),
        }

    def _show_store(self, layer, stats, name):
        if not layer.isValid():
            show_error(self.iface, SoestError(tr("The store cannot be shown: {path}").format(path=name)))
            return None
        layer.setCustomProperty("soest/citymodel_store", self.store_path)
        layer.setRenderer(make_renderer(self.style_combo.currentData()))
        setup_3d(layer)
        QgsProject.instance().addMapLayer(layer)
        self.layer = layer
        self._fill_combo(self.function_combo, stats["functions"])
        self._fill_combo(self.roof_combo, stats["roofs"])
        self._fill_combo(self.source_combo, stats["tiles"])
        self.completer.setModel(QStringListModel(stats["addresses"], self.completer))
        self.height_min.setValue(0.0)
        self.height_max.setValue(max(500.0, float(stats["heights"][1] or 0)))
        count = stats["count"]
        self.status_label.setText(tr("{count} buildings in {path}").format(count=count, path=name))
        self._set_store_enabled(True)
        self.set_selection([])
        canvas = self.iface.mapCanvas()
        if canvas is not None and count:
            canvas.setExtent(self._to_canvas(layer.extent(), layer))
            canvas.refresh()
        return layer

    @staticmethod
    def _fill_combo(combo, values):
        combo.clear()
        combo.addItem(tr("All"), None)
        for value in values:
            combo.addItem(str(value), value)

    def apply_style(self, *_args):
        if self.layer is not None:
            self.layer.setRenderer(make_renderer(self.style_combo.currentData()))
            self.layer.triggerRepaint()

    # ------------------------------------------------------------------ search
    def _store(self):
        from .store import CityModelStore

        if not self.store_path:
            raise SoestError(tr("Load or open a city model first."))
        if self.postgis is not None:
            from .store_postgis import PostgisCityModelStore

            return PostgisCityModelStore(*self.postgis)
        return CityModelStore(self.store_path)

    def search(self):
        try:
            with self._store() as store:
                high = self.height_max.value()
                ids = store.filter_ids(
                    address=self.address_edit.text().strip(),
                    function_label=self.function_combo.currentData(),
                    roof_type_label=self.roof_combo.currentData(),
                    height_min=self.height_min.value() or None,
                    height_max=None if high >= self.height_max.maximum() else high,
                    tile=self.source_combo.currentData(),
                )
                rows = store.buildings_table(
                    ids[:LIST_LIMIT], ["gml_id", "address", "function_label", "measured_height"]
                )
        except SoestError as error:
            show_error(self.iface, error)
            return []
        self.matches = ids
        self.result_list.clear()
        for row in rows:
            text = "{address} · {function} · {height:.1f} m".format(
                address=row["address"] or row["gml_id"],
                function=row["function_label"] or tr("unknown function"),
                height=row["measured_height"] or 0.0,
            )
            item = QListWidgetItem(text, self.result_list)
            item.setData(Qt.ItemDataRole.UserRole, row["gml_id"])
            item.setToolTip(row["gml_id"])
        if len(ids) > LIST_LIMIT:
            self.result_label.setText(
                tr("{count} buildings found (first {shown} listed)").format(count=len(ids), shown=LIST_LIMIT)
            )
        else:
            self.result_label.setText(tr("{count} buildings found").format(count=len(ids)))
        return ids

    def reset_filters(self):
        self.address_edit.clear()
        for combo in (self.function_combo, self.roof_combo, self.source_combo):
            combo.setCurrentIndex(0)
        self.height_min.setValue(0.0)
        self.height_max.setValue(self.height_max.maximum())
        self.result_list.clear()
        self.result_label.clear()
        self.matches = []

    def list_selection_changed(self):
        ids = [item.data(Qt.ItemDataRole.UserRole) for item in self.result_list.selectedItems()]
        if ids:
            self.set_selection(ids, zoom=True)

    # ------------------------------------------------------------------ selection
    def set_selection(self, gml_ids, zoom=False):
        """Select buildings by gml_id on the map (and for preview/export)."""
        self.selected_ids = list(dict.fromkeys(gml_ids))
        if self.layer is not None and self.store_path:
            with self._store() as store:
                fids = list(store.fids(self.selected_ids).values())
            self.layer.selectByIds(fids)
            if zoom and fids:
                self.zoom_to_selection()
        count = len(self.selected_ids)
        self.selection_label.setText(
            tr("{count} buildings selected").format(count=count) if count else tr("No buildings selected.")
        )

    def zoom_to_selection(self):
        if self.layer is None or not self.layer.selectedFeatureCount():
            return
        extent = self.layer.boundingBoxOfSelected()
        extent.grow(max(15.0, 0.2 * max(extent.width(), extent.height())))
        canvas = self.iface.mapCanvas()
        canvas.setExtent(self._to_canvas(extent, self.layer))
        canvas.refresh()

    def _to_canvas(self, rectangle, layer):
        canvas = self.iface.mapCanvas()
        target = canvas.mapSettings().destinationCrs()
        if not target.isValid() or target == layer.crs():
            return rectangle
        return QgsCoordinateTransform(layer.crs(), target, QgsProject.instance()).transformBoundingBox(rectangle)

    def select_from_map(self):
        if self.layer is None:
            return
        ids = [
            feature["gml_id"]
            for feature in self.layer.getSelectedFeatures(
                QgsFeatureRequest().setNoAttributes().setSubsetOfAttributes(["gml_id"], self.layer.fields())
            )
        ]
        if not ids:
            show_warning(self.iface, tr("Select buildings on the map first (layer 'Buildings (3D city model)')."))
        self.set_selection(ids)

    def select_by_geometry(self, geometry, crs, buffer=None):
        """Select the buildings meeting ``geometry`` (in ``crs``) grown by ``buffer`` metres."""
        geometry = QgsGeometry(geometry)
        store_crs = QgsCoordinateReferenceSystem(STORE_CRS)
        if crs is not None and crs.isValid() and crs != store_crs:
            geometry.transform(QgsCoordinateTransform(crs, store_crs, QgsProject.instance()))
        buffer = self.buffer_spin.value() if buffer is None else buffer
        with self._store() as store:
            ids = store.select_ids(mask_wkt=geometry.asWkt(), buffer=float(buffer))
        self.set_selection(ids, zoom=False)
        return ids

    def start_drawing(self, rectangle=False):
        canvas = self.iface.mapCanvas()
        self._drop_tool()
        self.tool = PolygonTool(canvas, rectangle=rectangle)
        self.tool.finished.connect(self._drawn)
        canvas.setMapTool(self.tool)

    def _drawn(self, geometry):
        crs = self.iface.mapCanvas().mapSettings().destinationCrs()
        self.select_by_geometry(geometry, crs)
        self._drop_tool()

    def _drop_tool(self):
        if self.tool is not None:
            canvas = self.iface.mapCanvas()
            if canvas.mapTool() is self.tool:
                canvas.unsetMapTool(self.tool)
            self.tool.band.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
            self.tool.deleteLater()
            self.tool = None

    def select_from_layer(self):
        layer = self.mask_combo.currentLayer()
        if layer is None:
            show_warning(self.iface, tr("Choose a polygon layer first."))
            return []
        features = layer.getSelectedFeatures() if self.mask_only_selected.isChecked() else layer.getFeatures()
        geometries = [f.geometry() for f in features if f.hasGeometry()]
        if not geometries:
            show_warning(self.iface, tr("The polygon layer has no (selected) polygons."))
            return []
        return self.select_by_geometry(QgsGeometry.unaryUnion(geometries), layer.crs())

    def add_surroundings(self, _checked=False, distance=50.0):
        """Grow the current selection by every building within ``distance`` metres."""
        if not self.selected_ids:
            show_warning(self.iface, tr("Select buildings first."))
            return []
        from shapely.ops import unary_union

        with self._store() as store:
            shapes = [store.footprint(gml_id) for gml_id in self.selected_ids]
            mask = unary_union([s for s in shapes if s is not None])
            ids = store.select_ids(mask_wkt=mask.wkt, buffer=float(distance))
        self.set_selection(self.selected_ids + ids)
        return self.selected_ids

    # ------------------------------------------------------------------ preview
    def show_preview(self):
        if not self.selected_ids:
            show_warning(self.iface, tr("Select buildings first."))
            return None
        try:
            from . import preview
        except ImportError as error:
            show_error(self.iface, SoestError(str(error)))
            return None
        from ..common import deps

        if not deps.is_available("pyvista"):
            show_warning(self.iface, deps.missing_message(deps.missing_dependencies(["pyvista"])))
            return None
        ids = self.selected_ids[: preview.MAX_BUILDINGS]
        with self._store() as store:
            buildings = list(store.iter_buildings(ids))
        width = max(200, self.preview_label.width() - 4)
        result = preview.render(buildings, size=(width, int(width * 0.66)))
        image = QImage(
            result.image.data,
            result.image.shape[1],
            result.image.shape[0],
            3 * result.image.shape[1],
            QImage.Format.Format_RGB888,
        ).copy()
        self.preview_label.setPixmap(QPixmap.fromImage(image))
        self.preview_result = result
        if len(self.selected_ids) > len(ids):
            self.preview_info.setText(
                tr("Showing the first {shown} of {count} buildings.").format(
                    shown=len(ids), count=len(self.selected_ids)
                )
            )
        else:
            self.preview_info.setText(tr("{count} buildings. Click a building to see its id.").format(count=len(ids)))
        return result

    def preview_clicked(self, x, y):
        if self.preview_result is None:
            return None
        gml_id = self.preview_result.building_at(x, y)
        if gml_id is None:
            return None
        with self._store() as store:
            rows = store.buildings_table([gml_id], ["gml_id", "address", "function_label", "measured_height"])
        if rows:
            row = rows[0]
            self.preview_info.setText(
                tr("{gml_id}: {address}, {function}, {height:.1f} m").format(
                    gml_id=gml_id,
                    address=row["address"] or tr("no address"),
                    function=row["function_label"] or tr("unknown function"),
                    height=row["measured_height"] or 0.0,
                )
            )
        return gml_id

    # ------------------------------------------------------------------ export
    def export_options(self):
        crs = self.crs_widget.crs()
        options = {
            "local_origin": self.local_origin_check.isChecked(),
            "target_crs": crs.authid() if crs.isValid() and crs.authid() != STORE_CRS else None,
            "terrain": self.terrain_widget.filePath() or None,
        }
        if self.format_combo.currentData() == ".stl":
            options["print_scale"] = float(self.scale_spin.value())
            options["base_thickness_mm"] = float(self.base_spin.value())
        return options

    def export(self, _checked=False, out_path=None):
        if not self.selected_ids:
            show_warning(self.iface, tr("Select buildings first."))
            return None
        try:
            from .export import export_selection
        except ImportError:
            show_warning(self.iface, tr("The export is not available in this version."))
            return None
        extension = self.format_combo.currentData()
        if out_path is None:
            out_path, _ = QFileDialog.getSaveFileName(
                self, tr("Export"), "", f"{self.format_combo.currentText()} (*{extension})"
            )
            if not out_path:
                return None
        if not out_path.lower().endswith(extension):
            out_path += extension
        ids, store_path, options = list(self.selected_ids), self.store_path, self.export_options()
        if self.postgis is not None:
            from .store_postgis import export_from_postgis

            connector, schema = self.postgis

            def export_selection(_path, gml_ids, target, export_options, feedback):  # noqa: F811 - PostGIS store
                return export_from_postgis(connector, gml_ids, target, schema, export_options, feedback)

        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        task = CoreTask(
            tr("Export city model"),
            lambda feedback: export_selection(store_path, ids, out_path, options, feedback),
            on_done=lambda summary: self._export_done(out_path, len(ids), summary),
            on_error=self._task_failed,
        )
        task.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
        self.task = task
        start_task(task)
        return task

    def _export_done(self, out_path, count, summary=None):
        self._task_finished()
        done = tr("{count} buildings exported to {path}").format(count=count, path=out_path)
        warnings = list((summary or {}).get("warnings") or [])
        if not warnings:
            show_success(self.iface, done)
            return
        # A warning (walls too thin to print, renamed ids) must be seen before the file is handed on:
        # the first one in the message bar, all of them in the log (the task put them there).
        several = len(warnings) > 1
        how_many = tr("with {count} warnings:").format(count=len(warnings)) if several else tr("with a warning:")
        details = tr("Details in the log messages (Soest).") if several else ""
        show_warning(self.iface, " ".join((done + ",", how_many, warnings[0], details)).strip(), duration=0)

    # ------------------------------------------------------------------ life cycle
    def cleanup(self):
        self._drop_tool()
        self.cancel_task()
