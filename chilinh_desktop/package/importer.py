"""Importing units' packages at the Board (nhận gói hồ sơ): check everything first, then write once.

Two stages, so the window can ask a person in between:
1. `plan_import` is read-only: each file is verified (ZIP safety, manifests, signature), its
   structured payload read, and its unit, cycle, identity (package UUID + SHA-256) and signing
   key compared with what the Board holds. Every file gets a verdict; one bad file never stops
   the others.
2. `commit_import` writes the accepted ones in one transaction, each in its own savepoint, oldest
   export first so the newest package of a unit ends up current and the older stays as history.
Statuses: imported, superseded (imported and replaced the unit's previous package), already
(this exact package is on record: nothing changes), waiting (a unit's first key, not yet
confirmed), refused (with the reasons).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chilinh_desktop.core.board import (
    ReceivedPackage,
    current_received,
    find_received,
    record_received,
    unit_key_record,
)
from chilinh_desktop.core.keys_store import record_unit_key
from chilinh_desktop.core.rating_records import read_package_ratings
from chilinh_desktop.core.ratings import RatingData
from chilinh_desktop.core.store import Store
from chilinh_desktop.i18n import _
from chilinh_desktop.package import bagit, keys, sshsig
from chilinh_desktop.package.errors import PackageError, package_error
from chilinh_desktop.package.verify_service import PackageCheck, verify_package
from chilinh_desktop.package.zipsafe import BoundedReader, open_zip

IMPORTED, SUPERSEDED, ALREADY, WAITING, REFUSED = "imported", "superseded", "already", "waiting", "refused"
Step = Callable[[int, int, str], None]
_OFFICIALS = bagit.PAYLOAD_DIR + "officials/"


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
    unit_doc: dict[str, Any] | None = field(default=None, repr=False)
    officials_doc: list[dict[str, Any]] | None = field(default=None, repr=False)

    def as_json(self) -> dict[str, Any]:
        """The per-package report as `chilinh import --json` prints it."""
        return {"path": str(self.path), "status": self.status, "reasons": self.reasons, "unit_code": self.unit_code,
                "package_id": self.package_id, "sha256": self.sha256, "fingerprint": self.fingerprint,
                "known_fingerprint": self.known_fingerprint, "cycle_id": self.cycle_id, "new_key": self.new_key}


@dataclass
class ImportPlan:
    """What checking a batch found; `pending` are the files that may be written."""

    outcomes: list[ImportOutcome]

    @property
    def new_keys(self) -> list[ImportOutcome]:
        """Accepted files whose unit key is not on record yet (one per unit)."""
        seen, result = set(), []
        for outcome in self.outcomes:
            if outcome.status == IMPORTED and outcome.new_key and outcome.unit_code not in seen:
                seen.add(outcome.unit_code)
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


def plan_import(store: Store, paths: Iterable[Path], step: Step | None = None) -> ImportPlan:
    """Check every file read-only and decide what importing it would do."""
    files = list(map(Path, paths))
    report = step or (lambda done, total, text: None)
    outcomes: list[ImportOutcome] = []
    batch: dict[str, str] = {}  # package id -> sha256 accepted earlier in this batch
    for n, path in enumerate(files, 1):
        report(n - 1, len(files), path.name)
        outcome = _check_one(store, path)
        if outcome.status == IMPORTED and outcome.package_id in batch:
            same = batch[outcome.package_id] == outcome.sha256
            outcome.status = ALREADY if same else REFUSED
            outcome.reasons.append(_("The same package appears twice in this batch.") if same else
                                   _("Another file in this batch has the same package id but different content."))
        if outcome.status == IMPORTED and outcome.package_id:
            batch[outcome.package_id] = outcome.sha256 or ""
        outcomes.append(outcome)
    report(len(files), len(files), "")
    return ImportPlan(outcomes)


def _check_one(store: Store, path: Path) -> ImportOutcome:
    outcome = ImportOutcome(path, REFUSED)
    try:
        data = path.read_bytes()
    except OSError as exc:
        outcome.reasons.append(_("The file cannot be read: {error}.", error=exc.strerror or str(exc)))
        return outcome
    outcome.sha256, outcome.size = hashlib.sha256(data).hexdigest(), len(data)
    del data  # the bytes are read again at commit time and compared by hash; a batch is never all in memory
    check = verify_package(path)
    outcome.unit_code, outcome.fingerprint = check.unit_code, check.fingerprint
    outcome.package_id, outcome.cycle_id = check.info.get("Package-Id"), check.info.get("Cycle-Id")
    outcome.exported_at = check.info.get("Exported-At") or check.info.get("Bagging-Date", "")
    if not check.ok:
        outcome.reasons += [error.message for error in check.errors]
        return outcome
    try:
        outcome.unit_doc, outcome.officials_doc = _documents(path)
    except (PackageError, ValueError, KeyError, TypeError) as exc:
        outcome.reasons.append(_("The package's data files cannot be read: {error}.", error=str(exc)))
        return outcome
    _judge(store, outcome, check)
    return outcome


def _documents(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    # The bag was verified just before: names are safe and every byte matches its manifest.
    with open_zip(path) as archive:
        reader = BoundedReader(archive)
        unit_doc = json.loads(reader.read(archive.getinfo(bagit.PAYLOAD_DIR + "unit.json")))
        officials = [json.loads(reader.read(info)) for info in archive.infolist()
                     if info.filename.startswith(_OFFICIALS) and info.filename.endswith(".json")]
    if unit_doc.get("format") != "chilinh-unit":
        raise ValueError("unit.json: unknown format")
    # Read the ratings once here, so a malformed section refuses the file instead of breaking the Board's reports.
    read_package_ratings(RatingData(), "", "", unit_doc, officials)
    return unit_doc, officials


def _judge(store: Store, outcome: ImportOutcome, check: PackageCheck) -> None:
    unit_doc = outcome.unit_doc or {}
    row = store.db.execute("SELECT id, name FROM units WHERE code = ?", [outcome.unit_code]).fetchone()
    if row is None:
        outcome.reasons.append(_("The unit {code} is not in the Board's unit list. Nothing was imported from this "
                                 "file; check the cycle kit the unit used.", code=outcome.unit_code))
        return
    outcome.unit_id, outcome.unit_name = row
    if unit_doc.get("unit", {}).get("code") != outcome.unit_code or unit_doc.get("cycle_id") != outcome.cycle_id:
        outcome.reasons.append(_("The package's data does not match its label (unit or cycle)."))
        return
    if store.db.execute("SELECT 1 FROM cycles WHERE id = ?", [outcome.cycle_id]).fetchone() is None:
        outcome.reasons.append(_("The cycle {cycle} is not set up at the Board.", cycle=outcome.cycle_id))
        return
    known = find_received(store, outcome.package_id or "")
    if known is not None:
        if known.sha256 == outcome.sha256:
            outcome.status = ALREADY
            outcome.reasons.append(_("Already received on {at}; nothing changed.", at=known.received_at[:10]))
        else:
            outcome.reasons.append(_("A different file with the same package id was received before "
                                     "({sha256}). This file was not imported.", sha256=known.sha256[:16]))
        return
    outcome.public_key = _signer_public(check)
    recorded = unit_key_record(store, outcome.unit_id)
    if recorded is not None:
        outcome.known_fingerprint = recorded[0]
    if recorded is not None and recorded[0] == outcome.fingerprint:
        outcome.status = IMPORTED
    elif recorded is not None and recorded[2] != "demo":
        outcome.reasons.append(package_error("sig.wrong_key", found=outcome.fingerprint,
                                             expected=recorded[0]).message)
    else:
        # No key on record (or only the demo's stand-in): a person must compare it with the handover slip.
        outcome.status, outcome.new_key = IMPORTED, True


def _signer_public(check: PackageCheck) -> str:
    # The signature was verified already; re-reading it yields the key itself, to record on acceptance.
    with zipfile.ZipFile(check.path) as archive:
        signer = sshsig.verify(archive.read(bagit.SIGNATURE), archive.read(bagit.TAGMANIFEST))
    return keys.public_key_line(keys.public_key_from_blob(signer.public_blob))


def commit_import(store: Store, plan: ImportPlan, trusted_units: set[str] | None = None, *,
                  actor: str = "import", step: Step | None = None) -> list[ImportOutcome]:
    """Write the accepted files in one transaction; a unit's first key only if its code is in `trusted_units`."""
    trusted = trusted_units or set()
    report = step or (lambda done, total, text: None)
    for outcome in plan.outcomes:
        if outcome.status == IMPORTED and outcome.new_key and outcome.unit_code not in trusted:
            outcome.status = WAITING
            outcome.reasons.append(_("The unit's signing key {fingerprint} is not confirmed yet. Compare it with "
                                     "the handover slip, then import again and accept it.",
                                     fingerprint=outcome.fingerprint))
    todo = sorted((o for o in plan.outcomes if o.status == IMPORTED), key=lambda o: o.exported_at)
    with store.atomic():
        for n, outcome in enumerate(todo, 1):
            report(n - 1, len(todo), outcome.path.name)
            try:
                with store.atomic():
                    _write_one(store, outcome, actor)
            except (OSError, PackageError) as exc:
                outcome.status = REFUSED
                outcome.reasons.append(getattr(exc, "message", None) or str(exc))
        report(len(todo), len(todo), "")
    return plan.outcomes


def _write_one(store: Store, outcome: ImportOutcome, actor: str) -> None:
    data = outcome.path.read_bytes()
    if hashlib.sha256(data).hexdigest() != outcome.sha256:
        raise package_error("io.read_failed", path=str(outcome.path), reason=_("the file changed while importing"))
    assert outcome.unit_id and outcome.package_id and outcome.cycle_id and outcome.fingerprint
    if outcome.new_key:
        record_unit_key(store, outcome.unit_id, outcome.fingerprint, outcome.public_key or "", origin="package")
        store.audit(actor, "unit_key.accept", f"unit:{outcome.unit_id}", fingerprint=outcome.fingerprint)
    previous = current_received(store, outcome.cycle_id, outcome.unit_id)
    newer = previous is None or outcome.exported_at >= previous.exported_at
    record = ReceivedPackage(outcome.package_id, outcome.unit_id, outcome.unit_code or "", outcome.cycle_id,
                             outcome.path.name, outcome.sha256 or "", outcome.size, outcome.fingerprint,
                             outcome.exported_at, store.now_text(), "current" if newer else "superseded",
                             previous.package_id if previous and newer else None)
    record_received(store, record, data, outcome.unit_doc or {}, outcome.officials_doc or [], current=newer,
                    actor=actor)
    if previous is not None and newer:
        outcome.status = SUPERSEDED
        outcome.reasons.append(_("Replaces the package received on {at}, which is kept in the history.",
                                 at=previous.received_at[:10]))
    elif previous is not None:
        outcome.reasons.append(_("Older than the unit's current package: kept in the history only."))


def import_packages(store: Store, paths: Iterable[Path], *, trust_new: bool = False, actor: str = "import",
                    step: Step | None = None) -> list[ImportOutcome]:
    """Check then import files in one go (the command line): new unit keys only with `trust_new`."""
    plan = plan_import(store, paths, step)
    trusted = {o.unit_code for o in plan.new_keys if o.unit_code} if trust_new else set()
    return commit_import(store, plan, trusted, actor=actor)
