"""Deterministic GeoPackage writing for the demo data (plain OGR, no QGIS needed)."""

import os

EPSG = 25832
# gpkg_contents.last_change, so reruns give identical bytes; with milliseconds, as GeoPackage
# requirement 15 asks (%Y-%m-%dT%H:%M:%fZ)
FIXED_DATE = "2026-01-01T00:00:00.000Z"

_TYPES = {"str": "OFTString", "int": "OFTInteger", "int64": "OFTInteger64", "real": "OFTReal", "date": "OFTDate"}


def write(path, layers):
    """Write a new GeoPackage at ``path``.

    ``layers``: [(name, geometry ("point" | "line"), fields [(field, type)], features [(coords, {field: value})])].
    ``coords`` is (x, y) for points and ((x, y), ...) for lines, EPSG:25832. Values None are written as NULL.
    """
    from osgeo import gdal, ogr, osr

    gdal.UseExceptions()
    old = gdal.GetConfigOption("OGR_CURRENT_DATE")
    gdal.SetConfigOption("OGR_CURRENT_DATE", FIXED_DATE)
    try:
        if os.path.exists(path):
            os.unlink(path)
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(os.fspath(path))
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(EPSG)
        for name, geometry, fields, features in layers:
            geom_type = ogr.wkbPoint if geometry == "point" else ogr.wkbLineString
            layer = ds.CreateLayer(name, srs, geom_type, options=["GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=YES"])
            for field, kind in fields:
                layer.CreateField(ogr.FieldDefn(field, getattr(ogr, _TYPES[kind])))
            defn = layer.GetLayerDefn()
            layer.StartTransaction()
            for coords, values in features:
                feat = ogr.Feature(defn)
                for field, _ in fields:
                    value = values.get(field)
                    if value is not None:
                        feat.SetField(field, value)
                geom = ogr.Geometry(geom_type)
                if geometry == "point":
                    geom.AddPoint_2D(float(coords[0]), float(coords[1]))
                else:
                    for x, y in coords:
                        geom.AddPoint_2D(float(x), float(y))
                feat.SetGeometry(geom)
                layer.CreateFeature(feat)
            layer.CommitTransaction()
        ds = None
    finally:
        gdal.SetConfigOption("OGR_CURRENT_DATE", old)
