"""German translation: complete, compiled, and loaded from QGIS's locale setting."""

import importlib.util
import sys
from pathlib import Path

import pytest
from qgis.PyQt.QtCore import QSettings

REPO = Path(__file__).resolve().parents[1]


def _load_tool():
    spec = importlib.util.spec_from_file_location("update_translations", REPO / "tools" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["update_translations"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tool():
    return _load_tool()


def test_every_tr_string_has_a_german_translation_in_the_compiled_qm(tool, german):
    from soest_qgis_plugin.common.i18n import tr

    ts_translations = tool.read_ts()
    untranslated = []
    for source in tool.extract_strings():
        expected = ts_translations.get(source)
        if expected is None or tr(source) != expected:
            untranslated.append(source)
    assert not untranslated, "run `make translations`; missing or stale German for: %r" % untranslated[:20]


def test_extractor_finds_literals_and_algorithm_attributes(tool):
    strings = tool.extract_strings()
    assert "Road damage" in strings  # tr("...") in a dock
    assert "road damage detection" in strings  # tr_noop("...") in a table
    # Every string is attributed to a real file and line.
    for places in strings.values():
        for file, line in places:
            assert (REPO / file).exists() and line > 0


def test_translator_follows_qgis_locale(qgis_app):
    from soest_qgis_plugin.common.i18n import install_translator, remove_translator, tr

    settings = QSettings()
    old = settings.value("locale/overrideFlag"), settings.value("locale/userLocale")
    try:
        settings.setValue("locale/overrideFlag", True)
        settings.setValue("locale/userLocale", "de_DE")
        assert install_translator() is not None
        assert tr("Road damage") == "Straßenschäden"
        settings.setValue("locale/userLocale", "en_US")
        assert install_translator() is None  # English: the source strings
        assert tr("Road damage") == "Road damage"
    finally:
        remove_translator()
        settings.setValue("locale/overrideFlag", old[0] if old[0] is not None else False)
        settings.setValue("locale/userLocale", old[1] or "")


def test_docks_speak_german(qgis_iface, german, qgis_processing):
    from soest_qgis_plugin.plugin import _dock_specs

    titles = {cls(qgis_iface).windowTitle() for cls, _, _ in _dock_specs()}
    assert titles == {"3D-Stadtmodell", "Straßenschäden", "Shuttle & Barrierefreiheit"}
