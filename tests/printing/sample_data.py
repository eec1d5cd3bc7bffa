"""Sample data of the printing tests (also used by the benchmark and the thumbnails): small stores, a project.

Field names follow what the panels announced (city model store: ``buildings``/``surfaces``;
damage store: ``damages``/``detections``/``frames``; shuttle result: ``stops``/``catchments``/``gaps``).
"""

import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import numpy as np
from osgeo import ogr, osr

X0, Y0 = 438100.0, 5714000.0  # Soest, Marktplatz (EPSG:25832)
REPO = Path(__file__).resolve().parents[2]


def _srs():
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    return srs


def _layer(ds, name, geom_type, fields):
    layer = ds.CreateLayer(name, _srs(), geom_type, options=["FID=fid"])
    for field_name, kind in fields:
        layer.CreateField(ogr.FieldDefn(field_name, kind))
    return layer


def _add(layer, wkt, **values):
    feature = ogr.Feature(layer.GetLayerDefn())
    if wkt:
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
    for key, value in values.items():
        feature.SetField(key, value)
    layer.CreateFeature(feature)
    return feature.GetFID()


def _box(x, y, w, h):
    return f"POLYGON(({x} {y},{x + w} {y},{x + w} {y + h},{x} {y + h},{x} {y}))"


def make_city_store(path, n=3):
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    buildings = _layer(
        ds,
        "buildings",
        ogr.wkbPolygon,
        [
            ("gml_id", ogr.OFTString),
            ("address", ogr.OFTString),
            ("function_label", ogr.OFTString),
            ("roof_type_label", ogr.OFTString),
            ("measured_height", ogr.OFTReal),
            ("storeys", ogr.OFTInteger),
            ("ground_z", ogr.OFTReal),
            ("footprint_area", ogr.OFTReal),
        ],
    )
    surfaces = _layer(ds, "surfaces", ogr.wkbPolygon25D, [("gml_id", ogr.OFTString), ("surface_type", ogr.OFTString)])
    streets = ["Marktstraße", "Grandweg", "Brüderstraße", "Ulricherstraße", "Thomästraße"]
    for i in range(n):
        x, y = X0 + (i % 40) * 30, Y0 + (i // 40) * 30 + (i % 2) * 4
        gml_id = f"DENW36AL1000{i:04d}"
        height = 8.5 + 3 * i
        _add(
            buildings,
            _box(x, y, 18, 12),
            gml_id=gml_id,
            address=f"{streets[i % len(streets)]} {i + 1}",
            function_label="Wohngebäude",
            roof_type_label="Satteldach",
            measured_height=height,
            storeys=2 + i,
            ground_z=98.0,
            footprint_area=216.0,
        )
        z0, z1, zr = 98.0, 98.0 + height - 3, 98.0 + height
        walls = [
            ((x, y), (x + 18, y)),
            ((x + 18, y), (x + 18, y + 12)),
            ((x + 18, y + 12), (x, y + 12)),
            ((x, y + 12), (x, y)),
        ]
        for (ax, ay), (bx, by) in walls:
            ring = f"{ax} {ay} {z0},{bx} {by} {z0},{bx} {by} {z1},{ax} {ay} {z1},{ax} {ay} {z0}"
            _add(surfaces, f"POLYGON Z (({ring}))", gml_id=gml_id, surface_type="WallSurface")
        _add(
            surfaces,
            f"POLYGON Z (({x} {y} {z0},{x} {y + 12} {z0},{x + 18} {y + 12} {z0},{x + 18} {y} {z0},{x} {y} {z0}))",
            gml_id=gml_id,
            surface_type="GroundSurface",
        )
        ym = y + 6
        _add(
            surfaces,
            f"POLYGON Z (({x} {y} {z1},{x + 18} {y} {z1},{x + 18} {ym} {zr},{x} {ym} {zr},{x} {y} {z1}))",
            gml_id=gml_id,
            surface_type="RoofSurface",
        )
        _add(
            surfaces,
            f"POLYGON Z (({x} {ym} {zr},{x + 18} {ym} {zr},{x + 18} {y + 12} {z1},{x} {y + 12} {z1},{x} {ym} {zr}))",
            gml_id=gml_id,
            surface_type="RoofSurface",
        )
    ds = None
    return path


def make_photo(path, seed):
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(seed)
    pixels = (rng.normal(110, 18, (480, 640, 3))).clip(0, 255).astype("uint8")
    image = Image.fromarray(pixels)
    draw = ImageDraw.Draw(image)
    draw.line([(200, 200), (300, 260), (420, 240)], fill=(20, 20, 20), width=9)  # a crack
    image.save(path, quality=90)
    return path


def make_damage_store(path, n=4, confirmed_every=1, photos=True):
    folder = Path(path).parent / "frames"
    folder.mkdir(exist_ok=True)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    damages = _layer(
        ds,
        "damages",
        ogr.wkbPoint,
        [
            ("class_name", ogr.OFTString),
            ("severity", ogr.OFTString),
            ("status", ogr.OFTString),
            ("street", ogr.OFTString),
            ("reviewer", ogr.OFTString),
            ("reviewed_at", ogr.OFTString),
            ("key_detection", ogr.OFTInteger),
        ],
    )
    detections = _layer(
        ds,
        "detections",
        ogr.wkbNone,
        [
            ("frame_id", ogr.OFTInteger),
            ("damage_id", ogr.OFTInteger),
            ("image", ogr.OFTString),
            ("x1", ogr.OFTReal),
            ("y1", ogr.OFTReal),
            ("x2", ogr.OFTReal),
            ("y2", ogr.OFTReal),
            ("confidence", ogr.OFTReal),
        ],
    )
    frames = _layer(
        ds, "frames", ogr.wkbPoint, [("image", ogr.OFTString), ("path", ogr.OFTString), ("taken_at", ogr.OFTString)]
    )
    classes = ["Längsriss", "Querriss", "Schlagloch", "Netzriss"]
    streets = ["Brüderstraße", "Grandweg", "Marktstraße", "Thomästraße"]
    for i in range(n):
        x, y = X0 + (i % 10) * 25, Y0 + (i // 10) * 25 + 5
        image = folder / f"frame_{i:04d}.jpg"
        if photos:
            make_photo(image, i)
        frame_id = _add(frames, f"POINT({x} {y})", image=image.name, path=str(image), taken_at="2026-10-01T10:00:00")
        status = "confirmed" if i % confirmed_every == 0 else "rejected"
        damage_id = _add(
            damages,
            f"POINT({x} {y})",
            class_name=classes[i % 4],
            severity=("leicht", "mittel", "schwer")[i % 3],
            status=status,
            street=streets[i % 4],
            reviewer="Jürgen Müller",
            reviewed_at=f"2026-11-{1 + i % 28:02d}T09:30:00",
        )
        detection_id = _add(
            detections,
            None,
            frame_id=frame_id,
            damage_id=damage_id,
            image=image.name,
            x1=180,
            y1=170,
            x2=440,
            y2=290,
            confidence=0.9,
        )
        feature = damages.GetFeature(damage_id)
        feature.SetField("key_detection", detection_id)
        damages.SetFeature(feature)
    ds = None
    return path


STOP_CRITERIA = ("kerb_height", "boarding_field", "guide_strip", "step_free_access", "wheelchair_boarding")


def make_shuttle_result(path, n=3):
    """Layers as the shuttle analysis writes them: criteria as one column each, gaps as points."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    stops = _layer(
        ds,
        "stops",
        ogr.wkbPoint,
        [("stop_id", ogr.OFTString), ("stop_name", ogr.OFTString)]
        + [(name, ogr.OFTString) for name in STOP_CRITERIA]
        + [("grade", ogr.OFTString), ("missing", ogr.OFTString)],
    )
    catchments = _layer(
        ds,
        "catchments",
        ogr.wkbMultiPolygon,
        [
            ("stop_id", ogr.OFTString),
            ("stop_name", ogr.OFTString),
            ("profile", ogr.OFTString),
            ("profile_name", ogr.OFTString),
            ("distance", ogr.OFTReal),
        ],
    )
    gaps = _layer(
        ds,
        "gaps",
        ogr.wkbPoint,
        [
            ("rank", ogr.OFTInteger),
            ("kind", ogr.OFTString),
            ("profile", ogr.OFTString),
            ("text", ogr.OFTString),
            ("buildings_gained", ogr.OFTInteger),
            ("residential_gained", ogr.OFTInteger),
            ("ref", ogr.OFTString),
        ],
    )
    names = ["Bahnhof Süd", "Markt", "Grandweg/Höggenstraße"]
    rank = 0
    for i in range(n):
        x, y = X0 + i * 600, Y0 + 100
        stop_id = f"S{i + 1:03d}"
        results = {
            "kerb_height": "failed" if i == 1 else "passed",
            "boarding_field": "failed" if i == 0 else "passed",
            "guide_strip": "unknown",
            "step_free_access": "passed",
            "wheelchair_boarding": "unknown" if i else "passed",
        }
        _add(
            stops,
            f"POINT({x} {y})",
            stop_id=stop_id,
            stop_name=names[i % 3],
            grade="C" if "failed" in results.values() else "B",
            missing="Bordhöhe prüfen",
            **results,
        )
        for profile, profile_name, scale in (
            ("unrestricted", "ohne Einschränkung", 1.0),
            ("wheelchair", "Rollstuhl", 0.7),
        ):
            for distance in (150.0, 300.0):
                radius = distance * scale
                ring = ",".join(
                    f"{x + radius * np.cos(a):.2f} {y + radius * np.sin(a):.2f}" for a in np.linspace(0, 2 * np.pi, 33)
                )
                _add(
                    catchments,
                    f"MULTIPOLYGON((({ring})))",
                    stop_id=stop_id,
                    stop_name=names[i % 3],
                    profile=profile,
                    profile_name=profile_name,
                    distance=distance,
                )
        rank += 1
        _add(
            gaps,
            f"POINT({x + 120} {y + 80})",
            rank=rank,
            kind="crossing_sound",
            profile="blind",
            text=f"Querung an der Straße {i + 1} ohne akustisches Signal",
            buildings_gained=12 + i,
            residential_gained=9 + i,
            ref=f"osm{i}",
        )
        if i == 1:
            rank += 1
            _add(
                gaps,
                f"POINT({x} {y})",
                rank=rank,
                kind="stop_kerb",
                profile="wheelchair",
                text="Haltestelle Markt: Bordhöhe 12 cm → 22 cm",
                buildings_gained=40,
                residential_gained=31,
                ref=stop_id,
            )
    rank += 1
    _add(
        gaps,
        f"POINT({X0 + 5000} {Y0 + 5000})",
        rank=rank,
        kind="barrier",
        profile="wheelchair",
        text="Weit entfernte Treppe",
        buildings_gained=3,
        residential_gained=2,
        ref="osm99",
    )
    ds = None
    return path


def add_condition_layer(path):
    """A ``street_condition`` line layer (grade 1–5) in the damage store, as the damage panel writes it."""
    ds = ogr.Open(str(path), 1)
    layer = _layer(
        ds,
        "street_condition",
        ogr.wkbMultiLineString,
        [("name", ogr.OFTString), ("damages", ogr.OFTInteger), ("grade", ogr.OFTReal)],
    )
    _add(layer, f"MULTILINESTRING(({X0 - 20} {Y0 + 5},{X0 + 120} {Y0 + 5}))", name="Brüderstraße", damages=4, grade=3.6)
    _add(layer, f"MULTILINESTRING(({X0 - 20} {Y0 - 30},{X0 + 120} {Y0 - 30}))", name="Grandweg", damages=0, grade=1.0)
    ds = None
    return path


def make_project(path, city_gpkg, damage_gpkg=None, extra_osm=False):
    """A .qgz with German layer names, a styled building layer and a hidden layer."""
    from qgis.core import (
        QgsCategorizedSymbolRenderer,
        QgsCoordinateReferenceSystem,
        QgsFillSymbol,
        QgsMarkerSymbol,
        QgsProject,
        QgsRendererCategory,
        QgsVectorLayer,
    )

    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:25832"))
    buildings = QgsVectorLayer(f"{city_gpkg}|layername=buildings", "Gebäude (LoD2)", "ogr")
    assert buildings.isValid()
    buildings.setRenderer(buildings.renderer().clone())
    buildings.renderer().setSymbol(
        QgsFillSymbol.createSimple({"color": "230,200,160", "outline_color": "90,60,30", "outline_width": "0.3"})
    )
    hidden = QgsVectorLayer(f"{city_gpkg}|layername=buildings", "Verborgene Ebene", "ogr")
    project.addMapLayer(buildings)
    project.addMapLayer(hidden)
    project.layerTreeRoot().findLayer(hidden.id()).setItemVisibilityChecked(False)
    if damage_gpkg:
        damages = QgsVectorLayer(f"{damage_gpkg}|layername=damages", "Straßenschäden", "ogr")
        categories = []
        for value, color in (("Längsriss", "200,30,30"), ("Schlagloch", "240,140,0")):
            categories.append(
                QgsRendererCategory(value, QgsMarkerSymbol.createSimple({"color": color, "size": "3"}), value)
            )
        damages.setRenderer(QgsCategorizedSymbolRenderer("class_name", categories))
        project.addMapLayer(damages)
    if extra_osm:
        osm = QgsVectorLayer(f"{city_gpkg}|layername=buildings", "OSM Gebäude", "ogr")
        project.addMapLayer(osm)
    assert project.write(str(path))
    return path


def pdf_info(path):
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    info = {}
    for line in out.splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdf_page_size_mm(path, page=1):
    out = subprocess.run(
        ["pdfinfo", "-f", str(page), "-l", str(page), str(path)], capture_output=True, text=True, check=True
    ).stdout
    for line in out.splitlines():
        if line.startswith(f"Page {page:>4} size:") or (line.startswith("Page") and "size:" in line):
            parts = line.split("size:")[1].split()
            return float(parts[0]) * 25.4 / 72, float(parts[2]) * 25.4 / 72
        if line.startswith("Page size:"):
            parts = line.split(":")[1].split()
            return float(parts[0]) * 25.4 / 72, float(parts[2]) * 25.4 / 72
    raise AssertionError(out)


def pdf_text(path, page=None):
    args = ["pdftotext", "-layout", "-enc", "UTF-8"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    text = subprocess.run(args + [str(path), "-"], capture_output=True, text=True, check=True).stdout
    # Fonts set "fl", "fi" as ligatures (U+FB02 …); compare text as a reader would.
    return unicodedata.normalize("NFKC", text)


def pdf_to_png(path, out_prefix, page=1, dpi=60):
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(path),
            str(out_prefix),
        ],
        check=True,
    )
    return Path(str(out_prefix) + ".png")


def copy_for_review(path, name):
    """Keep a rendered file in /tmp/soest-printing-review for looking at it by eye."""
    folder = Path(os.environ.get("SOEST_REVIEW_DIR", "/tmp/soest-printing-review"))
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, folder / name)
