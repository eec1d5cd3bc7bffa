"""Progress and cancel of the main-thread exports: the modal progress dialog, "Abbrechen", no partial files."""

import shutil
from pathlib import Path

import pytest
from qgis.core import Qgis, QgsProcessingFeedback
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication, QProgressDialog, QPushButton

from soest_qgis_plugin.common.feedback import CollectingFeedback
from soest_qgis_plugin.printing import export as export_module
from soest_qgis_plugin.printing import progress
from soest_qgis_plugin.printing.dialog import PrintDialog, start_report
from soest_qgis_plugin.printing.reports import print_report

from .sample_data import make_damage_store, pdf_info, pdf_text

REVIEW = Path("/tmp/soest-printing-review")
N_DAMAGES = 24  # 1 cover page + 24 damage pages


@pytest.fixture
def big_damage_store(tmp_path):
    return make_damage_store(tmp_path / "schaeden.gpkg", n=N_DAMAGES)


@pytest.fixture
def messages(qgis_iface, monkeypatch):
    pushed = []
    monkeypatch.setattr(qgis_iface.messageBar(), "pushMessage", lambda *args, **kwargs: pushed.append((args, kwargs)))
    return pushed


@pytest.fixture
def watch(monkeypatch):
    """Records what the progress dialog shows at every step and progress signal; ``on_step`` hooks in."""
    record = {"steps": [], "values": [], "dialogs": [], "on_step": None}
    original_step = progress.ProgressFeedback.show_step
    original_progress = progress.ProgressFeedback._show_progress

    def show_step(self, text):
        original_step(self, text)
        dialog = self.dialog
        if not record["dialogs"] or record["dialogs"][-1] is not dialog:
            record["dialogs"].append(dialog)
        record["steps"].append((dialog.labelText(), dialog.value(), dialog.isVisible(), dialog.windowModality()))
        if record["on_step"] is not None:
            record["on_step"](self, text)

    def show_progress(self, percent):
        original_progress(self, percent)
        record["values"].append(self.dialog.value())

    monkeypatch.setattr(progress.ProgressFeedback, "show_step", show_step)
    monkeypatch.setattr(progress.ProgressFeedback, "_show_progress", show_progress)
    return record


def cancel_button(dialog):
    buttons = [button for button in dialog.findChildren(QPushButton) if button.isVisible()]
    assert len(buttons) == 1
    return buttons[0]


def leftovers(folder, name):
    """Files of the export in ``folder``: the target and atomic_path's temporaries (.tmp-<name>-…)."""
    stem = Path(name).stem
    return sorted(p.name for p in Path(folder).iterdir() if p.name == name or p.name.startswith(f".tmp-{stem}-"))


def open_progress_dialogs():
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, QProgressDialog) and widget.objectName() == progress.OBJECT_NAME and widget.isVisible()
    ]


def test_report_shows_pages_in_progress_dialog_and_writes_pdf(
    qgis_iface, big_damage_store, tmp_path, german_printing, messages, watch
):
    total = N_DAMAGES + 1
    shots = []

    def grab(feedback, text):
        if text == f"Seite 12 von {total}":
            REVIEW.mkdir(parents=True, exist_ok=True)
            path = tmp_path / "progress_dialog.png"
            assert feedback.dialog.grab().save(str(path))
            shutil.copy(path, REVIEW / "progress_dialog.png")
            shots.append(path)
            assert cancel_button(feedback.dialog).text() == "Abbrechen"
            assert feedback.dialog.windowTitle() == "Schadensbericht"

    watch["on_step"] = grab
    out = tmp_path / "bericht.pdf"
    assert start_report(qgis_iface, "damage", str(big_damage_store), output_path=str(out)) == str(out)

    labels = [label for label, _value, _visible, _modality in watch["steps"]]
    assert f"Bericht wird erstellt…\nDaten werden zusammengestellt: 1 von {N_DAMAGES}" in labels
    for page in (1, 2, 12, total):
        assert f"Bericht wird erstellt…\nSeite {page} von {total}" in labels
    page_labels = [label for label in labels if "Seite" in label]
    assert page_labels == [f"Bericht wird erstellt…\nSeite {page} von {total}" for page in range(1, total + 1)]
    assert all(visible for _label, _value, visible, _modality in watch["steps"])
    assert {modality for *_rest, modality in watch["steps"]} == {progress.Qt.WindowModality.ApplicationModal}
    assert len(watch["dialogs"]) == 1
    values = watch["values"]
    assert values == sorted(values) and values[0] < 10 and values[-1] == 100
    assert len(set(values)) > total // 2  # moves page by page, not in one jump
    assert shots and shots[0].stat().st_size > 0
    assert open_progress_dialogs() == []  # closed after the run

    assert int(pdf_info(out)["Pages"]) == total
    assert f"Seite {total} von {total}" in pdf_text(out, total)
    (title, text, *_rest), _kwargs = messages[-1]
    assert title == "Soest" and text == f"Bericht gespeichert: {out} ({total} Seiten)"


def test_cancel_after_page_3_stops_report_and_leaves_no_file(
    qgis_iface, big_damage_store, tmp_path, german_printing, messages, watch
):
    total = N_DAMAGES + 1

    def cancel_after_page_3(feedback, text):
        if text == f"Seite 4 von {total}":  # pages 1-3 are rendered, page 4 is next
            cancel_button(feedback.dialog).click()

    watch["on_step"] = cancel_after_page_3
    out = tmp_path / "bericht.pdf"
    assert start_report(qgis_iface, "damage", str(big_damage_store), output_path=str(out)) is None

    page_labels = [label for label, *_rest in watch["steps"] if "Seite" in label]
    assert page_labels[-1] == f"Bericht wird erstellt…\nSeite 4 von {total}"  # nothing after the click
    assert max(watch["values"]) < 100
    assert leftovers(tmp_path, "bericht.pdf") == []
    assert open_progress_dialogs() == []
    (title, text, *_rest), kwargs = messages[-1]
    assert title == "Soest" and text == "Abgebrochen: Es wurde keine Datei geschrieben."
    assert kwargs["level"] == Qgis.MessageLevel.Info


def test_cancelled_report_keeps_the_previous_file(qgis_iface, big_damage_store, tmp_path, messages, watch):
    out = tmp_path / "bericht.pdf"
    out.write_bytes(b"%PDF-1.4 previous version")

    def cancel_on_page_2(feedback, text):
        if text.startswith("Page 2 of") or text.startswith("Seite 2 von"):
            feedback.dialog.cancel()  # as closing the dialog with Esc does

    watch["on_step"] = cancel_on_page_2
    assert start_report(qgis_iface, "damage", str(big_damage_store), output_path=str(out)) is None
    assert out.read_bytes() == b"%PDF-1.4 previous version"
    assert leftovers(tmp_path, "bericht.pdf") == ["bericht.pdf"]


def test_print_map_cancel_clicked_during_render_leaves_no_file(
    qtbot, qgis_iface, canvas_project, tmp_path, german_printing, messages, monkeypatch
):
    """A click on "Abbrechen" while the sheet renders waits in the event queue; it is seen right after
    the render, before the file is renamed into place."""
    seen = {}

    class ClickDuringRender(export_module.QgsLayoutExporter):
        def exportToPdf(self, path, settings):  # noqa: N802 - QGIS API
            result = super().exportToPdf(path, settings)
            dialogs = open_progress_dialogs()
            seen["dialog"] = (len(dialogs), dialogs[0].labelText() if dialogs else None)
            QTimer.singleShot(0, cancel_button(dialogs[0]).click)  # queued as a real click would be
            return result

    monkeypatch.setattr(export_module, "QgsLayoutExporter", ClickDuringRender)
    dialog = PrintDialog(qgis_iface, preset_title="Abbruchtest")
    qtbot.addWidget(dialog)
    dialog.output_edit.setText(str(tmp_path / "karte.pdf"))
    dialog.print_and_close()
    assert seen["dialog"] == (1, "Karte wird erstellt…")
    assert leftovers(tmp_path, "karte.pdf") == []
    assert dialog.last_output is None and dialog.result() == 0  # the print dialog stays open
    (_title, text, *_rest), _kwargs = messages[-1]
    assert text == "Abgebrochen: Es wurde keine Datei geschrieben."


def test_print_map_with_progress_dialog_writes_file(qtbot, qgis_iface, canvas_project, tmp_path, messages):
    dialog = PrintDialog(qgis_iface, preset_title="Fortschritt")
    qtbot.addWidget(dialog)
    dialog.output_edit.setText(str(tmp_path / "karte.pdf"))
    dialog.print_and_close()
    assert dialog.last_output == str(tmp_path / "karte.pdf")
    assert int(pdf_info(tmp_path / "karte.pdf")["Pages"]) == 1
    assert leftovers(tmp_path, "karte.pdf") == ["karte.pdf"]
    assert open_progress_dialogs() == []


def test_core_report_progress_rises_to_100_and_cancel_leaves_nothing(big_damage_store, tmp_path, qgis_app):
    feedback = CollectingFeedback()
    out = tmp_path / "kern.pdf"
    result = print_report("damage", big_damage_store, out, feedback=feedback)
    assert result["pages"] == N_DAMAGES + 1
    assert feedback.progress == sorted(feedback.progress) and feedback.progress[-1] == pytest.approx(100)
    # After the data (30 %) every page moves the bar.
    assert sum(1 for value in feedback.progress if value > 30) == N_DAMAGES + 1

    checks = CollectingFeedback()
    print_report("damage", big_damage_store, tmp_path / "zaehlung.pdf", feedback=checks)
    cancel_at = checks._checks - 5  # a few checks before the end: in the middle of the pages
    from soest_qgis_plugin.common.errors import Cancelled

    with pytest.raises(Cancelled):
        print_report("damage", big_damage_store, tmp_path / "abbruch.pdf", feedback=CollectingFeedback(cancel_at))
    assert leftovers(tmp_path, "abbruch.pdf") == []


class RecordingFeedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.values = []
        self.texts = []
        self.progressChanged.connect(self.values.append)

    def setProgressText(self, text):  # noqa: N802 - QGIS API
        self.texts.append(text)
        super().setProgressText(text)


def test_processing_report_reports_progress_page_by_page(soest_provider, big_damage_store, tmp_path):
    import processing

    feedback = RecordingFeedback()
    out = tmp_path / "algo.pdf"
    result = processing.run(
        "soest:print_report",
        {"REPORT": "damage", "INPUT": str(big_damage_store), "OUTPUT": str(out)},
        feedback=feedback,
    )
    assert result["PAGES"] == N_DAMAGES + 1
    values = feedback.values
    assert values == sorted(values) and values[-1] == 100
    assert sum(1 for value in values if 30 < value < 100) >= N_DAMAGES - 1
    assert feedback.texts == []  # no status line per page in the Processing log
