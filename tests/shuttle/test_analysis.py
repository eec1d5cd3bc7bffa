import os

import pytest
from osgeo import ogr

from soest_qgis_plugin.common.errors import Cancelled, InputError
from soest_qgis_plugin.common.feedback import CollectingFeedback
from soest_qgis_plugin.shuttle.analysis import LAYERS, parse_distances, run_accessibility

from . import synth


def layer_rows(path, name):
    ds = ogr.Open(str(path))
    layer = ds.GetLayerByName(name)
    rows = []
    for f in layer:
        items = f.items()
        g = f.GetGeometryRef()
        items["_geom"] = g.ExportToWkt() if g is not None else None
        rows.append(items)
    return rows


@pytest.fixture(scope="module")
def full_run(shuttle_data, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "shuttle.gpkg"
    fb = CollectingFeedback()
    summary = run_accessibility(
        shuttle_data["gtfs_zip"], out, network=shuttle_data["network"], survey=shuttle_data["survey"],
        dem=shuttle_data["dem"], buildings=shuttle_data["buildings"], distances="300,500", feedback=fb,
    )  # fmt: skip
    return out, summary, fb


def test_full_run_writes_every_layer(full_run):
    out, summary, fb = full_run
    ds = ogr.Open(str(out))
    assert {ds.GetLayerByIndex(i).GetName() for i in range(ds.GetLayerCount())} == set(LAYERS)
    stops = layer_rows(out, "stops")
    assert [s["stop_id"] for s in stops] == ["S1", "S2", "S3", "S4", "S5", "S6"]
    s2 = next(s for s in stops if s["stop_id"] == "S2")
    assert s2["kerb_height"] == "failed" and s2["grade"] == "D" and s2["kerb_height_cm"] == 12
    assert next(s for s in stops if s["stop_id"] == "S6")["_geom"] is None
    routes = layer_rows(out, "routes")
    assert {r["source"] for r in routes} == {"shape", "network"}
    catch = layer_rows(out, "catchments")
    assert {c["profile"] for c in catch} == {"unrestricted", "wheelchair", "rollator", "blind"}
    assert {c["distance"] for c in catch} == {300.0, 500.0}
    unreached = [c for c in catch if c["stop_id"] == "S5"]
    assert unreached and all(c["_geom"] is None for c in unreached)
    assert layer_rows(out, "lost_coverage")
    slope = layer_rows(out, "slope_segments")
    assert any(s["flagged"] == 1 for s in slope) and any(s["kind"] == "gap" for s in slope)
    gaps = layer_rows(out, "gaps")
    assert gaps[0]["rank"] == 1 and "Feldmühlenweg" in gaps[0]["text"]
    assert layer_rows(out, "frequency")
    assert {t["value"] for t in layer_rows(out, "unknown_tags")} == {"up"}
    shares = {c["profile"]: c for c in layer_rows(out, "coverage")}
    assert shares["wheelchair"]["reached"] < shares["unrestricted"]["reached"]
    assert shares["wheelchair"]["share"] == pytest.approx(summary["coverage"]["wheelchair"]["share"])
    assert summary["not_reachable"] == ["S4", "S5"]
    assert any("S5" in w for w in summary["warnings"])
    assert fb.progress[-1] == 100


def test_only_routes_still_writes_stops_and_routes(shuttle_data, tmp_path):
    out = tmp_path / "only.gpkg"
    summary = run_accessibility(shuttle_data["gtfs"], out)
    stops = layer_rows(out, "stops")
    assert len(stops) == 6 and summary["stops"] == 6
    assert {s["step_free_access"] for s in stops} == {"unknown"}
    assert next(s for s in stops if s["stop_id"] == "S1")["kerb_height"] == "unknown"
    routes = layer_rows(out, "routes")
    assert {r["source"] for r in routes} == {"shape", "straight"}
    assert layer_rows(out, "catchments") == []


@pytest.mark.parametrize("drop", ["stops.txt", "trips.txt", "stop_times.txt", "routes.txt"])
def test_missing_required_file_writes_nothing(tmp_path, drop):
    folder = synth.write_gtfs(str(tmp_path / "feed"), drop=(drop,))
    out = tmp_path / "out.gpkg"
    with pytest.raises(InputError, match=drop):
        run_accessibility(folder, out)
    assert not out.exists()
    assert [p for p in os.listdir(tmp_path) if p.endswith(".gpkg")] == []


def test_cancel_leaves_no_file(shuttle_data, tmp_path):
    out = tmp_path / "cancel.gpkg"
    with pytest.raises(Cancelled):
        run_accessibility(
            shuttle_data["gtfs"], out, network=shuttle_data["network"], feedback=CollectingFeedback(cancel_after=3)
        )
    assert list(tmp_path.iterdir()) == []


def test_existing_output_untouched_on_error(shuttle_data, tmp_path):
    out = tmp_path / "keep.gpkg"
    out.write_bytes(b"old")
    with pytest.raises(InputError):
        run_accessibility(str(tmp_path / "missing.zip"), out)
    assert out.read_bytes() == b"old"


def test_route_line_layer_with_stop_layer(shuttle_data, tmp_path):
    lines = tmp_path / "plan.gpkg"
    synth.write_vector(
        str(lines),
        "route",
        "line",
        [([synth.node(0, 0), synth.node(4, 0), synth.node(4, 3)], {"name": "Plan"})],
        [("name", "str")],
    )
    stops = tmp_path / "stops.gpkg"
    synth.write_vector(str(stops), "stops", "point", [(synth.node(0, 0), {"stop_id": "P1", "stop_name": "Start"}), (synth.node(4, 3), {"stop_id": "P2", "stop_name": "Ziel"})],  # noqa: E501
                       [("stop_id", "str"), ("stop_name", "str")])  # fmt: skip
    out = tmp_path / "plan_out.gpkg"
    summary = run_accessibility(
        str(lines), out, stops=str(stops), network=shuttle_data["network"], dem=shuttle_data["dem"]
    )
    assert summary["stops"] == 2 and summary["routes"] == 1
    assert [r["route_name"] for r in layer_rows(out, "routes")] == ["Plan"]
    assert len(layer_rows(out, "catchments")) == 2 * 4 * 2


def test_a_file_of_an_unzipped_feed_means_its_folder(shuttle_data, tmp_path):
    out = tmp_path / "txt.gpkg"
    summary = run_accessibility(os.path.join(shuttle_data["gtfs"], "stops.txt"), out)
    assert summary["stops"] == 6


def test_distances_validation():
    assert parse_distances("500, 300") == (300.0, 500.0)
    with pytest.raises(InputError):
        parse_distances("abc")
    with pytest.raises(InputError):
        parse_distances("-5")


def test_real_delfi_feed_only_routes(shared_fixtures, tmp_path):
    out = tmp_path / "delfi.gpkg"
    summary = run_accessibility(shared_fixtures / "gtfs" / "delfi-minimal-gtfs.zip", out)
    assert summary["stops"] == len(layer_rows(out, "stops")) > 0
    assert layer_rows(out, "routes")


def test_osm_network_with_planned_route(shared_fixtures, tmp_path):
    """A planned route in Berlin (EPSG:25832 coordinates) on the real OSM extract."""
    osm = str(shared_fixtures / "osm" / "berlin-siegessaeule.osm.gz")
    a, b = (795123.69, 5827186.52), (794203.39, 5827010.12)
    lines = tmp_path / "plan.gpkg"
    synth.write_vector(str(lines), "route", "line", [([a, b], {"name": "Test"})], [("name", "str")])
    stops = tmp_path / "stops.gpkg"
    synth.write_vector(
        str(stops), "stops", "point", [(a, {"stop_id": "A"}), (b, {"stop_id": "B"})], [("stop_id", "str")]
    )
    out = tmp_path / "osm.gpkg"
    summary = run_accessibility(str(lines), out, stops=str(stops), network=osm, distances=(300,))
    catch = layer_rows(out, "catchments")
    reached = {(c["stop_id"], c["profile"]): c["reached_m"] for c in catch}
    assert reached[("A", "unrestricted")] > 300
    assert reached[("A", "wheelchair")] <= reached[("A", "unrestricted")]
    assert {t["value"] for t in layer_rows(out, "unknown_tags")} == {"up", "down"}
    assert any("incline=up" in w for w in summary["warnings"])
