"""The real QGIS desktop under Xvfb, with the packaged plugin installed in a fresh profile."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))


def run_probe(tmp_path, language="en_US", screenshot=None):
    import install_plugin
    import package

    # QGIS keeps profiles in <profiles-path>/profiles/<name>.
    root = tmp_path / "qgis"
    profiles = root / "profiles"
    zip_path = package.build(tmp_path / "dist")
    install_plugin.install(zip_path, "test", profiles)
    _quiet_first_start(profiles / "test", language)
    out = tmp_path / "probe.json"
    env = dict(os.environ, SOEST_PROBE_OUT=str(out), HOME=str(tmp_path))
    # A real window on the virtual X screen, with the venv's packages, without pytest-qgis's settings.
    env = install_plugin.desktop_env(env)
    if screenshot:
        env["SOEST_PROBE_SCREENSHOT"] = str(screenshot)
    command = [
        "xvfb-run", "-a", "-s", "-screen 0 1600x1000x24",
        "qgis", "--profiles-path", str(root), "--profile", "test", "--nologo", "--noversioncheck",
        "--code", str(REPO / "tools" / "desktop_probe.py"),
    ]  # fmt: skip
    completed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert out.exists(), f"QGIS did not run the probe:\n{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}"
    return json.loads(out.read_text(encoding="utf-8"))


def _quiet_first_start(profile_dir, language):
    from qgis.PyQt.QtCore import QSettings

    settings = QSettings(str(profile_dir / "QGIS" / "QGIS3.ini"), QSettings.Format.IniFormat)
    for key, value in {
        "qgis/showTips": False,
        "qgis/checkVersion": False,
        "qgis/allowVersionCheck": False,
        "core/NewsFeed/httpsfeedqgisorg/disabled": True,
        "locale/overrideFlag": True,
        "locale/userLocale": language,
        "qgis/migrationDone": True,
    }.items():
        settings.setValue(key, value)
    settings.sync()


needs_desktop = pytest.mark.skipif(
    not (shutil.which("qgis") and shutil.which("xvfb-run")), reason="QGIS desktop or xvfb-run not installed"
)


@needs_desktop
def test_real_qgis_loads_plugin_with_docks_and_provider(tmp_path):
    result = run_probe(tmp_path, "de_DE")
    assert result["plugin_loaded"], result
    assert result["docks"] == ["SoestCityModelDock", "SoestRoadDamageDock", "SoestShuttleDock"]
    assert result["dock_titles"] == ["3D-Stadtmodell", "Shuttle & Barrierefreiheit", "Straßenschäden"]
    assert result["menus"] == ["Soest"]
    assert result["toolbars"] == ["SoestToolbar"]
    assert result["provider"] == "Soest"
    # QGIS sees the venv's optional packages: no "please install" warning.
    assert not [m for m in result["messages"] if "pip install" in m], result["messages"]


@needs_desktop
def test_real_qgis_in_english(tmp_path):
    result = run_probe(tmp_path, "en_US")
    assert result["dock_titles"] == ["3D city model", "Road damage", "Shuttle & accessibility"]
