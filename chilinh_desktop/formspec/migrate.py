"""Moving a dossier item to a newer version of its form, keeping every typed word.

A dossier keeps printing with the version it was made with until it is moved. Moving carries
every answer whose field the new version still has; the text of a field the new version drops
goes, marked with where it came from, into the field the new version's [[migrations]] names; a
value the new version computes instead of asking (`drops`: the T/M line, the report's counts) is
kept in the audit entry of the move. An answer that would have nowhere to go stops the move:
nothing is ever lost silently.
"""

from __future__ import annotations

from typing import Any

from chilinh_desktop.core.cycles import Cycle, ItemKind
from chilinh_desktop.core.dossiers import Dossier, save_answers
from chilinh_desktop.core.errors import StateError
from chilinh_desktop.core.store import Store
from chilinh_desktop.formspec.answers import stored_form_item
from chilinh_desktop.formspec.loader import form_for_item
from chilinh_desktop.formspec.model import FormSpec
from chilinh_desktop.formspec.scales import Scales, scales_for
from chilinh_desktop.formspec.validate import CheckedAnswers, check_answers, display_value, input_limits
from chilinh_desktop.i18n import _

MARK = "[Chuyển từ {label}]"


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _migration(old: FormSpec, new: FormSpec):
    return next((m for m in new.migrations if m.from_version == old.version), None)


def dropped_answers(old: FormSpec, new: FormSpec, answers: dict[str, Any]) -> dict[str, Any]:
    """The typed values the new version computes instead (kept in the audit entry of a move)."""
    migration = _migration(old, new)
    drops = migration.drops if migration else {}
    return {key: value for key, value in answers.items() if key in drops and not _empty(value)}


def migrate_answers(old: FormSpec, new: FormSpec, answers: dict[str, Any], scales: Scales) -> dict[str, Any]:
    """The answers of `old` rewritten for `new`; a dropped field's text is moved, marked, into its successor."""
    migration = _migration(old, new)
    moves = {move.source: move for move in migration.moves} if migration else {}
    drops = migration.drops if migration else {}
    out: dict[str, Any] = {}
    stranded = []
    for key, value in answers.items():
        if new.field(key) is not None:
            out[key] = value
        elif key in moves or key in drops or _empty(value):
            continue
        else:
            stranded.append(key)
    if stranded:
        raise StateError(
            _("The form {form} {version} has no place for the answers {fields}: nothing was moved. Add a "
              "migration for them to the form's definition.", form=new.id, version=new.version,
              fields=", ".join(sorted(stranded))),
            code="form.migration_incomplete",
        )
    for source, move in moves.items():  # in the order the definition lists them
        value = answers.get(source)
        if _empty(value):
            continue
        fld = old.field(source)
        text = display_value(fld, value, scales) if fld is not None else str(value)
        block = f"{MARK.format(label=move.label)} {text}"
        out[move.target] = f"{out[move.target]}\n{block}" if out.get(move.target) else block
    return out


def migrate_item(store: Store, cycle: Cycle, dossier: Dossier, item: ItemKind, *, actor: str) -> CheckedAnswers | None:
    """Move one stored form item to the version the cycle puts in force (None when it already uses it)."""
    stored = stored_form_item(store, cycle, dossier, item)
    target = form_for_item(cycle, item)
    if stored.state == "missing" or stored.form.version == target.version:
        return None
    scales = scales_for(cycle)
    answers = migrate_answers(stored.form, target, stored.answers, scales)
    checked = check_answers(target, answers, scales, input_limits(store.definitions))
    save_answers(store, cycle, dossier.id, item.id, checked.answers, form_id=target.id, form_version=target.version,
                 complete=checked.complete, actor=actor)
    store.audit(actor, "form.migrate", f"dossier:{dossier.id}", item=item.id, from_version=stored.form.version,
                to_version=target.version, computed_now=dropped_answers(stored.form, target, stored.answers))
    return checked
