"""The packaged plugin as scripts use it: qgis_process with a fresh HOME."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))


@pytest.fixture(scope="module")
def qgis_process_home(tmp_path_factory, qgis_process_bin):
    """A HOME whose default QGIS profile has the packaged plugin unzipped and enabled."""
    import zipfile

    import package

    home = tmp_path_factory.mktemp("home")
    plugins = home / ".local/share/QGIS/QGIS3/profiles/default/python/plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(package.build(home / "dist")) as archive:
        archive.extractall(plugins)
    env = qgis_env(home)
    enabled = subprocess.run(
        [qgis_process_bin, "plugins", "enable", "soest_qgis_plugin"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert enabled.returncode == 0, enabled.stdout + enabled.stderr
    return home


def qgis_env(home):
    env = dict(os.environ, HOME=str(home), QT_QPA_PLATFORM="offscreen")
    # pytest-qgis points the test session's QGIS at its own settings folder; the child must not.
    for name in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH"):
        env.pop(name, None)
    return env


def test_provider_listed_by_qgis_process(qgis_process_home, qgis_process_bin):
    listed = subprocess.run(
        [qgis_process_bin, "list"], env=qgis_env(qgis_process_home), capture_output=True, text=True, timeout=300
    )
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert "Soest" in [line.strip() for line in lines]
    plugins = subprocess.run(
        [qgis_process_bin, "plugins"], env=qgis_env(qgis_process_home), capture_output=True, text=True, timeout=300
    )
    assert "* soest_qgis_plugin" in plugins.stdout


PUBLIC_ALGORITHMS = {
    "soest:import_citymodel": ("INPUT", "OUTPUT"),
    "soest:export_citymodel": ("INPUT", "OUTPUT", "EXTENT", "MASK", "BUFFER"),
    "soest:detect_road_damage": ("IMAGES", "OUTPUT", "TRACK", "MODEL", "CONFIDENCE"),
    "soest:export_road_damage": ("INPUT", "OUTPUT"),
    "soest:shuttle_accessibility": ("ROUTES", "OUTPUT", "STOPS", "NETWORK", "SURVEY", "DEM", "BUILDINGS"),
    "soest:print_map": ("PROJECT", "TEMPLATE", "TITLE", "OUTPUT", "EXTENT", "SCALE", "SUBTITLE", "AUTHOR"),
    "soest:print_report": ("REPORT", "INPUT", "OUTPUT"),
}


def test_public_batch_interface_is_stable(qgis_process_home, qgis_process_bin):
    """The algorithm ids and parameter names scripts rely on."""
    env = qgis_env(qgis_process_home)
    listed = subprocess.run([qgis_process_bin, "list"], env=env, capture_output=True, text=True, timeout=300)
    ids = {line.split()[0] for line in listed.stdout.splitlines() if line.strip().startswith("soest:")}
    assert set(PUBLIC_ALGORITHMS) <= ids
    for algorithm, parameters in PUBLIC_ALGORITHMS.items():
        helped = subprocess.run(
            [qgis_process_bin, "help", algorithm], env=env, capture_output=True, text=True, timeout=300
        )
        assert helped.returncode == 0, helped.stderr
        for name in parameters:
            assert f"{name}:" in helped.stdout, (algorithm, name)
