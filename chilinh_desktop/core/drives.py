"""Where an export can go: removable drives (the USB stick) first, then the user's own folders.

No Qt and no wording: the export dialog turns these into a list with its own labels.
The platform probes are injectable so the ordering is tested on any system; the real
probes are ctypes calls on Windows (GetLogicalDrives, GetDriveTypeW) and the usual
mount folders on Linux.
"""

from __future__ import annotations

import os
import string
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

# GetDriveTypeW results.
DRIVE_UNKNOWN, DRIVE_NO_ROOT_DIR, DRIVE_REMOVABLE, DRIVE_FIXED, DRIVE_REMOTE, DRIVE_CDROM, DRIVE_RAMDISK = range(7)

REMOVABLE = "removable"
FIXED = "fixed"
NETWORK = "network"
HOME = "home"
_RANK = {REMOVABLE: 0, HOME: 1, FIXED: 2, NETWORK: 3}


@dataclass(frozen=True)
class ExportTarget:
    """One place offered for an export."""

    path: Path
    kind: str  # removable, home, fixed or network

    @property
    def removable(self) -> bool:
        return self.kind == REMOVABLE


def order_targets(targets: Iterable[ExportTarget]) -> list[ExportTarget]:
    """Removable drives first, then the user's folders (in the order given: Documents first), local disks,
    network drives; the other groups by path; no repeats."""
    seen: set[Path] = set()
    unique = []
    for target in targets:
        if target.path not in seen:
            seen.add(target.path)
            unique.append(target)
    given = {target.path: n for n, target in enumerate(unique)}
    return sorted(unique, key=lambda t: (_RANK[t.kind], given[t.path] if t.kind == HOME else 0,
                                         str(t.path).casefold()))


# -- Windows ---------------------------------------------------------------------------------


def _win_bitmask() -> int:  # pragma: no cover - Windows only
    import ctypes

    return ctypes.windll.kernel32.GetLogicalDrives()


def _win_drive_type(root: str) -> int:  # pragma: no cover - Windows only
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root))


def windows_targets(bitmask: Callable[[], int] = _win_bitmask, drive_type: Callable[[str], int] = _win_drive_type,
                    home: Path | None = None) -> list[ExportTarget]:
    """Drive letters by type (CD drives and unknown ones are not offered), plus the user's folders."""
    mask = bitmask()
    targets = []
    for n, letter in enumerate(string.ascii_uppercase):
        if not mask & (1 << n):
            continue
        root = f"{letter}:\\"
        kind = {DRIVE_REMOVABLE: REMOVABLE, DRIVE_FIXED: FIXED, DRIVE_REMOTE: NETWORK}.get(drive_type(root))
        if kind:
            targets.append(ExportTarget(Path(root), kind))
    targets += _home_targets(home)
    return order_targets(targets)


# -- Linux and others ------------------------------------------------------------------------


def _list_dirs(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir())
    except OSError:
        return []


def _proc_mounts() -> list[str]:
    try:
        with open("/proc/mounts", encoding="utf-8", errors="replace") as fh:
            return [line.split()[1].replace("\\040", " ") for line in fh if len(line.split()) > 1]
    except OSError:
        return []


def posix_targets(user: str | None = None, home: Path | None = None,
                  list_dirs: Callable[[Path], list[Path]] = _list_dirs,
                  mounts: Callable[[], list[str]] = _proc_mounts) -> list[ExportTarget]:
    """Mounted media (/media/USER/*, /run/media/USER/*, /media/*, /mnt/*) first, then the user's folders."""
    user = user or os.environ.get("USER") or os.environ.get("LOGNAME") or ""
    mounted = {Path(m) for m in mounts()}
    bases = [Path("/media") / user, Path("/run/media") / user] if user else []
    bases += [Path("/media"), Path("/mnt")]
    targets = []
    for base in bases:
        for folder in list_dirs(base):
            # /media/USER is a folder of mount points, not one; an unmounted folder is an empty mount point.
            if folder in bases or (mounted and folder not in mounted):
                continue
            targets.append(ExportTarget(folder, REMOVABLE))
    targets += _home_targets(home)
    return order_targets(targets)


def _home_targets(home: Path | None) -> list[ExportTarget]:
    # Documents first: without a USB stick the package lands where a clerk looks for files, not in the bare home.
    home = home or Path.home()
    targets = [ExportTarget(home / name, HOME) for name in ("Documents", "Desktop") if (home / name).is_dir()]
    return [*targets, ExportTarget(home, HOME)]


def export_targets() -> list[ExportTarget]:
    """The places to offer for an export on this computer, removable drives first."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return windows_targets()
    return posix_targets()
