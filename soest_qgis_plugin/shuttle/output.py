"""Write the analysis layers into one GeoPackage (plain OGR, one transaction per layer)."""

import numpy as np

GEOMETRY = {"point": 1, "line": 2, "polygon": 6, "none": 100}  # wkbPoint, wkbLineString, wkbMultiPolygon, wkbNone
FIELD_TYPES = {str: 4, int: 12, float: 2}  # OFTString, OFTInteger64, OFTReal


def write_layers(path, layers):
    """``layers``: list of (name, kind, [(field, type)], rows) where a row is (geometry or None, {field: value}).

    Geometry: point → (x, y); line → (n, 2) array; polygon → shapely geometry.
    """
    from osgeo import gdal, ogr, osr

    gdal.UseExceptions()
    driver = ogr.GetDriverByName("GPKG")
    ds = driver.CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    try:
        for name, kind, fields, rows in layers:
            geom_type = {"point": ogr.wkbPoint, "line": ogr.wkbLineString, "polygon": ogr.wkbMultiPolygon}.get(
                kind, ogr.wkbNone
            )
            layer = ds.CreateLayer(name, srs if kind != "none" else None, geom_type, options=["FID=fid"])
            for field_name, field_type in fields:
                defn = ogr.FieldDefn(field_name, FIELD_TYPES[field_type])
                layer.CreateField(defn)
            layer.StartTransaction()
            defn = layer.GetLayerDefn()
            for geometry, values in rows:
                feature = ogr.Feature(defn)
                for field_name, field_type in fields:
                    value = values.get(field_name)
                    if value is None or (isinstance(value, float) and np.isnan(value)):
                        feature.SetFieldNull(field_name)
                    else:
                        feature.SetField(field_name, field_type(value))
                if geometry is not None:
                    geom = _geometry(kind, geometry)
                    if geom is not None:
                        feature.SetGeometry(geom)
                layer.CreateFeature(feature)
            layer.CommitTransaction()
    finally:
        ds = None  # noqa: F841 - closes the file


def _geometry(kind, geometry):
    from osgeo import ogr

    if kind == "point":
        geom = ogr.Geometry(ogr.wkbPoint)
        geom.AddPoint_2D(float(geometry[0]), float(geometry[1]))
        return geom
    if kind == "line":
        coords = np.asarray(geometry, dtype=float)
        if len(coords) < 2:
            return None
        geom = ogr.Geometry(ogr.wkbLineString)
        for x, y in coords[:, :2]:
            geom.AddPoint_2D(float(x), float(y))
        return geom
    if kind == "polygon":
        if geometry is None or geometry.is_empty:
            return None
        geom = ogr.CreateGeometryFromWkb(geometry.wkb)
        return ogr.ForceToMultiPolygon(geom)
    return None
