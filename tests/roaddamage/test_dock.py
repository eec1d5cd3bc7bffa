"""The Straßenschäden dock (pytest-qt, offscreen): open a store, review, shortcuts, cleanup."""

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRectangle
from qgis.PyQt.QtCore import Qt

from soest_qgis_plugin.roaddamage.store import DamageStore
from tests.shortcuts import ShortcutRegistry


@pytest.fixture
def iface(qgis_iface, monkeypatch):
    registry = ShortcutRegistry()
    monkeypatch.setattr(qgis_iface, "registerMainWindowAction", registry.register, raising=False)
    monkeypatch.setattr(qgis_iface, "unregisterMainWindowAction", registry.unregister, raising=False)
    qgis_iface.shortcuts = registry
    yield qgis_iface
    del qgis_iface.shortcuts
    QgsProject.instance().removeAllMapLayers()
    QgsProject.instance().layerTreeRoot().removeAllChildren()


@pytest.fixture
def dock(iface, qtbot, built_store):
    from soest_qgis_plugin.roaddamage.dock import RoadDamageDock

    widget = RoadDamageDock(iface)
    qtbot.addWidget(widget)
    widget.resize(460, 1400)
    widget.show()
    assert widget.open_store(str(built_store))
    yield widget
    widget.cleanup()


def test_shortcuts_registered_and_cleanup_unregisters(iface, qtbot):
    from soest_qgis_plugin.roaddamage.dock import RoadDamageDock

    widget = RoadDamageDock(iface)
    qtbot.addWidget(widget)
    shortcuts = {a.objectName(): s for a, s in iface.shortcuts.registered.values()}
    assert shortcuts["SoestRoadDamage_confirm"] == "Alt+Shift+B"
    assert len(shortcuts) == 9
    widget.cleanup()
    assert iface.shortcuts.registered == {}
    widget.cleanup()  # twice is harmless


def test_open_store_shows_queue_photo_layers_and_progress(dock, qtbot):
    assert dock.table_model.rowCount() == 2
    assert dock.table_model.index(0, 1).data() == "Schlagloch"
    assert dock.table_model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "D40 Schlagloch"
    assert dock.progress_label.text() == "0 of 2 reviewed"
    damage = dock.queue.current()
    assert damage["class_name"] == "D40"
    assert dock.photo.pixmap_item is not None and dock.photo.path == damage["key"]["path"]
    rect = dock.photo.highlight.rect()
    key = damage["key"]
    assert (rect.x(), rect.y(), rect.right(), rect.bottom()) == (key["x1"], key["y1"], key["x2"], key["y2"])
    assert dock.strip.count() == 3
    qtbot.waitUntil(lambda: all(not dock.strip.item(i).icon().isNull() for i in range(3)), timeout=5000)
    names = {layer.name() for layer in QgsProject.instance().mapLayers().values()}
    assert {"Road damages", "Detections", "Survey photos"} <= names
    damages_layer = dock.layers["damages"]
    assert damages_layer.selectedFeatureIds() == [damage["fid"]]
    canvas = dock.iface.mapCanvas()
    canvas.resize(400, 300)
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:25832"))
    canvas.setExtent(QgsRectangle(0, 0, 100, 100))
    dock.show_current()
    center = canvas.center()
    assert (center.x(), center.y()) == (pytest.approx(damage["easting"]), pytest.approx(damage["northing"]))


def test_click_confirm_then_next_and_undo(dock, qtbot, built_store):
    first = dock.queue.current_id
    qtbot.mouseClick(dock.action_buttons["confirm"], Qt.MouseButton.LeftButton)
    with DamageStore.open(built_store) as store:
        assert store.damage(first)["status"] == "confirmed"
        assert store.audit(first)[0]["new_value"] == "confirmed"
    assert dock.progress_label.text() == "1 of 2 reviewed"
    assert dock.layers["damages"].getFeature(first)["status"] == "confirmed"  # the map layer sees it
    assert dock.table_model.rowCount() == 1 and dock.queue.current_id != first
    second = dock.queue.current_id
    dock.review_actions["severity"].trigger  # noqa: B018 - exists
    dock.set_severity("mittel")
    dock.comment("Bordstein")
    assert "moderate" in dock.info_label.text() and "Bordstein" in dock.info_label.text()
    dock.review_actions["reject"].trigger()
    assert dock.queue.current() is None
    assert dock.info_label.text() == "No damage in the queue."
    assert not dock.action_buttons["confirm"].isEnabled()
    qtbot.mouseClick(dock.action_buttons["undo"], Qt.MouseButton.LeftButton)
    assert dock.queue.current_id == second
    with DamageStore.open(built_store) as store:
        assert store.damage(second)["status"] == "unreviewed"


def test_filters_and_sort(dock, qtbot):
    dock.status_filter.setCurrentIndex(dock.status_filter.findData("all"))
    assert dock.table_model.rowCount() == 2
    dock.confidence_slider.setValue(50)
    assert dock.table_model.rowCount() == 1
    dock.confidence_slider.setValue(0)
    dock.class_filter.setCurrentIndex(dock.class_filter.findData("D00"))
    assert dock.table_model.rowCount() == 1 and dock.queue.current()["class_name"] == "D00"
    dock.class_filter.setCurrentIndex(0)
    assert dock.drive_filter.count() == 2 and dock.drive_filter.itemData(1) == 1
    dock.drive_filter.setCurrentIndex(1)
    assert dock.table_model.rowCount() == 2
    dock._sort_clicked(1)  # class ascending
    assert dock.table_model.index(0, 1).data() == "Längsriss"


def test_change_class_duplicate_and_screenshot(dock, qtbot):
    ids = list(dock.queue.ids)
    dock.change_class("D20")
    assert dock.queue.current()["class_name"] == "D20"
    dock.mark_duplicate(ids[1])
    assert dock.queue.store.damage(ids[0])["status"] == "duplicate"
    dock.undo()
    dock.undo()
    qtbot.wait(50)
    dock.grab().save("/tmp/roaddamage_dock.png")


def test_detection_runs_as_a_task_and_opens_the_store(iface, qtbot, tmp_path, monkeypatch):
    from soest_qgis_plugin.roaddamage.dock import RoadDamageDock

    from .conftest import FakeDetector, make_drive

    monkeypatch.setattr("soest_qgis_plugin.roaddamage.pipeline.load_detector", lambda *a, **k: FakeDetector())
    widget = RoadDamageDock(iface)
    qtbot.addWidget(widget)
    try:
        widget.images_widget.setFilePath(str(make_drive(tmp_path / "drive")))
        widget.store_widget.setFilePath(str(tmp_path / "neu.gpkg"))
        widget.start_detection()
        assert not widget.detect_button.isEnabled() and widget.cancel_button.isEnabled()
        qtbot.waitUntil(lambda: widget.queue is not None, timeout=60000)
        assert widget.store_path == str(tmp_path / "neu.gpkg")
        assert widget.table_model.rowCount() == 2
        assert widget.detect_button.isEnabled() and not widget.cancel_button.isEnabled()
    finally:
        widget.cleanup()


def test_detection_error_is_shown_and_no_store_written(iface, qtbot, tmp_path, monkeypatch):
    from soest_qgis_plugin.roaddamage.dock import RoadDamageDock

    from .conftest import make_drive

    widget = RoadDamageDock(iface)
    qtbot.addWidget(widget)
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"nope")
    errors = []
    import soest_qgis_plugin.roaddamage.dock as dock_module

    monkeypatch.setattr(dock_module, "show_error", lambda _iface, error, **kw: errors.append(error))
    try:
        widget.images_widget.setFilePath(str(make_drive(tmp_path / "drive", count=2)))
        widget.store_widget.setFilePath(str(tmp_path / "neu.gpkg"))
        widget.model_widget.setFilePath(str(bad))
        widget.start_detection()
        qtbot.waitUntil(lambda: bool(errors), timeout=60000)
    finally:
        widget.cleanup()
    assert "onnx" in str(errors[0]).lower() or "model" in str(errors[0]).lower()
    assert not (tmp_path / "neu.gpkg").exists()
    assert widget.detect_button.isEnabled()


def test_keyboard_shortcuts_trigger_the_actions(dock, qtbot, built_store):
    dock.activateWindow()
    dock.setFocus()
    first = dock.queue.current_id
    qtbot.keyClick(dock.table, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert dock.queue.current_id != first
    qtbot.keyClick(dock.table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert dock.queue.current_id == first
    qtbot.keyClick(dock.table, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    with DamageStore.open(built_store) as store:
        assert store.damage(first)["status"] == "confirmed"
    qtbot.keyClick(dock.table, Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    with DamageStore.open(built_store) as store:
        assert store.damage(first)["status"] == "unreviewed"


def test_cancel_in_the_dock_leaves_no_store(iface, qtbot, tmp_path, monkeypatch):
    import threading

    import soest_qgis_plugin.roaddamage.dock as dock_module
    from soest_qgis_plugin.common.errors import Cancelled
    from soest_qgis_plugin.roaddamage.dock import RoadDamageDock

    from .conftest import FakeDetector, make_drive

    started, release = threading.Event(), threading.Event()

    class SlowDetector(FakeDetector):
        def detect_batch(self, images, conf_threshold=0.05, iou_threshold=0.5):
            started.set()
            release.wait(10)
            return super().detect_batch(images, conf_threshold, iou_threshold)

    monkeypatch.setattr("soest_qgis_plugin.roaddamage.pipeline.load_detector", lambda *a, **k: SlowDetector())
    errors = []
    monkeypatch.setattr(dock_module, "show_error", lambda _iface, error, **kw: errors.append(error))
    widget = RoadDamageDock(iface)
    qtbot.addWidget(widget)
    try:
        widget.images_widget.setFilePath(str(make_drive(tmp_path / "drive", count=12)))
        widget.store_widget.setFilePath(str(tmp_path / "neu.gpkg"))
        widget.start_detection()
        assert started.wait(30)
        qtbot.mouseClick(widget.cancel_button, Qt.MouseButton.LeftButton)
        release.set()
        qtbot.waitUntil(lambda: bool(errors), timeout=30000)
    finally:
        release.set()
        widget.cleanup()
    assert isinstance(errors[0], Cancelled)
    assert not (tmp_path / "neu.gpkg").exists() and widget.queue is None
    assert widget.detect_button.isEnabled()


def test_camera_settings_are_used_for_the_drive(iface, qtbot, tmp_path, monkeypatch):
    import json

    from soest_qgis_plugin.roaddamage.dock import RoadDamageDock

    from .conftest import FakeDetector, make_drive

    monkeypatch.setattr("soest_qgis_plugin.roaddamage.pipeline.load_detector", lambda *a, **k: FakeDetector())
    widget = RoadDamageDock(iface)
    qtbot.addWidget(widget)
    try:
        assert (widget.camera_height.value(), widget.camera_pitch.value(), widget.camera_hfov.value()) == (1.4, 10, 100)
        widget.camera_height.setValue(1.9)
        widget.camera_hfov.setValue(72)
        widget.images_widget.setFilePath(str(make_drive(tmp_path / "drive", count=3)))
        widget.store_widget.setFilePath(str(tmp_path / "neu.gpkg"))
        widget.start_detection()
        qtbot.waitUntil(lambda: widget.queue is not None, timeout=60000)
        camera = json.loads(widget.queue.store.drives()[0]["camera"])
        assert (camera["height"], camera["hfov"]) == (1.9, 72.0)
    finally:
        widget.cleanup()


def test_dock_shows_other_reviewers_decisions_while_open(dock, qtbot, built_store):
    """A second reviewer on the same store confirms a damage: the open dock refreshes by itself."""
    from soest_qgis_plugin.roaddamage.review import ReviewQueue

    assert dock.refresher is not None
    dock.refresher.poll()  # first poll sets the cursor
    before = list(dock.queue.ids)
    other = ReviewQueue(str(built_store), who="kollegin")
    try:
        target = before[-1]
        other.go_to(target)
        other.confirm()
    finally:
        other.close()
    with qtbot.waitSignal(dock.refresher.changed, timeout=5000):
        dock.refresher.poll()
    assert target not in dock.queue.ids  # no longer unreviewed
    assert len(dock.queue.ids) == len(before) - 1


def test_store_picker_opens_a_geopackage_for_review(iface, qtbot, built_store):
    from soest_qgis_plugin.roaddamage.dock import RoadDamageDock

    widget = RoadDamageDock(iface)
    qtbot.addWidget(widget)
    try:
        widget.store_picker.path.setText(str(built_store))
        widget.store_picker.kind.setCurrentIndex(0)
        with qtbot.waitSignal(widget.store_picker.storeOpened, timeout=5000):
            widget.store_picker.open_button.click()
        assert widget.queue is not None and len(widget.queue.ids) > 0
        assert widget.store_path == str(built_store)
    finally:
        widget.cleanup()


def test_dashcam_video_source_in_the_dock(iface, qtbot, tmp_path, monkeypatch):
    from qgis.gui import QgsFileWidget

    from soest_qgis_plugin.roaddamage.dock import RoadDamageDock

    from .conftest import FakeDetector, drive_track, make_video

    pytest.importorskip("cv2")
    monkeypatch.setattr("soest_qgis_plugin.roaddamage.pipeline.load_detector", lambda *a, **k: FakeDetector())
    warnings = []
    monkeypatch.setattr("soest_qgis_plugin.roaddamage.dock.show_warning", lambda _iface, text: warnings.append(text))
    widget = RoadDamageDock(iface)
    qtbot.addWidget(widget)
    widget.show()
    try:
        assert widget.images_widget.storageMode() == QgsFileWidget.StorageMode.GetDirectory
        assert not widget.spacing_spin.isVisible()
        widget.source_combo.setCurrentIndex(widget.source_combo.findData("video"))
        assert widget.images_widget.storageMode() == QgsFileWidget.StorageMode.GetFile
        assert "*.mp4" in widget.images_widget.filter() and widget.spacing_spin.isVisible()
        widget.images_widget.setFilePath(make_video(tmp_path / "fahrt.mp4"))
        widget.store_widget.setFilePath(str(tmp_path / "video.gpkg"))
        widget.start_detection()  # no GPX track yet: refused with a message, nothing started
        assert widget.task is None and warnings and "GPX" in warnings[-1]
        widget.track_widget.setFilePath(str(drive_track(tmp_path / "fahrt.gpx", count=8, extra=0)))
        widget.spacing_spin.setValue(8.0)
        widget.start_detection()
        qtbot.waitUntil(lambda: widget.queue is not None, timeout=60000)
        frames = widget.queue.store.frames()
        assert len(frames) == 4 and {f["position_source"] for f in frames} == {"video"}
    finally:
        widget.cleanup()
