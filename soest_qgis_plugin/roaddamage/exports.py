"""Maintenance list of confirmed damages: CSV, XLSX or GeoPackage, with photo crops.

Exports never contain full survey photos (faces, number plates): for each damage only a crop
around its key detection is written, into a folder beside the export
(``<name>_fotos/schaden_<id>.jpg``); the list refers to it by a relative path. Every file is
written atomically.
"""

import csv
import os

from ..common.atomic import atomic_path, atomic_write
from ..common.errors import InputError
from ..common.feedback import NullFeedback, raise_if_canceled, warn
from ..common.i18n import tr
from .store import DamageStore

FORMATS = (".csv", ".xlsx", ".gpkg")
CROP_MARGIN = 0.5  # of the box size on each side
CROP_MIN = 48  # pixels of context at least on each side
CROP_MAX_FRACTION = 0.6  # a crop never exceeds this share of the photo's width or height


def crop_box(box, width, height):
    """Pixel rectangle (left, top, right, bottom) of the crop around a detection box."""
    x1, y1, x2, y2 = box
    bw, bh = max(x2 - x1, 1.0), max(y2 - y1, 1.0)
    mx, my = max(bw * CROP_MARGIN, CROP_MIN), max(bh * CROP_MARGIN, CROP_MIN)
    left, top, right, bottom = x1 - mx, y1 - my, x2 + mx, y2 + my
    max_w, max_h = width * CROP_MAX_FRACTION, height * CROP_MAX_FRACTION
    cx, cy = (x1 + x2) / 2.0, (y1 + y2) / 2.0
    if right - left > max_w:
        left, right = cx - max_w / 2.0, cx + max_w / 2.0
    if bottom - top > max_h:
        top, bottom = cy - max_h / 2.0, cy + max_h / 2.0
    # shift inside the image, keeping the size
    if left < 0:
        left, right = 0.0, right - left
    if top < 0:
        top, bottom = 0.0, bottom - top
    if right > width:
        left, right = max(0.0, left - (right - width)), float(width)
    if bottom > height:
        top, bottom = max(0.0, top - (bottom - height)), float(height)
    return int(left), int(top), int(round(right)), int(round(bottom))


def write_crop(photo_path, box, target):
    """Write the crop around ``box`` (upright-image pixels) of a photo as JPEG; returns its size."""
    from PIL import Image

    from .ingest import decode_image

    array = decode_image(photo_path)  # upright RGB, the pixels the boxes refer to
    height, width = array.shape[:2]
    left, top, right, bottom = crop_box(box, width, height)
    crop = Image.fromarray(array[top:bottom, left:right])
    with atomic_path(target) as tmp:
        crop.save(tmp, "JPEG", quality=90)
    return crop.size


def _labels():
    from .pipeline import class_labels

    return class_labels()


def _confirmed_damages(store):
    """Confirmed damages of an open store (GeoPackage or PostGIS) or of a GeoPackage path."""
    if hasattr(store, "confirmed_damages"):
        return store.confirmed_damages()
    with DamageStore.open(store, readonly=True) as opened:
        return opened.confirmed_damages()


def maintenance_rows(store, output_path, feedback=None):
    """Rows of the maintenance list; writes the crops beside ``output_path``."""
    feedback = feedback or NullFeedback()
    damages = _confirmed_damages(store)
    stem = os.path.splitext(os.path.basename(output_path))[0]
    crops_rel = stem + "_fotos"
    crops_dir = os.path.join(os.path.dirname(os.path.abspath(output_path)), crops_rel)
    labels = _labels()
    rows = []
    for i, d in enumerate(damages):
        raise_if_canceled(feedback)
        crop = None
        if d.get("path") and d.get("x1") is not None:
            name = f"schaden_{d['fid']}.jpg"
            try:
                os.makedirs(crops_dir, exist_ok=True)
                write_crop(d["path"], (d["x1"], d["y1"], d["x2"], d["y2"]), os.path.join(crops_dir, name))
                crop = crops_rel + "/" + name
            except Exception as error:  # noqa: BLE001 - a missing/broken photo must not stop the list
                warn(feedback, tr("No photo crop for damage {id}: {error}").format(id=d["fid"], error=error))
        label = labels.get(d["class_name"])
        rows.append(
            {
                "id": d["fid"],
                "street": d["street"] or "",
                "easting": round(d["easting"], 2) if d["easting"] is not None else None,
                "northing": round(d["northing"], 2) if d["northing"] is not None else None,
                "class": f"{d['class_name']} {label}" if label else d["class_name"],
                "severity": d["severity"] or "",
                "reviewer": d["reviewer"] or "",
                "date": (d["reviewed_at"] or "")[:10],
                "comment": d["comment"] or "",
                "confidence": round(d["confidence"], 3),
                "crop": crop or "",
            }
        )
        feedback.setProgress(90.0 * (i + 1) / max(len(damages), 1))
    return rows


COLUMNS = (
    "id",
    "street",
    "easting",
    "northing",
    "class",
    "severity",
    "reviewer",
    "date",
    "comment",
    "confidence",
    "crop",
)


def headers():
    return [
        tr("Damage no."),
        tr("Street"),
        tr("Easting (EPSG:25832)"),
        tr("Northing (EPSG:25832)"),
        tr("Damage class"),
        tr("Severity"),
        tr("Reviewer"),
        tr("Date"),
        tr("Comment"),
        tr("Confidence"),
        tr("Photo crop"),
    ]


def export_damages(store_path, output_path, feedback=None):
    """Export the confirmed damages to ``output_path`` (.csv, .xlsx or .gpkg). Returns a summary.

    ``store_path`` is a GeoPackage path or an open store (GeoPackage or PostGIS)."""
    feedback = feedback or NullFeedback()
    output_path = os.fspath(output_path)
    suffix = os.path.splitext(output_path)[1].lower()
    if suffix not in FORMATS:
        raise InputError(tr("Unsupported export format {suffix}: use .csv, .xlsx or .gpkg.").format(suffix=suffix))
    if suffix == ".xlsx":
        from ..common import deps

        deps.require("openpyxl")
    rows = maintenance_rows(store_path, output_path, feedback)
    if not rows:
        warn(feedback, tr("The store has no confirmed damages; the maintenance list is empty."))
    if suffix == ".csv":
        _write_csv(rows, output_path)
    elif suffix == ".xlsx":
        _write_xlsx(rows, output_path)
    else:
        _write_gpkg(rows, output_path)
    feedback.setProgress(100)
    return {"output": output_path, "count": len(rows), "crops": sum(1 for r in rows if r["crop"])}


def _write_csv(rows, path):
    # Semicolon and BOM: German Excel opens it with umlauts and columns intact.
    with atomic_write(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(headers())
        for r in rows:
            writer.writerow([r[c] for c in COLUMNS])


def _write_xlsx(rows, path):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = tr("Maintenance list")[:31]
    sheet.append(headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r in rows:
        sheet.append([r[c] for c in COLUMNS])
        if r["crop"]:
            cell = sheet.cell(row=sheet.max_row, column=len(COLUMNS))
            cell.hyperlink = r["crop"]
    for column, width in zip("ABCDEFGHIJK", (10, 28, 16, 16, 20, 10, 14, 12, 30, 10, 34)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    with atomic_path(path) as tmp:
        book.save(tmp)


def _write_gpkg(rows, path):
    from osgeo import ogr, osr

    with atomic_path(path) as tmp:
        source = ogr.GetDriverByName("GPKG").CreateDataSource(tmp)
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(25832)
        layer = source.CreateLayer("maintenance_list", srs, ogr.wkbPoint)
        kinds = {"id": ogr.OFTInteger, "easting": ogr.OFTReal, "northing": ogr.OFTReal, "confidence": ogr.OFTReal}
        for c in COLUMNS:
            layer.CreateField(ogr.FieldDefn(c, kinds.get(c, ogr.OFTString)))
        layer.StartTransaction()
        for r in rows:
            feature = ogr.Feature(layer.GetLayerDefn())
            for c in COLUMNS:
                if r[c] is not None:
                    feature.SetField(c, r[c])
            if r["easting"] is not None:
                point = ogr.Geometry(ogr.wkbPoint)
                point.AddPoint_2D(r["easting"], r["northing"])
                feature.SetGeometry(point)
            layer.CreateFeature(feature)
        layer.CommitTransaction()
        source = None
