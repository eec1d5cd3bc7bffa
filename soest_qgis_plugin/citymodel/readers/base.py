"""What every reader shares: the problem list, per-file facts, ring clean-up (no Qt, no QGIS)."""

from dataclasses import dataclass, field

from ...common.i18n import tr


@dataclass
class Problem:
    """Something wrong in the input. ``skipped``: the building (or file) was not imported."""

    file: str
    gml_id: str
    reason: str
    skipped: bool = True

    def text(self):
        where = f"{self.file} [{self.gml_id}]" if self.gml_id else self.file
        return f"{where}: {self.reason}"


@dataclass
class FileInfo:
    path: str
    format: str = ""  # "CityGML" or "CityJSON"
    version: str = ""
    crs: str = ""  # authid found in the file (e.g. EPSG:25832), '' when none
    srs_name: str = ""  # the text as written in the file
    vertical: str = ""  # e.g. DHHN2016
    # CityGML: the root element's start tag as written, and its namespace declarations.
    header: str = ""
    namespaces: dict = field(default_factory=dict)
    buildings: int = 0
    other_objects: int = 0
    ok: bool = True


class ReadLog:
    """Collects problems and per-file facts while readers stream buildings."""

    def __init__(self):
        self.problems = []
        self.notes = []  # facts worth telling that are no problem (e.g. an empty tile)
        self.files = {}

    def file(self, path, fmt=""):
        info = self.files.get(path)
        if info is None:
            info = self.files[path] = FileInfo(path=path, format=fmt)
        elif fmt:
            info.format = fmt
        return info

    def note(self, path, text):
        note = Problem(str(path), "", text, skipped=False)
        self.notes.append(note)
        return note

    def problem(self, path, gml_id, reason, skipped=True):
        problem = Problem(str(path), gml_id or "", reason, skipped)
        self.problems.append(problem)
        return problem


def clean_ring(points, log, path, gml_id, notes, closed_expected=True):
    """Return an (N, 3) ring without the repeated closing vertex, or None when degenerate.

    ``notes`` (a set) collects at most one message per kind and building.
    """
    count = points.shape[0]
    if count >= 2 and points[0].tolist() == points[-1].tolist():
        points = points[:-1]
    elif closed_expected and points.shape[0] >= 3:
        notes.add(tr("unclosed polygon ring (closed automatically)"))
    if points.shape[0] < 3:
        notes.add(tr("degenerate polygon with fewer than 3 points (left out)"))
        return None
    return points
