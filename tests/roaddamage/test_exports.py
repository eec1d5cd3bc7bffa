"""Maintenance list exports: CSV, XLSX, GeoPackage with crops only, atomic."""

import csv
import os

import pytest
from PIL import Image
from qgis.core import QgsVectorLayer

from soest_qgis_plugin.common.errors import InputError
from soest_qgis_plugin.roaddamage.exports import crop_box, export_damages
from soest_qgis_plugin.roaddamage.review import ReviewQueue
from soest_qgis_plugin.roaddamage.store import DamageStore


@pytest.fixture
def reviewed_store(built_store):
    queue = ReviewQueue(built_store, who="anna")
    queue.set_order("class_name", descending=True)  # D40 first
    queue.confirm(severity="schwer")
    queue.reject()  # the D00 crack
    queue.close()
    return built_store


def test_crop_box_stays_inside_and_is_never_the_full_photo():
    assert crop_box((100, 100, 140, 120), 640, 480) == (52, 52, 188, 168)
    left, top, right, bottom = crop_box((0, 0, 640, 480), 640, 480)
    assert right - left <= 0.6 * 640 + 1 and bottom - top <= 0.6 * 480 + 1
    left, top, right, bottom = crop_box((600, 450, 640, 480), 640, 480)
    assert right == 640 and bottom == 480 and left >= 0 and top >= 0


def test_csv_has_confirmed_damages_and_crops_only(reviewed_store, tmp_path):
    out = tmp_path / "export" / "liste.csv"
    summary = export_damages(reviewed_store, out)
    assert summary == {"output": str(out), "count": 1, "crops": 1}
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header, row = rows[0], rows[1]
    assert len(rows) == 2 and len(header) == 11
    assert row[4].startswith("D40") and row[5] == "schwer" and row[6] == "anna"
    assert 400000 < float(row[2]) < 500000 and 5.7e6 < float(row[3]) < 5.72e6
    crop = out.parent / row[10]
    assert crop.exists() and row[10].startswith("liste_fotos/")
    with Image.open(crop) as image:
        assert image.width < 640 * 0.61 and image.height < 480 * 0.61  # a crop, not the photo
    # nothing but the list and the crops folder
    assert sorted(os.listdir(out.parent)) == ["liste.csv", "liste_fotos"]
    assert os.listdir(out.parent / "liste_fotos") == [os.path.basename(row[10])]


def test_crop_shows_the_damage(reviewed_store, tmp_path):
    out = tmp_path / "liste.csv"
    export_damages(reviewed_store, out)
    with Image.open(tmp_path / "liste_fotos" / os.listdir(tmp_path / "liste_fotos")[0]) as image:
        pixels = image.convert("L").load()
        centre = pixels[image.width // 2, image.height // 2]
    assert centre < 40  # the black pothole is in the middle of its crop


def test_xlsx(reviewed_store, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "liste.xlsx"
    assert export_damages(reviewed_store, out)["count"] == 1
    sheet = openpyxl.load_workbook(out).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(values) == 2 and values[1][5] == "schwer" and values[1][10].startswith("liste_fotos/")


def test_gpkg_opens_in_qgis(reviewed_store, tmp_path):
    out = tmp_path / "liste.gpkg"
    export_damages(reviewed_store, out)
    layer = QgsVectorLayer(f"{out}|layername=maintenance_list", "l", "ogr")
    assert layer.isValid() and layer.featureCount() == 1 and layer.crs().authid() == "EPSG:25832"
    feature = next(layer.getFeatures())
    assert feature["severity"] == "schwer" and feature["crop"].startswith("liste_fotos/")


def test_empty_list_and_bad_format(built_store, tmp_path):
    assert export_damages(built_store, tmp_path / "leer.csv")["count"] == 0
    with pytest.raises(InputError):
        export_damages(built_store, tmp_path / "liste.pdf")


def test_failed_export_leaves_no_file(reviewed_store, tmp_path, monkeypatch):
    import soest_qgis_plugin.roaddamage.exports as exports

    def broken(rows, path):
        with exports.atomic_write(path, "w") as handle:
            handle.write("half")
            raise RuntimeError("disk full")

    monkeypatch.setattr(exports, "_write_csv", broken)
    with pytest.raises(RuntimeError):
        export_damages(reviewed_store, tmp_path / "liste.csv")
    assert not (tmp_path / "liste.csv").exists()


def test_missing_photo_gives_a_warning_not_a_failure(reviewed_store, tmp_path):
    from soest_qgis_plugin.common.feedback import CollectingFeedback

    with DamageStore.open(reviewed_store) as store:
        for frame in store.frames():
            os.remove(frame["path"])
    feedback = CollectingFeedback()
    summary = export_damages(reviewed_store, tmp_path / "liste.csv", feedback=feedback)
    assert summary["count"] == 1 and summary["crops"] == 0
    assert feedback.warnings
