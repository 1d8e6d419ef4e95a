"""The exchange between a unit and the Board (trao đổi): export a signed package, check and import packages.

The command line and the window both call these. The use cases live in ops/: exporting in
ops/export.py (check ready, sign, seal, write, read back, record, name), importing in ops/importing.py
(check every file, judge keys, write in transactions of whole packages); the package layer does the format and
crypto work (BagIt, SSHSIG, age, reading a package's documents). Each result says what it changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.store import Store
from chilinh_desktop.ops import changes
from chilinh_desktop.package.importer import ALREADY, IMPORTED, REFUSED, SUPERSEDED, WAITING

if TYPE_CHECKING:
    from chilinh_desktop.ops.export import ExportError, ExportResult
    from chilinh_desktop.ops.importing import ImportOutcome, ImportPlan
    from chilinh_desktop.package.rewrite import RewriteResult

__all__ = ["ALREADY", "IMPORTED", "REFUSED", "SUPERSEDED", "WAITING", "ExportError", "ExportResult", "Exported",
           "ImportOutcome", "ImportPlan", "Imported", "KitWritten",
           "RewriteResult", "Rewritten", "board_key_needs_passphrase", "commit_import", "confidential_files",
           "confidential_name", "export_kit", "export_unit", "import_packages", "open_confidential",
           "own_key_needs_passphrase", "package_files", "plain_name", "plan_import", "rewrite_package"]


def __getattr__(name: str):  # the result types, loaded on first use
    if name in ("ExportResult", "ExportError"):
        from chilinh_desktop.ops import export

        return getattr(export, name)
    if name in ("ImportOutcome", "ImportPlan"):
        from chilinh_desktop.ops import importing

        return getattr(importing, name)
    if name == "RewriteResult":
        from chilinh_desktop.package.rewrite import RewriteResult

        return RewriteResult
    raise AttributeError(name)

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Exported:
    """A package written to the target, verified there, and recorded."""

    result: ExportResult

    @property
    def changes(self) -> frozenset[str]:
        """What exporting changed: the unit's dossiers are now exported, and the archive holds the package."""
        return changes.dossiers(self.result.dossier_ids) | {changes.PACKAGES}


def export_unit(store: Store, cycle: Cycle, unit_code: str, out_dir: Path, *, passphrase: str | None = None,
                actor: str = "export", progress: Progress | None = None) -> Exported:
    """Write the unit's signed package and its handover slip to `out_dir` (a USB stick), checked there."""
    from chilinh_desktop.ops.export import export_unit as write_package

    return Exported(write_package(store, cycle, unit_code, out_dir, passphrase=passphrase, actor=actor,
                                  progress=progress))


def package_files(sources: Iterable[Path]) -> list[Path]:
    """The package files (.zip) in the given files and folders, in a stable order."""
    from chilinh_desktop.ops.importing import package_files as found

    return found(sources)


def plan_import(store: Store, paths: Iterable[Path], step: Callable | None = None, *,
                passphrase: str | None = None) -> ImportPlan:
    """Check every package before anything is written: what would be imported, refused or is waiting for a key.

    A sealed package is opened with the Board's keys (`passphrase` when they are protected)."""
    from chilinh_desktop.ops.importing import plan_import as plan

    return plan(store, package_files(paths), step, passphrase=passphrase)


@dataclass(frozen=True)
class Imported:
    """What an import did, package by package."""

    outcomes: list[ImportOutcome]

    @property
    def changes(self) -> frozenset[str]:
        """What importing changed: the received packages, and every view of the tree's progress."""
        return frozenset({changes.PACKAGES, changes.TREE, changes.RATINGS, changes.CONTENT})


def commit_import(store: Store, plan: ImportPlan, accepted: Iterable[str] = (), *, actor: str = "import") -> Imported:
    """Import what the plan allows, trusting new unit keys only for exactly the `accepted` fingerprints."""
    from chilinh_desktop.ops.importing import commit_import as commit

    return Imported(commit(store, plan, set(accepted), actor=actor))


def import_packages(store: Store, paths: Iterable[Path], *, trust_new: bool = False, actor: str = "import",
                    passphrase: str | None = None) -> Imported:
    """Check, then import (the command line): with `trust_new`, exactly the new keys this run shows are accepted."""
    plan = plan_import(store, paths, passphrase=passphrase)
    accepted = {o.fingerprint for o in plan.new_keys if o.fingerprint} if trust_new else set()
    return commit_import(store, plan, accepted, actor=actor)


# -- an archived package written again, confidential files, the cycle kit ----------------------------


@dataclass(frozen=True)
class Rewritten:
    """An exported package written again from the archive, read back and checked (package/rewrite.py)."""

    result: RewriteResult

    @property
    def changes(self) -> frozenset[str]:
        """Writing again is audited with the packages."""
        return frozenset({changes.PACKAGES})


def rewrite_package(store: Store, package_id: str, out_dir: Path, *, actor: str) -> Rewritten:
    """Write an archived package under its original name in `out_dir`, read it back, verify it; add its slip."""
    from chilinh_desktop.package.rewrite import rewrite_package as rewrite

    return Rewritten(rewrite(store, package_id, Path(out_dir), actor=actor))


def _received(store: Store, package_id: str) -> None:
    from chilinh_desktop.core.board import find_received
    from chilinh_desktop.core.errors import NotFoundError
    from chilinh_desktop.i18n import _

    if find_received(store, package_id) is None:
        raise NotFoundError(_("The Board has not received a package with the id {id}.", id=package_id),
                            code="received.unknown")


def confidential_files(store: Store, package_id: str) -> list[str]:
    """The encrypted files of a received package (names under data/), never their content."""
    from chilinh_desktop.package.received import confidential_names

    _received(store, package_id)
    return confidential_names(store, package_id)


def confidential_name(name: str) -> str:
    """A confidential file's name as a package stores it (`x.pdf.age` → `confidential/x.pdf.age`)."""
    from chilinh_desktop.package.received import CONFIDENTIAL_DIR

    return name if name.startswith(CONFIDENTIAL_DIR) else CONFIDENTIAL_DIR + name


def plain_name(name: str) -> str:
    """The decrypted file's name: `confidential/x.pdf.age` → `x.pdf`."""
    from chilinh_desktop.package.received import CONFIDENTIAL_DIR

    return name.removeprefix(CONFIDENTIAL_DIR).removesuffix(".age")


def board_key_needs_passphrase(store: Store) -> bool:
    """Whether opening a confidential file asks for the passphrase of the Board's keys."""
    from chilinh_desktop.package import keyring

    return keyring.needs_passphrase(keyring.board_recipient(store))


def own_key_needs_passphrase(store: Store) -> bool:
    """Whether signing (an export, a kit) asks for the passphrase of this installation's key."""
    from chilinh_desktop.package import keyring

    return keyring.needs_passphrase(keyring.own_signing(store))


def open_confidential(store: Store, package_id: str, name: str, target: Path, passphrase: str | None = None, *,
                      actor: str) -> Path:
    """Decrypt and check one confidential file of a received package, then write it owner-only to `target`.

    Audited: on the window it runs on the writer thread like every other write.
    """
    from chilinh_desktop.package.received import write_confidential

    _received(store, package_id)
    return write_confidential(store, package_id, confidential_name(name), Path(target), passphrase, actor=actor)


@dataclass(frozen=True)
class KitWritten:
    """A signed cycle kit written for one unit (with its cadres) or for all (without cadres)."""

    path: Path
    fingerprint: str
    unit_code: str | None


def export_kit(store: Store, out: Path, *, passphrase: str | None = None, unit_code: str | None = None) -> KitWritten:
    """Write the Board's signed cycle kit: the cycle, its forms, scales and rules, and one unit's cadres."""
    from chilinh_desktop.package.kit import export_kit as write_kit

    path, fingerprint = write_kit(store, Path(out), passphrase=passphrase, unit_code=unit_code)
    return KitWritten(path, fingerprint, unit_code.strip().upper() if unit_code else None)
