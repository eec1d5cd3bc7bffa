import numpy as np
import pytest

from soest_qgis_plugin.shuttle import catchments as C  # noqa: N812
from soest_qgis_plugin.shuttle import coverage as CV  # noqa: N812
from soest_qgis_plugin.shuttle import gaps as GP  # noqa: N812
from soest_qgis_plugin.shuttle import gtfs
from soest_qgis_plugin.shuttle import network as N  # noqa: N812
from soest_qgis_plugin.shuttle import stopcheck as SC  # noqa: N812


@pytest.fixture(scope="module")
def setup(shuttle_data):
    feed = gtfs.read_feed(shuttle_data["gtfs"])
    net = N.load_network(shuttle_data["network"])
    survey = N.read_survey(shuttle_data["survey"])
    N.apply_survey(net, survey)
    stops = [(s.stop_id, s.x, s.y) for s in feed.stops_with_coordinates()]
    catch = C.compute_catchments(net, stops, distances=(300, 500))
    build = CV.attach(net, CV.read_buildings(shuttle_data["buildings"]))
    checks = SC.check_stops(feed.stops, survey["stop_kerbs"], catch, net, feed)
    return feed, net, catch, build, checks


def test_residential_codes():
    assert CV.is_residential("31001_1010") is True
    assert CV.is_residential("31001_2000") is False
    assert CV.is_residential(1000) is True
    assert CV.is_residential(None) is None


def test_buildings_and_shares(setup):
    _, net, catch, build, _ = setup
    assert len(build) == 74 and build.function_known
    shares = CV.coverage_shares(net, catch, build)
    full, wheel = shares["unrestricted"], shares["wheelchair"]
    assert wheel[0] < full[0]  # the houses behind the steps
    assert full[1] == wheel[1] == int(build.residential.sum())
    rows = CV.coverage_table(net, catch, build)
    s3 = {(r["profile"], r["distance"]): r["buildings"] for r in rows if r["stop_id"] == "S3"}
    assert s3[("unrestricted", 300.0)] - s3[("wheelchair", 300.0)] >= 4
    assert s3[("unrestricted", 500.0)] >= s3[("unrestricted", 300.0)]


def test_gap_list_ranked_by_buildings_gained(setup):
    feed, net, catch, build, checks = setup
    gaps = GP.find_gaps(net, catch, build, checks, feed.stops)
    texts = [g["text"] for g in gaps]
    assert texts[0].startswith("Stop Feldmühlenweg: kerb height 12 cm → 22 cm")
    steps = next(g for g in gaps if g["kind"] == "steps")
    assert "Hangtreppe" in steps["text"] and steps["residential_gained"] == 4
    crossing = next(g for g in gaps if g["kind"] == "crossing_sound")
    assert "Gasse 2" in crossing["text"]
    gained = [(g["residential_gained"], g["buildings_gained"]) for g in gaps]
    assert gained == sorted(gained, reverse=True)
    assert [g["rank"] for g in gaps] == list(range(1, len(gaps) + 1))


def test_gap_texts_in_german(shuttle_german, setup):
    feed, net, catch, build, checks = setup
    gaps = GP.find_gaps(net, catch, build, checks, feed.stops)
    texts = " ".join(g["text"] for g in gaps)
    assert "Haltestelle Feldmühlenweg: Bordhöhe 12 cm → 22 cm" in texts
    assert "Treppe an Hangtreppe ohne Rampe" in texts
    assert "ohne Akustiksignal" in texts
    assert np.all([g["buildings_gained"] >= 0 for g in gaps])
