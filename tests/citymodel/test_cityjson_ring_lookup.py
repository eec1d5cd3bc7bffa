"""CityJSON rings are looked up per geometry at once; the ring-by-ring loop takes over for odd
input. Both must read every case the same: closed rings, degenerate exteriors and holes, holes,
float and bool indices, out-of-range and negative indices, empty rings, nested junk."""

import copy
import json

import pytest

from soest_qgis_plugin.citymodel.readers import ReadLog, cityjson
from tests.citymodel import gen


def _with_odd_first_building(mutate):
    doc = gen.cityjson_doc(2)
    mutate(doc["CityObjects"]["CJ_0"]["geometry"][0]["boundaries"][0], doc)
    return doc


def _close_rings(shell, _doc):
    for surface in shell:
        surface[0].append(surface[0][0])


def _degenerate_wall(shell, _doc):
    shell[2][0] = shell[2][0][:2]


def _degenerate_closed_wall(shell, _doc):
    shell[3][0] = [shell[3][0][0], shell[3][0][1], shell[3][0][0]]


def _hole_in_roof(shell, doc):
    base = len(doc["vertices"])
    doc["vertices"].extend([[1000, 1000, 3000], [2000, 1000, 3000], [2000, 2000, 3000]])
    shell[1].append([base, base + 2, base + 1])


def _degenerate_hole(shell, _doc):
    shell[1].append([shell[1][0][0], shell[1][0][1]])


def _float_and_bool_indices(shell, _doc):
    shell[0][0] = [float(i) for i in shell[0][0]]
    shell[4][0][0] = bool(shell[4][0][0]) if shell[4][0][0] in (0, 1) else shell[4][0][0]


def _out_of_range(shell, doc):
    shell[2][0][1] = len(doc["vertices"]) + 5


def _negative(shell, _doc):
    shell[5][0][0] = -1


def _empty_ring(shell, _doc):
    shell[4][0] = []


def _empty_hole(shell, _doc):
    shell[1].append([])


def _nested_junk(shell, _doc):
    shell[2][0][0] = [shell[2][0][0]]


CASES = {
    "plain": lambda shell, doc: None,
    "closed rings": _close_rings,
    "degenerate wall": _degenerate_wall,
    "degenerate closed wall": _degenerate_closed_wall,
    "hole in roof": _hole_in_roof,
    "degenerate hole": _degenerate_hole,
    "float and bool indices": _float_and_bool_indices,
    "out of range": _out_of_range,
    "negative": _negative,
    "empty ring": _empty_ring,
    "empty hole": _empty_hole,
    "nested junk": _nested_junk,
}


def _read(path):
    log = ReadLog()
    buildings = [
        (
            b.gml_id,
            b.part_ids,
            [(s.semantic, s.part_id, [r.tolist() for r in s.rings]) for s in b.surfaces],
        )
        for b in cityjson.read(str(path), log)
    ]
    return buildings, sorted((p.gml_id, p.reason, p.skipped) for p in log.problems)


@pytest.mark.parametrize("case", list(CASES))
def test_batched_lookup_reads_like_the_ring_loop(tmp_path, monkeypatch, case):
    doc = _with_odd_first_building(CASES[case])
    path = tmp_path / "odd.city.json"
    path.write_text(json.dumps(copy.deepcopy(doc)), encoding="utf-8")
    batched = _read(path)
    monkeypatch.setattr(cityjson, "_plain_surfaces", lambda *args: None)  # the ring-by-ring loop only
    looped = _read(path)
    assert batched == looped
    assert "CJ_1" in [b[0] for b in batched[0]]  # the untouched building is read either way


def test_batched_lookup_is_what_reads_plain_geometry(tmp_path, monkeypatch):
    """The batched path really reads the usual geometry (the comparison above is not vacuous)."""
    calls = []  # the number of surfaces each call returned (None: it handed over to the loop)
    real = cityjson._plain_surfaces

    def counting(*args):
        out = real(*args)
        calls.append(None if out is None else len(out))
        return out

    monkeypatch.setattr(cityjson, "_plain_surfaces", counting)
    path = tmp_path / "plain.city.json"
    path.write_text(json.dumps(gen.cityjson_doc(2)), encoding="utf-8")
    buildings, problems = _read(path)
    assert [b[0] for b in buildings] == ["CJ_0", "CJ_1"] and not problems
    assert calls == [6, 6, 6]  # two buildings and one part, six box faces each
    assert [len(s[2]) for s in buildings[0][2]] == [1] * 12  # 6 own + 6 part surfaces, one ring each
