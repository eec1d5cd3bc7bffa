from soest_qgis_plugin.shuttle import catchments as C  # noqa: N812
from soest_qgis_plugin.shuttle import gtfs
from soest_qgis_plugin.shuttle import network as N  # noqa: N812
from soest_qgis_plugin.shuttle import stopcheck as SC  # noqa: N812


def run_checks(shuttle_data, with_network=True):
    feed = gtfs.read_feed(shuttle_data["gtfs"])
    survey = N.read_survey(shuttle_data["survey"])
    net = catch = None
    if with_network:
        net = N.load_network(shuttle_data["network"])
        stops = [(s.stop_id, s.x, s.y) for s in feed.stops_with_coordinates()]
        catch = C.compute_catchments(net, stops)
    return {c.stop_id: c for c in SC.check_stops(feed.stops, survey["stop_kerbs"], catch, net, feed)}


def test_stop_criteria(shuttle_data):
    checks = run_checks(shuttle_data)
    s1, s2, s3 = checks["S1"], checks["S2"], checks["S3"]
    assert set(s1.results.values()) == {SC.PASSED} and s1.grade == "A"
    assert s2.results["kerb_height"] == SC.FAILED and s2.kerb_height_cm == 12
    assert s2.results["boarding_field"] == SC.FAILED
    assert s2.results["guide_strip"] == SC.PASSED
    assert s2.results["wheelchair_boarding"] == SC.FAILED
    assert s2.grade == "D"
    assert "12 cm" in s2.missing_text
    # NULL kerb height (matched by distance): unknown, never a pass or a fail
    assert s3.results["kerb_height"] == SC.UNKNOWN
    assert s3.grade == "B"
    assert checks["S4"].results["step_free_access"] == SC.FAILED  # island
    assert checks["S5"].results["step_free_access"] == SC.UNKNOWN  # not connected
    assert checks["S6"].results["step_free_access"] == SC.UNKNOWN  # no coordinates
    assert checks["S6"].grade == "?"


def test_without_network_everything_unknown_but_gtfs(shuttle_data):
    checks = run_checks(shuttle_data, with_network=False)
    assert checks["S1"].results["step_free_access"] == SC.UNKNOWN
    assert checks["S1"].results["kerb_height"] == SC.PASSED
    assert checks["S1"].grade == "B"


def test_grade_rules():
    assert SC.grade({"a": SC.PASSED, "b": SC.PASSED}) == "A"
    assert SC.grade({"a": SC.PASSED, "b": SC.UNKNOWN}) == "B"
    assert SC.grade({"a": SC.FAILED, "b": SC.UNKNOWN}) == "C"
    assert SC.grade({"a": SC.FAILED, "b": SC.FAILED}) == "D"
    assert SC.grade({"a": SC.UNKNOWN}) == "?"


def test_kerb_height_boundaries():
    stop = gtfs.Stop("X", "X", x=0.0, y=0.0)
    for value, expected in (
        (18, SC.PASSED),
        (22, SC.PASSED),
        ("ca. 20cm", SC.PASSED),
        (17.5, SC.FAILED),
        (23, SC.FAILED),
        ("hoch", SC.UNKNOWN),
    ):
        check = SC.check_stop(stop, {"kerb_height_cm": value})
        assert check.results["kerb_height"] == expected, value


def test_german_texts(shuttle_german, shuttle_data):
    checks = run_checks(shuttle_data)
    assert "Bordhöhe" in checks["S2"].missing_text


def test_pathways_with_stairs_only_fail_step_free(tmp_path):
    from . import synth

    folder = synth.write_gtfs(str(tmp_path / "pw"))
    (tmp_path / "pw" / "pathways.txt").write_text(
        "pathway_id,from_stop_id,to_stop_id,pathway_mode,is_bidirectional\nP1,S3,S1,2,1\nP2,S1,S2,5,1\n"
    )
    (tmp_path / "pw" / "levels.txt").write_text("level_id,level_index\nL0,0\n")
    feed = gtfs.read_feed(folder)
    assert len(feed.pathways) == 2 and len(feed.levels) == 1
    checks = {c.stop_id: c for c in SC.check_stops(feed.stops, None, None, None, feed)}
    assert checks["S3"].results["step_free_access"] == SC.FAILED
    assert checks["S1"].results["step_free_access"] == SC.UNKNOWN  # a lift among its pathways: not a fail
    assert checks["S4"].results["step_free_access"] == SC.UNKNOWN
