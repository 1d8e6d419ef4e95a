"""A bag changed after signing is refused, each kind of change with its own code."""

from __future__ import annotations

import hashlib
import stat
import warnings
import zipfile
from pathlib import Path

import pytest

from chilinh_desktop.package import bagit, keys, sshsig


def _tampered(bag: Path, change: dict[str, bytes | None], add: dict | None = None) -> Path:
    """Copy `bag` with entries replaced (bytes), removed (None) or added (name/ZipInfo -> bytes)."""
    target = bag.with_name("tampered.zip")
    with zipfile.ZipFile(bag) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            if info.filename not in change:
                copy.writestr(info, source.read(info))
            elif change[info.filename] is not None:
                copy.writestr(info, change[info.filename])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # duplicate names are wanted here
            for entry, data in (add or {}).items():
                copy.writestr(entry, data)
    return target


def _read(bag: Path, name: str) -> bytes:
    with zipfile.ZipFile(bag) as archive:
        return archive.read(name)


def _codes(bag: Path, trusted_key: str | None = None) -> list[str]:
    report = bagit.verify_bag(bag, trusted_key=trusted_key)
    assert not report.ok
    return [error.code for error in report.errors]


def test_changed_payload_byte_is_refused(signed_bag):
    original = _read(signed_bag, "data/dossier.json")
    changed = original.replace(b"CL01", b"CL02")
    assert _codes(_tampered(signed_bag, {"data/dossier.json": changed})) == ["bag.payload_changed"]


def test_changed_tag_file_is_refused(signed_bag):
    info = _read(signed_bag, "bag-info.txt").replace(b"CL01", b"CL02")
    assert _codes(_tampered(signed_bag, {"bag-info.txt": info})) == ["bag.tag_changed"]


def test_removed_payload_file_is_refused(signed_bag):
    codes = _codes(_tampered(signed_bag, {"data/dossier.json": None}))
    assert codes == ["bag.file_missing", "bag.oxum_mismatch"]


def test_added_payload_file_is_refused(signed_bag):
    codes = _codes(_tampered(signed_bag, {}, add={"data/extra.json": b"{}"}))
    assert codes == ["bag.file_unlisted", "bag.oxum_mismatch"]


def test_added_tag_file_is_refused(signed_bag):
    assert _codes(_tampered(signed_bag, {}, add={"notes.txt": b"x"})) == ["bag.file_unlisted"]


def test_rehashed_change_is_caught_by_the_signature(signed_bag):
    # A careful forger updates both manifests, but cannot sign the new tag manifest.
    payload = _read(signed_bag, "data/dossier.json").replace(b"CL01", b"CL02")
    manifest = _read(signed_bag, "manifest-sha256.txt").replace(
        hashlib.sha256(_read(signed_bag, "data/dossier.json")).hexdigest().encode(),
        hashlib.sha256(payload).hexdigest().encode(),
    )
    tagmanifest = _read(signed_bag, "tagmanifest-sha256.txt").replace(
        hashlib.sha256(_read(signed_bag, "manifest-sha256.txt")).hexdigest().encode(),
        hashlib.sha256(manifest).hexdigest().encode(),
    )
    forged = _tampered(
        signed_bag,
        {
            "data/dossier.json": payload,
            "manifest-sha256.txt": manifest,
            "tagmanifest-sha256.txt": tagmanifest,
        },
    )
    assert _codes(forged) == ["sig.invalid"]


def test_signature_from_another_key_is_refused(signed_bag, signing_key):
    other = keys.generate_signing_key()
    resigned = sshsig.sign(_read(signed_bag, "tagmanifest-sha256.txt"), other).encode()
    forged = _tampered(signed_bag, {"tagmanifest-sha256.txt.sig": resigned})
    assert _codes(forged, trusted_key=keys.public_key_line(signing_key)) == ["sig.wrong_key"]
    # Without a pinned key the declared fingerprint in bag-info still gives the swap away.
    assert _codes(forged) == ["bag.fingerprint_mismatch"]


def test_missing_signature_is_refused(signed_bag):
    forged = _tampered(signed_bag, {"tagmanifest-sha256.txt.sig": None})
    assert _codes(forged) == ["bag.signature_missing"]


@pytest.mark.parametrize(
    ("entry", "code"),
    [
        ("../x", "zip.path_escape"),
        ("/tmp/x", "zip.absolute_path"),
        ("data/dossier.json", "zip.duplicate_name"),
    ],
)
def test_hostile_entries_are_refused_before_reading(signed_bag, entry, code):
    assert _codes(_tampered(signed_bag, {}, add={entry: b"x"})) == [code]


def test_symlink_entry_is_refused(signed_bag):
    link = zipfile.ZipInfo("data/link")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    assert _codes(_tampered(signed_bag, {}, add={link: b"/etc/passwd"})) == ["zip.symlink"]


def test_zip_bomb_entry_is_refused(signed_bag):
    bomb = zipfile.ZipInfo("data/bomb.bin")
    bomb.compress_type = zipfile.ZIP_DEFLATED
    assert _codes(_tampered(signed_bag, {}, add={bomb: bytes(8 << 20)})) == ["zip.ratio_too_high"]


def test_truncated_bag_is_refused(signed_bag):
    signed_bag.write_bytes(signed_bag.read_bytes()[:-100])
    assert _codes(signed_bag) == ["zip.truncated"]


def test_several_problems_are_all_reported(signed_bag):
    changed = _read(signed_bag, "data/dossier.json").replace(b"CL01", b"CL02")
    forged = _tampered(
        signed_bag, {"data/dossier.json": changed}, add={"data/extra.json": b"{}", "x.txt": b""}
    )
    assert set(_codes(forged)) == {"bag.payload_changed", "bag.file_unlisted", "bag.oxum_mismatch"}
    assert _codes(forged).count("bag.file_unlisted") == 2


def test_verification_changes_nothing(signed_bag):
    before = {p.name: p.read_bytes() for p in signed_bag.parent.iterdir()}
    bagit.verify_bag(signed_bag)
    assert {p.name: p.read_bytes() for p in signed_bag.parent.iterdir()} == before


def test_removed_tag_file_is_refused(signed_bag):
    assert _codes(_tampered(signed_bag, {"bag-info.txt": None})) == ["bag.missing_tag_file"]


def test_payload_name_that_is_not_an_ascii_id_is_refused(signed_bag):
    codes = _codes(_tampered(signed_bag, {}, add={"data/tờ khai.json": b"{}"}))
    assert codes[:2] == ["bag.bad_payload_name", "bag.file_unlisted"]
