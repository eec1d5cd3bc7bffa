"""GeoPackage 2.5D footprints: one PolygonZ per building at ground height, with its heights.

Layer ``footprints``: gml_id, measured_height, min_z (ground), max_z (highest point), roof_height
(max_z - min_z), function, roof_type, part_ids, source_file. Written with GDAL/OGR.
"""

import numpy as np

from ...common.errors import InputError
from ...common.i18n import tr
from .. import mesh as meshlib
from ..export import atomic_outputs, write_origin_sidecar
from ..model import GROUND

LAYER = "footprints"


def footprint(building, transform):
    """Shapely (Multi)Polygon of the building's footprint in the output frame, or None."""
    from shapely.geometry import Polygon
    from shapely.ops import unary_union
    from shapely.validation import make_valid

    ground = [s for s in building.surfaces if s.semantic == GROUND]
    polygons = []
    if ground:
        for surface in ground:
            rings = [transform(r)[:, :2] for r in surface.rings if len(r) >= 3]
            if rings:
                poly = Polygon(rings[0], rings[1:])
                polygons.append(poly if poly.is_valid else make_valid(poly))
    else:
        # No ground surface: the union of all faces seen from above.
        m = meshlib.building_mesh(building)
        v = transform(m.vertices)
        for face in m.faces:
            tri = Polygon(v[face][:, :2])
            if tri.area > 1e-6:
                polygons.append(tri)
    polygons = [p for p in polygons if not p.is_empty and p.area > 1e-9]
    if not polygons:
        return None
    shape = unary_union(polygons)
    shape = shape.buffer(0) if not shape.is_valid else shape
    return shape if not shape.is_empty else None


def _as_number(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if np.isfinite(number) else None


def export(job, out_path):
    from osgeo import ogr, osr
    from shapely.geometry import MultiPolygon, Polygon

    if job.options.terrain:
        job.warn(tr("GeoPackage footprints contain no terrain: the terrain file is ignored."))
    transform = job.transform
    srs = osr.SpatialReference()
    code = meshlib.epsg_code(transform.target_crs)
    if code is None or srs.ImportFromEPSG(code) != 0:
        raise InputError(tr("Unknown target CRS: {crs}").format(crs=transform.target_crs))
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    written = 0
    total = job.count
    with atomic_outputs(out_path) as (tmp,):
        driver = ogr.GetDriverByName("GPKG")
        ds = driver.CreateDataSource(tmp)
        if ds is None:
            raise InputError(tr("Cannot create the file {path}.").format(path=out_path))
        layer = ds.CreateLayer(LAYER, srs, ogr.wkbMultiPolygon25D, options=["FID=fid", "GEOMETRY_NAME=geom"])
        fields = [
            ("gml_id", ogr.OFTString),
            ("measured_height", ogr.OFTReal),
            ("min_z", ogr.OFTReal),
            ("max_z", ogr.OFTReal),
            ("roof_height", ogr.OFTReal),
            ("function", ogr.OFTString),
            ("roof_type", ogr.OFTString),
            ("part_ids", ogr.OFTString),
            ("source_file", ogr.OFTString),
        ]
        for name, kind in fields:
            layer.CreateField(ogr.FieldDefn(name, kind))
        ds.StartTransaction()
        for i, building in enumerate(job.iter_buildings()):
            job.progress(i, total, 0.0, 95.0)
            vertices = building.vertices()
            if not len(vertices):
                job.warn(tr("Building {gml_id} has no geometry and is left out.").format(gml_id=building.gml_id))
                continue
            shape = footprint(building, transform)
            if shape is None:
                job.warn(tr("Building {gml_id} has no footprint and is left out.").format(gml_id=building.gml_id))
                continue
            ground = [s for s in building.surfaces if s.semantic == GROUND]
            min_z = float(np.min(np.vstack([r for s in ground for r in s.rings])[:, 2])) if ground else None
            if min_z is None:
                min_z = float(vertices[:, 2].min())
            max_z = float(vertices[:, 2].max())
            attrs = building.attributes or {}
            measured = _as_number(attrs.get("measuredHeight", attrs.get("measured_height")))
            if measured is None:
                measured = max_z - min_z
            geoms = list(shape.geoms) if isinstance(shape, MultiPolygon) else [shape]
            multi = ogr.Geometry(ogr.wkbMultiPolygon25D)
            for poly in geoms:
                if not isinstance(poly, Polygon) or poly.is_empty:
                    continue
                og = ogr.Geometry(ogr.wkbPolygon25D)
                for ring in [poly.exterior, *poly.interiors]:
                    r = ogr.Geometry(ogr.wkbLinearRing)
                    for x, y in ring.coords:
                        r.AddPoint(float(x), float(y), min_z - float(transform.origin[2]))
                    og.AddGeometry(r)
                multi.AddGeometry(og)
            feature = ogr.Feature(layer.GetLayerDefn())
            feature.SetGeometry(multi)
            feature.SetField("gml_id", building.gml_id)
            feature.SetField("measured_height", measured)
            feature.SetField("min_z", min_z)
            feature.SetField("max_z", max_z)
            feature.SetField("roof_height", max_z - min_z)
            for field_name, key in (("function", "function"), ("roof_type", "roofType")):
                if attrs.get(key) is not None:
                    feature.SetField(field_name, str(attrs[key]))
            if building.part_ids:
                feature.SetField("part_ids", ",".join(building.part_ids))
            if building.source_file:
                feature.SetField("source_file", str(building.source_file))
            if layer.CreateFeature(feature) != 0:
                raise InputError(tr("Cannot write to the file {path}.").format(path=out_path))
            written += 1
        ds.CommitTransaction()
        ds = None
        sidecar = write_origin_sidecar(job, out_path)
    files = [out_path] + ([sidecar] if sidecar else [])
    return {"buildings": written, "files": files}
