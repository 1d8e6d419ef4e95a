"""What an operation changed, so each view refreshes only what it shows."""

from __future__ import annotations

from collections.abc import Iterable

# Change keys: "tree" (units, cadres), "dossier:<id>", "content" (answers and files of any dossier),
# "ratings", "settings", "packages" (exported or received), "definitions" (forms, scales, rules).
TREE = "tree"
CONTENT = "content"
RATINGS = "ratings"
SETTINGS = "settings"
PACKAGES = "packages"
DEFINITIONS = "definitions"
ATTACHMENT = "attachment"  # a file attached to an item, or removed from it


def dossier(dossier_id: str) -> str:
    """The change key of one dossier."""
    return f"dossier:{dossier_id}"


def dossiers(ids: Iterable[str]) -> frozenset[str]:
    """The change keys of several dossiers, plus the content key every dossier change implies."""
    return frozenset({CONTENT, *(dossier(i) for i in ids)})
