"""build_layout + export: real PDFs and PNGs, checked with poppler and pixel statistics."""

import datetime
import os
import shutil
import stat

import numpy as np
import pytest
from PIL import Image
from qgis.core import QgsLayoutItemLabel, QgsLayoutItemLegend, QgsLayoutItemMap, QgsRectangle, QgsVectorLayer

from soest_qgis_plugin.common.errors import InputError
from soest_qgis_plugin.printing import templates
from soest_qgis_plugin.printing.export import export_pdf, export_png
from soest_qgis_plugin.printing.layout import (
    attribution_for_layer,
    attribution_text,
    build_layout,
    format_scale,
    read_project,
    visible_layers,
)

from .sample_data import X0, Y0, copy_for_review, pdf_page_size_mm, pdf_text, pdf_to_png


def map_pixels(png_path, layout, dpi):
    """Pixels of the middle of the main map frame in a PNG export of ``layout``."""
    frame = layout.itemById("map")
    rect = frame.sceneBoundingRect()
    scale = dpi / 25.4
    image = np.asarray(Image.open(png_path).convert("L"))
    # The middle of the frame: away from the scale bar and north arrow drawn over the map.
    left, right = int((rect.left() + rect.width() * 0.25) * scale), int((rect.right() - rect.width() * 0.25) * scale)
    top, bottom = int((rect.top() + rect.height() * 0.25) * scale), int((rect.bottom() - rect.height() * 0.25) * scale)
    return image[top:bottom, left:right]


@pytest.mark.parametrize("name", list(templates.SHEETS))
def test_every_sheet_pdf_has_paper_size_title_date_and_legend(name, project, tmp_path, german_printing):
    layout = build_layout(
        project, name, "Straßenzustand Innenstadt", "Befahrung Oktober 2026", "FB Tiefbau, Jürgen Müller", scale=2500
    )
    pdf = tmp_path / f"{name}.pdf"
    export_pdf(layout, pdf)
    width, height = templates.SHEETS[name]
    got_w, got_h = pdf_page_size_mm(pdf)
    assert abs(got_w - width) < 1.0 and abs(got_h - height) < 1.0, (got_w, got_h)
    text = pdf_text(pdf)
    assert "Straßenzustand" in text and "Innenstadt" in text
    assert "Befahrung Oktober 2026" in text
    assert datetime.date.today().strftime("%d.%m.%Y") in text
    assert "Stadt Soest" in text
    assert "Gebäude (LoD2)" in text and "Straßenschäden" in text and "Längsriss" in text
    assert "Verborgene Ebene" not in text  # hidden layers are not in the legend
    assert "Legende" in text and "Seite 1 von 1" in text
    assert "Maßstab 1:2.500" in text
    assert "FB Tiefbau, Jürgen Müller" in text
    assert "Quellen:" in text
    assert b"/OCProperties" in pdf.read_bytes()  # map layers kept as PDF layers (GeoPDF)
    png = pdf_to_png(pdf, tmp_path / name, dpi=50)
    pixels = map_pixels(png, layout, 50)
    assert (pixels < 230).sum() > 50, "map frame of the PDF is blank"  # footprints and damage points
    copy_for_review(png, f"sheet_{name}.png")


def test_png_export_has_300_dpi_size_and_a_drawn_map(project, tmp_path):
    layout = build_layout(project, "A4_quer", "Karte", scale=1000)
    png = tmp_path / "karte.png"
    export_png(layout, png)
    with Image.open(png) as image:
        assert abs(image.width - round(297 / 25.4 * 300)) <= 2
        assert abs(image.height - round(210 / 25.4 * 300)) <= 2
    pixels = map_pixels(png, layout, 300)
    assert pixels.std() > 5, "map frame is blank"
    assert (pixels < 200).mean() > 0.002  # building footprints and damage points are drawn


def test_map_shows_exactly_the_given_layers_extent_and_rotation(project, tmp_path):
    layers = visible_layers(project)
    assert [layer.name() for layer in layers] == ["Straßenschäden", "Gebäude (LoD2)"]
    extent = QgsRectangle(X0 - 50, Y0 - 50, X0 + 150, Y0 + 100)
    layout = build_layout(project, "A3_quer", "Ausschnitt", extent=extent, rotation=15)
    main = layout.itemById("map")
    assert isinstance(main, QgsLayoutItemMap)
    assert [layer.name() for layer in main.layers()] == ["Straßenschäden", "Gebäude (LoD2)"]
    assert main.keepLayerSet() and main.keepLayerStyles()
    assert main.mapRotation() == pytest.approx(15)
    shown = main.extent()
    assert shown.contains(extent.center())
    assert layout.itemById("north_arrow").linkedMap() is main
    legend = layout.itemById("legend")
    assert isinstance(legend, QgsLayoutItemLegend)
    names = [node.name() for node in legend.model().rootGroup().children()]
    assert names == ["Straßenschäden", "Gebäude (LoD2)"]


def test_map_settings_drive_layers_extent_and_rotation(project):
    from qgis.core import QgsMapSettings

    settings = QgsMapSettings()
    buildings = project.mapLayersByName("Gebäude (LoD2)")[0]
    settings.setLayers([buildings])
    settings.setDestinationCrs(project.crs())
    settings.setOutputSize(__import__("qgis.PyQt.QtCore", fromlist=["QSize"]).QSize(800, 600))
    settings.setExtent(QgsRectangle(X0, Y0, X0 + 100, Y0 + 60))
    settings.setRotation(30)
    layout = build_layout(project, "A4_quer", "Kanvas", map_settings=settings)
    main = layout.itemById("map")
    assert [layer.name() for layer in main.layers()] == ["Gebäude (LoD2)"]
    assert main.mapRotation() == pytest.approx(30)
    assert main.extent().contains(settings.visibleExtent().center())


def test_scale_is_applied(project):
    for scale in (500, 10000):
        layout = build_layout(project, "A4_hoch", "Maßstab", scale=scale)
        assert layout.itemById("map").scale() == pytest.approx(scale, rel=1e-3)
        label = layout.itemById("scale_text")
        assert isinstance(label, QgsLayoutItemLabel)
        assert format_scale(scale) in label.text()


def test_attribution_rules(city_store, qgis_app):
    layer = QgsVectorLayer(f"{city_store}|layername=buildings", "Eigene Daten", "ogr")
    assert attribution_for_layer(layer) == "City of Soest, own survey"
    osm = QgsVectorLayer(f"{city_store}|layername=buildings", "OSM Straßen", "ogr")
    assert attribution_for_layer(osm) == "© OpenStreetMap contributors"
    xyz = QgsVectorLayer(f"{city_store}|layername=buildings", "Hintergrund", "ogr")
    xyz.setCustomProperty("soest/attribution", "Geobasis NRW")
    assert attribution_for_layer(xyz) == "Geobasis NRW"
    dop = QgsVectorLayer(f"{city_store}|layername=buildings", "DOP20 Luftbild", "ogr")
    assert attribution_for_layer(dop) == "Geobasis NRW"
    assert attribution_text([layer, osm, layer]) == "Sources: City of Soest, own survey; © OpenStreetMap contributors"


def test_attribution_in_german(city_store, german_printing):
    osm = QgsVectorLayer(f"{city_store}|layername=buildings", "OpenStreetMap", "ogr")
    own = QgsVectorLayer(f"{city_store}|layername=buildings", "Schäden", "ogr")
    assert attribution_text([own, osm]) == "Quellen: Stadt Soest, eigene Erhebung; © OpenStreetMap-Mitwirkende"


def test_format_scale():
    assert format_scale(2500) == "1:2.500"
    assert format_scale(500) == "1:500"
    assert format_scale(10000.4) == "1:10.000"


def test_missing_project_gives_german_error(tmp_path, german_printing):
    with pytest.raises(InputError, match="QGIS-Projekt nicht gefunden"):
        read_project(tmp_path / "fehlt.qgz")


def test_unknown_template_gives_german_error(project, german_printing):
    with pytest.raises(InputError, match="Unbekannte Druckvorlage „A5_quer“"):
        build_layout(project, "A5_quer", "Titel")


def test_unwritable_output_gives_german_error_and_no_file(project, tmp_path, german_printing):
    if os.geteuid() == 0:
        # root ignores permissions: write below a regular file instead (cannot be a folder).
        blocker = tmp_path / "datei"
        blocker.write_text("x")
        target = blocker / "karte.pdf"
    else:
        locked = tmp_path / "gesperrt"
        locked.mkdir()
        locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
        target = locked / "karte.pdf"
    layout = build_layout(project, "A4_quer", "Titel")
    with pytest.raises(InputError, match="kann nicht geschrieben werden"):
        export_pdf(layout, target)
    with pytest.raises(InputError, match="kann nicht geschrieben werden"):
        export_png(layout, target.with_suffix(".png"))
    assert not os.path.exists(target)
    assert not [p for p in tmp_path.rglob("*.pdf")]


def test_failed_export_leaves_no_partial_file(project, tmp_path, monkeypatch):
    from qgis.core import QgsLayoutExporter

    target = tmp_path / "karte.pdf"
    target.write_bytes(b"old")

    def failing(self, path, settings):
        with open(path, "wb") as handle:
            handle.write(b"%PDF-half")
        return QgsLayoutExporter.ExportResult.PrintError

    monkeypatch.setattr(QgsLayoutExporter, "exportToPdf", failing)
    layout = build_layout(project, "A4_quer", "Titel")
    with pytest.raises(InputError):
        export_pdf(layout, target)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp")) == []


def test_user_templates_in_profile_folder_are_listed(tmp_path, monkeypatch, qgis_app):
    folder = tmp_path / "profile" / "soest_qgis_plugin" / "templates"
    folder.mkdir(parents=True)
    shutil.copy(templates.resolve_template("A4_quer"), folder / "Bauausschuss.qpt")
    monkeypatch.setattr(templates, "user_dir", lambda: str(folder))
    names = [name for name, _path, _user in templates.available_templates()]
    assert names[:4] == ["A4_hoch", "A4_quer", "A3_quer", "A1_quer"]
    assert "Bauausschuss" in names
    assert templates.resolve_template("Bauausschuss") == str(folder / "Bauausschuss.qpt")


def test_shipped_templates_are_valid_and_have_documented_ids(qgis_app):
    from qgis.core import QgsProject

    for name in templates.SHEETS:
        layout = templates.load_template(name, QgsProject())
        for item_id in (
            "map",
            "overview",
            "legend",
            "title",
            "subtitle",
            "date",
            "scalebar",
            "north_arrow",
            "attribution",
            "author",
            "page_number",
        ):
            assert layout.itemById(item_id) is not None, (name, item_id)
        size = layout.pageCollection().page(0).pageSize()
        assert (size.width(), size.height()) == templates.SHEETS[name]


def _template_items(path):
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    keys = ("id", "type", "position", "size", "labelText", "file")
    return sorted(tuple(element.get(key) for key in keys) for element in root.iter("LayoutItem"))


def test_shipped_templates_match_the_generator(tmp_path, german_printing):
    """resources/templates is what tools/make_templates.py writes (regenerate after changing templates.py)."""
    for name in templates.SHEETS:
        fresh = tmp_path / f"{name}.qpt"
        templates.write_sheet_template(name, fresh)
        assert _template_items(templates.resolve_template(name)) == _template_items(fresh), name


def test_read_project_rejects_broken_file(tmp_path, german_printing):
    broken = tmp_path / "kaputt.qgz"
    broken.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="kann nicht gelesen werden"):
        read_project(broken)


def test_project_without_visible_layers(tmp_path, german_printing):
    from qgis.core import QgsProject

    empty = QgsProject()
    path = tmp_path / "leer.qgz"
    empty.write(str(path))
    with pytest.raises(InputError, match="keine sichtbaren Ebenen"):
        build_layout(read_project(path), "A4_quer", "Leer")


def test_project_default_view_is_used_without_extent(project_file, tmp_path, qgis_app):
    from qgis.core import QgsReferencedRectangle

    project = read_project(project_file)
    view = QgsRectangle(X0 + 10, Y0 + 10, X0 + 60, Y0 + 40)
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(view, project.crs()))
    layout = build_layout(project, "A4_quer", "Ansicht")
    main = layout.itemById("map")
    shown = main.extent()
    assert shown.contains(view)
    assert shown.width() < 200  # not the whole data extent (about 100 x 40 m plus margins)
    assert shown.center().x() == pytest.approx(view.center().x(), abs=0.5)


def test_many_layers_get_more_legend_columns_and_all_names_print(project, city_store, tmp_path):
    names = [f"Ebene Nr. {i} – Grünflächen" for i in range(14)]
    for name in names:
        project.addMapLayer(QgsVectorLayer(f"{city_store}|layername=buildings", name, "ogr"))
    layout = build_layout(project, "A4_hoch", "Viele Ebenen")
    legend = layout.itemById("legend")
    assert legend.columnCount() >= 2
    from qgis.core import QgsLegendRenderer

    needed = QgsLegendRenderer(legend.model(), legend.legendSettings()).minimumSize()
    assert needed.width() <= legend.rect().width() + 0.1 and needed.height() <= legend.rect().height() + 0.1
    pdf = tmp_path / "viele.pdf"
    export_pdf(layout, pdf)
    text = pdf_text(pdf)
    missing = [name for name in names if name not in text]
    assert missing == []


def test_blank_map_is_detected_by_the_pixel_check(project, tmp_path):
    """The 'not blank' check of the other tests can fail: an empty area gives a white frame."""
    empty = QgsRectangle(X0 + 5000, Y0 + 5000, X0 + 5200, Y0 + 5150)
    layout = build_layout(project, "A4_quer", "Leer", extent=empty)
    png = tmp_path / "leer.png"
    export_png(layout, png, dpi=50)
    assert (map_pixels(png, layout, 50) < 230).sum() == 0


@pytest.mark.parametrize("name", ["A4_hoch", "A4_quer"])
def test_very_long_legend_takes_room_without_overlapping(name, project, city_store, tmp_path):
    from qgis.core import QgsLegendRenderer

    for i in range(30):
        project.addMapLayer(QgsVectorLayer(f"{city_store}|layername=buildings", f"Ebene {i}", "ogr"))
    layout = build_layout(project, name, "Sehr viele Ebenen")
    legend, main, overview = layout.itemById("legend"), layout.itemById("map"), layout.itemById("overview")
    needed = QgsLegendRenderer(legend.model(), legend.legendSettings()).minimumSize()
    assert needed.width() <= legend.rect().width() + 0.1 and needed.height() <= legend.rect().height() + 0.1
    legend_box, map_box = legend.sceneBoundingRect(), main.sceneBoundingRect()
    assert not legend_box.intersects(map_box)
    if overview.isVisible():
        assert not legend_box.intersects(overview.sceneBoundingRect())
    pdf = tmp_path / "lang.pdf"
    export_pdf(layout, pdf)
    text = pdf_text(pdf)
    assert all(f"Ebene {i}" in text for i in range(30))
