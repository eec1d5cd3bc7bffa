"""The print dialog with pytest-qt and pytest-qgis's iface: fields, remembered author, real export."""

import pytest
from qgis.PyQt.QtWidgets import QDialogButtonBox

from soest_qgis_plugin.common import settings
from soest_qgis_plugin.printing.dialog import PrintDialog, open_print_dialog, start_report

from .sample_data import pdf_page_size_mm, pdf_text


@pytest.fixture
def clean_settings(qgis_app):
    keys = ("printing/author", "printing/template", "printing/format", "printing/folder")
    saved = {key: settings.get(key) for key in keys}
    for key in keys:
        settings.set_value(key, "")
    yield
    for key, value in saved.items():
        settings.set_value(key, value if value is not None else "")


def test_dialog_lists_templates_scales_and_prints_pdf(
    qtbot, qgis_iface, canvas_project, tmp_path, german_printing, clean_settings
):
    dialog = PrintDialog(qgis_iface, preset_title="Straßenschäden Innenstadt")
    qtbot.addWidget(dialog)
    assert dialog.title_edit.text() == "Straßenschäden Innenstadt"
    labels = [dialog.template_combo.itemText(i) for i in range(dialog.template_combo.count())]
    assert labels[:4] == ["A4 hoch", "A4 quer", "A3 quer", "A1 quer (Plakat)"]
    scales = [dialog.scale_combo.itemText(i) for i in range(dialog.scale_combo.count())]
    assert scales[0] == "Aktuelle Ansicht" and "1:10.000" in scales and "1:500" in scales
    dialog.template_combo.setCurrentIndex(0)
    dialog.subtitle_edit.setText("Ortstermin")
    dialog.author_edit.setText("Tiefbauamt, Frau Schäfer")
    dialog.scale_combo.setCurrentIndex(scales.index("1:2.500"))
    out = tmp_path / "karte.pdf"
    dialog.output_edit.setText(str(out))
    dialog.show()
    dialog.grab().save("/tmp/soest_print_dialog.png")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.last_output == str(out)
    assert pdf_page_size_mm(out) == pytest.approx((210, 297), abs=1)
    text = pdf_text(out)
    assert "Straßenschäden Innenstadt" in text and "Tiefbauamt, Frau Schäfer" in text and "Maßstab 1:2.500" in text
    assert settings.get("printing/author") == "Tiefbauamt, Frau Schäfer"
    again = PrintDialog(qgis_iface)
    qtbot.addWidget(again)
    assert again.author_edit.text() == "Tiefbauamt, Frau Schäfer"
    assert again.template_combo.currentIndex() == 0


def test_dialog_png_format_changes_suffix(qtbot, qgis_iface, canvas_project, tmp_path, clean_settings):
    dialog = PrintDialog(qgis_iface)
    qtbot.addWidget(dialog)
    dialog.output_edit.setText(str(tmp_path / "karte.pdf"))
    dialog.format_combo.setCurrentIndex(1)
    assert dialog.output_edit.text() == str(tmp_path / "karte.png")
    dialog.title_edit.setText("PNG-Test")
    dialog.print_and_close()
    assert (tmp_path / "karte.png").exists()


def test_dialog_error_goes_to_message_bar_and_keeps_dialog_open(
    qtbot, qgis_iface, canvas_project, tmp_path, german_printing, clean_settings, monkeypatch
):
    messages = []
    monkeypatch.setattr(qgis_iface.messageBar(), "pushMessage", lambda *args, **kwargs: messages.append(args))
    dialog = PrintDialog(qgis_iface)
    qtbot.addWidget(dialog)
    blocker = tmp_path / "datei"
    blocker.write_text("x")
    dialog.output_edit.setText(str(blocker / "karte.pdf"))
    dialog.print_and_close()
    assert dialog.last_output is None and dialog.result() == 0
    assert messages and "kann nicht geschrieben werden" in messages[-1][1]


def test_open_print_dialog_returns_output(qtbot, qgis_iface, canvas_project, tmp_path, monkeypatch, clean_settings):
    def fake_exec(self):
        self.output_edit.setText(str(tmp_path / "x.pdf"))
        self.print_and_close()
        return 1

    monkeypatch.setattr(PrintDialog, "exec_", fake_exec)
    assert open_print_dialog(qgis_iface, preset_title="Titel") == str(tmp_path / "x.pdf")


def test_start_report_writes_pdf_and_reports(qgis_iface, damage_store, tmp_path, monkeypatch, german_printing):
    messages = []
    monkeypatch.setattr(qgis_iface.messageBar(), "pushMessage", lambda *args, **kwargs: messages.append(args))
    out = tmp_path / "bericht.pdf"
    assert start_report(qgis_iface, "damage", str(damage_store), output_path=str(out)) == str(out)
    assert out.exists() and "Bericht gespeichert" in messages[-1][1]
    assert start_report(qgis_iface, "Baumkataster", str(damage_store), output_path=str(out)) is None
    assert "Unbekannter Bericht" in messages[-1][1]


def test_report_button_writes_reports(qtbot, qgis_iface, monkeypatch, damage_store, german_printing):
    from soest_qgis_plugin.printing import dialog as dialog_module

    written = []

    def fake_start(iface, report, path, filter_expression=None, parent=None):
        written.append((report, path, filter_expression))

    monkeypatch.setattr(dialog_module, "start_report", fake_start)
    button = dialog_module.report_button(
        qgis_iface, "damage", lambda: str(damage_store), None, lambda: "\"street\" = 'Grandweg'"
    )
    qtbot.addWidget(button)
    assert button.text() == "Schadensbericht (PDF)…"
    button.click()
    assert written == [("damage", str(damage_store), "\"street\" = 'Grandweg'")]
    messages = []
    monkeypatch.setattr(qgis_iface.messageBar(), "pushMessage", lambda *args, **kwargs: messages.append(args))
    empty = dialog_module.report_button(qgis_iface, "stop", lambda: None)
    qtbot.addWidget(empty)
    empty.click()
    assert "Speicher" in messages[-1][1] and len(written) == 1
