"""Translation: English source strings, German translation in i18n/soest_qgis_plugin_de.qm.

All strings of the plugin share one context so that module-level code, Processing algorithms
and widgets translate alike; ``tools/update_translations.py`` extracts every ``tr("…")``
literal into the .ts file.
"""

import os

from qgis.PyQt.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from .paths import i18n_dir

CONTEXT = "soest"
QM_PREFIX = "soest_qgis_plugin_"

_translator = None


def tr(text):
    """Translate ``text`` (an English literal) into the user's language."""
    return QCoreApplication.translate(CONTEXT, text)


def tr_noop(text):
    """Mark a literal for translation where it is translated later (tables of names)."""
    return text


def qgis_language():
    """Two-letter language QGIS runs in: its override setting, else the system locale."""
    settings = QSettings()
    override = str(settings.value("locale/overrideFlag", False)).lower() in ("true", "1")
    user_locale = settings.value("locale/userLocale", "") or ""
    if override and user_locale:
        return str(user_locale)[:2]
    try:
        from qgis.core import QgsApplication

        locale = QgsApplication.locale()
        if locale:
            return str(locale)[:2]
    except (ImportError, AttributeError):
        pass
    return (str(user_locale) or QLocale.system().name())[:2]


def qm_path(language):
    return os.path.join(i18n_dir(), f"{QM_PREFIX}{language}.qm")


def install_translator(language=None):
    """Install the plugin's translator for ``language`` (default: QGIS's). Returns it or None."""
    global _translator
    remove_translator()
    language = language or qgis_language()
    path = qm_path(language)
    if not os.path.exists(path):
        return None
    translator = QTranslator()
    if not translator.load(path):
        return None
    QCoreApplication.installTranslator(translator)
    _translator = translator
    return translator


def remove_translator():
    global _translator
    if _translator is not None:
        QCoreApplication.removeTranslator(_translator)
        _translator = None
