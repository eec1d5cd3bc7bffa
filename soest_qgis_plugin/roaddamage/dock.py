"""Straßenschäden dock: thin GUI layer on the road damage core.

Detect (photo folder + optional GPX/model -> damage store, as a background task), review the
queue (table, filters, photo viewer, actions with rebindable shortcuts, undo, progress), street
condition and exports. All logic lives in the core modules; this file only wires widgets.

The plugin's ``unload()`` must call ``dock.cleanup()`` (unregisters the review shortcuts); as a
safety net the shortcuts are also unregistered when the dock is destroyed.
"""

import collections
import contextlib
import os

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsMapLayerProxyModel,
    QgsPointXY,
    QgsProject,
)
from qgis.gui import QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import QAbstractTableModel, QModelIndex, QRectF, QSize, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor, QIcon, QImageReader, QKeySequence, QPainter, QPen, QPixmap
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QAction,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSlider,
    QTableView,
    QVBoxLayout,
)

from ..common import settings
from ..common.dock import SoestDock
from ..common.errors import SoestError
from ..common.i18n import tr
from ..common.messages import show_error, show_success, show_warning
from ..common.tasks import CoreTask, start_task
from .geometry import Camera
from .store import SEVERITIES

CLASS_CODES = ("D00", "D10", "D20", "D40")


def status_label(status):
    return {
        "unreviewed": tr("unreviewed"),
        "confirmed": tr("confirmed"),
        "rejected": tr("rejected"),
        "duplicate": tr("duplicate"),
    }.get(status, status or "")


def severity_label(value):
    return {"leicht": tr("minor"), "mittel": tr("moderate"), "schwer": tr("severe")}.get(value, value or "")


def class_name_only(code):
    from .pipeline import class_labels

    return class_labels().get(code) or (code or "")


def class_label(code):
    from .pipeline import class_labels

    name = class_labels().get(code)
    return f"{code} {name}" if name else (code or "")


# Queue table ----------------------------------------------------------------------------------
class QueueModel(QAbstractTableModel):
    """Rows of the queue's ids; row data fetched lazily in chunks (fast with 10,000 damages)."""

    COLUMNS = ("fid", "class_name", "confidence", "street", "drive_id", "status")
    SORT_KEYS = {1: "class_name", 2: "confidence", 3: "street", 4: "drive_id"}
    CHUNK = 200

    def __init__(self, parent=None):
        super().__init__(parent)
        self.queue = None
        self._cache = {}

    def headers(self):
        return [tr("No."), tr("Class"), tr("Conf."), tr("Street"), tr("Drive"), tr("Status")]

    def set_queue(self, queue):
        self.beginResetModel()
        self.queue = queue
        self._cache = {}
        self.endResetModel()

    def refresh(self):
        self.set_queue(self.queue)

    def invalidate(self, damage_id):
        self._cache.pop(damage_id, None)

    def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt signature
        return 0 if parent.isValid() or self.queue is None else len(self.queue.ids)

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def _row(self, row):
        damage_id = self.queue.ids[row]
        if damage_id not in self._cache:
            start = (row // self.CHUNK) * self.CHUNK
            for r in self.queue.store.damage_rows(self.queue.ids[start : start + self.CHUNK]):
                self._cache[r["fid"]] = r
        return self._cache.get(damage_id)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.queue is None or index.row() >= len(self.queue.ids):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in ("fid", "confidence", "drive_id"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        value = row[column]
        if column == "confidence":
            return f"{value:.2f}"
        if column == "class_name":
            # the table shows the short German name, the tooltip the code too ("D40 Schlagloch")
            return class_label(value) if role == Qt.ItemDataRole.ToolTipRole else class_name_only(value)
        if column == "status":
            return status_label(value)
        return "" if value is None else str(value)


# Photo viewer ---------------------------------------------------------------------------------
def load_photo(path):
    """QPixmap of a photo, upright (EXIF orientation applied, as the boxes are). The last few
    photos are cached: consecutive damages often share photos, and the next one is prefetched."""
    pixmap = _PHOTO_CACHE.get(path)
    if pixmap is not None:
        _PHOTO_CACHE.move_to_end(path)
        return pixmap
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    image = reader.read()
    pixmap = QPixmap.fromImage(image) if not image.isNull() else QPixmap()
    if not pixmap.isNull():
        _PHOTO_CACHE[path] = pixmap
        while len(_PHOTO_CACHE) > 8:
            _PHOTO_CACHE.popitem(last=False)
    return pixmap


_PHOTO_CACHE = collections.OrderedDict()


def load_thumbnail(obs, size=None):
    """Icon of the crop around an observation's box, decoded at a reduced JPEG scale (fast)."""
    from .exports import crop_box

    size = size or QSize(96, 72)
    reader = QImageReader(obs["path"])
    reader.setAutoTransform(True)
    raw = reader.size()
    factor = 1
    if raw.isValid():
        box_w = max(obs["x2"] - obs["x1"], 1.0)
        # decode at 1/2, 1/4 or 1/8 while the box's crop stays at least the thumbnail's size
        while factor < 8 and box_w / (factor * 2) >= size.width() / 2:
            factor *= 2
        if factor > 1:
            reader.setScaledSize(QSize(max(1, raw.width() // factor), max(1, raw.height() // factor)))
    image = reader.read()
    if image.isNull():
        return None
    box = tuple(v / factor for v in (obs["x1"], obs["y1"], obs["x2"], obs["y2"]))
    left, top, right, bottom = crop_box(box, image.width(), image.height())
    crop = image.copy(left, top, right - left, bottom - top)
    return QIcon(QPixmap.fromImage(crop).scaled(size, Qt.AspectRatioMode.KeepAspectRatio))


class PhotoView(QGraphicsView):
    """Zoom (wheel) and pan (drag) a photo; the damage's box highlighted, the others faint."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setMinimumHeight(220)
        self.setBackgroundBrush(QBrush(QColor(40, 40, 40)))
        self.pixmap_item = None
        self.highlight = None
        self.path = None

    def show_photo(self, path, box=None, others=()):
        scene = self.scene()
        scene.clear()
        self.highlight = None
        self.path = path
        pixmap = load_photo(path) if path and os.path.exists(path) else QPixmap()
        if pixmap.isNull():
            self.pixmap_item = None
            scene.addText(tr("Photo not available: {path}").format(path=path or "")).setDefaultTextColor(
                QColor(230, 230, 230)
            )
            return
        self.pixmap_item = QGraphicsPixmapItem(pixmap)
        scene.addItem(self.pixmap_item)
        scene.setSceneRect(QRectF(pixmap.rect()))
        faint = QPen(QColor(255, 255, 0, 140), 0, Qt.PenStyle.DashLine)
        faint.setCosmetic(True)
        for x1, y1, x2, y2 in others:
            item = QGraphicsRectItem(QRectF(x1, y1, x2 - x1, y2 - y1))
            item.setPen(faint)
            scene.addItem(item)
        if box is not None:
            x1, y1, x2, y2 = box
            pen = QPen(QColor(255, 30, 30), 3)
            pen.setCosmetic(True)
            self.highlight = QGraphicsRectItem(QRectF(x1, y1, x2 - x1, y2 - y1))
            self.highlight.setPen(pen)
            scene.addItem(self.highlight)
        self.fit()

    def fit(self):
        if self.pixmap_item is not None:
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def zoom_to_box(self):
        if self.highlight is not None:
            rect = self.highlight.rect()
            margin = max(rect.width(), rect.height()) * 1.5
            self.fitInView(rect.adjusted(-margin, -margin, margin, margin), Qt.AspectRatioMode.KeepAspectRatio)

    def wheelEvent(self, event):
        factor = 1.25 if event.angleDelta().y() > 0 else 0.8
        self.scale(factor, factor)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.fit()


# The dock -------------------------------------------------------------------------------------
class RoadDamageDock(SoestDock):
    OBJECT_NAME = "SoestRoadDamageDock"
    REPORT = "damage"

    def report_input(self):
        return self.store_path

    def load_demo(self, demo_dir):
        """Screenshots and first steps: review the demo drive's store."""
        self.open_store(os.path.join(demo_dir, "strassenschaeden.gpkg"), add_layers=False)

    damageChanged = pyqtSignal(int)

    def __init__(self, iface, parent=None):
        super().__init__(iface, tr("Road damage"), parent)
        self.add_intro(tr("Detect road damage in survey drive photos and review it."))
        self.store_path = None
        self.queue = None
        self.layers = {}
        self.task = None
        self._registered = []
        self._thumbs = {}
        self._build_drive_group()
        self._build_review_group()
        self._build_results_group()
        self.body.addStretch(1)
        self._create_actions()
        self._update_enabled()

    # Building -------------------------------------------------------------------------------
    def _build_drive_group(self):
        group = QGroupBox(tr("Survey drive"), self)
        form = QFormLayout(group)
        self.source_combo = QComboBox(group)
        self.source_combo.addItem(tr("Photo folder"), "photos")
        self.source_combo.addItem(tr("Dashcam video with GPX track"), "video")
        # may shrink below its longest entry in a narrow panel
        self.source_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source_combo.setMinimumContentsLength(6)
        form.addRow(tr("Source"), self.source_combo)
        self.images_widget = QgsFileWidget(group)
        self.images_label = QLabel(group)
        form.addRow(self.images_label, self.images_widget)
        self.spacing_spin = QDoubleSpinBox(group)
        self.spacing_spin.setRange(1.0, 100.0)
        self.spacing_spin.setDecimals(1)
        self.spacing_spin.setValue(4.0)
        self.spacing_spin.setSuffix(" m")
        self.spacing_spin.setToolTip(tr("Distance along the GPX track between two video frames that are checked."))
        self.spacing_label = QLabel(tr("One frame every"), group)
        form.addRow(self.spacing_label, self.spacing_spin)
        self.track_widget = QgsFileWidget(group)
        self.track_widget.setFilter(tr("GPX track (*.gpx)"))
        self.track_label = QLabel(group)
        form.addRow(self.track_label, self.track_widget)
        self.source_combo.currentIndexChanged.connect(self._source_changed)
        self._source_changed()
        self.offset_spin = QDoubleSpinBox(group)
        self.offset_spin.setRange(-86400, 86400)
        self.offset_spin.setDecimals(1)
        self.offset_spin.setSuffix(" s")
        self.offset_spin.setToolTip(tr("Seconds added to the camera clock to match the GPX time (UTC)."))
        form.addRow(tr("Clock offset"), self.offset_spin)
        camera_row = QHBoxLayout()
        self.camera_height = QDoubleSpinBox(group)
        self.camera_height.setRange(0.3, 5.0)
        self.camera_height.setDecimals(1)
        self.camera_height.setSingleStep(0.1)
        self.camera_height.setSuffix(" m")
        self.camera_height.setValue(Camera.height)
        self.camera_height.setToolTip(tr("Height of the camera above the road"))
        self.camera_pitch = QDoubleSpinBox(group)
        self.camera_pitch.setRange(0.0, 60.0)
        self.camera_pitch.setDecimals(0)
        self.camera_pitch.setSuffix(" °")
        self.camera_pitch.setValue(Camera.pitch)
        self.camera_pitch.setToolTip(tr("Camera tilt below the horizon"))
        self.camera_hfov = QDoubleSpinBox(group)
        self.camera_hfov.setRange(20.0, 170.0)
        self.camera_hfov.setDecimals(0)
        self.camera_hfov.setSuffix(" °")
        self.camera_hfov.setValue(Camera.hfov)
        self.camera_hfov.setToolTip(tr("Horizontal field of view of the camera"))
        camera_row.addWidget(QLabel(tr("Camera"), group))
        for spin in (self.camera_height, self.camera_pitch, self.camera_hfov):
            spin.setMinimumWidth(64)  # may shrink below its text hint in narrow panels
            camera_row.addWidget(spin, 1)
        form.addRow(camera_row)  # full width: the label column is already wide
        self.model_widget = QgsFileWidget(group)
        self.model_widget.setFilter(tr("ONNX model (*.onnx)"))
        self.model_widget.lineEdit().setPlaceholderText(tr("shipped model"))
        form.addRow(tr("Model (optional)"), self.model_widget)
        self.store_widget = QgsFileWidget(group)
        self.store_widget.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.store_widget.setFilter(tr("GeoPackage (*.gpkg)"))
        self.store_widget.setFilePath(settings.get("roaddamage/store", "") or "")
        form.addRow(tr("Damage store"), self.store_widget)
        buttons = QHBoxLayout()
        self.detect_button = QPushButton(tr("Detect damage"), group)
        self.detect_button.clicked.connect(self.start_detection)
        self.cancel_button = QPushButton(tr("Cancel"), group)
        self.cancel_button.clicked.connect(self.cancel_detection)
        self.open_button = QPushButton(tr("Open store"), group)
        self.open_button.clicked.connect(self._open_store_clicked)
        buttons.addWidget(self.detect_button, 1)
        buttons.addWidget(self.cancel_button)
        form.addRow(buttons)
        form.addRow(self.open_button)
        self.progress_bar = QProgressBar(group)
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setVisible(False)
        form.addRow(self.progress_bar)
        self.body.addWidget(group)

    def _build_review_group(self):
        group = QGroupBox(tr("Review"), self)
        layout = QVBoxLayout(group)
        self._build_store_picker(group, layout)
        filters = QFormLayout()
        self.status_filter = QComboBox(group)
        for key, text in (
            ("unreviewed", tr("unreviewed")),
            ("all", tr("all")),
            ("confirmed", tr("confirmed")),
            ("rejected", tr("rejected")),
            ("duplicate", tr("duplicate")),
        ):
            self.status_filter.addItem(text, key)
        self.class_filter = QComboBox(group)
        self.street_filter = QComboBox(group)
        self.drive_filter = QComboBox(group)
        self.confidence_slider = QSlider(Qt.Orientation.Horizontal, group)
        self.confidence_slider.setRange(0, 100)
        self.confidence_label = QLabel(group)
        for combo in (self.status_filter, self.class_filter, self.street_filter, self.drive_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        filters.addRow(tr("Status"), self.status_filter)
        filters.addRow(tr("Class"), self.class_filter)
        filters.addRow(tr("Street"), self.street_filter)
        filters.addRow(tr("Drive"), self.drive_filter)
        slider_row = QHBoxLayout()
        slider_row.addWidget(self.confidence_slider, 1)
        slider_row.addWidget(self.confidence_label)
        filters.addRow(tr("Min. confidence"), slider_row)
        layout.addLayout(filters)
        self.status_filter.currentIndexChanged.connect(self.apply_filters)
        self.class_filter.currentIndexChanged.connect(self.apply_filters)
        self.street_filter.currentIndexChanged.connect(self.apply_filters)
        self.drive_filter.currentIndexChanged.connect(self.apply_filters)
        self.confidence_slider.valueChanged.connect(self._confidence_moved)
        self.confidence_slider.sliderReleased.connect(self.apply_filters)
        self._confidence_moved(self.confidence_slider.value())

        self.table_model = QueueModel(self)
        self.table = QTableView(group)
        self.table.setModel(self.table_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(30)
        for column, width in enumerate((30, 100, 52, 0, 46, 80)):
            if width:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # street takes the rest
        self.table.horizontalHeader().setSectionsClickable(True)
        self.table.horizontalHeader().sectionClicked.connect(self._sort_clicked)
        self.table.setMinimumHeight(140)
        self.table.setMaximumHeight(200)
        self.table.clicked.connect(self._row_clicked)
        layout.addWidget(self.table)

        self.info_label = QLabel(group)
        self.info_label.setWordWrap(True)
        layout.addWidget(self.info_label)
        self.photo = PhotoView(group)
        layout.addWidget(self.photo, 1)
        self.strip = QListWidget(group)
        self.strip.setViewMode(QListWidget.ViewMode.IconMode)
        self.strip.setFlow(QListWidget.Flow.LeftToRight)
        self.strip.setWrapping(False)
        self.strip.setIconSize(QSize(96, 72))
        self.strip.setFixedHeight(100)
        self.strip.setMovement(QListWidget.Movement.Static)
        self.strip.setGridSize(QSize(104, 94))  # uniform cells: views stay apart
        self.strip.itemClicked.connect(self._strip_clicked)
        layout.addWidget(self.strip)

        self.action_buttons = {}
        grid = QGridLayout()
        names = (
            ("confirm", tr("Confirm")),
            ("reject", tr("Reject")),
            ("change_class", tr("Change class…")),
            ("severity", tr("Severity…")),
            ("comment", tr("Comment…")),
            ("duplicate", tr("Duplicate of…")),
            ("previous", tr("Previous")),
            ("next", tr("Next")),
            ("undo", tr("Undo")),
        )
        # decisions two per row (long German labels), navigation three in the last row
        places = [(0, 0, 3), (0, 3, 3), (1, 0, 3), (1, 3, 3), (2, 0, 3), (2, 3, 3), (3, 0, 2), (3, 2, 2), (3, 4, 2)]
        for (key, text), (row, column, span) in zip(names, places):
            button = QPushButton(text, group)
            self.action_buttons[key] = button
            grid.addWidget(button, row, column, 1, span)
        layout.addLayout(grid)
        self.progress_label = QLabel(group)
        layout.addWidget(self.progress_label)
        self.body.addWidget(group)

    def _build_results_group(self):
        group = QGroupBox(tr("Results"), self)
        layout = QVBoxLayout(group)
        form = QFormLayout()
        self.streets_combo = QgsMapLayerComboBox(group)
        self.streets_combo.setFilters(QgsMapLayerProxyModel.Filter.LineLayer)
        self.streets_combo.setAllowEmptyLayer(True)
        self.streets_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.streets_combo.setMinimumContentsLength(10)
        self.streets_combo.setToolTip(tr("Line layer with a field 'name': street names and street condition."))
        form.addRow(tr("Streets"), self.streets_combo)
        layout.addLayout(form)
        self.condition_button = QPushButton(tr("Compute street condition"), group)
        self.condition_button.setToolTip(tr("Grade 1–5 per street segment from the confirmed damages."))
        self.condition_button.clicked.connect(self.compute_condition)
        layout.addWidget(self.condition_button)
        layout.addWidget(QLabel(tr("Export maintenance list"), group))
        exports = QHBoxLayout()
        self.export_buttons = {}
        for suffix, text in ((".csv", tr("CSV")), (".xlsx", tr("Excel")), (".gpkg", tr("GeoPackage"))):
            button = QPushButton(text, group)
            button.setToolTip(tr("Export the confirmed damages as a maintenance list (photo crops only)."))
            button.clicked.connect(lambda _checked=False, s=suffix: self.export(s))
            self.export_buttons[suffix] = button
            exports.addWidget(button)
        layout.addLayout(exports)
        self.body.addWidget(group)

    def _create_actions(self):
        """Review actions with default shortcuts, registered with QGIS so users can rebind them."""
        specs = (
            ("confirm", tr("Road damage: confirm"), "Alt+Shift+B", self.confirm),
            ("reject", tr("Road damage: reject"), "Alt+Shift+A", self.reject),
            ("change_class", tr("Road damage: change class"), "Alt+Shift+K", self.change_class),
            ("severity", tr("Road damage: severity"), "Alt+Shift+S", self.set_severity),
            ("comment", tr("Road damage: comment"), "Alt+Shift+C", self.comment),
            ("duplicate", tr("Road damage: duplicate of"), "Alt+Shift+D", self.mark_duplicate),
            ("previous", tr("Road damage: previous damage"), "Alt+Shift+Left", self.previous),
            ("next", tr("Road damage: next damage"), "Alt+Shift+Right", self.next),
            ("undo", tr("Road damage: undo"), "Alt+Shift+Z", self.undo),
        )
        self.review_actions = {}
        # Parentless so that their Python owner (this dock) decides their lifetime; added to the
        # dock so they only fire while it is shown.
        for key, text, shortcut, slot in specs:
            action = QAction(text)
            action.setObjectName("SoestRoadDamage_" + key)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, s=slot: self._run_action(s))
            self.addAction(action)
            self.review_actions[key] = action
            button = self.action_buttons[key]
            button.clicked.connect(action.trigger)
            button.setToolTip(f"{text} ({shortcut})")
        register = getattr(self.iface, "registerMainWindowAction", None)
        if register is not None:
            for action in self.review_actions.values():
                if register(action, action.shortcut().toString()):
                    self._registered.append(action)
        iface, registered = self.iface, self._registered  # not self: the lambda must outlive the wrapper
        self.destroyed.connect(lambda *_: _unregister(iface, registered))

    def cleanup(self):
        """Unregister the shortcuts and close the store; the plugin's unload() calls this."""
        _unregister(self.iface, self._registered)  # empties the list in place
        self._stop_refresher()
        if self.queue is not None:
            self.queue.close()
            self.queue = None

    # Detection -----------------------------------------------------------------------------
    def is_video_source(self):
        return self.source_combo.currentData() == "video"

    def _source_changed(self, *_):
        """Photo folder or video file: the file picker, its label and the video-only fields follow."""
        video = self.is_video_source()
        if video:
            self.images_widget.setStorageMode(QgsFileWidget.StorageMode.GetFile)
            self.images_widget.setFilter(tr("Videos (*.mp4 *.mov *.avi *.mkv)"))
            self.images_widget.setDialogTitle(tr("Dashcam video"))
            self.images_label.setText(tr("Video file"))
            self.track_label.setText(tr("GPX track"))
        else:
            self.images_widget.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
            self.images_widget.setFilter("")
            self.images_widget.setDialogTitle(tr("Photo folder"))
            self.images_label.setText(tr("Photo folder"))
            self.track_label.setText(tr("GPX track (optional)"))
        self.spacing_label.setVisible(video)
        self.spacing_spin.setVisible(video)

    def _drive_input_problem(self, images, store, track):
        """A German sentence saying what is missing before a drive can start, or None."""
        if self.is_video_source():
            if not images or not store:
                return tr("Choose a video file and a damage store first.")
            if not os.path.isfile(images):
                return tr("The video file does not exist: {path}").format(path=images)
            if not track:
                return tr("A video needs a GPX track for the positions.")
            return None
        if not images or not store:
            return tr("Choose a photo folder and a damage store first.")
        return None

    def start_detection(self):
        images = self.images_widget.filePath()
        store = self.store_widget.filePath()
        track = self.track_widget.filePath() or None
        problem = self._drive_input_problem(images, store, track)
        if problem:
            show_warning(self.iface, problem)
            return
        if not store.lower().endswith(".gpkg"):
            store += ".gpkg"
        model = self.model_widget.filePath() or None
        offset = self.offset_spin.value()
        camera = Camera(
            height=self.camera_height.value(), pitch=self.camera_pitch.value(), hfov=self.camera_hfov.value()
        )
        settings.set_value("roaddamage/store", store)
        streets = self._streets()
        spacing = self.spacing_spin.value()

        def work(feedback):
            from .pipeline import detect_drive

            return detect_drive(
                images,
                store,
                model_path=model,
                track=track,
                clock_offset=offset,
                streets=streets,
                camera=camera,
                feedback=feedback,
                video_every_m=spacing,
            )

        self.task = CoreTask(tr("Detecting road damage"), work, self._detection_done, self._detection_failed)
        self.task.progressChanged.connect(lambda value: self.progress_bar.setValue(int(value)))
        self.progress_bar.setValue(0)
        self.progress_bar.setVisible(True)
        start_task(self.task)
        self._update_enabled()

    def cancel_detection(self):
        if self.task is not None:
            self.task.cancel()

    def _detection_done(self, summary):
        self.task = None
        self.progress_bar.setVisible(False)
        message = tr("{frames} photos, {detections} detections, {damages} damages.").format(
            frames=summary["processed"], detections=summary["detections"], damages=summary["damages"]
        )
        if summary["unreadable"] or summary["unpositioned"]:
            show_warning(
                self.iface,
                message
                + " "
                + tr("Skipped: {unreadable} unreadable, {unpositioned} without position (see the log).").format(
                    unreadable=len(summary["unreadable"]), unpositioned=len(summary["unpositioned"])
                ),
            )
        else:
            show_success(self.iface, message)
        self.open_store(summary["store"])

    def _detection_failed(self, error):
        self.task = None
        self.progress_bar.setVisible(False)
        self._update_enabled()
        show_error(self.iface, error)

    def _streets(self):
        """The chosen street layer read here, on the main thread (layers are not thread-safe)."""
        layer = self.streets_combo.currentLayer()
        if layer is None:
            return None
        from .condition import load_streets

        return load_streets(layer)

    # Store and queue ----------------------------------------------------------------------
    def _open_store_clicked(self):
        path = self.store_widget.filePath()
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, tr("Open store"), "", tr("GeoPackage (*.gpkg)"))
        if path:
            self.open_store(path)

    def _build_store_picker(self, group, layout):
        """GeoPackage file or a saved PostgreSQL connection (several reviewers at once)."""
        from .store_picker import StorePicker

        self.store_picker = StorePicker(group)
        self.store_picker.storeOpened.connect(self.open_store_object)
        layout.addWidget(self.store_picker)
        self.pending_label = QLabel("", group)
        self.pending_label.setWordWrap(True)
        self.pending_label.setVisible(False)
        layout.addWidget(self.pending_label)
        self.refresher = None

    def open_store_object(self, store):
        """Review an already opened store (GeoPackage or PostGIS) from the store picker."""
        from .store_postgis import PostgisDamageStore

        is_postgis = isinstance(store, PostgisDamageStore)
        return self.open_store(store, add_layers=not is_postgis)

    def _start_refresher(self, store):
        from .store_picker import ReviewRefresher

        self._stop_refresher()
        self.refresher = ReviewRefresher(store, who=self.queue.who, interval_ms=3000, parent=self)
        self.refresher.changed.connect(self._others_changed)
        self.refresher.pendingChanged.connect(self._pending_changed)
        self.refresher.conflicts.connect(lambda messages: [show_warning(self.iface, m) for m in messages])
        self.refresher.offline.connect(lambda text: show_warning(self.iface, text))
        self.refresher.online.connect(lambda: self._pending_changed(self._pending_count()))
        self.refresher.start()

    def _stop_refresher(self):
        if self.refresher is not None:
            self.refresher.stop()
            self.refresher = None

    def _others_changed(self, _ids):
        """Other reviewers decided: show it without losing the current damage."""
        if self.queue is None:
            return
        self.queue.reload(keep=self.queue.current_id)
        self.table_model.refresh()
        self.show_current()

    def _pending_count(self):
        store = self.queue.store if self.queue is not None else None
        return store.pending_count() if hasattr(store, "pending_count") else 0

    def _pending_changed(self, count):
        self.pending_label.setVisible(count > 0)
        self.pending_label.setText(
            tr("{count} decisions pending: the server is unreachable; they are kept and written later.").format(
                count=count
            )
        )

    def open_store(self, path, add_layers=True):
        from .review import ReviewQueue

        try:
            queue = ReviewQueue(path)
        except SoestError as error:
            show_error(self.iface, error)
            return False
        self._stop_refresher()
        if self.queue is not None:
            self.queue.close()
        self.queue = queue
        self.table_model.set_queue(queue)
        path = getattr(queue.store, "path", path)
        from .store_postgis import PostgisDamageStore

        self.store_path = None if isinstance(queue.store, PostgisDamageStore) else path
        if self.store_path:
            self.store_widget.setFilePath(self.store_path)
        self._start_refresher(queue.store)
        if add_layers:
            try:
                from .layers import add_store_layers

                self.layers = add_store_layers(path)
            except SoestError as error:
                show_error(self.iface, error)
        self._fill_filter_values()
        self.apply_filters()
        return True

    def _fill_filter_values(self):
        for combo, column, label in (
            (self.class_filter, "class_name", class_label),
            (self.street_filter, "street", str),
        ):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(tr("all"), None)
            for value in self.queue.store.distinct(column):
                combo.addItem(label(value), value)
            combo.blockSignals(False)
        self.drive_filter.blockSignals(True)
        self.drive_filter.clear()
        self.drive_filter.addItem(tr("all"), None)
        for drive in self.queue.store.drives():
            self.drive_filter.addItem("{} – {}".format(drive["fid"], drive["name"] or ""), drive["fid"])
        self.drive_filter.blockSignals(False)

    def _confidence_moved(self, value):
        self.confidence_label.setText(f"{value / 100:.2f}")
        if not self.confidence_slider.isSliderDown():
            self.apply_filters()

    def apply_filters(self, *_):
        if self.queue is None:
            self._update_enabled()
            return
        status = self.status_filter.currentData()
        klass = self.class_filter.currentData()
        street = self.street_filter.currentData()
        drive = self.drive_filter.currentData()
        self.queue.set_filter(
            statuses=None if status == "all" else (status,),
            classes=[klass] if klass else None,
            streets=[street] if street else None,
            drives=[drive] if drive else None,
            min_confidence=self.confidence_slider.value() / 100.0 or None,
        )
        self.table_model.refresh()
        # columns that say nothing here are hidden: the street gets the room
        self.table.setColumnHidden(5, status != "all")
        self.table.setColumnHidden(4, self.drive_filter.count() <= 2 or bool(drive))
        self.show_current()

    def _sort_clicked(self, section):
        if self.queue is None or section not in QueueModel.SORT_KEYS:
            return
        key = QueueModel.SORT_KEYS[section]
        current = self.queue.order[0]
        descending = not current[1] if current[0] == key else key == "confidence"
        self.queue.set_order(key, descending)
        self.table.horizontalHeader().setSortIndicator(
            section, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        )
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table_model.refresh()
        self.show_current()

    def _row_clicked(self, index):
        if self.queue is not None and self.queue.go_to(self.queue.ids[index.row()]):
            self.show_current()

    def show_current(self):
        """Show the queue's current damage: table row, photo with boxes, strip, map, progress."""
        self._update_enabled()
        if self.queue is None:
            return
        self.progress_label.setText(self.queue.progress_text())
        damage = self.queue.current()
        if damage is None:
            self.info_label.setText(tr("No damage in the queue."))
            self.photo.show_photo(None)
            self.strip.clear()
            return
        self.table.selectRow(self.queue.index)
        self.table.scrollTo(self.table_model.index(self.queue.index, 0))
        key = damage["key"]
        text = tr("Damage {id}: {klass}, confidence {confidence:.2f}, views: {count}, status: {status}").format(
            id=damage["fid"],
            klass=class_label(damage["class_name"]),
            confidence=damage["confidence"],
            count=len(damage["observations"]),
            status=status_label(damage["status"]),
        )
        extras = []
        if damage["severity"]:
            extras.append(tr("severity: {value}").format(value=severity_label(damage["severity"])))
        if damage["street"]:
            extras.append(damage["street"])
        if damage["duplicate_of"]:
            extras.append(tr("duplicate of {id}").format(id=damage["duplicate_of"]))
        if damage["comment"]:
            extras.append("„{}“".format(damage["comment"]))
        self.info_label.setText(text + ("; " + "; ".join(extras) if extras else ""))
        self._show_observation(damage, key)
        self._fill_strip(damage)
        self._follow_on_map(damage)
        self.damageChanged.emit(damage["fid"])

    def _show_observation(self, damage, observation):
        if observation is None:
            self.photo.show_photo(None)
            return
        box = (observation["x1"], observation["y1"], observation["x2"], observation["y2"])
        if observation is damage["key"]:
            others = [
                (b["x1"], b["y1"], b["x2"], b["y2"]) for b in damage["frame_boxes"] if b["fid"] != observation["fid"]
            ]
        else:
            others = [
                (b["x1"], b["y1"], b["x2"], b["y2"])
                for b in self.queue.store.frame_detections(observation["frame_id"])
                if b["fid"] != observation["fid"]
            ]
        self.photo.show_photo(observation["path"], box, others)

    def _fill_strip(self, damage):
        """Items at once; missing thumbnails are decoded right after the damage is shown."""
        self.strip.clear()
        missing = False
        for obs in damage["observations"]:
            item = QListWidgetItem(f"{obs['confidence']:.2f}")
            item.setData(Qt.ItemDataRole.UserRole, obs["fid"])
            item.setToolTip(obs["image"])
            icon = self._thumbs.get(obs["fid"])
            if icon is not None:
                item.setIcon(icon)
            else:
                missing = True
            if obs["fid"] == damage["key_detection"]:
                item.setText("★ " + item.text())
            self.strip.addItem(item)
        if missing:
            QTimer.singleShot(0, lambda fid=damage["fid"]: self._load_thumbnails(fid))

    def _load_thumbnails(self, damage_id):
        damage = self.queue.current() if self.queue is not None else None
        if damage is None or damage["fid"] != damage_id:
            return  # the user moved on
        for row, obs in enumerate(damage["observations"]):
            if obs["fid"] not in self._thumbs:
                if len(self._thumbs) > 2000:
                    self._thumbs.clear()
                self._thumbs[obs["fid"]] = load_thumbnail(obs)
            icon = self._thumbs[obs["fid"]]
            item = self.strip.item(row)
            if icon is not None and item is not None:
                item.setIcon(icon)
        self._prefetch_next()

    def _prefetch_next(self):
        """Decode the next damage's key photo while the user looks at this one."""
        if self.queue is None or self.queue.index + 1 >= len(self.queue.ids):
            return
        if hasattr(self.queue.store, "prefetch"):  # PostGIS: lets the review go on offline
            self.queue.store.prefetch(self.queue.ids[self.queue.index + 1 : self.queue.index + 21])
        row = self.queue.store.damage(self.queue.ids[self.queue.index + 1])
        if row is not None and row["key_detection"]:
            detection = self.queue.store.detection(row["key_detection"])
            if detection and detection["path"] and os.path.exists(detection["path"]):
                load_photo(detection["path"])

    def _strip_clicked(self, item):
        damage = self.queue.current() if self.queue else None
        if damage is None:
            return
        fid = item.data(Qt.ItemDataRole.UserRole)
        observation = next((o for o in damage["observations"] if o["fid"] == fid), None)
        if observation is not None:
            self._show_observation(damage, damage["key"] if observation["fid"] == damage["key"]["fid"] else observation)

    def _follow_on_map(self, damage):
        canvas = self.iface.mapCanvas() if hasattr(self.iface, "mapCanvas") else None
        if canvas is None or damage["easting"] is None:
            return
        point = QgsPointXY(damage["easting"], damage["northing"])
        source = QgsCoordinateReferenceSystem("EPSG:25832")
        target = canvas.mapSettings().destinationCrs()
        if target.isValid() and target != source:
            point = QgsCoordinateTransform(source, target, QgsProject.instance()).transform(point)
        canvas.setCenter(point)
        layer = self.layers.get("damages")
        if layer is not None:
            try:
                layer.selectByIds([damage["fid"]])
            except RuntimeError:  # layer deleted by the user
                self.layers = {}
        canvas.refresh()

    def _refresh_layers(self):
        layer = self.layers.get("damages")
        if layer is None:
            return
        try:
            # SQLite sees the committed change on the next read; a repaint is enough (no reload).
            layer.triggerRepaint()
        except RuntimeError:
            self.layers = {}

    # Actions ------------------------------------------------------------------------------
    def _run_action(self, slot):
        if self.queue is None:
            return
        from .store_postgis import DecisionPending

        try:
            slot()
        except DecisionPending as pending:
            # Kept in the local journal and written when the server is back: go on reviewing.
            show_warning(self.iface, str(pending))
            self._pending_changed(self._pending_count())
            self.queue.next()
            self.show_current()
        except SoestError as error:
            show_error(self.iface, error, duration=8)
            if self.queue is not None:
                self.queue.reload()
                self.table_model.refresh()
                self.show_current()

    def _after_action(self, damage_id, reset=True):
        if reset:
            self.table_model.refresh()
        else:
            self.table_model.invalidate(damage_id)
            self.table.viewport().update()
        self._refresh_layers()
        self.show_current()

    def confirm(self):
        damage_id = self.queue.confirm()
        self._after_action(damage_id, reset=True)

    def reject(self):
        damage_id = self.queue.reject()
        self._after_action(damage_id, reset=True)

    def change_class(self, class_name=None):
        damage = self.queue.current()
        if damage is None:
            return
        if class_name is None:
            codes = sorted(set(CLASS_CODES) | set(self.queue.store.distinct("class_name")))
            labels = [class_label(c) for c in codes]
            current = codes.index(damage["class_name"]) if damage["class_name"] in codes else 0
            text, ok = QInputDialog.getItem(self, tr("Change class"), tr("Damage class"), labels, current, False)
            if not ok:
                return
            class_name = codes[labels.index(text)]
        self._after_action(self.queue.set_class(class_name), reset=False)

    def set_severity(self, severity=None):
        damage = self.queue.current()
        if damage is None:
            return
        if severity is None:
            labels = [severity_label(s) for s in SEVERITIES]
            current = SEVERITIES.index(damage["severity"]) if damage["severity"] in SEVERITIES else 1
            text, ok = QInputDialog.getItem(self, tr("Severity"), tr("Severity"), labels, current, False)
            if not ok:
                return
            severity = SEVERITIES[labels.index(text)]
        self._after_action(self.queue.set_severity(severity), reset=False)

    def comment(self, text=None):
        damage = self.queue.current()
        if damage is None:
            return
        if text is None:
            text, ok = QInputDialog.getMultiLineText(self, tr("Comment"), tr("Comment"), damage["comment"] or "")
            if not ok:
                return
        self._after_action(self.queue.set_comment(text), reset=False)

    def mark_duplicate(self, of_id=None):
        damage = self.queue.current()
        if damage is None:
            return
        if of_id is None:
            of_id, ok = QInputDialog.getInt(
                self, tr("Duplicate of…"), tr("Number of the damage this one duplicates"), 1, 1, 2**31 - 1
            )
            if not ok:
                return
        self._after_action(self.queue.mark_duplicate(of_id), reset=True)

    def next(self):
        if self.queue.next():
            self.show_current()

    def previous(self):
        if self.queue.previous():
            self.show_current()

    def undo(self):
        damage_id = self.queue.undo()
        if damage_id is None:
            show_warning(self.iface, tr("Nothing to undo."), duration=4)
            return
        self._after_action(damage_id, reset=True)

    # Results ------------------------------------------------------------------------------
    def compute_condition(self):
        if self.store_path is None:
            return
        layer = self.streets_combo.currentLayer()
        if layer is None:
            show_warning(self.iface, tr("Choose a street layer (lines with a field 'name')."))
            return
        try:
            from .condition import load_streets, write_condition_layer
            from .layers import open_layer

            path = write_condition_layer(self.store_path, load_streets(layer))
            condition = open_layer(path, "street_condition")
            QgsProject.instance().addMapLayer(condition)
            show_success(self.iface, tr("Street condition written to {path}").format(path=path))
        except SoestError as error:
            show_error(self.iface, error)

    def export(self, suffix, path=None):
        if self.store_path is None:
            return None
        if path is None:
            filters = {".csv": tr("CSV (*.csv)"), ".xlsx": tr("Excel (*.xlsx)"), ".gpkg": tr("GeoPackage (*.gpkg)")}
            default = os.path.splitext(self.store_path)[0] + "_wartungsliste" + suffix
            path, _ = QFileDialog.getSaveFileName(self, tr("Export maintenance list"), default, filters[suffix])
            if not path:
                return None
            if not path.lower().endswith(suffix):
                path += suffix
        store = self.store_path

        def work(feedback):
            from .exports import export_damages

            return export_damages(store, path, feedback=feedback)

        def done(summary):
            show_success(
                self.iface,
                tr("{count} confirmed damages exported to {path}").format(
                    count=summary["count"], path=summary["output"]
                ),
            )

        task = CoreTask(tr("Exporting the maintenance list"), work, done, lambda e: show_error(self.iface, e))
        start_task(task)
        return task

    # State ------------------------------------------------------------------------------------
    def _update_enabled(self):
        if not hasattr(self, "review_actions"):  # still building
            return
        has_queue = self.queue is not None
        has_current = has_queue and self.queue.current_id is not None
        running = self.task is not None
        self.detect_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        for key, button in self.action_buttons.items():
            enabled = has_queue if key == "undo" else has_current
            button.setEnabled(enabled)
            self.review_actions[key].setEnabled(enabled)
        for button in self.export_buttons.values():
            button.setEnabled(has_queue)
        self.condition_button.setEnabled(has_queue)


def _unregister(iface, actions):
    unregister = getattr(iface, "unregisterMainWindowAction", None)
    if unregister is None:
        return
    for action in list(actions):
        with contextlib.suppress(RuntimeError):  # already deleted
            unregister(action)
    actions.clear()
