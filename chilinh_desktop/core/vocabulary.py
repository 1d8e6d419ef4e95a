"""Unit types and management tiers, read from forms/vocabulary.toml (data, not code)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chilinh_desktop.core.errors import DefinitionError
from chilinh_desktop.i18n import _

if TYPE_CHECKING:
    from chilinh_desktop.core.definitions import Definitions

VOCABULARY_FILE = "vocabulary.toml"


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


def parse_vocabulary(raw: dict[str, Any], path: str) -> Vocabulary:
    """Check the decoded vocabulary file (`path` names it in an error)."""
    try:
        unit_types = {
            row["id"]: UnitType(row["id"], row["name"], bool(row["grassroots"])) for row in raw["unit_types"]
        }
        tiers = {row["id"]: Tier(row["id"], row["name"]) for row in raw["tiers"]}
        kinds = {row["id"]: row["name"] for row in raw.get("commendation_kinds", [])}
        post_order = tuple(str(post) for post in raw.get("post_order", ()))
    except (KeyError, TypeError) as exc:
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


def vocabulary(definitions: Definitions) -> Vocabulary:
    """The unit types and tiers of one installation's definitions (its own copy, else the shipped file).

    Parsed once per `Definitions`, never for the whole process: two data files open in one process
    each see their own.
    """
    return definitions.memo(("vocabulary",), lambda: parse_vocabulary(definitions.toml(VOCABULARY_FILE),
                                                                      VOCABULARY_FILE))
