"""The Board's read side as operations: the overview of arrivals, the report workbook, receipts.

Shared by the window (Packages received) and the command line (`report`, `receipt`); the Excel and
PDF libraries load only when a document is actually made.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from chilinh_desktop.core.board import UnitArrival, board_overview, current_received, find_received
from chilinh_desktop.core.board_summary import (
    classification_summary,
    commendation_rows,
    members_by_level,
    rating_line,
)
from chilinh_desktop.core.collector import collection_paused
from chilinh_desktop.core.cycles import Cycle, get_cycle
from chilinh_desktop.core.errors import NotFoundError
from chilinh_desktop.core.received_ratings import (
    ReceivedRatings,
    findings_per_unit,
    received_findings,
    received_ratings,
)
from chilinh_desktop.core.settings import load_settings
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import get_unit
from chilinh_desktop.core.vocabulary import vocabulary
from chilinh_desktop.formspec.dates import date_line, running_date
from chilinh_desktop.i18n import _
from chilinh_desktop.ops.history import history
from chilinh_desktop.ops.queries import active_officials_by_unit, root_unit, unit_codes

if TYPE_CHECKING:
    from chilinh_desktop.render.board_report import BoardReport, HistoryRow


@dataclass(frozen=True)
class BoardOverview:
    """Per unit that owes a package: its arrival, its rating line and how many findings its ratings raise."""

    arrivals: list[UnitArrival]
    ratings: dict[str, str]  # unit code -> rating line
    findings: dict[str, int]  # unit code -> number of findings


@dataclass(frozen=True)
class WrittenDocument:
    """A document an operation wrote to disk."""

    path: Path
    size: int


@dataclass(frozen=True)
class ReceiptDocument:
    """A receipt (giấy biên nhận) of one received package, as PDF bytes."""

    package_id: str
    unit_code: str
    pdf: bytes


def issuer_name(store: Store) -> str:
    """Who issues the Board's papers: the name in Settings, else this installation's unit, else the tree's root."""
    settings = load_settings(store)
    if settings.unit_name:
        return settings.unit_name
    if settings.unit_code:
        try:
            return get_unit(store, settings.unit_code).name
        except NotFoundError:
            pass
    root = root_unit(store)
    return root.name if root else ""


def board_place(store: Store) -> str:
    """The place on the Board's papers (địa danh): the city of the committee at the tree's root."""
    from chilinh_desktop.formspec.headers import naming, place_name

    root = root_unit(store)
    return place_name(root, naming(store.definitions)) if root else ""  # the data file's naming rules


def overview(store: Store, cycle: Cycle | None = None) -> BoardOverview:
    """Arrivals, rating lines and findings from what the units sent (read-only; fine off the GUI thread)."""
    with collection_paused():
        return _overview(store, cycle or get_cycle(store))


def _overview(store: Store, cycle: Cycle) -> BoardOverview:
    arrivals = board_overview(store, cycle, store.clock.today())
    received = received_ratings(store, cycle)
    ids = {code: unit_id for unit_id, code in unit_codes(store).items()}
    officials = active_officials_by_unit(store)
    lines = {a.code: rating_line(received.data, ids[a.code], officials.get(a.code, [])) for a in arrivals}
    return BoardOverview(arrivals, lines, findings_per_unit(received_findings(store, cycle, received)))


def board_report(store: Store, cycle: Cycle | None = None) -> BoardReport:
    """Gather the report's numbers from the data file (the window and `chilinh report` both use it)."""
    with collection_paused():
        return _board_report(store, cycle or get_cycle(store))


def _board_report(store: Store, cycle: Cycle) -> BoardReport:
    from chilinh_desktop.render.board_report import BoardReport

    today = store.clock.today()
    arrivals = board_overview(store, cycle, today)
    types = {key: value.name for key, value in vocabulary(store.definitions).unit_types.items()}
    received = received_ratings(store, cycle)
    return BoardReport(issuer_name(store), cycle, running_date(today), types,
                       classification_summary(store, cycle, arrivals, received.data), arrivals,
                       _with_appraisals(store, cycle, commendation_rows(store, cycle, arrivals, received), received),
                       received_findings(store, cycle, received), history_rows(store, cycle),
                       vocabulary(store.definitions).commendation_kinds,
                       members_by_level(store, arrivals, received.data))


def history_rows(store: Store, cycle: Cycle) -> list[HistoryRow]:
    """Every subject's levels up to the cycle's year, for the report's multi-year sheet."""
    from chilinh_desktop.render.board_report import HistoryRow

    return [HistoryRow(h.unit_code, h.name, h.kind, {y: v.level for y, v in h.years.items() if y <= cycle.year})
            for h in history(store)]


def _with_appraisals(store: Store, cycle: Cycle, rows: list[dict], received: ReceivedRatings) -> list[dict]:
    """Each proposal row with the Board's appraisal (issue 18): its result, reason and rating flag."""
    from chilinh_desktop.core.appraisals import proposal_id, proposals

    appraised = {p.id: p for p in proposals(store, cycle, received)}
    result = []
    for row in rows:
        found = appraised.get(proposal_id(cycle.id, row["unit_code"], row))
        result.append({**row, "appraisal": found.status if found else "pending",
                       "appraisal_reason": found.reason if found else "",
                       "appraisal_flag": found.flag if found else ""})
    return result


def write_board_report(store: Store, out: Path, cycle: Cycle | None = None) -> WrittenDocument:
    """Write the report workbook (.xlsx) to `out`, atomically."""
    from chilinh_desktop.package.atomicfile import write_atomically
    from chilinh_desktop.render.board_report import board_report_workbook

    report = board_report(store, cycle)
    with collection_paused():  # a workbook is ~200,000 small objects at a province
        data = board_report_workbook(report)
    write_atomically(out, lambda handle: handle.write(data))
    return WrittenDocument(out, len(data))


def receipt(store: Store, *, package_id: str | None = None, unit_code: str | None = None,
            cycle: Cycle | None = None) -> ReceiptDocument:
    """The receipt of a received package, named by its id or by the unit whose current package it is."""
    from chilinh_desktop.package.received import receipt_facts
    from chilinh_desktop.render.receipt import Receipt, receipt_pdf

    cycle = cycle or get_cycle(store)
    if unit_code:
        current = current_received(store, cycle.id, get_unit(store, unit_code).id)
        if current is None:
            raise NotFoundError(_("No package of the unit {code} has been received.", code=unit_code),
                                code="received.none")
        package_id = current.package_id
    if not package_id or find_received(store, package_id) is None:
        raise NotFoundError(_("The Board has not received a package with the id {id}.", id=package_id or ""),
                            code="received.unknown")
    facts = receipt_facts(store, package_id)
    names = {item.id: item.short_name for item in cycle.items}
    # Each person's documents in the dossier's order (the cycle's), named in Vietnamese; people stay in
    # the order receipt_facts gives (the unit, then by post, then by name).
    order = {item.id: n for n, item in enumerate(cycle.items)}
    people = list(dict.fromkeys(subject for subject, _item in facts.documents))
    documents = sorted(facts.documents, key=lambda d: (people.index(d[0]), order.get(d[1], len(order)), d[1]))
    received = facts.received_at[:10]
    pdf = receipt_pdf(Receipt(issuer_name(store), facts.unit_code, facts.unit_name, cycle.title, facts.file_name,
                              facts.package_id, facts.sha256, facts.fingerprint,
                              f"{received[8:10]}/{received[5:7]}/{received[:4]}",
                              [(subject, names.get(item, item)) for subject, item in documents],
                              date_line(board_place(store), store.clock.today())))
    return ReceiptDocument(facts.package_id, facts.unit_code, pdf)


def write_receipt(store: Store, out: Path, *, package_id: str | None = None,
                  unit_code: str | None = None, cycle: Cycle | None = None) -> WrittenDocument:
    """Write the receipt PDF to `out`, atomically."""
    from chilinh_desktop.package.atomicfile import write_atomically

    document = receipt(store, package_id=package_id, unit_code=unit_code, cycle=cycle)
    write_atomically(out, lambda handle: handle.write(document.pdf))
    return WrittenDocument(out, len(document.pdf))
