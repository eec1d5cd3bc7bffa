import hashlib

from tools.demo_data import gtfs, survey

from .test_network import _read


def _sha(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def test_layers_and_fields(demo_out):
    expected = {
        "tactile_guidance": {"type", "condition"},
        "obstacles": {"type", "height_cm", "detectable_with_cane"},
        "crossings": {"acoustic_signal", "tactile_paving", "kerb_height_cm", "name"},
        "stop_kerbs": {"stop_id", "kerb_height_cm", "boarding_field", "guide_strip"},
    }
    for layer, fields in expected.items():
        names, rows = _read(demo_out["survey"], layer)
        assert fields <= set(names), layer
        assert rows, layer


def test_values(demo_out):
    _, guidance = _read(demo_out["survey"], "tactile_guidance")
    assert {t["type"] for _, t in guidance} == {"Leitstreifen", "Aufmerksamkeitsfeld", "Auffindestreifen"}
    _, obstacles = _read(demo_out["survey"], "obstacles")
    assert {t["type"] for _, t in obstacles} == {"Poller", "Pflanzkübel", "Stufe", "Kundenstopper", "Fahrradständer"}
    assert {t["detectable_with_cane"] for _, t in obstacles} == {"yes", "no"}
    assert all(isinstance(t["height_cm"], int) and t["height_cm"] > 0 for _, t in obstacles)
    _, crossings = _read(demo_out["survey"], "crossings")
    assert {t["acoustic_signal"] for _, t in crossings} == {"yes", "no"}
    assert all(t["name"].startswith("Querung ") for _, t in crossings)


def test_crossings_on_network_nodes(demo_out):
    _, crossings = _read(demo_out["survey"], "crossings")
    _, nodes = _read(demo_out["network"], "nodes")
    crossing_nodes = {c[0] for c, t in nodes if t["highway"] == "crossing"}
    assert all(c[0] in crossing_nodes for c, _ in crossings)


def test_stop_kerbs_match_gtfs(demo_out):
    _, kerbs = _read(demo_out["survey"], "stop_kerbs")
    by_id = {t["stop_id"]: t for _, t in kerbs}
    assert set(by_id) == {s.stop_id for s in gtfs.stops()}
    assert by_id["SOF_FM"]["kerb_height_cm"] == 12
    heights = [t["kerb_height_cm"] for t in by_id.values()]
    assert heights.count(None) == 1 and heights.count(22) >= 5
    assert {t["boarding_field"] for t in by_id.values()} == {"yes", "no", None}
    assert {t["guide_strip"] for t in by_id.values()} == {"yes", "no", None}
    for coords, t in kerbs:
        x, y = coords[0]
        s = gtfs.stop(t["stop_id"])
        assert abs(x - s.x) + abs(y - s.y) < 6.0


def test_parse_kerb_cm():
    assert survey.parse_kerb_cm("0.03") == 3
    assert survey.parse_kerb_cm("3 cm") == 3
    assert survey.parse_kerb_cm("ca. 10cm") == 10
    assert survey.parse_kerb_cm("0,12") == 12
    assert survey.parse_kerb_cm("low") is None


def test_deterministic_bytes(tmp_path, demo_out):
    survey.build.cache_clear()
    again = survey.generate(tmp_path)
    assert _sha(demo_out["survey"]) == _sha(again)
