"""Review queue: order, filters, actions written at once with audit, undo, progress."""

import pytest

from soest_qgis_plugin.common.errors import InputError, StoreError
from soest_qgis_plugin.roaddamage.review import ReviewQueue
from soest_qgis_plugin.roaddamage.store import DamageStore


def make_store(path, specs):
    """``specs``: [(class_name, confidence, street, drive)] -> store with one detection per damage."""
    with DamageStore.create(path) as store, store.transaction():
        drives = {}
        for i, (cls, conf, street, drive) in enumerate(specs):
            if drive not in drives:
                drives[drive] = store.add_drive(f"drive {drive}", "folder")
            frame = store.add_frame(
                drives[drive],
                {
                    "seq": i,
                    "image": f"{i}.jpg",
                    "path": f"/nowhere/{i}.jpg",
                    "easting": 438000.0 + i,
                    "northing": 5713700.0,
                },
            )
            ids = store.add_detections(
                drives[drive],
                frame,
                f"{i}.jpg",
                [
                    {
                        "class_id": 0,
                        "class_name": cls,
                        "confidence": conf,
                        "x1": 10,
                        "y1": 10,
                        "x2": 50,
                        "y2": 40,
                        "easting": 438000.0 + i,
                        "northing": 5713705.0,
                    }
                ],
            )
            store.add_damage(
                drives[drive],
                {
                    "class_name": cls,
                    "confidence": conf,
                    "easting": 438000.0 + i,
                    "northing": 5713705.0,
                    "key_detection": ids[0],
                    "detection_ids": ids,
                    "street": street,
                },
            )
    return path


SPECS = [
    ("D40", 0.9, "Brüderstraße", 1),
    ("D00", 0.5, "Nöttenstraße", 1),
    ("D20", 0.7, "Brüderstraße", 2),
    ("D40", 0.3, "Am Markt", 2),
    ("D10", 0.8, None, 2),
]


@pytest.fixture
def queue(tmp_path):
    q = ReviewQueue(make_store(tmp_path / "s.gpkg", SPECS), who="anna")
    yield q
    q.close()


def test_queue_is_unreviewed_by_confidence_with_progress(queue):
    assert queue.ids == [1, 5, 3, 2, 4]
    assert queue.current()["fid"] == 1
    assert queue.progress() == (0, 5)
    assert queue.progress_text() == "0 of 5 reviewed"
    damage = queue.current()
    assert damage["key"]["image"] == "0.jpg" and len(damage["observations"]) == 1
    assert [b["fid"] for b in damage["frame_boxes"]] == [1]


def test_sort_and_filters(queue):
    queue.set_order("class_name")
    assert [queue.store.damage(i)["class_name"] for i in queue.ids] == ["D00", "D10", "D20", "D40", "D40"]
    queue.set_order("street", descending=True)
    assert queue.store.damage(queue.ids[0])["street"] == "Nöttenstraße"
    queue.set_order("drive_id")
    assert [queue.store.damage(i)["drive_id"] for i in queue.ids] == [1, 1, 2, 2, 2]
    queue.set_filter(classes=["D40"])
    assert queue.ids == [1, 4]
    queue.set_filter(min_confidence=0.6)
    assert sorted(queue.ids) == [1, 3, 5]
    queue.set_filter(streets=["Brüderstraße"], drives=[2])
    assert queue.ids == [3]
    with pytest.raises(ValueError):
        queue.set_order("geom; DROP TABLE damages")


def test_confirm_is_written_at_once_audited_and_moves_on(queue, tmp_path):
    assert queue.confirm(severity="mittel") == 1
    assert queue.current_id == 5 and 1 not in queue.ids
    assert queue.progress_text() == "1 of 5 reviewed"
    # a second, independent connection sees it at once: no save step
    with DamageStore.open(tmp_path / "s.gpkg") as other:
        damage = other.damage(1)
        assert damage["status"] == "confirmed" and damage["severity"] == "mittel"
        assert damage["reviewer"] == "anna" and damage["reviewed_at"]
        fields = {(a["field"], a["old_value"], a["new_value"], a["who"]) for a in other.audit(1)}
    assert ("status", "unreviewed", "confirmed", "anna") in fields
    assert ("severity", None, "mittel", "anna") in fields


def test_reject_class_severity_comment_duplicate(queue):
    queue.set_class("D20")
    assert queue.current()["class_name"] == "D20" and queue.current()["detected_class"] == "D40"
    queue.set_severity("schwer")
    queue.set_comment("Gehweg-Kante")
    damage = queue.current()
    assert (damage["severity"], damage["comment"], damage["status"]) == ("schwer", "Gehweg-Kante", "unreviewed")
    with pytest.raises(InputError):
        queue.set_severity("katastrophal")
    queue.reject()
    assert queue.store.damage(1)["status"] == "rejected"
    assert queue.current_id == 5
    with pytest.raises(InputError):
        queue.mark_duplicate(5)  # itself
    with pytest.raises(InputError):
        queue.mark_duplicate(999)
    queue.mark_duplicate(3)
    assert queue.store.damage(5)["status"] == "duplicate" and queue.store.damage(5)["duplicate_of"] == 3
    actions = [a["action"] for a in queue.store.audit()]
    assert actions.count("class") == 1 and "duplicate" in actions and "reject" in actions


def test_undo_restores_and_brings_the_damage_back(queue):
    queue.confirm(severity="leicht")
    queue.reject()
    assert queue.progress() == (2, 5)
    assert queue.undo() == 5
    assert queue.current_id == 5 and queue.store.damage(5)["status"] == "unreviewed"
    assert queue.undo() == 1
    damage = queue.store.damage(1)
    assert damage["status"] == "unreviewed" and damage["severity"] is None and damage["reviewer"] is None
    assert queue.progress() == (0, 5)
    assert queue.undo() is None  # nothing left
    undo_entries = [a for a in queue.store.audit(1) if a["action"] == "undo"]
    assert {(a["field"], a["old_value"], a["new_value"]) for a in undo_entries} >= {
        ("status", "confirmed", "unreviewed")
    }


def test_undo_only_undoes_own_actions(queue, tmp_path):
    other = ReviewQueue(tmp_path / "s.gpkg", who="ben")
    try:
        queue.confirm()
        assert other.undo() is None
    finally:
        other.close()


def test_concurrent_change_is_detected(queue, tmp_path):
    queue.current()
    other = ReviewQueue(tmp_path / "s.gpkg", who="ben")
    try:
        other.reject()
    finally:
        other.close()
    with pytest.raises(StoreError, match="changed by someone else"):
        queue.confirm()
    assert queue.store.damage(1)["status"] == "rejected"


def test_navigation(queue):
    assert not queue.previous()
    assert queue.next() and queue.current_id == 5
    assert queue.go_to(4) and queue.current()["fid"] == 4
    assert not queue.next()
    assert not queue.go_to(12345)


def test_all_statuses_filter_keeps_reviewed_items_and_steps_on(queue):
    queue.set_filter(statuses=None)
    queue.confirm()
    assert len(queue) == 5 and queue.current_id == 5


def test_empty_queue(tmp_path):
    q = ReviewQueue(make_store(tmp_path / "e.gpkg", []), who="x")
    try:
        assert q.current() is None and q.progress() == (0, 0)
        with pytest.raises(InputError):
            q.confirm()
    finally:
        q.close()


def test_undo_does_not_overwrite_a_later_change_by_someone_else(queue, tmp_path):
    queue.confirm()
    other = ReviewQueue(tmp_path / "s.gpkg", who="ben")
    try:
        other.set_filter(statuses=None)
        other.go_to(1)
        other.reject()
    finally:
        other.close()
    with pytest.raises(StoreError, match="changed again"):
        queue.undo()
    assert queue.store.damage(1)["status"] == "rejected"
