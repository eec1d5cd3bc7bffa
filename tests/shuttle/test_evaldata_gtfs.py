"""Real public GTFS feeds from ../shared/evaldata/gtfs (read-only; see its SOURCES.md).

The expected numbers were counted independently with Python's csv module (unique ids per file)
and are the real contents of the feeds, not what the reader happened to return.
"""

import csv

import pytest

from soest_qgis_plugin.common.errors import InputError
from soest_qgis_plugin.shuttle import gtfs
from soest_qgis_plugin.shuttle.analysis import run_accessibility


@pytest.fixture(scope="module")
def gtfs_dir(shared_evaldata):
    return shared_evaldata / "gtfs"


def test_delfi_excerpt_freiburg(gtfs_dir):
    for path in (
        gtfs_dir / "spatial_search_tests" / "minimal-gtfs.zip",
        gtfs_dir / "spatial_search_tests" / "minimal_gtfs",
    ):
        feed = gtfs.read_feed(path)
        assert (len(feed.stops), len(feed.routes), len(feed.trips)) == (2, 1, 1)
        assert feed.outside_area is None and feed.problems == []
        assert [s.wheelchair_boarding for s in feed.stops.values()] == [0, 0]
        assert len(feed.shapes) == 1 and len(feed.frequencies) == 1
        # Freiburg (47.99-48.12 N, 7.84 E) lies in UTM zone 32: E ~ 414 km
        assert all(413000 < s.x < 415000 and 5316000 < s.y < 5331000 for s in feed.stops.values())


def test_latin1_feed_without_calendar_and_shapes(gtfs_dir):
    feed = gtfs.read_feed(gtfs_dir / "partridge_fixtures" / "region-nord-v2")
    assert (len(feed.stops), len(feed.routes), len(feed.trips)) == (3693, 181, 1098)
    assert sum(len(t) for t in feed.stop_times.values()) == 26890
    assert feed.stops["16242135"].name == "Olsøya"  # cp1252 byte 0xF8, not mojibake
    assert feed.stops["16242167"].name == "Hjørundhølen bru"
    assert not feed.calendar and feed.calendar_dates and not feed.shapes
    assert {s.wheelchair_boarding for s in feed.stops.values()} == {0}  # column present, every value empty
    # Trondheim region (63.5-65.1 N, 10.2-14.1 E): zone 32/33, usable in EPSG:25832
    assert feed.outside_area is None and len(feed.stops_with_coordinates()) == 3693


@pytest.mark.parametrize(
    "relative, counts, wheelchair",
    [
        ("partridge_fixtures/caltrain-2017-07-24", (64, 4, 188, 0), {1: 54, 2: 10}),  # shapes skipped
        ("partridge_fixtures/amazon-2017-08-06.zip", (35, 50, 442, 0), {0: 35}),  # zip with __MACOSX junk
        ("partridge_fixtures/israel-public-transportation-route-2126", (18, 1, 4, 0), {0: 18}),
        ("gtfs_kit_data/cairns_gtfs.zip", (416, 22, 1339, 0), {0: 416}),
        ("gtfs_kit_data/nyc_subway_gtfs.zip", (273, 2, 1990, 0), {0: 273}),
        ("gtfs_kit_data/sample_gtfs", (9, 5, 11, 0), {0: 9}),
    ],
)
def test_feeds_far_from_soest_are_read_but_not_projected(gtfs_dir, relative, counts, wheelchair):
    feed = gtfs.read_feed(gtfs_dir / relative)
    assert (len(feed.stops), len(feed.routes), len(feed.trips), len(feed.shapes)) == counts
    assert len(feed.stop_times) == counts[2]
    found = {}
    for stop in feed.stops.values():
        found[stop.wheelchair_boarding] = found.get(stop.wheelchair_boarding, 0) + 1
    assert found == wheelchair
    # no nonsense EPSG:25832 coordinates (Cairns would land at y = -17,500 km), but the WGS84 ones stay
    assert feed.outside_area is not None and feed.stops_with_coordinates() == []
    assert all(s.lat is not None for s in feed.stops.values())
    with pytest.raises(InputError, match="outside the area of the analysis"):
        feed.check_area()


def test_feed_outside_utm32_is_refused_in_german(gtfs_dir, tmp_path, shuttle_german):
    out = tmp_path / "out.gpkg"
    with pytest.raises(InputError) as info:
        run_accessibility(str(gtfs_dir / "gtfs_kit_data" / "cairns_gtfs.zip"), out)
    text = str(info.value)
    assert "außerhalb des Analysegebiets" in text and "cairns_gtfs.zip" in text
    assert "-16.91° Breite, 145.74° Länge" in text
    assert not out.exists()


def test_single_stray_stop_is_dropped_not_the_feed(gtfs_dir, tmp_path):
    """A stop at 0°/0° (a common export error) in the real DELFI excerpt: that stop is dropped, not the feed."""
    folder = tmp_path / "feed"
    folder.mkdir()
    for item in (gtfs_dir / "spatial_search_tests" / "minimal_gtfs").iterdir():
        (folder / item.name).write_bytes(item.read_bytes())
    with open(folder / "stops.txt", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows.append({"stop_id": "null_island", "stop_name": "Null Island", "stop_lat": "0.0", "stop_lon": "0.0"})
    with open(folder / "stops.txt", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), restval="")
        writer.writeheader()
        writer.writerows(rows)
    feed = gtfs.read_feed(folder)
    assert len(feed.stops) == 3 and feed.outside_area is None
    assert feed.stops["null_island"].x is None
    assert len(feed.stops_with_coordinates()) == 2
    assert any("null_island" in p and "outside the area" in p for p in feed.problems)


@pytest.mark.parametrize(
    "relative, message",
    [
        ("swu_ulm_partial", "stop_times.txt"),  # real German feed, stop_times.txt not in the snapshot
        ("spatial_search_tests/feed-only-shapes.zip", "stops.txt, routes.txt, trips.txt, stop_times.txt"),
        ("partridge_fixtures/empty.zip", "no stops"),
        ("partridge_fixtures/empty", "no stops"),
    ],
)
def test_incomplete_feeds_name_what_is_missing(gtfs_dir, relative, message):
    with pytest.raises(InputError, match=message):
        gtfs.read_feed(gtfs_dir / relative)


def test_incomplete_feed_message_is_german(gtfs_dir, shuttle_german):
    with pytest.raises(InputError) as info:
        gtfs.read_feed(gtfs_dir / "swu_ulm_partial")
    assert str(info.value).startswith("Dem GTFS-Feed swu_ulm_partial fehlt") and "stop_times.txt" in str(info.value)
