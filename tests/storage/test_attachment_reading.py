"""Attachments are read in chunks: size checked first, hashed while read, cut or fake files refused."""

from __future__ import annotations

import hashlib
import io
import os
import tracemalloc

import pytest
from PIL import Image

from chilinh_desktop.core import attachments
from chilinh_desktop.core.attachments import MAX_ATTACHMENT_BYTES, content_type, read_attachment_file
from chilinh_desktop.core.errors import ValidationError
from chilinh_desktop.demo.scans import scanned_page


def _image(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 160), (240, 240, 230)).save(buffer, kind)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def samples() -> dict[str, bytes]:
    return {"pdf": scanned_page("Phiếu nhận xét", "Thử", 1), "png": _image("PNG"), "jpeg": _image("JPEG")}


@pytest.mark.parametrize("kind, mime", [("pdf", "application/pdf"), ("png", "image/png"), ("jpeg", "image/jpeg")])
def test_a_whole_file_is_read_hashed_and_typed(tmp_path, samples, kind, mime):
    path = tmp_path / f"scan.{kind}"
    path.write_bytes(samples[kind])
    read = read_attachment_file(path)
    assert (read.mime, read.sha256, read.data) == (mime, hashlib.sha256(samples[kind]).hexdigest(), samples[kind])


@pytest.mark.parametrize("kind", ["pdf", "png", "jpeg"])
@pytest.mark.parametrize("keep", [0.5, 0.9, -2])
def test_a_file_cut_short_is_refused(samples, kind, keep):
    data = samples[kind]
    cut = data[: int(len(data) * keep)] if keep > 0 else data[:keep]
    with pytest.raises(ValidationError) as caught:
        content_type(cut)
    assert "cắt ngắn" in caught.value.message or "hỏng" in caught.value.message


def test_a_renamed_text_file_is_refused(tmp_path):
    path = tmp_path / "ghi-chu.pdf"
    path.write_text("không phải PDF", encoding="utf-8")
    with pytest.raises(ValidationError):
        read_attachment_file(path)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.pdf"
    with path.open("wb") as handle:  # sparse: 4 GB on paper, nothing on disk
        handle.truncate(4 * 2**30)
    tracemalloc.start()
    with pytest.raises(ValidationError) as caught:
        read_attachment_file(path)
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert str(MAX_ATTACHMENT_BYTES // 2**20) in caught.value.message
    assert peak < 2**20


def test_a_file_that_ends_before_its_size_is_refused(tmp_path, samples, monkeypatch):
    path = tmp_path / "scan.pdf"
    path.write_bytes(samples["pdf"])
    real_fstat = os.fstat

    # A network drive or stick that says one size and then delivers less.
    def promising_more(fd):
        info = real_fstat(fd)
        return os.stat_result((info.st_mode, info.st_ino, info.st_dev, info.st_nlink, info.st_uid, info.st_gid,
                               info.st_size + 4096, info.st_atime, info.st_mtime, info.st_ctime))

    monkeypatch.setattr(attachments.os, "fstat", promising_more)
    with pytest.raises(ValidationError) as caught:
        read_attachment_file(path)
    assert "kết thúc sớm" in caught.value.message
