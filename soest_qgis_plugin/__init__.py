"""Soest Smart City QGIS plugin."""


def classFactory(iface):  # noqa: N802 - QGIS entry point
    from .plugin import SoestPlugin

    return SoestPlugin(iface)
