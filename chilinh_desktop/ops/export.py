"""Exporting a unit's submission package (gói hồ sơ nộp) to a USB stick: the use case.

The package is sealed to the Board (package/sealed.py): on the stick only its labels, manifests and
signature are readable. The format work is package/export.py's; this module checks the unit is ready,
plans the names, records the export and names the files.

Order matters: the package is written under a pending name (`<name>.zip.pending`, flushed), read back
from the target and checked; the database records the export in one transaction; only then is the
pending file renamed to `<name>.zip` (and its slip likewise). So a crash at any moment (kill -9, power
cut, stick pulled) never leaves a complete-looking package the data file does not know. The next export
to the same place cleans what an interrupted one left: a pending package the data file recorded is given
its final name, anything else is removed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from chilinh_desktop import __version__
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dossiers import LOCKED_STATES, mark_exported, snapshot_hash
from chilinh_desktop.core.errors import ChilinhError, StateError
from chilinh_desktop.core.package_archive import ArchivedPackage, archive_package, latest_export
from chilinh_desktop.core.store import Store, utc_stamp
from chilinh_desktop.core.unit_signoff import unit_dossiers
from chilinh_desktop.core.units import get_unit
from chilinh_desktop.i18n import _
from chilinh_desktop.package import bagit, keys, sshsig
from chilinh_desktop.package.atomicfile import remove_quietly, write_atomically
from chilinh_desktop.package.contents import Contents, Progress, payload
from chilinh_desktop.package.errors import PackageError, package_error
from chilinh_desktop.package.export import (
    LEFTOVER,
    PENDING,
    SLIP_SUFFIX,
    file_sha256,
    finish,
    pending,
    read_back,
    slip_pdf,
    write_sealed,
)
from chilinh_desktop.package.keyring import board_recipient, signing_key


class ExportError(ChilinhError):
    """The package could not be made; `problems` lists what stands in the way."""

    code = "export"

    def __init__(self, message: str, problems: list[tuple[str, str]] | None = None, *, code: str | None = None):
        super().__init__(message, code=code)
        self.problems = problems or []


@dataclass(frozen=True)
class ExportResult:
    """A package written and verified on the target."""

    path: Path
    slip_path: Path
    package_id: str
    sha256: str
    size: int
    fingerprint: str
    dossier_ids: tuple[str, ...]


def export_unit(store: Store, cycle: Cycle, unit_code: str, out_dir: Path, *, passphrase: str | None = None,
                actor: str = "export", progress: Progress | None = None) -> ExportResult:
    """Write `<out_dir>/<unit>-<cycle>-<timestamp>.zip` with its handover slip, then record it."""
    unit = get_unit(store, unit_code)
    dossiers = unit_dossiers(store, cycle, unit)
    _check_ready(store, unit_code, dossiers)
    key = signing_key(store, passphrase)
    public_line = keys.public_key_line(key)
    signer_fp = keys.fingerprint(key)
    recipient = board_recipient(store).public
    package_id = str(uuid.uuid4())
    clean_leftovers(store, Path(out_dir))
    stem = _free_stem(Path(out_dir), f"{unit.code}-{cycle.id}-{utc_stamp(store.clock.now())}")
    target = Path(out_dir) / f"{stem}.zip"
    pending_target = pending(target)
    contents = Contents(store, cycle, unit, dossiers, recipient)
    exported_at = _export_moment(store, unit.id, cycle.id)
    info = [("Unit-Code", unit.code), ("Unit-Name", unit.name), ("Cycle-Id", cycle.id),
            ("Package-Id", package_id), ("Exported-At", exported_at), ("App-Version", __version__),
            (bagit.SIGNER_FINGERPRINT_LABEL, signer_fp)]
    slip_path = Path(out_dir) / f"{stem}{SLIP_SUFFIX}"
    recorded = False
    try:
        # The whole package, signed, then sealed to the Board: nothing readable leaves on the stick but the
        # labels and the signature (package/sealed.py).
        write_sealed(pending_target, payload(contents, progress), info, lambda manifest: sshsig.sign(manifest, key),
                     recipient, store.clock.today())
        data, digest = read_back(pending_target, public_line)
        slip = slip_pdf(store, contents, target.name, digest, signer_fp, dossiers)
        write_atomically(pending(slip_path), lambda handle: handle.write(slip))
        record = ArchivedPackage(package_id, unit.id, cycle.id, target.name, digest, len(data), signer_fp,
                                 exported_at)
        with store.atomic():
            archive_package(store, record, data)
            mark_exported(store, [d.id for d in dossiers], package_id, actor=actor)
            store.audit(actor, "package.export", f"unit:{unit.id}", package=package_id, file=target.name,
                        sha256=digest, fingerprint=signer_fp)
        recorded = True
        # Recorded: now, and only now, the package takes its final name (the slip after it).
        finish(pending_target, target)
        finish(pending(slip_path), slip_path)
    except BaseException:
        # Nothing on the stick may look like a finished export the database does not know about.
        if not recorded:
            remove_quietly(pending_target)
            remove_quietly(pending(slip_path))
        raise
    return ExportResult(target, slip_path, package_id, digest, len(data), signer_fp, tuple(d.id for d in dossiers))


def clean_leftovers(store: Store, out_dir: Path) -> list[Path]:
    """Finish or remove what an interrupted export left in `out_dir`; return the files given their final name.

    A `<name>.zip.pending` whose bytes the data file recorded under `<name>.zip` was exported: it is
    renamed. Any other pending or `.part` file of ours was never a finished package: it is removed.
    """
    finished: list[Path] = []
    if not out_dir.is_dir():
        return finished
    leftovers = [p for p in out_dir.iterdir() if (p.name.endswith((PENDING, ".part")) and LEFTOVER.fullmatch(p.name)
                                                  and p.is_file())]
    for path in sorted(leftovers, key=lambda p: (not p.name.endswith(".zip" + PENDING), p.name)):
        final = out_dir / path.name[: -len(PENDING)] if path.name.endswith(PENDING) else None
        if final is not None and final.name.endswith(".zip") and not final.exists() and _recorded(store, path, final):
            finish(path, final)
            finished.append(final)
            slip = out_dir / f"{final.stem}{SLIP_SUFFIX}"
            if pending(slip).exists():
                finish(pending(slip), slip)
        else:
            remove_quietly(path)
    return finished


def _recorded(store: Store, pending_path: Path, final: Path) -> bool:
    try:
        digest = file_sha256(pending_path)
    except OSError:
        return False
    return store.db.execute("SELECT 1 FROM packages WHERE file_name = ? AND sha256 = ?",
                            [final.name, digest]).fetchone() is not None


def _export_moment(store: Store, unit_id: str, cycle_id: str) -> str:
    # The Board keeps the package with the latest Exported-At: a later export of the unit must say so, even
    # under a pinned clock (the demo, --today) where two exports would otherwise carry the same moment.
    now = store.clock.now()
    last = latest_export(store, unit_id, cycle_id)
    if last is not None:
        with contextlib.suppress(ValueError):
            now = max(now, dt.datetime.fromisoformat(last) + dt.timedelta(seconds=1))
    return now.isoformat()


def _free_stem(out_dir: Path, stem: str) -> str:
    if not out_dir.is_dir():
        raise package_error("io.write_failed", path=str(out_dir / f"{stem}.zip"),
                            reason=_("the folder does not exist"))
    # A pinned clock (the demo, --today) gives equal stamps; an earlier package is never overwritten.
    candidate, number = stem, 1
    while (out_dir / f"{candidate}.zip").exists() or (out_dir / f"{candidate}.zip{PENDING}").exists():
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


def _check_ready(store: Store, unit_code: str, dossiers: list) -> None:
    if not dossiers:
        raise ExportError(_("The unit {code} has no dossiers in this cycle.", code=unit_code), code="export.empty")
    open_ones = [d for d in dossiers if d.state not in LOCKED_STATES]
    if open_ones:
        raise ExportError(
            _("The package cannot be made: {count} dossiers are not signed off yet.", count=len(open_ones)),
            [(d.id, d.official_id or unit_code) for d in open_ones], code="export.not_signed_off",
        )
    changed = [d for d in dossiers if snapshot_hash(store, d.id) != d.snapshot_sha256]
    if changed:
        # Content that differs from what was signed off must never leave under that sign-off.
        raise StateError(_("{count} dossiers changed after they were signed off. Reopen and sign them off again.",
                           count=len(changed)), code="export.changed_after_sign_off")


__all__ = ["ExportError", "ExportResult", "PackageError", "clean_leftovers", "export_unit"]
