"""Saving the answers of a form item: the editor's autosave, crash recovery and `chilinh form set`.

All of them go through `formspec.answers.check_and_save`, so the same answers are refused with
the same words whichever front end sent them, and nothing is written when a value is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.errors import ChilinhError, NotFoundError, ValidationError
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.views import dossier_detail
from chilinh_desktop.formspec.answers import check_and_save, get_form_item, stored_form_item
from chilinh_desktop.formspec.loader import load_form
from chilinh_desktop.formspec.model import FormSpec
from chilinh_desktop.i18n import _
from chilinh_desktop.ops import changes


@dataclass(frozen=True)
class SavedAnswers:
    """Answers stored for one item: complete or a draft, and what is still missing."""

    dossier_id: str
    item_id: str
    form_id: str
    form_version: str
    complete: bool
    gaps: list[tuple[str, str]]

    @property
    def changes(self) -> frozenset[str]:
        """What the save changed."""
        return changes.dossiers([self.dossier_id])


def save_item(store: Store, cycle: Cycle, dossier_id: str, item_id: str, answers: dict[str, Any], *,
              actor: str, form: FormSpec | None = None, restoring: bool = False) -> SavedAnswers:
    """Check and store the answers of one dossier item (with `form`, or the form the item is made with).

    `restoring`: answers the program kept itself (crash recovery, undoing a clear) may hold figures typed
    before those figures were computed; they are dropped, not refused, since nobody can edit them away.
    """
    if form is None:
        detail = dossier_detail(store, cycle, dossier_id)
        form = stored_form_item(store, cycle, detail.dossier, cycle.item(item_id)).form
    if restoring:
        answers = without_computed(form, answers)
    refuse_computed(form, answers)
    checked = check_and_save(store, cycle, dossier_id, item_id, form, answers, actor=actor)
    return SavedAnswers(dossier_id, item_id, form.id, form.version, checked.complete, checked.gaps)


def without_computed(form: FormSpec, answers: Any) -> Any:
    """The answers without the figures the program computes (they are never stored or shown as typed)."""
    if not isinstance(answers, dict):
        return answers
    computed = {f.id for f in form.fields() if f.computed}
    return {key: value for key, value in answers.items() if key not in computed}


def refuse_computed(form: FormSpec, answers: Any) -> None:
    """Refuse typed values for figures the program computes from the records (they are never typed)."""
    if not isinstance(answers, dict):
        return  # the form engine says what is wrong with the shape
    typed = [f for f in form.fields() if f.computed and answers.get(f.id) not in (None, "")]
    if typed:
        raise ValidationError(
            _("The answers were not saved: {count} figures are computed from the rating records and the unit "
              "tree and cannot be typed. Nothing was changed.", count=len(typed)),
            [(f.id, _("{label}: computed from the rating records and the unit tree; change the rating records, "
                      "not the figure.", label=f.label)) for f in typed],
        )


def save_form(store: Store, cycle: Cycle, form_id: str, answers: Any, *, official_id: str | None = None,
              unit_code: str | None = None, actor: str) -> SavedAnswers:
    """Check and store a whole set of answers of a cadre's or a unit's form (`chilinh form set`)."""
    current = get_form_item(store, cycle, form_id, official_id=official_id, unit_code=unit_code)
    return save_item(store, cycle, current.dossier.id, current.item.id, answers, actor=actor, form=current.form)


class PendingAnswers(Protocol):
    """Answers typed but not confirmed saved (the window's edit journal keeps them)."""

    key: str
    dossier_id: str
    item_id: str
    form_id: str
    form_version: str
    answers: dict[str, Any]


@dataclass(frozen=True)
class KeptAnswers:
    """Answers recovery could not save: kept where they were, with what needs a look."""

    key: str
    dossier_id: str
    item_id: str
    where: str  # whose dossier, which item
    problems: list[tuple[str, str]]  # (field label, problem)

    def describe(self) -> str:
        """One line for a person: which field of which dossier needs a look, and why."""
        details = "; ".join(f"{label}: {problem}" if label else problem for label, problem in self.problems)
        return _("{where} — {details}", where=self.where, details=details)


@dataclass
class Recovery:
    """What recovering typed answers did: keys saved, and answers kept for a look."""

    saved: list[str] = field(default_factory=list)
    kept: list[KeptAnswers] = field(default_factory=list)
    changed: set[str] = field(default_factory=set)

    @property
    def changes(self) -> frozenset[str]:
        """What the recovery changed."""
        return changes.dossiers(self.changed) if self.changed else frozenset()


def recover(store: Store, cycle: Cycle, entries: list[PendingAnswers], *, actor: str) -> Recovery:
    """Save answers left by an unclean exit; answers that fail a check are kept, never dropped."""
    result = Recovery()
    for entry in entries:
        try:
            form = load_form(entry.form_id, entry.form_version, definitions=cycle.definitions)
            save_item(store, cycle, entry.dossier_id, entry.item_id, entry.answers, actor=actor, form=form,
                      restoring=True)
        except ValidationError as exc:
            result.kept.append(_kept(store, cycle, entry, exc.problems, form))
        except ChilinhError as exc:
            result.kept.append(_kept(store, cycle, entry, [("", exc.message)], None))
        else:
            result.saved.append(entry.key)
            result.changed.add(entry.dossier_id)
    return result


def _kept(store: Store, cycle: Cycle, entry: PendingAnswers, problems: list[tuple[str, str]],
          form: FormSpec | None) -> KeptAnswers:
    labels = {f.id: f.label for f in form.fields()} if form is not None else {}
    try:
        subject = dossier_detail(store, cycle, entry.dossier_id).subject_name
        item = cycle.item(entry.item_id).short_name
    except NotFoundError:  # a dossier or item that no longer exists is still worth naming
        subject, item = "?", entry.item_id
    named = [(labels.get(where.split("[")[0].split(".")[0], where), problem) for where, problem in problems]
    return KeptAnswers(entry.key, entry.dossier_id, entry.item_id, f"{subject} — {item}", named)
