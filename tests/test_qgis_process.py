"""The packaged plugin as scripts use it: qgis_process with a fresh HOME."""

import subprocess

from tests.conftest import qgis_env


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
