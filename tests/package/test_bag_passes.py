"""Fewer passes over a package's bytes: what does not shrink is stored, a bag is verified from bytes already read,
and the payload files a reader needs are handed over as they are hashed (never read a second time)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

from chilinh_desktop.package import bagit, keys, sshsig
from chilinh_desktop.package.zipsafe import BoundedReader, open_zip

DAY = dt.date(2023, 12, 5)


def _bag(tmp_path: Path, signing_key, payload) -> Path:
    target = tmp_path / "bag.zip"
    bagit.write_bag(target, payload, {"Unit-Code": "CL01"}, signer=lambda m: sshsig.sign(m, signing_key),
                    bagging_date=DAY)
    return target


def test_payload_that_does_not_shrink_is_stored_and_the_rest_deflated(tmp_path, signing_key):
    noise = os.urandom(300_000)  # like an encrypted file or a scan's compressed image
    text = json.dumps({"answers": ["Hoàn thành tốt nhiệm vụ"] * 2000}, ensure_ascii=False).encode()
    target = _bag(tmp_path, signing_key, [("confidential/a.pdf.age", noise), ("unit.json", text),
                                          ("scans/tiny.pdf", noise[:100])])
    with zipfile.ZipFile(target) as archive:
        methods = {info.filename: info.compress_type for info in archive.infolist()}
    assert methods["data/confidential/a.pdf.age"] == zipfile.ZIP_STORED
    assert methods["data/unit.json"] == zipfile.ZIP_DEFLATED
    assert methods["data/scans/tiny.pdf"] == zipfile.ZIP_DEFLATED  # too small to be worth trying
    assert bagit.verify_bag(target, trusted_key=keys.public_key_line(signing_key)).ok


def test_a_bag_verified_from_its_bytes_reports_as_from_its_file(tmp_path, signing_key):
    noise = os.urandom(300_000)  # stored: its bytes appear as they are in the file
    target = _bag(tmp_path, signing_key, [("unit.json", b'{"a": 1}'), ("scans/a.pdf", noise)])
    data = target.read_bytes()
    from_file, from_bytes = bagit.verify_bag(target), bagit.verify_bag(target, data=data)
    assert from_bytes.ok and from_bytes.info == from_file.info
    assert from_bytes.signer_fingerprint == from_file.signer_fingerprint == keys.fingerprint(signing_key)
    assert from_bytes.signer_public == keys.public_key_line(signing_key)
    # The bytes are what is checked: the same bytes altered fail though the file on disk is sound.
    position = data.index(noise[1000:1064]) + 10
    altered = data[:position] + bytes([data[position] ^ 1]) + data[position + 1:]
    codes = {error.code for error in bagit.verify_bag(target, data=altered).errors}
    assert codes & {"zip.corrupt", "bag.payload_changed"}


def test_wanted_payload_is_handed_over_once_with_the_bytes_that_were_hashed(tmp_path, signing_key):
    files = {"unit.json": b'{"unit": "CL01"}', "scans/a.pdf": os.urandom(50_000), "forms/f.pdf": b"%PDF-1.7 form"}
    target = _bag(tmp_path, signing_key, list(files.items()))
    seen: list[tuple[str, bytes]] = []
    report = bagit.verify_bag(target, wanted=lambda name: not name.startswith("forms/"),
                              visit=lambda name, data: seen.append((name, data)))
    assert report.ok
    assert sorted(seen) == sorted((name, data) for name, data in files.items() if not name.startswith("forms/"))
    manifest = dict(reversed(line.split("  ")) for line in
                    zipfile.ZipFile(target).read(bagit.MANIFEST).decode().splitlines())
    assert all(manifest["data/" + name] == hashlib.sha256(data).hexdigest() for name, data in seen)


def test_a_whole_entry_read_at_once_keeps_the_limits(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", b"x" * 10_000)
        archive.writestr("b.txt", b"y" * 10_000)
    from chilinh_desktop.package.zipsafe import ZipLimits

    with open_zip(tmp_path / "t.zip", buffer.getvalue()) as archive:
        reader = BoundedReader(archive, ZipLimits(max_total_size=15_000))
        assert reader.read(archive.getinfo("a.txt")) == b"x" * 10_000
        try:
            reader.read(archive.getinfo("b.txt"))
        except Exception as exc:
            assert getattr(exc, "code", None) == "zip.total_too_large"
        else:
            raise AssertionError("the total limit was not kept")
