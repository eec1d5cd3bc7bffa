"""Crashes the fuzz tests once found in the parsers, one minimal reproducer each (now fixed).

Each test states the wanted behaviour: a clean read or one of the project's ``SoestError`` types.
"""

import contextlib
import io
import json
import zipfile

from soest_qgis_plugin.common.errors import SoestError

from . import seeds


def _read_city(path):
    from soest_qgis_plugin.citymodel.readers import ReadLog, iter_buildings

    return list(iter_buildings([path], log=ReadLog()))


def _clean_or_soest_error(call):
    with contextlib.suppress(SoestError):
        call()


def test_fuzz_known_cityjson_invalid_utf8(tmp_path):
    path = tmp_path / "tile.city.json"
    path.write_bytes(seeds.cityjson_seed().replace(b'"CityJSON"', b'"City\xffJSON"', 1))
    _clean_or_soest_error(lambda: _read_city(path))


def test_fuzz_known_cityjson_huge_vertex(tmp_path):
    doc = json.loads(seeds.cityjson_seed())
    text = json.dumps(doc).replace(json.dumps(doc["vertices"][0]), "[1e309, 0, 0]", 1)
    path = tmp_path / "tile.city.json"
    path.write_text(text)
    _clean_or_soest_error(lambda: _read_city(path))


def test_fuzz_known_gtfs_damaged_zip_member(tmp_path):
    from soest_qgis_plugin.shuttle.gtfs import read_feed

    data = bytearray(seeds.gtfs_zip(seeds.GTFS_FILES))
    data[0:2] = b"XX"  # the first member's local header; the central directory is intact
    path = tmp_path / "feed.zip"
    path.write_bytes(bytes(data))
    assert zipfile.is_zipfile(io.BytesIO(bytes(data)))
    _clean_or_soest_error(lambda: read_feed(path))


def test_fuzz_known_gtfs_huge_number(tmp_path):
    from soest_qgis_plugin.shuttle.gtfs import read_feed

    files = dict(seeds.GTFS_FILES)
    files["stop_times.txt"] = files["stop_times.txt"].replace("S2,2", "S2,1e999", 1)
    path = tmp_path / "feed.zip"
    path.write_bytes(seeds.gtfs_zip(files))
    _clean_or_soest_error(lambda: read_feed(path))
