"""Export targets: removable drives (the USB stick) first, on Windows and on Linux."""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

from chilinh_desktop.core import drives
from chilinh_desktop.core.drives import (
    DRIVE_CDROM,
    DRIVE_FIXED,
    DRIVE_REMOTE,
    DRIVE_REMOVABLE,
    FIXED,
    HOME,
    NETWORK,
    REMOVABLE,
    ExportTarget,
)


def _mask(*letters: str) -> int:
    return sum(1 << (ord(letter) - ord("A")) for letter in letters)


def test_windows_removable_drives_come_first(tmp_path: Path):
    types = {"C:\\": DRIVE_FIXED, "D:\\": DRIVE_CDROM, "E:\\": DRIVE_REMOVABLE, "F:\\": DRIVE_REMOVABLE,
             "Z:\\": DRIVE_REMOTE}
    targets = drives.windows_targets(bitmask=lambda: _mask("C", "D", "E", "F", "Z"), drive_type=types.__getitem__,
                                     home=tmp_path)
    kinds = [(str(PureWindowsPath(t.path)) if t.kind != HOME else "home", t.kind) for t in targets]
    assert kinds == [("E:\\", REMOVABLE), ("F:\\", REMOVABLE), ("home", HOME), ("C:\\", FIXED), ("Z:\\", NETWORK)]
    assert all(t.removable for t in targets[:2]) and not targets[2].removable


def test_windows_without_a_stick_offers_the_users_folders_first(tmp_path: Path):
    (tmp_path / "Documents").mkdir()
    targets = drives.windows_targets(bitmask=lambda: _mask("C"), drive_type=lambda root: DRIVE_FIXED, home=tmp_path)
    assert [t.kind for t in targets] == [HOME, HOME, FIXED]
    assert targets[0].path == tmp_path / "Documents" and targets[1].path == tmp_path  # Documents before home


def test_linux_mounted_media_first(tmp_path: Path):
    tree = {
        Path("/media/lan"): [Path("/media/lan/USB ĐẢNG ỦY"), Path("/media/lan/KINGSTON")],
        Path("/run/media/lan"): [],
        Path("/media"): [Path("/media/lan"), Path("/media/cdrom")],
        Path("/mnt"): [Path("/mnt/backup"), Path("/mnt/empty")],
    }
    mounts = ["/", "/media/lan/KINGSTON", "/media/lan/USB ĐẢNG ỦY", "/mnt/backup"]
    targets = drives.posix_targets(user="lan", home=tmp_path, list_dirs=lambda p: tree.get(p, []),
                                   mounts=lambda: mounts)
    assert [(str(t.path), t.kind) for t in targets] == [
        ("/media/lan/KINGSTON", REMOVABLE), ("/media/lan/USB ĐẢNG ỦY", REMOVABLE), ("/mnt/backup", REMOVABLE),
        (str(tmp_path), HOME),
    ]


def test_linux_without_mount_table_offers_every_media_folder(tmp_path: Path):
    tree = {Path("/run/media/lan"): [Path("/run/media/lan/STICK")]}
    targets = drives.posix_targets(user="lan", home=tmp_path, list_dirs=lambda p: tree.get(p, []), mounts=list)
    assert [t.path for t in targets] == [Path("/run/media/lan/STICK"), tmp_path]


def test_order_removes_repeats_and_sorts_within_a_kind():
    a, b = ExportTarget(Path("/b"), REMOVABLE), ExportTarget(Path("/a"), REMOVABLE)
    home = ExportTarget(Path("/home/lan"), HOME)
    assert drives.order_targets([home, a, b, a]) == [b, a, home]


def test_real_probe_runs_here():
    targets = drives.export_targets()
    assert targets and any(t.kind == HOME for t in targets)
