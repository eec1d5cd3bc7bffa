"""Street condition grade 1–5 per street segment from confirmed damages.

Inspired by the grading scale of the German ZEB (Zustandserfassung und -bewertung), but NOT a
ZEB evaluation: ZEB derives grades from measured surface features (cracks in % of area,
rut depth, evenness); this is a simple, documented index from the damages a planner confirmed.

Formula (per street segment = one feature of the street layer):

    weight(damage) = class weight × severity factor
        class weight:    D00 Längsriss 1.0, D10 Querriss 1.0, D20 Netzriss 2.0, D40 Schlagloch 3.0,
                         other classes 1.0
        severity factor: leicht 1.0, mittel 1.5, schwer 2.0, not set 1.0
    density D = Σ weight / (max(length, 20 m) / 100 m)          (weighted damages per 100 m)
    grade     = 1 + 4 × (1 − exp(−D / 5))                        (1.0 … 5.0, one decimal)

So a segment without confirmed damage gets 1.0; one weighted damage per 100 m 1.7; five 3.5;
ten 4.5. A confirmed damage counts for the nearest segment within 15 m.
Colour classes as in ZEB: 1.0–1.5 blue, 1.5–2.5 dark green, 2.5–3.5 light green,
3.5–4.5 yellow, 4.5–5.0 red (``resources/styles/roaddamage_condition.qml``).
"""

import math
import os

from ..common.errors import InputError
from ..common.i18n import tr

CLASS_WEIGHTS = {"D00": 1.0, "D10": 1.0, "D20": 2.0, "D40": 3.0}
SEVERITY_FACTORS = {"leicht": 1.0, "mittel": 1.5, "schwer": 2.0}
MIN_LENGTH = 20.0
SCALE = 5.0
MAX_DISTANCE = 15.0
STREET_NAME_DISTANCE = 25.0
CLASSES = (
    (1.0, 1.5, "#0070c0"),
    (1.5, 2.5, "#00803c"),
    (2.5, 3.5, "#92d050"),
    (3.5, 4.5, "#ffff00"),
    (4.5, 5.0, "#ff0000"),
)


def damage_weight(class_name, severity=None):
    return CLASS_WEIGHTS.get(class_name, 1.0) * SEVERITY_FACTORS.get(severity, 1.0)


def grade(weight_sum, length_m):
    density = weight_sum / (max(float(length_m), MIN_LENGTH) / 100.0)
    return round(1.0 + 4.0 * (1.0 - math.exp(-density / SCALE)), 1)


def colour_class(value):
    """Index 0..4 of the ZEB colour class of a grade."""
    for i, (_low, high, _) in enumerate(CLASSES):
        if value < high or i == len(CLASSES) - 1:
            return i
    return len(CLASSES) - 1


# Streets --------------------------------------------------------------------------------------
def load_streets(streets, name_field="name"):
    """[(name, shapely line in EPSG:25832)] from a path (any OGR line source) or a QGIS vector layer."""
    from shapely import wkb as shapely_wkb

    if hasattr(streets, "getFeatures"):
        from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

        target = QgsCoordinateReferenceSystem("EPSG:25832")
        transform = None
        if streets.crs().isValid() and streets.crs() != target:
            transform = QgsCoordinateTransform(streets.crs(), target, QgsProject.instance())
        index = streets.fields().indexOf(name_field)
        result = []
        for feature in streets.getFeatures():
            geometry = feature.geometry()
            if geometry.isEmpty():
                continue
            if transform is not None:
                geometry.transform(transform)
            name = feature.attribute(index) if index >= 0 else None
            result.append((None if name is None else str(name), shapely_wkb.loads(bytes(geometry.asWkb()))))
        return result
    from osgeo import ogr, osr

    path = os.fspath(streets)
    source = ogr.Open(path)
    if source is None:
        raise InputError(tr("The street layer cannot be read: {path}").format(path=path))
    layer = source.GetLayer(0)
    target = osr.SpatialReference()
    target.ImportFromEPSG(25832)
    target.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    transform = None
    srs = layer.GetSpatialRef()
    if srs is not None and not srs.IsSame(target):
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        transform = osr.CoordinateTransformation(srs, target)
    index = layer.GetLayerDefn().GetFieldIndex(name_field)
    result = []
    for feature in layer:
        geometry = feature.GetGeometryRef()
        if geometry is None:
            continue
        geometry = geometry.Clone()
        if transform is not None:
            geometry.Transform(transform)
        geometry.FlattenTo2D()
        name = feature.GetField(index) if index >= 0 else None
        result.append((name, shapely_wkb.loads(bytes(geometry.ExportToWkb()))))
    return result


def _nearest(lines, points, max_distance):
    """Index of the nearest line within ``max_distance`` for each point (bounding boxes first;
    works with shapely 1.8 and 2)."""
    import numpy as np
    from shapely.geometry import Point

    if not lines:
        return [None] * len(points)
    bounds = np.array([line.bounds for _, line in lines], dtype=float)
    found = []
    for e, n in points:
        near = np.nonzero(
            (bounds[:, 0] - max_distance <= e)
            & (bounds[:, 2] + max_distance >= e)
            & (bounds[:, 1] - max_distance <= n)
            & (bounds[:, 3] + max_distance >= n)
        )[0]
        point = Point(e, n)
        best, best_d = None, max_distance
        for i in near:
            d = lines[i][1].distance(point)
            if d <= best_d:
                best, best_d = int(i), d
        found.append(best)
    return found


def nearest_street_names(streets, points, max_distance=STREET_NAME_DISTANCE):
    """Name of the nearest street (within ``max_distance`` m) for each (E, N) point, else None."""
    lines = streets if isinstance(streets, list) else load_streets(streets)
    return [None if i is None else lines[i][0] for i in _nearest(lines, points, max_distance)]


def street_condition(damages, streets):
    """Grades per street segment. ``damages``: dicts with easting, northing, class_name, severity
    (confirmed only). Returns [{name, geometry, length, damages, weight, per_100m, grade, colour}]."""
    lines = streets if isinstance(streets, list) else load_streets(streets)
    segments = [
        {"name": name, "geometry": line, "length": line.length, "damages": 0, "weight": 0.0} for name, line in lines
    ]
    nearest = _nearest(lines, [(d["easting"], d["northing"]) for d in damages], MAX_DISTANCE)
    for damage, index in zip(damages, nearest):
        if index is None:
            continue
        segments[index]["damages"] += 1
        segments[index]["weight"] += damage_weight(damage["class_name"], damage.get("severity"))
    for s in segments:
        s["per_100m"] = round(s["weight"] / (max(s["length"], MIN_LENGTH) / 100.0), 3)
        s["grade"] = grade(s["weight"], s["length"])
        s["colour"] = colour_class(s["grade"])
    return segments


def write_condition_layer(store_path, streets, output_path=None):
    """Compute grades from the store's confirmed damages and write a line layer ``street_condition``
    (to ``output_path``, a new GeoPackage, default ``<store>_zustand.gpkg``). Returns the path."""
    from osgeo import ogr, osr

    from ..common.atomic import atomic_path
    from .store import DamageStore

    with DamageStore.open(store_path, readonly=True) as store:
        confirmed = store.confirmed_damages()
    segments = street_condition(confirmed, streets)
    output_path = output_path or os.path.splitext(os.fspath(store_path))[0] + "_zustand.gpkg"
    with atomic_path(output_path) as tmp:
        driver = ogr.GetDriverByName("GPKG")
        source = driver.CreateDataSource(tmp)
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(25832)
        layer = source.CreateLayer("street_condition", srs, ogr.wkbMultiLineString)
        for name, kind in (
            ("name", ogr.OFTString),
            ("length_m", ogr.OFTReal),
            ("damages", ogr.OFTInteger),
            ("weight", ogr.OFTReal),
            ("per_100m", ogr.OFTReal),
            ("grade", ogr.OFTReal),
        ):
            layer.CreateField(ogr.FieldDefn(name, kind))
        layer.StartTransaction()
        for s in segments:
            feature = ogr.Feature(layer.GetLayerDefn())
            feature.SetField("name", s["name"])
            feature.SetField("length_m", round(s["length"], 1))
            feature.SetField("damages", s["damages"])
            feature.SetField("weight", s["weight"])
            feature.SetField("per_100m", s["per_100m"])
            feature.SetField("grade", s["grade"])
            feature.SetGeometry(ogr.ForceToMultiLineString(ogr.CreateGeometryFromWkb(s["geometry"].wkb)))
            layer.CreateFeature(feature)
        layer.CommitTransaction()
        source = None
    return output_path
