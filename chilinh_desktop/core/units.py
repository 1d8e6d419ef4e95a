"""The unit tree (cây tổ chức), dated: each unit exists under a parent for a span of days.

Moving, closing and reopening a unit end one period and start another, so the
tree of any past day can be rebuilt (a cycle belongs to the tree of its year).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from chilinh_desktop.core.dates import running_date
from chilinh_desktop.core.errors import NotFoundError, StateError, ValidationError
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.text import clean_line
from chilinh_desktop.core.vocabulary import vocabulary
from chilinh_desktop.i18n import _


@dataclass(frozen=True)
class Unit:
    """A unit's identity: UUID (travels between installations) and human code."""

    id: str
    code: str
    name: str
    type: str
    grassroots: bool


@dataclass
class UnitNode:
    """A unit as it stood in the tree on a given day."""

    unit: Unit
    parent_code: str | None
    children: list[UnitNode] = field(default_factory=list)

    def walk(self):
        """This node and every node below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class UnitTree:
    """The tree on one day: roots, and every node by code."""

    day: dt.date
    roots: list[UnitNode]
    by_code: dict[str, UnitNode]

    def walk(self):
        """Every node, depth first, in display order."""
        for root in self.roots:
            yield from root.walk()

    def subtree_codes(self, code: str) -> list[str]:
        """The code of `code` and of every unit below it."""
        return [node.unit.code for node in self.by_code[code].walk()]


def _row_to_unit(row) -> Unit:
    return Unit(id=row[0], code=row[1], name=row[2], type=row[3], grassroots=bool(row[4]))


_UNIT_COLUMNS = "u.id, u.code, u.name, u.type, u.grassroots"


def get_unit(store: Store, code: str) -> Unit:
    """The unit with this code (NotFoundError otherwise)."""
    row = store.db.execute(f"SELECT {_UNIT_COLUMNS} FROM units u WHERE u.code = ?", [code]).fetchone()
    if row is None:
        raise NotFoundError(_("There is no unit with the code {code}.", code=code), code="unit.unknown")
    return _row_to_unit(row)


def _open_period(store: Store, unit_id: str, day: dt.date):
    return store.db.execute(
        "SELECT id, parent_id, valid_from FROM unit_periods WHERE unit_id = ? AND valid_from <= ? "
        "AND (valid_until IS NULL OR valid_until > ?) ORDER BY valid_from DESC LIMIT 1",
        [unit_id, day.isoformat(), day.isoformat()],
    ).fetchone()


def _check_parent(store: Store, parent_code: str | None, day: dt.date, moving: Unit | None = None) -> str | None:
    if parent_code is None:
        return None
    parent = get_unit(store, parent_code)
    if _open_period(store, parent.id, day) is None:
        raise StateError(
            _("The unit {code} does not exist on {day}, so nothing can be placed under it.",
              code=parent_code, day=running_date(day)),
            code="unit.parent_closed",
        )
    if moving is not None:
        tree = unit_tree(store, day)
        if moving.code in tree.by_code and parent_code in tree.subtree_codes(moving.code):
            raise ValidationError(
                _("A unit cannot be placed under itself or under one of its own units."),
                [("parent", parent_code)],
            )
    return parent.id


def add_unit(
    store: Store,
    *,
    code: str,
    name: str,
    type: str,
    parent_code: str | None,
    valid_from: dt.date,
    grassroots: bool | None = None,
    unit_id: str | None = None,
    sort_key: int = 0,
    actor: str = "system",
) -> Unit:
    """Create a unit that exists under `parent_code` from `valid_from` on."""
    code, name = clean_line(code).upper(), clean_line(name)
    problems = []
    if not code:
        problems.append(("code", _("The unit code is empty.")))
    if not name:
        problems.append(("name", _("The unit name is empty.")))
    unit_type = vocabulary(store.definitions).unit_types.get(type)
    if unit_type is None:
        problems.append(("type", _("Unknown kind of unit: {type}.", type=type)))
    if problems:
        raise ValidationError(problems[0][1], problems)
    if store.db.execute("SELECT 1 FROM units WHERE code = ?", [code]).fetchone():
        raise ValidationError(_("The unit code {code} is already used.", code=code), [("code", code)])
    unit = Unit(
        id=unit_id or str(uuid.uuid4()),
        code=code,
        name=name,
        type=type,
        grassroots=unit_type.grassroots if grassroots is None else grassroots,
    )
    with store.atomic():
        parent_id = _check_parent(store, parent_code, valid_from)
        store.db["units"].insert(
            {"id": unit.id, "code": unit.code, "name": unit.name, "type": unit.type,
             "grassroots": int(unit.grassroots), "sort_key": sort_key}
        )
        store.db["unit_periods"].insert(
            {"unit_id": unit.id, "parent_id": parent_id, "valid_from": valid_from.isoformat(), "valid_until": None}
        )
        store.audit(actor, "unit.add", f"unit:{unit.code}", parent=parent_code, valid_from=valid_from)
    return unit


def _end_open_period(store: Store, unit: Unit, day: dt.date):
    period = _open_period(store, unit.id, day)
    if period is None:
        raise StateError(
            _("The unit {code} does not exist on {day}.", code=unit.code, day=running_date(day)),
            code="unit.closed",
        )
    if dt.date.fromisoformat(period[2]) == day:
        store.db.execute("DELETE FROM unit_periods WHERE id = ?", [period[0]])
    else:
        store.db.execute("UPDATE unit_periods SET valid_until = ? WHERE id = ?", [day.isoformat(), period[0]])
    return period


def move_unit(store: Store, code: str, new_parent_code: str | None, on: dt.date, *, actor: str = "system") -> None:
    """Place the unit under another parent from `on` on (the old placement stays in history)."""
    unit = get_unit(store, code)
    with store.atomic():
        parent_id = _check_parent(store, new_parent_code, on, moving=unit)
        period = _end_open_period(store, unit, on)
        store.db["unit_periods"].insert(
            {"unit_id": unit.id, "parent_id": parent_id, "valid_from": on.isoformat(), "valid_until": None}
        )
        store.audit(actor, "unit.move", f"unit:{code}", old_parent=period[1], new_parent=new_parent_code, on=on)


def close_unit(store: Store, code: str, on: dt.date, *, actor: str = "system") -> None:
    """The unit (and everything still under it) ceases to exist from `on` (merged, dissolved)."""
    get_unit(store, code)  # an unknown code is NotFoundError, not "closed"
    tree = unit_tree(store, on)
    if code not in tree.by_code:
        raise StateError(
            _("The unit {code} does not exist on {day}.", code=code, day=running_date(on)),
            code="unit.closed",
        )
    with store.atomic():
        for node in reversed(list(tree.by_code[code].walk())):
            _end_open_period(store, node.unit, on)
        store.audit(actor, "unit.close", f"unit:{code}", on=on)


def reopen_unit(store: Store, code: str, on: dt.date, parent_code: str | None, *, actor: str = "system") -> None:
    """A closed unit exists again from `on`, under `parent_code`."""
    unit = get_unit(store, code)
    if _open_period(store, unit.id, on) is not None:
        raise StateError(_("The unit {code} already exists on that day.", code=code), code="unit.open")
    later = store.db.execute(
        "SELECT 1 FROM unit_periods WHERE unit_id = ? AND valid_from > ?", [unit.id, on.isoformat()]
    ).fetchone()
    if later:
        raise StateError(_("The unit {code} has a later placement; reopen it after that.", code=code))
    with store.atomic():
        parent_id = _check_parent(store, parent_code, on)
        store.db["unit_periods"].insert(
            {"unit_id": unit.id, "parent_id": parent_id, "valid_from": on.isoformat(), "valid_until": None}
        )
        store.audit(actor, "unit.reopen", f"unit:{code}", parent=parent_code, on=on)


def _checked_name_and_type(store: Store, name: str, type: str) -> str:
    name = clean_line(name)
    problems = []
    if not name:
        problems.append(("name", _("The unit name is empty.")))
    if vocabulary(store.definitions).unit_types.get(type) is None:
        problems.append(("type", _("Unknown kind of unit: {type}.", type=type)))
    if problems:
        raise ValidationError(problems[0][1], problems)
    return name


def update_unit(store: Store, code: str, *, name: str, type: str, grassroots: bool, sort_key: int | None = None,
                actor: str = "system") -> Unit:
    """Change a unit's name, kind and grassroots mark (NFC, a known kind; audited); its code and id stay."""
    unit = get_unit(store, code)
    name = _checked_name_and_type(store, name, type)
    row = {"name": name, "type": type, "grassroots": int(grassroots)}
    if sort_key is not None:
        row["sort_key"] = sort_key
    with store.atomic():
        store.db["units"].update(unit.id, row)
        if (unit.name, unit.type, unit.grassroots) != (name, type, grassroots):
            store.audit(actor, "unit.update", f"unit:{unit.code}", name=name, type=type, grassroots=grassroots)
    return get_unit(store, code)


def place_unit(store: Store, code: str, parent_code: str | None, on: dt.date, *, actor: str = "system") -> None:
    """Make the unit stand under `parent_code` from `on` on (a new year's tree), keeping earlier placements.

    A unit already placed from `on` or later keeps that placement; a closed unit is reopened there;
    one under another parent is moved.
    """
    unit = get_unit(store, code)
    latest = store.db.execute("SELECT parent_id, valid_from FROM unit_periods WHERE unit_id = ? AND "
                              "valid_until IS NULL ORDER BY valid_from DESC LIMIT 1", [unit.id]).fetchone()
    if latest is None:
        reopen_unit(store, code, on, parent_code, actor=actor)
        return
    parent_id = get_unit(store, parent_code).id if parent_code is not None else None
    if latest[0] == parent_id or latest[1] >= on.isoformat():
        return
    move_unit(store, code, parent_code, on, actor=actor)


def unit_tree(store: Store, day: dt.date) -> UnitTree:
    """The tree as it stood on `day` (two queries, whatever its size)."""
    iso = day.isoformat()
    rows = store.db.execute(
        f"SELECT {_UNIT_COLUMNS}, p.parent_id, u.sort_key FROM units u JOIN unit_periods p ON p.unit_id = u.id "
        "WHERE p.valid_from <= ? AND (p.valid_until IS NULL OR p.valid_until > ?) ORDER BY u.sort_key, u.code",
        [iso, iso],
    ).fetchall()
    id_to_code = {row[0]: row[1] for row in rows}
    nodes = {row[1]: UnitNode(_row_to_unit(row), None) for row in rows}
    roots: list[UnitNode] = []
    for row in rows:
        node = nodes[row[1]]
        parent_code = id_to_code.get(row[5])
        node.parent_code = parent_code
        if parent_code is None:
            roots.append(node)
        else:
            nodes[parent_code].children.append(node)
    return UnitTree(day, roots, nodes)
