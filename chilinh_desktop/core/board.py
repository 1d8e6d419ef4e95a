"""The Organisation Board's side (Ban Tổ chức): received packages and the city-wide picture.

Design, chosen for being the simplest honest one: a received package is kept whole (its bytes
are the evidence, like the export archive), and its structured payload (unit.json and
officials/*.json, which the unit signed) is copied into two JSON columns at import. Every
Board view — arrived or not, when, on time or late, complete or what is missing — is recomputed
from those documents of each unit's *current* package, compared with the Board's own list of
units and managed cadres. Nothing is copied into the dossier tables, which belong to the
installation that fills them (in the demo, one file plays every unit; there, matching dossiers
are marked received as well). Confidential files stay encrypted inside the stored bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from chilinh_desktop.core import board_cache
from chilinh_desktop.core.board_cache import StoredPackage
from chilinh_desktop.core.collector import collection_paused, keep_long_lived
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.deadlines import CycleStatus, MissingItem, UnitStatus, compute_status
from chilinh_desktop.core.document_fields import DocumentError
from chilinh_desktop.core.errors import NotFoundError
from chilinh_desktop.core.package_documents import DossierRecord, OfficialDocument, UnitDocument, stored_text
from chilinh_desktop.core.store import Store
from chilinh_desktop.i18n import _

CURRENT, SUPERSEDED = "current", "superseded"
# Per-deadline timeliness of a unit's first package.
ON_TIME, LATE, PENDING, OVERDUE = "on_time", "late", "pending", "overdue"


def package_code(unit_code: str | None, package_id: str) -> str:
    """The short code a person reads out and writes down ('DB15-3F2A-91C0'), the same on every paper and screen.

    The full id stays on a small line of the receipt and slip for checking.
    """
    digits = "".join(c for c in package_id if c.isalnum()).upper()
    short = f"{digits[:4]}-{digits[4:8]}" if len(digits) >= 8 else digits
    return f"{unit_code}-{short}" if unit_code else short


@dataclass(frozen=True)
class ReceivedPackage:
    """One package as the Board recorded it (without its bytes)."""

    package_id: str
    unit_id: str
    unit_code: str
    cycle_id: str
    file_name: str
    sha256: str
    size: int
    signer_fingerprint: str
    exported_at: str
    received_at: str
    status: str
    supersedes: str | None


_COLUMNS = ("package_id, unit_id, unit_code, cycle_id, file_name, sha256, size, signer_fingerprint, exported_at, "
            "received_at, status, supersedes")


def find_received(store: Store, package_id: str) -> ReceivedPackage | None:
    """The received package with this id, if the Board has it."""
    row = store.db.execute(f"SELECT {_COLUMNS} FROM received_packages WHERE package_id = ?", [package_id]).fetchone()
    return None if row is None else ReceivedPackage(*row)


def current_received(store: Store, cycle_id: str, unit_id: str) -> ReceivedPackage | None:
    """The unit's current package in the cycle, if any arrived."""
    row = store.db.execute(
        f"SELECT {_COLUMNS} FROM received_packages WHERE cycle_id = ? AND unit_id = ? AND status = ?",
        [cycle_id, unit_id, CURRENT]).fetchone()
    return None if row is None else ReceivedPackage(*row)


def received_packages(store: Store, unit_code: str | None = None) -> list[ReceivedPackage]:
    """Every received package (of one unit when given), newest first: the history."""
    where, params = ("WHERE unit_code = ?", [unit_code]) if unit_code else ("", [])
    rows = store.db.execute(f"SELECT {_COLUMNS} FROM received_packages {where} ORDER BY received_at DESC, id DESC",
                            params)
    return [ReceivedPackage(*row) for row in rows]


def received_data(store: Store, package_id: str) -> bytes:
    """The bytes of a received package, exactly as they arrived."""
    row = store.db.execute("SELECT data FROM received_package_bytes WHERE package_id = ?", [package_id]).fetchone()
    if row is None:
        raise NotFoundError(_("The Board has not received a package with the id {id}.", id=package_id),
                            code="received.unknown")
    return bytes(row[0])


def received_documents(store: Store, package_id: str) -> tuple[UnitDocument, list[OfficialDocument]]:
    """The unit document and the cadre documents of a received package (typed, checked again)."""
    found = stored(store, package_id)
    return found.unit_doc, list(found.officials)


def stored(store: Store, package_id: str) -> StoredPackage:
    """A received package's documents and progress, read once per open data file (core.board_cache)."""

    def texts() -> tuple[str, str]:
        row = store.db.execute("SELECT unit_doc, officials_doc FROM received_documents WHERE package_id = ?",
                               [package_id]).fetchone()
        if row is None:
            raise NotFoundError(_("The Board has not received a package with the id {id}.", id=package_id),
                                code="received.unknown")
        return row[0], row[1]

    return board_cache.stored_package(store, package_id, texts)


@dataclass(frozen=True)
class ReceivedText:
    """What the Board writes of a received package's checked documents: their two JSON columns, the dossiers they
    carry and how many task decisions they record (the audit counts them). An import keeps this from checking to
    writing, so the documents are neither parsed nor serialised a second time."""

    unit_doc: str
    officials_doc: str
    dossier_ids: tuple[str, ...]
    task_decisions: int

    @classmethod
    def of(cls, unit_doc: UnitDocument, officials_doc: list[OfficialDocument]) -> ReceivedText:
        """The text of checked documents."""
        dossier_ids = [doc.dossier.id for doc in officials_doc]
        if unit_doc.dossier is not None:
            dossier_ids.append(unit_doc.dossier.id)
        return cls(*stored_text(unit_doc, officials_doc), tuple(dossier_ids), len(unit_doc.task_decisions))


def record_received(store: Store, package: ReceivedPackage, data: bytes, unit_doc: UnitDocument,
                    officials_doc: list[OfficialDocument], *, current: bool, actor: str) -> None:
    """Store a received package; as current, it supersedes the unit's previous one (call in a transaction)."""
    store_received(store, package, data, ReceivedText.of(unit_doc, officials_doc), current=current, actor=actor)


def store_received(store: Store, package: ReceivedPackage, data: bytes, text: ReceivedText, *, current: bool,
                   actor: str) -> None:
    """`record_received` from the documents' text (ReceivedText.of), as the import kept it."""
    with store.atomic():
        if current:
            store.db.execute("UPDATE received_packages SET status = ? WHERE cycle_id = ? AND unit_id = ? "
                             "AND status = ?", [SUPERSEDED, package.cycle_id, package.unit_id, CURRENT])
        store.db.execute(
            f"INSERT INTO received_packages ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [package.package_id, package.unit_id, package.unit_code, package.cycle_id, package.file_name,
             package.sha256, package.size, package.signer_fingerprint, package.exported_at, package.received_at,
             CURRENT if current else SUPERSEDED, package.supersedes])
        # The documents and the bytes apart from the row, which a later package's arrival updates
        # (core/migrations.py, 0010 and 0011).
        store.db.execute("INSERT INTO received_documents (package_id, unit_doc, officials_doc) VALUES (?, ?, ?)",
                         [package.package_id, text.unit_doc, text.officials_doc])
        store.db.execute("INSERT INTO received_package_bytes (package_id, data) VALUES (?, ?)",
                         [package.package_id, data])
        # In the demo one file plays every unit: the dossiers that left in this package are now received.
        dossier_ids = text.dossier_ids
        for start in range(0, len(dossier_ids), 500):
            chunk = dossier_ids[start:start + 500]
            store.db.execute(
                f"UPDATE dossiers SET state = 'received', received_at = ?, updated_at = ? WHERE package_id = ? "
                f"AND id IN ({','.join('?' * len(chunk))})",
                [package.received_at, package.received_at, package.package_id, *chunk])
        board_cache.forget(store, package.package_id)  # what was derived from the current packages changes
        store.audit(actor, "package.receive", f"unit:{package.unit_id}", package=package.package_id,
                    sha256=package.sha256, fingerprint=package.signer_fingerprint, current=current,
                    task_decisions=text.task_decisions)


def current_documents(store: Store, cycle_id: str, unit_code: str | None = None
                      ) -> dict[str, tuple[ReceivedPackage, UnitDocument, list[OfficialDocument]]]:
    """Per unit code (or for one unit), its current package in the cycle and that package's documents.

    A stored package whose documents no longer read (damaged, or from a format this version does not
    know) is left out: its unit is then counted from the local rows, and the other units still show.
    """
    return {code: (package, found.unit_doc, list(found.officials))
            for code, (package, found) in current_packages(store, cycle_id, unit_code).items()}


def current_packages(store: Store, cycle_id: str, unit_code: str | None = None
                     ) -> dict[str, tuple[ReceivedPackage, StoredPackage]]:
    """Per unit code (or for one unit), its current package in the cycle and what is derived from it.

    Only the rows are read here; each package's documents are parsed once per open data file.
    """
    result = {}
    where, args = ("AND unit_code = ?", [unit_code]) if unit_code else ("", [])
    kept = board_cache.kept(store)
    for row in store.db.execute(f"SELECT {_COLUMNS} FROM received_packages "
                                f"WHERE cycle_id = ? AND status = ? {where}", [cycle_id, CURRENT, *args]):
        package = ReceivedPackage(*row)
        try:
            result[package.unit_code] = (package, stored(store, package.package_id))
        except DocumentError:
            continue
    if board_cache.kept(store) - kept >= 100:  # a batch parsed (opening a province, a big import): kept for long
        keep_long_lived()
    return result


def unit_key_record(store: Store, unit_id: str) -> tuple[str, str, str] | None:
    """(fingerprint, public line, origin) the Board recorded for a unit, if any."""
    row = store.db.execute("SELECT fingerprint, public, origin FROM unit_keys WHERE unit_id = ?", [unit_id]).fetchone()
    return None if row is None else (row[0], row[1], row[2])


# -- the city-wide picture ------------------------------------------------------------------


@dataclass
class UnitArrival:
    """One unit as the Board sees it: did its package arrive, when, on time, complete, what is missing."""

    code: str
    name: str
    type: str
    package: ReceivedPackage | None = None
    first_received_at: str | None = None
    packages: int = 0
    timeliness: dict[str, str] = field(default_factory=dict)  # deadline id -> on_time/late/pending/overdue
    missing: list[str] = field(default_factory=list)  # "subject: item" lines
    unexpected: list[str] = field(default_factory=list)  # cadres in the package the Board does not list
    officials_expected: int = 0
    officials_received: int = 0
    items_required: int = 0
    items_done: int = 0

    @property
    def arrived(self) -> bool:
        """Whether any package of the unit arrived."""
        return self.package is not None

    @property
    def complete(self) -> bool:
        """Arrived with every required item of every expected dossier."""
        return self.arrived and not self.missing


def _received_day(text: str) -> dt.date:
    return dt.datetime.fromisoformat(text).date()


def board_status(store: Store, cycle: Cycle, today: dt.date, *, at_board: bool = True) -> CycleStatus:
    """Every unit against the deadlines as the Board must see it: the one answer to "who is late".

    A unit whose package arrived is counted from the documents it signed; at the Board, a unit whose
    package has not arrived has sent nothing, whatever the Board's own copies of its dossiers say
    (`at_board=False`, a unit office, counts its own rows). The tree badges, the unit page, the
    dashboard and Packages received all read this.
    """
    with collection_paused():
        status = compute_status(store, cycle, today, local_rows=not at_board)
        received = current_packages(store, cycle.id)
        items = {item.id: item for item in cycle.items}
        for unit in status.units:
            if unit.code in received:
                _count_package(unit, items, received[unit.code][1])
        return status


def package_subjects(unit_doc: UnitDocument, officials: list[OfficialDocument]
                     ) -> list[tuple[str, str, DossierRecord]]:
    """(subject key, name, dossier) of every dossier a package carries: the collective first, then the cadres."""
    result = []
    if unit_doc.dossier is not None:
        result.append((f"unit:{unit_doc.unit.id}", unit_doc.unit.name, unit_doc.dossier))
    result += [(f"official:{doc.official.id}", doc.official.full_name, doc.dossier) for doc in officials]
    return result


def _count_package(unit: UnitStatus, items: dict, package: StoredPackage) -> None:
    """Replace the unit's counts by the package's; expected subjects absent from it stay missing as before."""
    carried = {subject.key.split(":", 1)[1] for subject in package.subjects}
    kept = [m for m in unit.missing if m.subject_id not in carried]
    unit.items_required, unit.items_done, unit.missing = len(kept), 0, kept
    for subject in package.subjects:
        kind, subject_id = subject.key.split(":", 1)
        unit.items_required += subject.required
        unit.items_done += subject.done
        unit.missing += [MissingItem(items[i].id, items[i].short_name, items[i].deadline, kind, subject_id,
                                     subject.name) for i in subject.missing if i in items]


def board_overview(store: Store, cycle: Cycle, today: dt.date) -> list[UnitArrival]:
    """Every unit that owes a package this cycle, with what arrived (a few queries for the whole city)."""
    with collection_paused():
        return _board_overview(store, cycle, today)


def _board_overview(store: Store, cycle: Cycle, today: dt.date) -> list[UnitArrival]:
    status = board_status(store, cycle, today)
    expected_officials: dict[str, dict[str, str]] = {}
    placeholders = ",".join("?" * len(cycle.managed_tiers))
    for official_id, name, code in store.db.execute(
        "SELECT o.id, o.full_name, u.code FROM officials o JOIN units u ON u.id = o.unit_id "
        f"WHERE o.active = 1 AND o.tier IN ({placeholders})", list(cycle.managed_tiers)):
        expected_officials.setdefault(code, {})[official_id] = name
    current = current_packages(store, cycle.id)
    firsts = {code: (first, count) for code, first, count in store.db.execute(
        "SELECT unit_code, min(received_at), count(*) FROM received_packages WHERE cycle_id = ? GROUP BY unit_code",
        [cycle.id])}
    names = {item.id: item.short_name for item in cycle.items}
    result = []
    for unit in status.units:
        if unit.items_required == 0 and unit.code not in current:
            continue  # owes nothing this cycle (e.g. the city committee itself, a subordinate cell)
        arrival = UnitArrival(unit.code, unit.name, unit.type)
        expected = expected_officials.get(unit.code, {})
        arrival.officials_expected = len(expected)
        first, count = firsts.get(unit.code, (None, 0))
        arrival.first_received_at, arrival.packages = first, count
        for deadline in cycle.deadlines:
            if first is not None:
                arrival.timeliness[deadline.id] = ON_TIME if _received_day(first) <= deadline.date else LATE
            else:
                arrival.timeliness[deadline.id] = OVERDUE if today > deadline.date else PENDING
        if unit.code not in current:
            arrival.missing.append(_("the whole package"))
            result.append(arrival)
            continue
        package, found = current[unit.code]
        arrival.package = package
        _check_documents(arrival, found, expected, names)
        result.append(arrival)
    return result


def _check_documents(arrival: UnitArrival, package: StoredPackage, expected: dict[str, str],
                     names: dict[str, str]) -> None:
    received_ids = set()
    for doc in package.officials:
        official = doc.official
        received_ids.add(official.id)
        if official.id not in expected:
            arrival.unexpected.append(official.full_name)
    arrival.officials_received = len(received_ids & set(expected))
    for official_id, name in expected.items():
        if official_id not in received_ids:
            arrival.missing.append(_("{subject}: the whole dossier", subject=name))
    for subject in package.subjects:
        arrival.items_required += subject.required
        arrival.items_done += subject.done
        arrival.missing += [f"{subject.name}: {names.get(item_id, item_id)}" for item_id in subject.missing]
