"""Writing an archived package again (ghi lại gói đã xuất), for a stick that was lost or broke.

The bytes are the ones exported and signed then, never a new package: the same file name,
SHA-256 and signature, so the Board sees the very package the handover slip describes.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.errors import ChilinhError
from chilinh_desktop.core.package_archive import ArchivedPackage, get_package, package_data
from chilinh_desktop.core.package_documents import OfficialDocument, UnitDocument, parse_json
from chilinh_desktop.core.store import Store
from chilinh_desktop.formspec.dates import date_line
from chilinh_desktop.i18n import _
from chilinh_desktop.package import bagit, sealed
from chilinh_desktop.package.atomicfile import remove_quietly, write_atomically
from chilinh_desktop.package.errors import package_error
from chilinh_desktop.package.export import slip_header
from chilinh_desktop.render.handover_slip import HandoverSlip, handover_slip_pdf


class RewriteError(ChilinhError):
    """An archived package that cannot be written where asked."""

    code = "package.rewrite"


@dataclass(frozen=True)
class RewriteResult:
    """An archived package on the target, checked; `already` when an identical file was there."""

    path: Path
    slip_path: Path
    sha256: str
    size: int
    fingerprint: str
    already: bool


def slip_path_for(out_dir: Path, file_name: str) -> Path:
    """Where the handover slip of a package file goes (as the export names it)."""
    return Path(out_dir) / f"{Path(file_name).stem}-phieu-ban-giao.pdf"


def rewrite_package(store: Store, package_id: str, out_dir: Path, *, actor: str = "export") -> RewriteResult:
    """Write the archived package under its original name in `out_dir`, read it back, verify it; add its slip."""
    record = get_package(store, package_id)
    data = package_data(store, package_id)
    if hashlib.sha256(data).hexdigest() != record.sha256:
        raise RewriteError(_("The archived copy of {name} does not match its recorded SHA-256. Nothing was "
                             "written. Export the unit again.", name=record.file_name), code="package.archive_damaged")
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise package_error("io.write_failed", path=str(out_dir / record.file_name),
                            reason=_("the folder does not exist"))
    target = out_dir / record.file_name
    already = target.exists()
    if already and _sha256_of(target) != record.sha256:
        raise RewriteError(_("REFUSED: {path} already exists with different content. It was left unchanged. "
                             "Choose another folder, or move that file away first.", path=target),
                           code="package.rewrite_exists")
    if not already:
        write_atomically(target, lambda handle: handle.write(data), lambda part: _check(part, record))
    try:
        _check(target, record)  # from the stick itself, after the rename
        slip = slip_path_for(out_dir, record.file_name)
        if not slip.exists():  # an earlier slip of this very package is kept as it is
            pdf = _slip(store, record, data)
            write_atomically(slip, lambda handle: handle.write(pdf))
    except BaseException:
        if not already:
            remove_quietly(target)  # no unchecked copy may stay behind looking finished
        raise
    with store.atomic():
        store.audit(actor, "package.rewrite", f"unit:{record.unit_id}", package=record.id, path=str(target),
                    sha256=record.sha256)
    return RewriteResult(target, slip, record.sha256, record.size, record.signer_fingerprint, already)


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError as exc:
        raise package_error("io.read_failed", path=str(path), reason=exc.strerror or str(exc)) from exc
    return digest.hexdigest()


def _check(path: Path, record: ArchivedPackage) -> None:
    if _sha256_of(path) != record.sha256:
        raise package_error("bag.write_verify_failed", path=str(path), codes="sha256")
    report = bagit.verify_bag(path)  # read-only
    if not report.ok or report.signer_fingerprint != record.signer_fingerprint:
        codes = ", ".join(dict.fromkeys(error.code for error in report.errors)) or "signer"
        raise package_error("bag.write_verify_failed", path=str(path), codes=codes)


def _sealed_documents(store: Store, record: ArchivedPackage) -> tuple[list[tuple[str, str]], set[str]]:
    # A sealed package cannot be read here (only the Board's keys open it): the slip is rebuilt from the
    # dossiers that left in it, locked since (export records their package id), item by item as the writer did.
    from chilinh_desktop.core.dossiers import dossier_statuses, get_dossier, stored_items
    from chilinh_desktop.core.officials import get_official
    from chilinh_desktop.core.requirements import ItemState, Need

    cycle = get_cycle(store, record.cycle_id)
    name = store.db.execute("SELECT name FROM units WHERE id = ?", [record.unit_id]).fetchone()[0]
    documents, signers = [], set()
    ids = [r[0] for r in store.db.execute("SELECT id FROM dossiers WHERE package_id = ? ORDER BY official_id IS NOT "
                                          "NULL, rowid", [record.id])]
    for dossier in map(lambda dossier_id: get_dossier(store, dossier_id), ids):
        who = get_official(store, dossier.official_id).full_name if dossier.official_id else name
        if dossier.signed_off_by:
            signers.add(dossier.signed_off_by)
        stored = stored_items(store, dossier.id)
        for status in dossier_statuses(store, cycle, dossier):
            kept = stored.get(status.item.id)
            if kept is None or status.need is Need.NOT_APPLICABLE:
                continue
            form = status.item.kind == "form" and kept.state in (ItemState.COMPLETE, ItemState.DRAFT)
            if form or kept.attachment_sha256:
                documents.append((who, status.item.short_name))
    return documents, signers


def _slip(store: Store, record: ArchivedPackage, data: bytes) -> bytes:
    # The slip is rebuilt from what the package itself carries, so it describes exactly these bytes.
    cycle = get_cycle(store, record.cycle_id)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if bagit.PAYLOAD_DIR + sealed.SEALED_NAME in archive.namelist():
            code, name = store.db.execute("SELECT code, name FROM units WHERE id = ?", [record.unit_id]).fetchone()
            documents, signers = _sealed_documents(store, record)
            return _slip_pdf(store, record, cycle, code, name, documents, signers)
        unit_doc = UnitDocument.from_json(parse_json(archive.read(bagit.PAYLOAD_DIR + "unit.json"), "unit.json"))
        officials = [OfficialDocument.from_json(parse_json(archive.read(f"{bagit.PAYLOAD_DIR}{name}"), name), name,
                                                unit_doc.version)
                     for name in (f"officials/{oid}.json" for oid in unit_doc.officials)]
    names = {item.id: item.short_name for item in cycle.items}
    unit = unit_doc.unit
    subjects = [(unit.name, unit_doc.dossier)]
    subjects += [(doc.official.full_name, doc.dossier) for doc in officials]
    documents, signers = [], set()
    for subject, dossier in subjects:
        if dossier is None:
            continue
        if dossier.signed_off_by:
            signers.add(dossier.signed_off_by)
        for kind, item in dossier.items.items():
            if item.file:
                documents.append((subject, names.get(kind, kind)))
    return _slip_pdf(store, record, cycle, unit.code, unit.name, documents, signers)


def _slip_pdf(store: Store, record: ArchivedPackage, cycle, code: str, name: str, documents: list[tuple[str, str]],
              signers: set[str]) -> bytes:
    superior, issuer, place, style = slip_header(store, cycle, code, name)
    return handover_slip_pdf(HandoverSlip(issuer, code, name, cycle.title, documents,
                                          record.file_name, record.sha256, record.signer_fingerprint,
                                          date_line(place, store.clock.today()), ", ".join(sorted(signers)),
                                          superior, style))
