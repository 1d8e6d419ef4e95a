"""Unit types and management tiers, read from forms/vocabulary.toml (data, not code)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from chilinh_desktop.core.errors import DefinitionError
from chilinh_desktop.i18n import _
from chilinh_desktop.resources import forms_dir


@dataclass(frozen=True)
class UnitType:
    """A kind of unit (loại đơn vị), e.g. đảng bộ cơ sở."""

    id: str
    name: str
    grassroots: bool


@dataclass(frozen=True)
class Tier:
    """Who manages a cadre (diện quản lý), e.g. diện Ban Thường vụ Thành ủy quản lý."""

    id: str
    name: str


@dataclass(frozen=True)
class Vocabulary:
    """The lookup tables shared by every cycle."""

    unit_types: dict[str, UnitType]
    tiers: dict[str, Tier]
    commendation_kinds: dict[str, str] = field(default_factory=dict)  # to_chuc -> Tổ chức đảng


def load_vocabulary(path: Path) -> Vocabulary:
    """Read and check a vocabulary file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        unit_types = {
            row["id"]: UnitType(row["id"], row["name"], bool(row["grassroots"])) for row in raw["unit_types"]
        }
        tiers = {row["id"]: Tier(row["id"], row["name"]) for row in raw["tiers"]}
        kinds = {row["id"]: row["name"] for row in raw.get("commendation_kinds", [])}
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise DefinitionError(_("The file {path} is not a valid vocabulary: {error}.", path=path, error=exc)) from exc
    return Vocabulary(unit_types, tiers, kinds)


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary shipped with the program."""
    return load_vocabulary(forms_dir() / "vocabulary.toml")
