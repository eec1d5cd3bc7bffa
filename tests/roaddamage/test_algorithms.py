"""The public batch interface through processing.run: ids, parameter names, errors."""

import csv

import pytest
from qgis.core import QgsProcessingException

from soest_qgis_plugin.roaddamage.store import DamageStore

from .conftest import FakeDetector, drive_track, make_drive, make_video


def test_ids_and_parameter_names(soest_provider):
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    detect = registry.algorithmById("soest:detect_road_damage")
    export = registry.algorithmById("soest:export_road_damage")
    assert detect is not None and export is not None
    names = {p.name() for p in detect.parameterDefinitions()}
    assert {"IMAGES", "OUTPUT", "TRACK", "MODEL", "CONFIDENCE", "VIDEO", "FRAME_SPACING"} <= names
    for optional in ("TRACK", "MODEL", "VIDEO", "FRAME_SPACING"):
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


def _env_with_venv(home):
    """qgis_process runs on the system Python: let it see the venv's onnxruntime and openpyxl, as a
    user's QGIS sees them once installed."""
    import os
    import sysconfig

    from tests.conftest import qgis_env

    env = qgis_env(home)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (sysconfig.get_paths()["purelib"], env.get("PYTHONPATH")) if p)
    return env


def test_qgis_process_headless_detect_and_export(tmp_path, qgis_process_bin, request):
    """The documented command line: qgis_process run soest:detect_road_damage -- IMAGES=… OUTPUT=…"""
    import subprocess

    pytest.importorskip("onnx")
    from .test_pipeline import constant_v8_model

    home = request.getfixturevalue("qgis_process_home")
    model = constant_v8_model(tmp_path / "m.onnx", [(32, 40, 8, 8, 3, 0.9)])
    folder = make_drive(tmp_path / "drive", count=3)
    (folder / "kaputt.jpg").write_bytes(b"nope")
    store = tmp_path / "s.gpkg"
    completed = subprocess.run(
        [
            qgis_process_bin,
            "run",
            "soest:detect_road_damage",
            "--",
            f"IMAGES={folder}",
            f"OUTPUT={store}",
            f"MODEL={model}",
            "CONFIDENCE=0.2",
        ],
        env=_env_with_venv(home),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "kaputt.jpg" in completed.stdout + completed.stderr
    with DamageStore.open(store) as s:
        assert s.count("detections") == 3
        s.apply_change(1, {"status": "confirmed"}, "anna", "confirm")
    out = tmp_path / "liste.xlsx"
    completed = subprocess.run(
        [qgis_process_bin, "run", "soest:export_road_damage", "--", f"INPUT={store}", f"OUTPUT={out}"],
        env=_env_with_venv(home),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert out.exists() and (tmp_path / "liste_fotos").is_dir()


def test_qgis_process_bad_model_fails_without_store(tmp_path, qgis_process_bin, request):
    import subprocess

    home = request.getfixturevalue("qgis_process_home")
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"garbage")
    store = tmp_path / "s.gpkg"
    completed = subprocess.run(
        [
            qgis_process_bin,
            "run",
            "soest:detect_road_damage",
            "--",
            f"IMAGES={make_drive(tmp_path / 'd', count=1)}",
            f"OUTPUT={store}",
            f"MODEL={bad}",
        ],
        env=_env_with_venv(home),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode != 0
    assert not store.exists()


def test_cancel_through_processing_feedback(soest_provider, fake_model, tmp_path):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    feedback = QgsProcessingFeedback()
    feedback.cancel()
    with pytest.raises(QgsProcessingException):
        processing.run(
            "soest:detect_road_damage",
            {"IMAGES": str(make_drive(tmp_path / "drive", count=3)), "OUTPUT": str(tmp_path / "s.gpkg")},
            context=QgsProcessingContext(),
            feedback=feedback,
        )
    assert not (tmp_path / "s.gpkg").exists()


def test_street_names_through_processing(soest_provider, fake_model, tmp_path):
    import processing
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    folder = make_drive(tmp_path / "drive")
    layer = QgsVectorLayer("LineString?crs=EPSG:4326&field=name:string", "streets", "memory")
    feature = QgsFeature(layer.fields())
    feature.setAttribute("name", "Brüderstraße")
    feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(8.1050, 51.57102), QgsPointXY(8.1070, 51.57102)]))
    layer.dataProvider().addFeatures([feature])
    store = str(tmp_path / "s.gpkg")
    processing.run("soest:detect_road_damage", {"IMAGES": str(folder), "OUTPUT": store, "STREETS": layer})
    with DamageStore.open(store) as s:
        assert s.distinct("street") == ["Brüderstraße"]


def test_camera_parameters_reach_the_projection(soest_provider, fake_model, tmp_path):
    import json

    import processing

    folder = make_drive(tmp_path / "drive")
    store = str(tmp_path / "s.gpkg")
    processing.run(
        "soest:detect_road_damage",
        {"IMAGES": str(folder), "OUTPUT": store, "CAMERA_HEIGHT": 2.8, "CAMERA_PITCH": 10.0, "CAMERA_HFOV": 100.0},
    )
    with DamageStore.open(store) as s:
        assert json.loads(s.drives()[0]["camera"])["height"] == 2.8
        distances = [r[0] for r in s.conn.execute("SELECT distance FROM detections WHERE class_name='D40'")]
    # the photos were made for a camera 1.4 m high: twice the height, twice the distance
    assert distances == [pytest.approx(d, rel=0.02) for d in (24.2, 16.2, 8.1)]


def test_dashcam_video_with_track_through_processing(soest_provider, fake_model, tmp_path):
    import processing

    pytest.importorskip("cv2")
    video = make_video(tmp_path / "fahrt.mp4")
    track = str(drive_track(tmp_path / "fahrt.gpx", count=8, extra=0))
    store = str(tmp_path / "s.gpkg")
    result = processing.run(
        "soest:detect_road_damage", {"VIDEO": video, "TRACK": track, "FRAME_SPACING": 8.0, "OUTPUT": store}
    )
    assert result["FRAMES"] == 4 and result["DETECTIONS"] == 4  # 28 m of track, a frame every 8 m
    with DamageStore.open(store) as s:
        assert {f["position_source"] for f in s.frames()} == {"video"}
        assert s.drives()[0]["source"] == video


@pytest.mark.parametrize("case", ["video without track", "photos and video", "neither"])
def test_video_input_mistakes_are_refused_before_any_store(soest_provider, fake_model, tmp_path, case):
    import processing

    pytest.importorskip("cv2")
    video = make_video(tmp_path / "fahrt.mp4", frames=5)
    parameters = {
        "video without track": {"VIDEO": video},
        "photos and video": {"VIDEO": video, "IMAGES": str(make_drive(tmp_path / "drive", count=1))},
        "neither": {},
    }[case]
    store = tmp_path / "s.gpkg"
    with pytest.raises(QgsProcessingException):
        processing.run("soest:detect_road_damage", {**parameters, "OUTPUT": str(store)})
    assert not store.exists() and fake_model.images == 0
