"""Where the road damage review works: a GeoPackage file or one of QGIS's PostgreSQL connections.

``StorePicker`` (a small QWidget for the road damage dock) offers "GeoPackage-Datei" and every
saved PostgreSQL connection of QGIS (+ schema) and opens the chosen store (``open_store()``,
signal ``storeOpened``). ``ReviewRefresher`` polls ``changes_since`` with a QTimer while the dock
is open and emits ``changed`` with the damage ids other reviewers decided, writes pending
decisions when the server is back (``pendingChanged``) and reports connection loss (``offline``).
"""

import os

from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..common import postgres, settings
from ..common.errors import InputError, StoreError
from ..common.i18n import tr
from .store import DamageStore

GEOPACKAGE = "gpkg"
SETTINGS_KIND = "roaddamage/store_kind"
SETTINGS_PATH = "roaddamage/store_path"
SETTINGS_SCHEMA = "roaddamage/store_schema"


def gpkg_changes_since(store, since=None):
    """``changes_since`` for a GeoPackage store: audit rows after audit id ``since``.

    SQLite has one writer at a time, so audit ids grow in commit order and the last id is a
    safe cursor. Returns ``(rows, cursor)`` like ``PostgisDamageStore.changes_since``."""
    if since is None:
        row = store.conn.execute("SELECT coalesce(max(fid), 0) FROM audit").fetchone()
        return [], int(row[0])
    rows = [
        dict(r)
        for r in store.conn.execute(
            "SELECT fid, action_id, damage_id, who, at, action, field, old_value, new_value FROM audit "
            "WHERE fid > ? ORDER BY fid",
            (int(since),),
        )
    ]
    cursor = rows[-1]["fid"] if rows else int(since)
    for r in rows:
        r.pop("fid")
    return rows, cursor


def changes_since(store, since=None):
    """Changes of any store kind (PostGIS: its own method; GeoPackage: the audit ids)."""
    method = getattr(store, "changes_since", None)
    if method is not None:
        return method(since)
    return gpkg_changes_since(store, since)


class StorePicker(QWidget):
    """Choose the damage store: a GeoPackage file or a saved PostgreSQL connection + schema."""

    storeOpened = pyqtSignal(object)  # noqa: N815 - Qt signal naming

    def __init__(self, parent=None, journal=None):
        super().__init__(parent)
        self.journal = journal
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Store:")))
        self.kind = QComboBox()
        row.addWidget(self.kind, 1)
        layout.addLayout(row)

        self.file_row = QWidget()
        file_layout = QHBoxLayout(self.file_row)
        file_layout.setContentsMargins(0, 0, 0, 0)
        self.path = QLineEdit()
        self.path.setPlaceholderText(tr("Damage store (GeoPackage, .gpkg)"))
        self.browse = QPushButton(tr("Browse…"))
        self.browse.clicked.connect(self._browse)
        file_layout.addWidget(self.path, 1)
        file_layout.addWidget(self.browse)
        layout.addWidget(self.file_row)

        self.schema_row = QWidget()
        schema_layout = QHBoxLayout(self.schema_row)
        schema_layout.setContentsMargins(0, 0, 0, 0)
        schema_layout.addWidget(QLabel(tr("Schema:")))
        self.schema = QComboBox()
        self.schema.setEditable(True)
        self.load_schemas = QPushButton(tr("Load schemas"))
        self.load_schemas.clicked.connect(self.refresh_schemas)
        schema_layout.addWidget(self.schema, 1)
        schema_layout.addWidget(self.load_schemas)
        layout.addWidget(self.schema_row)

        self.open_button = QPushButton(tr("Open store"))
        self.open_button.clicked.connect(self._open_clicked)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.open_button)
        layout.addWidget(self.status)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.reload_connections()
        self._restore()

    # -- choices
    def reload_connections(self):
        current = self.kind.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(tr("GeoPackage file"), GEOPACKAGE)
        for name in postgres.saved_connection_names():
            self.kind.addItem(tr("PostgreSQL: {name}").format(name=name), name)
        index = self.kind.findData(current) if current is not None else 0
        self.kind.setCurrentIndex(max(index, 0))
        self.kind.blockSignals(False)
        self._kind_changed()

    def connection_name(self):
        data = self.kind.currentData()
        return None if data in (None, GEOPACKAGE) else data

    def _kind_changed(self, *_):
        postgis = self.connection_name() is not None
        self.file_row.setVisible(not postgis)
        self.schema_row.setVisible(postgis)
        if postgis and not self.schema.currentText():
            from .store_postgis import DEFAULT_SCHEMA

            self.schema.setEditText(DEFAULT_SCHEMA)

    def _browse(self):
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("Damage store"),
            self.path.text(),
            tr("GeoPackage (*.gpkg)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.path.setText(path)

    def refresh_schemas(self):
        name = self.connection_name()
        if name is None:
            return []
        try:
            conn = postgres.connect_saved(name)
            try:
                names = postgres.schemas(conn)
            finally:
                conn.close()
        except StoreError as error:
            self.status.setText(str(error))
            return []
        text = self.schema.currentText()
        self.schema.clear()
        self.schema.addItems(names)
        self.schema.setEditText(text)
        return names

    # -- opening
    def open_store(self):
        """The chosen store, opened (PostGIS: schema created/upgraded; with the pending journal)."""
        name = self.connection_name()
        if name is None:
            path = self.path.text().strip()
            if not path:
                raise InputError(tr("Choose a damage store (GeoPackage file)."))
            store = DamageStore.open(path, create=not os.path.exists(path))
            self._remember(GEOPACKAGE, path, None)
            return store
        from .pending import PendingJournal
        from .store_postgis import PostgisDamageStore

        schema = self.schema.currentText().strip()
        journal = self.journal if self.journal is not None else PendingJournal()
        self.journal = journal
        store = PostgisDamageStore.open_saved(name, schema=schema, journal=journal)
        self._remember(name, None, schema)
        return store

    def _open_clicked(self):
        try:
            store = self.open_store()
        except (StoreError, InputError) as error:
            self.status.setText(str(error))
            return
        self.status.setText(tr("Opened: {path}").format(path=store.path))
        self.storeOpened.emit(store)

    def _remember(self, kind, path, schema):
        try:
            settings.set_value(SETTINGS_KIND, kind)
            if path is not None:
                settings.set_value(SETTINGS_PATH, path)
            if schema is not None:
                settings.set_value(SETTINGS_SCHEMA, schema)
        except Exception:  # noqa: BLE001 - remembering is a convenience, never an error
            pass

    def _restore(self):
        try:
            kind = settings.get(SETTINGS_KIND)
            path = settings.get(SETTINGS_PATH)
            schema = settings.get(SETTINGS_SCHEMA)
        except Exception:  # noqa: BLE001
            return
        if path:
            self.path.setText(str(path))
        if schema:
            self.schema.setEditText(str(schema))
        if kind:
            index = self.kind.findData(kind)
            if index >= 0:
                self.kind.setCurrentIndex(index)


class ReviewRefresher(QObject):
    """Polls the store for other reviewers' decisions while the dock is open.

    Signals: ``changed(list)`` damage ids changed by others since the last poll;
    ``pendingChanged(int)`` number of decisions still waiting for the server (after a flush
    attempt); ``conflicts(list)`` messages of pending decisions that met a conflict;
    ``offline(str)`` the server cannot be reached (message); ``online()`` it can again.
    """

    changed = pyqtSignal(list)
    pendingChanged = pyqtSignal(int)  # noqa: N815
    conflicts = pyqtSignal(list)
    offline = pyqtSignal(str)
    online = pyqtSignal()

    def __init__(self, store, who=None, interval_ms=3000, parent=None):
        super().__init__(parent)
        self.store = store
        self.who = who
        self.cursor = None
        self.is_offline = False
        self.timer = QTimer(self)
        self.timer.setInterval(int(interval_ms))
        self.timer.timeout.connect(self.poll)

    def start(self):
        self._safe(lambda: self._init_cursor())
        self.timer.start()

    def stop(self):
        self.timer.stop()

    def _init_cursor(self):
        _, self.cursor = changes_since(self.store, None)

    def _safe(self, call):
        from ..common.postgres import ConnectionLost

        try:
            result = call()
        except ConnectionLost as error:
            if not self.is_offline:
                self.is_offline = True
                self.offline.emit(str(error))
            return None
        if self.is_offline:
            self.is_offline = False
            self.online.emit()
        return result

    def poll(self):
        """One refresh: flush pending decisions, then fetch others' changes. Returns the ids."""
        pending = getattr(self.store, "pending_count", None)
        if pending is not None and pending():
            result = self._safe(self.store.flush_pending)
            if result is not None:
                if result.conflicts:
                    self.conflicts.emit([message for _, message in result.conflicts])
                self.pendingChanged.emit(self.store.pending_count())
        if self.cursor is None:
            self._safe(self._init_cursor)
            return []
        fetched = self._safe(lambda: changes_since(self.store, self.cursor))
        if fetched is None:
            return []
        rows, self.cursor = fetched
        ids = list(dict.fromkeys(r["damage_id"] for r in rows if self.who is None or r["who"] != self.who))
        if ids:
            self.changed.emit(ids)
        return ids
