"""Export print layouts to PDF (vector) and PNG, atomically and with German errors.

The file appears under its real name only when the export succeeded; a failed or cancelled
export leaves no partial file behind.
"""

import contextlib
import os

from qgis.core import QgsLayoutExporter, QgsLayoutRenderContext, QgsRenderContext, QgsUnitTypes
from qgis.PyQt.QtCore import QMarginsF, QSizeF
from qgis.PyQt.QtGui import QPageLayout, QPageSize, QPainter
from qgis.PyQt.QtPrintSupport import QPrinter

from ..common.atomic import atomic_path
from ..common.errors import Cancelled, InputError
from ..common.feedback import raise_if_canceled
from ..common.i18n import tr

PNG_DPI = 300
PDF_DPI = 300


def check_writable(path):
    """Raise a German InputError when ``path`` cannot be written (before any work is done)."""
    if not path:
        raise InputError(tr("No output file given."))
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path)) or "."
    existing = folder
    while not os.path.isdir(existing):
        parent = os.path.dirname(existing)
        if parent == existing:
            break
        existing = parent
    if os.path.isdir(path):
        raise InputError(tr("The output is a folder, not a file: {path}").format(path=path))
    if not os.access(existing, os.W_OK | os.X_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        raise InputError(tr("The output file cannot be written (no permission): {path}").format(path=path))
    return path


def _error_for(result, path):
    codes = {
        QgsLayoutExporter.ExportResult.FileError: tr("The output file cannot be written: {path}"),
        QgsLayoutExporter.ExportResult.PrintError: tr("The PDF could not be created: {path}"),
        QgsLayoutExporter.ExportResult.MemoryError: tr("Not enough memory to export the sheet: {path}"),
        QgsLayoutExporter.ExportResult.SvgLayerError: tr("The SVG could not be created: {path}"),
        QgsLayoutExporter.ExportResult.IteratorError: tr("The report pages could not be created: {path}"),
    }
    if result == QgsLayoutExporter.ExportResult.Canceled:
        return Cancelled(tr("Cancelled by the user."))
    return InputError(codes.get(result, tr("The export failed: {path}")).format(path=path))


@contextlib.contextmanager
def quiet_gdal():
    """Silence GDAL's console chatter during an export (GeoPDF page size notes, PNG georeferencing)."""
    try:
        from osgeo import gdal
    except ImportError:
        yield
        return
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        yield
    finally:
        gdal.PopErrorHandler()


@contextlib.contextmanager
def _atomic_output(path):
    check_writable(path)
    try:
        with atomic_path(path) as tmp:
            yield tmp
    except PermissionError as error:
        raise InputError(tr("The output file cannot be written (no permission): {path}").format(path=path)) from error
    except OSError as error:
        if isinstance(error, InputError):
            raise
        raise InputError(tr("The output file cannot be written: {path}").format(path=path) + f" ({error})") from error


def pdf_settings(dpi=PDF_DPI, layered=False):
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = dpi
    settings.rasterizeWholeImage = False
    settings.forceVectorOutput = True
    settings.exportMetadata = True
    settings.appendGeoreference = True
    settings.textRenderFormat = QgsRenderContext.TextFormatAlwaysText
    # GeoPDF with one optional-content layer per map layer: "layers kept" in Acrobat/QGIS.
    settings.writeGeoPdf = bool(layered)
    settings.includeGeoPdfFeatures = False
    return settings


def export_pdf(layout, path, layered=True, feedback=None):
    """Write ``layout`` as a vector PDF (with map layers as PDF layers when GDAL can); returns path."""
    raise_if_canceled(feedback)
    with _atomic_output(path) as tmp, quiet_gdal():
        exporter = QgsLayoutExporter(layout)
        result = exporter.exportToPdf(tmp, pdf_settings(layered=layered))
        if layered and result != QgsLayoutExporter.ExportResult.Success:
            # GeoPDF needs GDAL's PDF writer; fall back to a plain vector PDF.
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            result = exporter.exportToPdf(tmp, pdf_settings(layered=False))
        if result != QgsLayoutExporter.ExportResult.Success:
            raise _error_for(result, path)
        raise_if_canceled(feedback)
    return path


def export_png(layout, path, dpi=PNG_DPI, feedback=None):
    """Write the first page of ``layout`` as a PNG at ``dpi`` (default 300); returns path."""
    raise_if_canceled(feedback)
    with _atomic_output(path) as tmp, quiet_gdal():
        settings = QgsLayoutExporter.ImageExportSettings()
        settings.dpi = float(dpi)
        settings.pages = [0]
        settings.generateWorldFile = False
        settings.exportMetadata = False  # GDAL cannot update PNG metadata in place (noisy error)
        result = QgsLayoutExporter(layout).exportToImage(tmp, settings)
        if result != QgsLayoutExporter.ExportResult.Success:
            raise _error_for(result, path)
        raise_if_canceled(feedback)
    return path


def export(layout, path, dpi=PNG_DPI, feedback=None):
    """PDF or PNG by the file's suffix."""
    suffix = os.path.splitext(os.fspath(path))[1].lower()
    if suffix == ".pdf":
        return export_pdf(layout, path, feedback=feedback)
    if suffix == ".png":
        return export_png(layout, path, dpi=dpi, feedback=feedback)
    raise InputError(tr("Unsupported output format '{suffix}': use .pdf or .png").format(suffix=suffix or "-"))


def export_pages_pdf(sections, path, feedback=None, dpi=PDF_DPI, progress_start=0.0):
    """Render several layouts (plain or atlas) one after the other into one PDF (reports).

    ``sections`` is a list of QgsPrintLayout; a layout with an enabled atlas contributes one page
    set per atlas feature. Progress goes from ``progress_start`` to 100 page by page, the feedback
    is checked for cancel before every page (a cancelled export leaves no file). Returns the number
    of pages written.
    """
    raise_if_canceled(feedback)
    total = sum(_feature_count(layout) * max(layout.pageCollection().pageCount(), 1) for layout in sections) or 1
    pager = _Pager(feedback, total, progress_start)
    with _atomic_output(path) as tmp:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(tmp)
        printer.setResolution(dpi)
        printer.setFullPage(True)
        painter = None
        try:
            for layout in sections:
                layout.renderContext().setDpi(dpi)
                layout.renderContext().setFlag(QgsLayoutRenderContext.Flag.FlagForceVectorOutput, True)
                layout.renderContext().setTextRenderFormat(QgsRenderContext.TextFormatAlwaysText)
                atlas = layout.atlas() if hasattr(layout, "atlas") else None
                if atlas is not None and atlas.enabled():
                    if not atlas.beginRender():
                        raise InputError(tr("The report pages could not be created: {path}").format(path=path))
                    try:
                        for index in range(atlas.count()):
                            raise_if_canceled(feedback)
                            atlas.seekTo(index)
                            painter = _render_all_pages(layout, printer, painter, pager)
                    finally:
                        atlas.endRender()
                else:
                    painter = _render_all_pages(layout, printer, painter, pager)
        finally:
            if painter is not None:
                painter.end()
        if pager.pages == 0:
            raise InputError(tr("The report has no pages: nothing to print."))
    return pager.pages


def _feature_count(layout):
    atlas = layout.atlas() if hasattr(layout, "atlas") else None
    if atlas is not None and atlas.enabled():
        atlas.updateFeatures()
        return atlas.count()
    return 1


def report_step(feedback, text):
    """A short status line ("Seite 12 von 140") for feedbacks that show one (``show_step``, the
    progress dialog of the GUI); Processing feedbacks get the percentage only (no log line per page)."""
    show = getattr(feedback, "show_step", None)
    if show is not None:
        show(text)


class _Pager:
    """Counts the rendered pages: cancel check and "Page n of m" before a page, progress after it."""

    def __init__(self, feedback, total, start=0.0):
        self.feedback = feedback
        self.total = total
        self.start = max(0.0, min(float(start), 100.0))
        self.pages = 0

    def before_page(self):
        raise_if_canceled(self.feedback)
        self.total = max(self.total, self.pages + 1)
        report_step(self.feedback, tr("Page {page} of {pages}").format(page=self.pages + 1, pages=self.total))

    def after_page(self):
        self.pages += 1
        if self.feedback is not None:
            self.feedback.setProgress(self.start + (100.0 - self.start) * min(self.pages / self.total, 1.0))


def _render_all_pages(layout, printer, painter, pager):
    exporter = QgsLayoutExporter(layout)
    collection = layout.pageCollection()
    for index in range(collection.pageCount()):
        pager.before_page()
        page = collection.page(index)
        size = (
            layout.renderContext()
            .measurementConverter()
            .convert(page.pageSize(), QgsUnitTypes.LayoutUnit.LayoutMillimeters)
        )
        width, height = size.width(), size.height()
        page_layout = QPageLayout(
            QPageSize(QSizeF(width, height), QPageSize.Unit.Millimeter),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
        printer.setPageLayout(page_layout)
        if painter is None:
            painter = QPainter()
            if not painter.begin(printer):
                raise InputError(tr("The PDF could not be created: {path}").format(path=printer.outputFileName()))
        else:
            printer.newPage()
        exporter.renderPage(painter, index)
        pager.after_page()
    return painter
