"""Ingest: EXIF positions, GPX matching with clock offset, orientation, bad photos, decoding."""

import datetime
import math
import sys

import numpy as np
import pytest

from soest_qgis_plugin.common.errors import DependencyError, InputError
from soest_qgis_plugin.common.feedback import CollectingFeedback
from soest_qgis_plugin.roaddamage import ingest

from .conftest import START, drive_track, lonlat_at, make_drive, make_photo, write_gpx


def test_exif_gps_and_time_give_positions_and_heading(tmp_path):
    folder = make_drive(tmp_path / "d", count=4)
    result = ingest.ingest_photos(folder)
    assert [f.image for f in result.frames] == [f"img_{i:03d}.jpg" for i in range(4)]
    assert all(f.position_source == "exif" for f in result.frames)
    steps = [
        math.hypot(b.easting - a.easting, b.northing - a.northing) for a, b in zip(result.frames, result.frames[1:])
    ]
    assert steps == [pytest.approx(4.0, abs=0.05)] * 3
    assert all(f.heading == pytest.approx(90.0, abs=1.5) for f in result.frames)  # driving east
    assert 400000 < result.frames[0].easting < 500000 and 5.7e6 < result.frames[0].northing < 5.72e6
    assert result.frames[1].taken_at == START + datetime.timedelta(seconds=1)


def test_photos_without_gps_are_matched_to_the_track_by_time_interpolated(tmp_path):
    folder = make_drive(tmp_path / "d", count=4, gps=False)
    # a track with points every 2 s: photos at odd seconds need interpolation
    points = [(START + datetime.timedelta(seconds=s), *lonlat_at(s)) for s in range(-2, 8, 2)]
    track = write_gpx(tmp_path / "t.gpx", points)
    with_exif = ingest.ingest_photos(make_drive(tmp_path / "ref", count=4))
    result = ingest.ingest_photos(folder, track=track)
    assert all(f.position_source == "gpx" for f in result.frames)
    for got, ref in zip(result.frames, with_exif.frames):
        assert got.easting == pytest.approx(ref.easting, abs=0.05)
        assert got.northing == pytest.approx(ref.northing, abs=0.05)
        assert got.heading == pytest.approx(90.0, abs=1.5)


def test_clock_offset_shifts_photo_times_onto_the_track(tmp_path):
    # camera runs one hour ahead (CET without zone tag): offset -3600 s brings it back
    folder = make_drive(tmp_path / "d", count=3, gps=False, start=START + datetime.timedelta(hours=1))
    track = drive_track(tmp_path / "t.gpx", count=3)
    with pytest.raises(InputError, match="does not overlap"):
        ingest.ingest_photos(folder, track=track)
    result = ingest.ingest_photos(folder, track=track, clock_offset=-3600)
    assert len(result.positioned) == 3


def test_exif_offset_time_tag_is_respected(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    local = (START + datetime.timedelta(hours=2)).replace(tzinfo=None)
    make_photo(folder / "a.jpg", time=local, offset_tag="+02:00")
    track = drive_track(tmp_path / "t.gpx", count=2)
    result = ingest.ingest_photos(folder, track=track)
    assert result.frames[0].taken_at == START
    assert result.frames[0].positioned


def test_photo_without_position_and_without_track_fails_clearly(tmp_path):
    folder = make_drive(tmp_path / "d", count=2, gps=False)
    feedback = CollectingFeedback()
    with pytest.raises(InputError, match="has a position"):
        ingest.ingest_photos(folder, feedback=feedback)
    assert any("img_000.jpg" in w for w in feedback.warnings)


def test_frames_without_position_are_listed_and_reported_not_dropped(tmp_path):
    folder = make_drive(tmp_path / "d", count=3)
    make_photo(folder / "img_999.jpg")  # no GPS, no time
    feedback = CollectingFeedback()
    result = ingest.ingest_photos(folder, feedback=feedback)
    assert len(result.frames) == 4
    assert result.unpositioned == ["img_999.jpg"]
    assert result.frames[-1].status == "no_position"
    assert any("img_999.jpg" in w for w in feedback.warnings)


def test_gpx_not_overlapping_in_time_names_both_time_spans(tmp_path):
    folder = make_drive(tmp_path / "d", count=3, gps=False)
    track = drive_track(tmp_path / "t.gpx", count=3, start=START + datetime.timedelta(days=1))
    with pytest.raises(InputError) as error:
        ingest.ingest_photos(folder, track=track)
    assert "2026-05-05" in str(error.value) and "2026-05-04" in str(error.value)


def test_gpx_partly_overlapping_keeps_the_good_frames(tmp_path):
    folder = make_drive(tmp_path / "d", count=6, gps=False)
    track = write_gpx(tmp_path / "t.gpx", [(START + datetime.timedelta(seconds=s), *lonlat_at(s)) for s in range(3)])
    result = ingest.ingest_photos(folder, track=track)
    assert [f.image for f in result.positioned] == ["img_000.jpg", "img_001.jpg", "img_002.jpg"]
    assert "img_005.jpg" in result.unpositioned
    assert "outside the GPX track" in result.frames[5].message


def test_bad_gpx(tmp_path):
    bad = tmp_path / "bad.gpx"
    bad.write_text("<gpx><trk><trkseg><trkpt lat='51' lon='8'/></trkseg></trk>", encoding="utf-8")
    with pytest.raises(InputError):
        ingest.read_gpx(bad)
    with pytest.raises(InputError):
        ingest.read_gpx(tmp_path / "missing.gpx")


def test_corrupt_file_is_unreadable_and_named(tmp_path):
    folder = make_drive(tmp_path / "d", count=2)
    (folder / "img_005.jpg").write_bytes(b"this is not a jpeg")
    feedback = CollectingFeedback()
    result = ingest.ingest_photos(folder, feedback=feedback)
    assert result.unreadable == ["img_005.jpg"]
    assert len(result.positioned) == 2
    assert any("img_005.jpg" in w for w in feedback.warnings)


def test_truncated_jpeg_passes_the_header_but_fails_decoding(tmp_path):
    path = make_photo(tmp_path / "t.jpg", lonlat=lonlat_at(0))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert ingest.read_photo_header(path)[0] == 640
    with pytest.raises(OSError):
        ingest.decode_image(path)


def test_exif_orientation_is_applied(tmp_path):
    path = make_photo(tmp_path / "r.jpg", orientation=6, boxes=[(0, 0, 40, 30, (0, 0, 0))])
    width, height, *_ = ingest.read_photo_header(path)
    assert (width, height) == (640, 480)
    image = ingest.decode_image(path)
    assert image.shape == (480, 640, 3)
    assert image[5:25, 5:35].mean() < 30  # the black box is top-left again, upright


@pytest.mark.parametrize("mode", ["L", "I;16"])
def test_greyscale_and_16bit_png_decode_to_rgb8(tmp_path, mode):
    path = make_photo(tmp_path / "g.png", mode=mode, boxes=[(10, 10, 50, 50, (0, 0, 0))])
    image = ingest.decode_image(path)
    assert image.dtype == np.uint8 and image.shape == (480, 640, 3)
    assert image[20, 20].max() < 10 and 100 <= image[300, 300, 0] <= 120  # scaled, not clipped


def test_video_without_opencv_is_a_clear_dependency_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "cv2", None)  # import cv2 -> ImportError, as without OpenCV
    track = drive_track(tmp_path / "t.gpx")
    with pytest.raises(DependencyError, match="opencv"):
        ingest.ingest_video(tmp_path / "v.mp4", track, tmp_path / "frames")


def test_video_is_sampled_every_n_metres(tmp_path):
    cv2 = pytest.importorskip("cv2")
    path = str(tmp_path / "v.mp4")
    writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*"mp4v"), 10.0, (320, 240))
    for i in range(80):  # 8 s at 10 fps
        writer.write(np.full((240, 320, 3), i * 3 % 255, np.uint8))
    writer.release()
    track = drive_track(tmp_path / "t.gpx", count=8, extra=0)  # 4 m/s for 7 s = 28 m
    result = ingest.ingest_video(path, track, tmp_path / "frames", every_m=8.0)
    assert len(result.positioned) == 4  # 0, 8, 16, 24 m
    assert all((tmp_path / "frames" / f.image).exists() for f in result.positioned)


def test_reduced_scale_decoding_for_the_model_input(tmp_path):
    path = make_photo(tmp_path / "big.jpg", size=(1280, 960), boxes=[(400, 600, 480, 640, (0, 0, 0))])
    image, full = ingest.decode_image_scaled(path, fit=(640, 640))
    assert full == (960, 1280) and image.shape == (480, 640, 3)  # JPEG decoded at 1/2 scale
    assert image[300:320, 200:240].mean() < 30  # the box at half the coordinates
    image, full = ingest.decode_image_scaled(path)
    assert image.shape == (960, 1280, 3)
    rotated = make_photo(tmp_path / "rot.jpg", size=(1280, 960), orientation=6)
    image, full = ingest.decode_image_scaled(rotated, fit=(640, 640))
    assert full == (960, 1280) and image.shape == (480, 640, 3)
    small = make_photo(tmp_path / "small.jpg", size=(320, 240))
    assert ingest.decode_image_scaled(small, fit=(640, 640))[0].shape == (240, 320, 3)  # never upscaled
