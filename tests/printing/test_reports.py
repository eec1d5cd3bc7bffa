"""Atlas reports: one page per feature, texts with umlauts, photo crops and German errors."""

import pytest

from soest_qgis_plugin.common.errors import InputError, StoreError
from soest_qgis_plugin.common.feedback import CollectingFeedback
from soest_qgis_plugin.printing import reports
from soest_qgis_plugin.printing.reports import crop_box, parse_criteria, print_report, report_id

from .sample_data import copy_for_review, make_damage_store, pdf_info, pdf_page_size_mm, pdf_text, pdf_to_png


def page_count(pdf):
    return int(pdf_info(pdf)["Pages"])


def test_damage_report_has_cover_and_one_page_per_confirmed_damage(tmp_path, german_printing):
    store = make_damage_store(tmp_path / "schaeden.gpkg", n=6, confirmed_every=2)  # 3 confirmed, 3 rejected
    out = tmp_path / "bericht.pdf"
    feedback = CollectingFeedback()
    result = print_report("Schadensbericht", store, out, feedback=feedback)
    assert result["features"] == 3 and result["pages"] == 4
    assert page_count(out) == 4
    assert pdf_page_size_mm(out) == pytest.approx((210, 297), abs=1)
    cover = pdf_text(out, 1)
    assert "Bericht zum Straßenzustand" in cover and "3 bestätigte Schäden" in cover
    assert "Brüderstraße" in cover and "Seite 1 von 4" in cover
    page = pdf_text(out, 2)
    for text in ("Schadensklasse", "Schweregrad", "Geprüft von", "Jürgen Müller", "Geprüft am", "Seite 2 von 4"):
        assert text in page, text
    all_text = pdf_text(out)
    assert "Längsriss" in all_text and "Schlagloch" in all_text
    assert "Querriss" not in all_text  # damage 1 and 3 are rejected (Querriss, Netzriss)
    assert feedback.progress and feedback.progress[-1] == pytest.approx(100)
    png = pdf_to_png(out, tmp_path / "seite2", page=2, dpi=50)
    copy_for_review(png, "report_damage_page2.png")


def test_damage_photo_is_cropped_around_the_detection(tmp_path, qgis_app):
    from PIL import Image

    store = make_damage_store(tmp_path / "schaeden.gpkg", n=1)
    photos = reports.KeyPhotos(str(store))
    target = tmp_path / "crop.png"
    assert photos.crop(1, 1, str(target))
    photos.close()
    with Image.open(target) as crop:
        assert crop.width / crop.height == pytest.approx(186 / 110, rel=0.02)
        assert crop.width < 640  # a crop, not the whole frame


def test_missing_photo_gives_placeholder_and_warning(tmp_path, german_printing):
    store = make_damage_store(tmp_path / "schaeden.gpkg", n=2, photos=False)
    feedback = CollectingFeedback()
    result = print_report("damage", store, tmp_path / "b.pdf", feedback=feedback)
    assert result["pages"] == 3
    assert any("kein Schlüsselfoto" in w for w in feedback.warnings)


def test_crop_box_keeps_aspect_and_stays_inside():
    box = crop_box((0, 0, 50, 20), 640, 480, padding=0.5, aspect=1.5)
    assert box[0] >= 0 and box[1] >= 0 and box[2] <= 640 and box[3] <= 480
    assert (box[2] - box[0]) / (box[3] - box[1]) == pytest.approx(1.5)
    whole = crop_box((0, 0, 640, 480), 640, 480, padding=1, aspect=1.5)
    assert whole[2] - whole[0] <= 640 and whole[3] - whole[1] <= 480


def test_stop_report_one_page_per_stop_with_checks_and_gaps(shuttle_result, tmp_path, german_printing):
    out = tmp_path / "steckbrief.pdf"
    result = print_report("Haltestellen-Steckbrief", shuttle_result, out)
    assert result["pages"] == 3 == page_count(out)
    page = pdf_text(out, 1) + pdf_text(out, 2) + pdf_text(out, 3)
    for text in (
        "Bahnhof Süd",
        "Grandweg/Höggenstraße",
        "Bordhöhe am Einstieg",
        "Taktiles Einstiegsfeld",
        "erfüllt",
        "unbekannt",
    ):
        assert text in page, text
    first = pdf_text(out, 1)
    assert "Versorgungslücken" in first and "Querung an der Straße 1 ohne akustisches Signal" in first
    assert "Seite 1 von 3" in first and "Note" in first and "1 nicht erfüllt" in first
    second = pdf_text(out, 2)
    # the kerb gap refers to stop S002 by id; the far-away stair is on no page
    assert "Bordhöhe 12 cm → 22 cm" in second and "Bordhöhe 12 cm" not in first
    assert "Weit entfernte Treppe" not in page
    png = pdf_to_png(out, tmp_path / "stop", page=1, dpi=50)
    copy_for_review(png, "report_stop_page1.png")


def test_building_report_one_page_per_filtered_building(city_store, tmp_path, german_printing):
    out = tmp_path / "datenblatt.pdf"
    feedback = CollectingFeedback()
    result = print_report(
        "Gebäude-Datenblatt",
        city_store,
        out,
        feedback=feedback,
        filter_expression="\"gml_id\" IN ('DENW36AL10000000', 'DENW36AL10000002')",
    )
    assert result["pages"] == 2 == page_count(out)
    text = pdf_text(out)
    for label in (
        "Gebäudefunktion",
        "Dachform",
        "Wohngebäude",
        "Satteldach",
        "Gebäudehöhe (m)",
        "Marktstraße 1",
        "Brüderstraße 3",
    ):
        assert label in text, label
    assert "Grandweg 2" not in text
    png = pdf_to_png(out, tmp_path / "building", page=1, dpi=50)
    copy_for_review(png, "report_building_page1.png")


def test_building_report_without_pyvista_has_a_note(city_store, tmp_path, german_printing, monkeypatch):
    import soest_qgis_plugin.common.deps as deps

    real = deps.is_available
    monkeypatch.setattr(deps, "is_available", lambda module: False if module == "pyvista" else real(module))
    feedback = CollectingFeedback()
    out = tmp_path / "ohne3d.pdf"
    print_report("building", city_store, out, feedback=feedback)
    assert "pyvista" in pdf_text(out, 1)
    assert any("pyvista" in w for w in feedback.warnings)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Schadensbericht", "damage"),
        ("damage", "damage"),
        ("Haltestellen-Steckbrief", "stop"),
        ("stop", "stop"),
        ("Gebäude-Datenblatt", "building"),
        ("BUILDING", "building"),
    ],
)
def test_report_ids(name, expected, qgis_app):
    assert report_id(name) == expected


def test_unknown_report_and_missing_input_are_german_errors(tmp_path, german_printing):
    with pytest.raises(InputError, match="Unbekannter Bericht"):
        report_id("Baumkataster")
    with pytest.raises(InputError, match="Eingabe-GeoPackage nicht gefunden"):
        print_report("damage", tmp_path / "fehlt.gpkg", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_wrong_store_is_a_german_store_error_without_file(city_store, tmp_path, german_printing):
    out = tmp_path / "x.pdf"
    with pytest.raises(StoreError, match="keine Ebene „damages“"):
        print_report("damage", city_store, out)
    assert not out.exists()


def test_no_confirmed_damage_is_a_clear_error(tmp_path, german_printing):
    store = make_damage_store(tmp_path / "schaeden.gpkg", n=1)
    out = tmp_path / "x.pdf"
    with pytest.raises(InputError, match="keine bestätigten Schäden"):
        print_report("damage", store, out, filter_expression="\"street\" = 'Nirgendwo'")
    assert not out.exists()


def test_cancel_leaves_no_file(tmp_path, german_printing):
    from soest_qgis_plugin.common.errors import Cancelled

    store = make_damage_store(tmp_path / "schaeden.gpkg", n=5)
    out = tmp_path / "x.pdf"
    with pytest.raises(Cancelled):
        print_report("damage", store, out, feedback=CollectingFeedback(cancel_after=3))
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf"] == []


def test_parse_criteria_variants():
    assert parse_criteria('{"Rampe": "passed", "Dach": false}') == [("Rampe", "passed"), ("Dach", "failed")]
    assert parse_criteria('[{"name": "Licht", "status": "unknown"}, {"name": "Bank", "passed": true}]') == [
        ("Licht", "unknown"),
        ("Bank", "passed"),
    ]
    assert parse_criteria("Rampe: ja; Dach: nein; Info") == [
        ("Rampe", "passed"),
        ("Dach", "failed"),
        ("Info", "unknown"),
    ]
    assert parse_criteria(None) == []


def test_cover_shows_street_condition_when_the_store_has_it(tmp_path, german_printing):
    from .sample_data import add_condition_layer

    store = add_condition_layer(make_damage_store(tmp_path / "schaeden.gpkg", n=2))
    out = tmp_path / "bericht.pdf"
    print_report("damage", store, out)
    cover = pdf_text(out, 1)
    assert "Straßenzustand (Note 1–5)" in cover and "leicht" in cover


def test_photo_crop_respects_exif_orientation(tmp_path, qgis_app):
    """Detection boxes are in pixels of the upright photo; a photo stored rotated with an EXIF tag crops the same."""
    import numpy as np
    from PIL import Image

    from .sample_data import make_photo

    (tmp_path / "a").mkdir()
    upright_store = make_damage_store(tmp_path / "a" / "s.gpkg", n=1)
    rotated_dir = tmp_path / "b"
    rotated_dir.mkdir()
    rotated_store = make_damage_store(rotated_dir / "s.gpkg", n=1)
    photo = rotated_dir / "frames" / "frame_0000.jpg"
    make_photo(photo, 0)
    with Image.open(photo) as image:
        stored = image.transpose(Image.Transpose.ROTATE_90)  # what a camera writes with orientation 6
        exif = Image.Exif()
        exif[0x0112] = 6
        stored.save(photo, exif=exif, quality=95)
    crops = []
    for store in (upright_store, rotated_store):
        photos = reports.KeyPhotos(str(store))
        target = store.parent / "crop.png"
        assert photos.crop(1, 1, str(target))
        photos.close()
        with Image.open(target) as crop:
            crops.append(np.asarray(crop.convert("L"), dtype=float))
    assert crops[0].shape == crops[1].shape
    assert np.abs(crops[0] - crops[1]).mean() < 12  # same scene (JPEG noise aside)


def test_selection_filter_prints_only_selected_buildings(city_store, tmp_path, qgis_app):
    from qgis.core import QgsVectorLayer

    from soest_qgis_plugin.printing.reports import selection_filter

    layer = QgsVectorLayer(f"{city_store}|layername=buildings", "Gebäude", "ogr")
    assert selection_filter(layer) is None
    layer.selectByExpression("\"gml_id\" IN ('DENW36AL10000001', 'DENW36AL10000002')")
    expression = selection_filter(layer)
    assert expression == "\"gml_id\" IN ('DENW36AL10000001', 'DENW36AL10000002')"
    result = print_report("building", city_store, tmp_path / "auswahl.pdf", filter_expression=expression)
    assert result["pages"] == 2


def test_odd_folder_names_work(tmp_path, german_printing):
    folder = tmp_path / "Straßen #2 (50%) ?"
    folder.mkdir()
    store = make_damage_store(folder / "schäden.gpkg", n=2)
    result = print_report("damage", store, folder / "bericht ü.pdf")
    assert result["pages"] == 3
    assert "Kein Foto vorhanden" not in pdf_text(folder / "bericht ü.pdf")
