"""Every kind of tampered or broken package is refused by `chilinh verify` with a specific code, read-only."""

from __future__ import annotations

import stat
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest
from export_helpers import file_hash, rewrite_zip, run_json

from chilinh_desktop.package import keys, sshsig


def _flip(data: bytes) -> bytes:
    return data[:-2] + bytes([data[-2] ^ 1]) + data[-1:]


def _first(names: list[str], prefix: str) -> str:
    return next(n for n in names if n.startswith(prefix))


def _symlink() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("data/link")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def _bomb() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("data/bomb.bin")
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _other_key_signature(source: Path) -> bytes:
    with zipfile.ZipFile(source) as archive:
        manifest = archive.read("tagmanifest-sha256.txt")
    return sshsig.sign(manifest, keys.generate_signing_key()).encode("ascii")


def _forge(case: str, source: Path, target: Path) -> Path:
    with zipfile.ZipFile(source) as archive:
        names = archive.namelist()
        read = archive.read
        if case == "payload_byte":
            name = _first(names, "data/")  # the sealed package: the only payload file
            return rewrite_zip(source, target, replace={name: _flip(read(name))})
        if case == "tag_byte":
            return rewrite_zip(source, target, replace={"bag-info.txt": read("bag-info.txt").replace(b"DB01", b"DB02")})
        if case == "tagmanifest_byte":
            manifest = "tagmanifest-sha256.txt"
            return rewrite_zip(source, target, replace={manifest: _flip(read(manifest))})
    if case == "removed_file":
        return rewrite_zip(source, target, drop={_first(names, "data/")})
    if case == "added_payload":
        return rewrite_zip(source, target, add=[("data/extra.pdf", b"%PDF-1.4 forged")])
    if case == "added_tag":
        return rewrite_zip(source, target, add=[("notes.txt", b"hello")])
    if case == "other_key":
        return rewrite_zip(source, target, replace={"tagmanifest-sha256.txt.sig": _other_key_signature(source)})
    if case == "missing_signature":
        return rewrite_zip(source, target, drop={"tagmanifest-sha256.txt.sig"})
    if case == "path_escape":
        return rewrite_zip(source, target, add=[("../evil.txt", b"x")])
    if case == "symlink":
        return rewrite_zip(source, target, add=[(_symlink(), b"/etc/passwd")])
    if case == "duplicate":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns about the duplicate it is told to write
            return rewrite_zip(source, target, add=[("data/sealed/package.zip.age", b"{}")])
    if case == "zip_bomb":
        return rewrite_zip(source, target, add=[(_bomb(), bytes(20 << 20))])
    if case == "truncated":
        data = source.read_bytes()
        target.write_bytes(data[: len(data) * 2 // 3])
        return target
    raise AssertionError(case)


CASES = {
    "payload_byte": "bag.payload_changed",
    "tag_byte": "bag.tag_changed",
    "tagmanifest_byte": "sig.invalid",
    "removed_file": "bag.file_missing",
    "added_payload": "bag.file_unlisted",
    "added_tag": "bag.file_unlisted",
    "other_key": "sig.wrong_key",
    "missing_signature": "bag.signature_missing",
    "path_escape": "zip.path_escape",
    "symlink": "zip.symlink",
    "duplicate": "zip.duplicate_name",
    "zip_bomb": "zip.ratio_too_high",
    "truncated": "zip.truncated",
}


@pytest.mark.parametrize(("case", "code"), CASES.items(), ids=list(CASES))
def test_tampered_package_is_refused_and_nothing_written(case, code, exported, demo_path, tmp_path, capsys):
    (tmp_path / "forged").mkdir()
    forged = _forge(case, Path(exported["path"]), tmp_path / "forged" / "package.zip")
    before_db, before_dir = file_hash(demo_path), sorted(p.name for p in forged.parent.iterdir())
    before_zip = file_hash(forged)
    status, check = run_json(capsys, "verify", str(forged), "--db", str(demo_path))
    assert status != 0 and check["ok"] is False
    assert code in [error["code"] for error in check["errors"]]
    assert all(error["message"] for error in check["errors"])
    # Read-only: no extraction folder, the package and the database byte for byte as they were.
    assert sorted(p.name for p in forged.parent.iterdir()) == before_dir
    assert (file_hash(forged), file_hash(demo_path)) == (before_zip, before_db)


def test_another_keys_signature_is_caught_even_without_a_database(exported, tmp_path, capsys):
    forged = _forge("other_key", Path(exported["path"]), tmp_path / "other.zip")
    status, check = run_json(capsys, "verify", str(forged))
    assert status != 0
    assert [e["code"] for e in check["errors"]] == ["bag.fingerprint_mismatch"]


def test_zlib_is_what_makes_the_bomb_small():
    # Guards the zip_bomb case: 20 MiB of zeros must really compress beyond the 200:1 limit.
    assert len(zlib.compress(bytes(20 << 20))) * 200 < 20 << 20
