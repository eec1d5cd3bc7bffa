"""Demo data generated once per session into a temporary folder (deterministic, seed 0)."""

import pytest


@pytest.fixture(scope="session")
def demo_out(tmp_path_factory):
    from tools.demo_data import gtfs, network, survey

    out = tmp_path_factory.mktemp("demo")
    return {
        "out": out,
        "network": network.generate(out),
        "survey": survey.generate(out),
        "gtfs": gtfs.generate(out),
        "gtfs_zip": out / gtfs.ZIPNAME,
    }
