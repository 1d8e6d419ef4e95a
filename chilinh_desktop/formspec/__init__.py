"""The form engine (mẫu biểu): definitions from forms/, answers checked against them.

Stages, kept apart: definition file → schema and rule checks (loader) → FormSpec
(model) → answers checked and normalised (validate) → stored per dossier item (answers).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Names are served from their stage's module on first use, so importing one stage (the dates,
# say) does not load the whole engine at the window's start-up.
_HOME = {
    "FormItem": "answers", "get_form_item": "answers", "set_form_answers": "answers", "stored_form_item": "answers",
    "fill": "context", "record_context": "context",
    "cycle_forms": "loader", "form_for_item": "loader", "item_for_form": "loader", "load_form": "loader",
    "load_form_file": "loader", "shipped_form_files": "loader",
    "Field": "model", "FormSpec": "model", "Option": "model", "Section": "model", "Signature": "model",
    "Scales": "scales", "load_scales": "scales", "scales_for": "scales",
    "CheckedAnswers": "validate", "check_answers": "validate", "display_value": "validate", "options_for": "validate",
}

__all__ = [
    "CheckedAnswers", "Field", "FormItem", "FormSpec", "Option", "Scales", "Section", "Signature",
    "check_answers", "cycle_forms", "display_value", "fill", "form_for_item", "get_form_item", "item_for_form",
    "load_form", "load_form_file", "load_scales", "options_for", "record_context", "scales_for", "set_form_answers",
    "shipped_form_files", "stored_form_item",
]

if TYPE_CHECKING:
    from chilinh_desktop.formspec.answers import FormItem, get_form_item, set_form_answers, stored_form_item
    from chilinh_desktop.formspec.context import fill, record_context
    from chilinh_desktop.formspec.loader import (
        cycle_forms,
        form_for_item,
        item_for_form,
        load_form,
        load_form_file,
        shipped_form_files,
    )
    from chilinh_desktop.formspec.model import Field, FormSpec, Option, Section, Signature
    from chilinh_desktop.formspec.scales import Scales, load_scales, scales_for
    from chilinh_desktop.formspec.validate import CheckedAnswers, check_answers, display_value, options_for


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
