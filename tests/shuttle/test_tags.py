import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from soest_qgis_plugin.shuttle import tags


@pytest.mark.parametrize(
    ("value", "expected"),
    [("ca. 10cm", 0.10), ("3 cm", 0.03), ("0.03", 0.03), ("3", 0.03), ("0,02", 0.02), ("lowered", 0.03),
     ("flush", 0.0), ("raised", 0.10), ("20 mm", 0.02), (0.05, 0.05)],
)  # fmt: skip
def test_kerb_height_values_are_parsed(value, expected):
    assert tags.parse_kerb_height(value) == pytest.approx(expected)


@pytest.mark.parametrize("value", ["yes", "hoch", "", None, "10 km", "-3cm"])
def test_kerb_height_junk_is_unknown(value):
    assert tags.parse_kerb_height(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("10%", 0.10), ("-5 %", 0.05), ("5°", math.tan(math.radians(5))), ("6", 0.06), ("ca. 4 %", 0.04)],
)
def test_incline_values(value, expected):
    assert tags.parse_incline(value) == pytest.approx(expected)


@pytest.mark.parametrize("value", ["up", "down", "steep", "yes", "95°"])
def test_incline_without_magnitude_is_unknown(value):
    assert tags.parse_incline(value) is None


@pytest.mark.parametrize(("value", "expected"), [("ca. 1m", 1.0), ("0,9", 0.9), ("120 cm", 1.2), ("2 m", 2.0)])
def test_width(value, expected):
    assert tags.parse_width(value) == pytest.approx(expected)


def test_width_junk_is_unknown():
    assert tags.parse_width("narrow") is None
    assert tags.parse_width("0") is None


def test_yes_no_and_sound():
    assert tags.parse_yes_no("ja") is True
    assert tags.parse_yes_no("incorrect") is False
    assert tags.parse_yes_no("vielleicht") is None
    assert tags.parse_sound("locate") is True
    assert tags.parse_sound("no") is False
    assert tags.parse_wheelchair("limited") is True
    assert tags.parse_wheelchair("no") is False
    assert tags.parse_wheelchair("unknown") is None


def test_taglog_lists_unreadable_values_only():
    log = tags.TagLog()
    assert log.parse(tags.parse_incline, "up", "w1", "incline") is None
    assert log.parse(tags.parse_incline, "up", "w2", "incline") is None
    assert log.parse(tags.parse_incline, "5%", "w3", "incline") == pytest.approx(0.05)
    assert log.parse(tags.parse_incline, None, "w4", "incline") is None
    assert len(log) == 2
    assert log.summary() == ["incline=up (2×)"]


@given(st.text(max_size=20))
def test_parsers_never_raise_and_stay_in_range(text):
    height = tags.parse_kerb_height(text)
    assert height is None or 0 <= height <= 0.5
    incline = tags.parse_incline(text)
    assert incline is None or incline >= 0
    width = tags.parse_width(text)
    assert width is None or 0 < width <= 100
    assert tags.parse_yes_no(text) in (True, False, None)


@given(
    st.integers(min_value=0, max_value=40),
    st.sampled_from(["cm", " cm", "cm ", " cm "]),
    st.sampled_from(["", "ca. ", "~"]),
)
def test_centimetres_with_prefixes(value, unit, prefix):
    assert tags.parse_kerb_height(prefix + str(value) + unit) == pytest.approx(value / 100)
