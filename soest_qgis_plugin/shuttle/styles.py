"""Map styles of the shuttle layers (built in code; ``export_qml`` writes resources/styles/shuttle_*.qml).

Routes: width by departures in the time window; stops: coloured by grade; barriers/gaps: symbols
per kind; catchments: semi-transparent per profile; German map tips.
"""

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProperty,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsSymbolLayer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor

from ..common.i18n import tr

GRADE_COLORS = {"A": "#1a9850", "B": "#91cf60", "C": "#fc8d59", "D": "#d73027", "?": "#9e9e9e"}
PROFILE_COLORS = {"unrestricted": "#2c7bb6", "wheelchair": "#e66101", "rollator": "#fdb863", "blind": "#5e3c99"}
GAP_SYMBOLS = {
    "stop_kerb": ("square", "#e66101"),
    "steps": ("triangle", "#d7191c"),
    "kerb": ("diamond", "#fdae61"),
    "obstacle": ("cross_fill", "#a50026"),
    "incline": ("arrowhead", "#7b3294"),
    "width": ("line", "#7b3294"),
    "surface": ("hexagon", "#8c510a"),
    "wheelchair": ("pentagon", "#8c510a"),
    "crossing_sound": ("star", "#2166ac"),
}


def _q(text):
    """A QGIS expression string literal."""
    return "'" + text.replace("'", "''") + "'"


def _result(field):
    return "[% CASE WHEN \"{f}\" = 'passed' THEN {p} WHEN \"{f}\" = 'failed' THEN {x} ELSE {u} END %]".format(
        f=field, p=_q("✔ " + tr("passed")), x=_q("✘ " + tr("failed")), u=_q("? " + tr("unknown"))
    )


def _or_unknown(expression):
    return "[% coalesce({}, {}) %]".format(expression, _q(tr("unknown")))


def map_tip(kind):
    """HTML map tip (translated labels, QGIS expressions) of a shuttle layer; '' if none."""
    from .stopcheck import CRITERIA, criterion_label

    if kind == "stops":
        rows = "".join("<tr><td>{}</td><td>{}</td></tr>".format(criterion_label(c), _result(c)) for c in CRITERIA)
        return (
            '<b>[% "stop_name" %]</b> ([% "stop_id" %])<br/>{grade}: <b>[% "grade" %]</b><table>{rows}</table>'
            "{kerb}: {height}<br/>[% CASE WHEN \"missing\" <> '' THEN {missing} || \"missing\" ELSE '' END %]"
        ).format(
            grade=tr("Grade"),
            rows=rows,
            kerb=tr("Kerb height"),
            height=_or_unknown("format_number(\"kerb_height_cm\", 0) || ' cm'"),
            missing=_q(tr("Missing:") + " "),
        )
    if kind == "routes":
        return (
            '<b>[% "route_name" %]</b><br/>{trips}: [% coalesce("trips_window", 0) %]<br/>{length}: '
            '[% format_number("length_m", 0) %] m<br/>{slope}: {value}'
        ).format(
            trips=tr("Departures in the time window"),
            length=tr("Length"),
            slope=tr("Steepest gradient"),
            value=_or_unknown("format_number(\"max_slope\", 1) || ' %'"),
        )
    if kind == "catchments":
        return (
            '<b>[% "stop_name" %]</b><br/>[% "profile_name" %], [% format_number("distance", 0) %] m<br/>'
            "{reach}: [% coalesce(\"buildings\", '–') %] ({res}: [% coalesce(\"residential\", '–') %])"
            '<br/>[% "status" %]'
        ).format(reach=tr("Buildings reached"), res=tr("residential"))
    if kind == "lost_coverage":
        return (
            '<b>{title}</b><br/>[% "stop_name" %]: [% "profile_name" %], [% format_number("distance", 0) %] m'
            "<br/>{lost}: [% coalesce(\"buildings_lost\", '–') %]"
        ).format(title=tr("Lost coverage"), lost=tr("Buildings not reachable"))
    if kind == "gaps":
        return (
            '<b>[% "rank" %]. [% "text" %]</b><br/>{gained}: [% "buildings_gained" %]'
            ' ({res}: [% "residential_gained" %])'
        ).format(gained=tr("Buildings gained"), res=tr("residential"))
    if kind == "slope_segments":
        return (
            "<b>[% CASE WHEN \"kind\" = 'steep' THEN {steep} WHEN \"kind\" = 'gap' THEN {gap} ELSE {ok} END %]</b>"
            '<br/>km [% format_number("start_m" / 1000, 2) %]–[% format_number("end_m" / 1000, 2) %], '
            "max. [% coalesce(format_number(\"max_slope\", 1) || ' %', '–') %]"
        ).format(
            steep=_q(tr("Steeper than the vehicle can climb")),
            gap=_q(tr("No terrain data")),
            ok=_q(tr("Gradient within limits")),
        )
    if kind == "frequency":
        return (
            '<b>[% "from_name" %] → [% "to_name" %]</b><br/>'
            '[% "trips" %] {trips}, [% format_number("per_hour", 1) %] {hour}'
        ).format(trips=tr("departures"), hour=tr("per hour"))
    if kind == "obstacles":
        return '<b>{title}: [% "type" %]</b><br/>{height}: {value}'.format(
            title=tr("Obstacle"), height=tr("Height"), value=_or_unknown("\"height_cm\" || ' cm'")
        )
    if kind == "crossings":
        return (
            "<b>{title} [% coalesce(\"name\", '') %]</b><br/>{sound}: {sound_value}<br/>{tactile}: {tactile_value}"
            "<br/>{kerb}: {kerb_value}"
        ).format(
            title=tr("Crossing"),
            sound=tr("Acoustic signal"),
            sound_value=_or_unknown('"acoustic_signal"'),
            tactile=tr("Tactile paving"),
            tactile_value=_or_unknown('"tactile_paving"'),
            kerb=tr("Kerb height"),
            kerb_value=_or_unknown("\"kerb_height_cm\" || ' cm'"),
        )
    if kind == "tactile_guidance":
        return '<b>[% coalesce("type", {}) %]</b>'.format(_q(tr("Tactile guidance")))
    if kind == "catchment_edges":
        return '[% "stop_id" %]: [% "profile" %], [% format_number("distance_m", 0) %] m'
    return ""


def grade_label(grade):
    return {
        "A": tr("A – all criteria passed"),
        "B": tr("B – nothing failed, some unknown"),
        "C": tr("C – one criterion failed"),
        "D": tr("D – several criteria failed"),
        "?": tr("? – no data"),
    }[grade]


def _marker(shape, color, size=3.0, outline="#ffffff"):
    return QgsMarkerSymbol.createSimple(
        {"name": shape, "color": color, "size": str(size), "outline_color": outline, "outline_width": "0.3"}
    )


def _categorized(field, items):
    return QgsCategorizedSymbolRenderer(field, [QgsRendererCategory(v, s, label) for v, s, label in items])


def _label(layer, expression, size=8):
    settings = QgsPalLayerSettings()
    settings.fieldName = expression
    settings.isExpression = True
    fmt = QgsTextFormat()
    fmt.setSize(size)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    fmt.setBuffer(buffer)
    settings.setFormat(fmt)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def apply_style(layer, kind):
    """Style ``layer`` as the shuttle layer ``kind`` (stops, routes, catchments, …). Returns True if known."""
    from ..shuttle.network import profile_label

    if kind == "stops":
        items = [(g, _marker("circle", c, 4.0), grade_label(g)) for g, c in GRADE_COLORS.items()]
        layer.setRenderer(_categorized("grade", items))
        _label(layer, '"stop_name"', 8)
    elif kind == "routes":
        symbol = QgsLineSymbol.createSimple(
            {"color": "#8e44ad", "width": "1.2", "capstyle": "round", "joinstyle": "round"}
        )
        symbol.symbolLayer(0).setDataDefinedProperty(
            QgsSymbolLayer.Property.PropertyStrokeWidth,
            QgsProperty.fromExpression('scale_linear(coalesce("trips_window", "trips", 0), 0, 40, 0.8, 4.0)'),
        )
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    elif kind == "catchments":
        items = []
        for profile, color in PROFILE_COLORS.items():
            c = QColor(color)
            fill = "{},{},{},45".format(c.red(), c.green(), c.blue())
            symbol = QgsFillSymbol.createSimple({"color": fill, "outline_color": color, "outline_width": "0.4"})
            items.append((profile, symbol, profile_label(profile)))
        layer.setRenderer(_categorized("profile", items))
    elif kind == "lost_coverage":
        symbol = QgsFillSymbol.createSimple(
            {"color": "215,48,39,70", "outline_color": "#d73027", "outline_style": "dash", "outline_width": "0.3"}
        )
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    elif kind == "catchment_edges":
        items = [
            (p, QgsLineSymbol.createSimple({"color": c, "width": "0.4"}), profile_label(p))
            for p, c in PROFILE_COLORS.items()
        ]
        layer.setRenderer(_categorized("profile", items))
    elif kind == "slope_segments":
        items = [
            (
                "steep",
                QgsLineSymbol.createSimple({"color": "#d7191c", "width": "2.0"}),
                tr("Steeper than the vehicle can climb"),
            ),
            (
                "gap",
                QgsLineSymbol.createSimple({"color": "#7f7f7f", "width": "1.0", "line_style": "dash"}),
                tr("No terrain data"),
            ),
            ("ok", QgsLineSymbol.createSimple({"color": "#1a9641", "width": "0.6"}), tr("Gradient within limits")),
        ]
        layer.setRenderer(_categorized("kind", items))
    elif kind == "gaps":
        labels = {
            "stop_kerb": tr("Stop kerb"), "steps": tr("Steps without ramp"), "kerb": tr("High kerb"),
            "obstacle": tr("Step obstacle"), "incline": tr("Steep way"), "width": tr("Narrow way"),
            "surface": tr("Unsuitable surface"), "wheelchair": tr("Not wheelchair accessible"),
            "crossing_sound": tr("Crossing without acoustic signal"),
        }  # fmt: skip
        items = [(k, _marker(shape, color, 4.5, "#000000"), labels[k]) for k, (shape, color) in GAP_SYMBOLS.items()]
        layer.setRenderer(_categorized("kind", items))
        _label(layer, '"rank"', 7)
    elif kind == "frequency":
        symbol = QgsLineSymbol.createSimple({"color": "#3182bd", "width": "1.0"})
        symbol.symbolLayer(0).setDataDefinedProperty(
            QgsSymbolLayer.Property.PropertyStrokeWidth,
            QgsProperty.fromExpression('scale_linear("per_hour", 0, 8, 0.5, 3.5)'),
        )
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    elif kind == "obstacles":
        layer.setRenderer(QgsSingleSymbolRenderer(_marker("triangle", "#d7191c", 3.5, "#000000")))
    elif kind == "crossings":
        items = [
            ("yes", _marker("circle", "#1a9641", 3.0, "#000000"), tr("Acoustic signal")),
            ("no", _marker("cross2", "#d7191c", 3.5, "#d7191c"), tr("No acoustic signal")),
            ("", _marker("circle", "#bdbdbd", 2.5, "#000000"), tr("Not surveyed")),
        ]
        layer.setRenderer(_categorized("acoustic_signal", items))
    elif kind == "tactile_guidance":
        symbol = QgsLineSymbol.createSimple({"color": "#ffd700", "width": "1.0", "line_style": "dash"})
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    else:
        return False
    tip = map_tip(kind)
    if tip:
        layer.setMapTipTemplate(tip)
    layer.triggerRepaint()
    return True


STYLE_FILES = {
    "stops": "shuttle_stops.qml", "routes": "shuttle_routes.qml", "catchments": "shuttle_catchments.qml",
    "lost_coverage": "shuttle_lost_coverage.qml", "catchment_edges": "shuttle_catchment_edges.qml",
    "slope_segments": "shuttle_slope.qml", "gaps": "shuttle_gaps.qml", "frequency": "shuttle_frequency.qml",
    "obstacles": "shuttle_obstacles.qml", "crossings": "shuttle_crossings.qml", "tactile_guidance": "shuttle_tactile.qml",  # noqa: E501
}  # fmt: skip


def layer_name(kind):
    """Display name of a result or survey layer in the layer tree."""
    return {
        "stops": tr("Stop check"),
        "routes": tr("Shuttle routes"),
        "catchments": tr("Catchments"),
        "lost_coverage": tr("Lost coverage"),
        "catchment_edges": tr("Reached footways"),
        "slope_segments": tr("Gradient sections"),
        "gaps": tr("Gap list"),
        "frequency": tr("Departures per segment"),
        "obstacles": tr("Obstacles"),
        "crossings": tr("Crossings"),
        "tactile_guidance": tr("Tactile guidance"),
    }.get(kind, kind)


def export_qml(layer, kind, folder):
    """Style ``layer`` and save it as resources/styles/<STYLE_FILES[kind]>."""
    import os

    apply_style(layer, kind)
    path = os.path.join(folder, STYLE_FILES[kind])
    message, ok = layer.saveNamedStyle(path)
    return path if ok else None
