"""What an operation changed, so each view refreshes only what it shows."""

from __future__ import annotations

from collections.abc import Iterable

# Change keys: "tree" (units, cadres), "dossier:<id>", "content" (answers and files of any dossier,
# replaced by an action: a view reloads what it shows), "answers" (answers typed in the window and saved
# by its autosave: the editor that typed them already shows them and is not reloaded), "ratings",
# "settings", "packages" (exported or received), "definitions" (forms, scales, rules).
TREE = "tree"
CONTENT = "content"
ANSWERS = "answers"
RATINGS = "ratings"
SETTINGS = "settings"
PACKAGES = "packages"
DEFINITIONS = "definitions"


def dossier(dossier_id: str) -> str:
    """The change key of one dossier."""
    return f"dossier:{dossier_id}"


def dossiers(ids: Iterable[str]) -> frozenset[str]:
    """The change keys of several dossiers, plus the content key every dossier change implies."""
    return frozenset({CONTENT, *(dossier(i) for i in ids)})


def answers(dossier_id: str) -> frozenset[str]:
    """The change keys of answers typed in the window and saved: states change, the text on screen does not."""
    return frozenset({ANSWERS, dossier(dossier_id)})
