"""Review cycles (đợt kiểm điểm) as data: deadlines, dossier item kinds and who needs them.

A cycle file under forms/cycles/ encodes one year's dispatch. Loading checks every
field and names the file and field of any mistake. The definition in force is
copied into the database, so an installation keeps working from its own file
(and a cycle kit can bring one from the Board).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chilinh_desktop.core.definitions import SHIPPED, Definitions, not_opened, parse_toml
from chilinh_desktop.core.errors import DefinitionError, NotFoundError
from chilinh_desktop.core.store import Store
from chilinh_desktop.i18n import _
from chilinh_desktop.resources import forms_dir

SCOPES = ("unit", "official")
ITEM_KINDS = ("form", "attachment")
# Record attributes a rule may test, per scope.
RULE_ATTRIBUTES = {
    "unit": ("type", "grassroots"),
    "official": ("tier", "deputy_head_or_above", "asset_declaration_required"),
}
EXEMPT_ATTRIBUTES = {"unit": (), "official": ("residence_exempt_reason",)}
CURRENT_CYCLE_SETTING = "current_cycle"


@dataclass(frozen=True)
class Deadline:
    """A date by which some items are due (hạn), with what it covers."""

    id: str
    date: dt.date
    label: str
    covers: str


@dataclass(frozen=True)
class ItemKind:
    """One document of the dossier (thành phần hồ sơ) and the rule deciding who needs it."""

    id: str
    scope: str
    name: str
    short_name: str
    kind: str
    deadline: str
    form: str | None = None
    optional: bool = False
    confidential: bool = False
    applies_when: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    exempt_if: str | None = None


@dataclass(frozen=True)
class Cycle:
    """One year's review cycle as its dispatch defines it."""

    id: str
    revision: int
    year: int
    title: str
    tree_date: dt.date
    managed_tiers: tuple[str, ...]
    holidays: frozenset[dt.date]
    dispatch: dict[str, str]
    legal_basis: tuple[dict[str, str], ...]
    deadlines: tuple[Deadline, ...]
    items: tuple[ItemKind, ...]
    # The rating regime (forms/rules/<rules>.toml) and its overall levels, best first; optional
    # so that a cycle stored before ratings existed still loads.
    rules: str | None = None
    levels: tuple[str, ...] = ()
    criterion_levels: tuple[str, ...] = ()
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)
    # The forms, scales and rules the cycle is read with: the data file's (get_cycle), a kit's, or the
    # program's own for a shipped cycle file not yet installed; always given, never a default.
    definitions: Definitions = field(repr=False, compare=False, kw_only=True)

    @property
    def scales_id(self) -> str:
        """Which forms/scales/<id>.toml the cycle assesses with: its own id unless it names another
        (a cycle started from an earlier one keeps that one's scales)."""
        scales = self.raw.get("scales")
        return scales if isinstance(scales, str) and scales else self.id

    def deadline(self, deadline_id: str) -> Deadline:
        """The deadline with this id."""
        for deadline in self.deadlines:
            if deadline.id == deadline_id:
                return deadline
        raise NotFoundError(_("The cycle has no deadline {id}.", id=deadline_id))

    def item(self, item_id: str) -> ItemKind:
        """The dossier item kind with this id."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise NotFoundError(_("The cycle has no dossier item {id}.", id=item_id))

    def items_for(self, scope: str) -> tuple[ItemKind, ...]:
        """The item kinds of collective ('unit') or individual ('official') dossiers."""
        return tuple(item for item in self.items if item.scope == scope)


def _fail(source: str, where: str, problem: str) -> DefinitionError:
    return DefinitionError(_("{file}, {field}: {problem}", file=source, field=where, problem=problem))


def _require(raw: dict, key: str, kind: type | tuple[type, ...], source: str, where: str) -> Any:
    if key not in raw:
        raise _fail(source, f"{where}{key}", _("this field is required"))
    value = raw[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _fail(source, f"{where}{key}", _("wrong type of value"))
    return value


def _date(raw: dict, key: str, source: str, where: str) -> dt.date:
    value = _require(raw, key, (str, dt.date), source, where)
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(source, f"{where}{key}", _("not a valid date (YYYY-MM-DD)")) from None


def parse_cycle(raw: dict[str, Any], source: str, *, definitions: Definitions) -> Cycle:
    """Build a Cycle from its decoded file, checking every field; it reads forms and rules from `definitions`."""
    deadlines = []
    for n, row in enumerate(_require(raw, "deadlines", list, source, ""), 1):
        where = f"deadlines[{n}]."
        deadlines.append(
            Deadline(
                id=_require(row, "id", str, source, where),
                date=_date(row, "date", source, where),
                label=_require(row, "label", str, source, where),
                covers=row.get("covers", ""),
            )
        )
    deadline_ids = {d.id for d in deadlines}
    items: list[ItemKind] = []
    for n, row in enumerate(_require(raw, "items", list, source, ""), 1):
        where = f"items[{n}]."
        scope = _require(row, "scope", str, source, where)
        if scope not in SCOPES:
            raise _fail(source, where + "scope", _("must be one of {choices}", choices=", ".join(SCOPES)))
        kind = _require(row, "kind", str, source, where)
        if kind not in ITEM_KINDS:
            raise _fail(source, where + "kind", _("must be one of {choices}", choices=", ".join(ITEM_KINDS)))
        deadline = _require(row, "deadline", str, source, where)
        if deadline not in deadline_ids:
            raise _fail(source, where + "deadline", _("no deadline has the id {id}", id=deadline))
        applies: dict[str, tuple[Any, ...]] = {}
        for attribute, expected in row.get("applies_when", {}).items():
            if attribute not in RULE_ATTRIBUTES[scope]:
                raise _fail(source, f"{where}applies_when.{attribute}", _("unknown attribute for this scope"))
            applies[attribute] = tuple(expected) if isinstance(expected, list) else (expected,)
        exempt_if = row.get("exempt_if")
        if exempt_if is not None and exempt_if not in EXEMPT_ATTRIBUTES[scope]:
            raise _fail(source, where + "exempt_if", _("unknown attribute for this scope"))
        form = row.get("form")
        if kind == "form" and not isinstance(form, str):
            raise _fail(source, where + "form", _("a form item must name its form"))
        item_id = _require(row, "id", str, source, where)
        if any(i.id == item_id for i in items):
            raise _fail(source, where + "id", _("the id {id} is used twice", id=item_id))
        items.append(
            ItemKind(
                id=item_id,
                scope=scope,
                name=_require(row, "name", str, source, where),
                short_name=row.get("short_name", row["name"]),
                kind=kind,
                deadline=deadline,
                form=form,
                optional=bool(row.get("optional", False)),
                confidential=bool(row.get("confidential", False)),
                applies_when=applies,
                exempt_if=exempt_if,
            )
        )
    holidays = []
    for n, value in enumerate(raw.get("holidays", []), 1):
        holidays.append(_date({"d": value}, "d", source, f"holidays[{n}]."))
    return Cycle(
        id=_require(raw, "id", str, source, ""),
        revision=_require(raw, "revision", int, source, ""),
        year=_require(raw, "year", int, source, ""),
        title=_require(raw, "title", str, source, ""),
        tree_date=_date(raw, "tree_date", source, ""),
        managed_tiers=tuple(_require(raw, "managed_tiers", list, source, "")),
        holidays=frozenset(holidays),
        dispatch=dict(_require(raw, "dispatch", dict, source, "")),
        legal_basis=tuple(raw.get("legal_basis", [])),
        deadlines=tuple(deadlines),
        items=tuple(items),
        rules=_optional(raw, "rules", str, source),
        levels=tuple(_optional(raw, "levels", list, source) or ()),
        criterion_levels=tuple(_optional(raw, "criterion_levels", list, source) or ()),
        raw=raw,
        definitions=definitions,
    )


def _optional(raw: dict, key: str, kind: type, source: str) -> Any:
    if key not in raw:
        return None
    return _require(raw, key, kind, source, "")


def load_cycle_file(path: Path) -> Cycle:
    """Read and check one cycle file."""
    relpath = f"cycles/{path.name}"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise not_opened(relpath, exc) from exc
    return parse_cycle(parse_toml(data, relpath), path.name, definitions=SHIPPED)  # a program file: its own forms


def shipped_cycle_files() -> list[Path]:
    """Cycle definition files shipped with the program, oldest first."""
    return sorted((forms_dir() / "cycles").glob("*.toml"))


def _to_json(raw: dict[str, Any]) -> str:
    return json.dumps(raw, ensure_ascii=False, sort_keys=True, default=str)


def install_cycle(store: Store, cycle: Cycle, *, make_current: bool = True, actor: str = "system",
                  copied_from: str | None = None) -> None:
    """Copy a cycle definition into the database (and make it the current one)."""
    text = _to_json(cycle.raw)
    row = {
        "id": cycle.id,
        "year": cycle.year,
        "definition": text,
        "source_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "loaded_at": store.now_text(),
    }
    if copied_from is not None:
        row["copied_from"] = copied_from
    with store.atomic():
        store.db["cycles"].upsert(row, pk="id")
        if make_current:
            store.set_setting(CURRENT_CYCLE_SETTING, cycle.id)
        store.audit(actor, "cycle.install", f"cycle:{cycle.id}", revision=cycle.revision)


def get_cycle(store: Store, cycle_id: str | None = None) -> Cycle:
    """The cycle stored under `cycle_id`, or the current one."""
    cycle_id = cycle_id or store.get_setting(CURRENT_CYCLE_SETTING)
    if cycle_id is None:
        raise NotFoundError(
            _("No review cycle is set up in this data file. Create the demo data or import a cycle kit."),
            code="cycle.none",
        )
    row = store.db.execute("SELECT definition FROM cycles WHERE id = ?", [cycle_id]).fetchone()
    if row is None:
        raise NotFoundError(_("The review cycle {id} is not in this data file.", id=cycle_id), code="cycle.unknown")
    return parse_cycle(json.loads(row[0]), f"cycle:{cycle_id}", definitions=store.definitions)


@dataclass(frozen=True)
class CycleRow:
    """One cycle held by the data file, as a list shows it."""

    id: str
    year: int
    title: str
    current: bool
    copied_from: str | None


def cycle_rows(store: Store) -> list[CycleRow]:
    """Every cycle in the data file, oldest year first."""
    current = store.get_setting(CURRENT_CYCLE_SETTING)
    rows = []
    for cycle_id, year, definition, copied_from in store.db.execute(
        "SELECT id, year, definition, copied_from FROM cycles ORDER BY year, id"
    ):
        title = json.loads(definition).get("title", "")
        rows.append(CycleRow(cycle_id, year, title, cycle_id == current, copied_from))
    return rows


def cycle_years(store: Store) -> dict[str, int]:
    """Cycle id → year, for every cycle in the data file."""
    return {cycle_id: year for cycle_id, year in store.db.execute("SELECT id, year FROM cycles")}


def use_cycle(store: Store, cycle_id: str, *, actor: str = "system") -> Cycle:
    """Make a cycle held by the data file the current one."""
    cycle = get_cycle(store, cycle_id)
    with store.atomic():
        store.set_setting(CURRENT_CYCLE_SETTING, cycle.id)
        store.audit(actor, "cycle.use", f"cycle:{cycle.id}")
    return cycle
