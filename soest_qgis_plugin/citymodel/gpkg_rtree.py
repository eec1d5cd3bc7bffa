"""Fill an empty SQLite R*Tree (a GeoPackage ``rtree_<table>_<column>``) in one bulk pass.

Inserting row by row costs SQLite about 7 µs per entry (it walks and splits the tree each time),
which was an eighth of a whole city model import. A new tree is instead packed here with the
Sort-Tile-Recursive method (Leutenegger et al. 1997) and its nodes written straight into the
R*Tree's shadow tables ``_node``, ``_rowid`` and ``_parent``, in the format SQLite's rtree module
reads (see sqlite/ext/rtree/rtree.c): a node is a blob of the tree's node size; it starts with the
depth of the tree (root only) and the number of cells as big-endian 16-bit integers, then one cell
per entry: the 64-bit rowid (for inner nodes the child's node number) and min/max per dimension
as 32-bit floats, rounded outwards as SQLite rounds them. The root is node 1.

SQLite's own ``rtreecheck()`` verifies the result in the tests, and later inserts and deletes by
the GeoPackage triggers keep working on it as on any other tree. A tree that already holds
entries is extended row by row (``insert_rows``), as before.
"""

import math

import numpy as np

_CELL = np.dtype([("id", ">i8"), ("minx", ">f4"), ("maxx", ">f4"), ("miny", ">f4"), ("maxy", ">f4")])


def insert_rows(connection, rtree, rows):
    """Add ``rows`` [(id, minx, maxx, miny, maxy)] (or an N×5 array) to the R*Tree ``rtree``:
    packed in bulk when the tree is empty, else inserted one by one."""
    entries = np.asarray(rows, dtype=np.float64).reshape(-1, 5)
    if not len(entries):
        return
    if _is_empty(connection, rtree):
        bulk_load(connection, rtree, entries)
    else:
        connection.executemany(
            f'INSERT INTO "{rtree}" VALUES (?, ?, ?, ?, ?)',
            [(int(i), *box) for i, *box in entries.tolist()],
        )


def _is_empty(connection, rtree):
    return connection.execute(f'SELECT count(*) FROM "{rtree}_rowid"').fetchone()[0] == 0


def bulk_load(connection, rtree, entries):
    """Write ``entries`` (N×5 array: id, minx, maxx, miny, maxy) as the whole content of the empty
    R*Tree ``rtree``. Runs in the caller's transaction."""
    node_size = _node_size(connection, rtree)
    capacity = (node_size - 4) // _CELL.itemsize
    cells = np.empty(len(entries), _CELL)
    cells["id"] = entries[:, 0].astype(np.int64)
    for column, down in (("minx", True), ("maxx", False), ("miny", True), ("maxy", False)):
        cells[column] = _to_float32(entries[:, _CELL.names.index(column)], down)
    levels = [_pack_level(cells, capacity)]  # leaves first: (cells in node order, cells per node)
    while len(levels[-1][1]) > 1:
        ordered, counts = levels[-1]
        levels.append(_pack_level(_bounds_of_nodes(ordered, counts), capacity))
    depth = len(levels) - 1
    numbers = _node_numbers([len(counts) for _, counts in levels])
    node_rows, parent_rows = [], []
    for level, (ordered, counts) in enumerate(levels):
        if level > 0:  # inner cells point to the nodes of the level below, in their packed order
            ordered = ordered.copy()
            ordered["id"] = numbers[level - 1][ordered["id"]]
        blobs = _node_blobs(ordered, counts, node_size, depth if level == depth else 0)
        node_rows.extend(zip(numbers[level].tolist(), blobs))
    # parents: every node of a level below the root lies in exactly one cell of the level above
    for level in range(1, len(levels)):
        ordered, counts = levels[level]
        owner = np.repeat(numbers[level], counts)
        parent_rows.extend(zip(numbers[level - 1][ordered["id"]].tolist(), owner.tolist()))
    leaf_owner = np.repeat(numbers[0], levels[0][1])
    rowid_rows = zip(levels[0][0]["id"].astype(np.int64).tolist(), leaf_owner.tolist())
    for suffix in ("_node", "_rowid", "_parent"):
        connection.execute(f'DELETE FROM "{rtree}{suffix}"')
    connection.executemany(f'INSERT INTO "{rtree}_node" (nodeno, data) VALUES (?, ?)', node_rows)
    connection.executemany(f'INSERT INTO "{rtree}_rowid" (rowid, nodeno) VALUES (?, ?)', rowid_rows)
    connection.executemany(f'INSERT INTO "{rtree}_parent" (nodeno, parentnode) VALUES (?, ?)', parent_rows)


def _node_size(connection, rtree):
    """The tree's node size: SQLite takes it from the length of the root node's blob."""
    row = connection.execute(f'SELECT length(data) FROM "{rtree}_node" WHERE nodeno = 1').fetchone()
    return int(row[0])


def _to_float32(values, down):
    """Doubles as 32-bit floats rounded outwards (minima down, maxima up) exactly as SQLite's
    rtreeValueDown/rtreeValueUp do, so that the boxes equal those of a tree SQLite built itself."""
    single = values.astype(np.float32)
    wrong = single > values if down else single < values
    towards, away = 1.0 - 1.0 / 8388608.0, 1.0 + 1.0 / 8388608.0  # RNDTOWARDS, RNDAWAY
    negative = values < 0
    factor = np.where(negative, away, towards) if down else np.where(negative, towards, away)
    single[wrong] = (values[wrong] * factor[wrong]).astype(np.float32)
    return single


def _pack_level(cells, capacity):
    """Sort-Tile-Recursive: (cells reordered into nodes, number of cells per node)."""
    count = len(cells)
    nodes = math.ceil(count / capacity)
    slices = math.ceil(math.sqrt(nodes))
    per_slice = slices * capacity
    centre_x = cells["minx"].astype(np.float64) + cells["maxx"]
    centre_y = cells["miny"].astype(np.float64) + cells["maxy"]
    by_x = np.argsort(centre_x, kind="stable")
    slice_of = np.empty(count, np.int64)
    slice_of[by_x] = np.arange(count) // per_slice
    order = np.lexsort((centre_y, slice_of))  # within each vertical slice, by y
    ordered = cells[order]
    counts = _counts_per_node(np.bincount(slice_of, minlength=slices), capacity)
    return ordered, counts


def _counts_per_node(slice_sizes, capacity):
    """Cells per node when each slice is cut into nodes of ``capacity`` (the last one shorter)."""
    counts = []
    for size in slice_sizes.tolist():
        full, rest = divmod(size, capacity)
        counts.extend([capacity] * full)
        if rest:
            counts.append(rest)
    return np.asarray(counts, np.int64)


def _bounds_of_nodes(ordered, counts):
    """One cell per node: its bounding box, with the node's index on its level as id."""
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    parents = np.empty(len(counts), _CELL)
    parents["id"] = np.arange(len(counts))
    for column, reduce in (("minx", np.minimum), ("maxx", np.maximum), ("miny", np.minimum), ("maxy", np.maximum)):
        parents[column] = reduce.reduceat(ordered[column].astype(np.float32), starts)
    return parents


def _node_numbers(nodes_per_level):
    """Node numbers per level (leaves first); the single node of the top level is 1 (the root)."""
    numbers, next_number = [], 2
    for level, count in enumerate(nodes_per_level):
        if level == len(nodes_per_level) - 1:
            numbers.append(np.array([1], np.int64))
        else:
            numbers.append(np.arange(next_number, next_number + count, dtype=np.int64))
            next_number += count
    return numbers


def _node_blobs(ordered, counts, node_size, depth):
    """One blob per node: 2-byte depth, 2-byte cell count, the cells, zero padding."""
    buffer = np.zeros((len(counts), node_size), np.uint8)
    buffer[:, 0:2] = np.frombuffer(np.array([depth], ">u2").tobytes(), np.uint8)
    buffer[:, 2:4] = np.asarray(counts, ">u2").view(np.uint8).reshape(-1, 2)
    node_of = np.repeat(np.arange(len(counts)), counts)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    slot = np.arange(len(ordered)) - np.repeat(starts, counts)
    offsets = node_of * node_size + 4 + slot * _CELL.itemsize
    flat = buffer.reshape(-1)
    flat[offsets[:, None] + np.arange(_CELL.itemsize)] = ordered.view(np.uint8).reshape(-1, _CELL.itemsize)
    return [row.tobytes() for row in buffer]
