"""Generated test data for the shuttle tests (deterministic, in tmp_path)."""

import pytest

from . import synth


@pytest.fixture(scope="session")
def shuttle_data(tmp_path_factory):
    base = tmp_path_factory.mktemp("shuttle")
    return {
        "gtfs": synth.write_gtfs(str(base / "gtfs")),
        "gtfs_zip": synth.write_gtfs(str(base / "gtfs_z"), as_zip=str(base / "feed.zip")),
        "network": synth.write_network(str(base / "network.gpkg")),
        "survey": synth.write_survey(str(base / "survey.gpkg")),
        "buildings": synth.write_buildings(str(base / "buildings.gpkg")),
        "dem": synth.write_dem(str(base / "dgm1.tif")),
        "base": base,
    }


class _TsvTranslator:
    """Builds a QTranslator answering from i18n/de/shuttle.tsv (the .qm is merged by the lead's tool)."""

    @staticmethod
    def make(path):
        from qgis.PyQt.QtCore import QTranslator

        table = {}
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                line = line.rstrip("\n")
                if "\t" in line and not line.startswith("#"):
                    english, german = line.split("\t", 1)
                    table[english] = german

        class Translator(QTranslator):
            def translate(self, context, source, disambiguation=None, n=-1):
                return table.get(source)

            def isEmpty(self):
                return False

        return Translator(), table


@pytest.fixture
def shuttle_german(qgis_app, repo_root):
    """The shuttle domain's German strings installed (from the .tsv, independent of the merged .qm)."""
    from qgis.PyQt.QtCore import QCoreApplication

    translator, table = _TsvTranslator.make(repo_root / "i18n" / "de" / "shuttle.tsv")
    QCoreApplication.installTranslator(translator)
    yield table
    QCoreApplication.removeTranslator(translator)
