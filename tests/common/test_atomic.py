"""Atomic writes: the target appears whole or not at all."""

import pytest

from soest_qgis_plugin.common.atomic import atomic_path, atomic_write


def test_atomic_write_replaces_only_on_success(tmp_path):
    target = tmp_path / "liste.csv"
    target.write_text("alt")
    with pytest.raises(RuntimeError), atomic_write(target, "w") as handle:
        handle.write("halb")
        raise RuntimeError("crash while writing")
    assert target.read_text() == "alt"
    assert [p.name for p in tmp_path.iterdir()] == ["liste.csv"]  # no temporary file left
    with atomic_write(target, "w") as handle:
        handle.write("neu")
    assert target.read_text() == "neu"


def test_atomic_path_keeps_the_suffix_for_format_sniffing_writers(tmp_path):
    with atomic_path(tmp_path / "modell.city.json") as tmp:
        assert tmp.endswith(".city.json")
        with open(tmp, "w") as handle:
            handle.write("{}")
    assert (tmp_path / "modell.city.json").read_text() == "{}"


def test_atomic_path_fails_when_the_writer_wrote_nothing(tmp_path):
    with pytest.raises(FileNotFoundError), atomic_path(tmp_path / "leer.stl"):
        pass
    assert not (tmp_path / "leer.stl").exists()
