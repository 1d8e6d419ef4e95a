"""Review cycles as operations: start the next year's cycle from the last one, list them, choose one.

`chilinh cycle new|list|use` and the Board's "new cycle" dialog both call these, so a cycle the
window refuses is refused by the command line with the same words.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from itertools import pairwise

from chilinh_desktop.core import cycles as core_cycles
from chilinh_desktop.core.cycles import Cycle, CycleRow
from chilinh_desktop.core.definitions import Definitions
from chilinh_desktop.core.dossiers import ensure_dossiers
from chilinh_desktop.core.errors import ValidationError
from chilinh_desktop.core.store import Store
from chilinh_desktop.formspec.loader import FORM_FILE
from chilinh_desktop.i18n import _
from chilinh_desktop.ops import changes

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
UNISSUED = "(chưa ban hành)"


@dataclass(frozen=True)
class CycleStarted:
    """A cycle started from an earlier one, its dossiers created empty."""

    cycle: Cycle
    copied_from: str
    dossiers: int
    # Forms moved to a newer version than the earlier cycle used: form id → (old, new).
    newer_forms: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def changes(self) -> frozenset[str]:
        """What starting a cycle changed."""
        return frozenset({changes.DEFINITIONS, changes.SETTINGS, changes.CONTENT, changes.RATINGS})


@dataclass(frozen=True)
class CycleChosen:
    """The current cycle changed."""

    cycle: Cycle

    @property
    def changes(self) -> frozenset[str]:
        """Every view shows the current cycle."""
        return frozenset({changes.SETTINGS, changes.CONTENT, changes.RATINGS, changes.TREE})


def roll_years(text: str, old_year: int, new_year: int) -> str:
    """A label naming the cycle's year (or the year after) moved to the new cycle's year: 'năm 2024' → 'năm 2025'."""
    shift = new_year - old_year

    def move(match: re.Match[str]) -> str:
        year = int(match.group())
        return str(year + shift) if year in (old_year, old_year + 1) else match.group()

    return _YEAR.sub(move, text)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def newest_form_version(definitions: Definitions, form_id: str, current: str, year: int) -> str:
    """The newest version of a form the data holds that was made for `year` or earlier (a 2025 form is not
    put in force in 2024); `current` when there is none newer."""
    best = current
    for name in definitions.names():
        match = FORM_FILE.match(name)
        if not match or match["id"] != form_id:
            continue
        version = match["version"]
        made_for = _version_key(version)[:1]
        if made_for and made_for[0] <= year and _version_key(version) > _version_key(best):
            best = version
    return best


def _parse_deadlines(previous: Cycle, year: int, given: dict[str, str | dt.date]) -> tuple[dict[str, dt.date],
                                                                                        list[tuple[str, str]]]:
    problems: list[tuple[str, str]] = []
    dates: dict[str, dt.date] = {}
    known = [d.id for d in previous.deadlines]
    for deadline_id, value in given.items():
        where = f"--deadline {deadline_id}"
        if deadline_id not in known:
            problems.append((where, _("the cycle {cycle} has no deadline {id}; its deadlines: {known}",
                                      cycle=previous.id, id=deadline_id, known=", ".join(known))))
            continue
        try:
            day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value).strip())
        except ValueError:
            example = dt.date(year, 12, 10).isoformat()
            problems.append((where, _("{value} is not a real date; write it as YYYY-MM-DD, for example {example}",
                                      value=value, example=example)))
            continue
        if day.year not in (year, year + 1):
            problems.append((where, _("{date} is not in {year} or early {next}", date=day.isoformat(), year=year,
                                      next=year + 1)))
            continue
        dates[deadline_id] = day
    for deadline_id in known:
        if deadline_id not in given:
            problems.append((f"--deadline {deadline_id}",
                             _("give the date of this deadline ({id}=YYYY-MM-DD)", id=deadline_id)))
    ordered = [d for d in known if d in dates]
    for earlier, later in pairwise(ordered):
        if dates[later] < dates[earlier]:
            problems.append((f"--deadline {later}", _(
                "the deadline {later} ({later_date}) comes before {earlier} ({earlier_date}); the order of the "
                "cycle {cycle} is {order}", later=later, later_date=dates[later].isoformat(), earlier=earlier,
                earlier_date=dates[earlier].isoformat(), cycle=previous.id, order=" → ".join(known))))
    return dates, problems


def derive_cycle(store: Store, previous: Cycle, *, year: int, cycle_id: str, deadlines: dict[str, str | dt.date],
                 dispatch: str | None = None, regulation: str | None = None) -> tuple[dict, dict[str, tuple[str, str]]]:
    """The definition of the next cycle, copied from `previous`; refused with every problem named.

    When the program ships a cycle for that year (under the regulation asked for, if any), or the
    regulation changes, the items, forms, issuer and deadlines follow that cycle instead: a 2025 cycle
    under QĐ 366 gets HD 43's forms and the merged tree's issuer, never the 2023 02B. Deadlines it
    brings may then be left out (its own dates are kept, moved to the year).
    """
    problems: list[tuple[str, str]] = []
    cycle_id = cycle_id.strip()
    if year <= previous.year or year > previous.year + 10:
        problems.append(("--year", _("the new cycle's year must come after {year}", year=previous.year)))
    if not cycle_id or not re.fullmatch(r"[\w.-]+", cycle_id):
        problems.append(("--id", _("a cycle id is letters, digits, '.', '-' or '_', for example {year}", year=year)))
    elif cycle_id in core_cycles.cycle_years(store):
        problems.append(("--id", _("the data file already holds a cycle {id}; choose another id or use it with "
                                   "`chilinh cycle use {id}`", id=cycle_id)))
    definitions = store.definitions
    if regulation is not None and f"rules/{regulation}.toml" not in definitions.names("rules"):
        known = ", ".join(n.removeprefix("rules/").removesuffix(".toml") for n in definitions.names("rules"))
        problems.append(("--regulation", _("there is no rule set {id}; known: {known}", id=regulation, known=known)))
        regulation_known = False
    else:
        regulation_known = True
    base = _model_cycle(store, previous, year, regulation) if regulation_known else previous
    if base is None:
        problems.append(("--regulation", _("no cycle yet rates under {id}: its scales and levels are unknown; "
                                           "import a cycle kit of that regulation first", id=regulation)))
        base = previous
    given = dict(deadlines)
    if base is not previous:
        shift = year - base.year
        for deadline in base.deadlines:
            given.setdefault(deadline.id, _shift_year(deadline.date, shift))
    dates, deadline_problems = _parse_deadlines(base, year, given)
    problems += deadline_problems
    if problems:
        raise ValidationError(_("The cycle {year} was not started; nothing was changed.", year=year), problems)
    old = base.year
    raw = copy.deepcopy(base.raw)
    raw.update(id=cycle_id, revision=1, year=year, title=roll_years(base.title, old, year),
               tree_date=f"{year}-12-31", holidays=[])
    old_number = base.dispatch.get("number", "")
    number = (dispatch or "").strip() or (old_number if base is not previous and old == year else UNISSUED)
    raw["dispatch"] = {**base.dispatch, "number": number, "date": base.dispatch.get("date", "") if old == year
                       and base is not previous else ""}
    for row in raw["deadlines"]:
        row["date"] = dates[row["id"]].isoformat()
        row["label"] = roll_years(row["label"], old, year)
        covers = roll_years(row.get("covers", ""), old, year)
        row["covers"] = covers.replace(old_number, number) if old_number else covers
    for row in raw["items"]:
        for key in ("name", "short_name"):
            if key in row:
                row[key] = roll_years(row[key], old, year)
    raw.update(rules=base.rules, scales=base.scales_id, levels=list(base.levels),
               criterion_levels=list(base.criterion_levels))
    newer: dict[str, tuple[str, str]] = {}
    for form_id, version in dict(raw.get("forms", {})).items():
        best = newest_form_version(definitions, form_id, version, year)
        if best != version:
            raw["forms"][form_id] = best
            newer[form_id] = (version, best)
    return raw, newer


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _model_cycle(store: Store, previous: Cycle, year: int, regulation: str | None) -> Cycle | None:
    """The cycle whose items, forms and issuer a new cycle of `year` follows (None: the regulation is unknown).

    The program's own cycle of that year when it ships one (under `regulation`, if given); else, for a
    change of regulation, the latest cycle rating under it; else the cycle copied.
    """
    shipped = [core_cycles.load_cycle_file(path) for path in core_cycles.shipped_cycle_files()]
    same_year = [c for c in shipped if c.year == year and (regulation is None or c.rules == regulation)]
    if same_year:
        return max(same_year, key=lambda c: c.revision)
    if regulation is None or regulation == previous.rules:
        return previous
    return _cycle_under(store, regulation)


def _cycle_under(store: Store, regulation: str) -> Cycle | None:
    """The latest cycle (in the data file, else shipped) rating under `regulation`."""
    held = [core_cycles.get_cycle(store, row.id) for row in core_cycles.cycle_rows(store)]
    shipped = [core_cycles.load_cycle_file(path) for path in core_cycles.shipped_cycle_files()]
    matching = [c for c in held + shipped if c.rules == regulation]
    return max(matching, key=lambda c: c.year) if matching else None


def start_cycle(store: Store, *, copy_from: str | None, year: int, deadlines: dict[str, str | dt.date],
                cycle_id: str | None = None, dispatch: str | None = None, regulation: str | None = None,
                make_current: bool = True, actor: str = "system") -> CycleStarted:
    """Start the cycle of `year` from an earlier one (the current by default): the same items, deadlines
    moved to the given dates, labels naming a year rolled forward; its dossiers start empty."""
    previous = core_cycles.get_cycle(store, copy_from)
    raw, newer = derive_cycle(store, previous, year=year, cycle_id=cycle_id or str(year), deadlines=deadlines,
                              dispatch=dispatch, regulation=regulation)
    cycle = core_cycles.parse_cycle(raw, f"cycle:{raw['id']}", definitions=store.definitions)
    with store.atomic():
        core_cycles.install_cycle(store, cycle, make_current=make_current, actor=actor, copied_from=previous.id)
        store.audit(actor, "cycle.start", f"cycle:{cycle.id}", copied_from=previous.id, year=year)
        cycle = core_cycles.get_cycle(store, cycle.id)
        created = ensure_dossiers(store, cycle, actor=actor)
    return CycleStarted(cycle, previous.id, created, newer)


def list_cycles(store: Store) -> list[CycleRow]:
    """Every cycle the data file holds, oldest first, the current one marked."""
    return core_cycles.cycle_rows(store)


def use_cycle(store: Store, cycle_id: str, *, actor: str = "system") -> CycleChosen:
    """Make a cycle the current one (the default of every command and of the window)."""
    return CycleChosen(core_cycles.use_cycle(store, cycle_id, actor=actor))


@dataclass(frozen=True)
class DossiersCompleted:
    """The dossiers a cycle lacked (cadres and units added since it began), now created."""

    created: int

    @property
    def changes(self) -> frozenset[str]:
        """New dossiers change the tree's figures; none, nothing."""
        return frozenset({changes.TREE}) if self.created else frozenset()


def complete_dossiers(store: Store, cycle: Cycle, *, actor: str) -> DossiersCompleted:
    """Create every dossier the cycle owes and the data file lacks (cheap when none is missing)."""
    return DossiersCompleted(ensure_dossiers(store, cycle, actor=actor))
