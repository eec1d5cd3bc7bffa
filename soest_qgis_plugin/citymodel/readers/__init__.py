"""Readers of city model files: ``iter_buildings`` picks CityGML or CityJSON by content.

Problems (broken files, buildings without geometry, unknown CRS …) never stop the reading: they
are collected in a :class:`ReadLog` (file, gml:id, reason) and the good buildings still come.
"""

import os
from pathlib import Path

from ...common.feedback import raise_if_canceled
from ...common.i18n import tr
from . import citygml, cityjson
from .base import FileInfo, Problem, ReadLog

__all__ = ["FileInfo", "Problem", "ReadLog", "expand_paths", "iter_buildings", "sniff_format"]

# Extensions looked at inside folders (single files given by name are sniffed whatever they are).
CITY_EXTENSIONS = (".gml", ".xml", ".citygml", ".json", ".jsonl", ".cityjson")
# Sidecars that sit beside tiles (GDAL's .gfs, schemas, stores, QGIS metadata): skipped silently.
SIDECAR_EXTENSIONS = (".gfs", ".xsd", ".aux.xml", ".gpkg", ".gpkg-journal", ".gpkg-wal", ".gpkg-shm", ".qmd", ".qml")


def expand_paths(paths_or_folder, log=None):
    """Files to read, in a stable order: folders are searched recursively."""
    items = [paths_or_folder] if isinstance(paths_or_folder, (str, os.PathLike)) else list(paths_or_folder)
    files = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                if not candidate.is_file() or candidate.name.startswith("."):
                    continue
                lower = candidate.name.lower()
                if lower.endswith(SIDECAR_EXTENSIONS):
                    continue
                if lower.endswith(CITY_EXTENSIONS):
                    files.append(candidate)
                elif log is not None:
                    log.problem(str(candidate), "", tr("not a city model file (skipped)"))
        elif path.is_file():
            files.append(path)
        elif log is not None:
            log.problem(str(path), "", tr("file not found"))
    seen, unique = set(), []
    for path in files:
        key = os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def sniff_format(path):
    """'CityGML', 'CityJSON', 'empty' or '' (unknown) from the first bytes of a file."""
    with open(path, "rb") as handle:
        head = handle.read(4096)
    if not head.strip():
        return "empty"
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if cityjson.sniff(head):
        return "CityJSON"
    if citygml.sniff(head):
        return "CityGML"
    return ""


def iter_buildings(paths_or_folder, feedback=None, log=None):
    """Yield every building of the given files/folders; problems are recorded in ``log``.

    Progress (0..100) follows the bytes read. Cancelling raises ``common.errors.Cancelled``.
    """
    log = log if log is not None else ReadLog()
    files = expand_paths(paths_or_folder, log)
    sizes = []
    for path in files:
        try:
            sizes.append(max(os.path.getsize(path), 1))
        except OSError:
            sizes.append(1)
    total = float(sum(sizes)) or 1.0
    done = 0.0
    for path, size in zip(files, sizes):
        raise_if_canceled(feedback)
        name = str(path)
        try:
            kind = sniff_format(path)
        except OSError as error:
            log.problem(name, "", tr("cannot read the file: {error}").format(error=error))
            done += size
            continue
        if kind == "empty":
            log.file(name).ok = False
            log.problem(name, "", tr("empty file (0 bytes or only blanks)"))
        elif not kind:
            log.file(name).ok = False
            log.problem(name, "", tr("not a CityGML or CityJSON file"))
        else:
            start = done

            def progress(consumed, start=start, size=size):
                if feedback is not None:
                    feedback.setProgress(100.0 * (start + min(consumed, size)) / total)

            reader = citygml.read if kind == "CityGML" else cityjson.read
            yield from reader(name, log, feedback, progress=progress)
        done += size
        if feedback is not None:
            feedback.setProgress(100.0 * done / total)
