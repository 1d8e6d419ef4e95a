"""Answers of one form item of one dossier: read them, check them, store them.

Stored per dossier item with the form id and version they were made with; the
item is marked complete only when the answers validate against that form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chilinh_desktop.core.cycles import Cycle, ItemKind
from chilinh_desktop.core.dossiers import Dossier, find_dossier, save_answers, stored_items
from chilinh_desktop.core.errors import NotFoundError, ValidationError
from chilinh_desktop.core.store import Store
from chilinh_desktop.formspec.loader import form_for_item, item_for_form, load_form
from chilinh_desktop.formspec.model import FormSpec
from chilinh_desktop.formspec.scales import scales_for
from chilinh_desktop.formspec.validate import CheckedAnswers, check_answers, input_limits
from chilinh_desktop.i18n import _


@dataclass(frozen=True)
class FormItem:
    """One form of one subject's dossier: the form it was (or will be) made with, and its answers."""

    dossier: Dossier
    item: ItemKind
    form: FormSpec
    answers: dict[str, Any]
    state: str


def subject_dossier(store: Store, cycle: Cycle, *, official_id: str | None = None,
                    unit_code: str | None = None) -> Dossier:
    """The dossier of a cadre (by id) or of a unit (by code)."""
    if (official_id is None) == (unit_code is None):
        raise ValidationError(_("Name either a cadre (--official) or a unit (--unit)."), [("subject", "")])
    return find_dossier(store, cycle, official_id=official_id, unit_code=unit_code)


def _item_and_dossier(store: Store, cycle: Cycle, form_id: str, official_id: str | None,
                      unit_code: str | None) -> tuple[ItemKind, Dossier]:
    item = item_for_form(cycle, form_id)
    if item.scope == "official" and official_id is None:
        raise ValidationError(_("The form {form} belongs to a cadre's dossier: use --official.", form=form_id),
                              [("form", form_id)])
    if item.scope == "unit" and unit_code is None:
        raise ValidationError(_("The form {form} belongs to a unit's dossier: use --unit.", form=form_id),
                              [("form", form_id)])
    return item, subject_dossier(store, cycle, official_id=official_id, unit_code=unit_code)


def stored_form_item(store: Store, cycle: Cycle, dossier: Dossier, item: ItemKind) -> FormItem:
    """The answers stored for one item of a dossier (empty if none yet), with the form they fit."""
    stored = stored_items(store, dossier.id).get(item.id)
    if stored is not None and stored.form_id and stored.form_version:
        try:
            form = load_form(stored.form_id, stored.form_version, definitions=cycle.definitions)
        except NotFoundError:
            form = form_for_item(cycle, item)  # an old version no longer shipped: read with the current one
    else:
        form = form_for_item(cycle, item)
    answers = stored.answers if stored is not None and stored.answers else {}
    return FormItem(dossier, item, form, answers, stored.state.value if stored else "missing")


def get_form_item(store: Store, cycle: Cycle, form_id: str, *, official_id: str | None = None,
                  unit_code: str | None = None) -> FormItem:
    """The stored answers of one form for a cadre or a unit."""
    item, dossier = _item_and_dossier(store, cycle, form_id, official_id, unit_code)
    return stored_form_item(store, cycle, dossier, item)


def set_form_answers(store: Store, cycle: Cycle, form_id: str, answers: Any, *, official_id: str | None = None,
                     unit_code: str | None = None, actor: str) -> CheckedAnswers:
    """Check and store a whole set of answers of a cadre's or unit's form; nothing is written if any is wrong."""
    item, dossier = _item_and_dossier(store, cycle, form_id, official_id, unit_code)
    return check_and_save(store, cycle, dossier.id, item.id, form_for_item(cycle, item), answers, actor=actor)


def check_and_save(store: Store, cycle: Cycle, dossier_id: str, item_id: str, form: FormSpec, answers: Any, *,
                   actor: str) -> CheckedAnswers:
    """The one check-then-save path for answers (editor, recovery, `form set`, demo, importers).

    Every value is checked against the form first; if any is wrong, a ValidationError lists each
    (field, problem) and nothing is written. Otherwise the normalised answers are stored, complete
    when every required answer is there, else as a draft.
    """
    checked = check_answers(form, answers, scales_for(cycle), input_limits(store.definitions))
    if checked.errors:
        raise ValidationError(
            _("The answers were not saved: {count} values are wrong. Nothing was changed.",
              count=len(checked.errors)),
            checked.errors,
        )
    save_answers(store, cycle, dossier_id, item_id, checked.answers, form_id=form.id, form_version=form.version,
                 complete=checked.complete, actor=actor)
    return checked
