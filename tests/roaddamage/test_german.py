"""German messages and UI of the road damage domain (from i18n/de/roaddamage.tsv, independent of
when the compiled .qm is rebuilt)."""

import sqlite3
from pathlib import Path

import pytest

from soest_qgis_plugin.common.errors import InputError, StoreError
from soest_qgis_plugin.roaddamage import ingest
from soest_qgis_plugin.roaddamage.review import ReviewQueue
from soest_qgis_plugin.roaddamage.store import DamageStore

from .conftest import TSV_DIR, drive_track, make_drive, tsv_translation
from .test_review import SPECS, make_store

OUR_FILES = {
    f"soest_qgis_plugin/roaddamage/{name}.py"
    for name in (
        "algorithms",
        "condition",
        "dedup",
        "dock",
        "exports",
        "geometry",
        "gpkg",
        "ingest",
        "layers",
        "pipeline",
        "review",
        "store",
    )
}


@pytest.fixture
def deutsch(qgis_app):
    with tsv_translation(sorted(TSV_DIR.glob("*.tsv"))) as table:
        yield table


def test_every_road_damage_string_has_german(deutsch):
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(
        "update_translations", Path(__file__).resolve().parents[2] / "tools" / "update_translations.py"
    )
    if spec is None:
        pytest.skip("translation tool not available")
    tool = importlib.util.module_from_spec(spec)
    sys.modules["update_translations"] = tool
    spec.loader.exec_module(tool)
    ours = [text for text, places in tool.extract_strings().items() if any(f in OUR_FILES for f, _ in places)]
    assert ours and [t for t in ours if t not in deutsch] == []


def test_progress_and_review_errors_in_german(deutsch, tmp_path):
    queue = ReviewQueue(make_store(tmp_path / "s.gpkg", SPECS), who="anna")
    try:
        queue.confirm()
        assert queue.progress_text() == "1 von 5 geprüft"
        with pytest.raises(InputError, match="kein Duplikat von sich selbst"):
            queue.mark_duplicate(queue.current_id)
    finally:
        queue.close()


def test_locked_store_message_in_german(deutsch, tmp_path):
    path = tmp_path / "s.gpkg"
    DamageStore.create(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError) as error:
            store = DamageStore.open(path, timeout=0.1)
            with store.transaction():
                pass
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "ist von einem anderen Programm gesperrt" in str(error.value)


def test_gpx_not_overlapping_message_in_german(deutsch, tmp_path):
    import datetime

    from .conftest import START

    folder = make_drive(tmp_path / "d", count=2, gps=False)
    track = drive_track(tmp_path / "t.gpx", start=START + datetime.timedelta(hours=5))
    with pytest.raises(InputError) as error:
        ingest.ingest_photos(folder, track=track)
    assert "überschneidet sich zeitlich nicht" in str(error.value) and "Zeitversatz" in str(error.value)


def test_dock_in_german(deutsch, qgis_iface, qtbot):
    from soest_qgis_plugin.roaddamage.dock import RoadDamageDock

    dock = RoadDamageDock(qgis_iface)
    qtbot.addWidget(dock)
    try:
        assert dock.windowTitle() == "Straßenschäden"
        texts = {button.text() for button in dock.action_buttons.values()}
        assert {"Bestätigen", "Ablehnen", "Klasse ändern…", "Schweregrad…", "Kommentar…", "Duplikat von…"} <= texts
        assert dock.review_actions["confirm"].text() == "Straßenschäden: bestätigen"
    finally:
        dock.cleanup()


def test_dock_fits_a_narrow_panel_in_german(deutsch, qgis_iface, qtbot, built_store):
    from soest_qgis_plugin.roaddamage.dock import RoadDamageDock

    dock = RoadDamageDock(qgis_iface)
    qtbot.addWidget(dock)
    try:
        dock.open_store(str(built_store), add_layers=False)
        content = dock.widget().widget()  # the scroll area's contents
        assert content.minimumSizeHint().width() <= 360  # 380 px panel less its scroll bar
        dock.resize(380, 1450)
        dock.show()
        qtbot.wait(50)
        dock.grab().save("/tmp/roaddamage_dock_de.png")
    finally:
        dock.cleanup()
