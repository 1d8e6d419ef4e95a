"""Signing keys in OpenSSH formats, with fingerprints exactly as ssh-keygen prints them."""

from __future__ import annotations

import subprocess
import unicodedata

import pytest

from chilinh_desktop.package import keys
from chilinh_desktop.package.errors import PackageError

PASSPHRASE = "Mật khẩu của Văn phòng"


def test_encrypted_private_key_round_trip_keeps_the_key(signing_key):
    data = keys.private_key_to_openssh(signing_key, PASSPHRASE)
    loaded = keys.private_key_from_openssh(data, PASSPHRASE)
    assert keys.fingerprint(loaded) == keys.fingerprint(signing_key)


def test_passphrase_typed_decomposed_still_unlocks(signing_key):
    # Some Vietnamese input methods send decomposed letters (NFD) for the same passphrase.
    data = keys.private_key_to_openssh(signing_key, PASSPHRASE)
    loaded = keys.private_key_from_openssh(data, unicodedata.normalize("NFD", PASSPHRASE))
    assert keys.public_key_blob(loaded) == keys.public_key_blob(signing_key)


@pytest.mark.parametrize(
    ("passphrase", "code"),
    [("sai mật khẩu", "keys.wrong_passphrase"), (None, "keys.passphrase_required")],
)
def test_encrypted_key_without_the_right_passphrase_is_refused(signing_key, passphrase, code):
    data = keys.private_key_to_openssh(signing_key, PASSPHRASE)
    with pytest.raises(PackageError) as caught:
        keys.private_key_from_openssh(data, passphrase)
    assert caught.value.code == code


def test_garbage_is_not_a_private_key():
    with pytest.raises(PackageError) as caught:
        keys.private_key_from_openssh(b"not a key", "x")
    assert caught.value.code == "keys.invalid_private_key"


def test_public_key_line_round_trips_with_comment(signing_key):
    line = keys.public_key_line(signing_key, "CL01")
    assert line.startswith("ssh-ed25519 AAAA") and line.endswith(" CL01")
    assert keys.fingerprint(keys.public_key_from_line(line)) == keys.fingerprint(signing_key)


def test_public_key_line_of_another_type_is_refused():
    with pytest.raises(PackageError) as caught:
        keys.public_key_from_line("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ== x")
    assert caught.value.code == "keys.wrong_key_type"


def test_fingerprint_is_what_ssh_keygen_prints(tmp_path, ssh_keygen, signing_key):
    pub = tmp_path / "unit.pub"
    pub.write_text(keys.public_key_line(signing_key, "CL01") + "\n")
    printed = subprocess.run(
        [ssh_keygen, "-l", "-f", str(pub)], capture_output=True, text=True, check=True
    ).stdout
    assert printed.split()[1] == keys.fingerprint(signing_key)


def test_ssh_keygen_opens_our_encrypted_private_key(tmp_path, ssh_keygen, signing_key):
    key_file = tmp_path / "unit_key"
    key_file.write_bytes(keys.private_key_to_openssh(signing_key, PASSPHRASE))
    key_file.chmod(0o600)
    public = subprocess.run(
        [ssh_keygen, "-y", "-P", PASSPHRASE, "-f", str(key_file)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert public.split()[:2] == keys.public_key_line(signing_key).split()


def test_age_identity_and_recipient_have_standard_text_forms():
    identity = keys.generate_age_identity()
    assert str(identity).startswith("AGE-SECRET-KEY-1")
    assert keys.age_recipient(identity).startswith("age1")
    assert keys.age_recipient(keys.age_identity_from_str(str(identity))) == keys.age_recipient(
        identity
    )
