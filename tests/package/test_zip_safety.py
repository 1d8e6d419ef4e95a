"""Untrusted ZIPs: every hostile trait is refused by its own code, before anything is extracted."""

from __future__ import annotations

import stat
import struct
import unicodedata
import zipfile

import pytest

from chilinh_desktop.package import zipsafe
from chilinh_desktop.package.errors import PackageError
from chilinh_desktop.package.zipsafe import ZipLimits


def _codes(path, limits=zipsafe.DEFAULT_LIMITS) -> list[str]:
    with zipsafe.open_zip(path) as archive:
        return [problem.code for problem in zipsafe.zip_problems(archive, limits)]


def _info(name: str, mode: int | None = None) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    if mode is not None:
        info.create_system = 3  # Unix, where the high bits of external_attr are st_mode
        info.external_attr = mode << 16
    return info


def test_clean_zip_has_no_problems_and_reads_back(make_zip):
    path = make_zip("ok.zip", [("data/a.json", b"{}"), ("data/sub/b.pdf", b"%PDF")])
    assert _codes(path) == []
    assert zipsafe.read_entries(path) == {"data/a.json": b"{}", "data/sub/b.pdf": b"%PDF"}


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("../evil.txt", "zip.path_escape"),
        ("data/../../evil.txt", "zip.path_escape"),
        ("/etc/cron.d/evil", "zip.absolute_path"),
        ("C:/Windows/evil.dll", "zip.drive_letter"),
        ("data\\..\\evil.txt", "zip.backslash"),
        ("data//a.txt", "zip.bad_name"),
        ("data/./a.txt", "zip.bad_name"),
        ("data/a\x01.txt", "zip.control_char"),
        ("data/con.txt", "zip.windows_name"),
        ("data/a?.txt", "zip.windows_name"),
        ("data/\u202egpj.exe", "zip.unicode_trick"),
        ("data/\uff0e\uff0e/evil.txt", "zip.unicode_trick"),
        ("data\u2215evil.txt", "zip.unicode_trick"),
        ("data/" + "a" * 300, "zip.name_too_long"),
    ],
)
def test_unsafe_entry_names_are_refused(make_zip, name, code):
    assert _codes(make_zip("bad.zip", [(name, b"x")])) == [code]


@pytest.mark.parametrize(
    ("names", "code"),
    [
        (["data/a.txt", "data/a.txt"], "zip.duplicate_name"),
        (["data/A.txt", "data/a.txt"], "zip.case_duplicate"),
        (
            ["data/café.txt", unicodedata.normalize("NFD", "data/café.txt")],
            "zip.confusable_duplicate",
        ),
        (["data/a", "data/a/b.txt"], "zip.path_conflict"),
    ],
)
def test_names_that_collide_on_disk_are_refused(make_zip, names, code):
    path = make_zip("dup.zip", [(name, b"x") for name in names])
    assert _codes(path) == [code]


def test_symlink_entry_is_refused(make_zip):
    path = make_zip("link.zip", [(_info("data/link", mode=stat.S_IFLNK | 0o777), b"/etc/passwd")])
    assert _codes(path) == ["zip.symlink"]


def test_device_entry_is_refused(make_zip):
    path = make_zip("dev.zip", [(_info("data/null", mode=stat.S_IFCHR | 0o666), b"")])
    assert _codes(path) == ["zip.special_file"]


def test_encrypted_entry_is_refused(make_zip):
    path = make_zip("enc.zip", [("data/a.txt", b"x")])
    data = bytearray(path.read_bytes())
    # zipfile cannot write encrypted entries: set the "encrypted" flag in the central directory.
    data[data.index(b"PK\x01\x02") + 8] |= 0x1
    path.write_bytes(bytes(data))
    assert _codes(path) == ["zip.encrypted"]


def test_zip_bomb_entry_is_refused_by_ratio(make_zip):
    path = make_zip("bomb.zip", [("data/zeros.bin", bytes(4 << 20))])
    assert _codes(path) == ["zip.ratio_too_high"]


def test_small_compressible_text_is_not_a_bomb(make_zip):
    assert _codes(make_zip("text.zip", [("data/a.txt", b"a" * 500_000)])) == []


def test_size_and_count_limits(make_zip, small_limits):
    assert _codes(make_zip("many.zip", [(f"f{i}", b"") for i in range(6)]), small_limits) == [
        "zip.too_many_entries"
    ]
    assert _codes(make_zip("big.zip", [("f", bytes(1001))]), small_limits) == ["zip.file_too_large"]
    three = [(f"f{i}", bytes(900)) for i in range(3)]
    assert _codes(make_zip("total.zip", three), small_limits) == ["zip.total_too_large"]


def test_entries_sharing_bytes_are_refused(make_zip):
    path = make_zip("overlap.zip", [("a.bin", b"A" * 100), ("b.bin", b"B" * 100)])
    data = bytearray(path.read_bytes())
    # Point the second central directory record at the first entry's local header.
    second = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 4)
    struct.pack_into("<I", data, second + 42, 0)
    path.write_bytes(bytes(data))
    assert _codes(path) == ["zip.overlapping_entries"]


def test_truncated_zip_is_refused(make_zip):
    path = make_zip("cut.zip", [("data/a.bin", bytes(range(256)) * 100)])
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(PackageError) as caught:
        zipsafe.open_zip(path)
    assert caught.value.code == "zip.truncated"


def test_other_file_is_not_zip(tmp_path):
    path = tmp_path / "note.zip"
    path.write_text("không phải ZIP")
    with pytest.raises(PackageError) as caught:
        zipsafe.open_zip(path)
    assert caught.value.code == "zip.not_zip"


def test_corrupted_entry_data_is_refused_on_read(make_zip):
    path = make_zip("crc.zip", [(_info("a.bin"), bytes(range(256)) * 100)])
    data = bytearray(path.read_bytes())
    data[200] ^= 0xFF  # inside the compressed data of the only entry
    path.write_bytes(bytes(data))
    with pytest.raises(PackageError) as caught:
        zipsafe.read_entries(path)
    assert caught.value.code == "zip.corrupt"


def test_reader_stops_at_the_limit_whatever_is_declared(make_zip):
    path = make_zip("big.zip", [("a.bin", bytes(300_000))])
    with zipsafe.open_zip(path) as archive:
        reader = zipsafe.BoundedReader(archive, ZipLimits(max_file_size=100_000))
        with pytest.raises(PackageError) as caught:
            reader.read(archive.getinfo("a.bin"))
    assert caught.value.code == "zip.file_too_large"
    assert reader.total < 100_000 + 64 * 1024 + 1


def test_read_entries_refuses_before_reading(make_zip):
    path = make_zip("mixed.zip", [("data/ok.txt", b"ok"), ("../evil.txt", b"x")])
    with pytest.raises(PackageError) as caught:
        zipsafe.read_entries(path)
    assert caught.value.code == "zip.path_escape"
