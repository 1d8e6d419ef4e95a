"""Commands over ratings: check the rules, record ratings, discipline, targets and exclusions."""

from __future__ import annotations

import argparse
import json

from chilinh_desktop.cli.common import (
    cycle_argument,
    cycle_of,
    db_argument,
    open_store,
    parse_today,
    print_json,
    print_table,
)
from chilinh_desktop.i18n import _
from chilinh_desktop.ops.errors import ValidationError
from chilinh_desktop.ops.rating import (
    COUNT_KINDS,
    findings,
    mark_not_rated,
    rate,
    record_conclusion,
    record_discipline,
    record_targets,
    set_classification_counts,
    subject_key,
)
from chilinh_desktop.ops.session import Store

YES_NO = {"yes": True, "no": False}


def _subject(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--official", metavar="ID", help=_("the cadre (id as `chilinh officials --json` shows)"))
    group.add_argument("--unit", metavar="CODE", help=_("the party organisation"))
    p.add_argument("--collective", action="store_true",
                   help=_("with --unit: the unit's leadership collective, not the organisation"))


def _common(p: argparse.ArgumentParser) -> None:
    db_argument(p)
    cycle_argument(p)
    p.add_argument("--actor", default="cli", help=_("who makes the change (for the audit trail)"))


def register(sub: argparse._SubParsersAction) -> None:
    """Add the rating commands to the CLI."""
    p = sub.add_parser("check", help=_("check ratings against the cycle's rules and list the findings"))
    db_argument(p)
    cycle_argument(p)
    p.add_argument("--unit", metavar="CODE", help=_("only this unit and the units under it"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("rate", help=_("record one step of a rating (self, proposal, decision)"))
    _common(p)
    _subject(p)
    p.add_argument("--step", required=True, choices=("self", "proposal", "decision"), help=_("the step"))
    p.add_argument("--level", metavar="LEVEL", help=_("HTXSNV, HTTNV, HTNV or KHTNV (from --score if omitted)"))
    p.add_argument("--score", type=float, metavar="N", help=_("the score on a 100-point scale, where used"))
    p.add_argument("--criteria", metavar="JSON", help=_('criterion levels, e.g. {"ket_qua": "xuat_sac"}'))
    p.add_argument("--by", required=True, help=_("who rated (person or body)"))
    p.add_argument("--at", metavar="YYYY-MM-DD", help=_("the date of the step (default: today)"))
    p.add_argument("--justification", help=_("a written justification (e.g. above the quota)"))
    p.add_argument("--peer-group", metavar="NAME", help=_("the group of similar roles for the quota"))
    p.set_defaults(func=cmd_rate)

    discipline = sub.add_parser("discipline", help=_("record discipline"))
    actions = discipline.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    p = actions.add_parser("add", help=_("record a disciplinary measure"))
    _common(p)
    _subject(p)
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD", help=_("the date of the decision"))
    p.add_argument("--form", required=True, help=_("the form, e.g. khiển trách"))
    p.add_argument("--self-remedied", action="store_true", help=_("found and remedied by the person themself"))
    p.add_argument("--kind", default="", metavar="KIND",
                   help=_("the kind of case, where a rule depends on it (e.g. tham_nhung_tieu_cuc; the rule set "
                          "lists them)"))
    p.add_argument("--note", default="", help=_("a note"))
    p.set_defaults(func=cmd_discipline_add)

    conclusion = sub.add_parser("conclusion", help=_("record a conclusion of the competent level (degradation, "
                                                     "disunity …)"))
    actions = conclusion.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    p = actions.add_parser("add", help=_("record a conclusion about a cadre, a unit or its leadership"))
    _common(p)
    _subject(p)
    p.add_argument("--kind", required=True, metavar="KIND",
                   help=_("what was concluded, e.g. suy_thoai, tu_dien_bien, mat_doan_ket (the rule set lists them)"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD", help=_("the date of the conclusion"))
    p.add_argument("--note", default="", help=_("a note"))
    p.set_defaults(func=cmd_conclusion_add)

    p = sub.add_parser("targets", help=_("record the share of targets met and exceeded"))
    _common(p)
    _subject(p)
    p.add_argument("--met", required=True, type=float, metavar="PCT", help=_("percent of targets met"))
    p.add_argument("--exceeded", type=float, default=0, metavar="PCT", help=_("percent of targets exceeded"))
    p.add_argument("--main-met", choices=tuple(YES_NO), help=_("whether the main targets were met (default: not "
                                                              "recorded)"))
    p.add_argument("--force-majeure", action="store_true", help=_("targets missed for reasons of force majeure"))
    p.add_argument("--behind", type=float, metavar="PCT", help=_("percent of tasks behind schedule (QĐ 366)"))
    p.add_argument("--shortcomings-fixed", choices=tuple(YES_NO),
                   help=_("whether every shortcoming found was fixed (QĐ 366)"))
    p.set_defaults(func=cmd_targets)

    p = sub.add_parser("not-rated", help=_("record that a member is not rated this cycle"))
    _common(p)
    _subject(p)
    p.add_argument("--reason", required=True, help=_("the reason id of the rule set, e.g. moi_ket_nap"))
    p.set_defaults(func=cmd_not_rated)

    p = sub.add_parser("classification", help=_("record a unit's classification report (counts per level)"))
    _common(p)
    p.add_argument("--unit", required=True, metavar="CODE", help=_("the unit"))
    p.add_argument("--kind", required=True, choices=COUNT_KINDS, help=_("members or cells"))
    p.add_argument("--counts", required=True, metavar="JSON", help=_('e.g. {"HTXSNV": 2, "HTTNV": 10}'))
    p.set_defaults(func=cmd_classification)


def _json_arg(text: str | None, name: str) -> dict:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        raise ValidationError(_("--{name} is not valid JSON.", name=name), [(name, text)]) from None
    if not isinstance(value, dict):
        raise ValidationError(_("--{name} must be a JSON object.", name=name), [(name, text)])
    return value


def _key(store: Store, args: argparse.Namespace) -> str:
    return subject_key(store, official_id=args.official, unit_code=args.unit, collective=args.collective)


def cmd_check(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        found = findings(store, cycle_of(store, args), args.unit)
    if args.json:
        print_json({"findings": [f.as_json() for f in found]})
        return 0
    if not found:
        print(_("No findings: the ratings follow the cycle's rules."))
        return 0
    print_table([_("Severity"), _("Rule"), _("Subject"), _("Message")],
                [[_("error") if f.severity == "error" else _("warning"), f.citation, f.subject_name, f.message]
                 for f in found])
    errors = sum(1 for f in found if f.severity == "error")
    print(_("{errors} errors, {warnings} warnings.", errors=errors, warnings=len(found) - errors))
    return 0


def cmd_rate(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        cycle = cycle_of(store, args)
        at = parse_today(args.at) if args.at else store.clock.today()
        rating = rate(store, cycle, _key(store, args), args.step, args.level, by=args.by, at=at, score=args.score,
                      criteria=_json_arg(args.criteria, "criteria"), justification=args.justification,
                      peer_group=args.peer_group, actor=args.actor).rating
    print(_("Recorded: {step} {level}.", step=rating.step, level=rating.level))
    return 0


def cmd_discipline_add(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        record_discipline(store, cycle_of(store, args), _key(store, args), date=parse_today(args.date),
                          form=args.form, kind=args.kind, self_remedied=args.self_remedied, note=args.note,
                          actor=args.actor)
    print(_("Discipline recorded."))
    return 0


def cmd_conclusion_add(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        record_conclusion(store, cycle_of(store, args), _key(store, args), args.kind, date=parse_today(args.date),
                          note=args.note, actor=args.actor)
    print(_("Conclusion recorded."))
    return 0


def cmd_targets(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        record_targets(store, cycle_of(store, args), _key(store, args), met_pct=args.met,
                       exceeded_pct=args.exceeded, main_met=YES_NO.get(args.main_met),
                       force_majeure=args.force_majeure, behind_pct=args.behind,
                       shortcomings_fixed=YES_NO.get(args.shortcomings_fixed), actor=args.actor)
    print(_("Targets recorded."))
    return 0


def cmd_not_rated(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        mark_not_rated(store, cycle_of(store, args), _key(store, args), args.reason, actor=args.actor)
    print(_("Recorded as not rated."))
    return 0


def cmd_classification(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        set_classification_counts(store, cycle_of(store, args), args.unit, args.kind,
                                  _json_arg(args.counts, "counts"), actor=args.actor)
    print(_("Classification report recorded."))
    return 0
