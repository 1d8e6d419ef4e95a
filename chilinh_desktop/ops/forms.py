"""The form model as the editors and `chilinh forms` use it, and the few form reads they make.

Re-exported, plain types and pure helpers (each loaded from formspec/ on first use, so importing
this module loads nothing): a form and its fields, the scales of levels, the types listed as
choices, filling placeholders, the options of a field, how an answer is shown. The functions
below are the reads a screen or a command makes about one dossier's form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chilinh_desktop.ops.lazy import lazy_getattr

if TYPE_CHECKING:
    from chilinh_desktop.core.cycles import Cycle, ItemKind
    from chilinh_desktop.core.dossiers import Dossier
    from chilinh_desktop.core.store import Store
    from chilinh_desktop.formspec.answers import FormItem
    from chilinh_desktop.formspec.context import fill
    from chilinh_desktop.formspec.loader import ATTACHMENT_TYPES, cycle_forms
    from chilinh_desktop.formspec.model import LISTED_TYPES, Field, FormSpec, Option
    from chilinh_desktop.formspec.scales import Scales, scales_for
    from chilinh_desktop.formspec.validate import display_value, options_for

_HOME = {
    "Field": "chilinh_desktop.formspec.model", "FormSpec": "chilinh_desktop.formspec.model",
    "Option": "chilinh_desktop.formspec.model", "LISTED_TYPES": "chilinh_desktop.formspec.model",
    "Scales": "chilinh_desktop.formspec.scales", "scales_for": "chilinh_desktop.formspec.scales",
    "ATTACHMENT_TYPES": "chilinh_desktop.formspec.loader", "cycle_forms": "chilinh_desktop.formspec.loader",
    "fill": "chilinh_desktop.formspec.context",
    "options_for": "chilinh_desktop.formspec.validate", "display_value": "chilinh_desktop.formspec.validate",
}

__all__ = [
    "ATTACHMENT_TYPES",
    "LISTED_TYPES",
    "Field",
    "FormSpec",
    "Option",
    "Scales",
    "cycle_forms",
    "display_value",
    "fill",
    "form_item",
    "item_form",
    "options_for",
    "record_values",
    "scales_for",
]


__getattr__ = lazy_getattr(__name__, _HOME)  # each name loaded from its home on first use


def item_form(store: Store, cycle: Cycle, dossier: Dossier, item: ItemKind) -> FormSpec:
    """The form a dossier's item is kept in: the version its answers were saved with, else the cycle's."""
    from chilinh_desktop.formspec.answers import stored_form_item

    return stored_form_item(store, cycle, dossier, item).form


def form_item(store: Store, cycle: Cycle, form_id: str, *, official_id: str | None = None,
              unit_code: str | None = None) -> FormItem:
    """One form of a cadre's or a unit's dossier, with its stored answers."""
    from chilinh_desktop.formspec.answers import get_form_item

    return get_form_item(store, cycle, form_id, official_id=official_id, unit_code=unit_code)


def record_values(store: Store, cycle: Cycle, dossier: Dossier, *, on_screen: bool = False) -> dict[str, Any]:
    """What a form's placeholders and prefilled fields read from the records (the unit, the cadre, the figures)."""
    from chilinh_desktop.formspec.context import record_context

    return record_context(store, cycle, dossier, on_screen=on_screen)
