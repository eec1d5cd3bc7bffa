"""Runs inside the real QGIS desktop (see tools/screenshots.py): one screenshot per panel.

For each dock: show it (others hidden), let it load the demo data when it offers
``load_demo(demo_dir)``, then save the whole window and the dock alone as PNG.
"""

import json
import os
import traceback

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QDockWidget
from qgis.utils import iface

OUT = os.environ["SOEST_SCREENSHOT_DIR"]
DEMO = os.environ.get("SOEST_DEMO_DIR", "")
PANELS = [
    ("SoestCityModelDock", "citymodel"),
    ("SoestRoadDamageDock", "roaddamage"),
    ("SoestShuttleDock", "shuttle"),
]
report = {"saved": [], "errors": []}


def docks():
    window = iface.mainWindow()
    return {d.objectName(): d for d in window.findChildren(QDockWidget) if d.objectName().startswith("Soest")}


def step(index=0):
    found = docks()
    if index >= len(PANELS):
        finish()
        return
    name, short = PANELS[index]
    for other in found.values():
        other.hide()
    dock = found.get(name)
    if dock is None:
        report["errors"].append(f"{name} missing")
        QTimer.singleShot(10, lambda: step(index + 1))
        return
    dock.show()
    dock.raise_()
    try:
        if DEMO and hasattr(dock, "load_demo"):
            dock.load_demo(DEMO)
    except Exception:  # noqa: BLE001 - a screenshot run reports and goes on
        report["errors"].append(traceback.format_exc())
    wait_until_idle(lambda: shoot(index, dock, short))


def wait_until_idle(then, waited_ms=0):
    """Let background tasks the panel started (import, analysis) finish before the picture."""
    busy = QgsApplication.taskManager().countActiveTasks() > 0
    if busy and waited_ms < 120000:
        QTimer.singleShot(500, lambda: wait_until_idle(then, waited_ms + 500))
        return
    QTimer.singleShot(int(os.environ.get("SOEST_SCREENSHOT_WAIT_MS", "3000")), then)


def shoot(index, dock, short):
    QgsApplication.processEvents()
    window_path = os.path.join(OUT, f"screenshot_{short}.png")
    dock_path = os.path.join(OUT, f"panel_{short}.png")
    iface.mainWindow().grab().save(window_path)
    content = dock.widget().widget() if hasattr(dock.widget(), "widget") else dock.widget()
    content.grab().save(dock_path)  # the whole panel, also the part below the fold
    report["saved"] += [window_path, dock_path]
    QTimer.singleShot(10, lambda: step(index + 1))


def finish():
    with open(os.path.join(OUT, "screenshots.json"), "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=1)
    QgsApplication.exit(0)


def start():
    iface.mainWindow().showNormal()
    iface.mainWindow().resize(1600, 1000)
    view = QgsProject.instance().viewSettings().defaultViewExtent()
    if not view.isEmpty():
        iface.mapCanvas().setExtent(view)
        iface.mapCanvas().refresh()
    step(0)


QTimer.singleShot(int(os.environ.get("SOEST_SCREENSHOT_DELAY_MS", "4000")), start)
