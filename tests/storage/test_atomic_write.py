"""The one atomic-write helper: whole or nothing, regular files only, owner-only secrets, held files."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from chilinh_desktop.core import atomicfile
from chilinh_desktop.core.errors import FileWriteError
from chilinh_desktop.render.pipeline import write_pdf


def test_a_failing_writer_leaves_the_previous_file_and_no_part(tmp_path):
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")

    def half_then_fail(handle):
        handle.write(b"new, half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(FileWriteError) as caught:
        atomicfile.write_atomically(target, half_then_fail)
    assert caught.value.code == "io.write_failed" and "hết chỗ trống" in caught.value.message
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]


@pytest.mark.skipif(os.name != "posix", reason="links and owner-only modes are POSIX here")
def test_a_link_is_never_replaced_nor_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep")
    (tmp_path / "out.pdf").symlink_to(victim)
    with pytest.raises(FileWriteError) as caught:
        write_pdf(tmp_path / "out.pdf", b"%PDF-1.4")
    assert caught.value.code == "io.not_regular_file"
    # A link planted at the temporary name is removed, not written through.
    (tmp_path / "new.pdf.part").symlink_to(victim)
    write_pdf(tmp_path / "new.pdf", b"%PDF-1.4")
    assert victim.read_bytes() == b"keep"
    assert (tmp_path / "new.pdf").read_bytes() == b"%PDF-1.4"


@pytest.mark.skipif(os.name != "posix", reason="owner-only modes are POSIX")
def test_secrets_are_written_owner_only_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        atomicfile.write_bytes(tmp_path / "key.age", b"secret", private=True)
        atomicfile.write_bytes(tmp_path / "plain.pdf", b"public")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "key.age").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "plain.pdf").stat().st_mode) == 0o666


def _held_open(monkeypatch, times: int):
    """os.replace failing as Windows does while another program holds the target open."""
    real_replace = os.replace
    calls = {"n": 0}

    def replace(src, dst):
        calls["n"] += 1
        if calls["n"] <= times:
            error = PermissionError(errno.EACCES, "The process cannot access the file")
            error.winerror = 32
            raise error
        return real_replace(src, dst)

    monkeypatch.setattr(atomicfile, "_RETRY_SHARING", True)
    monkeypatch.setattr(atomicfile, "SHARING_RETRY_SECONDS", 0.5)
    monkeypatch.setattr(os, "replace", replace)
    return calls


def test_a_file_held_open_briefly_is_replaced_after_a_retry(tmp_path, monkeypatch):
    target = tmp_path / "print.pdf"
    target.write_bytes(b"old")
    calls = _held_open(monkeypatch, times=2)
    atomicfile.write_bytes(target, b"new")
    assert target.read_bytes() == b"new" and calls["n"] == 3


def test_a_file_held_open_for_long_is_refused_clearly_and_unchanged(tmp_path, monkeypatch):
    target = tmp_path / "print.pdf"
    target.write_bytes(b"old")
    _held_open(monkeypatch, times=10**6)
    with pytest.raises(FileWriteError) as caught:
        atomicfile.write_bytes(target, b"new")
    assert caught.value.code == "io.file_in_use" and "đang được mở" in caught.value.message
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["print.pdf"]
