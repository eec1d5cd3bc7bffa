"""Runs inside the real QGIS desktop (``qgis --code tools/desktop_probe.py``).

Waits until QGIS is up, checks that the Soest plugin's docks, menu, toolbar and Processing
provider are there, optionally shows the docks and saves a screenshot, writes the findings as
JSON to $SOEST_PROBE_OUT and quits QGIS.
"""

import json
import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QDockWidget, QToolBar
from qgis.utils import active_plugins, iface, plugins

OUT = os.environ.get("SOEST_PROBE_OUT", "/tmp/soest_probe.json")
SCREENSHOT = os.environ.get("SOEST_PROBE_SCREENSHOT", "")
DOCKS = ("SoestCityModelDock", "SoestRoadDamageDock", "SoestShuttleDock")


def probe():
    window = iface.mainWindow()
    docks = {d.objectName(): d for d in window.findChildren(QDockWidget) if d.objectName() in DOCKS}
    menus = [a.text() for a in window.menuBar().actions() if a.menu() and a.menu().objectName() == "SoestMenu"]
    toolbars = [t.objectName() for t in window.findChildren(QToolBar) if t.objectName() == "SoestToolbar"]
    provider = QgsApplication.processingRegistry().providerById("soest")
    result = {
        "plugin_loaded": "soest_qgis_plugin" in plugins and "soest_qgis_plugin" in active_plugins,
        "docks": sorted(docks),
        "dock_titles": sorted(d.windowTitle() for d in docks.values()),
        "menus": menus,
        "toolbars": toolbars,
        "provider": provider.name() if provider else None,
        "algorithms": sorted(a.id() for a in provider.algorithms()) if provider else [],
        "messages": [f"{item.title()}: {item.text()}" for item in iface.messageBar().items()],
    }
    if SCREENSHOT:
        for name in os.environ.get("SOEST_PROBE_SHOW", "SoestCityModelDock").split(","):
            if name in docks:
                docks[name].show()
                docks[name].raise_()
        window.resize(1600, 1000)
        QTimer.singleShot(1500, lambda: finish(result, window))
    else:
        finish(result, None)


def finish(result, window):
    if window is not None:
        QgsApplication.processEvents()
        window.grab().save(SCREENSHOT)
    with open(OUT, "w", encoding="utf-8") as handle:
        json.dump(result, handle, ensure_ascii=False, indent=1)
    QgsApplication.exit(0)


QTimer.singleShot(int(os.environ.get("SOEST_PROBE_DELAY_MS", "3000")), probe)
