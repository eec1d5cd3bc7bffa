"""Shuttle & Barrierefreiheit dock: thin GUI layer on the shuttle core.

Inputs (files and layers), profiles and distances → ``run_accessibility`` in a CoreTask →
result layers loaded styled, a stop table with the check results, the gap list, the coverage
summary and an elevation profile plot (matplotlib, Qt5Agg canvas).
"""

import os

from qgis.core import QgsMapLayerProxyModel, QgsProject, QgsVectorLayer
from qgis.gui import QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..common.dock import SoestDock
from ..common.errors import InputError
from ..common.i18n import tr
from ..common.messages import show_error, show_success, show_warning
from ..common.tasks import CoreTask, start_task
from .network import profile_label
from .stopcheck import CRITERIA, FAILED, PASSED, UNKNOWN, criterion_label, result_label


def criterion_short(name):
    return {
        "kerb_height": tr("Kerb"),
        "boarding_field": tr("Field"),
        "guide_strip": tr("Strip"),
        "step_free_access": tr("Step-free"),
        "wheelchair_boarding": tr("GTFS"),
    }[name]


RESULT_COLORS = {PASSED: "#c7e9c0", FAILED: "#fcbba1", UNKNOWN: "#e0e0e0"}
RESULT_SIGNS = {PASSED: "✔", FAILED: "✘", UNKNOWN: "?"}
GRADE_COLORS = {"A": "#1a9850", "B": "#91cf60", "C": "#fc8d59", "D": "#d73027", "?": "#9e9e9e"}
RESULT_LAYERS = ("catchments", "lost_coverage", "routes", "frequency", "slope_segments", "gaps", "stops")
SURVEY_LAYERS = ("tactile_guidance", "crossings", "obstacles")


class ShuttleDock(SoestDock):
    OBJECT_NAME = "SoestShuttleDock"
    REPORT = "stop"

    def report_input(self):
        path = self.output_file.filePath().strip()
        return path if path and os.path.exists(path) else None

    def load_demo(self, demo_dir, output=None):
        """Screenshots and first steps: fill in the demo inputs and run the analysis."""
        import tempfile

        self.routes_file.setFilePath(os.path.join(demo_dir, "gtfs_sofia.zip"))
        self.network_file.setFilePath(os.path.join(demo_dir, "network.gpkg"))
        self.survey_file.setFilePath(os.path.join(demo_dir, "survey.gpkg"))
        self.dem_file.setFilePath(os.path.join(demo_dir, "dgm1_soest.tif"))
        self.output_file.setFilePath(output or os.path.join(tempfile.mkdtemp(prefix="soest-shuttle-"), "shuttle.gpkg"))
        buildings = [
            layer
            for layer in QgsProject.instance().mapLayers().values()
            if "citymodel.gpkg" in layer.source() and "buildings" in layer.source()
        ]
        if buildings:
            self.buildings_layer.setLayer(buildings[0])
        return self.run()

    def __init__(self, iface, parent=None):
        super().__init__(iface, tr("Shuttle & accessibility"), parent)
        self.add_intro(tr("Overlay shuttle routes with accessibility data and find the gaps."))
        self.task = None
        self.summary = None
        self._canvas = None
        self._build_inputs()
        self._build_options()
        self._build_run()
        self._build_results()
        self.body.addStretch(1)

    # --- widgets --------------------------------------------------------------------------------

    def _file_widget(self, filter_text, save=False):
        widget = QgsFileWidget(self)
        widget.setFilter(filter_text)
        if save:
            widget.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        return widget

    def _layer_combo(self, filters):
        combo = QgsMapLayerComboBox(self)
        combo.setFilters(filters)
        combo.setAllowEmptyLayer(True)
        combo.setLayer(None)
        return combo

    def _build_inputs(self):
        box = QGroupBox(tr("Inputs"), self)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        row = QHBoxLayout()
        self.routes_file = self._file_widget(tr("GTFS feed (*.zip *.txt);;Route lines (*.gpkg *.shp *.geojson)"))
        self.routes_folder_button = QToolButton(self)
        self.routes_folder_button.setText(tr("Folder…"))
        self.routes_folder_button.setToolTip(tr("Choose an unzipped GTFS folder"))
        self.routes_folder_button.clicked.connect(self._choose_gtfs_folder)
        row.addWidget(self.routes_file, 1)
        row.addWidget(self.routes_folder_button)
        form.addRow(QLabel(tr("GTFS feed or route file"), self))
        form.addRow(row)
        self.routes_layer = self._layer_combo(QgsMapLayerProxyModel.Filter.LineLayer)
        self.routes_layer.setToolTip(tr("A planned route as a line layer (instead of a GTFS feed)"))
        form.addRow(tr("or route layer"), self.routes_layer)
        self.stops_layer = self._layer_combo(QgsMapLayerProxyModel.Filter.PointLayer)
        form.addRow(tr("Stop layer"), self.stops_layer)
        self.network_file = self._file_widget(tr("Footway network (*.gpkg *.osm *.pbf *.osm.gz *.shp *.geojson)"))
        form.addRow(tr("Footway network"), self.network_file)
        self.survey_file = self._file_widget(tr("Survey (*.gpkg)"))
        form.addRow(tr("Survey"), self.survey_file)
        self.dem_file = self._file_widget(tr("Terrain model (*.tif *.tiff *.hgt *.zip)"))
        form.addRow(tr("Terrain model (DGM1)"), self.dem_file)
        self.buildings_layer = self._layer_combo(
            QgsMapLayerProxyModel.Filter.PolygonLayer | QgsMapLayerProxyModel.Filter.PointLayer
        )
        form.addRow(tr("Buildings or addresses"), self.buildings_layer)
        self.output_file = self._file_widget(tr("GeoPackage (*.gpkg)"), save=True)
        form.addRow(tr("Result GeoPackage"), self.output_file)
        self.body.addWidget(box)

    def _build_options(self):
        box = QGroupBox(tr("Profiles and distances"), self)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        profiles = QWidget(self)
        layout = QVBoxLayout(profiles)
        layout.setContentsMargins(0, 0, 0, 0)
        self.profile_boxes = {}
        for profile in ("wheelchair", "rollator", "blind"):
            check = QCheckBox(profile_label(profile), self)
            check.setChecked(True)
            self.profile_boxes[profile] = check
            layout.addWidget(check)
        form.addRow(tr("Profiles"), profiles)
        self.distances_edit = QLineEdit("300,500", self)
        form.addRow(tr("Distance bands (m)"), self.distances_edit)
        self.gradient_spin = QDoubleSpinBox(self)
        self.gradient_spin.setRange(1.0, 50.0)
        self.gradient_spin.setDecimals(1)
        self.gradient_spin.setValue(15.0)
        self.gradient_spin.setSuffix(" %")
        form.addRow(tr("Maximum gradient of the vehicle"), self.gradient_spin)
        self.day_edit = QLineEdit(self)
        self.day_edit.setPlaceholderText(tr("YYYYMMDD (empty = busiest day)"))
        form.addRow(tr("Day"), self.day_edit)
        self.window_edit = QLineEdit("06:00-20:00", self)
        form.addRow(tr("Time window"), self.window_edit)
        self.body.addWidget(box)

    def _build_run(self):
        row = QHBoxLayout()
        self.run_button = QPushButton(tr("Run analysis"), self)
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton(tr("Cancel"), self)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.run_button, 1)
        row.addWidget(self.cancel_button)
        self.body.addLayout(row)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.body.addWidget(self.progress)
        self.status_label = QLabel("", self)
        self.status_label.setWordWrap(True)
        self.body.addWidget(self.status_label)

    def _build_results(self):
        self.tabs = QTabWidget(self)
        self.stop_table = QTableWidget(0, 2 + len(CRITERIA), self)
        self.stop_table.setHorizontalHeaderLabels([tr("Stop"), tr("Grade")] + [criterion_short(c) for c in CRITERIA])
        for col, criterion in enumerate(CRITERIA, 2):
            self.stop_table.horizontalHeaderItem(col).setToolTip(criterion_label(criterion))
        self.stop_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.stop_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.stop_table.setWordWrap(True)
        header = self.stop_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.stop_table.verticalHeader().setVisible(False)
        self.stop_table.cellDoubleClicked.connect(lambda row, _col: self._zoom_to_row("checks", row))
        self.stop_table.setToolTip(tr("Double-click a row to show the stop on the map."))
        self.tabs.addTab(self.stop_table, tr("Stop check"))

        self.gap_table = QTableWidget(0, 3, self)
        self.gap_table.setHorizontalHeaderLabels([tr("No."), tr("Improvement"), tr("Gained")])
        self.gap_table.horizontalHeaderItem(2).setToolTip(tr("Buildings (residential) gained"))
        self.gap_table.setWordWrap(True)
        self.gap_table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.gap_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.gap_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.gap_table.verticalHeader().setVisible(False)
        self.gap_table.cellDoubleClicked.connect(lambda row, _col: self._zoom_to_row("gaps", row))
        self.gap_table.setToolTip(tr("Double-click a row to show the place on the map."))
        self.gap_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.gap_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.gap_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tabs.addTab(self.gap_table, tr("Gap list"))

        self.coverage_label = QLabel(tr("No results yet."), self)
        self.coverage_label.setWordWrap(True)
        self.coverage_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.coverage_label.setTextFormat(Qt.TextFormat.RichText)
        self.tabs.addTab(self.coverage_label, tr("Coverage"))

        profile_page = QWidget(self)
        layout = QVBoxLayout(profile_page)
        self.profile_combo = QComboBox(self)
        self.profile_combo.currentIndexChanged.connect(self._plot_profile)
        layout.addWidget(self.profile_combo)
        self.plot_holder = QVBoxLayout()
        layout.addLayout(self.plot_holder, 1)
        self.tabs.addTab(profile_page, tr("Elevation profile"))
        self.tabs.setMinimumHeight(320)
        self.body.addWidget(self.tabs)

    def _zoom_to_row(self, key, row):
        """Centre the map canvas on a stop or a gap (EPSG:25832 → canvas CRS)."""
        from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsRectangle

        items = (self.summary or {}).get(key, [])
        if row >= len(items) or items[row].get("x") is None:
            return None
        canvas = self.iface.mapCanvas()
        point = QgsPointXY(items[row]["x"], items[row]["y"])
        target = canvas.mapSettings().destinationCrs()
        source = QgsCoordinateReferenceSystem("EPSG:25832")
        if target.isValid() and target != source:
            point = QgsCoordinateTransform(source, target, QgsProject.instance()).transform(point)
        canvas.setExtent(QgsRectangle(point.x() - 150, point.y() - 150, point.x() + 150, point.y() + 150))
        canvas.refresh()
        return point

    def _choose_gtfs_folder(self):
        folder = QFileDialog.getExistingDirectory(self, tr("Choose an unzipped GTFS folder"))
        if folder:
            self.routes_file.setFilePath(folder)

    # --- running --------------------------------------------------------------------------------

    def profiles(self):
        return ["unrestricted"] + [p for p, box in self.profile_boxes.items() if box.isChecked()]

    def collect_inputs(self):
        """Keyword arguments for ``run_accessibility``; layers are read here, on the main thread."""
        from .coverage import read_buildings
        from .routes import read_route_lines, read_stop_layer

        output = self.output_file.filePath().strip()
        if not output:
            raise InputError(tr("Choose a result GeoPackage."))
        if not output.lower().endswith(".gpkg"):
            output += ".gpkg"
        route_layer = self.routes_layer.currentLayer()
        stops_layer = self.stops_layer.currentLayer()
        if route_layer is not None:
            routes = read_route_lines(route_layer)
        else:
            routes = self.routes_file.filePath().strip()
            if not routes:
                raise InputError(tr("Choose a GTFS feed or a route layer."))
        window = self.window_edit.text().replace(" ", "") or "06:00-20:00"
        if "-" not in window:
            raise InputError(tr("The time window must look like 06:00-20:00."))
        start, end = window.split("-", 1)
        buildings_layer = self.buildings_layer.currentLayer()
        return {
            "routes": routes,
            "output_gpkg": output,
            "stops": read_stop_layer(stops_layer) if stops_layer is not None and route_layer is not None else None,
            "network": self.network_file.filePath().strip() or None,
            "survey": self.survey_file.filePath().strip() or None,
            "dem": self.dem_file.filePath().strip() or None,
            "buildings": read_buildings(buildings_layer) if buildings_layer is not None else None,
            "profiles": self.profiles(),
            "distances": self.distances_edit.text(),
            "max_gradient": self.gradient_spin.value(),
            "day": self.day_edit.text().strip() or None,
            "time_window": (start, end),
        }

    def run(self):
        from .analysis import run_accessibility

        try:
            kwargs = self.collect_inputs()
        except InputError as error:
            show_error(self.iface, error)
            return None
        self._set_running(True)
        self._survey = kwargs["survey"]
        self.status_label.setText(tr("Analysis running …"))
        task = CoreTask(
            tr("Shuttle accessibility analysis"),
            lambda feedback: run_accessibility(**kwargs, feedback=feedback),
            on_done=self.show_results,
            on_error=self._on_error,
        )
        task.progressChanged.connect(lambda value: self.progress.setValue(int(value)))
        self.task = start_task(task)
        return task

    def cancel(self):
        if self.task is not None:
            self.task.cancel()

    def _set_running(self, running):
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        if running:
            self.progress.setValue(0)

    def _on_error(self, error):
        self._set_running(False)
        self.task = None
        self.status_label.setText(str(error))
        show_error(self.iface, error)

    # --- results --------------------------------------------------------------------------------

    def show_results(self, summary, load_layers=True):
        self._set_running(False)
        self.task = None
        self.summary = summary
        self.progress.setValue(100)
        self._fill_stop_table(summary.get("checks", []))
        self._fill_gap_table(summary.get("gaps", []))
        self._fill_coverage(summary)
        self._fill_profiles(summary.get("slope_profiles", []))
        self.status_label.setText(
            tr("{stops} stops, {routes} routes, {gaps} gaps.").format(
                stops=summary.get("stops", 0), routes=summary.get("routes", 0), gaps=len(summary.get("gaps", []))
            )
        )
        if load_layers:
            self.load_layers(summary["output"], getattr(self, "_survey", None))
        show_success(self.iface, tr("Shuttle analysis written to {path}").format(path=summary["output"]))
        if summary.get("warnings"):
            show_warning(self.iface, " · ".join(summary["warnings"][:3]))

    def _fill_stop_table(self, checks):
        table = self.stop_table
        table.setRowCount(len(checks))
        for row, check in enumerate(checks):
            name = QTableWidgetItem(check["stop_name"] or check["stop_id"])
            name.setToolTip(check["missing"] or tr("Nothing missing"))
            table.setItem(row, 0, name)
            grade = QTableWidgetItem(check["grade"])
            grade.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            grade.setBackground(QBrush(QColor(GRADE_COLORS.get(check["grade"], "#ffffff"))))
            grade.setForeground(QBrush(QColor("#ffffff" if check["grade"] in ("A", "D") else "#000000")))
            grade.setToolTip(check["missing"] or tr("Nothing missing"))
            table.setItem(row, 1, grade)
            for col, criterion in enumerate(CRITERIA, 2):
                result = check["results"].get(criterion, UNKNOWN)
                text = RESULT_SIGNS[result]
                if criterion == "kerb_height" and check.get("kerb_height_cm") is not None:
                    text += " {:g} cm".format(check["kerb_height_cm"])
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setBackground(QBrush(QColor(RESULT_COLORS[result])))
                item.setToolTip("{}: {}".format(criterion_label(criterion), result_label(result)))
                table.setItem(row, col, item)
        table.resizeRowsToContents()

    def _fill_gap_table(self, gaps):
        table = self.gap_table
        table.setRowCount(len(gaps))
        for row, gap in enumerate(gaps):
            rank = QTableWidgetItem(str(gap["rank"]))
            rank.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            table.setItem(row, 0, rank)
            text = QTableWidgetItem(gap["text"])
            text.setToolTip("{} – {}".format(gap["text"], profile_label(gap["profile"])))
            table.setItem(row, 1, text)
            gained = QTableWidgetItem("{} ({})".format(gap["buildings_gained"], gap["residential_gained"]))
            gained.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            table.setItem(row, 2, gained)
        table.resizeRowsToContents()

    def _fill_coverage(self, summary):
        lines = []
        coverage = summary.get("coverage")
        if coverage:
            lines.append("<b>{}</b><table>".format(tr("Residential buildings within 300 m of a stop")))
            for profile, values in coverage.items():
                share = values["share"]
                lines.append(
                    "<tr><td>{}</td><td align='right'>{} / {}</td><td align='right'>{}</td></tr>".format(
                        profile_label(profile),
                        values["reached"],
                        values["total"],
                        "–" if share is None else "{:.1f} %".format(100 * share).replace(".", ","),
                    )
                )
            lines.append("</table>")
            if not summary.get("residential_known", True):
                lines.append("<i>{}</i>".format(tr("No building function found: all buildings counted.")))
        else:
            lines.append(tr("Give a footway network and buildings for the coverage analysis."))
        if summary.get("frequency_day"):
            lines.append("<p>{}</p>".format(tr("Frequencies for {day}.").format(day=summary["frequency_day"])))
        if summary.get("not_reachable"):
            lines.append("<p><b>{}</b> {}</p>".format(tr("Stops not reachable:"), ", ".join(summary["not_reachable"])))
        if summary.get("unknown_tags"):
            lines.append(
                "<p><b>{}</b> {}</p>".format(
                    tr("Unreadable tag values (unknown):"), ", ".join(summary["unknown_tags"][:8])
                )
            )
        if summary.get("warnings"):
            lines.append("<p><b>{}</b><br/>{}</p>".format(tr("Notes:"), "<br/>".join(summary["warnings"][:12])))
        self.coverage_label.setText("".join(lines))

    def _fill_profiles(self, profiles):
        self._profiles = profiles
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        for i, profile in enumerate(profiles):
            label = tr("Route {name} ({n})").format(name=profile["name"], n=i + 1)
            self.profile_combo.addItem("{} – {:.1f} km".format(label, profile["distance"][-1] / 1000.0), i)
        self.profile_combo.blockSignals(False)
        self._plot_profile()

    def _plot_profile(self, *args):
        profiles = getattr(self, "_profiles", [])
        index = self.profile_combo.currentIndex()
        if not profiles or index < 0:
            return
        try:
            import numpy as np
            from matplotlib.backends.backend_qt5agg import FigureCanvasQTAgg
            from matplotlib.figure import Figure
        except ImportError:
            return
        profile = profiles[index]
        if self._canvas is None:
            figure = Figure(figsize=(4.5, 2.6), dpi=90, tight_layout=True)
            self._canvas = FigureCanvasQTAgg(figure)
            self._canvas.setMinimumHeight(230)
            self.plot_holder.addWidget(self._canvas)
        figure = self._canvas.figure
        figure.clear()
        ax = figure.add_subplot(111)
        d = np.asarray(profile["distance"], dtype=float) / 1000.0
        h = np.array([np.nan if v is None else v for v in profile["height"]], dtype=float)
        ax.plot(d, h, color="#555555", linewidth=1.2)
        ax.fill_between(d, np.nanmin(h) if np.isfinite(h).any() else 0, h, color="#bdbdbd", alpha=0.4)
        slope = np.diff(h) / np.maximum(np.diff(d) * 1000.0, 1e-9) * 100.0
        steep = np.abs(np.nan_to_num(slope)) > profile["max_gradient"]
        for i in np.flatnonzero(steep):
            ax.plot(d[i : i + 2], h[i : i + 2], color="#d7191c", linewidth=3)
        gaps = ~np.isfinite(h)
        if gaps.any():
            ymin = np.nanmin(h) if np.isfinite(h).any() else 0
            ax.plot(d[gaps], np.full(gaps.sum(), ymin), "|", color="#7f7f7f")
        ax.set_xlabel(tr("Distance (km)"))
        ax.set_ylabel(tr("Height (m)"))
        max_slope = profile.get("max_slope")
        ax.set_title(
            tr("max. {slope} %, {steep} m steeper than {limit} %").format(
                slope="–" if max_slope is None else "{:.1f}".format(max_slope).replace(".", ","),
                steep=int(profile["steep_length"]),
                limit="{:g}".format(profile["max_gradient"]),
            ),
            fontsize=9,
        )
        ax.grid(True, alpha=0.3)
        self._canvas.draw()

    def load_layers(self, path, survey=None):
        """Add the result layers (and the survey's barriers), styled, to a group of the current project."""
        from .styles import apply_style, layer_name

        project = QgsProject.instance()
        root = project.layerTreeRoot()
        group_name = tr("Shuttle & accessibility")
        group = root.findGroup(group_name)
        if group is not None:
            project.removeMapLayers(group.findLayerIds())  # the previous run's layers
            group.removeAllChildren()
        else:
            group = root.insertGroup(0, group_name)
        loaded = []
        sources = [(path, name) for name in RESULT_LAYERS]
        if survey:
            sources = [(survey, name) for name in SURVEY_LAYERS] + sources
        for source, name in sources:
            layer = QgsVectorLayer("{}|layername={}".format(source, name), layer_name(name), "ogr")
            if not layer.isValid() or layer.featureCount() == 0:
                continue
            apply_style(layer, name)
            project.addMapLayer(layer, False)
            group.insertLayer(0, layer)
            loaded.append(layer)
        return loaded

    def closeEvent(self, event):  # noqa: N802 - Qt API
        self.cancel()
        super().closeEvent(event)
