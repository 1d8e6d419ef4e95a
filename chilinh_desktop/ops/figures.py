"""Who is counted in each figure of a unit's classification report (read-only).

The report's figures are computed from the rating records and the tree (core/figures.py) and
shown read-only; this says, for each figure, which organisations are counted in it, or where the
number comes from when the records hold a count rather than names. `chilinh figures` and the
form editor's "who is counted" button both call `who_is_counted`.
"""

from __future__ import annotations

from dataclasses import dataclass

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.errors import NotFoundError
from chilinh_desktop.core.figures import report_figures
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import get_unit, unit_tree
from chilinh_desktop.formspec.context import FIGURES
from chilinh_desktop.formspec.loader import form_for_item
from chilinh_desktop.formspec.scales import scales_for
from chilinh_desktop.i18n import _


@dataclass(frozen=True)
class CountedFigure:
    """One figure: its name, its label on the form, its value, and who is counted (or where it comes from)."""

    source: str  # figures.org_htxsnv …
    label: str
    value: int | str
    names: tuple[str, ...] | None  # None: the records hold a count, not names (see `basis`)
    basis: str

    def as_json(self) -> dict:
        """For `--json`."""
        return {"figure": self.source, "label": self.label, "value": self.value,
                "names": list(self.names) if self.names is not None else None, "basis": self.basis}


@dataclass(frozen=True)
class CountedFigures:
    """Every figure of one unit's classification report, in the form's order."""

    unit_code: str
    unit_name: str
    figures: tuple[CountedFigure, ...]

    def get(self, source: str) -> CountedFigure | None:
        """The figure with this name, if the report has it."""
        return next((f for f in self.figures if f.source == source), None)


def _labels(cycle: Cycle, levels: list[str]) -> dict[str, str]:
    """Each figure's label on the cycle's classification report; a breakdown says whose it is."""
    labels: dict[str, str] = {}
    for item in cycle.items:
        if item.kind == "form" and item.form:
            for fld in form_for_item(cycle, item).fields():
                if fld.computed and fld.source not in labels:
                    labels[fld.source or ""] = fld.label
    for level in levels:
        for kind, group in (("org", _("Organisations")), ("mem", _("Members"))):
            source = f"figures.{kind}_{level.lower()}"
            if source in labels:
                labels[source] = _("{group}: {label}", group=group, label=labels[source])
    return labels


def _order(levels: list[str]) -> list[str]:
    org = [f"figures.org_{level.lower()}" for level in levels]
    mem = [f"figures.mem_{level.lower()}" for level in levels]
    return ["figures.own_rating", "figures.org_total", *org, "figures.org_not_rated",
            "figures.members_total", "figures.members_not_rated", *mem]


def who_is_counted(store: Store, cycle: Cycle, unit_code: str) -> CountedFigures:
    """For each figure of the unit's classification report: its value and who is counted in it."""
    unit = get_unit(store, unit_code.upper())
    if unit.code not in unit_tree(store, cycle.tree_date).by_code:
        raise NotFoundError(_("The unit {code} is not in the cycle's tree.", code=unit.code), code="unit.not_in_tree")
    figures = report_figures(store, cycle, unit.code)
    values = figures.as_values()
    levels = {option.id: option.label for option in scales_for(cycle).ratings}
    values["figures.own_rating"] = levels.get(figures.own_self_level or "", "")
    labels = _labels(cycle, list(cycle.levels))
    result = []
    for source in _order(list(cycle.levels)):
        if source not in FIGURES or source not in values:
            continue
        names = figures.counted.get(source)
        if source == "figures.own_rating":
            basis = _("The unit's own self-rating in its rating record.") if names else \
                _("The unit has not recorded its self-rating yet.")
            names = names or []
        elif source.startswith("figures.org_") and names is not None:
            basis = _("The organisations directly under the unit in the cycle's tree, each at its own rating "
                      "record.") if source != "figures.org_total" else \
                _("The organisations directly under the unit in the cycle's tree.")
        elif source.startswith("figures.org_"):
            basis = _("From the classification of the cells recorded for the unit (the cells have no rating "
                      "records of their own): a count, not names.")
        elif source == "figures.members_total":
            basis = _("The sum of the members per level and those not rated, from the classification of the "
                      "members recorded for the unit.")
        else:
            basis = _("From the classification of the members recorded for the unit: a count, not names.")
        result.append(CountedFigure(source, labels.get(source, source.removeprefix("figures.")), values[source],
                                    tuple(names) if names is not None else None, basis))
    return CountedFigures(unit.code, unit.name, tuple(result))
