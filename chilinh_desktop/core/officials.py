"""Managed cadres (cán bộ diện quản lý): the identity lines of Mẫu 02B and what they owe."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import asdict, dataclass

from chilinh_desktop.core.errors import NotFoundError, ValidationError
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.text import clean_line
from chilinh_desktop.core.units import get_unit
from chilinh_desktop.core.vocabulary import vocabulary
from chilinh_desktop.i18n import _


@dataclass(frozen=True)
class Official:
    """A cadre whose review dossier the unit keeps."""

    id: str
    full_name: str
    birth_date: dt.date | None
    gender: str | None
    party_post: str  # Chức vụ Đảng
    government_post: str  # Chức vụ chính quyền
    mass_org_post: str  # Chức vụ đoàn thể
    workplace: str  # Đơn vị công tác
    party_cell: str  # Chi bộ
    unit_id: str
    unit_code: str
    tier: str
    deputy_head_or_above: bool  # cấp phó trưởng phòng trở lên: pledge + breakthrough required
    residence_exempt_reason: str | None  # not commented on by the residence cell this year
    asset_declaration_required: bool
    active: bool = True

    def as_json(self) -> dict:
        """A JSON-ready dict (ISO dates)."""
        data = asdict(self)
        data["birth_date"] = self.birth_date.isoformat() if self.birth_date else None
        return data


_COLUMNS = (
    "o.id, o.full_name, o.birth_date, o.gender, o.party_post, o.government_post, o.mass_org_post, "
    "o.workplace, o.party_cell, o.unit_id, u.code, o.tier, o.deputy_head_or_above, "
    "o.residence_exempt_reason, o.asset_declaration_required, o.active"
)
_TEXT_FIELDS = ("full_name", "party_post", "government_post", "mass_org_post", "workplace", "party_cell")


def _row_to_official(row) -> Official:
    return Official(
        id=row[0], full_name=row[1], birth_date=dt.date.fromisoformat(row[2]) if row[2] else None,
        gender=row[3], party_post=row[4], government_post=row[5], mass_org_post=row[6], workplace=row[7],
        party_cell=row[8], unit_id=row[9], unit_code=row[10], tier=row[11],
        deputy_head_or_above=bool(row[12]), residence_exempt_reason=row[13],
        asset_declaration_required=bool(row[14]), active=bool(row[15]),
    )


def list_officials(store: Store, unit_code: str | None = None, *, active_only: bool = True) -> list[Official]:
    """Cadres, of one unit or all, in display order."""
    sql = f"SELECT {_COLUMNS} FROM officials o JOIN units u ON u.id = o.unit_id"
    where, params = [], []
    if unit_code is not None:
        where.append("u.code = ?")
        params.append(get_unit(store, unit_code).code)
    if active_only:
        where.append("o.active = 1")
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY u.sort_key, u.code, o.sort_key, o.full_name"
    return [_row_to_official(row) for row in store.db.execute(sql, params)]


def get_official(store: Store, official_id: str) -> Official:
    """The cadre with this id (NotFoundError otherwise)."""
    row = store.db.execute(
        f"SELECT {_COLUMNS} FROM officials o JOIN units u ON u.id = o.unit_id WHERE o.id = ?", [official_id]
    ).fetchone()
    if row is None:
        raise NotFoundError(_("There is no cadre with the id {id}.", id=official_id), code="official.unknown")
    return _row_to_official(row)


def _check(store: Store, fields: dict) -> None:
    """The rules every write of a cadre's record keeps (typed, imported or from a kit)."""
    problems = []
    if "full_name" in fields and not fields["full_name"]:
        problems.append(("full_name", _("The full name is empty.")))
    if "tier" in fields and fields["tier"] not in vocabulary(store.definitions).tiers:
        problems.append(("tier", _("Unknown management tier: {tier}.", tier=fields["tier"])))
    birth_date = fields.get("birth_date")
    # "Today" is the data file's clock (a pinned day, --today), never the computer's.
    if birth_date is not None and not (dt.date(1900, 1, 1) <= birth_date <= store.clock.today()):
        problems.append(("birth_date", _("The date of birth is not possible.")))
    if problems:
        raise ValidationError(problems[0][1], problems)


def add_official(
    store: Store,
    *,
    full_name: str,
    unit_code: str,
    tier: str,
    birth_date: dt.date | None = None,
    gender: str | None = None,
    party_post: str = "",
    government_post: str = "",
    mass_org_post: str = "",
    workplace: str = "",
    party_cell: str = "",
    deputy_head_or_above: bool = True,
    residence_exempt_reason: str | None = None,
    asset_declaration_required: bool = True,
    official_id: str | None = None,
    sort_key: int = 0,
    actor: str = "system",
) -> Official:
    """Register a managed cadre (text NFC-normalised, every field checked)."""
    values = {
        "full_name": full_name, "party_post": party_post, "government_post": government_post,
        "mass_org_post": mass_org_post, "workplace": workplace, "party_cell": party_cell,
    }
    values = {key: clean_line(value) for key, value in values.items()}
    reason = clean_line(residence_exempt_reason) if residence_exempt_reason else None
    _check(store, {**values, "tier": tier, "birth_date": birth_date})
    unit = get_unit(store, unit_code)
    official_id = official_id or str(uuid.uuid4())
    with store.atomic():
        store.db["officials"].insert(
            {
                "id": official_id, **values, "birth_date": birth_date.isoformat() if birth_date else None,
                "gender": gender, "unit_id": unit.id, "tier": tier,
                "deputy_head_or_above": int(deputy_head_or_above), "residence_exempt_reason": reason,
                "asset_declaration_required": int(asset_declaration_required), "active": 1,
                "sort_key": sort_key,
            }
        )
        store.audit(actor, "official.add", f"official:{official_id}", unit=unit.code)
    return get_official(store, official_id)


def update_official(store: Store, official_id: str, *, actor: str = "system", **changes) -> Official:
    """Change some fields of a cadre's record (audited)."""
    current = get_official(store, official_id)
    row: dict = {}
    for key, value in changes.items():
        if key in _TEXT_FIELDS:
            row[key] = clean_line(value)
        elif key == "residence_exempt_reason":
            row[key] = clean_line(value) if value else None
        elif key in ("deputy_head_or_above", "asset_declaration_required", "active"):
            row[key] = int(bool(value))
        elif key in ("birth_date", "tier", "gender", "sort_key"):
            row[key] = value
        elif key == "unit_code":
            row["unit_id"] = get_unit(store, value).id
        else:
            raise ValidationError(_("The field {field} cannot be changed.", field=key), [(key, str(value))])
    _check(store, row)
    if row.get("birth_date") is not None:
        row["birth_date"] = row["birth_date"].isoformat()
    with store.atomic():
        store.db["officials"].update(current.id, row)
        store.audit(actor, "official.update", f"official:{current.id}", fields=sorted(row))
    return get_official(store, official_id)


def put_official(store: Store, *, official_id: str, unit_code: str, actor: str = "system", **fields) -> Official:
    """Register a cadre under a known id (a Board's kit), or bring that record up to date and active.

    The same checks as typing the record: text NFC-normalised, a known tier, a possible date of birth.
    """
    try:
        get_official(store, official_id)
    except NotFoundError:
        return add_official(store, official_id=official_id, unit_code=unit_code, actor=actor, **fields)
    return update_official(store, official_id, unit_code=unit_code, active=True, actor=actor, **fields)
