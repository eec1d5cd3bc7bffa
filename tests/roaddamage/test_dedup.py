"""Deduplication of detections across consecutive frames."""

from soest_qgis_plugin.roaddamage.dedup import deduplicate


def det(fid, seq, e, n, cls="D40", conf=0.5, box=(0, 0, 10, 10)):
    return {
        "fid": fid,
        "seq": seq,
        "easting": e,
        "northing": n,
        "class_name": cls,
        "confidence": conf,
        "x1": box[0],
        "y1": box[1],
        "x2": box[2],
        "y2": box[3],
        "width": 100,
        "height": 100,
    }


def test_same_class_close_in_consecutive_frames_is_one_damage():
    damages = deduplicate([det(1, 0, 0, 0), det(2, 1, 1.0, 0.5), det(3, 2, 2.0, 0.0)], radius=3.0)
    assert len(damages) == 1
    assert damages[0]["detection_ids"] == [1, 2, 3]


def test_other_class_far_away_or_long_gap_are_separate():
    damages = deduplicate(
        [det(1, 0, 0, 0), det(2, 1, 0.5, 0, cls="D00"), det(3, 1, 10, 0), det(4, 9, 0.2, 0)], radius=3.0, max_gap=3
    )
    assert sorted(len(d["detection_ids"]) for d in damages) == [1, 1, 1, 1]


def test_two_damages_in_one_frame_stay_apart_even_when_close():
    damages = deduplicate([det(1, 0, 0, 0), det(2, 0, 1.0, 0)], radius=3.0)
    assert len(damages) == 2


def test_key_photo_is_highest_confidence_times_box_size_and_position_is_weighted():
    damages = deduplicate(
        [
            det(1, 0, 0, 0, conf=0.9, box=(0, 0, 5, 5)),  # 0.9 * 25
            det(2, 1, 2, 0, conf=0.6, box=(0, 0, 20, 20)),  # 0.6 * 400 -> key
            det(3, 2, 1, 0, conf=0.3, box=(0, 0, 10, 10)),
        ]
    )
    assert len(damages) == 1
    d = damages[0]
    assert d["key_detection"] == 2
    assert d["confidence"] == 0.9
    assert d["easting"] == (0.9 * 0 + 0.6 * 2 + 0.3 * 1) / 1.8


def test_radius_is_configurable():
    detections = [det(1, 0, 0, 0), det(2, 1, 4.0, 0)]
    assert len(deduplicate(detections, radius=3.0)) == 2
    assert len(deduplicate(detections, radius=5.0)) == 1


def test_detections_without_position_are_not_damages():
    assert deduplicate([det(1, 0, None, None)]) == []
