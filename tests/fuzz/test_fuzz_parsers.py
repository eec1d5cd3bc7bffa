"""Bad input at scale: hypothesis feeds mutated CityGML, CityJSON(Seq), GTFS, GPX and EXIF data
to the project's parsers. Whatever comes in, a parser either reads it or raises one of the
project's own ``SoestError`` types: no other exception, no crash, no hang.

Examples per parser: ``SOEST_FUZZ_EXAMPLES`` (default 400), derandomized (the same cases in CI
every run; set ``SOEST_FUZZ_RANDOM=1`` to explore new ones).
"""

import collections
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from soest_qgis_plugin.common.errors import SoestError

from . import seeds

EXAMPLES = int(os.environ.get("SOEST_FUZZ_EXAMPLES", "400"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("SOEST_FUZZ_RANDOM"),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    print_blob=True,
)
COUNTS = collections.Counter()
KNOWN_HITS = collections.Counter()

# Crashes found by these tests in other domains' parsers, each reproduced by a strict xfail test
# in test_fuzz_known_bugs.py: (exception type, file of the innermost plugin frame).
# Tolerated here so that every OTHER kind of crash still fails; remove an entry when fixed.
KNOWN_BUGS = {}


def _known(error):
    import traceback

    frames = [f for f in traceback.extract_tb(error.__traceback__) if "soest_qgis_plugin" in f.filename]
    if not frames:
        return None
    key = (type(error).__name__, frames[-1].filename.split("soest_qgis_plugin/")[-1])
    return key if key in KNOWN_BUGS else None


def _survives(call):
    """Run a parser: fine when it reads the data or raises a SoestError; a known bug is counted."""
    try:
        return call()
    except SoestError:
        return None
    except Exception as error:  # noqa: BLE001 - sorted below: only known bugs pass
        key = _known(error)
        if key is None:
            raise
        KNOWN_HITS[key] += 1
        return None


@pytest.fixture(scope="module", autouse=True)
def report_counts():
    yield
    total = sum(COUNTS.values())
    print(f"\n[fuzz] {total} cases: " + ", ".join(f"{k} {v}" for k, v in sorted(COUNTS.items())))
    if KNOWN_HITS:
        print(
            "[fuzz] known bugs hit (see test_fuzz_known_bugs.py): "
            + ", ".join(f"{k}: {v}" for k, v in KNOWN_HITS.items())
        )


class _Workdir:
    def __init__(self):
        self.path = Path(tempfile.mkdtemp(prefix="soest-fuzz-"))

    def write(self, name, data):
        path = self.path / name
        path.write_bytes(data)
        return path

    def clean(self):
        shutil.rmtree(self.path, ignore_errors=True)


@pytest.fixture(scope="module")
def workdir():
    w = _Workdir()
    yield w
    w.clean()


def _read_city(path):
    from soest_qgis_plugin.citymodel.readers import ReadLog, iter_buildings

    log = ReadLog()
    buildings = list(iter_buildings([path], log=log))
    for b in buildings:  # what the store does with every building must hold too
        assert isinstance(b.gml_id, str)
        for surface in b.surfaces:
            for ring in surface.rings:
                assert ring.ndim == 2 and ring.shape[1] == 3
    return buildings, log


def _store_import(path, folder):
    """The full import path (readers + metrics + store) on the same input."""
    from soest_qgis_plugin.citymodel.store import CityModelStore, import_files

    target = folder / "store.gpkg"
    if target.exists():
        target.unlink()
    summary = import_files([path], target)
    if target.exists():
        with CityModelStore(target) as store:
            assert store.count() == summary.total_in_store


@FUZZ
@given(data=seeds.mutated(seeds.citygml_seed()))
def test_fuzz_citygml_reader(workdir, data):
    COUNTS["CityGML"] += 1
    path = workdir.write("tile.gml", data)
    _survives(lambda: _read_city(path))
    if len(data) % 4 == 0:  # every 4th case also through the whole import into a store
        COUNTS["CityGML→store"] += 1
        _survives(lambda: _store_import(path, workdir.path))


@FUZZ
@given(data=seeds.mutated(seeds.cityjson_seed()))
def test_fuzz_cityjson_reader(workdir, data):
    COUNTS["CityJSON"] += 1
    path = workdir.write("tile.city.json", data)
    _survives(lambda: _read_city(path))
    if len(data) % 4 == 0:
        COUNTS["CityJSON→store"] += 1
        _survives(lambda: _store_import(path, workdir.path))


@FUZZ
@given(data=seeds.mutated(seeds.cityjsonseq_seed()))
def test_fuzz_cityjsonseq_reader(workdir, data):
    COUNTS["CityJSONSeq"] += 1
    path = workdir.write("tile.city.jsonl", data)
    _survives(lambda: _read_city(path))


_GTFS_NAMES = sorted(seeds.GTFS_FILES)


@st.composite
def gtfs_feeds(draw):
    files = dict(seeds.GTFS_FILES)
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(_GTFS_NAMES))
        files[name] = draw(seeds.mutated(files[name].encode("utf-8") if isinstance(files[name], str) else files[name]))
    if draw(st.booleans()):
        del files[draw(st.sampled_from(_GTFS_NAMES))]
    renames = {}
    if draw(st.integers(0, 4)) == 0:  # hostile member names: never extracted, never followed
        name = draw(st.sampled_from(_GTFS_NAMES))
        renames[name] = draw(
            st.sampled_from(["../../" + name, "/tmp/" + name, "feed/../../" + name, "__MACOSX/._" + name])
        )
    archive = seeds.gtfs_zip(files, renames)
    if draw(st.integers(0, 5)) == 0:
        archive = draw(seeds.mutated(archive, max_ops=2))
    return archive


@FUZZ
@given(data=gtfs_feeds())
def test_fuzz_gtfs_reader(workdir, data):
    from soest_qgis_plugin.shuttle.gtfs import active_services, read_feed, service_days, stop_patterns

    COUNTS["GTFS"] += 1
    path = workdir.write("feed.zip", data)
    feed = _survives(lambda: read_feed(path))
    if feed is None:
        return
    # what the analysis does right after reading must cope as well
    import datetime

    _survives(lambda: (service_days(feed), stop_patterns(feed), active_services(feed, datetime.date(2026, 5, 4))))


@FUZZ
@given(data=seeds.mutated(seeds.gpx_seed()))
def test_fuzz_gpx_reader(workdir, data):
    from soest_qgis_plugin.roaddamage.ingest import read_gpx

    COUNTS["GPX"] += 1
    path = workdir.write("track.gpx", data)
    _survives(lambda: read_gpx(path))


_JPEG = seeds.jpeg_seed()


@FUZZ
@given(data=seeds.mutated(_JPEG, header_bias=min(len(_JPEG), 600)))
def test_fuzz_exif_photo_ingest(workdir, data):
    from soest_qgis_plugin.roaddamage.ingest import ingest_photos

    COUNTS["EXIF"] += 1
    folder = workdir.path / "photos"
    folder.mkdir(exist_ok=True)
    (folder / "bild_0001.jpg").write_bytes(data)
    result = _survives(lambda: ingest_photos(folder))
    if result is not None:
        assert len(result.frames) == 1  # reported (maybe as unreadable), never silently dropped
