"""soest:print_map and soest:print_report through processing.run (the public batch interface)."""

import pytest
from qgis.core import QgsProcessingException

from .sample_data import pdf_info, pdf_page_size_mm, pdf_text


def run(algorithm, params):
    import processing

    return processing.run(algorithm, params)


def test_algorithms_are_registered_with_stable_ids(soest_provider):
    ids = {alg.id() for alg in soest_provider.algorithms()}
    assert {"soest:print_map", "soest:print_report"} <= ids
    print_map = soest_provider.algorithm("print_map")
    names = {p.name() for p in print_map.parameterDefinitions()}
    assert names == {"PROJECT", "TEMPLATE", "TITLE", "OUTPUT", "EXTENT", "SCALE", "SUBTITLE", "AUTHOR"}
    optional = {p.name() for p in print_map.parameterDefinitions() if p.flags() & p.Flag.FlagOptional}
    assert optional == {"EXTENT", "SCALE", "SUBTITLE", "AUTHOR"}
    report = soest_provider.algorithm("print_report")
    assert {"REPORT", "INPUT", "OUTPUT"} <= {p.name() for p in report.parameterDefinitions()}


def test_print_map_pdf(soest_provider, project_file, tmp_path, german_printing):
    out = tmp_path / "karte.pdf"
    result = run(
        "soest:print_map",
        {
            "PROJECT": str(project_file),
            "TEMPLATE": "A3_quer",
            "TITLE": "Bauausschuss Überblick",
            "SUBTITLE": "Sitzung am 3. Dezember",
            "AUTHOR": "Abteilung Stadtplanung",
            "SCALE": 1000,
            "EXTENT": "438050,438250,5713950,5714100 [EPSG:25832]",
            "OUTPUT": str(out),
        },
    )
    assert result["OUTPUT"] == str(out)
    assert pdf_page_size_mm(out) == pytest.approx((420, 297), abs=1)
    text = pdf_text(out)
    assert "Bauausschuss Überblick" in text and "Abteilung Stadtplanung" in text and "Maßstab 1:1.000" in text


def test_print_map_png_with_qpt_path(soest_provider, project_file, tmp_path, repo_root):
    from PIL import Image

    out = tmp_path / "karte.png"
    run(
        "soest:print_map",
        {
            "PROJECT": str(project_file),
            "TEMPLATE": str(repo_root / "resources/templates/A4_hoch.qpt"),
            "TITLE": "PNG",
            "OUTPUT": str(out),
        },
    )
    with Image.open(out) as image:
        assert image.size[0] == pytest.approx(210 / 25.4 * 300, abs=2)


def test_print_map_errors_are_german_and_write_nothing(soest_provider, project_file, tmp_path, german_printing):
    out = tmp_path / "karte.pdf"
    with pytest.raises(QgsProcessingException, match="QGIS-Projekt nicht gefunden"):
        run(
            "soest:print_map",
            {"PROJECT": str(tmp_path / "fehlt.qgz"), "TEMPLATE": "A4_quer", "TITLE": "x", "OUTPUT": str(out)},
        )
    with pytest.raises(QgsProcessingException, match="Unbekannte Druckvorlage"):
        run(
            "soest:print_map",
            {"PROJECT": str(project_file), "TEMPLATE": "Briefmarke", "TITLE": "x", "OUTPUT": str(out)},
        )
    with pytest.raises(QgsProcessingException, match="Ausgabeformat"):
        run(
            "soest:print_map",
            {"PROJECT": str(project_file), "TEMPLATE": "A4_quer", "TITLE": "x", "OUTPUT": str(tmp_path / "karte.tif")},
        )
    assert list(tmp_path.glob("karte*")) == []


@pytest.mark.parametrize("report", ["Schadensbericht", "damage"])
def test_print_report_damage(soest_provider, damage_store, tmp_path, report):
    out = tmp_path / "bericht.pdf"
    result = run("soest:print_report", {"REPORT": report, "INPUT": str(damage_store), "OUTPUT": str(out)})
    assert result["PAGES"] == 5 == int(pdf_info(out)["Pages"])


def test_print_report_stop_and_building(soest_provider, shuttle_result, city_store, tmp_path):
    out = tmp_path / "stops.pdf"
    run("soest:print_report", {"REPORT": "Haltestellen-Steckbrief", "INPUT": str(shuttle_result), "OUTPUT": str(out)})
    assert int(pdf_info(out)["Pages"]) == 3
    out = tmp_path / "haus.pdf"
    run(
        "soest:print_report",
        {
            "REPORT": "building",
            "INPUT": str(city_store),
            "FILTER": "\"gml_id\" = 'DENW36AL10000001'",
            "OUTPUT": str(out),
        },
    )
    assert int(pdf_info(out)["Pages"]) == 1


def test_print_report_unknown_report(soest_provider, damage_store, tmp_path, german_printing):
    with pytest.raises(QgsProcessingException, match="Unbekannter Bericht"):
        run(
            "soest:print_report",
            {"REPORT": "Baumkataster", "INPUT": str(damage_store), "OUTPUT": str(tmp_path / "x.pdf")},
        )
    assert not (tmp_path / "x.pdf").exists()


def test_qgis_process_headless_print_map_and_report(tmp_path, qgis_process_bin, request, project_file, shuttle_result):
    """The public batch interface as documented: qgis_process with the packaged plugin."""
    import subprocess

    from tests.conftest import qgis_env

    home = request.getfixturevalue("qgis_process_home")
    out = tmp_path / "karte.pdf"
    command = [qgis_process_bin, "run", "soest:print_map", "--", f"PROJECT={project_file}", "TEMPLATE=A4_quer"]
    command += ["TITLE=Straßenzustand Altstadt", f"OUTPUT={out}", "SCALE=2500"]
    completed = subprocess.run(command, env=qgis_env(home), capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert pdf_page_size_mm(out) == pytest.approx((297, 210), abs=1)
    assert "Straßenzustand Altstadt" in pdf_text(out)
    report = tmp_path / "steckbrief.pdf"
    command = [qgis_process_bin, "run", "soest:print_report", "--", "REPORT=Haltestellen-Steckbrief"]
    command += [f"INPUT={shuttle_result}", f"OUTPUT={report}"]
    completed = subprocess.run(command, env=qgis_env(home), capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert int(pdf_info(report)["Pages"]) == 3
    bad = subprocess.run(
        [
            qgis_process_bin,
            "run",
            "soest:print_map",
            "--",
            f"PROJECT={tmp_path / 'fehlt.qgz'}",
            "TEMPLATE=A4_quer",
            "TITLE=x",
            f"OUTPUT={tmp_path / 'x.pdf'}",
        ],
        env=qgis_env(home),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert bad.returncode != 0 and not (tmp_path / "x.pdf").exists()
