import datetime
import zipfile

import pytest

from soest_qgis_plugin.common.errors import InputError
from soest_qgis_plugin.shuttle import gtfs

from . import synth


def test_parse_time_past_midnight():
    assert gtfs.parse_time("25:10:00") == 25 * 3600 + 600
    assert gtfs.parse_time(" 6:05:00") == 6 * 3600 + 300
    assert gtfs.parse_time("") is None
    assert gtfs.parse_time("7:61:00") is None


def test_decode_bom_utf8_and_latin1():
    assert gtfs.decode("\ufeffstop_id".encode()) == "stop_id"
    assert gtfs.decode("Feldmühlenweg".encode("latin-1")) == "Feldmühlenweg"
    assert gtfs.decode("Feldmühlenweg".encode()) == "Feldmühlenweg"


def test_folder_feed_with_problems_reported(shuttle_data):
    feed = gtfs.read_feed(shuttle_data["gtfs"])
    assert list(feed.stops) == ["S1", "S2", "S3", "S4", "S5", "S6"]
    assert feed.stops["S2"].name == "Feldmühlenweg"
    assert feed.stops["S6"].x is None
    text = " | ".join(feed.problems)
    assert "S6" in text and "GHOST" in text and "SH_EMPTY" in text
    # coordinates projected to EPSG:25832
    x, y = synth.stop_list()[0][2:]
    assert feed.stops["S1"].x == pytest.approx(x, abs=0.05)
    assert feed.stops["S1"].y == pytest.approx(y, abs=0.05)
    # night trip keeps its time past 24:00
    assert feed.stop_times["T1_night"][0][2] == 24 * 3600 + 600


def test_latin1_stops_file(tmp_path):
    folder = synth.write_gtfs(str(tmp_path / "latin"), encoding="latin-1")
    assert gtfs.read_feed(folder).stops["S2"].name == "Feldmühlenweg"


def test_zip_with_subfolder_macosx_junk_and_traversal(shuttle_data):
    feed = gtfs.read_feed(shuttle_data["gtfs_zip"])
    assert "EVIL" not in feed.stops
    assert feed.stops["S2"].name == "Feldmühlenweg"
    with zipfile.ZipFile(shuttle_data["gtfs_zip"]) as archive:
        assert any(n.startswith("../") for n in archive.namelist())


def test_missing_required_file_is_refused_in_german_terms(tmp_path):
    folder = synth.write_gtfs(str(tmp_path / "nostops"), drop=("stop_times.txt",))
    with pytest.raises(InputError, match="stop_times.txt"):
        gtfs.read_feed(folder)


def test_empty_feed_is_refused(tmp_path):
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w"):
        pass
    with pytest.raises(InputError):
        gtfs.read_feed(str(empty))
    folder = synth.write_gtfs(str(tmp_path / "headers"))
    (tmp_path / "headers" / "stops.txt").write_text("stop_id,stop_name,stop_lat,stop_lon\n")
    with pytest.raises(InputError, match="no stops"):
        gtfs.read_feed(folder)


def test_service_days_calendar_and_exceptions(shuttle_data):
    feed = gtfs.read_feed(shuttle_data["gtfs"])
    assert gtfs.active_services(feed, "20260305") == {"WD"}  # Thursday
    assert gtfs.active_services(feed, "20260307") == {"WE"}  # Saturday
    assert gtfs.active_services(feed, datetime.date(2026, 12, 25)) == {"WE"}  # holiday: WD removed, WE added
    assert datetime.date(2026, 12, 25) in gtfs.service_days(feed)


def test_real_delfi_feed(shared_fixtures):
    feed = gtfs.read_feed(shared_fixtures / "gtfs" / "delfi-minimal-gtfs.zip")
    assert feed.stops and feed.trips and feed.stop_times
    assert {s.level_id for s in feed.stops.values()} == {"2"}
    assert {s.wheelchair_boarding for s in feed.stops.values()} == {0}  # unknown
    assert all(s.x is None or 300000 < s.x < 900000 for s in feed.stops.values())


def test_real_sample_feed(shared_fixtures):
    feed = gtfs.read_feed(shared_fixtures / "gtfs" / "sample_gtfs.zip")
    assert len(feed.routes) >= 1 and feed.frequencies


def test_real_partial_feed_without_stop_times(shared_fixtures):
    with pytest.raises(InputError, match="stop_times.txt"):
        gtfs.read_feed(shared_fixtures / "gtfs" / "swu_ulm_partial")
