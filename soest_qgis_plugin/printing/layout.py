"""Build a print layout that shows what the map canvas shows, on one of the Soest sheets.

``build_layout`` fills a template (see templates.py) by item id: the main map gets exactly the
given layers, styles, extent and rotation; the legend lists only those layers under their
project names; the attribution is derived from the same layers (rules in ``attribution_for_layer``).
"""

import os
import re

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsMapLayer,
    QgsProject,
    QgsRectangle,
    QgsUnitTypes,
)
from qgis.PyQt.QtGui import QFont

from ..common import settings
from ..common.errors import InputError
from ..common.i18n import tr
from .templates import load_template

# Scales offered for printing; None means "current view" (the canvas' own scale).
SCALES = (500, 1000, 2000, 2500, 5000, 10000)
SETTINGS_AUTHOR = "printing/author"

# Attribution texts; a layer's custom property "soest/attribution" overrides the rules.
ATTRIBUTION_PROPERTY = "soest/attribution"
GEOBASIS_NRW = "Geobasis NRW"
_GEOBASIS_TEXT = ("geobasis", "nrw.de", "geoportal")  # anywhere in name/source
_GEOBASIS_WORDS = {"alkis", "abk", "dop", "dop10", "dop20", "dgm", "dgm1", "dtk", "lod2", "hausumringe"}


def attribution_for_layer(layer):
    """The source credit of one layer (the single place for these rules).

    1. custom property ``soest/attribution`` (set by the panels on the layers they create);
    2. the layer's own attribution (Layer properties > Metadata/QGIS Server);
    3. name, source or provider mentioning OpenStreetMap → "© OpenStreetMap-Mitwirkende";
    4. name, source or provider mentioning Geobasis NRW data (DOP, DGM, ALKIS, LoD2 …) → "Geobasis NRW";
    5. any other local data (GeoPackage, Shapefile, memory …) → "Stadt Soest, eigene Erhebung".
    """
    custom = layer.customProperty(ATTRIBUTION_PROPERTY)
    if custom:
        return str(custom)
    own = layer.attribution() if hasattr(layer, "attribution") else ""
    if own:
        return str(own)
    text = " ".join([layer.name(), layer.source(), layer.providerType()]).lower()
    words = set(re.split(r"[^0-9a-zäöüß]+", text))
    if "openstreetmap" in text or "osm" in words:
        return tr("© OpenStreetMap contributors")
    if any(hint in text for hint in _GEOBASIS_TEXT) or words & _GEOBASIS_WORDS:
        return GEOBASIS_NRW
    return tr("City of Soest, own survey")


def attribution_text(layers):
    """ "Quellen: A; B" for the layers shown (each source once, in layer order)."""
    sources = []
    for layer in layers:
        source = attribution_for_layer(layer)
        if source and source not in sources:
            sources.append(source)
    if not sources:
        return ""
    return tr("Sources: {sources}").format(sources="; ".join(sources))


def format_scale(scale):
    """'1:2.500' (German thousands separator)."""
    return "1:" + f"{int(round(scale)):,}".replace(",", ".")


def visible_layers(project):
    """The project's checked layers, top first (as the canvas draws them)."""
    root = project.layerTreeRoot()
    checked = set(layer.id() for layer in root.checkedLayers())
    order = root.customLayerOrder() if root.hasCustomLayerOrder() else root.layerOrder()
    return [layer for layer in order if layer is not None and layer.id() in checked and layer.isValid()]


def layers_extent(layers, crs):
    """Union of the layers' extents in ``crs`` (empty rectangle when there is nothing)."""
    extent = QgsRectangle()
    extent.setMinimal()
    for layer in layers:
        layer_extent = layer.extent()
        if layer_extent.isNull() or layer_extent.isEmpty() and layer.type() != QgsMapLayer.LayerType.VectorLayer:
            continue
        if layer.crs().isValid() and crs.isValid() and layer.crs() != crs:
            try:
                layer_extent = QgsCoordinateTransform(layer.crs(), crs, QgsProject.instance()).transformBoundingBox(
                    layer_extent
                )
            except Exception:  # noqa: BLE001 - a layer that cannot be transformed is left out
                continue
        extent.combineExtentWith(layer_extent)
    return extent


def project_view_extent(project, crs):
    """The view the project opens with (Project properties > View settings), or None."""
    view = project.viewSettings().defaultViewExtent()
    if view is None or view.isEmpty():
        return None
    rectangle = QgsRectangle(view)
    if view.crs().isValid() and crs.isValid() and view.crs() != crs:
        try:
            rectangle = QgsCoordinateTransform(view.crs(), crs, project).transformBoundingBox(rectangle)
        except Exception:  # noqa: BLE001 - fall back to the layers' extent
            return None
    return rectangle


def item(layout, item_id, kind=None):
    """The layout item with id ``item_id`` (optionally of a type), or None when the template lacks it."""
    found = layout.itemById(item_id)
    if found is None or (kind is not None and not isinstance(found, kind)):
        return None
    return found


def set_label(layout, item_id, text):
    label = item(layout, item_id, QgsLayoutItemLabel)
    if label is not None:
        label.setText(text)
    return label


def build_layout(
    project,
    template,
    title,
    subtitle="",
    author=None,
    extent=None,
    scale=None,
    rotation=0,
    map_settings=None,
    layers=None,
):
    """A QgsPrintLayout of ``template`` showing the map of ``project`` (or of ``map_settings``).

    ``extent`` (QgsRectangle in the map CRS) defaults to the map settings' visible extent, else to
    all visible layers; ``scale`` (e.g. 2500) fixes the scale around the extent's centre, None keeps
    the extent ("current view"). ``author`` None uses the remembered department/author.
    """
    if project is None:
        raise InputError(tr("No QGIS project given."))
    layout = load_template(template, project)
    layout.setName(title or tr("Map"))
    if map_settings is not None:
        layers = list(map_settings.layers()) if layers is None else layers
        crs = map_settings.destinationCrs()
        extent = extent or map_settings.visibleExtent()
        rotation = rotation or map_settings.rotation()
    else:
        layers = visible_layers(project) if layers is None else layers
        crs = project.crs()
    if not crs.isValid():
        crs = QgsCoordinateReferenceSystem("EPSG:25832")
    if not layers:
        raise InputError(tr("The map has no visible layers to print."))
    if (extent is None or extent.isEmpty()) and map_settings is None:
        extent = project_view_extent(project, crs)
    if extent is None or extent.isEmpty():
        extent = layers_extent(layers, crs)
    if extent.isNull() or extent.isEmpty():
        raise InputError(tr("The visible layers have no extent to print."))

    main = item(layout, "map", QgsLayoutItemMap)
    if main is None:
        raise InputError(tr("The print template has no map item with the id 'map'."))
    _setup_main_map(main, layers, crs, extent, scale, rotation)
    if _setup_legend(layout, main, layers):
        _setup_main_map(main, layers, crs, extent, scale, rotation)  # the map frame got smaller
    _setup_overview(layout, main, layers, crs)
    for item_id, kind in (("scalebar", QgsLayoutItemScaleBar), ("north_arrow", QgsLayoutItemPicture)):
        part = item(layout, item_id, kind)
        if part is not None:
            part.setLinkedMap(main)
    if author is None:
        author = settings.get(SETTINGS_AUTHOR, "") or ""
    set_label(layout, "title", title or "")
    set_label(layout, "subtitle", subtitle or "")
    set_label(layout, "author", author or tr("City of Soest"))
    set_label(layout, "attribution", attribution_text(layers))
    set_label(layout, "scale_text", tr("Scale {scale}").format(scale=format_scale(main.scale())))
    layout.refresh()
    return layout


def _setup_main_map(main, layers, crs, extent, scale, rotation):
    main.setCrs(crs)
    main.setLayers(layers)
    main.setKeepLayerSet(True)
    main.setKeepLayerStyles(True)
    main.storeCurrentLayerStyles()
    main.setMapRotation(float(rotation or 0))
    zoom_to(main, extent)
    if scale:
        main.setScale(float(scale))


def zoom_to(map_item, extent):
    """Show ``extent`` in ``map_item`` with the item's aspect ratio, without resizing the item.

    (zoomToExtent alone does nothing on a map whose extent is still empty, as in a fresh template.)
    """
    size = map_item.rect()
    if size.width() <= 0 or size.height() <= 0:
        map_item.zoomToExtent(extent)
        return
    aspect = size.width() / size.height()
    width, height = extent.width(), extent.height()
    if width / max(height, 1e-9) > aspect:
        height = width / aspect
    else:
        width = height * aspect
    centre = extent.center()
    fitted = QgsRectangle(
        centre.x() - width / 2, centre.y() - height / 2, centre.x() + width / 2, centre.y() + height / 2
    )
    map_item.setExtent(fitted)
    if map_item.mapRotation():
        map_item.zoomToExtent(extent)


def overview_layers(layers):
    """Area and line layers (and rasters) for the overview: point symbols and their labels would
    crowd the small map. All layers when there are only points."""
    from qgis.core import QgsWkbTypes

    areas_and_lines = (QgsWkbTypes.GeometryType.LineGeometry, QgsWkbTypes.GeometryType.PolygonGeometry)
    kept = [
        layer
        for layer in layers
        if layer.type() != QgsMapLayer.LayerType.VectorLayer
        or (layer.geometryType() in areas_and_lines and not layer.labelsEnabled())
    ]
    return kept or list(layers)


def _setup_overview(layout, main, layers, crs):
    overview = item(layout, "overview", QgsLayoutItemMap)
    if overview is None:
        return
    overview.setCrs(crs)
    shown_layers = overview_layers(layers)
    overview.setLayers(shown_layers)
    overview.setKeepLayerSet(True)
    overview.overview().setLinkedMap(main)
    overview.overview().setEnabled(True)
    full = layers_extent(shown_layers, crs)
    shown = main.extent()
    full.combineExtentWith(shown)
    # At least three times the main map, so the frame reads as "where on the city".
    centre = full.center()
    width = max(full.width() * 1.1, shown.width() * 3)
    height = max(full.height() * 1.1, shown.height() * 3)
    zoom_to(
        overview,
        QgsRectangle(centre.x() - width / 2, centre.y() - height / 2, centre.x() + width / 2, centre.y() + height / 2),
    )


def _setup_legend(layout, main, layers):
    """Only ``layers``, under their project names, fitted to the frame; True when the map was shrunk."""
    legend = item(layout, "legend", QgsLayoutItemLegend)
    if legend is None:
        return False
    legend.setLinkedMap(main)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.clear()
    for layer in layers:
        node = root.addLayer(layer)
        node.setName(layer.name())
    legend.setTitle(tr("Legend"))
    legend.setSplitLayer(True)
    legend.updateLegend()
    if fit_legend(legend)[2]:
        return False
    # Too many entries: take the room from the map above (portrait) or the overview above (sidebar).
    grown = _grow_legend_into_map(legend, main)
    if not grown:
        _grow_legend_into_overview(legend, item(layout, "overview", QgsLayoutItemMap))
    fit_legend(legend)
    return grown


LEGEND_STYLES = ("Title", "Group", "Subgroup", "SymbolLabel")
MIN_LEGEND_SCALE = 0.6


def _legend_size(legend, scale, columns):
    """Set text/symbol scale and columns; return the size QGIS's legend renderer needs (mm)."""
    from qgis.core import QgsLegendRenderer, QgsLegendStyle

    base = getattr(legend, "_soest_base", None)
    if base is None:
        fonts = {name: QFont(legend.rstyle(getattr(QgsLegendStyle.Style, name)).font()) for name in LEGEND_STYLES}
        base = legend._soest_base = (fonts, legend.symbolWidth(), legend.symbolHeight())
    fonts, symbol_width, symbol_height = base
    for name, font in fonts.items():
        smaller = QFont(font)
        smaller.setPointSizeF(font.pointSizeF() * scale)
        legend.rstyle(getattr(QgsLegendStyle.Style, name)).setFont(smaller)
    legend.setSymbolWidth(symbol_width * scale)
    legend.setSymbolHeight(symbol_height * scale)
    legend.setColumnCount(columns)
    return QgsLegendRenderer(legend.model(), legend.legendSettings()).minimumSize()


def fit_legend(legend):
    """Choose 1–3 columns and, if needed, smaller text (down to 60 %) so every entry fits the frame.

    Sizes are measured with QGIS's own QgsLegendRenderer, with 8 % headroom (large marker symbols
    draw a little taller than estimated). Returns (columns, font scale, fits).
    """
    frame = legend.rect()
    for scale in (1.0, 0.9, 0.8, 0.7, MIN_LEGEND_SCALE):
        for columns in (1, 2, 3):
            size = _legend_size(legend, scale, columns)
            if size.width() <= frame.width() * 0.97 and size.height() <= frame.height() * 0.92:
                return columns, scale, True
    # Does not fit: smallest text, as many columns as the width allows (the last entries are cut).
    for columns in (3, 2, 1):
        if _legend_size(legend, MIN_LEGEND_SCALE, columns).width() <= frame.width() * 0.97 or columns == 1:
            return columns, MIN_LEGEND_SCALE, False
    return 1, MIN_LEGEND_SCALE, False


def _needed_legend_height(legend, width):
    for columns in (3, 2, 1):
        size = _legend_size(legend, MIN_LEGEND_SCALE, columns)
        if size.width() <= width * 0.97:
            return size.height() / 0.92
    return None


def _grow_legend_into_overview(legend, overview):
    """Sidebar sheets: shrink (or, if need be, drop) the overview above the legend."""
    if overview is None:
        return False
    legend_box, overview_box = legend.sceneBoundingRect(), overview.sceneBoundingRect()
    if overview_box.bottom() > legend_box.top() + 0.5 or overview_box.right() < legend_box.left():
        return False
    needed = _needed_legend_height(legend, legend_box.width())
    if needed is None or needed <= legend_box.height():
        return False
    delta = needed - legend_box.height()
    keep = overview_box.height() - delta
    if keep >= overview_box.height() * 0.5:
        overview.attemptResize(QgsLayoutSize(overview_box.width(), keep, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
        top = overview_box.top() + keep + (legend_box.top() - overview_box.bottom())
    else:
        overview.setVisibility(False)  # a complete legend matters more than the overview
        top = overview_box.top()
    legend.attemptMove(QgsLayoutPoint(legend_box.left(), top, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    legend.attemptResize(
        QgsLayoutSize(legend_box.width(), legend_box.bottom() - top, QgsUnitTypes.LayoutUnit.LayoutMillimeters)
    )
    return True


def _grow_legend_into_map(legend, main, max_share=0.4):
    """Make the legend taller by moving its top edge up into the map above it (portrait sheets)."""
    legend_box, map_box = legend.sceneBoundingRect(), main.sceneBoundingRect()
    if legend_box.top() < map_box.bottom() - 0.5:
        return False  # the legend is not below the map (landscape sidebar)
    needed = _needed_legend_height(legend, legend_box.width())
    if needed is None or needed <= legend_box.height():
        return False
    delta = min(needed - legend_box.height(), map_box.height() * max_share)
    scalebar = legend.layout().itemById("scalebar")
    movers = [legend] + ([scalebar] if scalebar is not None else [])
    main.attemptResize(
        QgsLayoutSize(map_box.width(), map_box.height() - delta, QgsUnitTypes.LayoutUnit.LayoutMillimeters)
    )
    for part in movers:
        box = part.sceneBoundingRect()
        part.attemptMove(QgsLayoutPoint(box.left(), box.top() - delta, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    legend.attemptResize(
        QgsLayoutSize(legend_box.width(), legend_box.height() + delta, QgsUnitTypes.LayoutUnit.LayoutMillimeters)
    )
    return True


def read_project(path):
    """Open a .qgz/.qgs into a new QgsProject (not the application's instance)."""
    if not path or not os.path.isfile(str(path)):
        raise InputError(tr("QGIS project not found: {path}").format(path=path))
    project = QgsProject()
    if not project.read(str(path)):
        raise InputError(tr("QGIS project cannot be read: {path} ({error})").format(path=path, error=project.error()))
    return project
