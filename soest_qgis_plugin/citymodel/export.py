"""Export selected buildings of the city model to OBJ, glTF/GLB, STL (also for 3D printing), DXF,
CityJSON 2.0, CityGML (original XML) and GeoPackage 2.5D footprints.

``export_buildings(buildings, out_path, options, feedback)`` picks the format from the file
extension; ``export_selection(store_path, gml_ids, out_path, options, feedback)`` reads the
buildings from the store first. Every output is written atomically: on an error or a cancel no
file is left under the target name. Core module: no Qt widgets, no messages.
"""

import contextlib
import json
import os
import time
from dataclasses import dataclass, field, fields

import numpy as np

from ..common.atomic import atomic_path, atomic_write
from ..common.errors import InputError
from ..common.feedback import NullFeedback, raise_if_canceled, warn
from ..common.i18n import tr
from . import mesh as meshlib

# extension → format key (checked in this order, so ".city.json" wins over ".json").
FORMATS = (
    (".city.json", "cityjson"),
    (".json", "cityjson"),
    (".obj", "obj"),
    (".glb", "gltf"),
    (".gltf", "gltf"),
    (".stl", "stl"),
    (".dxf", "dxf"),
    (".gml", "citygml"),
    (".gpkg", "gpkg"),
)

# File filter for Processing / file dialogs.
FILE_FILTER = (
    "Wavefront OBJ (*.obj);;glTF binary (*.glb);;glTF (*.gltf);;STL (*.stl);;DXF (*.dxf);;"
    "CityJSON (*.city.json *.json);;CityGML (*.gml);;GeoPackage (*.gpkg)"
)


@dataclass
class ExportOptions:
    """Options shared by all formats (a format ignores what it cannot use, with a warning)."""

    local_origin: bool = False  # shift to the selection's lower-left corner (+ <output>.origin.json)
    target_crs: str = None  # e.g. "EPSG:4647"; None = keep the source CRS
    terrain: str = None  # DGM1 GeoTIFF to include as a triangulated grid
    terrain_margin: float = 20.0  # metres around the selection
    terrain_max_cells: int = 250_000  # decimate the DGM to at most this many cells
    print_scale: float = 0.0  # 3D printing (STL): 1000 for 1:1000; 0 = off
    print_size_mm: float = 0.0  # 3D printing: longest side of the model in mm (instead of a scale)
    base_thickness_mm: float = 2.0  # 3D printing: base plate thickness at print scale
    base_margin_m: float = 5.0  # 3D printing: plate margin around the buildings (metres, real)
    min_wall_mm: float = 0.8  # 3D printing: warn about parts thinner than this at print scale
    dxf_entity: str = "3dface"  # DXF: "3dface" or "mesh"
    namespaces: dict = None  # CityGML: prefix → URI of the source (from the store); else from the file
    srs_name: str = None  # CityGML: srsName of the envelope as the source wrote it
    metadata: dict = field(default_factory=dict)  # extra metadata (title …) for CityJSON/glTF

    @classmethod
    def from_value(cls, value):
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        if isinstance(value, dict):
            names = {f.name for f in fields(cls)}
            unknown = set(value) - names
            if unknown:
                raise InputError(tr("Unknown export option: {name}").format(name=", ".join(sorted(unknown))))
            return cls(**value)
        raise InputError(tr("Export options must be a dictionary."))

    @property
    def printing(self):
        return bool(self.print_scale and self.print_scale > 0) or bool(self.print_size_mm and self.print_size_mm > 0)


def format_for_path(path):
    """The format key for ``path`` by its extension; InputError for anything else."""
    name = os.path.basename(os.fspath(path)).lower()
    for ext, key in FORMATS:
        if name.endswith(ext) and len(name) > len(ext):
            return key
    raise InputError(
        tr("Unknown export format for {path}. Use one of: {formats}").format(
            path=path, formats=".obj, .glb, .gltf, .stl, .dxf, .city.json, .json, .gml, .gpkg"
        )
    )


def origin_sidecar_path(out_path):
    return os.fspath(out_path) + ".origin.json"


class ExportJob:
    """The buildings to export plus the output frame, terrain and progress, shared by exporters."""

    def __init__(self, buildings, options, feedback):
        self.options = options
        self.feedback = feedback
        if isinstance(buildings, StoreSelection):
            # Streamed from the store: nothing is held in memory unless a format needs it all.
            self._source, self._list = buildings, None
            self.count = len(buildings)
            crs_values = {meshlib.normalise_crs(buildings.crs) or "EPSG:25832"}
            self.source_bounds = buildings.bounds
        else:
            self._source, self._list = None, list(buildings)
            self.count = len(self._list)
            crs_values = {meshlib.normalise_crs(b.crs) or "EPSG:25832" for b in self._list}
            self.source_bounds = meshlib.bounds_of([b.vertices() for b in self._list])
        self.source_crs = sorted(crs_values)[0] if crs_values else "EPSG:25832"
        if len(crs_values) > 1:
            raise InputError(
                tr("The selected buildings have different coordinate reference systems: {crs}").format(
                    crs=", ".join(sorted(crs_values))
                )
            )
        if options.target_crs:
            self._check_crs(options.target_crs)
        base = meshlib.CoordinateTransform(self.source_crs, options.target_crs)
        self.target_bounds = self._target_bounds(base)
        origin = meshlib.local_origin(self.target_bounds) if options.local_origin else None
        self.transform = meshlib.CoordinateTransform(self.source_crs, options.target_crs, origin)
        self._terrain = None
        self._terrain_loaded = False
        self.warnings = []

    @property
    def buildings(self):
        """All buildings as a list (formats that need them at once; streamed sources are read now)."""
        if self._list is None:
            self._list = list(self._source)
        return self._list

    def iter_buildings(self):
        """The buildings one by one (streamed from the store when the job was made from one)."""
        return iter(self._list) if self._list is not None else iter(self._source)

    def building_ids(self):
        """The ids of all buildings to export, without reading their geometry (a streamed source
        knows them from its first pass)."""
        if self._list is not None:
            return [b.gml_id for b in self._list]
        return list(self._source.building_ids)

    @staticmethod
    def _check_crs(crs):
        from pyproj import CRS
        from pyproj.exceptions import CRSError

        try:
            CRS.from_user_input(meshlib.normalise_crs(crs))
        except CRSError as error:
            raise InputError(tr("Unknown target CRS: {crs}").format(crs=crs)) from error

    def _target_bounds(self, base):
        if self.source_bounds is None:
            return None
        if not base.reprojects:
            return self.source_bounds
        b = self.source_bounds
        corners = np.array([[b[0], b[1], b[2]], [b[3], b[1], b[2]], [b[0], b[4], b[5]], [b[3], b[4], b[5]]])
        pts = base.to_target(corners)
        return (
            float(pts[:, 0].min()),
            float(pts[:, 1].min()),
            b[2],
            float(pts[:, 0].max()),
            float(pts[:, 1].max()),
            b[5],
        )

    # -- progress ------------------------------------------------------------------------

    def progress(self, done, total, start=0.0, end=100.0):
        raise_if_canceled(self.feedback)
        if total:
            self.feedback.setProgress(start + (end - start) * min(done, total) / total)

    def warn(self, text):
        self.warnings.append(text)
        warn(self.feedback, text)

    # -- geometry ------------------------------------------------------------------------

    def iter_meshes(self, start=0.0, end=90.0, transformed=True):
        """(building, BuildingMesh) for every building, in the output frame; cancel-aware."""
        total = self.count
        for i, building in enumerate(self.iter_buildings()):
            self.progress(i, total, start, end)
            m = meshlib.building_mesh(building)
            if not len(m.faces):
                self.warn(tr("Building {gml_id} has no geometry and is left out.").format(gml_id=building.gml_id))
                continue
            yield building, (m.transformed(self.transform) if transformed else m)
        self.progress(total, total, start, end)

    def terrain(self, transformed=True):
        """The terrain mesh (source CRS, or output frame when ``transformed``) or None."""
        if not self._terrain_loaded:
            self._terrain_loaded = True
            path = self.options.terrain
            if path:
                if not os.path.isfile(path):
                    raise InputError(tr("Terrain file not found: {path}").format(path=path))
                if self.source_bounds is None:
                    return None
                b = self.source_bounds
                try:
                    self._terrain = meshlib.terrain_mesh(
                        path,
                        (b[0], b[1], b[3], b[4]),
                        crs=self.source_crs,
                        margin=self.options.terrain_margin,
                        max_cells=self.options.terrain_max_cells,
                    )
                except Exception as error:  # rasterio raises many types for unreadable files
                    if error.__class__.__module__.startswith("rasterio"):
                        raise InputError(
                            tr("The terrain file cannot be read: {path} ({error})").format(path=path, error=error)
                        ) from error
                    raise
                if self._terrain is None:
                    self.warn(tr("The terrain file does not cover the selected buildings: {path}").format(path=path))
        if self._terrain is None:
            return None
        return self._terrain.transformed(self.transform) if transformed else self._terrain

    def sidecar(self):
        data = self.transform.sidecar()
        data["source_crs"] = self.source_crs
        return data


@contextlib.contextmanager
def atomic_outputs(*targets):
    """Temporary paths for several files that appear together only when the block succeeds."""
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(atomic_path(t)) for t in targets]


def write_origin_sidecar(job, out_path, extra=None):
    """Write ``<output>.origin.json`` (only when a local origin was applied); returns its path."""
    if not job.options.local_origin:
        return None
    data = job.sidecar()
    if extra:
        data.update(extra)
    path = origin_sidecar_path(out_path)
    with atomic_write(path, "w") as handle:
        json.dump(data, handle, indent=2)
    return path


def _exporter(key):
    if key == "obj":
        from .exporters import obj as module
    elif key == "gltf":
        from .exporters import gltf as module
    elif key == "stl":
        from .exporters import stl as module
    elif key == "dxf":
        from .exporters import dxf as module
    elif key == "cityjson":
        from .exporters import cityjson as module
    elif key == "citygml":
        from .exporters import citygml as module
    else:
        from .exporters import gpkg as module
    return module


def export_buildings(buildings, out_path, options=None, feedback=None):
    """Write ``buildings`` (model.Building) to ``out_path``; the extension picks the format.

    Returns a summary dict: format, path, buildings, triangles, files, warnings, seconds.
    """
    feedback = feedback or NullFeedback()
    out_path = os.fspath(out_path)
    key = format_for_path(out_path)
    options = ExportOptions.from_value(options)
    if options.printing and key != "stl":
        raise InputError(tr("3D printing needs an STL output file (.stl)."))
    if options.terrain and not os.path.isfile(options.terrain):
        raise InputError(tr("Terrain file not found: {path}").format(path=options.terrain))
    start = time.perf_counter()
    job = ExportJob(buildings, options, feedback)
    if not job.count:
        raise InputError(tr("No buildings selected: nothing to export."))
    module = _exporter(key)
    summary = module.export(job, out_path)
    feedback.setProgress(100.0)
    summary.setdefault("format", key)
    summary.setdefault("path", out_path)
    summary.setdefault("buildings", job.count)
    summary.setdefault("files", [out_path])
    summary["warnings"] = list(job.warnings)
    summary["seconds"] = time.perf_counter() - start
    if options.local_origin and key not in ("citygml", "cityjson"):
        summary["origin"] = [float(x) for x in job.transform.origin]
    feedback.pushInfo(tr("Exported {count} buildings to {path}.").format(count=summary["buildings"], path=out_path))
    return summary


def export_selection(store_path, gml_ids, out_path, options=None, feedback=None):
    """Read ``gml_ids`` (None = all) from the store at ``store_path`` and export them."""
    from .store import CityModelStore

    feedback = feedback or NullFeedback()
    format_for_path(out_path)  # fail early, before opening the store
    options = ExportOptions.from_value(options)
    if not os.path.isfile(os.fspath(store_path)):
        raise InputError(tr("City model store not found: {path}").format(path=store_path))
    key = format_for_path(out_path)
    if options.printing and key != "stl":
        raise InputError(tr("3D printing needs an STL output file (.stl)."))
    if key == "citygml":
        store = CityModelStore(os.fspath(store_path))
        try:
            buildings = []
            ids = None if gml_ids is None else list(gml_ids)
            total = len(ids) if ids is not None else 0
            for i, building in enumerate(store.iter_buildings(ids)):
                raise_if_canceled(feedback)
                buildings.append(building)
                if total:
                    feedback.setProgress(10.0 * (i + 1) / total)
            if options.namespaces is None:
                options.namespaces, srs_name = _citygml_context(store, buildings)
                options.srs_name = options.srs_name or srs_name
        finally:
            store.close()
    else:
        # Streamed: a first pass finds the extent, the export then reads building by building.
        buildings = StoreSelection(store_path, gml_ids, feedback)
    return export_buildings(buildings, out_path, options, _ScaledFeedback(feedback, 10.0, 100.0))


class StoreSelection:
    """Buildings of a store, read one by one each time they are iterated (XML text left out).

    Knows its count, CRS and 3D bounds (from a first pass) without keeping the buildings.
    """

    def __init__(self, store_path, gml_ids=None, feedback=None):
        from .store import CityModelStore

        self.store_path = os.fspath(store_path)
        feedback = feedback or NullFeedback()
        with CityModelStore(self.store_path) as store:
            self.crs = store.crs()
            self.ids = list(gml_ids) if gml_ids is not None else store.building_ids()
            lo, hi = np.full(3, np.inf), np.full(3, -np.inf)
            self.building_ids = []  # the ids found, in store order
            for i, building in enumerate(store.iter_buildings(self.ids)):
                raise_if_canceled(feedback)
                self.building_ids.append(building.gml_id)
                v = building.vertices()
                if len(v):
                    lo, hi = np.minimum(lo, v.min(axis=0)), np.maximum(hi, v.max(axis=0))
                if self.ids:
                    feedback.setProgress(10.0 * (i + 1) / len(self.ids))
        self.count = len(self.building_ids)
        self.bounds = tuple(float(x) for x in lo) + tuple(float(x) for x in hi) if np.isfinite(lo).all() else None

    def __len__(self):
        return self.count

    def __iter__(self):
        from .store import CityModelStore

        with CityModelStore(self.store_path) as store:
            for building in store.iter_buildings(self.ids):
                building.original = ""  # only the CityGML export needs the XML text
                yield building


class _ScaledFeedback:
    """Passes everything on, mapping progress 0..100 into ``start``..``end`` (reading took the rest)."""

    def __init__(self, feedback, start, end):
        self._feedback, self._start, self._end = feedback, start, end

    def setProgress(self, percent):  # noqa: N802 - QGIS API name
        self._feedback.setProgress(self._start + (self._end - self._start) * float(percent) / 100.0)

    def __getattr__(self, name):
        return getattr(self._feedback, name)


def _citygml_context(store, buildings):
    """Namespaces and srsName of the CityGML sources of ``buildings``, from the store's headers."""
    from .exporters.citygml import merge_namespaces, namespaces_from_header

    try:
        sources = {s["file"]: s for s in store.sources()}
        headers = store.headers()
    except (AttributeError, NotImplementedError):
        return None, None
    namespaces, srs_name = {}, None
    for path in dict.fromkeys(b.source_file for b in buildings):
        source = sources.get(path)
        if not source or source.get("format") != "CityGML":
            continue
        header = headers.get(source.get("tile"), ("", ""))[1]
        merge_namespaces(namespaces, namespaces_from_header(header))
        srs_name = srs_name or source.get("srs_name")
    return namespaces or None, srs_name
