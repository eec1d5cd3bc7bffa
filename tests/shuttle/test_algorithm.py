import pytest
from osgeo import ogr

from . import synth


def test_processing_run(soest_provider, shuttle_data, tmp_path):
    import processing

    out = tmp_path / "alg.gpkg"
    result = processing.run(
        "soest:shuttle_accessibility",
        {"ROUTES": shuttle_data["gtfs_zip"], "NETWORK": shuttle_data["network"], "SURVEY": shuttle_data["survey"],
         "DEM": shuttle_data["dem"], "BUILDINGS": shuttle_data["buildings"] + "|layername=buildings",
         "PROFILE": [0, 1], "DISTANCES": "300", "MAX_GRADIENT": 15, "OUTPUT": str(out)},
    )  # fmt: skip
    assert result["OUTPUT"] == str(out)
    assert result["STOPS_COUNT"] == 6 and result["GAPS_COUNT"] >= 2
    ds = ogr.Open(str(out))
    catch = ds.GetLayerByName("catchments")
    assert {f["profile"] for f in catch} == {"unrestricted", "wheelchair"}


def test_processing_only_routes(soest_provider, shuttle_data, tmp_path):
    import processing

    out = tmp_path / "min.gpkg"
    processing.run("soest:shuttle_accessibility", {"ROUTES": shuttle_data["gtfs"], "OUTPUT": str(out)})
    ds = ogr.Open(str(out))
    assert ds.GetLayerByName("stops").GetFeatureCount() == 6
    assert ds.GetLayerByName("routes").GetFeatureCount() == 2


def test_processing_refuses_incomplete_feed(soest_provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    folder = synth.write_gtfs(str(tmp_path / "bad"), drop=("stop_times.txt",))
    out = tmp_path / "bad.gpkg"
    with pytest.raises(QgsProcessingException, match="stop_times.txt"):
        processing.run("soest:shuttle_accessibility", {"ROUTES": folder, "OUTPUT": str(out)})
    assert not out.exists()


def test_processing_refuses_real_partial_feed(soest_provider, shared_fixtures, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    out = tmp_path / "ulm.gpkg"
    with pytest.raises(QgsProcessingException):
        processing.run(
            "soest:shuttle_accessibility",
            {"ROUTES": str(shared_fixtures / "gtfs" / "swu_ulm_partial"), "OUTPUT": str(out)},
        )
    assert not out.exists()


def test_algorithm_id_and_parameters(soest_provider):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById("soest:shuttle_accessibility")
    assert alg is not None
    names = {p.name() for p in alg.parameterDefinitions()}
    assert {"ROUTES", "OUTPUT", "STOPS", "NETWORK", "SURVEY", "DEM", "BUILDINGS", "PROFILE", "DISTANCES"} <= names


def test_processing_refuses_empty_feed(soest_provider, tmp_path):
    import zipfile

    import processing
    from qgis.core import QgsProcessingException

    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w"):
        pass
    out = tmp_path / "empty.gpkg"
    with pytest.raises(QgsProcessingException, match="stops.txt"):
        processing.run("soest:shuttle_accessibility", {"ROUTES": str(empty), "OUTPUT": str(out)})
    assert not out.exists()


def test_processing_profile_as_text_and_day(soest_provider, shuttle_data, tmp_path):
    import processing

    out = tmp_path / "text.gpkg"
    processing.run(
        "soest:shuttle_accessibility",
        {"ROUTES": shuttle_data["gtfs"], "NETWORK": shuttle_data["network"], "PROFILE": "1,3", "DISTANCES": "200",
         "DAY": "20260307", "TIME_WINDOW": "07:00-10:00", "OUTPUT": str(out)},
    )  # fmt: skip
    ds = ogr.Open(str(out))
    assert {f["profile"] for f in ds.GetLayerByName("catchments")} == {"unrestricted", "wheelchair", "blind"}
    assert {f["distance"] for f in ds.GetLayerByName("catchments")} == {200.0}
    segments = {(f["from_stop_id"], f["to_stop_id"]): f["trips"] for f in ds.GetLayerByName("frequency")}
    assert segments == {("S3", "S1"): 1}  # Saturday 07–10: only the weekend trip at 08:00
