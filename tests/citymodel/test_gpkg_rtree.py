"""The R*Tree bulk loader: SQLite's own rtreecheck() accepts the tree, and every window query
returns exactly what a tree SQLite built itself returns: everything a brute-force filter finds,
plus the boxes within a float32 step of the window (an R*Tree stores 32-bit floats rounded
outwards; GDAL and QGIS filter its candidates by the exact geometry)."""

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from soest_qgis_plugin.citymodel import gpkg_rtree

QUERY = 'SELECT id FROM "{}" WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?'


def _boxes(count, seed=3):
    """Building-surface-like boxes in a UTM tile: [(id, minx, maxx, miny, maxy)]."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(437000.0, 438000.0, count)
    y = rng.uniform(5711000.0, 5712000.0, count)
    w, h = rng.uniform(0.0, 25.0, count), rng.uniform(0.0, 25.0, count)
    ids = rng.permutation(np.arange(1, count + 1)) * 3  # not in insertion order, with gaps
    return [(int(i), float(a), float(a + b), float(c), float(c + d)) for i, a, b, c, d in zip(ids, x, w, y, h)]


def _connection(*tables):
    connection = sqlite3.connect(":memory:", isolation_level=None)
    for table in tables:
        connection.execute(f'CREATE VIRTUAL TABLE "{table}" USING rtree(id, minx, maxx, miny, maxy)')
    return connection


def _windows(boxes, count=150, seed=5):
    rng = np.random.default_rng(seed)
    array = np.asarray(boxes)
    for _ in range(count):
        x = rng.uniform(array[:, 1].min() - 30, array[:, 2].max())
        y = rng.uniform(array[:, 3].min() - 30, array[:, 4].max())
        yield x, x + rng.uniform(0, 150), y, y + rng.uniform(0, 150)


def _brute_force(boxes, window):
    x1, x2, y1, y2 = window
    return {b[0] for b in boxes if b[2] >= x1 and b[1] <= x2 and b[4] >= y1 and b[3] <= y2}


@pytest.mark.parametrize("count", [1, 7, 51, 52, 51 * 51, 51 * 51 + 1, 20_000])
def test_bulk_loaded_tree_is_valid_and_answers_like_sqlites_own(count):
    boxes = _boxes(count)
    connection = _connection("bulk", "own")
    connection.execute("BEGIN")
    gpkg_rtree.insert_rows(connection, "bulk", boxes)
    connection.executemany('INSERT INTO "own" VALUES (?, ?, ?, ?, ?)', boxes)
    connection.execute("COMMIT")
    assert connection.execute("SELECT rtreecheck('bulk')").fetchone()[0] == "ok"
    assert connection.execute('SELECT count(*) FROM "bulk"').fetchone()[0] == count
    for window in _windows(boxes, count=60 if count > 5000 else 150):
        found = {row[0] for row in connection.execute(QUERY.format("bulk"), window)}
        assert found == {row[0] for row in connection.execute(QUERY.format("own"), window)}
        if count <= 5000:
            assert found >= _brute_force(boxes, window)
    # every entry can be fetched by its id with its (float32-rounded, outward) box
    for box in boxes[:: max(1, count // 50)]:
        minx, maxx, miny, maxy = connection.execute(
            'SELECT minx, maxx, miny, maxy FROM "bulk" WHERE id = ?', (box[0],)
        ).fetchone()
        assert minx <= box[1] and maxx >= box[2] and miny <= box[3] and maxy >= box[4]
        assert maxx - minx - (box[2] - box[1]) < 0.2  # rounded outwards by a few float32 steps only


def test_the_tree_keeps_working_after_deletes_and_inserts():
    boxes = _boxes(3000)
    connection = _connection("bulk", "own")
    gpkg_rtree.insert_rows(connection, "bulk", boxes)
    connection.executemany('INSERT INTO "own" VALUES (?, ?, ?, ?, ?)', boxes)
    extra = [(10_000_000 + i, *box[1:]) for i, box in enumerate(boxes[:500])]
    for table in ("bulk", "own"):
        connection.execute(f'DELETE FROM "{table}" WHERE id % 2 = 0')
        connection.executemany(f'INSERT INTO "{table}" VALUES (?, ?, ?, ?, ?)', extra)
    kept = [b for b in boxes if b[0] % 2] + extra
    assert connection.execute("SELECT rtreecheck('bulk')").fetchone()[0] == "ok"
    assert connection.execute('SELECT count(*) FROM "bulk"').fetchone()[0] == len(kept)
    for window in _windows(kept, count=80):
        found = {row[0] for row in connection.execute(QUERY.format("bulk"), window)}
        assert found == {row[0] for row in connection.execute(QUERY.format("own"), window)}
        assert found >= _brute_force(kept, window)


def test_a_tree_with_entries_is_extended_row_by_row():
    first, second = _boxes(100, seed=1), [(10**6 + i, *b[1:]) for i, b in enumerate(_boxes(100, seed=2))]
    connection = _connection("bulk")
    gpkg_rtree.insert_rows(connection, "bulk", first)
    gpkg_rtree.insert_rows(connection, "bulk", second)
    assert connection.execute('SELECT count(*) FROM "bulk"').fetchone()[0] == 200
    assert connection.execute("SELECT rtreecheck('bulk')").fetchone()[0] == "ok"
    window = (437000.0, 438000.0, 5711000.0, 5712000.0)
    found = {row[0] for row in connection.execute(QUERY.format("bulk"), window)}
    assert found >= _brute_force(first + second, window) and len(found) == 200


def test_a_box_on_a_float32_boundary_is_still_found():
    # 437000.03 has no exact float32: the stored box must be rounded outwards, not to nearest.
    boxes = [(1, 437000.03, 437000.07, 5711000.03, 5711000.07)] + _boxes(200)[1:]
    connection = _connection("bulk")
    gpkg_rtree.insert_rows(connection, "bulk", boxes)
    hits = {row[0] for row in connection.execute(QUERY.format("bulk"), (437000.07, 437001.0, 5711000.07, 5711001))}
    assert 1 in hits
    hits = {row[0] for row in connection.execute(QUERY.format("bulk"), (436990.0, 437000.03, 5710990, 5711000.03))}
    assert 1 in hits


def _index_matches_table(connection, table):
    """The table's rtree holds exactly its features, each with its geometry's envelope."""
    rtree = f"rtree_{table}_geom"
    assert connection.execute(f"SELECT rtreecheck('{rtree}')").fetchone()[0] == "ok"
    ids = {row[0] for row in connection.execute(f"SELECT id FROM {rtree}")}
    assert ids == {row[0] for row in connection.execute(f"SELECT fid FROM {table}")}
    return len(ids)


def test_store_indexes_after_new_import_reimport_and_same_tile_twice(tiles, tmp_path):
    import shutil

    from soest_qgis_plugin.citymodel.store import import_files

    paths = sorted(Path(tiles).glob("*.gml"))
    store = tmp_path / "stadt.gpkg"
    import_files(paths, store)  # new store: packed in bulk
    with sqlite3.connect(store) as connection:
        first = {t: _index_matches_table(connection, t) for t in ("buildings", "surfaces")}
    import_files([paths[0]], store)  # existing tree: the tile's rows replaced one by one
    again = tmp_path / "wieder"
    again.mkdir()
    shutil.copy(paths[1], again / paths[1].name)
    # the same tile twice in one run into a new store: the second replaces the first
    twice = tmp_path / "zweimal.gpkg"
    import_files([paths[1], again / paths[1].name], twice)
    with sqlite3.connect(store) as connection:
        assert {t: _index_matches_table(connection, t) for t in ("buildings", "surfaces")} == first
        # a window query through the index finds what a scan of the envelopes finds
        minx, maxx, miny, maxy = connection.execute(
            "SELECT min(minx), max(maxx), min(miny), max(maxy) FROM rtree_buildings_geom"
        ).fetchone()
        window = (minx, (minx + maxx) / 2, miny, (miny + maxy) / 2)
        found = {row[0] for row in connection.execute(QUERY.format("rtree_buildings_geom"), window)}
        assert 0 < len(found) < first["buildings"]
    with sqlite3.connect(twice) as connection:
        # the replacing file's buildings carry the same ids as the replaced ones: all 25 are there
        assert _index_matches_table(connection, "buildings") == 25
        _index_matches_table(connection, "surfaces")
