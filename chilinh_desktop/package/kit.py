"""The cycle kit (bộ tài liệu đợt kiểm điểm): what the Board sends every unit to set up the cycle.

A kit is a signed bag like a submission package. Its payload: kit.json (the Board's public
keys and name), cycle.json (the cycle definition in force), forms/ (the form, scales and rule-set
definitions the cycle uses, byte for byte; the unit stores them and uses them instead of its
program's own), units.json (the unit tree of the cycle's year) and officials.json (the
managed cadres, so a cadre has the same id at the unit and at the Board). Party member data is
classified, so a kit made for one unit carries only that unit's subtree's cadres, and a
whole-city kit (the same file for every unit) carries none. A unit installation
trusts the Board key of its first kit once a person has compared its fingerprint with the one
printed in the dispatch; any later kit signed by another key is refused.

Year two (issue 17): a kit of a new cycle adds it next to the cycles the installation holds. The
earlier cycles, their dossiers and signed packages are left as they are; the definitions they use
stay stored (the new kit's files are added over them); the tree and cadres follow the kit, dated
from the new cycle's year (a move is a new period, a unit or cadre the kit no longer lists is closed).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from chilinh_desktop.core import definitions
from chilinh_desktop.core.assignments import assignments, replace_assignments
from chilinh_desktop.core.cycles import Cycle, get_cycle, install_cycle, parse_cycle
from chilinh_desktop.core.dossiers import ensure_dossiers
from chilinh_desktop.core.errors import ValidationError
from chilinh_desktop.core.input_rules import shown, text_limits, tree_problem
from chilinh_desktop.core.keys_store import BOARD, ENCRYPTION, SELF, SIGNING, StoredKey, get_key, put_key
from chilinh_desktop.core.officials import list_officials, put_official, update_official
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.tasks import APPROVER_SETTING, APPROVERS
from chilinh_desktop.core.tasks import approver as task_approver
from chilinh_desktop.core.units import add_unit, close_unit, place_unit, unit_tree, update_unit
from chilinh_desktop.formspec.assigned_minutes import prefill_minutes
from chilinh_desktop.i18n import _
from chilinh_desktop.package import bagit, keys, sshsig
from chilinh_desktop.package.errors import PackageError
from chilinh_desktop.package.keyring import board_recipient, board_signing_key, create_installation_key
from chilinh_desktop.package.kit_definitions import (
    KIT_FOLDER,
    KitError,
    check_definitions,
    cycle_definitions,
    differing_names,
)
from chilinh_desktop.package.zipsafe import BoundedReader, open_zip

KIT_FORMAT = "chilinh-kit"
__all__ = ["Kit", "KitError", "KitSetup", "export_kit", "import_kit", "read_kit"]


@dataclass(frozen=True)
class Kit:
    """A verified kit, read into memory (it is small)."""

    path: Path
    kit_id: str
    board_name: str
    fingerprint: str
    signing_public: str
    recipient: str
    demo: bool
    cycle_raw: dict[str, Any]
    units: list[dict[str, Any]]
    officials: list[dict[str, Any]]
    definitions: dict[str, bytes]  # by path relative to forms/, e.g. "scales/2023.toml"; checked
    unit_code: str | None = None  # the unit a per-unit kit was made for; None: a whole-city kit
    # Leaders assigned to review meetings (TB 1198), as core.assignments writes them; absent in older kits.
    assignments: list[dict[str, Any]] = field(default_factory=list)
    task_approver: str | None = None  # who approves breakthrough tasks ("board" or "unit"); absent in older kits

    @property
    def cycle(self) -> Cycle:
        """The cycle definition the kit carries."""
        return parse_cycle(self.cycle_raw, f"{self.path.name}:cycle.json",
                           definitions=definitions.Definitions(self.definitions))


@dataclass
class KitSetup:
    """What importing a kit did to this installation."""

    fingerprint: str
    board_name: str
    cycle_id: str
    unit_code: str
    unit_name: str
    officials: int
    dossiers_created: int
    own_fingerprint: str
    first_kit: bool
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # for information: nothing to act on


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, default=str).encode("utf-8")


def export_kit(store: Store, out: Path, *, passphrase: str | None = None,
               unit_code: str | None = None) -> tuple[Path, str]:
    """Write the signed cycle kit (for one unit's subtree, or cadre-free for all); return (path, fingerprint)."""
    cycle = get_cycle(store)
    key = board_signing_key(store, passphrase)
    recipient = board_recipient(store)
    signing_row = get_key(store, BOARD, SIGNING)
    tree = unit_tree(store, cycle.tree_date)
    units = [{"id": n.unit.id, "code": n.unit.code, "name": n.unit.name, "type": n.unit.type,
              "grassroots": n.unit.grassroots, "parent_code": n.parent_code, "sort_key": sort}
             for sort, n in enumerate(tree.walk())]
    officials = []
    if unit_code:
        unit_code = unit_code.strip().upper()
        if unit_code not in tree.by_code:
            raise KitError(_("The unit {code} is not in the tree of the cycle.", code=unit_code),
                           code="kit.unknown_unit")
        codes = set(tree.subtree_codes(unit_code))
        officials = [{**o.as_json(), "sort_key": sort} for sort, o in enumerate(list_officials(store))
                     if o.tier in cycle.managed_tiers and o.unit_code in codes]
    root = tree.roots[0].unit.name if tree.roots else ""
    board_name = store.get_setting("unit_name") or root
    fingerprint = keys.fingerprint(key)
    meta = {"format": KIT_FORMAT, "version": 1, "cycle_id": cycle.id, "issued_at": store.now_text(),
            "unit_code": unit_code or None, "task_approver": task_approver(store, cycle),
            "board": {"name": board_name, "signing_public": keys.public_key_line(key), "fingerprint": fingerprint,
                      "age_recipient": recipient.public, "label": signing_row.label if signing_row else "",
                      "demo": bool(signing_row and signing_row.is_demo)}}
    forms = {KIT_FOLDER + path: data for path, data in cycle_definitions(cycle).items()}
    assigned = [a.to_json() for a in assignments(store, cycle, set(tree.subtree_codes(unit_code)) if unit_code
                                                  else None)]
    payload = [("kit.json", _json(meta)), ("cycle.json", _json(cycle.raw)), ("units.json", _json(units)),
               ("officials.json", _json(officials)), ("assignments.json", _json(assigned)), *sorted(forms.items())]
    info = [("Kit-Id", str(uuid.uuid4())), ("Cycle-Id", cycle.id), ("Board-Name", board_name),
            (bagit.SIGNER_FINGERPRINT_LABEL, fingerprint)]
    bagit.write_bag(Path(out), payload, info, signer=lambda manifest: sshsig.sign(manifest, key),
                    bagging_date=store.clock.today())
    store.audit("kit", "kit.export", f"cycle:{cycle.id}", path=str(out), fingerprint=fingerprint,
                unit=unit_code or "", officials=len(officials))
    return Path(out), fingerprint


def read_kit(path: Path) -> Kit:
    """Verify a kit file (read-only) and read it; KitError says what is wrong."""
    path = Path(path)
    report = bagit.verify_bag(path, require_signature=True)
    if not report.ok:
        raise KitError(_("The cycle kit {path} is damaged or not genuine: {problems}", path=path.name,
                         problems=" ".join(e.message for e in report.errors)), code="kit.invalid")
    try:
        with open_zip(path) as archive:
            reader = BoundedReader(archive)
            entries = {name: reader.read(archive.getinfo(bagit.PAYLOAD_DIR + name)) for name in report.payload_names}
        meta = json.loads(entries["kit.json"])
        board = meta["board"]
        if meta.get("format") != KIT_FORMAT:
            raise ValueError("kit.json: unknown format")
        kit = Kit(path, report.info.get("Kit-Id", ""), board["name"], board["fingerprint"], board["signing_public"],
                  board["age_recipient"], bool(board.get("demo")), json.loads(entries["cycle.json"]),
                  json.loads(entries["units.json"]), json.loads(entries["officials.json"]),
                  {name.removeprefix(KIT_FOLDER): data for name, data in entries.items()
                   if name.startswith(KIT_FOLDER)},
                  meta.get("unit_code") or None, _assignments(entries.get("assignments.json")),
                  meta.get("task_approver") if meta.get("task_approver") in APPROVERS else None)
        carried = keys.fingerprint(keys.public_key_from_line(kit.signing_public))
        _check_text(kit)
    except (KeyError, ValueError, TypeError, PackageError) as exc:
        raise KitError(_("The cycle kit {path} cannot be read: {error}", path=path.name, error=str(exc)),
                       code="kit.invalid") from exc
    if not (carried == kit.fingerprint == report.signer_fingerprint):
        # A kit must be signed by the very Board key it hands out, or it could smuggle in another one.
        raise KitError(_("The cycle kit is not signed by the Board key it carries. Do not use it."),
                       code="kit.invalid")
    # Parse everything now, so a broken or missing definition is refused before anything is written.
    checked = check_definitions(kit.definitions, kit.cycle, path.name)
    return replace(kit, definitions=checked)


def import_kit(store: Store, kit: Kit, unit_code: str, *, passphrase: str | None = None,
               actor: str = "kit") -> KitSetup:
    """Set this installation up as unit `unit_code` from a verified kit (one transaction)."""
    unit_code = unit_code.strip().upper()
    known = get_key(store, BOARD, SIGNING)
    if known is not None and known.private is not None:
        raise KitError(_("This installation holds the Board's own keys; a cycle kit is for unit offices."),
                       code="kit.on_board")
    if known is not None and known.fingerprint != kit.fingerprint:
        raise KitError(_("REFUSED: this kit is signed by a DIFFERENT Board key ({found}) than the one this "
                         "installation trusts ({expected}). Nothing was changed. Ask the Organisation Board by "
                         "telephone before using any kit.", found=kit.fingerprint, expected=known.fingerprint),
                       code="kit.board_key_changed")
    if kit.unit_code and unit_code not in {u["code"] for u in _subtree(kit.units, kit.unit_code)}:
        raise KitError(_("This cycle kit was made for the unit {kit_unit}, not for {code}. Nothing was changed. "
                         "Ask the Organisation Board for your unit's kit.", kit_unit=kit.unit_code, code=unit_code),
                       code="kit.other_unit")
    subtree = _subtree(kit.units, unit_code)
    cycle = kit.cycle
    codes = {u["code"] for u in subtree}
    officials = [o for o in kit.officials if o["unit_code"] in codes]
    try:
        with store.atomic():
            # store_definitions reloads the store's definitions: the rest of the import uses the kit's.
            earlier = _earlier_cycles(store, cycle)
            definitions.store_definitions(store, {**_stored_files(store), **kit.definitions} if earlier
                                          else kit.definitions, kit.kit_id)
            install_cycle(store, cycle, actor=actor)
            cycle = get_cycle(store, cycle.id)  # bound to the kit's definitions, now the file's own
            _install_units(store, subtree, cycle, actor)
            _install_officials(store, officials, actor)
            if earlier:
                _close_missing(store, subtree, officials if kit.unit_code else None, cycle, actor)
            now = store.now_text()
            label = kit.board_name + (" (demo)" if kit.demo else "")
            put_key(store, StoredKey(BOARD, SIGNING, kit.signing_public, None, False, kit.fingerprint, label,
                                     kit.demo, now), actor=actor)
            put_key(store, StoredKey(BOARD, ENCRYPTION, kit.recipient, None, False, kit.recipient, label, kit.demo,
                                     now), actor=actor)
            for key, value in (("role", "unit"), ("unit_code", unit_code), ("unit_name", subtree[0]["name"]),
                               ("board_name", kit.board_name), ("kit_id", kit.kit_id),
                               (OUTSIDE_CELLS_SETTING, json.dumps(_outside_cells(kit.units, officials, codes),
                                                                  ensure_ascii=False, sort_keys=True))):
                store.set_setting(key, value)
            created = ensure_dossiers(store, cycle, actor=actor)
            replace_assignments(store, cycle, codes, kit.assignments, actor=actor)
            if kit.task_approver:
                store.set_setting(APPROVER_SETTING, kit.task_approver)
            prefill_minutes(store, cycle, codes, actor=actor)
            own = get_key(store, SELF, SIGNING)
            own_fingerprint = own.fingerprint if own else create_installation_key(store, passphrase=passphrase,
                                                                                  label=unit_code, actor=actor)
            store.audit(actor, "kit.import", f"unit:{unit_code}", kit=kit.kit_id, fingerprint=kit.fingerprint,
                        definitions=sorted(kit.definitions))
    finally:
        store.reload_definitions()  # after a rollback: back to what the file still holds
    return KitSetup(kit.fingerprint, kit.board_name, cycle.id, unit_code, subtree[0]["name"], len(officials), created,
                    own_fingerprint, known is None, _cadre_warnings(kit), _definition_notes(kit))


def _earlier_cycles(store: Store, cycle: Cycle) -> list[str]:
    """The ids of the cycles of earlier years this installation holds (year two and after)."""
    return [row[0] for row in store.db.execute("SELECT id FROM cycles WHERE id != ? AND year < ?",
                                               [cycle.id, cycle.year])]


def _stored_files(store: Store) -> dict[str, bytes]:
    return {path: bytes(content) for path, content in store.db.execute("SELECT path, content FROM definitions")}


def _close_missing(store: Store, subtree: list[dict[str, Any]], officials: list[dict[str, Any]] | None,
                   cycle: Cycle, actor: str) -> None:
    """Units of the installation the kit's tree no longer lists end at the new cycle's year; cadres too."""
    start = dt.date(cycle.year, 1, 1)
    listed = {u["id"] for u in subtree}
    root = subtree[0]["id"]
    tree = unit_tree(store, start)
    for node in tree.walk():
        parent = tree.by_code.get(node.parent_code) if node.parent_code else None
        if parent is not None and parent.unit.id not in listed:
            continue  # closed with the unlisted unit above it
        if node.unit.id not in listed and root in _ancestors(store, node.unit.id, start.isoformat()):
            close_unit(store, node.unit.code, start, actor=actor)
    if officials is None:
        return  # a whole-city kit carries no cadres: the unit keeps its own list
    kept = {o["id"] for o in officials}
    for code in (u["code"] for u in subtree):
        for official in list_officials(store, code):
            if official.id not in kept:
                update_official(store, official.id, active=False, actor=actor)


def _ancestors(store: Store, unit_id: str, day: str) -> set[str]:
    found: set[str] = set()
    current: str | None = unit_id
    while current is not None and current not in found:
        found.add(current)
        row = store.db.execute("SELECT parent_id FROM unit_periods WHERE unit_id = ? AND valid_from <= ? AND "
                               "(valid_until IS NULL OR valid_until > ?)", [current, day, day]).fetchone()
        current = row[0] if row else None
    return found


def _check_text(kit: Kit) -> None:
    # The limits and character rules every way text comes in follows (core/input_rules.py): names, posts.
    limits = text_limits(definitions.Definitions(kit.definitions))  # the kit's own limits.toml, if it brings one
    for name, value in (("units.json", kit.units), ("officials.json", kit.officials),
                        ("assignments.json", kit.assignments), ("kit.json", kit.board_name)):
        found = tree_problem(value, limits, frozenset({"residence_exempt_reason"}))
        if found is not None:
            raise ValueError(f"{name}, {shown(found[0])[:80]}: {found[1]}")


def _assignments(data: bytes | None) -> list[dict[str, Any]]:
    """The kit's assignments, each a dict of text (a kit made before they travelled has none)."""
    rows = [] if data is None else json.loads(data)
    fields = ("unit_code", "name", "post")
    if not isinstance(rows, list) or not all(
            isinstance(r, dict) and all(isinstance(r.get(k), str) for k in fields) for r in rows):
        raise ValueError("assignments.json: not a list of assignments")
    return rows


OUTSIDE_CELLS_SETTING = "outside_cells"


def _outside_cells(units: list[dict[str, Any]], officials: list[dict[str, Any]], codes: set[str]) -> dict[str, Any]:
    """The party cells of the unit's cadres that sit outside its subtree (an agency's cell under the agencies'
    party committee), each with the committee above it: what a cadre's 02B names above the cell."""
    by_code = {u["code"]: u for u in units}
    by_name = {" ".join(u["name"].split()).casefold(): u for u in units if u["code"] not in codes}
    out: dict[str, Any] = {}
    for official in officials:
        cell = by_name.get(" ".join(str(official.get("party_cell") or "").split()).casefold())
        parent = by_code.get(cell["parent_code"]) if cell and cell.get("parent_code") else None
        if cell is not None and parent is not None:
            out[cell["name"]] = {"cell_type": cell["type"], "parent": parent["name"], "parent_type": parent["type"]}
    return out


def _subtree(units: list[dict[str, Any]], code: str) -> list[dict[str, Any]]:
    by_parent: dict[str | None, list[dict[str, Any]]] = {}
    for unit in units:
        by_parent.setdefault(unit["parent_code"], []).append(unit)
    root = next((u for u in units if u["code"] == code), None)
    if root is None:
        raise KitError(_("The unit {code} is not in the kit's unit list. Check the code in the dispatch.", code=code),
                       code="kit.unknown_unit")
    result, todo = [], [root]
    while todo:
        unit = todo.pop(0)
        result.append(unit)
        todo += by_parent.get(unit["code"], [])
    return result


def _install_units(store: Store, subtree: list[dict[str, Any]], cycle: Cycle, actor: str) -> None:
    """The kit's units through the registry's own functions (NFC, a known kind, dated placements, audited).

    The unit is the root of a unit office's tree; ids travel unchanged so the Board recognises them.
    """
    valid_from = dt.date(cycle.year, 1, 1)
    for n, unit in enumerate(subtree):
        parent_code = None if n == 0 else unit["parent_code"]
        by_code = store.db.execute("SELECT id FROM units WHERE code = ?", [unit["code"]]).fetchone()
        by_id = store.db.execute("SELECT code FROM units WHERE id = ?", [unit["id"]]).fetchone()
        if (by_code is not None and by_code[0] != unit["id"]) or (by_id is not None and by_id[0] != unit["code"]):
            raise KitError(_("The unit code {code} is already used here by another unit.", code=unit["code"]),
                           code="kit.unit_conflict")
        if by_code is None:
            add_unit(store, code=unit["code"], name=unit["name"], type=unit["type"], parent_code=parent_code,
                     valid_from=valid_from, grassroots=bool(unit["grassroots"]), unit_id=unit["id"],
                     sort_key=unit["sort_key"], actor=actor)
            continue
        update_unit(store, unit["code"], name=unit["name"], type=unit["type"], grassroots=bool(unit["grassroots"]),
                    sort_key=unit["sort_key"], actor=actor)
        # Year two: a unit that moved (or reopened) is placed anew from the cycle's year; earlier trees stay.
        place_unit(store, unit["code"], parent_code, valid_from, actor=actor)


_OFFICIAL_FIELDS = ("full_name", "birth_date", "gender", "party_post", "government_post", "mass_org_post", "workplace",
                    "party_cell", "tier", "deputy_head_or_above", "residence_exempt_reason",
                    "asset_declaration_required", "sort_key")


def _install_officials(store: Store, officials: list[dict[str, Any]], actor: str) -> None:
    """The kit's cadres through the registry's own function: the checks a typed record passes."""
    for official in officials:
        fields = {name: official.get(name) for name in _OFFICIAL_FIELDS}
        born = fields.pop("birth_date")
        fields["deputy_head_or_above"] = bool(fields["deputy_head_or_above"])
        fields["asset_declaration_required"] = bool(fields["asset_declaration_required"])
        fields["sort_key"] = fields["sort_key"] or 0
        for text in ("party_post", "government_post", "mass_org_post", "workplace", "party_cell"):
            fields[text] = fields[text] or ""
        try:
            birth_date = dt.date.fromisoformat(born) if born else None
            put_official(store, official_id=official["id"], unit_code=official["unit_code"], birth_date=birth_date,
                         actor=actor, **fields)
        except (ValidationError, ValueError, TypeError) as exc:
            problem = exc.message if isinstance(exc, ValidationError) else str(exc)
            raise KitError(_("The kit's record of the cadre {name} cannot be used: {problem} Nothing was changed. "
                             "Ask the Organisation Board for a corrected kit.", name=fields.get("full_name") or "?",
                             problem=problem), code="kit.invalid_official") from exc


def _definition_notes(kit: Kit) -> list[str]:
    differing = differing_names(kit.definitions)
    if not differing:
        return []
    return [_("The kit brought definitions that differ from this program's own; the kit's are used: {names}.",
              names=", ".join(differing))]


def _cadre_warnings(kit: Kit) -> list[str]:
    if kit.unit_code:
        return []
    # A whole-city kit carries no cadres on purpose: their records are classified.
    return [_("This is a whole-city kit: it carries no cadres. Ask the Organisation Board for your unit's own kit, "
              "or enter your managed cadres yourself.")]
