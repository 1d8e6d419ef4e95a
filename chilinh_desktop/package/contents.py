"""What goes into a unit's submission package: its data, rendered forms, scans and summary.

Produced lazily, one payload file at a time, so a unit with hundreds of megabytes of scans is
never held in memory at once; confidential items are encrypted to the Board as they pass.

The payload, under data/ (names are ASCII ids; Vietnamese lives inside the files):
- unit.json and officials/<id>.json: the typed, versioned documents of core/package_documents.py
  (the unit, its collective dossier, its cadres' ids and ratings; one cadre's details, dossier and
  rating record). Every document is built from those types, so what leaves is what the Board reads.
- forms/<dossier>-<item>.pdf: rendered forms; scans/<sha256>.<ext>: attached scans, one entry per file
  (an item of several files lists them in order under "files"; its first file is also its "file", as an
  item of one file always was, so a Board reading only "file" still finds it).
- confidential/<name>.age: confidential forms and scans, encrypted to the Board (age, X25519).
- summary.xlsx: the unit's item-by-item summary.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from chilinh_desktop.core.attachments import get_attachment
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dossiers import Dossier, dossier_statuses, stored_items
from chilinh_desktop.core.meetings import unit_meeting_record
from chilinh_desktop.core.officials import get_official
from chilinh_desktop.core.package_documents import (
    DossierRecord,
    FileRecord,
    ItemRecord,
    OfficialDocument,
    OfficialRecord,
    RatingRecord,
    UnitDocument,
    UnitRatings,
    UnitRecord,
    dump,
)
from chilinh_desktop.core.rating_records import subject_record, unit_ratings
from chilinh_desktop.core.ratings import load_rating_data
from chilinh_desktop.core.requirements import ItemState, Need
from chilinh_desktop.core.state_labels import need_label, status_label
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.tasks import unit_task_decisions
from chilinh_desktop.core.units import Unit
from chilinh_desktop.package import agecrypt
from chilinh_desktop.render.excel_summary import SummaryRow, summary_workbook
from chilinh_desktop.render.pipeline import item_document, print_document

Progress = Callable[[int, int, str], None]
_EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg", "image/tiff": "tif"}


@dataclass
class Contents:
    """A unit's package contents; `documents` fills in as the payload is produced (for the slip)."""

    store: Store
    cycle: Cycle
    unit: Unit
    dossiers: list[Dossier]
    recipient: str
    documents: list[tuple[str, str]] = field(default_factory=list)
    summary: list[SummaryRow] = field(default_factory=list)


def payload_count(contents: Contents) -> int:
    """How many payload files the package will have (for progress), counted without rendering."""
    count = 2  # unit.json and summary.xlsx
    for dossier in contents.dossiers:
        count += 1 if dossier.official_id else 0
        count += sum(max(len(item.files), 1) for item in stored_items(contents.store, dossier.id).values()
                     if item.state in (ItemState.COMPLETE, ItemState.DRAFT, ItemState.ATTACHED))
    return count


def payload(contents: Contents, progress: Progress | None = None) -> Iterator[tuple[str, bytes]]:
    """Yield (name under data/, bytes) for every payload file, in a fixed order."""
    report = progress or (lambda done, total, label: None)
    total = payload_count(contents)
    done = 0
    seen: set[str] = set()
    officials: list[str] = []
    collective: DossierRecord | None = None
    # Ratings are outside the dossiers' sign-off snapshot hash (that covers dossier items), but they are
    # payload like any other file: the manifest, and so the unit's signature, covers them.
    ratings = load_rating_data(contents.store, contents.cycle)
    for dossier in contents.dossiers:
        official = get_official(contents.store, dossier.official_id) if dossier.official_id else None
        who = official.full_name if official else contents.unit.name
        items = _item_fields(contents, dossier)
        for name, data, item_record in _item_files(contents, dossier, who):
            items[item_record["kind"]].update(item_record)
            if name in seen:
                continue  # the same scan attached twice is carried once (names are content hashes)
            seen.add(name)
            done += 1
            report(done, total, name)
            yield name, data
        record = DossierRecord(dossier.id, dossier.state.value, dossier.signed_off_by, dossier.signed_off_at,
                               dossier.snapshot_sha256, {kind: ItemRecord(**f) for kind, f in items.items()})
        if official is None:
            collective = record
        else:
            doc = OfficialDocument(
                OfficialRecord(**official.as_json()), record,
                RatingRecord.from_json(subject_record(ratings, f"official:{official.id}", contents.cycle.year)))
            officials.append(official.id)
            done += 1
            report(done, total, official.id)
            yield f"officials/{official.id}.json", dump(doc)
    unit = contents.unit
    unit_doc = UnitDocument(
        contents.cycle.id, UnitRecord(unit.id, unit.code, unit.name, unit.type, unit.grassroots), collective,
        officials, UnitRatings.from_json(unit_ratings(contents.store, contents.cycle, unit, ratings)),
        meeting=unit_meeting_record(contents.store, contents.cycle, unit.code),
        task_decisions=unit_task_decisions(contents.store, contents.cycle, officials))
    yield "unit.json", dump(unit_doc)
    yield "summary.xlsx", summary_workbook(contents.unit.code, contents.unit.name, contents.cycle.title,
                                           contents.summary)
    report(total, total, "summary.xlsx")


def _item_fields(contents: Contents, dossier: Dossier) -> dict[str, dict[str, Any]]:
    # Filled in as the item files are produced, then frozen into ItemRecords.
    return {status.item.id: {"kind": status.item.id, "need": status.need.value, "state": status.state.value,
                             "exempt_reason": status.reason}
            for status in dossier_statuses(contents.store, contents.cycle, dossier)}


def _item_files(contents: Contents, dossier: Dossier, who: str) -> Iterator[tuple[str, bytes, dict[str, Any]]]:
    store, cycle = contents.store, contents.cycle
    stored = stored_items(store, dossier.id)
    for status in dossier_statuses(store, cycle, dossier):
        item = status.item
        kept = stored.get(item.id)
        contents.summary.append(SummaryRow(who, item.name, need_label(status.need), status_label(status),
                                           status.reason or ""))
        if kept is None or status.need is Need.NOT_APPLICABLE:
            continue
        record: dict[str, Any] = {"kind": item.id, "confidential": item.confidential}
        if item.kind == "form" and kept.state in (ItemState.COMPLETE, ItemState.DRAFT):
            # The one printing pipeline: the same bytes, draft mark and title as `chilinh print`.
            pdf = print_document(store, cycle, item_document(store, cycle, dossier.id, item.id)).pdf
            record.update(form_id=kept.form_id, form_version=kept.form_version)
            if not item.confidential:
                record["answers"] = kept.answers  # a confidential form's answers travel only inside its PDF
            name = f"forms/{dossier.id}-{item.id}.pdf"
            sealed = _maybe_sealed(contents, name, f"{dossier.id}-{item.id}.pdf", pdf, item.confidential, record)
            record["file"] = sealed[0]
            yield (*sealed, record)
            contents.documents.append((who, item.short_name))
        elif kept.files:
            files: list[dict[str, Any]] = []
            for kept_file in kept.files:
                data, mime = get_attachment(store, kept_file.sha256)
                file_name = f"{kept_file.sha256}.{_EXTENSIONS.get(mime, 'bin')}"
                entry: dict[str, Any] = {"sha256": kept_file.sha256, "name": kept_file.name}
                sealed = _maybe_sealed(contents, f"scans/{file_name}", file_name, data, item.confidential, entry)
                entry["file"] = sealed[0]
                files.append(entry)
                if len(files) == 1:  # the first file is also the item's own, as when an item held one
                    record.update(file=sealed[0], attachment_sha256=kept_file.sha256, attachment_name=kept_file.name,
                                  **({"plain_sha256": entry["plain_sha256"]} if "plain_sha256" in entry else {}))
                if len(kept.files) > 1:
                    record["files"] = tuple(FileRecord(**f) for f in files)
                yield (*sealed, record)
            contents.documents.append((who, item.short_name))


def _maybe_sealed(contents: Contents, name: str, bare: str, data: bytes, confidential: bool,
                  record: dict[str, Any]) -> tuple[str, bytes]:
    if not confidential:
        return name, data
    # The plain content's hash travels signed, so the Board checks what it decrypts before writing it out.
    record["plain_sha256"] = hashlib.sha256(data).hexdigest()
    # Encrypted to the Board only: a lost stick reveals nothing of an asset declaration.
    return f"confidential/{bare}.age", agecrypt.encrypt(data, [contents.recipient])
