"""The analyses on the Soest demo data (tools/demo_data: network, survey, GTFS, DGM1)."""

import pytest
from osgeo import ogr

from soest_qgis_plugin.common.feedback import CollectingFeedback
from soest_qgis_plugin.shuttle import gtfs
from soest_qgis_plugin.shuttle import network as N  # noqa: N812
from soest_qgis_plugin.shuttle.analysis import run_accessibility


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    demo_data = pytest.importorskip("tools.demo_data")
    del demo_data
    from tools.demo_data import gtfs as demo_gtfs
    from tools.demo_data import network, survey, terrain

    out = tmp_path_factory.mktemp("demo")
    terrain.generate(out)
    network.generate(out)
    survey.generate(out)
    demo_gtfs.generate(out)
    return out


@pytest.fixture(scope="module")
def demo_run(demo):
    fb = CollectingFeedback()
    out = demo / "shuttle.gpkg"
    summary = run_accessibility(
        str(demo / "gtfs_sofia.zip"), str(out), network=str(demo / "network.gpkg"), survey=str(demo / "survey.gpkg"),
        dem=str(demo / "dgm1_soest.tif"), feedback=fb,
    )  # fmt: skip
    return out, summary


def test_demo_feed(demo):
    feed = gtfs.read_feed(demo / "gtfs_sofia.zip")
    assert feed.stops["SOF_FM"].name == "Feldmühlenweg"
    assert feed.shapes
    assert max(t[2] for times in feed.stop_times.values() for t in times if t[2] is not None) > 24 * 3600
    folder = gtfs.read_feed(demo / "gtfs_sofia")
    assert list(folder.stops) == list(feed.stops)


def test_demo_network_junk_tags_and_island(demo):
    net = N.load_network(str(demo / "network.gpkg"))
    assert net.edge_count > 1000
    assert len(net.components()[1]) >= 2  # the island at Kleppingweg
    summary = " ".join(net.taglog.summary(20))
    assert "incline=up" in summary
    assert "kerb:height=ca. 10cm" not in summary  # parsed, not junk
    assert (net.attrs["kerb"] > 0.03).any() and net.attrs["steps"].any()


def test_demo_stop_check(demo_run):
    _, summary = demo_run
    checks = {c["stop_id"]: c for c in summary["checks"]}
    fm = checks["SOF_FM"]
    assert fm["results"]["kerb_height"] == "failed" and fm["kerb_height_cm"] == 12
    assert checks["SOF_BF"]["results"]["kerb_height"] == "passed"
    assert checks["SOF_OWN"]["results"]["kerb_height"] == "unknown"  # NULL: never a pass or a fail
    assert checks["SOF_KW"]["results"]["step_free_access"] == "failed"
    assert "SOF_KW" in summary["not_reachable"]


def test_demo_layers(demo_run):
    out, summary = demo_run
    ds = ogr.Open(str(out))
    assert ds.GetLayerByName("stops").GetFeatureCount() == len(summary["checks"]) == 8
    assert ds.GetLayerByName("routes").GetFeatureCount() >= 1
    assert ds.GetLayerByName("catchments").GetFeatureCount() == 8 * 4 * 2
    assert ds.GetLayerByName("slope_segments").GetFeatureCount() >= 1
    assert ds.GetLayerByName("frequency").GetFeatureCount() >= 5
    assert summary["slope_profiles"] and summary["slope_profiles"][0]["max_slope"] < 15


def test_route_without_shapes_follows_the_roads(demo, demo_run, tmp_path):
    import zipfile

    feed_zip = tmp_path / "noshape.zip"
    with zipfile.ZipFile(demo / "gtfs_sofia.zip") as source, zipfile.ZipFile(feed_zip, "w") as target:
        for name in source.namelist():
            if name != "shapes.txt":
                target.writestr(name, source.read(name))
    out = tmp_path / "noshape.gpkg"
    run_accessibility(str(feed_zip), str(out), network=str(demo / "network.gpkg"))
    built_ds, shaped_ds = ogr.Open(str(out)), ogr.Open(str(demo_run[0]))  # keep the datasets open
    built = sorted((f["length_m"], f["source"]) for f in built_ds.GetLayerByName("routes"))
    shaped = sorted(f["length_m"] for f in shaped_ds.GetLayerByName("routes"))
    assert [s for _, s in built] == ["network", "network"]
    for (length, _), reference in zip(built, shaped):
        assert length == pytest.approx(reference, rel=0.02)
