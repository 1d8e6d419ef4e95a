"""Unit types and management tiers, read from forms/vocabulary.toml (data, not code)."""

from __future__ import annotations

import tomllib
import unicodedata
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
    post_order: tuple[str, ...] = ()  # post beginnings, highest first (who is listed first on a paper)

    def post_rank(self, *posts: str) -> int:
        """The rank of a person's highest post in `post_order` (0 first); unmatched posts rank last."""
        ranks = [n for post in posts if post for n, start in enumerate(self.post_order)
                 if post.strip().casefold().startswith(start.casefold())]
        return min(ranks, default=len(self.post_order))


def load_vocabulary(path: Path) -> Vocabulary:
    """Read and check a vocabulary file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        unit_types = {
            row["id"]: UnitType(row["id"], row["name"], bool(row["grassroots"])) for row in raw["unit_types"]
        }
        tiers = {row["id"]: Tier(row["id"], row["name"]) for row in raw["tiers"]}
        kinds = {row["id"]: row["name"] for row in raw.get("commendation_kinds", [])}
        post_order = tuple(str(post) for post in raw.get("post_order", ()))
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise DefinitionError(_("The file {path} is not a valid vocabulary: {error}.", path=path, error=exc)) from exc
    return Vocabulary(unit_types, tiers, kinds, post_order)


def name_sort_key(full_name: str) -> tuple[str, str, str]:
    """How Vietnamese lists order people: by the given name (the last word), then the whole name, diacritics
    after their base letter ('Đạt' with the D's, not after Z)."""
    def fold(text: str) -> str:
        text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
        return "".join(c for c in text if not unicodedata.combining(c)).casefold()

    words = full_name.split()
    return fold(words[-1] if words else ""), fold(full_name), full_name


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary shipped with the program."""
    return load_vocabulary(forms_dir() / "vocabulary.toml")
