"""detect_drive end to end: store contents, bad inputs, cancel, locked store, real ONNX model."""

import json
import math
import os
import sqlite3

import numpy as np
import pytest

from soest_qgis_plugin.common.errors import Cancelled, InputError, ModelError, StoreError
from soest_qgis_plugin.common.feedback import CollectingFeedback
from soest_qgis_plugin.roaddamage.pipeline import detect_drive
from soest_qgis_plugin.roaddamage.store import DamageStore

from .conftest import FakeDetector, drive_track, make_drive, make_photo


def test_drive_is_written_with_frames_detections_and_deduplicated_damages(tmp_path, fake_detector):
    folder = make_drive(tmp_path / "drive")
    store_path = tmp_path / "s.gpkg"
    feedback = CollectingFeedback()
    summary = detect_drive(folder, store_path, detector=fake_detector, feedback=feedback, batch_size=3)
    assert summary["frames"] == 8 and summary["processed"] == 8
    assert summary["detections"] == 4 and summary["damages"] == 2
    assert fake_detector.calls == 3 and fake_detector.images == 8  # batches of 3
    assert feedback.progress[-1] == 100
    with DamageStore.open(store_path) as store:
        assert store.count("frames") == 8 and store.count("detections") == 4
        drive = store.drives()[0]
        assert drive["status"] == "complete" and drive["frame_count"] == 8 and drive["damage_count"] == 2
        assert json.loads(drive["camera"])["height"] == 1.4
        pothole = store.damage(store.damage_ids(classes=["D40"])[0])
        assert pothole["observations"] == 3 and pothole["status"] == "unreviewed"
        frames = store.frames()
        # the pothole lies 12 m ahead of frame 2 (driving east), not at the car
        assert pothole["easting"] == pytest.approx(frames[2]["easting"] + 12.0, abs=0.5)
        assert pothole["northing"] == pytest.approx(frames[2]["northing"], abs=0.5)
        observations = store.observations(pothole["fid"])
        assert [o["image"] for o in observations] == ["img_002.jpg", "img_003.jpg", "img_004.jpg"]
        assert all(o["x2"] - o["x1"] == 40 for o in observations)  # pixels of the original image


def test_photos_without_gps_use_the_track(tmp_path, fake_detector):
    folder = make_drive(tmp_path / "drive", gps=False)
    track = drive_track(tmp_path / "t.gpx")
    summary = detect_drive(folder, tmp_path / "s.gpkg", detector=fake_detector, track=str(track))
    assert summary["damages"] == 2 and summary["unpositioned"] == []
    with DamageStore.open(tmp_path / "s.gpkg") as store:
        assert {f["position_source"] for f in store.frames()} == {"gpx"}
        assert store.drives()[0]["track"] == str(track)


def test_corrupt_and_truncated_photos_are_named_and_the_rest_processed(tmp_path, fake_detector):
    folder = make_drive(tmp_path / "drive")
    (folder / "img_100.jpg").write_bytes(b"\xff\xd8\xff\xe0 garbage")
    good = make_photo(folder / "img_101.jpg", lonlat=(8.1065, 51.5710))
    data = good.read_bytes()
    good.write_bytes(data[: len(data) // 3])  # truncated: header fine, pixels missing
    feedback = CollectingFeedback()
    summary = detect_drive(folder, tmp_path / "s.gpkg", detector=fake_detector, feedback=feedback)
    assert sorted(summary["unreadable"]) == ["img_100.jpg", "img_101.jpg"]
    assert summary["processed"] == 8 and summary["damages"] == 2
    assert any("img_100.jpg" in w for w in feedback.warnings)
    assert any("img_101.jpg" in w for w in feedback.warnings)
    with DamageStore.open(tmp_path / "s.gpkg") as store:
        statuses = {f["image"]: f["status"] for f in store.frames()}
        assert statuses["img_100.jpg"] == "unreadable" and statuses["img_101.jpg"] == "unreadable"


def test_mixed_sizes_greyscale_and_16bit(tmp_path, fake_detector):
    folder = tmp_path / "drive"
    folder.mkdir()
    box = (100, 300, 140, 320, (0, 0, 0))
    make_photo(folder / "a.jpg", lonlat=(8.1060, 51.5710), boxes=[box])
    make_photo(folder / "b.jpg", size=(1280, 960), lonlat=(8.10606, 51.5710), boxes=[(200, 600, 280, 640, (0, 0, 0))])
    make_photo(folder / "c.png", lonlat=(8.10612, 51.5710), mode="L", boxes=[box])
    make_photo(folder / "d.png", lonlat=(8.10618, 51.5710), mode="I;16", boxes=[box])
    summary = detect_drive(folder, tmp_path / "s.gpkg", detector=fake_detector)
    assert summary["processed"] == 4 and summary["unreadable"] == []
    with DamageStore.open(tmp_path / "s.gpkg") as store:
        rows = {r["image"]: dict(r) for r in store.conn.execute("SELECT * FROM detections")}
        sizes = {f["image"]: (f["width"], f["height"]) for f in store.frames()}
    assert set(rows) == {"a.jpg", "b.jpg", "c.png", "d.png"}
    assert (rows["b.jpg"]["x1"], rows["b.jpg"]["y2"]) == (200, 640)
    assert sizes["b.jpg"] == (1280, 960) and sizes["c.png"] == (640, 480)


def test_no_position_and_no_track_fails_before_any_store(tmp_path, fake_detector):
    folder = make_drive(tmp_path / "drive", gps=False)
    with pytest.raises(InputError):
        detect_drive(folder, tmp_path / "s.gpkg", detector=fake_detector)
    assert not (tmp_path / "s.gpkg").exists()
    assert fake_detector.images == 0


def test_gpx_not_overlapping_fails_clearly(tmp_path, fake_detector):
    import datetime

    from .conftest import START

    folder = make_drive(tmp_path / "drive", gps=False)
    track = drive_track(tmp_path / "t.gpx", start=START + datetime.timedelta(hours=3))
    with pytest.raises(InputError, match="does not overlap"):
        detect_drive(folder, tmp_path / "s.gpkg", detector=fake_detector, track=track)
    assert not (tmp_path / "s.gpkg").exists()


class CancelAfterImages(FakeDetector):
    """Presses "cancel" on the feedback once it has seen ``count`` images: really mid-run."""

    def __init__(self, feedback, count=4):
        super().__init__()
        self.feedback, self.count = feedback, count

    def detect_batch(self, images, conf_threshold=0.05, iou_threshold=0.5):
        result = super().detect_batch(images, conf_threshold, iou_threshold)
        if self.images >= self.count:
            self.feedback._cancel_after = 0  # every later isCanceled() says yes
        return result


def test_cancel_mid_run_leaves_no_new_store(tmp_path):
    folder = make_drive(tmp_path / "drive", count=12)
    feedback = CollectingFeedback()
    detector = CancelAfterImages(feedback)
    with pytest.raises(Cancelled):
        detect_drive(folder, tmp_path / "s.gpkg", detector=detector, feedback=feedback, batch_size=2)
    assert detector.images == 4  # stopped after the second batch of twelve photos
    assert not (tmp_path / "s.gpkg").exists()
    assert [p for p in os.listdir(tmp_path) if p.endswith(".gpkg") or ".tmp" in p] == []


def test_cancel_mid_run_leaves_an_existing_store_consistent(tmp_path):
    store_path = tmp_path / "s.gpkg"
    detect_drive(make_drive(tmp_path / "first"), store_path, detector=FakeDetector())
    feedback = CollectingFeedback()
    detector = CancelAfterImages(feedback)
    with pytest.raises(Cancelled):
        detect_drive(
            make_drive(tmp_path / "second", count=12), store_path, detector=detector, feedback=feedback, batch_size=2
        )
    assert detector.images == 4  # it was really mid-run
    with DamageStore.open(store_path) as store:
        assert [d["status"] for d in store.drives()] == ["complete"]
        assert store.count("frames") == 8 and store.count("detections") == 4 and store.count("damages") == 2
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_second_drive_is_added_to_an_existing_store(tmp_path):
    store_path = tmp_path / "s.gpkg"
    detect_drive(make_drive(tmp_path / "a"), store_path, detector=FakeDetector())
    summary = detect_drive(make_drive(tmp_path / "b"), store_path, detector=FakeDetector())
    assert summary["drive_id"] == 2
    with DamageStore.open(store_path) as store:
        assert store.count("damages") == 4 and len(store.drives()) == 2


def test_locked_store_fails_with_store_error_and_nothing_written(tmp_path):
    store_path = tmp_path / "s.gpkg"
    detect_drive(make_drive(tmp_path / "a"), store_path, detector=FakeDetector())
    other = sqlite3.connect(store_path, isolation_level=None, timeout=0.1)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked"):
            import soest_qgis_plugin.roaddamage.store as store_mod

            original = store_mod.DamageStore.open.__func__

            def quick_open(cls, path, create=False, timeout=2.0, readonly=False):
                return original(cls, path, create=create, timeout=0.1, readonly=readonly)

            store_mod.DamageStore.open = classmethod(quick_open)
            try:
                detect_drive(make_drive(tmp_path / "b"), store_path, detector=FakeDetector())
            finally:
                store_mod.DamageStore.open = classmethod(original)
    finally:
        other.execute("ROLLBACK")
        other.close()
    with DamageStore.open(store_path) as store:
        assert len(store.drives()) == 1


def test_street_names_from_a_street_layer(tmp_path, fake_detector):
    from osgeo import ogr, osr

    folder = make_drive(tmp_path / "drive")
    first = detect_drive(folder, tmp_path / "probe.gpkg", detector=FakeDetector())
    with DamageStore.open(first["store"]) as store:
        frames = store.frames()
    streets = str(tmp_path / "streets.gpkg")
    source = ogr.GetDriverByName("GPKG").CreateDataSource(streets)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(25832)
    layer = source.CreateLayer("streets", srs, ogr.wkbLineString)
    layer.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    for name, dn in (("Brüderstraße", 0.0), ("Nöttenstraße", 200.0)):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("name", name)
        line = ogr.Geometry(ogr.wkbLineString)
        line.AddPoint_2D(frames[0]["easting"] - 50, frames[0]["northing"] + dn)
        line.AddPoint_2D(frames[-1]["easting"] + 50, frames[-1]["northing"] + dn)
        feature.SetGeometry(line)
        layer.CreateFeature(feature)
    source = None
    detect_drive(folder, tmp_path / "s.gpkg", detector=fake_detector, streets=streets)
    with DamageStore.open(tmp_path / "s.gpkg") as store:
        assert set(store.distinct("street")) == {"Brüderstraße"}


# Real ONNX models ------------------------------------------------------------------------------
onnx = pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")


def constant_v8_model(path, boxes, size=64, names=None):
    """A YOLOv8-layout model that always outputs ``boxes`` [(cx, cy, w, h, class, score)] (input pixels)."""
    from onnx import TensorProto, helper

    out = np.zeros((1, 8, max(len(boxes), 1)), np.float32)
    for j, (cx, cy, w, h, cls, score) in enumerate(boxes):
        out[0, :4, j] = (cx, cy, w, h)
        out[0, 4 + cls, j] = score
    image = helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, size, size])
    result = helper.make_tensor_value_info("output0", TensorProto.FLOAT, list(out.shape))
    nodes = [
        helper.make_node(
            "Constant", [], ["c"], value=helper.make_tensor("k", TensorProto.FLOAT, out.shape, out.ravel())
        ),
        helper.make_node("ReduceMean", ["images"], ["m"], axes=[0, 1, 2, 3], keepdims=0),
        helper.make_node("Constant", [], ["z"], value=helper.make_tensor("zz", TensorProto.FLOAT, [], [0.0])),
        helper.make_node("Mul", ["m", "z"], ["m0"]),
        helper.make_node("Add", ["c", "m0"], ["output0"]),
    ]
    model = helper.make_model(
        helper.make_graph(nodes, "t", [image], [result]), opset_imports=[helper.make_opsetid("", 13)]
    )
    model.ir_version = 8
    entry = model.metadata_props.add()
    entry.key, entry.value = "names", str(names or {0: "D00", 1: "D10", 2: "D20", 3: "D40"})
    onnx.save(model, str(path))
    return str(path)


def test_real_onnx_model_end_to_end(tmp_path):
    model = constant_v8_model(tmp_path / "m.onnx", [(32, 40, 8, 8, 3, 0.9)])
    folder = make_drive(tmp_path / "drive", count=3)
    summary = detect_drive(folder, tmp_path / "s.gpkg", model_path=model)
    assert summary["detections"] == 3
    with DamageStore.open(tmp_path / "s.gpkg") as store:
        row = store.conn.execute("SELECT class_name, confidence, x1, y1, x2, y2 FROM detections").fetchone()
    assert row["class_name"] == "D40" and row["confidence"] == pytest.approx(0.9)
    # letterbox 640x480 -> 64x64: scale 0.1, pad 8 px top; box back in original pixels
    assert (row["x1"], row["x2"]) == (pytest.approx(280), pytest.approx(360))
    assert math.isclose(row["y2"], (44 - 8) / 0.1, abs_tol=1.0)


def test_not_a_model_fails_before_any_store_is_written(tmp_path):
    fake = tmp_path / "fake.onnx"
    fake.write_bytes(b"this is not an onnx file")
    folder = make_drive(tmp_path / "drive", count=2)
    with pytest.raises(ModelError):
        detect_drive(folder, tmp_path / "s.gpkg", model_path=str(fake))
    assert not (tmp_path / "s.gpkg").exists()


def test_onnx_that_is_not_a_detector_fails_before_any_store_is_written(tmp_path):
    from onnx import TensorProto, helper

    image = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 10])
    out = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 10])
    graph = helper.make_graph([helper.make_node("Relu", ["x"], ["y"])], "relu", [image], [out])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    path = tmp_path / "relu.onnx"
    onnx.save(model, str(path))
    store_path = tmp_path / "s.gpkg"
    detect_drive(make_drive(tmp_path / "a", count=2), store_path, detector=FakeDetector())
    before = store_path.read_bytes()
    with pytest.raises(ModelError):
        detect_drive(make_drive(tmp_path / "b", count=2), store_path, model_path=str(path))
    assert store_path.read_bytes() == before


def test_missing_model_file(tmp_path):
    with pytest.raises(ModelError):
        detect_drive(make_drive(tmp_path / "a", count=1), tmp_path / "s.gpkg", model_path=str(tmp_path / "no.onnx"))
    assert not (tmp_path / "s.gpkg").exists()


def test_video_with_track_end_to_end(tmp_path):
    pytest.importorskip("cv2")
    from .conftest import make_video

    path = make_video(tmp_path / "fahrt.mp4")
    track = drive_track(tmp_path / "t.gpx", count=8, extra=0)
    summary = detect_drive(path, tmp_path / "s.gpkg", detector=FakeDetector(), track=str(track), video_every_m=4.0)
    assert summary["processed"] == 8 and summary["detections"] == 8
    with DamageStore.open(tmp_path / "s.gpkg") as store:
        frames = store.frames()
        assert {f["position_source"] for f in frames} == {"video"}
        assert all(os.path.exists(f["path"]) for f in frames)
        assert os.path.dirname(frames[0]["path"]) == str(tmp_path / "s_frames")


def test_cancelled_video_run_leaves_no_store_and_no_frames(tmp_path):
    pytest.importorskip("cv2")
    from .conftest import make_video

    video = make_video(tmp_path / "fahrt.mp4")
    track = str(drive_track(tmp_path / "t.gpx", count=8, extra=0))
    feedback = CollectingFeedback()
    detector = CancelAfterImages(feedback)
    with pytest.raises(Cancelled):
        detect_drive(video, tmp_path / "s.gpkg", detector=detector, track=track, feedback=feedback, batch_size=2)
    assert detector.images == 4  # cancelled mid-run, after frames were written
    assert not (tmp_path / "s.gpkg").exists() and not (tmp_path / "s_frames").exists()


def test_failed_second_video_run_keeps_the_first_runs_frames(tmp_path, fake_detector):
    pytest.importorskip("cv2")
    from .conftest import make_video

    track = str(drive_track(tmp_path / "t.gpx", count=8, extra=0))
    store = tmp_path / "s.gpkg"
    detect_drive(make_video(tmp_path / "eins.mp4"), store, detector=fake_detector, track=track, video_every_m=8.0)
    first = sorted(os.listdir(tmp_path / "s_frames"))
    bad = tmp_path / "streets.gpkg"
    bad.write_bytes(b"not a geopackage")
    with pytest.raises(InputError):
        detect_drive(make_video(tmp_path / "zwei.mp4"), store, detector=fake_detector, track=track, streets=bad)
    assert sorted(os.listdir(tmp_path / "s_frames")) == first and len(first) == 4
    # the same video again (same frame names) failing: the first run's frames are its own and stay
    with pytest.raises(InputError):
        detect_drive(tmp_path / "eins.mp4", store, detector=fake_detector, track=track, streets=bad, video_every_m=4.0)
    assert sorted(os.listdir(tmp_path / "s_frames")) == first
    with DamageStore.open(store) as s:
        assert all(os.path.exists(f["path"]) for f in s.frames())


def test_bad_street_layer_fails_before_any_store(tmp_path, fake_detector):
    bad = tmp_path / "streets.gpkg"
    bad.write_bytes(b"not a geopackage")
    with pytest.raises(InputError):
        detect_drive(make_drive(tmp_path / "drive", count=2), tmp_path / "s.gpkg", detector=fake_detector, streets=bad)
    assert not (tmp_path / "s.gpkg").exists() and fake_detector.images == 0


def test_corrupt_video_is_refused_in_german_before_any_store(tmp_path, fake_detector, german):
    pytest.importorskip("cv2")
    video = tmp_path / "kaputt.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"garbage" * 100)
    track = str(drive_track(tmp_path / "t.gpx", count=8, extra=0))
    with pytest.raises(InputError, match="Video"):
        detect_drive(str(video), tmp_path / "s.gpkg", detector=fake_detector, track=track)
    assert not (tmp_path / "s.gpkg").exists() and not (tmp_path / "s_frames").exists()
    assert fake_detector.images == 0
