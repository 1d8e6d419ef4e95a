"""Writing a bag and reading it back: verified, signed, and valid for other BagIt tools."""

from __future__ import annotations

import datetime as dt
import subprocess
import zipfile

import bagit as bagit_library
import pytest

from chilinh_desktop.package import bagit, keys, sshsig


def test_written_bag_verifies_with_its_info_and_signer(signed_bag, signing_key):
    report = bagit.verify_bag(signed_bag, trusted_key=keys.public_key_line(signing_key))
    assert report.ok, report.errors
    assert report.signer_fingerprint == keys.fingerprint(signing_key)
    assert report.payload_names == ("dossier.json", "scans/scan-001.pdf")
    assert list(report.info) == [
        "Source-Organization",
        "Unit-Code",
        bagit.SIGNER_FINGERPRINT_LABEL,
        "Bagging-Date",
        "Payload-Oxum",
    ]
    assert report.info["Source-Organization"] == "Đảng bộ phường Cộng Hòa"
    assert report.info["Bagging-Date"] == "2024-12-05"
    assert report.info["Payload-Oxum"] == f"{16 + 9 + 256 * 40}.2"


def test_bag_files_sit_at_the_zip_root(signed_bag):
    with zipfile.ZipFile(signed_bag) as archive:
        names = set(archive.namelist())
    assert names == {
        "bagit.txt",
        "bag-info.txt",
        "manifest-sha256.txt",
        "tagmanifest-sha256.txt",
        "tagmanifest-sha256.txt.sig",
        "data/dossier.json",
        "data/scans/scan-001.pdf",
    }


def test_bagit_library_validates_the_extracted_bag(signed_bag, tmp_path):
    folder = tmp_path / "extracted"
    with zipfile.ZipFile(signed_bag) as archive:
        archive.extractall(folder)
    bag = bagit_library.Bag(str(folder))
    bag.validate()  # raises BagValidationError on any mismatch
    assert bag.info["Unit-Code"] == "CL01"


def test_ssh_keygen_verifies_the_stored_signature(signed_bag, signing_key, tmp_path, ssh_keygen):
    with zipfile.ZipFile(signed_bag) as archive:
        archive.extract("tagmanifest-sha256.txt", tmp_path)
        archive.extract("tagmanifest-sha256.txt.sig", tmp_path)
    allowed = sshsig.allowed_signers_line("CL01", keys.public_key_line(signing_key))
    (tmp_path / "allowed_signers").write_text(allowed + "\n")
    command = [ssh_keygen, "-Y", "verify", "-f", "allowed_signers", "-I", "CL01"]
    result = subprocess.run(
        [*command, "-n", sshsig.NAMESPACE, "-s", "tagmanifest-sha256.txt.sig"],
        input=(tmp_path / "tagmanifest-sha256.txt").read_bytes(),
        cwd=tmp_path,
        capture_output=True,
    )
    assert result.returncode == 0, result.stderr


def test_same_input_gives_the_same_bytes(tmp_path, signing_key, sample_payload):
    def write(name: str) -> bytes:
        bagit.write_bag(
            tmp_path / name,
            sample_payload,
            {"Unit-Code": "CL01"},
            signer=lambda tagmanifest: sshsig.sign(tagmanifest, signing_key),
            bagging_date=dt.date(2024, 12, 5),
        )
        return (tmp_path / name).read_bytes()

    assert write("one.zip") == write("two.zip")


def test_unsigned_bag_is_allowed_only_when_not_required(tmp_path):
    target = tmp_path / "kit.zip"
    bagit.write_bag(target, [("a.json", b"{}")], {})
    assert bagit.verify_bag(target, require_signature=False).ok
    assert [e.code for e in bagit.verify_bag(target).errors] == ["bag.signature_missing"]


@pytest.mark.parametrize("name", ["../x.json", "tên.json", "a b.json", "CON.json", ""])
def test_writer_refuses_payload_names_that_are_not_ascii_ids(tmp_path, name):
    with pytest.raises(ValueError):
        bagit.write_bag(tmp_path / "bad.zip", [(name, b"{}")], {})
    assert list(tmp_path.iterdir()) == []


def test_writer_refuses_bag_info_it_computes_itself(tmp_path):
    with pytest.raises(ValueError):
        bagit.write_bag(tmp_path / "bad.zip", [], {"Payload-Oxum": "1.1"})
