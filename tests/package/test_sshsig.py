"""SSHSIG signatures: interoperable with ssh-keygen both ways; each forgery has its own code."""

from __future__ import annotations

import base64
import subprocess

import pytest

from chilinh_desktop.package import keys, sshsig
from chilinh_desktop.package.errors import PackageError

MESSAGE = b"1712ecfb074bf29c  bagit.txt\n"


def _verify_error(armored: str, message: bytes = MESSAGE, **kwargs) -> str:
    with pytest.raises(PackageError) as caught:
        sshsig.verify(armored, message, **kwargs)
    return caught.value.code


def test_own_signature_verifies_and_names_the_signer(signing_key):
    signer = sshsig.verify(sshsig.sign(MESSAGE, signing_key), MESSAGE)
    assert signer.fingerprint == keys.fingerprint(signing_key)
    assert signer.public_blob == keys.public_key_blob(signing_key)


def test_armor_has_ssh_keygen_layout(signing_key):
    lines = sshsig.sign(MESSAGE, signing_key).splitlines()
    assert lines[0] == "-----BEGIN SSH SIGNATURE-----"
    assert lines[-1] == "-----END SSH SIGNATURE-----"
    assert all(len(line) == 70 for line in lines[1:-2])


def test_ssh_keygen_accepts_our_signature(tmp_path, ssh_keygen, signing_key):
    (tmp_path / "msg").write_bytes(MESSAGE)
    (tmp_path / "msg.sig").write_text(sshsig.sign(MESSAGE, signing_key))
    allowed = sshsig.allowed_signers_line("CL01", keys.public_key_line(signing_key))
    (tmp_path / "allowed_signers").write_text(allowed + "\n")
    command = [ssh_keygen, "-Y", "verify", "-f", "allowed_signers", "-I", "CL01"]
    command += ["-n", sshsig.NAMESPACE, "-s", "msg.sig"]
    good = subprocess.run(command, input=MESSAGE, cwd=tmp_path, capture_output=True)
    altered = subprocess.run(command, input=MESSAGE + b"x", cwd=tmp_path, capture_output=True)
    assert (good.returncode, altered.returncode != 0) == (0, True), good.stderr


def test_we_accept_a_signature_made_by_ssh_keygen(tmp_path, ssh_keygen):
    key = tmp_path / "id_ed25519"
    subprocess.run([ssh_keygen, "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    (tmp_path / "msg").write_bytes(MESSAGE)
    subprocess.run(
        [ssh_keygen, "-Y", "sign", "-f", str(key), "-n", sshsig.NAMESPACE, "msg"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    public_line = (tmp_path / "id_ed25519.pub").read_text()
    signer = sshsig.verify((tmp_path / "msg.sig").read_text(), MESSAGE, allowed_key=public_line)
    printed = subprocess.run(
        [ssh_keygen, "-l", "-f", str(key) + ".pub"], capture_output=True, text=True, check=True
    ).stdout
    assert signer.fingerprint == printed.split()[1]


def test_signature_by_ecdsa_key_is_unsupported(tmp_path, ssh_keygen):
    key = tmp_path / "id_ecdsa"
    subprocess.run([ssh_keygen, "-q", "-t", "ecdsa", "-N", "", "-f", str(key)], check=True)
    (tmp_path / "msg").write_bytes(MESSAGE)
    subprocess.run(
        [ssh_keygen, "-Y", "sign", "-f", str(key), "-n", sshsig.NAMESPACE, "msg"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    assert _verify_error((tmp_path / "msg.sig").read_text()) == "sig.unsupported"


def test_altered_message_is_invalid(signing_key):
    assert _verify_error(sshsig.sign(MESSAGE, signing_key), MESSAGE + b" ") == "sig.invalid"


def test_signature_by_another_key_is_refused_when_a_key_is_pinned(signing_key):
    other = keys.generate_signing_key()
    pinned = keys.public_key_line(signing_key)
    assert _verify_error(sshsig.sign(MESSAGE, other), allowed_key=pinned) == "sig.wrong_key"


def test_signature_for_another_namespace_is_refused(signing_key):
    for_git = sshsig.sign(MESSAGE, signing_key, namespace="git")
    assert _verify_error(for_git) == "sig.wrong_namespace"


def test_armor_without_end_line_is_refused(signing_key):
    cut = sshsig.sign(MESSAGE, signing_key).replace("-----END SSH SIGNATURE-----\n", "")
    assert _verify_error(cut) == "sig.bad_armor"


def test_garbled_base64_is_refused(signing_key):
    lines = sshsig.sign(MESSAGE, signing_key).splitlines()
    lines[1] = "!" + lines[1][1:]
    assert _verify_error("\n".join(lines)) == "sig.bad_armor"


def test_truncated_signature_blob_is_malformed(signing_key):
    body = "".join(sshsig.sign(MESSAGE, signing_key).splitlines()[1:-1])
    short = base64.b64encode(base64.b64decode(body)[:-12]).decode()
    armored = f"-----BEGIN SSH SIGNATURE-----\n{short}\n-----END SSH SIGNATURE-----\n"
    assert _verify_error(armored) == "sig.malformed"
