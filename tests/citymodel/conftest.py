"""Fixtures of the city model tests: generated tiles and stores (deterministic, in tmp_path)."""

import json

import pytest

from tests.citymodel import gen


@pytest.fixture
def tile(tmp_path):
    """A CityGML 1.0 tile with 30 box buildings (ids DENW_T00000 …)."""
    return gen.write_tile(tmp_path / "LoD2_32_437_5713_1_NW.gml", 30)


@pytest.fixture
def tiles(tmp_path):
    """A folder with three tiles of 25 buildings each (distinct ids)."""
    folder = tmp_path / "tiles"
    folder.mkdir()
    for k in range(3):
        gen.write_tile(folder / f"LoD2_32_43{k}_5713_1_NW.gml", 25, start=1000 * (k + 1))
    return folder


@pytest.fixture
def cityjson_file(tmp_path):
    path = tmp_path / "small.city.json"
    path.write_text(json.dumps(gen.cityjson_doc(3)), encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path, tile):
    from soest_qgis_plugin.citymodel.store import import_files

    path = tmp_path / "store.gpkg"
    summary = import_files(tile, path)
    assert summary.buildings == 30
    return path


_PROVIDERS = []  # Python providers kept alive for the whole session


@pytest.fixture
def soest_provider(qgis_processing):
    """The root fixture's provider, but its Python object is kept alive for the session.

    When the Python wrapper of a registered provider is garbage-collected, the registry keeps a
    provider without its Python algorithms (and cannot even remove it), so every later
    ``processing.run("soest:…")`` fails. This override (for tests/citymodel) keeps a reference.
    """
    from qgis.core import QgsApplication

    from soest_qgis_plugin.processing.provider import SoestProvider

    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("soest")
    if provider is None:
        provider = SoestProvider()
        registry.addProvider(provider)
    if not any(p is provider for p in _PROVIDERS):
        _PROVIDERS.append(provider)
    return provider
