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
