"""The exchange between a unit and the Board (trao đổi): export a signed package, check and import packages.

The command line and the window both call these; the package layer does the work (BagIt, SSHSIG,
age, the checks before anything is written), and each result says what it changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.store import Store
from chilinh_desktop.ops import changes

if TYPE_CHECKING:
    from chilinh_desktop.package.export import ExportResult
    from chilinh_desktop.package.importer import ImportOutcome, ImportPlan

__all__ = ["ExportResult", "Exported", "ImportOutcome", "ImportPlan", "Imported", "commit_import", "export_unit",
           "import_packages", "package_files", "plan_import"]


def __getattr__(name: str):  # the package layer's result types, loaded on first use
    if name == "ExportResult":
        from chilinh_desktop.package.export import ExportResult

        return ExportResult
    if name in ("ImportOutcome", "ImportPlan"):
        from chilinh_desktop.package import importer

        return getattr(importer, name)
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
    from chilinh_desktop.package.export import export_unit as write_package

    return Exported(write_package(store, cycle, unit_code, out_dir, passphrase=passphrase, actor=actor,
                                  progress=progress))


def package_files(sources: Iterable[Path]) -> list[Path]:
    """The package files (.zip) in the given files and folders, in a stable order."""
    from chilinh_desktop.package.importer import package_files as found

    return found(sources)


def plan_import(store: Store, paths: Iterable[Path], step: Callable | None = None, *,
                passphrase: str | None = None) -> ImportPlan:
    """Check every package before anything is written: what would be imported, refused or is waiting for a key.

    A sealed package is opened with the Board's keys (`passphrase` when they are protected)."""
    from chilinh_desktop.package.importer import plan_import as plan

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
    from chilinh_desktop.package.importer import commit_import as commit

    return Imported(commit(store, plan, set(accepted), actor=actor))


def import_packages(store: Store, paths: Iterable[Path], *, trust_new: bool = False, actor: str = "import",
                    passphrase: str | None = None) -> Imported:
    """Check, then import (the command line): with `trust_new`, exactly the new keys this run shows are accepted."""
    plan = plan_import(store, paths, passphrase=passphrase)
    accepted = {o.fingerprint for o in plan.new_keys if o.fingerprint} if trust_new else set()
    return commit_import(store, plan, accepted, actor=actor)
