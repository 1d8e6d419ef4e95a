"""Rating history (xếp loại qua các năm): each subject's final level per year, across the cycles of a data file.

A year's level is the furthest step recorded (decision, else proposal, else self-rating) in that year's
cycle: this installation's own records first, else what the unit's current package brought the Board.
Years before the data file held a cycle come from `past_ratings` (kept from paper or an older program).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from chilinh_desktop.core.store import Store

STEP_PRIORITY = ("decision", "proposal", "self")
OWN, RECEIVED, PAST = "own", "received", "past"


@dataclass(frozen=True)
class YearLevel:
    """One subject's final level in one year, and where it was read (own records, a received package, the past)."""

    year: int
    level: str
    step: str
    cycle_id: str | None
    source: str

    def as_json(self) -> dict:
        """A JSON-ready dict (what `chilinh history --json` prints per year)."""
        return {"year": self.year, "level": self.level, "step": self.step, "cycle": self.cycle_id,
                "source": self.source}


History = dict[str, dict[int, YearLevel]]  # subject key → year → level


def _own(store: Store, history: History, wanted: set[str] | None) -> None:
    rank = {step: n for n, step in enumerate(STEP_PRIORITY)}
    for key, step, level, cycle_id, year in store.db.execute(
        "SELECT r.subject_key, r.step, r.level, r.cycle_id, c.year FROM ratings r JOIN cycles c ON c.id = r.cycle_id"
    ):
        if wanted is not None and key not in wanted:
            continue
        known = history.setdefault(key, {}).get(year)
        if known is None or rank[step] < rank[known.step]:
            history[key][year] = YearLevel(year, level, step, cycle_id, OWN)


def _received(store: Store, history: History, wanted: set[str] | None) -> None:
    from chilinh_desktop.core.cycles import get_cycle
    from chilinh_desktop.core.received_ratings import received_ratings

    cycles = [row[0] for row in store.db.execute("SELECT DISTINCT cycle_id FROM received_packages")]
    for cycle_id in cycles:
        cycle = get_cycle(store, cycle_id)
        data = received_ratings(store, cycle).data
        for key in data.ratings:
            if (wanted is not None and key not in wanted) or cycle.year in history.get(key, {}):
                continue
            rating = data.effective(key)
            if rating is not None:
                history.setdefault(key, {})[cycle.year] = YearLevel(cycle.year, rating.level, rating.step,
                                                                    cycle.id, RECEIVED)


def _past(store: Store, history: History, wanted: set[str] | None) -> None:
    for key, year, level in store.db.execute("SELECT subject_key, year, level FROM past_ratings"):
        if (wanted is None or key in wanted) and year not in history.get(key, {}):
            history.setdefault(key, {})[year] = YearLevel(year, level, "decision", None, PAST)


def rating_history(store: Store, keys: Iterable[str] | None = None) -> History:
    """Every subject's (or these subjects') final level per year, from every cycle the data file holds."""
    wanted = set(keys) if keys is not None else None
    history: History = {}
    _own(store, history, wanted)
    _received(store, history, wanted)
    _past(store, history, wanted)
    return history


def record_past_rating(store: Store, key: str, year: int, level: str, *, source: str = "",
                       actor: str = "system") -> None:
    """Keep the final level of a year the data file holds no cycle for (from paper or an older program)."""
    with store.atomic():
        store.db["past_ratings"].upsert({"subject_key": key, "year": year, "level": level, "source": source,
                                         "recorded_at": store.now_text()}, pk=("subject_key", "year"))
        store.audit(actor, "rating.past", key, year=year, level=level)


def history_line(years: dict[int, YearLevel]) -> str:
    """The dossier's one-line history: '2022: HTTNV · 2023: HTXSNV'."""
    return " · ".join(f"{year}: {years[year].level}" for year in sorted(years))
