"""The form engine (mẫu biểu): definitions from forms/, answers checked against them.

Stages, kept apart: definition file → schema and rule checks (loader) → FormSpec
(model) → answers checked and normalised (validate) → stored per dossier item (answers).
"""

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

__all__ = [
    "CheckedAnswers", "Field", "FormItem", "FormSpec", "Option", "Scales", "Section", "Signature",
    "check_answers", "cycle_forms", "display_value", "fill", "form_for_item", "get_form_item", "item_for_form",
    "load_form", "load_form_file", "load_scales", "options_for", "record_context", "scales_for", "set_form_answers",
    "shipped_form_files", "stored_form_item",
]
