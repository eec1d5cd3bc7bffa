"""The "Karte drucken" dialog (GUI layer) and helpers the docks and the plugin menu call.

Entry points for the lead:
- ``open_print_dialog(iface, parent=None, preset_title=None)``: the print dialog for the canvas;
- ``start_report(iface, report, input_path, filter_expression=None, parent=None)``: asks for a
  PDF name and writes a standard report (damage | stop | building).

Layout rendering touches project layers and (for the 3D snapshot) OpenGL, so it runs on the main
thread, as QGIS's own layout export does: a modal progress dialog (``progress.export_progress``)
shows the pages ("Seite 12 von 140") and has "Abbrechen"; events are processed between the pages.
A cancelled export leaves no file and is reported as a short info, not as an error.
"""

import os

from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..common import settings
from ..common.errors import Cancelled, SoestError
from ..common.i18n import tr
from ..common.messages import TITLE, show_error, show_success, show_warning
from . import templates
from .layout import SCALES, SETTINGS_AUTHOR, format_scale
from .progress import export_progress

SETTINGS_TEMPLATE = "printing/template"
SETTINGS_FORMAT = "printing/format"
SETTINGS_FOLDER = "printing/folder"
CURRENT_VIEW = 0


class PrintDialog(QDialog):
    """Template, title, subtitle, department/author, scale and output file; prints on OK."""

    OBJECT_NAME = "SoestPrintDialog"

    def __init__(self, iface, parent=None, preset_title=None):
        super().__init__(parent or (iface.mainWindow() if iface else None))
        self.iface = iface
        self.setObjectName(self.OBJECT_NAME)
        self.setWindowTitle(tr("Print map"))
        self.setMinimumWidth(520)
        self.last_output = None

        outer = QVBoxLayout(self)
        heading = QLabel(tr("Prints what the map shows: visible layers, styles, extent and rotation."), self)
        heading.setWordWrap(True)
        outer.addWidget(heading)
        form = QFormLayout()
        outer.addLayout(form)

        self.template_combo = QComboBox(self)
        for name, path, is_user in templates.available_templates():
            label = tr("{name} (own template)").format(name=name) if is_user else templates.sheet_label(name)
            self.template_combo.addItem(label, path)
        remembered = settings.get(SETTINGS_TEMPLATE, "A4_quer")
        for index in range(self.template_combo.count()):
            if os.path.splitext(os.path.basename(self.template_combo.itemData(index)))[0] == remembered:
                self.template_combo.setCurrentIndex(index)
        form.addRow(tr("Template"), self.template_combo)

        self.title_edit = QLineEdit(self)
        self.title_edit.setText(preset_title or self._project_title())
        self.title_edit.setPlaceholderText(tr("e.g. Road condition in the old town"))
        form.addRow(tr("Title"), self.title_edit)
        self.subtitle_edit = QLineEdit(self)
        self.subtitle_edit.setPlaceholderText(tr("e.g. Building committee, 3 December"))
        form.addRow(tr("Subtitle"), self.subtitle_edit)
        self.author_edit = QLineEdit(self)
        self.author_edit.setText(settings.get(SETTINGS_AUTHOR, "") or "")
        self.author_edit.setPlaceholderText(tr("e.g. Department of Urban Planning, J. Müller"))
        form.addRow(tr("Department / author"), self.author_edit)

        self.scale_combo = QComboBox(self)
        self.scale_combo.addItem(tr("Current view"), CURRENT_VIEW)
        for scale in SCALES:
            self.scale_combo.addItem(format_scale(scale), scale)
        form.addRow(tr("Scale"), self.scale_combo)

        self.format_combo = QComboBox(self)
        self.format_combo.addItem(tr("PDF (vector, layers kept)"), "pdf")
        self.format_combo.addItem(tr("PNG image (300 dpi)"), "png")
        self.format_combo.setCurrentIndex(1 if settings.get(SETTINGS_FORMAT, "pdf") == "png" else 0)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        form.addRow(tr("Format"), self.format_combo)

        row = QWidget(self)
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        self.output_edit = QLineEdit(row)
        self.output_edit.setText(self._default_output())
        browse = QPushButton(tr("Browse…"), row)
        browse.clicked.connect(self._browse)
        row_layout.addWidget(self.output_edit, 1)
        row_layout.addWidget(browse)
        form.addRow(tr("Output file"), row)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Print"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        self.buttons.accepted.connect(self.print_and_close)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

    # --- helpers -----------------------------------------------------------------------------
    def _project_title(self):
        from qgis.core import QgsProject

        return QgsProject.instance().title() or ""

    def output_format(self):
        return self.format_combo.currentData()

    def _default_output(self):
        folder = settings.get(SETTINGS_FOLDER, "") or os.path.expanduser("~")
        base = (self.title_edit.text() or tr("Map")).strip()
        safe = "".join(ch if ch.isalnum() or ch in "-_ " else "_" for ch in base).strip().replace(" ", "_") or "Karte"
        return os.path.join(folder, f"{safe}.{self.output_format()}")

    def _format_changed(self):
        path = self.output_edit.text().strip()
        if path:
            self.output_edit.setText(os.path.splitext(path)[0] + "." + self.output_format())

    def _browse(self):
        filters = tr("PDF (*.pdf)") if self.output_format() == "pdf" else tr("PNG image (*.png)")
        path, _selected = QFileDialog.getSaveFileName(self, tr("Save map as"), self.output_edit.text(), filters)
        if path:
            suffix = "." + self.output_format()
            self.output_edit.setText(path if path.lower().endswith(suffix) else path + suffix)

    def selected_scale(self):
        value = self.scale_combo.currentData()
        return None if value in (None, CURRENT_VIEW) else float(value)

    def remember(self):
        settings.set_value(SETTINGS_AUTHOR, self.author_edit.text().strip())
        template = os.path.splitext(os.path.basename(self.template_combo.currentData() or ""))[0]
        settings.set_value(SETTINGS_TEMPLATE, template)
        settings.set_value(SETTINGS_FORMAT, self.output_format())
        folder = os.path.dirname(self.output_edit.text().strip())
        if folder:
            settings.set_value(SETTINGS_FOLDER, folder)

    # --- printing ----------------------------------------------------------------------------
    def print_map(self, feedback=None):
        """Build and export the sheet from the canvas; returns the written path (raises SoestError)."""
        from qgis.core import QgsProject

        from .export import check_writable, export
        from .layout import build_layout

        output = self.output_edit.text().strip()
        check_writable(output)
        canvas = self.iface.mapCanvas() if self.iface else None
        map_settings = canvas.mapSettings() if canvas is not None else None
        scale = self.selected_scale()
        layout = build_layout(
            QgsProject.instance(),
            self.template_combo.currentData(),
            self.title_edit.text().strip(),
            self.subtitle_edit.text().strip(),
            self.author_edit.text().strip(),
            scale=scale,
            map_settings=map_settings if map_settings is not None and map_settings.layers() else None,
        )
        return export(layout, output, feedback=feedback)

    def print_and_close(self):
        self.remember()
        try:
            with export_progress(self, tr("Creating the map…"), tr("Print map")) as feedback:
                path = self.print_map(feedback)
        except Cancelled:
            show_cancelled(self.iface)  # the dialog stays open
            return
        except Exception as error:  # noqa: BLE001 - SoestError and bugs alike: shown, the dialog stays open
            show_error(self.iface, error)
            return
        self.last_output = path
        show_success(self.iface, tr("Map written: {path}").format(path=path))
        self.accept()


def show_cancelled(iface):
    """Short info (not an error) after the user cancelled an export."""
    from qgis.core import Qgis

    if iface is not None:
        iface.messageBar().pushMessage(
            TITLE, tr("Cancelled: no file was written."), level=Qgis.MessageLevel.Info, duration=5
        )


def open_print_dialog(iface, parent=None, preset_title=None):
    """Show the print dialog (modal); returns the written file or None. Docks and the menu call this."""
    dialog = PrintDialog(iface, parent, preset_title)
    dialog.exec_()
    return dialog.last_output


def start_report(iface, report, input_path, filter_expression=None, parent=None, output_path=None):
    """Ask for a PDF name (unless given) and write report ``report`` (damage|stop|building) of ``input_path``."""
    from .reports import print_report, report_id, report_names

    rid_names = report_names()
    try:
        rid = report_id(report)
    except SoestError as error:
        show_error(iface, error)
        return None
    if output_path is None:
        folder = settings.get(SETTINGS_FOLDER, "") or os.path.expanduser("~")
        suggestion = os.path.join(folder, rid_names[rid].replace(" ", "_") + ".pdf")
        output_path, _selected = QFileDialog.getSaveFileName(
            parent or iface.mainWindow(), rid_names[rid], suggestion, tr("PDF (*.pdf)")
        )
        if not output_path:
            return None
        if not output_path.lower().endswith(".pdf"):
            output_path += ".pdf"
        settings.set_value(SETTINGS_FOLDER, os.path.dirname(output_path))
    window = parent or (iface.mainWindow() if iface is not None else None)
    try:
        with export_progress(window, tr("Creating the report…"), rid_names[rid]) as feedback:
            result = print_report(
                rid,
                input_path,
                output_path,
                feedback=feedback,
                filter_expression=filter_expression,
                author=settings.get(SETTINGS_AUTHOR, "") or None,
            )
    except Cancelled:
        show_cancelled(iface)
        return None
    except Exception as error:  # noqa: BLE001 - SoestError and bugs alike go to the message bar
        show_error(iface, error)
        return None
    if feedback.warnings:
        show_warning(iface, "\n".join(dict.fromkeys(feedback.warnings)))
    show_success(iface, tr("Report written: {path} ({pages} pages)").format(path=output_path, pages=result["pages"]))
    return output_path


def print_icon():
    from qgis.core import QgsApplication

    return QgsApplication.getThemeIcon("/mActionFilePrint.svg")


def report_button(iface, report, input_path, parent=None, filter_expression=None):
    """A button that writes a standard report; ``input_path``/``filter_expression`` may be callables
    (evaluated on click, e.g. the dock's current store and the selected buildings)."""
    from .reports import report_id, report_names

    label = tr("{report} (PDF)…").format(report=report_names()[report_id(report)])
    button = QPushButton(print_icon(), label, parent)
    button.setObjectName("SoestReportButton_" + report_id(report))

    def clicked(_checked=False):
        path = input_path() if callable(input_path) else input_path
        expression = filter_expression() if callable(filter_expression) else filter_expression
        if not path:
            show_error(iface, SoestError(tr("Open or create a store first.")))
            return
        start_report(iface, report, path, filter_expression=expression, parent=parent)

    button.clicked.connect(clicked)
    return button
