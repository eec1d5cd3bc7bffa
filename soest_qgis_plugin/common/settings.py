"""Remembered user choices, kept under the plugin's own prefix in QGIS's settings."""

from qgis.core import QgsSettings

PREFIX = "soest_qgis_plugin/"


def get(key, default=None, value_type=None):
    settings = QgsSettings()
    if value_type is None:
        return settings.value(PREFIX + key, default)
    return settings.value(PREFIX + key, default, type=value_type)


def set_value(key, value):
    QgsSettings().setValue(PREFIX + key, value)
