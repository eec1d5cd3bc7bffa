"""CityJSON export: a ``metadata`` referenceDate that is no date is left out with a warning.

The official 2.0 schema wants ``YYYY-MM-DD``, so a value that is no date cannot be written; it used
to vanish silently. Now the export warns and names the value. Every document still goes through
the official schema and the cjval-like checks.
"""

import datetime
import json

import pytest

from soest_qgis_plugin.citymodel.export import export_buildings
from tests.citymodel import test_cityjson_official_schema as official_schema
from tests.citymodel.conftest_export import cityjson_errors, town

# The official CityJSON 2.0 schema (fetched into .cache/ on first use) and its validator fixture.
schema_folder = official_schema.schema_folder
official = official_schema.official
schema_errors = official_schema.schema_errors


def export_with(tmp_path, official, reference_date, name="meta.city.json"):
    out = tmp_path / name
    summary = export_buildings(town(2), out, {"metadata": {"title": "Soest", "referenceDate": reference_date}})
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert schema_errors(official, doc) == [] and cityjson_errors(doc) == []
    assert doc["metadata"]["title"] == "Soest"
    return doc, summary


def warning(value):
    return (
        f'CityJSON: the reference date "{value}" is not a date (e.g. 2024-05-01 or 01.05.2024); '
        "it is left out of the metadata."
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("irgendwann", "irgendwann"),
        ("31.02.2024", "31.02.2024"),  # no such day
        ("2024-13-01", "2024-13-01"),
        ("Mai 2024", "Mai 2024"),
        (20240501, "20240501"),
        (True, "True"),
    ],
)
def test_a_value_that_is_no_date_is_left_out_with_a_warning(tmp_path, official, value, shown):
    doc, summary = export_with(tmp_path, official, value)
    assert "referenceDate" not in doc["metadata"]
    assert summary["warnings"] == [warning(shown)]


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2024-05-01", "2024-05-01"),
        (" 01.05.2024 ", "2024-05-01"),
        ("2024-05-01T08:00:00Z", "2024-05-01"),
        (datetime.date(2024, 5, 1), "2024-05-01"),
        (datetime.datetime(2024, 5, 1, 12, 30), "2024-05-01"),
    ],
)
def test_a_date_or_datetime_gives_no_warning(tmp_path, official, value, date):
    doc, summary = export_with(tmp_path, official, value)
    assert doc["metadata"]["referenceDate"] == date
    assert summary["warnings"] == []


def test_qt_dates_give_no_warning(tmp_path, official):
    from qgis.PyQt.QtCore import QDate, QDateTime, QTime

    doc, summary = export_with(tmp_path, official, QDateTime(QDate(2023, 12, 24), QTime(18, 0)))
    assert doc["metadata"]["referenceDate"] == "2023-12-24" and summary["warnings"] == []
    # An empty date widget gives a null QDate: nothing was given, nothing to warn about.
    doc, summary = export_with(tmp_path, official, QDate(), name="null.city.json")
    assert "referenceDate" not in doc["metadata"] and summary["warnings"] == []


@pytest.mark.parametrize("value", [None, "", "   ", float("nan")])
def test_an_empty_value_is_left_out_without_a_warning(tmp_path, official, value):
    doc, summary = export_with(tmp_path, official, value)
    assert "referenceDate" not in doc["metadata"]
    assert summary["warnings"] == []


def test_the_warning_speaks_german(tmp_path, official, german):
    _, summary = export_with(tmp_path, official, "irgendwann")
    assert summary["warnings"] == [
        "CityJSON: Das Bezugsdatum „irgendwann“ ist kein Datum (z. B. 2024-05-01 oder 01.05.2024); "
        "es wird in den Metadaten weggelassen."
    ]
