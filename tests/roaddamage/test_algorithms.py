"""The public batch interface through processing.run: ids, parameter names, errors."""

import csv

import pytest
from qgis.core import QgsProcessingException

from soest_qgis_plugin.roaddamage.store import DamageStore

from .conftest import FakeDetector, make_drive


def test_ids_and_parameter_names(soest_provider):
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    detect = registry.algorithmById("soest:detect_road_damage")
    export = registry.algorithmById("soest:export_road_damage")
    assert detect is not None and export is not None
    names = {p.name() for p in detect.parameterDefinitions()}
    assert {"IMAGES", "OUTPUT", "TRACK", "MODEL", "CONFIDENCE"} <= names
    for optional in ("TRACK", "MODEL"):
        assert detect.parameterDefinition(optional).flags() & detect.parameterDefinition(optional).FlagOptional
    assert detect.parameterDefinition("MODEL").defaultValue().endswith("road_damage.onnx")
    assert {p.name() for p in export.parameterDefinitions()} == {"INPUT", "OUTPUT"}


@pytest.fixture
def fake_model(monkeypatch):
    detector = FakeDetector()
    monkeypatch.setattr("soest_qgis_plugin.roaddamage.pipeline.load_detector", lambda *a, **k: detector)
    return detector


def test_detect_and_export_through_processing(soest_provider, fake_model, tmp_path):
    import processing

    folder = make_drive(tmp_path / "drive")
    store = str(tmp_path / "s.gpkg")
    result = processing.run("soest:detect_road_damage", {"IMAGES": str(folder), "OUTPUT": store, "CONFIDENCE": 0.2})
    assert result["OUTPUT"] == store and result["DAMAGES"] == 2 and result["DETECTIONS"] == 4
    with DamageStore.open(store) as s:
        s.apply_change(1, {"status": "confirmed"}, "anna", "confirm")
    out = str(tmp_path / "liste.csv")
    result = processing.run("soest:export_road_damage", {"INPUT": store, "OUTPUT": out})
    assert result["COUNT"] == 1
    with open(out, encoding="utf-8-sig") as handle:
        assert len(list(csv.reader(handle, delimiter=";"))) == 2


def test_confidence_filters_detections(soest_provider, fake_model, tmp_path):
    import processing

    result = processing.run(
        "soest:detect_road_damage",
        {"IMAGES": str(make_drive(tmp_path / "drive")), "OUTPUT": str(tmp_path / "s.gpkg"), "CONFIDENCE": 0.5},
    )
    assert result["DETECTIONS"] == 3  # the D00 crack (0.3) is below


def test_unreadable_photos_are_named_in_the_log(soest_provider, fake_model, tmp_path):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    folder = make_drive(tmp_path / "drive", count=3)
    (folder / "kaputt.jpg").write_bytes(b"nope")

    class Recorder(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.texts = []

        def reportError(self, error, fatalError=False):
            self.texts.append(error)

        def pushWarning(self, warning):
            self.texts.append(warning)

    feedback = Recorder()
    result = processing.run(
        "soest:detect_road_damage",
        {"IMAGES": str(folder), "OUTPUT": str(tmp_path / "s.gpkg")},
        context=QgsProcessingContext(),
        feedback=feedback,
    )
    assert result["UNREADABLE"] == 1
    assert any("kaputt.jpg" in t for t in feedback.texts)


def test_bad_model_is_a_processing_error_and_writes_no_store(soest_provider, tmp_path):
    import processing

    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"garbage")
    with pytest.raises(QgsProcessingException):
        processing.run(
            "soest:detect_road_damage",
            {"IMAGES": str(make_drive(tmp_path / "d", count=1)), "OUTPUT": str(tmp_path / "s.gpkg"), "MODEL": str(bad)},
        )
    assert not (tmp_path / "s.gpkg").exists()
