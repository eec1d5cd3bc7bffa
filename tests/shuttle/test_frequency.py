import datetime

from soest_qgis_plugin.shuttle import frequency as F  # noqa: N812
from soest_qgis_plugin.shuttle import gtfs


def test_segment_counts_in_time_window(shuttle_data):
    feed = gtfs.read_feed(shuttle_data["gtfs"])
    rows, route_trips, day = F.segment_frequency(feed, datetime.date(2026, 3, 5), "06:00", "08:00")
    seg = {(r["from_stop"], r["to_stop"]): r for r in rows}
    assert seg[("S1", "S2")]["trips"] == 4  # 06:00, 06:30, 07:00, 07:30
    assert seg[("S1", "S2")]["per_hour"] == 2.0
    assert ("S3", "S1") not in seg  # weekend route
    assert route_trips == {"R1": 4}


def test_times_past_midnight_count_on_the_service_day(shuttle_data):
    feed = gtfs.read_feed(shuttle_data["gtfs"])
    rows, _, _ = F.segment_frequency(feed, "20260305", "24:00", "26:00")
    assert {(r["from_stop"], r["to_stop"]): r["trips"] for r in rows} == {("S1", "S2"): 1, ("S2", "S3"): 1}


def test_weekend_and_holiday(shuttle_data):
    feed = gtfs.read_feed(shuttle_data["gtfs"])
    rows, _, _ = F.segment_frequency(feed, "20261225", "00:00", "30:00")
    assert {(r["from_stop"], r["to_stop"]) for r in rows} == {("S3", "S1")}


def test_frequencies_txt_expands_headways(shared_fixtures):
    feed = gtfs.read_feed(shared_fixtures / "gtfs" / "sample_gtfs.zip")
    rows, _, day = F.segment_frequency(feed)
    assert day is not None and rows
    assert max(r["trips"] for r in rows) > 1
