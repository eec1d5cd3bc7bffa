"""The damage store: GeoPackage that QGIS opens, schema version, transactions, bad stores."""

import os
import sqlite3
import stat

import pytest
from qgis.core import QgsVectorLayer, QgsWkbTypes

from soest_qgis_plugin.common.errors import StoreError
from soest_qgis_plugin.roaddamage.gpkg import blob_point, point_blob
from soest_qgis_plugin.roaddamage.store import SCHEMA_VERSION, DamageStore


def _fill(store):
    with store.transaction():
        drive = store.add_drive("d", "folder")
        frame = store.add_frame(drive, {"seq": 0, "image": "a.jpg", "easting": 438000.0, "northing": 5713700.0})
        ids = store.add_detections(
            drive,
            frame,
            "a.jpg",
            [
                {
                    "class_id": 3,
                    "class_name": "D40",
                    "confidence": 0.8,
                    "x1": 1,
                    "y1": 2,
                    "x2": 30,
                    "y2": 40,
                    "easting": 438005.0,
                    "northing": 5713700.0,
                }
            ],
        )
        store.add_damage(
            drive,
            {
                "class_name": "D40",
                "confidence": 0.8,
                "easting": 438005.0,
                "northing": 5713700.0,
                "key_detection": ids[0],
                "detection_ids": ids,
            },
        )
        store.finish_drive(drive)


def test_point_blob_roundtrip():
    assert blob_point(point_blob(438000.5, 5713700.25)) == (438000.5, 5713700.25)
    assert point_blob(None, 1) is None


def test_qgis_opens_the_point_layers_with_crs_and_fields(tmp_path):
    path = tmp_path / "s.gpkg"
    with DamageStore.create(path) as store:
        _fill(store)
        assert store.schema_version() == SCHEMA_VERSION
    for table in ("frames", "detections", "damages"):
        layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
        assert layer.isValid(), table
        assert layer.crs().authid() == "EPSG:25832"
        assert QgsWkbTypes.geometryType(layer.wkbType()) == QgsWkbTypes.GeometryType.PointGeometry
        assert layer.featureCount() == 1
    detections = QgsVectorLayer(f"{path}|layername=detections", "d", "ogr")
    names = detections.fields().names()
    for field in ("image", "class_name", "confidence", "x1", "y1", "x2", "y2", "frame_id", "drive_id"):
        assert field in names
    feature = next(detections.getFeatures())
    assert feature["image"] == "a.jpg" and feature["confidence"] == pytest.approx(0.8)
    assert feature.geometry().asPoint().x() == pytest.approx(438005.0)
    damages = QgsVectorLayer(f"{path}|layername=damages", "g", "ogr")
    for field in (
        "class_name",
        "confidence",
        "status",
        "severity",
        "comment",
        "duplicate_of",
        "street",
        "reviewer",
        "reviewed_at",
        "key_detection",
        "version",
    ):
        assert field in damages.fields().names()
    for table in ("drives", "audit"):
        assert QgsVectorLayer(f"{path}|layername={table}", table, "ogr").isValid()
    # meta is the store's private table (a TEXT key), not GeoPackage content: see test_geopackage_conformance.py
    assert not QgsVectorLayer(f"{path}|layername=meta", "meta", "ogr").isValid()


def test_error_inside_a_transaction_leaves_nothing(tmp_path):
    path = tmp_path / "s.gpkg"
    with DamageStore.create(path) as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.add_drive("d", "folder")
            raise RuntimeError("boom")
        assert store.count("drives") == 0


def test_missing_and_foreign_files(tmp_path):
    with pytest.raises(StoreError):
        DamageStore.open(tmp_path / "missing.gpkg")
    junk = tmp_path / "junk.gpkg"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError):
        DamageStore.open(junk)
    other = tmp_path / "other.gpkg"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.close()
    with pytest.raises(StoreError, match="not a damage store"):
        DamageStore.open(other)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file_is_a_store_error(tmp_path):
    path = tmp_path / "s.gpkg"
    DamageStore.create(path).close()
    os.chmod(path, stat.S_IREAD)
    with pytest.raises(StoreError, match="read-only"):
        DamageStore.open(path)


def test_read_only_store_is_refused_before_writing(tmp_path, monkeypatch):
    path = tmp_path / "s.gpkg"
    DamageStore.create(path).close()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if os.fspath(p) == str(path) else real_access(p, mode))
    with pytest.raises(StoreError, match="read-only"):
        DamageStore.open(path)


def test_locked_store_is_a_store_error_and_nothing_is_written(tmp_path):
    path = tmp_path / "s.gpkg"
    with DamageStore.create(path) as store:
        _fill(store)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    store = None
    try:
        with pytest.raises(StoreError, match="locked"):
            store = DamageStore.open(path, timeout=0.1)
            with store.transaction():
                store.add_drive("x", "y")
    finally:
        other.execute("ROLLBACK")
        other.close()
        if store is not None:
            store.close()
    with DamageStore.open(path) as store:
        assert store.count("drives") == 1


def test_review_change_is_audited_and_versioned(tmp_path):
    with DamageStore.create(tmp_path / "s.gpkg") as store:
        _fill(store)
        action = store.apply_change(1, {"status": "confirmed", "severity": "schwer"}, "anna", "confirm", 1)
        damage = store.damage(1)
        assert damage["status"] == "confirmed" and damage["version"] == 2
        entries = store.audit(1)
        assert {(e["field"], e["old_value"], e["new_value"]) for e in entries} == {
            ("status", "unreviewed", "confirmed"),
            ("severity", None, "schwer"),
        }
        assert all(e["who"] == "anna" and e["action_id"] == action and e["at"] for e in entries)
        with pytest.raises(StoreError, match="changed by someone else"):
            store.apply_change(1, {"status": "rejected"}, "ben", "reject", expected_version=1)
        assert store.damage(1)["status"] == "confirmed"
        with pytest.raises(ValueError):
            store.apply_change(1, {"geom": None}, "x", "hack")
