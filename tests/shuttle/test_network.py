import numpy as np
import pytest

from soest_qgis_plugin.shuttle import network as N  # noqa: N812

from . import synth


def test_lines_split_at_shared_vertices_and_snapped():
    lines = [
        (np.array([[0, 0], [50, 0], [100, 0]]), {"highway": "footway"}),
        (np.array([[50, 0], [50, 50]]), {"highway": "footway"}),
        (np.array([[100.2, 0.1], [200, 0]]), {"highway": "footway"}),  # 0.2 m gap: snapped
    ]
    net = N.build_network(lines, snap=0.5)
    assert net.node_count == 5
    assert net.edge_count == 4
    assert sorted(np.round(net.length)) == [50, 50, 50, 100]
    assert len(net.components()[1]) == 1


def test_profiles_block_steps_kerbs_incline_width():
    lines = [
        (np.array([[0, 0], [10, 0]]), {"highway": "steps"}),
        (np.array([[10, 0], [20, 0]]), {"highway": "footway", "kerb_height": "ca. 10cm"}),
        (np.array([[20, 0], [30, 0]]), {"highway": "footway", "incline": "8%"}),
        (np.array([[30, 0], [40, 0]]), {"highway": "footway", "width": "0,8"}),
        (np.array([[40, 0], [50, 0]]), {"highway": "footway", "incline": "up", "width": "ca. 1m"}),
        (np.array([[50, 0], [60, 0]]), {"highway": "footway", "kerb": "lowered"}),
    ]
    net = N.build_network(lines)
    order = np.argsort(net.vertices[net.edge_start][:, 0])
    _, reason = net.blocked("wheelchair")
    assert list(reason[order]) == ["steps", "kerb", "incline", "width", "", ""]
    _, reason = net.blocked("rollator")
    assert list(reason[order]) == ["steps", "kerb", "", "", "", ""]
    assert np.isfinite(net.costs("unrestricted")).all()
    assert np.isfinite(net.costs("blind")).all()
    assert net.taglog.summary() == ["incline=up (1×)"]


def test_synthetic_gpkg_network_with_survey(shuttle_data):
    net = N.load_network(shuttle_data["network"])
    labels, sizes = net.components()
    assert len(sizes) == 2  # the island
    survey = N.read_survey(shuttle_data["survey"])
    assert set(survey) == {"stop_kerbs", "crossings", "obstacles", "tactile_guidance"}
    counts = N.apply_survey(net, survey)
    assert counts["crossings"] == 1 and counts["obstacles"] == 1
    assert net.attrs["guidance"].sum() >= 3
    crossing = np.flatnonzero(net.attrs["crossing"])
    assert (net.attrs["sound"][crossing] == 0).all()
    _, reason = net.blocked("wheelchair")
    assert "obstacle" in set(reason)


def test_osm_file_through_gdal(shared_fixtures):
    net = N.load_network(str(shared_fixtures / "osm" / "berlin-siegessaeule.osm.gz"))
    assert net.edge_count > 100
    # projected to EPSG:25832 (Berlin lies in zone 33: E ~ 795000 in zone 32)
    assert 790000 < net.xy[:, 0].mean() < 800000
    assert 5820000 < net.xy[:, 1].mean() < 5835000
    assert set(net.attrs["highway"]) <= N.WALKABLE
    assert (net.attrs["crossing"]).any()


def test_other_tags_parser():
    assert N.parse_other_tags('"kerb:height"=>"3 cm","wheelchair"=>"yes"') == {
        "kerb_height": "3 cm",
        "wheelchair": "yes",
    }


def test_empty_network_is_an_input_error():
    from soest_qgis_plugin.common.errors import InputError

    with pytest.raises(InputError):
        N.build_network([])


def test_profiles_parse_german_names():
    assert N.parse_profiles("Rollstuhl, blind") == ["unrestricted", "wheelchair", "blind"]
    assert synth.NX > 2
