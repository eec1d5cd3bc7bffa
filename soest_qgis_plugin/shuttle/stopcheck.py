"""Haltestellen-Check: per stop, each boarding criterion passed / failed / unknown and a grade.

Missing data is never a pass or a fail: it is "unknown" and named in the list of missing items.
"""

from dataclasses import dataclass, field

import numpy as np

from ..common.i18n import tr
from . import tags
from .catchments import STATUS_BLOCKED, STATUS_ISOLATED, STATUS_NOT_CONNECTED, reached_length

PASSED, FAILED, UNKNOWN = "passed", "failed", "unknown"
CRITERIA = ("kerb_height", "boarding_field", "guide_strip", "step_free_access", "wheelchair_boarding")
KERB_MIN_CM, KERB_MAX_CM = 18.0, 22.0
KERB_TARGET_CM = 22.0
KERB_MATCH_DISTANCE = 30.0
STEP_FREE_DISTANCE = 300.0
STEP_FREE_MIN_SHARE = 0.25


def criterion_label(name):
    return {
        "kerb_height": tr("Boarding kerb height (18–22 cm)"),
        "boarding_field": tr("Tactile boarding field"),
        "guide_strip": tr("Tactile guide strip"),
        "step_free_access": tr("Step-free access"),
        "wheelchair_boarding": tr("Wheelchair boarding (GTFS)"),
    }[name]


def result_label(result):
    return {PASSED: tr("passed"), FAILED: tr("failed"), UNKNOWN: tr("unknown")}[result]


@dataclass
class StopCheck:
    stop_id: str
    stop_name: str
    results: dict = field(default_factory=dict)  # criterion -> passed/failed/unknown
    kerb_height_cm: float = None
    notes: list = field(default_factory=list)  # plain German (translated) texts of missing items
    network_status: str = ""

    @property
    def grade(self):
        return grade(self.results)

    @property
    def missing_text(self):
        return "; ".join(self.notes)


def grade(results):
    """A: all passed; B: nothing failed, something unknown; C: one failed; D: more; '?' nothing known."""
    values = list(results.values())
    failed = values.count(FAILED)
    if failed >= 2:
        return "D"
    if failed == 1:
        return "C"
    if values and values.count(UNKNOWN) == len(values):
        return "?"
    return "A" if UNKNOWN not in values else "B"


def match_stop_kerbs(stops, stop_kerbs):
    """{stop_id: attrs} from the survey's stop_kerbs: by stop_id, else the nearest within 30 m."""
    by_id = {}
    unmatched = []
    for point, attrs in stop_kerbs or []:
        sid = attrs.get("stop_id")
        if sid not in (None, "") and str(sid) in stops:
            by_id[str(sid)] = attrs
        else:
            unmatched.append((np.asarray(point, dtype=float).reshape(-1)[:2], attrs))
    for sid, stop in stops.items():
        if sid in by_id or stop.x is None or not unmatched:
            continue
        best = min(unmatched, key=lambda item: np.hypot(item[0][0] - stop.x, item[0][1] - stop.y))
        if np.hypot(best[0][0] - stop.x, best[0][1] - stop.y) <= KERB_MATCH_DISTANCE:
            by_id[sid] = best[1]
    return by_id


def check_stop(stop, kerb_attrs=None, catchments=None, net=None, feed=None, all_stops=None):
    """StopCheck for one stop (gtfs.Stop-like: stop_id, name, x, wheelchair_boarding, parent_station)."""
    check = StopCheck(stop.stop_id, stop.name)
    r = check.results
    # 1. boarding kerb height
    height = None
    if kerb_attrs is not None:
        raw = kerb_attrs.get("kerb_height_cm", kerb_attrs.get("kerb_height"))
        height = tags.parse_length(raw, bare_unit=0.01)
        height = None if height is None else round(height * 100, 1)
    check.kerb_height_cm = height
    if height is None:
        r["kerb_height"] = UNKNOWN
        check.notes.append(tr("boarding kerb height not surveyed"))
    elif KERB_MIN_CM <= height <= KERB_MAX_CM:
        r["kerb_height"] = PASSED
    else:
        r["kerb_height"] = FAILED
        check.notes.append(tr("boarding kerb {height} cm (level boarding needs 18–22 cm)").format(height=_cm(height)))
    # 2./3. tactile boarding field and guide strip (DIN 32984)
    for key, missing, unknown in (
        ("boarding_field", tr("no tactile boarding field (DIN 32984)"), tr("tactile boarding field not surveyed")),
        ("guide_strip", tr("no tactile guide strip (DIN 32984)"), tr("tactile guide strip not surveyed")),
    ):
        value = tags.parse_yes_no(kerb_attrs.get(key)) if kerb_attrs is not None else None
        if value is None:
            r[key] = UNKNOWN
            check.notes.append(unknown)
        elif value:
            r[key] = PASSED
        else:
            r[key] = FAILED
            check.notes.append(missing)
    # 4. step-free access from the footway network (and GTFS pathways)
    r["step_free_access"] = _step_free(check, stop, catchments, net, feed)
    # 5. wheelchair_boarding from GTFS (0 inherits from the parent station)
    value = stop.wheelchair_boarding or 0
    if value == 0 and stop.parent_station and all_stops and stop.parent_station in all_stops:
        value = all_stops[stop.parent_station].wheelchair_boarding or 0
    if value == 1:
        r["wheelchair_boarding"] = PASSED
    elif value == 2:
        r["wheelchair_boarding"] = FAILED
        check.notes.append(tr("GTFS: boarding with a wheelchair is not possible"))
    else:
        r["wheelchair_boarding"] = UNKNOWN
        check.notes.append(tr("GTFS: wheelchair boarding not specified"))
    return check


def _cm(value):
    return ("{:.1f}".format(value)).rstrip("0").rstrip(".").replace(".", ",")


def _step_free(check, stop, catchments, net, feed):
    stairs = _pathway_stairs(stop, feed)
    if stairs is True:
        check.notes.append(tr("GTFS pathways: stairs without lift or ramp"))
        return FAILED
    if catchments is None or net is None or stop.x is None:
        if stop.x is None:
            check.notes.append(tr("stop has no coordinates"))
        check.notes.append(tr("step-free access unknown (no footway network)"))
        return UNKNOWN
    status = catchments.status.get((stop.stop_id, "wheelchair"))
    check.network_status = status or ""
    if status is None:
        check.notes.append(tr("step-free access unknown (no footway network)"))
        return UNKNOWN
    if status == STATUS_NOT_CONNECTED:
        check.notes.append(tr("stop is not connected to the footway network"))
        return UNKNOWN
    if status == STATUS_ISOLATED:
        check.notes.append(tr("stop lies on a part of the footway network cut off from the rest"))
        return FAILED
    if status == STATUS_BLOCKED:
        check.notes.append(tr("no step-free way away from the stop"))
        return FAILED
    base = reached_length(
        net, catchments.reach.get((stop.stop_id, "unrestricted")), net.costs("unrestricted"), STEP_FREE_DISTANCE
    )
    wheel = reached_length(
        net, catchments.reach.get((stop.stop_id, "wheelchair")), net.costs("wheelchair"), STEP_FREE_DISTANCE
    )
    if base > 0 and wheel < STEP_FREE_MIN_SHARE * base:
        check.notes.append(
            tr("only {share} % of the footways within 300 m are reachable step-free").format(
                share=int(100 * wheel / base)
            )
        )
        return FAILED
    return PASSED


def _pathway_stairs(stop, feed):
    """True if the stop's station has pathways with stairs but none with a lift or ramp; None if no data."""
    if feed is None or not feed.pathways:
        return None
    station = stop.parent_station or stop.stop_id
    members = {sid for sid, s in feed.stops.items() if s.parent_station == station} | {station}
    modes = set()
    for row in feed.pathways:
        if row.get("from_stop_id") in members or row.get("to_stop_id") in members:
            modes.add(row.get("pathway_mode", ""))
    if not modes:
        return None
    return "2" in modes and not ({"5", "1"} & modes)


def check_stops(stops, stop_kerbs=None, catchments=None, net=None, feed=None):
    """StopCheck for every stop (dict stop_id -> Stop), in input order."""
    kerbs = match_stop_kerbs(stops, stop_kerbs)
    return [check_stop(s, kerbs.get(sid), catchments, net, feed, stops) for sid, s in stops.items()]
