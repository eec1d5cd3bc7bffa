"""Buildings/addresses reachable from the stops per profile (coverage) on the footway network.

Each building (polygon → point on surface, or point) is tied to its nearest network node with
the straight access distance; it counts as reached within ``d`` when node distance + access ≤ d.
Residential: ALKIS function code ``31001_1xxx`` (or 1000–1999) in ``function_code``/``funktion``.
"""

import os
from dataclasses import dataclass

import numpy as np

from ..common.errors import InputError
from ..common.i18n import tr

MAX_ACCESS = 100.0
FUNCTION_FIELDS = ("function_code", "function", "funktion", "gebaeudefunktion", "gfk", "building_function")


@dataclass
class Buildings:
    xy: np.ndarray
    ids: list
    residential: np.ndarray  # bool; all True when the function is unknown
    function_known: bool
    node: np.ndarray = None
    access: np.ndarray = None

    def __len__(self):
        return len(self.xy)


def is_residential(code):
    if code in (None, ""):
        return None
    text = str(code).strip()
    if text.startswith("31001_"):
        text = text[6:]
    try:
        number = int(float(text))
    except ValueError:
        return None
    return 1000 <= number <= 1999


def read_buildings(source):
    """Buildings from a path (any OGR vector, ``path|layername=x``) or a QgsVectorLayer."""
    if source is None or isinstance(source, Buildings):
        return source
    points, ids, codes = [], [], []
    if hasattr(source, "getFeatures"):
        from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

        target = QgsCoordinateReferenceSystem("EPSG:25832")
        transform = None
        if source.crs().isValid() and source.crs() != target:
            transform = QgsCoordinateTransform(source.crs(), target, QgsProject.instance())
        names = source.fields().names()
        field = next((n for n in names if n.lower() in FUNCTION_FIELDS), None)
        for feature in source.getFeatures():
            geom = feature.geometry()
            if geom is None or geom.isEmpty():
                continue
            if transform is not None:
                geom.transform(transform)
            pt = geom.pointOnSurface().asPoint()
            points.append((pt.x(), pt.y()))
            ids.append(str(feature.id()))
            codes.append(feature[field] if field else None)
    else:
        from osgeo import gdal, ogr

        from .network import ogr_transform, split_source

        gdal.UseExceptions()
        path, layer_name = split_source(source)
        if not os.path.exists(path):
            raise InputError(tr("File not found: {path}").format(path=path))
        ds = ogr.Open(path)
        layer = ds.GetLayerByName(layer_name) if layer_name else None
        if layer is None:
            layer = ds.GetLayerByName("buildings") or ds.GetLayerByIndex(0)
        transform = ogr_transform(layer)
        defn = layer.GetLayerDefn()
        names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
        field = next((n for n in names if n.lower() in FUNCTION_FIELDS), None)
        id_field = next((n for n in names if n.lower() in ("gml_id", "building_id", "id", "gmlid")), None)
        for feature in layer:
            geom = feature.GetGeometryRef()
            if geom is None or geom.IsEmpty():
                continue
            geom = geom.Clone()
            if transform is not None:
                geom.Transform(transform)
            pt = geom.PointOnSurface() if geom.GetDimension() == 2 else geom.Centroid()
            if pt is None or pt.IsEmpty():
                pt = geom.Centroid()
            points.append((pt.GetX(), pt.GetY()))
            ids.append(str(feature.GetField(id_field)) if id_field else str(feature.GetFID()))
            codes.append(feature.GetField(field) if field else None)
    flags = [is_residential(c) for c in codes]
    known = any(f is not None for f in flags)
    residential = np.array([bool(f) if known else True for f in flags], dtype=bool)
    return Buildings(np.array(points, dtype=float).reshape(-1, 2), ids, residential, known)


def attach(net, buildings, max_access=MAX_ACCESS):
    """Nearest node and access distance per building (node -1 when farther than ``max_access``)."""
    buildings.node, buildings.access = net.snap(buildings.xy, max_access)
    return buildings


def node_distances(net, reaches):
    """Min network distance per node over several Reach objects (inf where unreached)."""
    dist = np.full(net.node_count, np.inf)
    for reach in reaches:
        if reach is not None and len(reach.nodes):
            dist[reach.nodes] = np.fmin(dist[reach.nodes], reach.node_dist)
    return dist


def reached_buildings(buildings, dist, distance):
    """Boolean mask of buildings within ``distance`` given node distances ``dist``."""
    ok = buildings.node >= 0
    result = np.zeros(len(buildings), dtype=bool)
    result[ok] = dist[buildings.node[ok]] + buildings.access[ok] <= distance
    return result


def coverage_table(net, catchments, buildings):
    """Rows {stop_id, profile, distance, buildings, residential} for each stop/profile/band."""
    rows = []
    for (stop_id, profile), reach in catchments.reach.items():
        dist = node_distances(net, [reach])
        for d in catchments.distances:
            mask = reached_buildings(buildings, dist, d)
            rows.append(
                {
                    "stop_id": stop_id,
                    "profile": profile,
                    "distance": d,
                    "buildings": int(mask.sum()),
                    "residential": int((mask & buildings.residential).sum()),
                }
            )
    return rows


def coverage_shares(net, catchments, buildings, stop_ids=None, distance=300.0):
    """{profile: (reached residential, total residential, share)} over all (given) stops."""
    total = int(buildings.residential.sum())
    result = {}
    for profile in catchments.profiles:
        reaches = [
            r for (sid, p), r in catchments.reach.items() if p == profile and (stop_ids is None or sid in stop_ids)
        ]
        mask = reached_buildings(buildings, node_distances(net, reaches), distance) & buildings.residential
        reached = int(mask.sum())
        result[profile] = (reached, total, reached / total if total else None)
    return result
