"""A failed export never leaves a file at the final name that looks complete but is not."""

from __future__ import annotations

import errno
import random
import shutil

import pytest

from chilinh_desktop.core import atomicfile
from chilinh_desktop.package import bagit
from chilinh_desktop.package.errors import PackageError
from chilinh_desktop.package.zipsafe import ZipLimits

# Incompressible, like real scans, so the bytes written to disk are as many as the payload.
PAYLOAD = [(f"scan-{i}.bin", random.Random(i).randbytes(100_000)) for i in range(4)]


class _FillingDisk:
    """A file whose disk fills up after `room` bytes, as a USB stick does."""

    def __init__(self, handle, room: int) -> None:
        self._handle = handle
        self._room = room

    def write(self, data) -> int:
        if len(data) > self._room:
            raise OSError(errno.ENOSPC, "No space left on device")
        self._room -= len(data)
        return self._handle.write(data)

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self._handle.close()


def _write(target, payload=PAYLOAD, **kwargs):
    with pytest.raises(PackageError) as caught:
        bagit.write_bag(target, payload, {"Unit-Code": "CL01"}, **kwargs)
    return caught.value


def test_full_disk_removes_the_partial_file(tmp_path, monkeypatch):
    real_open = open
    monkeypatch.setattr(
        atomicfile, "open", lambda *a, **k: _FillingDisk(real_open(*a, **k), 50_000), raising=False
    )
    error = _write(tmp_path / "pkg.zip")
    assert error.code == "io.write_failed"
    assert "hết chỗ trống" in error.message
    assert list(tmp_path.iterdir()) == []


def test_removed_folder_midway_leaves_nothing(tmp_path):
    folder = tmp_path / "usb"
    folder.mkdir()

    def payload_then_unplug():
        yield PAYLOAD[0]
        shutil.rmtree(folder)  # the stick is pulled out while the package is being written
        yield PAYLOAD[1]

    error = _write(folder / "pkg.zip", payload_then_unplug())
    assert error.code == "io.write_failed"
    assert not (folder / "pkg.zip").exists()


def test_unreadable_source_is_named_and_nothing_is_left(tmp_path):
    error = _write(tmp_path / "pkg.zip", [("scan.pdf", tmp_path / "missing.pdf")])
    assert (error.code, error.subject) == ("bag.source_unreadable", str(tmp_path / "missing.pdf"))
    assert list(tmp_path.iterdir()) == []


def test_bag_failing_its_read_back_is_never_renamed(tmp_path):
    # Our own limits refuse a 100 KB entry: the read-back check fails before the rename.
    error = _write(tmp_path / "pkg.zip", limits=ZipLimits(max_file_size=50_000))
    assert error.code == "bag.write_verify_failed"
    assert "zip.file_too_large" in error.message
    assert list(tmp_path.iterdir()) == []


def test_failed_rewrite_keeps_the_previous_package(tmp_path, monkeypatch):
    target = tmp_path / "pkg.zip"
    bagit.write_bag(target, PAYLOAD[:1], {}, bagging_date=None)
    before = target.read_bytes()
    real_open = open
    monkeypatch.setattr(
        atomicfile, "open", lambda *a, **k: _FillingDisk(real_open(*a, **k), 1000), raising=False
    )
    _write(target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["pkg.zip"]
