"""Real OSM files from ../shared/evaldata/osm (GraphHopper test maps, Hamburg GeoJSON exports; read-only).

Loaded through ``load_network``, the path the dock and ``soest:shuttle_accessibility`` use. The
expected numbers were counted independently in the OSM XML / GeoJSON (ways with a walkable
``highway`` value, without ``foot=no``/``access=no`` and without ``area=yes``).
"""

import gzip
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from soest_qgis_plugin.common.errors import InputError
from soest_qgis_plugin.shuttle import catchments as C  # noqa: N812
from soest_qgis_plugin.shuttle import network as N  # noqa: N812
from soest_qgis_plugin.shuttle.gtfs import to_utm


@pytest.fixture(scope="module")
def osm_dir(shared_evaldata):
    return shared_evaldata / "osm"


@pytest.fixture(scope="module")
def berlin(osm_dir):
    return N.load_network(str(osm_dir / "graphhopper_core_files" / "berlin-siegessaeule.osm.pbf"))


def _counts(values):
    found = {}
    for value in values:
        if value is not None:
            found[value] = found.get(value, 0) + 1
    return found


@pytest.mark.parametrize(
    "relative, lines",
    [
        ("graphhopper_core_files/berlin-siegessaeule.osm.gz", 121),
        ("graphhopper_core_files/berlin-siegessaeule.osm.pbf", 121),
        # CGImap export with node ids out of order: GDAL's default index read no line at all
        ("graphhopper_core_files/Laufamholzstrasse.osm.xml", 45),
        # Overpass GeoJSON: points, lines and polygons in one layer (was "no line layer found")
        ("hamburg_geojson_master_thesis/jungfernstieg-passable.geojson", 396),
    ],
)
def test_walkable_ways_are_read(osm_dir, relative, lines):
    read, _ = N.read_lines(str(osm_dir / relative))
    assert len(read) == lines
    assert set(read.columns["highway"]) <= N.WALKABLE


def test_berlin_tags_pbf_equals_xml(osm_dir, berlin):
    lines, nodes = N.read_lines(str(osm_dir / "graphhopper_core_files" / "berlin-siegessaeule.osm.pbf"))
    assert _counts(lines.columns["footway"]) == {"sidewalk": 11, "crossing": 2}
    assert _counts(lines.columns["sidewalk"]) == {"right": 8}
    assert _counts(lines.columns["incline"]) == {"up": 2, "down": 2}
    surface = _counts(lines.columns["surface"])
    assert surface["asphalt"] == 25 and surface["gravel"] == 5 and surface["cobblestone:flattened"] == 1
    # crossing nodes (20 highway=crossing, 4 of them crossing=island) arrive as tagged points
    assert sum(1 for _, _, t in nodes if t.get("highway") == "crossing") == 20
    gz = N.load_network(str(osm_dir / "graphhopper_core_files" / "berlin-siegessaeule.osm.gz"))
    assert gz.edge_count == berlin.edge_count and gz.length.sum() == pytest.approx(berlin.length.sum())
    a = berlin.attrs
    assert a["steps"].sum() == 10  # ten highway=steps ways, none with ramp or wheelchair=yes
    assert a["crossing"].sum() >= 2
    # gravel/ground ways are bad for wheelchairs, cobblestone/fine_gravel rough for the rollator
    assert set(a["highway"][a["bad_surface"] == 1]) <= {"path", "footway", "cycleway", "track", "service"}
    assert (a["bad_surface"] == 1).sum() >= 7 and a["rough"].sum() >= 3
    # incline=up/down says nothing about the gradient: unknown, listed, never blocking
    assert sorted(set((t, v) for _, t, v in berlin.taglog.entries)) == [("incline", "down"), ("incline", "up")]
    assert np.isnan(a["incline"]).all()
    # wheelchair/tactile_paving of this file sit on bus stops and shops, not on ways
    assert (a["wheelchair"] == -1).all() and (a["tactile"] == -1).all()


def test_berlin_in_utm32_keeps_metric_lengths(osm_dir, berlin):
    """Berlin is UTM zone 33; in EPSG:25832 lengths are 0.07 % long (scale factor at 13.35° E), not nonsense."""
    from pyproj import Geod

    with gzip.open(osm_dir / "graphhopper_core_files" / "berlin-siegessaeule.osm.gz") as handle:
        root = ET.parse(handle).getroot()
    where = {n.get("id"): (float(n.get("lon")), float(n.get("lat"))) for n in root.iter("node")}
    geod = Geod(ellps="WGS84")
    total = 0.0
    for way in root.iter("way"):
        tags = {t.get("k"): t.get("v") for t in way.findall("tag")}
        refs = [n.get("ref") for n in way.findall("nd")]
        if tags.get("highway") not in N.WALKABLE or tags.get("foot") == "no" or tags.get("access") == "no":
            continue
        if refs[0] == refs[-1] and tags.get("area") == "yes":
            continue
        lons, lats = zip(*(where[r] for r in refs))
        total += geod.line_length(lons, lats)
    assert 22000 < total < 22400
    assert 1.0003 < berlin.length.sum() / total < 1.0012
    assert 790000 < berlin.xy[:, 0].mean() < 800000  # E of Berlin counted from zone 32's meridian


def test_catchment_from_the_victory_column(berlin):
    x, y = to_utm([13.3501], [52.5145])  # Siegessäule, Großer Stern
    result = C.compute_catchments(berlin, [("S", float(x[0]), float(y[0]))], ["unrestricted", "wheelchair"], (300,))
    assert result.status[("S", "unrestricted")] == C.STATUS_OK
    walk = set(result.edges_within("S", "unrestricted", 300))
    wheel = set(result.edges_within("S", "wheelchair", 300))
    assert len(walk) > 10 and wheel <= walk
    assert not wheel & set(np.flatnonzero(berlin.attrs["steps"]))
    reached = C.reached_length(berlin, result.reach[("S", "unrestricted")], berlin.costs("unrestricted"), 300)
    assert 300 < reached < berlin.length.sum()


def test_tagged_nodes_inside_ways_reach_the_network(osm_dir):
    """Hoyerswerda has kerb=lowered/raised and tactile_paving on nodes, many in the middle of ways."""
    path = str(osm_dir / "graphhopper_core_files" / "Hoyerswerda.osm.pbf")
    _, nodes = N.read_lines(path)
    assert _counts(t.get("kerb") for _, _, t in nodes) == {"lowered": 16, "raised": 1, "flush": 1}
    net = N.load_network(path)
    kerbs = net.attrs["kerb"][np.isfinite(net.attrs["kerb"])]
    assert set(np.round(kerbs, 3)) <= {0.0, 0.03, 0.1} and len(kerbs) >= 14
    assert (net.attrs["tactile"] == 0).sum() >= 26
    lowered = np.flatnonzero(np.isclose(net.attrs["kerb"], 0.03))
    _, reason = net.blocked("wheelchair")
    assert not (reason[lowered] == "kerb").any()  # 3 cm is passable by wheelchair
    raised = np.flatnonzero(np.isclose(net.attrs["kerb"], 0.1))
    assert (reason[raised] == "kerb").all() and len(raised) >= 1


def test_overpass_geojson_tags_and_ids(osm_dir):
    net = N.load_network(str(osm_dir / "hamburg_geojson_master_thesis" / "jungfernstieg-passable.geojson"))
    a = net.attrs
    assert a["steps"].sum() >= 16  # 30 steps ways, 14 of them without ramp information … or ramp=no
    assert (a["wheelchair"] == 1).sum() >= 3 and (a["wheelchair"] == 0).sum() >= 1
    assert a["crossing"].sum() >= 16  # footway=crossing
    assert 560000 < net.xy[:, 0].mean() < 570000 and 5930000 < net.xy[:, 1].mean() < 5940000
    # unreadable incline values carry the export's OSM ids ("@id")
    assert ("way/37076926", "incline", "up") in net.taglog.entries
    assert sum(1 for _, tag, _ in net.taglog.entries if tag == "incline") == 29


def test_raw_osm_geojson_without_walkable_ways_is_refused_in_german(osm_dir, shuttle_german):
    with pytest.raises(InputError) as info:
        N.load_network(str(osm_dir / "hamburg_geojson_master_thesis" / "germany-hh-dammtor.geojson"))
    assert "germany-hh-dammtor.geojson enthält keine begehbaren Wege" in str(info.value)


def test_network_outside_utm32_is_refused(tmp_path, shuttle_german):
    path = tmp_path / "manhattan.geojson"
    path.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"highway": "footway"}, '
        '"geometry": {"type": "LineString", "coordinates": [[-73.99, 40.74], [-73.98, 40.75], [-73.97, 40.76]]}}]}'
    )
    with pytest.raises(InputError) as info:
        N.load_network(str(path))
    assert "außerhalb des Analysegebiets" in str(info.value) and "40.75° Breite, -73.98° Länge" in str(info.value)


def test_processing_end_to_end_on_real_files(soest_provider, shared_evaldata, tmp_path):
    """DELFI excerpt (Freiburg) + Berlin PBF + SRTM zip: no real pair overlaps, so the stops are
    reported as not reachable and the route as a terrain gap, but every layer is written."""
    import processing
    from osgeo import ogr

    out = tmp_path / "shuttle.gpkg"
    result = processing.run(
        "soest:shuttle_accessibility",
        {
            "ROUTES": str(shared_evaldata / "gtfs" / "spatial_search_tests" / "minimal-gtfs.zip"),
            "NETWORK": str(shared_evaldata / "osm" / "graphhopper_core_files" / "berlin-siegessaeule.osm.pbf"),
            "DEM": str(shared_evaldata / "dem" / "graphhopper" / "N52E008.hgt.zip"),
            "PROFILE": [0, 1],
            "OUTPUT": str(out),
        },
    )
    assert (result["STOPS_COUNT"], result["ROUTES_COUNT"]) == (2, 1)
    ds = ogr.Open(str(out))
    assert ds.GetLayerByName("stops").GetFeatureCount() == 2
    routes = ds.GetLayerByName("routes")
    assert routes.GetFeatureCount() == 1 and next(iter(routes)).GetField("source") == "shape"
    assert {f.GetField("kind") for f in ds.GetLayerByName("slope_segments")} == {"gap"}
    assert {f.GetField("tag") for f in ds.GetLayerByName("unknown_tags")} == {"incline"}
    catchments = ds.GetLayerByName("catchments")
    assert catchments.GetFeatureCount() == 2 * 2 * 2  # stops × profiles × bands, without geometry
    assert all(f.GetGeometryRef() is None for f in catchments)
    ds = None


def test_processing_refuses_feed_outside_utm32(soest_provider, shared_evaldata, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    out = tmp_path / "nyc.gpkg"
    with pytest.raises(QgsProcessingException, match="outside the area of the analysis"):
        processing.run(
            "soest:shuttle_accessibility",
            {"ROUTES": str(shared_evaldata / "gtfs" / "gtfs_kit_data" / "nyc_subway_gtfs.zip"), "OUTPUT": str(out)},
        )
    assert not out.exists()
