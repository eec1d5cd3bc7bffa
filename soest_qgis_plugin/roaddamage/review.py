"""Review queue of a damage store: filter, sort, step through, and confirm/reject/… damages.

Every action is written at once in one transaction together with its audit entries (who, when,
field, old -> new); there is no save step. The queue keeps only the ordered damage ids of the
current filter (one indexed query); moving to another damage reads that damage and its
observations by primary key / index, so it stays fast with tens of thousands of damages.
"""

import contextlib
import getpass

from ..common.errors import InputError, SoestError, StoreError
from ..common.i18n import tr
from .store import SEVERITIES, DamageStore, now_iso

SORT_KEYS = ("confidence", "class_name", "street", "drive_id")


def current_user():
    """The QGIS user name, else the operating system's."""
    try:
        from qgis.core import QgsApplication

        name = QgsApplication.userLoginName()
        if name:
            return name
    except (ImportError, AttributeError):
        pass
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class ReviewQueue:
    def __init__(self, store, who=None):
        self.store = store if isinstance(store, DamageStore) else DamageStore.open(store)
        self.who = who or current_user()
        self.statuses = ("unreviewed",)
        self.classes = None
        self.streets = None
        self.drives = None
        self.min_confidence = None
        self.order = (("confidence", True),)
        self.ids = []
        self.index = 0
        self._current = None
        self._claimed = None
        self.reload()

    def close(self):
        if self._claimed is not None and hasattr(self.store, "release"):
            with contextlib.suppress(SoestError):  # the server may be gone; the lease runs out anyway
                self.store.release(self._claimed, self.who)
        self.store.close()

    # Queue --------------------------------------------------------------------------------
    def set_filter(self, statuses=("unreviewed",), classes=None, streets=None, drives=None, min_confidence=None):
        self.statuses = tuple(statuses) if statuses else None
        self.classes, self.streets, self.drives = classes, streets, drives
        self.min_confidence = min_confidence
        self.reload()

    def set_order(self, key, descending=False):
        if key not in SORT_KEYS:
            raise ValueError(key)
        self.order = ((key, descending), ("confidence", True)) if key != "confidence" else ((key, descending),)
        self.reload()

    def reload(self, keep=None):
        keep = keep if keep is not None else self.current_id
        self.ids = self.store.damage_ids(
            statuses=self.statuses,
            classes=self.classes,
            streets=self.streets,
            drives=self.drives,
            min_confidence=self.min_confidence,
            order=self.order,
        )
        self._position = {damage_id: i for i, damage_id in enumerate(self.ids)}
        self.index = self._position.get(keep, 0) if self.ids else 0
        self._current = None
        self._claim_current()

    def _claim_current(self, step=1):
        """On a shared store (PostGIS): hold the damage shown, skipping those another reviewer holds,
        and give the previous one back. A GeoPackage store has no claims: nothing to do."""
        claim = getattr(self.store, "claim", None)
        if claim is None or not self.ids:
            return
        start = self.index
        while not self._try_claim(claim, self.ids[self.index]):
            following = self.index + step
            if not 0 <= following < len(self.ids):
                self.index = start  # everything ahead is held by others: stay (writes will report it)
                break
            self.index = following
        held = self.ids[self.index]
        if self._claimed not in (None, held):
            with contextlib.suppress(SoestError):
                self.store.release(self._claimed, self.who)
        self._claimed = held

    def _try_claim(self, claim, damage_id):
        try:
            return claim(damage_id, self.who)
        except SoestError:
            # Offline: review goes on from what was read; the pending decisions meet any
            # other reviewer's decision as a conflict when they are written.
            return True

    def __len__(self):
        return len(self.ids)

    @property
    def current_id(self):
        ids = getattr(self, "ids", None)
        return ids[self.index] if ids and 0 <= self.index < len(ids) else None

    def current(self):
        """The current damage with its observations and the key photo's other boxes (or None)."""
        damage_id = self.current_id
        if damage_id is None:
            return None
        if self._current is not None and self._current["fid"] == damage_id:
            return self._current
        damage = self.store.damage(damage_id)
        if damage is None:
            return None
        damage["observations"] = self.store.observations(damage_id)
        key = next((o for o in damage["observations"] if o["fid"] == damage["key_detection"]), None)
        damage["key"] = key or (damage["observations"][0] if damage["observations"] else None)
        damage["frame_boxes"] = self.store.frame_detections(damage["key"]["frame_id"]) if damage["key"] else []
        self._current = damage
        return damage

    def go_to(self, damage_id):
        if damage_id in self._position:
            self.index = self._position[damage_id]
            self._claim_current()
            return True
        return False

    def next(self):
        if self.index + 1 < len(self.ids):
            self.index += 1
            self._claim_current()
            return True
        return False

    def previous(self):
        if self.index > 0:
            self.index -= 1
            self._claim_current(step=-1)
            return True
        return False

    def progress(self):
        counts = self.store.status_counts()
        total = sum(counts.values())
        return total - counts["unreviewed"], total

    def progress_text(self):
        done, total = self.progress()
        return tr("{done} of {total} reviewed").format(done=done, total=total)

    # Actions ------------------------------------------------------------------------------
    def _change(self, changes, action, advance):
        damage = self.current()
        if damage is None:
            raise InputError(tr("No damage selected."))
        if "status" in changes:
            changes.update(reviewer=self.who, reviewed_at=now_iso())
        try:
            self.store.apply_change(damage["fid"], changes, self.who, action, expected_version=damage["version"])
        except StoreError:
            self._current = None
            raise
        self._current = None
        self._after_change(damage["fid"], advance)
        return damage["fid"]

    def _after_change(self, damage_id, advance):
        """Drop a damage that no longer matches the status filter; else optionally step on."""
        if self.statuses is not None:
            status = self.store.damage(damage_id)["status"]
            if status not in self.statuses and damage_id in self._position:
                i = self._position[damage_id]
                del self.ids[i]
                self._position = {d: j for j, d in enumerate(self.ids)}
                self.index = min(i, max(len(self.ids) - 1, 0))
                self._claim_current()
                return
        if advance:
            self.next()

    def confirm(self, severity=None, advance=True):
        changes = {"status": "confirmed"}
        if severity is not None:
            changes["severity"] = self._severity(severity)
        return self._change(changes, "confirm", advance)

    def reject(self, advance=True):
        return self._change({"status": "rejected", "duplicate_of": None}, "reject", advance)

    def set_class(self, class_name):
        if not class_name:
            raise InputError(tr("Choose a damage class."))
        return self._change({"class_name": str(class_name)}, "class", False)

    def set_severity(self, severity):
        return self._change({"severity": self._severity(severity)}, "severity", False)

    def set_comment(self, text):
        return self._change({"comment": text or None}, "comment", False)

    def mark_duplicate(self, of_id, advance=True):
        damage = self.current()
        try:
            of_id = int(of_id)
        except (TypeError, ValueError):
            raise InputError(tr("Damage {id} does not exist in the store.").format(id=of_id)) from None
        if damage is not None and of_id == damage["fid"]:
            raise InputError(tr("A damage cannot be a duplicate of itself."))
        if self.store.damage(of_id) is None:
            raise InputError(tr("Damage {id} does not exist in the store.").format(id=of_id))
        return self._change({"status": "duplicate", "duplicate_of": of_id}, "duplicate", advance)

    def undo(self):
        """Undo this user's last action; the damage becomes current again. Returns its id or None."""
        last = self.store.last_action(self.who)
        if last is None:
            return None
        damage_id = self.store.undo_action(last[0], self.who)
        self._current = None
        if damage_id not in self._position:
            self.reload(keep=damage_id)
        self.go_to(damage_id)
        return damage_id

    @staticmethod
    def _severity(value):
        if value not in SEVERITIES:
            raise InputError(tr("Unknown severity: {value}").format(value=value))
        return value
