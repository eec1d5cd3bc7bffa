"""The plugin zip is valid for plugins.qgis.org."""

import configparser
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))


def test_package_contents(tmp_path):
    import package

    zip_path = package.build(tmp_path)
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        metadata_text = archive.read("soest_qgis_plugin/metadata.txt").decode("utf-8")
    assert all(name.startswith("soest_qgis_plugin/") for name in names)
    assert not [n for n in names if n.endswith((".pyc", ".pyo")) or "__pycache__" in n or "/." in n]
    assert not [n for n in names if "/tests/" in n or n.endswith(".ts")]
    for required in (
        "__init__.py",
        "plugin.py",
        "LICENSE",
        "i18n/soest_qgis_plugin_de.qm",
        "resources/icons/soest.svg",
    ):
        assert f"soest_qgis_plugin/{required}" in names
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(metadata_text)
    general = parser["general"]
    for key in ("name", "qgisMinimumVersion", "description", "about", "version", "author", "email", "repository"):
        assert general.get(key), key
    assert general["qgisMinimumVersion"] == "3.22"
    assert general["hasProcessingProvider"] == "yes"
    assert f"soest_qgis_plugin/{general['icon']}" in names
    assert zip_path.name == f"soest_qgis_plugin-{general['version']}.zip"


def test_version_read_from_metadata_at_run_time():
    from soest_qgis_plugin.common.metadata import version

    parser = configparser.ConfigParser(interpolation=None)
    parser.read(REPO / "metadata.txt", encoding="utf-8")
    assert version() == parser["general"]["version"]
