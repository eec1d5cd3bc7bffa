"""Shared test set-up. pytest-qgis starts QGIS (offscreen) before this file is imported.

Don't import modules that read ``qgis.utils.iface`` at the top of this file; import inside
fixtures instead.
"""

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# Real files written by others; read in place, never copied into the repo.
SHARED_FIXTURES = REPO.parent / "shared" / "fixtures"
# Public test files of other projects (citygml4j, cjio, cjval, GraphHopper, partridge …), see its README.md.
SHARED_EVALDATA = REPO.parent / "shared" / "evaldata"


@pytest.fixture(scope="session")
def shared_fixtures():
    """Path to ../shared/fixtures; tests that need it are skipped where it is absent."""
    if not SHARED_FIXTURES.is_dir():
        pytest.skip("../shared/fixtures is not available on this machine")
    return SHARED_FIXTURES


@pytest.fixture(scope="session")
def shared_evaldata():
    """Path to ../shared/evaldata; tests that need it are skipped where it is absent."""
    if not SHARED_EVALDATA.is_dir():
        pytest.skip("../shared/evaldata is not available on this machine")
    return SHARED_EVALDATA


@pytest.fixture(scope="session")
def repo_root():
    return REPO


@pytest.fixture
def soest_provider(qgis_processing):
    """Processing initialised with the plugin's provider registered (as QGIS does at load).

    Function-scoped and looked up each time: the plugin tests unload (and so delete) it.
    """
    from qgis.core import QgsApplication

    from soest_qgis_plugin.processing.provider import SoestProvider

    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("soest")
    if provider is None:
        provider = SoestProvider()
        registry.addProvider(provider)
        _KEEP_ALIVE.append(provider)  # the Python wrapper must outlive the registry's use of it
    return provider


_KEEP_ALIVE = []


@pytest.fixture
def german(qgis_app):
    """Run a test with QGIS set to German and the plugin's German translation installed."""
    from qgis.PyQt.QtCore import QSettings

    from soest_qgis_plugin.common.i18n import install_translator, remove_translator

    settings = QSettings()
    old = {key: settings.value(key) for key in ("locale/overrideFlag", "locale/userLocale")}
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "de_DE")
    assert install_translator() is not None, "German .qm could not be loaded"
    yield
    remove_translator()
    for key, value in old.items():
        if value is None:
            settings.remove(key)
        else:
            settings.setValue(key, value)


@pytest.fixture(scope="session")
def qgis_process_bin():
    """The qgis_process binary that works here (Debian 12's wrapper passes a rejected option)."""
    for candidate in ("/usr/bin/qgis_process.bin", "/usr/bin/qgis_process"):
        if os.path.exists(candidate):
            return candidate
    pytest.fail("qgis_process not found; run make setup")


def qgis_env(home):
    """Environment for qgis_process with ``home`` as HOME: the venv's packages, no pytest-qgis settings."""
    import sysconfig

    env = dict(os.environ, HOME=str(home), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (sysconfig.get_paths()["purelib"], env.get("PYTHONPATH")) if p)
    # pytest-qgis points the test session's QGIS at its own settings folder; the child must not.
    for name in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH"):
        env.pop(name, None)
    return env


@pytest.fixture(scope="session")
def qgis_process_home(tmp_path_factory, qgis_process_bin):
    """A HOME whose default QGIS profile has the packaged plugin unzipped and enabled, as scripts do."""
    import subprocess
    import zipfile

    sys.path.insert(0, str(REPO / "tools"))
    import package

    home = tmp_path_factory.mktemp("home")
    plugins = home / ".local/share/QGIS/QGIS3/profiles/default/python/plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(package.build(home / "dist")) as archive:
        archive.extractall(plugins)
    enabled = subprocess.run(
        [qgis_process_bin, "plugins", "enable", "soest_qgis_plugin"],
        env=qgis_env(home),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert enabled.returncode == 0, enabled.stdout + enabled.stderr
    return home
