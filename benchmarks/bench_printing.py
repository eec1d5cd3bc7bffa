"""Printing benchmark: A3 PDF of the demo project, a report of 100 damages and more.

``main(out_dir) -> dict`` (called by ``make bench``). Uses demo-data/soest-demo.qgz when it is
there, else a demo-like generated project (2,000 buildings, 300 damages).
"""

import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def _qgis():
    from qgis.core import QgsApplication

    if QgsApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QgsApplication([], False)
        app.initQgis()
        _qgis.app = app


def _timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def _pages(pdf):
    import subprocess

    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def demo_like_project(folder):
    from tests.printing import sample_data

    city = sample_data.make_city_store(folder / "citymodel.gpkg", n=2000)
    damages = sample_data.make_damage_store(folder / "strassenschaeden.gpkg", n=300, photos=False)
    return sample_data.make_project(folder / "soest-demo.qgz", city, damages)


def _damage_count(store):
    import sqlite3

    with sqlite3.connect(str(store)) as connection:
        return connection.execute("SELECT count(*) FROM damages").fetchone()[0]


def main(out_dir):
    _qgis()
    from soest_qgis_plugin.common.feedback import CollectingFeedback
    from soest_qgis_plugin.printing.export import export_pdf, export_png
    from soest_qgis_plugin.printing.layout import build_layout, read_project
    from soest_qgis_plugin.printing.reports import print_report
    from tests.printing import sample_data

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    figures = {}
    demo_dir = Path(os.environ.get("SOEST_DEMO_DIR", REPO / "demo-data"))
    demo = demo_dir / "soest-demo.qgz"
    source = "demo-data" if demo.exists() else "generated (2,000 buildings, 300 damages)"
    project_path = demo if demo.exists() else demo_like_project(out)
    project, t_read = _timed(read_project, project_path)
    layout, t_build = _timed(build_layout, project, "A3_quer", "Soest – Altstadt", "Benchmark", "Stadt Soest")
    _result, t_pdf = _timed(export_pdf, layout, out / "a3.pdf")
    figures["project"] = source
    figures["a3_read_project_s"] = round(t_read, 2)
    figures["a3_build_layout_s"] = round(t_build, 2)
    figures["a3_pdf_s"] = round(t_pdf, 2)
    figures["a3_pdf_mb"] = round((out / "a3.pdf").stat().st_size / 1e6, 2)
    _result, t_png = _timed(export_png, layout, out / "a3.png", 300)
    figures["a3_png_300dpi_s"] = round(t_png, 2)
    layout_a1 = build_layout(project, "A1_quer", "Soest – Altstadt", "Benchmark", "Stadt Soest")
    _result, t_a1 = _timed(export_pdf, layout_a1, out / "a1.pdf")
    figures["a1_pdf_s"] = round(t_a1, 2)

    demo_store = demo_dir / "strassenschaeden.gpkg"
    if demo_store.exists() and _damage_count(demo_store) >= 100:
        # The demo drive's photos; its 100 most confident damages confirmed in a copy.
        from soest_qgis_plugin.printing.thumbnails import _with_confirmed_damages

        store = _with_confirmed_damages(str(demo_store), str(out), count=100)
        figures["damage_store"] = "demo-data (real photos)"
    else:
        store = sample_data.make_damage_store(out / "damages100.gpkg", n=100)
        figures["damage_store"] = "generated (noise photos)"
    feedback = CollectingFeedback()
    result, t_report = _timed(print_report, "damage", store, out / "damages100.pdf", feedback=feedback)
    figures["damage_report_100_s"] = round(t_report, 2)
    figures["damage_report_100_pages"] = result["pages"]
    figures["damage_report_s_per_page"] = round(t_report / max(result["pages"], 1), 3)
    figures["damage_report_100_mb"] = round((out / "damages100.pdf").stat().st_size / 1e6, 2)

    city = sample_data.make_city_store(out / "city20.gpkg", n=20)
    result, t_buildings = _timed(print_report, "building", city, out / "buildings20.pdf")
    figures["building_report_20_s"] = round(t_buildings, 2)
    figures["building_report_20_pages"] = _pages(out / "buildings20.pdf")

    print(f"{'figure':32} value")
    for key, value in figures.items():
        print(f"{key:32} {value}")
    return figures


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else REPO / "benchmarks" / "results" / "bench_printing")
