"""Thumbnails of the print sheets and reports into docs/ (PNG, about 800 px wide).

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_thumbnails.py [--out docs] [--demo demo-data]
Uses the demo project and stores when they are there (``make demo-data``), else small sample
data generated like the printing tests do. ``make screenshots`` calls
``soest_qgis_plugin.printing.thumbnails.make_thumbnails`` directly.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def sample_demo(folder):
    """Sample stores and a project named like the demo files."""
    from tests.printing import sample_data

    folder = Path(folder)
    city = sample_data.make_city_store(folder / "citymodel.gpkg", n=6)
    damages = sample_data.add_condition_layer(sample_data.make_damage_store(folder / "strassenschaeden.gpkg", n=8))
    sample_data.make_shuttle_result(folder / "shuttle.gpkg")
    sample_data.make_project(folder / "soest-demo.qgz", city, damages)
    return folder


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(REPO / "docs"))
    parser.add_argument("--demo", default=str(REPO / "demo-data"))
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from soest_qgis_plugin.printing.thumbnails import _ensure_qgis, make_thumbnails

    _ensure_qgis()
    demo = Path(args.demo)
    if (demo / "soest-demo.qgz").exists():
        make_thumbnails(args.out, demo)
        return 0
    print(f">> {demo}/soest-demo.qgz not found: using generated sample data")
    with tempfile.TemporaryDirectory(prefix="soest-sample-") as tmp:
        make_thumbnails(args.out, sample_demo(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
