"""Importing units' packages at the Board (nhận gói hồ sơ): check everything first, then write.

Two stages, so the window can ask a person in between:
1. `plan_import` is read-only: each file is verified (ZIP safety, manifests, signature), a sealed one
   opened with the Board's keys and its inner package verified alike (package/sealed.py), its label
   and every document read through the typed schema, the unit held to its own records, and its
   cycle, identity (package UUID + SHA-256) and signing key compared with what the Board holds.
   Every file gets a verdict with a stable code; one bad file never stops the others, and no input
   raises out of here.
2. `commit_import` writes the accepted ones, each in its own savepoint, in the order (Exported-At,
   package id), so the newest package of a unit ends up current whatever the order of arrival, and
   the older stays as history. A batch is one transaction up to 256 MiB of packages (the demo city's
   is), a province's several: each commits whole, and if another program takes the file between two,
   the packages left are refused as busy, to be imported again.
Trust is per key: a unit's first key is used only when its fingerprint is among those a person
accepted; a batch bringing two new keys for one unit, or one key for two units, trusts none of them;
a key is never recorded for two units.
The package layer does the format work (package/inbound.py: the file read once, its bag verified,
a sealed package opened, its documents read through their schema; package/incoming.py: the label
and the unit's boundary); this module judges and writes. The plan keeps of each package only what
the commit needs (the text it stores of the documents, compressed: they are neither parsed nor
serialised again), so a batch's memory stays flat.
Statuses: imported, superseded (imported and replaced the unit's previous package), already
(this exact package is on record: nothing changes), waiting (a unit's first key, not yet
accepted), refused (with the reasons and a code).
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chilinh_desktop.core.board import (
    ReceivedPackage,
    ReceivedText,
    current_received,
    find_received,
    store_received,
    unit_key_record,
)
from chilinh_desktop.core.errors import ChilinhError, StoreBusy
from chilinh_desktop.core.input_rules import printable, text_limits
from chilinh_desktop.core.keys_store import record_unit_key, unit_of_key
from chilinh_desktop.core.package_documents import OfficialDocument, UnitDocument, stored_documents
from chilinh_desktop.core.store import Store
from chilinh_desktop.i18n import _
from chilinh_desktop.package import inbound
from chilinh_desktop.package.errors import package_error
from chilinh_desktop.package.importer import ALREADY, IMPORTED, REFUSED, SUPERSEDED, WAITING
from chilinh_desktop.package.incoming import (
    check_boundary,
    check_exported_at,
    check_powers,
    exported_moment,
    read_label,
)

__all__ = ["ALREADY", "IMPORTED", "REFUSED", "SUPERSEDED", "WAITING", "ImportOutcome", "ImportPlan", "commit_import",
           "import_packages", "package_files", "plan_import"]

Step = Callable[[int, int, str], None]
# Packages written per transaction, in bytes. One transaction per package would wait on the disk for each; one for a
# whole province's batch (4 GiB) grows SQLite's journal to the batch's size, and with it the work of every page
# written (ms per package, growing linearly), and then copies it all into the data file at the end.
TRANSACTION_BYTES = 256 << 20


@dataclass
class ImportOutcome:
    """The verdict on one file, then what importing it did."""

    path: Path
    status: str
    reasons: list[str] = field(default_factory=list)
    unit_code: str | None = None
    unit_name: str | None = None
    package_id: str | None = None
    sha256: str | None = None
    fingerprint: str | None = None
    known_fingerprint: str | None = None
    cycle_id: str | None = None
    exported_at: str = ""
    new_key: bool = False  # the unit's first key (or a demo stand-in): needs a person's confirmation
    public_key: str | None = None
    unit_id: str | None = None
    size: int = 0
    code: str | None = None  # the stable code of the (first) refusal
    # What the commit writes of the documents, as compressed text: a batch of thousands stays small.
    _documents: bytes | None = field(default=None, repr=False)

    def keep_documents(self, unit_doc: UnitDocument, officials: list[OfficialDocument]) -> None:
        """Keep what the commit writes of the checked documents, compact: the text it stores, made once here."""
        text = ReceivedText.of(unit_doc, officials)
        # JSON text holds no NUL (json.dumps escapes control characters): it parts the three texts.
        self._documents = zlib.compress("\0".join((text.unit_doc, text.officials_doc, json.dumps(
            [text.dossier_ids, text.task_decisions]))).encode("utf-8"), 1)

    def kept_text(self) -> ReceivedText:
        """What `keep_documents` kept, as the commit writes it."""
        assert self._documents is not None
        unit_text, officials_text, rest = zlib.decompress(self._documents).decode("utf-8").split("\0")
        dossier_ids, task_decisions = json.loads(rest)
        return ReceivedText(unit_text, officials_text, tuple(dossier_ids), task_decisions)

    def documents(self) -> tuple[UnitDocument, list[OfficialDocument]]:
        """The documents checked when planning, read back from what `keep_documents` kept."""
        text = self.kept_text()
        return stored_documents(text.unit_doc, text.officials_doc, "unit.json")

    def refuse(self, error: ChilinhError, status: str = REFUSED) -> None:
        """Mark the file refused (or waiting) for `error`, keeping its code and message."""
        self.status = status
        self.code = self.code or error.code
        self.reasons.append(error.message)

    @property
    def order(self) -> tuple[dt.datetime, str]:
        """Which of a unit's packages is newer: (Exported-At, then package id), never the order of arrival."""
        return _order(self.exported_at, self.package_id or "")

    def as_json(self) -> dict[str, Any]:
        """The per-package report as `chilinh import --json` prints it."""
        return {"path": str(self.path), "status": self.status, "code": self.code, "reasons": self.reasons,
                "unit_code": self.unit_code, "package_id": self.package_id, "sha256": self.sha256,
                "fingerprint": self.fingerprint, "known_fingerprint": self.known_fingerprint,
                "cycle_id": self.cycle_id, "exported_at": self.exported_at, "new_key": self.new_key}


def _order(exported_at: str, package_id: str) -> tuple[dt.datetime, str]:
    moment = exported_moment(exported_at) or dt.datetime.min.replace(tzinfo=dt.UTC)
    return moment, package_id


@dataclass
class ImportPlan:
    """What checking a batch found; `pending` are the files that may be written."""

    outcomes: list[ImportOutcome]

    @property
    def new_keys(self) -> list[ImportOutcome]:
        """One file per new key to show a person (each key belongs to one unit: the plan refused the rest)."""
        seen, result = set(), []
        for outcome in self.outcomes:
            if outcome.status == IMPORTED and outcome.new_key and outcome.fingerprint not in seen:
                seen.add(outcome.fingerprint)
                result.append(outcome)
        return result


def package_files(sources: Iterable[Path]) -> list[Path]:
    """The .zip files named, or found at the top of the folders named (a USB stick), in a stable order."""
    found: list[Path] = []
    for source in map(Path, sources):
        if source.is_dir():
            found += sorted(p for p in source.iterdir() if p.suffix.lower() == ".zip" and p.is_file())
        else:
            found.append(source)
    return found


class BoardKey:
    """The Board's age identity, unlocked once per batch and only when a sealed package needs it."""

    def __init__(self, store: Store, passphrase: str | None) -> None:
        self.store, self.passphrase = store, passphrase
        self._identity: Any = None

    def identity(self) -> Any:
        """The unlocked identity (KeyringError/PackageError when it is missing or the passphrase is wrong)."""
        if self._identity is None:
            from chilinh_desktop.package.keyring import board_identity

            self._identity = board_identity(self.store, self.passphrase)
        return self._identity


def plan_import(store: Store, paths: Iterable[Path], step: Step | None = None, *,
                passphrase: str | None = None) -> ImportPlan:
    """Check every file read-only and decide what importing it would do (`passphrase`: the Board's keys)."""
    files = list(map(Path, paths))
    key = BoardKey(store, passphrase)
    report = step or (lambda done, total, text: None)
    outcomes: list[ImportOutcome] = []
    batch: dict[str, str] = {}  # package id -> sha256 accepted earlier in this batch
    for n, path in enumerate(files, 1):
        report(n - 1, len(files), path.name)
        outcome = _check_one(store, path, key)
        if outcome.status == IMPORTED and outcome.package_id in batch:
            same = batch[outcome.package_id] == outcome.sha256
            outcome.status = ALREADY if same else REFUSED
            outcome.reasons.append(_("The same package appears twice in this batch.") if same else
                                   _("Another file in this batch has the same package id but different content."))
        if outcome.status == IMPORTED and outcome.package_id:
            batch[outcome.package_id] = outcome.sha256 or ""
        outcomes.append(outcome)
    _one_key_per_unit(outcomes)
    report(len(files), len(files), "")
    return ImportPlan(outcomes)


def _one_key_per_unit(outcomes: list[ImportOutcome]) -> None:
    # A new key is trusted only when the batch is unambiguous: one new key per unit, one unit per key.
    # Every validly signed file counts, whatever else is wrong with it (a real package refused for its date
    # beside an intruder's makes the unit's new key ambiguous, instead of the intruder's key being trusted).
    fresh = [o for o in outcomes if o.status == IMPORTED and o.new_key]
    signed = [o for o in outcomes if o.fingerprint and o.unit_code]
    by_unit: dict[str, set[str]] = {}
    by_key: dict[str, set[str]] = {}
    for o in signed:
        by_unit.setdefault(o.unit_code or "", set()).add(o.fingerprint or "")
        by_key.setdefault(o.fingerprint or "", set()).add(o.unit_code or "")
    for o in fresh:
        prints = by_unit[o.unit_code or ""] - {o.known_fingerprint}
        units = by_key[o.fingerprint or ""]
        if len(prints) > 1:
            o.refuse(package_error("package.key_ambiguous", count=len(prints), unit=o.unit_code,
                                   fingerprints=", ".join(sorted(prints))))
        elif len(units) > 1:
            o.refuse(package_error("package.key_shared", fingerprint=o.fingerprint, units=", ".join(sorted(units))))


def _check_one(store: Store, path: Path, key: BoardKey) -> ImportOutcome:
    outcome = ImportOutcome(path, REFUSED)
    try:
        _check_into(store, outcome, key)
    except ChilinhError as exc:
        outcome.refuse(exc)
    except Exception as exc:  # the last guard: a crafted file never raises out of checking
        outcome.refuse(package_error("package.unreadable", detail=type(exc).__name__))
    if outcome.status == REFUSED and not outcome.code:
        outcome.code = "package.refused"
    return outcome


def _check_into(store: Store, outcome: ImportOutcome, key: BoardKey) -> None:
    path = outcome.path
    try:
        data, outcome.sha256, outcome.size = inbound.read_file(path)
    except OSError as exc:
        outcome.reasons.append(_("The file cannot be read: {error}.", error=exc.strerror or str(exc)))
        outcome.code = "io.read_failed"
        return
    # The file's bytes are read once: the bag is verified from them and they are dropped at once.
    check = inbound.inspect(path, data, text_limits(store.definitions))
    del data
    outcome.unit_code, outcome.fingerprint = check.info.get("Unit-Code"), check.fingerprint
    outcome.package_id, outcome.cycle_id = check.info.get("Package-Id"), check.info.get("Cycle-Id")
    outcome.exported_at = check.info.get("Exported-At", "")
    if check.errors:
        outcome.code = check.errors[0].code
        outcome.reasons += [error.message for error in check.errors]
        return
    unit_code, cycle_id, package_id, exported_at = read_label(check.info)
    row = store.db.execute("SELECT id, name FROM units WHERE code = ?", [unit_code]).fetchone()
    if row is None:
        outcome.code = "package.unknown_unit"
        outcome.reasons.append(_("The unit {code} is not in the Board's unit list. Nothing was imported from this "
                                 "file; check the cycle kit the unit used.", code=unit_code))
        return
    outcome.unit_id, outcome.unit_name = row
    cycle = store.db.execute("SELECT year FROM cycles WHERE id = ?", [cycle_id]).fetchone()
    if cycle is None:
        outcome.code = "package.unknown_cycle"
        outcome.reasons.append(_("The cycle {cycle} is not set up at the Board.", cycle=cycle_id))
        return
    check_exported_at(exported_at, int(cycle[0]), store.clock.now())
    # Every document through its schema, then the unit held to its own records: all before any write.
    if check.sealed:
        unit_doc, officials = inbound.unsealed_documents(check, key.identity, text_limits(store.definitions))
    else:
        assert check.documents is not None  # a sound plain bag's documents were read while it was verified
        unit_doc, officials = check.documents
    if unit_doc.unit.code != unit_code or unit_doc.cycle_id != cycle_id:
        outcome.code = "package.label_mismatch"
        outcome.reasons.append(_("The package's data does not match its label (unit or cycle)."))
        return
    check_boundary(store, outcome.unit_id, unit_code, unit_doc, officials)
    check_powers(store, cycle_id, unit_code, unit_doc)
    outcome.keep_documents(unit_doc, officials)
    known = find_received(store, package_id)
    if known is not None:
        if known.sha256 == outcome.sha256:
            outcome.status = ALREADY
            outcome.reasons.append(_("Already received on {at}; nothing changed.", at=known.received_at[:10]))
        else:
            outcome.code = "package.id_reused"
            outcome.reasons.append(_("A different file with the same package id was received before "
                                     "({sha256}). This file was not imported.", sha256=known.sha256[:16]))
        return
    outcome.public_key = check.signer_public
    _judge_key(store, outcome)


def _judge_key(store: Store, outcome: ImportOutcome) -> None:
    assert outcome.unit_id is not None and outcome.fingerprint is not None
    recorded = unit_key_record(store, outcome.unit_id)
    if recorded is not None:
        outcome.known_fingerprint = recorded[0]
    if recorded is not None and recorded[0] == outcome.fingerprint:
        outcome.status = IMPORTED
        return
    if recorded is not None and recorded[2] != "demo":
        outcome.refuse(package_error("sig.wrong_key", found=outcome.fingerprint, expected=recorded[0]))
        return
    other = unit_of_key(store, outcome.fingerprint, besides=outcome.unit_id)
    if other is not None:
        outcome.refuse(package_error("package.key_taken", fingerprint=outcome.fingerprint, other=other,
                                     unit=outcome.unit_code))
        return
    # No key on record (or only the demo's stand-in): a person must compare it with the handover slip.
    outcome.status, outcome.new_key = IMPORTED, True


def commit_import(store: Store, plan: ImportPlan, accepted: Iterable[str] | None = None, *,
                  actor: str = "import", step: Step | None = None) -> list[ImportOutcome]:
    """Write the accepted files (in transactions of TRANSACTION_BYTES); a unit's first key only if its fingerprint is
    in `accepted`."""
    trusted = set(accepted or ())
    report = step or (lambda done, total, text: None)
    for outcome in plan.outcomes:
        if outcome.status == IMPORTED and outcome.new_key and outcome.fingerprint not in trusted:
            outcome.status = WAITING
            outcome.code = "package.key_not_accepted"
            outcome.reasons.append(_("The unit's signing key {fingerprint} is not confirmed yet. Compare it with "
                                     "the handover slip, then import again and accept it.",
                                     fingerprint=outcome.fingerprint))
    todo = sorted((o for o in plan.outcomes if o.status == IMPORTED), key=lambda o: o.order)
    done = 0
    while done < len(todo):
        try:
            done = _write_some(store, todo, done, actor, report)
        except StoreBusy as exc:
            if done == 0:
                raise  # nothing written: the caller says so (the window tries again by itself)
            # Another program took the file between two transactions: the packages not written say so (what
            # writing them had noted was rolled back with them).
            for outcome in todo[done:]:
                outcome.status, outcome.code, outcome.reasons = REFUSED, exc.code, [exc.message]
            break
    report(len(todo), len(todo), "")
    return plan.outcomes


def _write_some(store: Store, todo: list[ImportOutcome], start: int, actor: str, report: Step) -> int:
    """Write packages from `start` in one transaction until TRANSACTION_BYTES of them are written; the next index."""
    written, n = 0, start
    with store.atomic():
        while n < len(todo) and written < TRANSACTION_BYTES:
            outcome = todo[n]
            report(n, len(todo), outcome.path.name)
            n += 1
            try:
                with store.atomic():
                    _write_one(store, outcome, actor)
            except ChilinhError as exc:
                outcome.refuse(exc)
            except OSError as exc:
                outcome.refuse(package_error("io.read_failed", path=printable(str(outcome.path)),
                                             reason=exc.strerror or str(exc)))
            except ValueError as exc:  # the last guard (UnicodeError is one): this file only, never the batch
                outcome.refuse(package_error("package.unreadable", detail=type(exc).__name__))
            written += outcome.size
    return n


def _write_one(store: Store, outcome: ImportOutcome, actor: str) -> None:
    data, digest, _size = inbound.read_file(outcome.path, whole=True)  # the row stores the bytes checked again
    assert data is not None
    if digest != outcome.sha256:
        raise package_error("io.read_failed", path=str(outcome.path), reason=_("the file changed while importing"))
    assert outcome.unit_id and outcome.package_id and outcome.cycle_id and outcome.fingerprint
    text = outcome.kept_text()
    # The key may have changed since checking (the window asks in between): decide again, under this transaction.
    recorded = unit_key_record(store, outcome.unit_id)
    if recorded is None or (recorded[0] != outcome.fingerprint and recorded[2] == "demo"):
        if not outcome.new_key:
            raise package_error("package.key_changed", unit=outcome.unit_code)
        record_unit_key(store, outcome.unit_id, outcome.fingerprint, outcome.public_key or "", origin="package")
        store.audit(actor, "unit_key.accept", f"unit:{outcome.unit_id}", fingerprint=outcome.fingerprint)
    elif recorded[0] != outcome.fingerprint:
        raise package_error("package.key_changed", unit=outcome.unit_code)
    previous = current_received(store, outcome.cycle_id, outcome.unit_id)
    newer = previous is None or outcome.order > _order(previous.exported_at, previous.package_id)
    record = ReceivedPackage(outcome.package_id, outcome.unit_id, outcome.unit_code or "", outcome.cycle_id,
                             printable(outcome.path.name), outcome.sha256 or "", outcome.size, outcome.fingerprint,
                             outcome.exported_at, store.now_text(), "current" if newer else "superseded",
                             previous.package_id if previous and newer else None)
    store_received(store, record, data, text, current=newer, actor=actor)
    if previous is not None and newer:
        outcome.status = SUPERSEDED
        outcome.reasons.append(_("Replaces the package received on {at}, which is kept in the history.",
                                 at=previous.received_at[:10]))
    elif previous is not None:
        outcome.reasons.append(_("Older than the unit's current package: kept in the history only."))


def import_packages(store: Store, paths: Iterable[Path], *, trust_new: bool = False, actor: str = "import",
                    step: Step | None = None, passphrase: str | None = None) -> list[ImportOutcome]:
    """Check then import files in one go (the command line).

    With `trust_new`, exactly the new keys this run shows (one per unit, each printed with its file) are
    accepted, each for its own unit's packages only.
    """
    plan = plan_import(store, paths, step, passphrase=passphrase)
    accepted = {o.fingerprint for o in plan.new_keys if o.fingerprint} if trust_new else set()
    return commit_import(store, plan, accepted, actor=actor)
