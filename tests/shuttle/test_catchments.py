import numpy as np
import pytest

from soest_qgis_plugin.shuttle import catchments as C  # noqa: N812
from soest_qgis_plugin.shuttle import network as N  # noqa: N812

from . import synth


@pytest.fixture(scope="module")
def net(shuttle_data):
    return N.load_network(shuttle_data["network"])


def stops_xy():
    return [(sid, x, y) for sid, _, x, y in synth.stop_list() if x is not None]


def test_bands_profiles_and_statuses(net):
    result = C.compute_catchments(net, stops_xy(), distances=(300, 500))
    assert result.status[("S1", "unrestricted")] == C.STATUS_OK
    assert result.status[("S4", "wheelchair")] == C.STATUS_ISOLATED
    assert result.status[("S5", "unrestricted")] == C.STATUS_NOT_CONNECTED
    e300 = set(result.edges_within("S3", "unrestricted", 300))
    e500 = set(result.edges_within("S3", "unrestricted", 500))
    assert e300 < e500
    wheel = set(result.edges_within("S3", "wheelchair", 500))
    assert wheel < e500
    # the steps and the Hügelweg behind them: reached walking, not by wheelchair
    steps = set(np.flatnonzero(net.attrs["name"] == "Hangtreppe"))
    behind = set(np.flatnonzero(net.attrs["name"] == "Hügelweg"))
    assert steps <= e300 and behind <= e300
    assert not (steps | behind) & wheel


def test_network_distance_matches_grid(net):
    x, y = synth.node(0, 0)
    result = C.compute_catchments(net, [("A", x, y)], profiles=["unrestricted"], distances=(160,))
    reach = result.reach[("A", "unrestricted")]
    far_node = net.snap([synth.node(1, 1)])[0][0]
    assert reach.node_dist[np.searchsorted(reach.nodes, far_node)] == pytest.approx(160.0)
    assert C.reached_length(net, reach, net.costs("unrestricted"), 160) == pytest.approx(6 * 80, abs=1)


def test_stop_between_nodes_uses_offsets(net):
    x, y = synth.node(0, 0)
    result = C.compute_catchments(net, [("A", x + 20, y)], profiles=["unrestricted"], distances=(100,))
    reach = result.reach[("A", "unrestricted")]
    n0 = net.snap([(x, y)])[0][0]
    n1 = net.snap([(x + 80, y)])[0][0]
    d = dict(zip(reach.nodes.tolist(), reach.node_dist.tolist()))
    assert d[n0] == pytest.approx(20) and d[n1] == pytest.approx(60)


def test_polygon_and_lost_coverage(net):
    result = C.compute_catchments(net, stops_xy(), distances=(300,))
    full = C.catchment_polygon(net, result.reach[("S3", "unrestricted")], net.costs("unrestricted"), 300)
    wheel = C.catchment_polygon(net, result.reach[("S3", "wheelchair")], net.costs("wheelchair"), 300)
    lost = full.difference(wheel)
    hill = synth.node(2, synth.NY - 1)
    from shapely.geometry import Point

    assert lost.contains(Point(hill[0] + 30, hill[1] + 25))
    assert wheel.area < full.area


def test_cancel_stops_the_computation(net):
    from soest_qgis_plugin.common.errors import Cancelled
    from soest_qgis_plugin.common.feedback import CollectingFeedback

    with pytest.raises(Cancelled):
        C.compute_catchments(net, stops_xy(), feedback=CollectingFeedback(cancel_after=0))
