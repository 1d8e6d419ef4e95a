"""Dossiers (hồ sơ kiểm điểm): one per unit and one per managed cadre per cycle.

States: draft → complete → signed_off (locked, snapshot hash) → exported → received.
Every change is one transaction with its audit record. A signed-off dossier is
read-only until an explicit, audited reopen.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from chilinh_desktop.core.attachments import put_attachment
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dossier_state import LOCKED_STATES, DossierState
from chilinh_desktop.core.errors import NotFoundError, StateError, ValidationError
from chilinh_desktop.core.officials import Official, get_official
from chilinh_desktop.core.requirements import ItemState, ItemStatus, applies_to_unit, item_statuses
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.text import clean_line, normalize_tree
from chilinh_desktop.core.units import Unit, get_unit, unit_tree
from chilinh_desktop.i18n import _


@dataclass(frozen=True)
class Dossier:
    """One subject's dossier in one cycle."""

    id: str
    cycle_id: str
    unit_id: str
    official_id: str | None
    state: DossierState
    snapshot_sha256: str | None
    signed_off_by: str | None
    signed_off_at: str | None

    @property
    def scope(self) -> str:
        """'unit' for a collective dossier, 'official' for a cadre's."""
        return "official" if self.official_id else "unit"

    @property
    def locked(self) -> bool:
        """Whether the dossier is signed off (or beyond) and so read-only."""
        return self.state in LOCKED_STATES


@dataclass(frozen=True)
class ItemFile:
    """One attached file of an item: the stored bytes' SHA-256 and the name it was chosen under."""

    sha256: str
    name: str


@dataclass(frozen=True)
class StoredItem:
    """The stored content of one dossier item (`item_id`: the cycle's item, e.g. "self_review")."""

    item_id: str
    state: ItemState
    form_id: str | None
    form_version: str | None
    answers: dict[str, Any] | None
    exempt_reason: str | None
    updated_at: str
    updated_by: str
    files: tuple[ItemFile, ...] = ()  # an attachment item's files, in order

    @property
    def attachment_sha256(self) -> str | None:
        """The first attached file's SHA-256, or None."""
        return self.files[0].sha256 if self.files else None

    @property
    def attachment_name(self) -> str | None:
        """The first attached file's name, or None."""
        return self.files[0].name if self.files else None


_DOSSIER_COLUMNS = "id, cycle_id, unit_id, official_id, state, snapshot_sha256, signed_off_by, signed_off_at"


def _row_to_dossier(row) -> Dossier:
    return Dossier(row[0], row[1], row[2], row[3], DossierState(row[4]), row[5], row[6], row[7])


def unit_attributes(unit: Unit) -> dict[str, Any]:
    """The record attributes that item rules test for a unit."""
    return {"type": unit.type, "grassroots": unit.grassroots}


def official_attributes(official: Official) -> dict[str, Any]:
    """The record attributes that item rules test for a cadre."""
    return {
        "tier": official.tier,
        "deputy_head_or_above": official.deputy_head_or_above,
        "asset_declaration_required": official.asset_declaration_required,
        "residence_exempt_reason": official.residence_exempt_reason,
    }


def ensure_dossiers(store: Store, cycle: Cycle, *, actor: str = "system") -> int:
    """Create the missing dossiers of the cycle: every unit that owes one, every managed cadre."""
    existing = {row[0] for row in store.db.execute("SELECT subject_key FROM dossiers WHERE cycle_id = ?", [cycle.id])}
    now = store.now_text()
    rows = []
    tree = unit_tree(store, cycle.tree_date)
    for node in tree.walk():
        key = f"unit:{node.unit.id}"
        if key not in existing and applies_to_unit(cycle, unit_attributes(node.unit)):
            rows.append({"subject_key": key, "unit_id": node.unit.id, "official_id": None})
    placeholders = ",".join("?" * len(cycle.managed_tiers))
    for official_id, unit_id in store.db.execute(
        f"SELECT id, unit_id FROM officials WHERE active = 1 AND tier IN ({placeholders})", list(cycle.managed_tiers)
    ):
        key = f"official:{official_id}"
        if key not in existing:
            rows.append({"subject_key": key, "unit_id": unit_id, "official_id": official_id})
    with store.atomic():
        store.db["dossiers"].insert_all(
            {"id": str(uuid.uuid4()), "cycle_id": cycle.id, "state": DossierState.DRAFT.value, "updated_at": now, **r}
            for r in rows
        )
        if rows:
            store.audit(actor, "dossier.create", f"cycle:{cycle.id}", count=len(rows))
    return len(rows)


def find_dossier(
    store: Store, cycle: Cycle, *, unit_code: str | None = None, official_id: str | None = None
) -> Dossier:
    """The collective dossier of a unit, or the dossier of a cadre, in this cycle."""
    if official_id is not None:
        key = f"official:{get_official(store, official_id).id}"
    elif unit_code is not None:
        key = f"unit:{get_unit(store, unit_code).id}"
    else:
        raise ValueError("unit_code or official_id is needed")
    row = store.db.execute(
        f"SELECT {_DOSSIER_COLUMNS} FROM dossiers WHERE cycle_id = ? AND subject_key = ?", [cycle.id, key]
    ).fetchone()
    if row is None:
        raise NotFoundError(_("There is no dossier for this subject in the cycle {cycle}.", cycle=cycle.id),
                            code="dossier.unknown")
    return _row_to_dossier(row)


def get_dossier(store: Store, dossier_id: str) -> Dossier:
    """The dossier with this id."""
    row = store.db.execute(f"SELECT {_DOSSIER_COLUMNS} FROM dossiers WHERE id = ?", [dossier_id]).fetchone()
    if row is None:
        raise NotFoundError(_("There is no dossier with the id {id}.", id=dossier_id), code="dossier.unknown")
    return _row_to_dossier(row)


def stored_items(store: Store, dossier_id: str) -> dict[str, StoredItem]:
    """Every stored item of a dossier, by item id."""
    files: dict[str, list[ItemFile]] = {}
    for kind, sha256, name in store.db.execute(
        "SELECT i.kind, f.sha256, f.name FROM item_files f JOIN dossier_items i ON i.id = f.item_id "
        "WHERE i.dossier_id = ? ORDER BY i.kind, f.position",
        [dossier_id],
    ):
        files.setdefault(kind, []).append(ItemFile(sha256, name))
    result = {}
    for row in store.db.execute(
        "SELECT kind, state, form_id, form_version, answers, exempt_reason, updated_at, updated_by "
        "FROM dossier_items WHERE dossier_id = ?",
        [dossier_id],
    ):
        result[row[0]] = StoredItem(
            row[0], ItemState(row[1]), row[2], row[3], json.loads(row[4]) if row[4] else None,
            row[5], row[6], row[7], tuple(files.get(row[0], ())),
        )
    return result


def dossier_statuses(store: Store, cycle: Cycle, dossier: Dossier) -> list[ItemStatus]:
    """What each item of this dossier is owed and where it stands."""
    if dossier.official_id:
        attributes = official_attributes(get_official(store, dossier.official_id))
    else:
        attributes = unit_attributes(get_unit_by_id(store, dossier.unit_id))
    stored = {item_id: (item.state, item.exempt_reason) for item_id, item in stored_items(store, dossier.id).items()}
    return item_statuses(cycle, dossier.scope, attributes, stored)


def get_unit_by_id(store: Store, unit_id: str) -> Unit:
    """The unit with this UUID."""
    row = store.db.execute("SELECT code FROM units WHERE id = ?", [unit_id]).fetchone()
    if row is None:
        raise NotFoundError(_("There is no unit with the id {id}.", id=unit_id), code="unit.unknown")
    return get_unit(store, row[0])


def _editable(store: Store, cycle: Cycle, dossier_id: str, item_id: str) -> Dossier:
    dossier = get_dossier(store, dossier_id)
    if dossier.locked:
        raise StateError(
            _("This dossier was signed off and is read-only. Reopen it first if it must change."),
            code="dossier.locked",
        )
    item = cycle.item(item_id)
    if item.scope != dossier.scope:
        raise ValidationError(_("The item {item} does not belong to this kind of dossier.", item=item.name),
                              [("kind", item_id)])
    return dossier


def _write_item(store: Store, cycle: Cycle, dossier: Dossier, item_id: str, actor: str, action: str,
                files: list[ItemFile] | None = None, **values) -> None:
    """Write an item's row; `files` (for an attached item) replaces its file list, otherwise the list is emptied."""
    now = store.now_text()
    row = {
        "dossier_id": dossier.id, "kind": item_id, "form_id": None, "form_version": None, "answers": None,
        "exempt_reason": None, "updated_at": now, "updated_by": actor, **values,
    }
    store.db.execute(
        "INSERT INTO dossier_items (dossier_id, kind, state, form_id, form_version, answers, "
        "exempt_reason, updated_at, updated_by) VALUES (:dossier_id, :kind, :state, :form_id, "
        ":form_version, :answers, :exempt_reason, :updated_at, :updated_by) "
        "ON CONFLICT (dossier_id, kind) DO UPDATE SET state = excluded.state, form_id = excluded.form_id, "
        "form_version = excluded.form_version, answers = excluded.answers, "
        "exempt_reason = excluded.exempt_reason, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        row,
    )
    row_id = store.db.execute("SELECT id FROM dossier_items WHERE dossier_id = ? AND kind = ?",
                              [dossier.id, item_id]).fetchone()[0]
    store.db.execute("DELETE FROM item_files WHERE item_id = ?", [row_id])
    for position, item_file in enumerate(files or [], start=1):
        store.db.execute("INSERT INTO item_files (item_id, position, sha256, name) VALUES (?, ?, ?, ?)",
                         [row_id, position, item_file.sha256, item_file.name])
    detail = {"files": [f.sha256 for f in files]} if files is not None else {}
    store.audit(actor, action, f"dossier:{dossier.id}", item=item_id, state=values.get("state"), **detail)
    _refresh_state(store, cycle, dossier)


def _refresh_state(store: Store, cycle: Cycle, dossier: Dossier) -> None:
    statuses = dossier_statuses(store, cycle, dossier)
    complete = all(s.done for s in statuses if s.counts)
    state = DossierState.COMPLETE if complete else DossierState.DRAFT
    store.db.execute("UPDATE dossiers SET state = ?, updated_at = ? WHERE id = ?",
                     [state.value, store.now_text(), dossier.id])


def save_answers(
    store: Store, cycle: Cycle, dossier_id: str, item_id: str, answers: dict[str, Any], *,
    form_id: str, form_version: str, complete: bool, actor: str,
) -> None:
    """Store a form item's answers (NFC) as draft or complete; the form engine validated them."""
    with store.atomic():
        dossier = _editable(store, cycle, dossier_id, item_id)
        _write_item(
            store, cycle, dossier, item_id, actor, "item.answers",
            state=(ItemState.COMPLETE if complete else ItemState.DRAFT).value,
            form_id=form_id, form_version=form_version,
            answers=json.dumps(normalize_tree(answers), ensure_ascii=False, sort_keys=True),
        )


def attach_file(
    store: Store, cycle: Cycle, dossier_id: str, item_id: str, data: bytes, filename: str, *, actor: str
) -> str:
    """Add a PDF or image after the item's other files (stored once by content); return its SHA-256.

    The same file twice in one item is refused: it is almost always a page added again by mistake.
    """
    with store.atomic():
        dossier = _editable(store, cycle, dossier_id, item_id)
        digest = put_attachment(store, data)
        current = stored_items(store, dossier.id).get(item_id)
        files = list(current.files) if current is not None and current.state is ItemState.ATTACHED else []
        if any(f.sha256 == digest for f in files):
            raise ValidationError(_("This file is already attached to “{item}”.", item=cycle.item(item_id).short_name),
                                  [("file", clean_line(filename))])
        files.append(ItemFile(digest, clean_line(filename)))
        _write_item(store, cycle, dossier, item_id, actor, "item.attach", files, state=ItemState.ATTACHED.value)
    return digest


def set_item_files(store: Store, cycle: Cycle, dossier_id: str, item_id: str, files: list[ItemFile], *,
                   actor: str) -> None:
    """Make an item's files exactly `files` (stored already), in order; none clears the item.

    Removing one file and undoing a change both come here, so the audit trail shows every list.
    """
    with store.atomic():
        dossier = _editable(store, cycle, dossier_id, item_id)
        for item_file in files:
            if store.db.execute("SELECT 1 FROM attachments WHERE sha256 = ?", [item_file.sha256]).fetchone() is None:
                raise NotFoundError(_("The attached file {id} is not in the data file.", id=item_file.sha256[:12]))
        if not files:
            store.db.execute("DELETE FROM dossier_items WHERE dossier_id = ? AND kind = ?", [dossier.id, item_id])
            store.audit(actor, "item.clear", f"dossier:{dossier.id}", item=item_id)
            _refresh_state(store, cycle, dossier)
            return
        _write_item(store, cycle, dossier, item_id, actor, "item.files", list(files), state=ItemState.ATTACHED.value)


def set_exempt(store: Store, cycle: Cycle, dossier_id: str, item_id: str, reason: str, *, actor: str) -> None:
    """Waive an item for this subject, with the reason that will be shown and printed."""
    reason = clean_line(reason)
    if not reason:
        raise ValidationError(_("An exemption needs a reason."), [("reason", "")])
    with store.atomic():
        dossier = _editable(store, cycle, dossier_id, item_id)
        _write_item(store, cycle, dossier, item_id, actor, "item.exempt", state=ItemState.EXEMPT.value,
                    exempt_reason=reason)


def clear_item(store: Store, cycle: Cycle, dossier_id: str, item_id: str, *, actor: str) -> None:
    """Remove an item's content (the attachment bytes stay for the audit trail)."""
    with store.atomic():
        dossier = _editable(store, cycle, dossier_id, item_id)
        store.db.execute("DELETE FROM dossier_items WHERE dossier_id = ? AND kind = ?", [dossier.id, item_id])
        store.audit(actor, "item.clear", f"dossier:{dossier.id}", item=item_id)
        _refresh_state(store, cycle, dossier)


def missing_items(store: Store, cycle: Cycle, dossier: Dossier) -> list[ItemStatus]:
    """Required items that are not done yet."""
    return [s for s in dossier_statuses(store, cycle, dossier) if s.counts and not s.done]


def snapshot_hash(store: Store, dossier_id: str) -> str:
    """A SHA-256 over what a sign-off vouches for: item states, answers, attachment hashes, and the ratings.

    The unit's own rating records (self-rating, proposal, discipline, targets, exclusions, its
    classification report and commendations) are part of it, so they cannot change unnoticed after
    sign-off; the competent level's decision is not, since it is taken after the dossier leaves.
    """
    dossier = get_dossier(store, dossier_id)
    content = [
        # One file is hashed as its SHA-256 alone, so dossiers signed before items held several keep their hash.
        [item.item_id, item.state.value, item.form_id, item.form_version, item.answers,
         item.attachment_sha256 if len(item.files) <= 1 else [f.sha256 for f in item.files],
         item.exempt_reason]
        for item in sorted(stored_items(store, dossier_id).values(), key=lambda i: i.item_id)
    ]
    from chilinh_desktop.core.ratings import signed_rating_content  # ratings load their rule sets: not at start-up

    ratings = signed_rating_content(store, dossier.cycle_id, _dossier_subject_key(dossier))
    if ratings:  # dossiers without ratings keep the hash they had before ratings existed
        content = {"items": content, "ratings": ratings}
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _dossier_subject_key(dossier: Dossier) -> str:
    return f"official:{dossier.official_id}" if dossier.official_id else f"unit:{dossier.unit_id}"


def sign_off(store: Store, cycle: Cycle, dossier_id: str, *, by: str) -> Dossier:
    """Lock a complete dossier, recording who signed it off, when, and a hash of what was signed."""
    by = clean_line(by)
    if not by:
        raise ValidationError(_("Say who signs the dossier off."), [("by", "")])
    with store.atomic():
        dossier = get_dossier(store, dossier_id)
        if dossier.locked:
            raise StateError(_("This dossier is already signed off."), code="dossier.locked")
        missing = missing_items(store, cycle, dossier)
        if missing:
            raise ValidationError(
                _("The dossier cannot be signed off: {count} required items are missing.", count=len(missing)),
                [(s.item.id, s.item.name) for s in missing],
            )
        return lock_checked(store, dossier, by=by)


def lock_checked(store: Store, dossier: Dossier, *, by: str) -> Dossier:
    """Lock a dossier the caller found open and complete in this same transaction (ops/signoff.py)."""
    with store.atomic():
        digest = snapshot_hash(store, dossier.id)
        store.db.execute(
            "UPDATE dossiers SET state = ?, snapshot_sha256 = ?, signed_off_by = ?, signed_off_at = ?, "
            "updated_at = ? WHERE id = ?",
            [DossierState.SIGNED_OFF.value, digest, by, store.now_text(), store.now_text(), dossier.id],
        )
        store.audit(by, "dossier.sign_off", f"dossier:{dossier.id}", snapshot=digest)
    return get_dossier(store, dossier.id)


def reopen(store: Store, cycle: Cycle, dossier_id: str, *, by: str, reason: str) -> Dossier:
    """Unlock a signed-off dossier for changes; who, when and why are recorded."""
    reason = clean_line(reason)
    if not reason:
        raise ValidationError(_("Reopening a signed-off dossier needs a reason."), [("reason", "")])
    with store.atomic():
        dossier = get_dossier(store, dossier_id)
        if not dossier.locked:
            raise StateError(_("This dossier is not signed off; it can be edited already."), code="dossier.open")
        store.db.execute(
            "UPDATE dossiers SET state = ?, snapshot_sha256 = NULL, signed_off_by = NULL, signed_off_at = NULL, "
            "updated_at = ? WHERE id = ?",
            [DossierState.DRAFT.value, store.now_text(), dossier.id],
        )
        store.audit(clean_line(by) or "?", "dossier.reopen", f"dossier:{dossier.id}", reason=reason,
                    previous_state=dossier.state.value, previous_snapshot=dossier.snapshot_sha256)
        _refresh_state(store, cycle, dossier)
    return get_dossier(store, dossier_id)


def mark_exported(store: Store, dossier_ids: list[str], package_id: str, *, actor: str) -> None:
    """Record that signed-off dossiers left in a package."""
    with store.atomic():
        for dossier_id in dossier_ids:
            dossier = get_dossier(store, dossier_id)
            if not dossier.locked:
                raise StateError(_("Only signed-off dossiers can be exported."), code="dossier.not_signed")
            store.db.execute("UPDATE dossiers SET state = ?, package_id = ?, updated_at = ? WHERE id = ?",
                             [DossierState.EXPORTED.value, package_id, store.now_text(), dossier_id])
            store.audit(actor, "dossier.export", f"dossier:{dossier_id}", package=package_id)


def mark_received(store: Store, dossier_ids: list[str], *, actor: str) -> None:
    """Record the Board's receipt of exported dossiers."""
    with store.atomic():
        for dossier_id in dossier_ids:
            store.db.execute("UPDATE dossiers SET state = ?, received_at = ?, updated_at = ? WHERE id = ?",
                             [DossierState.RECEIVED.value, store.now_text(), store.now_text(), dossier_id])
            store.audit(actor, "dossier.receive", f"dossier:{dossier_id}")


def audit_trail(store: Store, subject: str) -> list[dict[str, Any]]:
    """The audit records of one subject, oldest first."""
    return [
        {"at": r[0], "actor": r[1], "action": r[2], "detail": json.loads(r[3])}
        for r in store.db.execute(
            "SELECT at, actor, action, detail FROM audit WHERE subject = ? ORDER BY id", [subject]
        )
    ]
