"""The Processing provider "Soest" (id ``soest``): collects every domain's algorithms."""

import importlib

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..common.i18n import tr
from ..common.paths import icon_path

# Each domain module exposes ``algorithms()`` returning algorithm instances.
DOMAIN_MODULES = (
    "citymodel.algorithms",
    "roaddamage.algorithms",
    "shuttle.algorithms",
    "printing.algorithms",
)


def domain_algorithms():
    package = __name__.rsplit(".", 2)[0]
    found = []
    for name in DOMAIN_MODULES:
        try:
            module = importlib.import_module(f"{package}.{name}")
        except ModuleNotFoundError as error:
            # A domain without algorithms yet. Domains import optional packages lazily, so any
            # other missing module is a real bug and must be loud.
            if error.name == f"{package}.{name}":
                continue
            raise
        found.extend(module.algorithms())
    return found


class SoestProvider(QgsProcessingProvider):
    def id(self):
        return "soest"

    def name(self):
        return "Soest"

    def longName(self):  # noqa: N802
        return tr("Soest Smart City")

    def icon(self):
        return QIcon(icon_path("soest.svg"))

    def loadAlgorithms(self):  # noqa: N802
        for algorithm in domain_algorithms():
            self.addAlgorithm(algorithm)
