"""The cycle's assessment scales: criterion levels and overall ratings (mức xếp loại).

They are data (forms/scales/<cycle id>.toml) because the regime changes: 2023 uses the
four levels of Quy định 124-QĐ/TW; from 2025 Quy định 366-QĐ/TW brings a points scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.definitions import Definitions, parse_toml
from chilinh_desktop.core.errors import DefinitionError
from chilinh_desktop.formspec.model import Option
from chilinh_desktop.i18n import _


@dataclass(frozen=True)
class Scales:
    """Levels for one criterion (Xuất sắc … Kém) and ratings for a person or collective (HTXSNV …)."""

    cycle_id: str
    levels: tuple[Option, ...]
    ratings: tuple[Option, ...]
    rating_short: dict[str, str]


def scales_path(cycle_id: str) -> str:
    """Where a cycle's scales live, relative to forms/."""
    return f"scales/{cycle_id}.toml"


def load_scales(cycle_id: str, *, definitions: Definitions) -> Scales:
    """The scales of a cycle in force (scales/<cycle id>.toml, stored or shipped), checked."""
    return definitions.memo(("scales", cycle_id), lambda: _load_scales(definitions, cycle_id))


def scales_for(cycle: Cycle) -> Scales:
    """The scales of a cycle, from the definitions of the data file it was read from."""
    return load_scales(cycle.scales_id, definitions=cycle.definitions)


def _load_scales(definitions: Definitions, cycle_id: str) -> Scales:
    return _parse_scales(definitions.toml(scales_path(cycle_id)), f"{cycle_id}.toml", cycle_id)


def parse_scales_bytes(data: bytes, cycle_id: str) -> Scales:
    """Decode and check the bytes of a cycle's scales file."""
    return _parse_scales(parse_toml(data, scales_path(cycle_id)), f"{cycle_id}.toml", cycle_id)


def _parse_scales(raw: dict[str, Any], source: str, cycle_id: str) -> Scales:
    lists = {}
    for key in ("levels", "ratings"):
        rows = raw.get(key)
        if not isinstance(rows, list) or len(rows) < 2:
            raise DefinitionError(_("{file}, {field}: {problem}", file=source, field=key,
                                    problem=_("needs at least {count} entries", count=2)))
        for n, row in enumerate(rows, 1):
            if not (isinstance(row, dict) and isinstance(row.get("id"), str) and isinstance(row.get("label"), str)):
                raise DefinitionError(_("{file}, {field}: {problem}", file=source, field=f"{key}[{n}]",
                                        problem=_("needs an id and a label")))
        lists[key] = rows
    return Scales(
        cycle_id=cycle_id,
        levels=tuple(Option(r["id"], r["label"]) for r in lists["levels"]),
        ratings=tuple(Option(r["id"], r["label"]) for r in lists["ratings"]),
        rating_short={r["id"]: r.get("short", r["id"]) for r in lists["ratings"]},
    )
