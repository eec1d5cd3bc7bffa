"""Robust parsing of OSM-style tag values (``kerb:height=ca. 10cm``, ``incline=10%``, ``width=ca. 1m``).

Each parser returns a number in SI units (metres, slope as a fraction) or ``None`` when the
meaning is not clear. ``None`` means *unknown*: it is never treated as a pass or a fail, and
``TagLog`` lists every value that could not be read so that planners can fix the data.
"""

import math
import re

_NUMBER = r"[-+]?\d+(?:[.,]\d+)?"
_LENGTH_RE = re.compile(
    r"^\s*(?:ca\.?|approx\.?|~|<|>|<=|>=|≈)?\s*(" + _NUMBER + r")\s*(mm|cm|dm|m)?\s*$", re.IGNORECASE
)
_INCLINE_RE = re.compile(r"^\s*(?:ca\.?|~)?\s*(" + _NUMBER + r")\s*(%|°|deg)?\s*$", re.IGNORECASE)
_UNITS = {"mm": 0.001, "cm": 0.01, "dm": 0.1, "m": 1.0}

# kerb=* values with a well-known height (Germany: "abgesenkt" = 3 cm).
KERB_VALUES = {"flush": 0.0, "no": 0.0, "none": 0.0, "lowered": 0.03, "raised": 0.10}
TRUE_VALUES = {"yes", "true", "1", "ja", "y"}
FALSE_VALUES = {"no", "false", "0", "nein", "n", "none", "incorrect"}


def _clean(value):
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    text = str(value).strip()
    return text or None


def _number(text):
    return float(text.replace(",", "."))


def parse_length(value, bare_unit=1.0):
    """A length in metres from ``"ca. 10cm"``, ``"3 cm"``, ``"0.03"``, ``"1,5 m"``; None if unclear.

    ``bare_unit`` is the unit of a number without a unit (metres by OSM convention).
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None if math.isnan(float(value)) else float(value) * bare_unit
    text = _clean(value)
    if text is None:
        return None
    match = _LENGTH_RE.match(text)
    if not match:
        return None
    number = _number(match.group(1))
    if number < 0:
        return None
    unit = match.group(2)
    return number * (_UNITS[unit.lower()] if unit else bare_unit)


def parse_kerb_height(value):
    """Kerb height in metres from ``kerb:height`` (or a ``kerb`` keyword); None if unknown.

    A bare number above 0.5 is read as centimetres: nobody maps a 3 m kerb, but many write
    ``kerb:height=3`` meaning 3 cm.
    """
    text = _clean(value)
    if text is None:
        return None
    if text.lower() in KERB_VALUES:
        return KERB_VALUES[text.lower()]
    height = parse_length(value)
    if height is None:
        return None
    match = _LENGTH_RE.match(str(value)) if not isinstance(value, (int, float)) else None
    has_unit = bool(match and match.group(2))
    if not has_unit and height > 0.5:
        height = height / 100.0
    return height if height <= 0.5 else None


def parse_width(value):
    """Path width in metres (``"ca. 1m"``, ``"0,9"``, ``"120 cm"``); None if unclear."""
    width = parse_length(value)
    if width is None or width <= 0 or width > 100:
        return None
    return width


def parse_incline(value):
    """Absolute slope as a fraction from ``"10%"``, ``"-5 %"``, ``"5°"``; None for ``up``/``down``/junk."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None if math.isnan(float(value)) else abs(float(value)) / 100.0
    text = _clean(value)
    if text is None:
        return None
    match = _INCLINE_RE.match(text)
    if not match:
        return None
    number = abs(_number(match.group(1)))
    unit = (match.group(2) or "%").lower()
    if unit in ("°", "deg"):
        if number >= 90:
            return None
        return math.tan(math.radians(number))
    return number / 100.0


def parse_yes_no(value):
    """True / False / None (unknown) for yes/no style tags."""
    text = _clean(value)
    if text is None:
        return None
    text = text.lower()
    if text in TRUE_VALUES:
        return True
    if text in FALSE_VALUES:
        return False
    return None


def parse_sound(value):
    """``traffic_signals:sound``: yes/locate/walk count as an acoustic signal."""
    text = _clean(value)
    if text is None:
        return None
    text = text.lower()
    if text in ("yes", "locate", "walk", "ja", "true", "1"):
        return True
    if text in ("no", "nein", "false", "0"):
        return False
    return None


def parse_wheelchair(value):
    """``wheelchair=yes|limited|no`` → True / True / False; None when unknown."""
    text = _clean(value)
    if text is None:
        return None
    text = text.lower()
    if text in ("yes", "designated", "limited"):
        return True
    if text == "no":
        return False
    return None


class TagLog:
    """Collects values that could not be read: (source id, tag, value)."""

    def __init__(self):
        self.entries = []

    def add(self, source_id, tag, value):
        self.entries.append((str(source_id), tag, str(value)))

    def parse(self, parser, value, source_id, tag):
        """Run ``parser``; log the value when it was given but could not be read."""
        result = parser(value)
        if result is None and _clean(value) is not None:
            self.add(source_id, tag, value)
        return result

    def summary(self, limit=10):
        counts = {}
        for _, tag, value in self.entries:
            counts[(tag, value)] = counts.get((tag, value), 0) + 1
        ranked = sorted(counts.items(), key=lambda item: -item[1])
        return [f"{tag}={value} ({count}×)" for (tag, value), count in ranked[:limit]]

    def __len__(self):
        return len(self.entries)
