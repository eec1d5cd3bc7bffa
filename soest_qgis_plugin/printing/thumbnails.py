"""Thumbnails of every sheet and report for the README (called by ``make screenshots``).

``make_thumbnails(out_dir, demo_dir)`` prints the demo project on each sheet and writes the three
reports of the demo stores, then saves page images about 800 px wide as ``print_<name>.png``.
Missing demo files are skipped with a note; a developer tool, not used by the plugin at run time.
"""

import os
import shutil
import subprocess
import tempfile

WIDTH_PX = 800

# demo file -> (report id, thumbnail name, page shown, filter)
DEMO_REPORTS = (
    ("strassenschaeden.gpkg", "damage", "report_damage_cover", 1, None),
    ("strassenschaeden.gpkg", "damage", "report_damage", 2, None),
    ("shuttle.gpkg", "stop", "report_stop", 1, None),
    ("citymodel.gpkg", "building", "report_building", 1, "sample"),
)


def _ensure_qgis():
    from qgis.core import QgsApplication

    if QgsApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QgsApplication([], False)
        app.initQgis()
        _ensure_qgis.app = app
    return QgsApplication.instance()


def _install_german(install_translator):
    """The plugin's German .qm, topped up from i18n/de/*.tsv when it predates this domain's strings."""
    from xml.sax.saxutils import escape

    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    from ..common.i18n import tr
    from ..common.paths import i18n_dir

    install_translator("de")
    if tr("City of Soest") != "City of Soest" or shutil.which("lrelease") is None:
        return
    rows = []
    folder = os.path.join(i18n_dir(), "de")
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if name.endswith(".tsv"):
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                rows += [line.rstrip("\n").split("\t", 1) for line in handle if "\t" in line]
    work = tempfile.mkdtemp(prefix="soest-i18n-")
    messages = "".join(
        f"<message><source>{escape(en)}</source><translation>{escape(de)}</translation></message>" for en, de in rows
    )
    ts = os.path.join(work, "de.ts")
    with open(ts, "w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="de_DE">')
        handle.write(f"<context><name>soest</name>{messages}</context></TS>")
    subprocess.run(["lrelease", "-silent", ts, "-qm", os.path.join(work, "de.qm")], check=True)
    translator = QTranslator()
    if translator.load(os.path.join(work, "de.qm")):
        QCoreApplication.installTranslator(translator)
        _install_german.translator = translator


def _sample_buildings(store, count=3):
    """A filter for a few large buildings with an address (a telling data sheet)."""
    import sqlite3

    connection = sqlite3.connect(store)
    try:
        rows = connection.execute(
            "SELECT fid FROM buildings WHERE coalesce(address, '') <> '' ORDER BY footprint_area DESC LIMIT ?", (count,)
        ).fetchall()
    except sqlite3.Error:
        rows = []
    finally:
        connection.close()
    return "$id IN ({})".format(", ".join(str(row[0]) for row in rows)) if rows else "$id <= 3"


def _with_confirmed_damages(store, folder, count=12):
    """A copy of the damage store in which, if nobody has reviewed yet (fresh demo data), the
    ``count`` most confident damages are marked confirmed, so the thumbnail shows real pages."""
    import sqlite3

    copy = os.path.join(folder, "demo_damages.gpkg")
    shutil.copy(store, copy)
    connection = sqlite3.connect(copy)
    try:
        if connection.execute("SELECT count(*) FROM damages WHERE status = 'confirmed'").fetchone()[0] == 0:
            rows = connection.execute("SELECT fid FROM damages ORDER BY confidence DESC LIMIT ?", (count,)).fetchall()
            for index, (fid,) in enumerate(rows):
                connection.execute(
                    "UPDATE damages SET status = 'confirmed', severity = ?, reviewer = 'Demo', "
                    "reviewed_at = date('now') WHERE fid = ?",
                    (("mittel", "schwer", "leicht")[index % 3], fid),
                )
            connection.commit()
    finally:
        connection.close()
    return copy


def pdf_page_to_png(pdf, page, target, width=WIDTH_PX):
    """Rasterise one PDF page with poppler's pdftoppm (a developer tool) to ``target``."""
    if shutil.which("pdftoppm") is None:
        return None
    prefix = os.path.splitext(target)[0]
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            "-scale-to",
            str(width),
            str(pdf),
            prefix,
        ],
        check=True,
    )
    return prefix + ".png"


def make_thumbnails(out_dir, demo_dir, title=None, author=None):
    """Write print_<sheet>.png and print_report_<kind>.png into ``out_dir``; returns the paths."""
    _ensure_qgis()
    from ..common.i18n import install_translator, tr
    from .export import export_png
    from .layout import build_layout, read_project
    from .reports import print_report
    from .templates import SHEETS

    _install_german(install_translator)
    title = title or tr("Soest – old town")
    author = author or tr("City of Soest, urban planning")
    out_dir, demo_dir = str(out_dir), str(demo_dir)
    os.makedirs(out_dir, exist_ok=True)
    written = []
    project_path = os.path.join(demo_dir, "soest-demo.qgz")
    if os.path.exists(project_path):
        project = read_project(project_path)
        for name, (width_mm, _height_mm) in SHEETS.items():
            layout = build_layout(project, name, title, tr("Example map from the demo project"), author)
            target = os.path.join(out_dir, f"print_{name}.png")
            export_png(layout, target, dpi=WIDTH_PX / (width_mm / 25.4))
            written.append(target)
    else:
        print(f"!! {project_path} is missing: no sheet thumbnails")
    with tempfile.TemporaryDirectory(prefix="soest-thumbs-") as tmp:
        done = {}
        for filename, report, name, page, expression in DEMO_REPORTS:
            source = os.path.join(demo_dir, filename)
            if not os.path.exists(source):
                print(f"!! {source} is missing: no {name} thumbnail")
                continue
            pdf = done.get(report)
            if report == "damage" and pdf is None:
                source = _with_confirmed_damages(source, tmp)
            if expression == "sample":
                expression = _sample_buildings(source)
            if pdf is None:
                pdf = os.path.join(tmp, report + ".pdf")
                try:
                    print_report(report, source, pdf, filter_expression=expression, author=author)
                except Exception as error:  # noqa: BLE001 - one report must not stop the others
                    print(f"!! {name}: {error}")
                    continue
                done[report] = pdf
            png = pdf_page_to_png(pdf, page, os.path.join(out_dir, f"print_{name}.png"))
            if png:
                written.append(png)
    for path in written:
        print(">> " + path)
    return written
