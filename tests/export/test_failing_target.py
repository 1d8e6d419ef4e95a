"""A stick that fills up or disappears mid-export leaves no complete-looking file and the data unchanged."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from export_helpers import SIGNED_UNIT, file_hash

from chilinh_desktop.cli import main
from chilinh_desktop.core import atomicfile


class _FillingStick:
    """A file that accepts a little, then fails with 'no space left on device'."""

    def __init__(self, handle, room: int) -> None:
        self._handle, self._room = handle, room

    def write(self, data) -> int:
        self._room -= len(data)
        if self._room < 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self._handle.write(data)

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._handle.close()


def test_full_stick_midway_leaves_nothing_and_changes_nothing(demo_path, usb, monkeypatch, capsys):
    real_open = open
    monkeypatch.setattr(atomicfile, "open", lambda path, mode="r", *a, **k: _FillingStick(
        real_open(path, mode, *a, **k), 300_000), raising=False)
    before = file_hash(demo_path)
    assert main(["export", "--db", str(demo_path), "--unit", SIGNED_UNIT, "--out", str(usb)]) == 2
    assert "hết chỗ trống" in capsys.readouterr().err
    assert list(usb.iterdir()) == []
    assert file_hash(demo_path) == before


def test_removed_stick_leaves_nothing_and_changes_nothing(demo_path, usb, capsys):
    before = file_hash(demo_path)
    shutil.rmtree(usb)
    assert main(["export", "--db", str(demo_path), "--unit", SIGNED_UNIT, "--out", str(usb)]) == 2
    assert not Path(usb).exists()
    assert file_hash(demo_path) == before
