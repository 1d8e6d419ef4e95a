"""age encryption of confidential files, readable by the standard age tool."""

from __future__ import annotations

import subprocess

import pytest

from chilinh_desktop.package import agecrypt, keys
from chilinh_desktop.package.errors import PackageError

DECLARATION = "Bản kê khai tài sản, thu nhập".encode()


def _decrypt_error(data: bytes, identity) -> str:
    with pytest.raises(PackageError) as caught:
        agecrypt.decrypt(data, identity)
    return caught.value.code


def test_each_recipient_can_decrypt():
    board, city = keys.generate_age_identity(), keys.generate_age_identity()
    sealed = agecrypt.encrypt(DECLARATION, [keys.age_recipient(board), keys.age_recipient(city)])
    assert DECLARATION not in sealed
    assert agecrypt.decrypt(sealed, board) == agecrypt.decrypt(sealed, str(city)) == DECLARATION


def test_other_identity_cannot_decrypt():
    sealed = agecrypt.encrypt(DECLARATION, [keys.age_recipient(keys.generate_age_identity())])
    assert _decrypt_error(sealed, keys.generate_age_identity()) == "age.wrong_identity"


def test_plain_data_is_not_age():
    assert _decrypt_error(DECLARATION, keys.generate_age_identity()) == "age.not_age"


def test_damaged_ciphertext_is_corrupt():
    identity = keys.generate_age_identity()
    sealed = bytearray(agecrypt.encrypt(DECLARATION, [keys.age_recipient(identity)]))
    sealed[-5] ^= 0xFF
    assert _decrypt_error(bytes(sealed), identity) == "age.corrupt"


def test_bad_recipient_is_refused():
    with pytest.raises(PackageError) as caught:
        agecrypt.encrypt(DECLARATION, ["age1notarecipient"])
    assert caught.value.code == "age.bad_recipient"


def test_age_tool_decrypts_our_output(tmp_path, age_cli):
    identity = keys.generate_age_identity()
    (tmp_path / "board.key").write_text(str(identity) + "\n")
    (tmp_path / "declaration.age").write_bytes(
        agecrypt.encrypt(DECLARATION, [keys.age_recipient(identity)])
    )
    opened = subprocess.run(
        [age_cli, "-d", "-i", "board.key", "declaration.age"],
        cwd=tmp_path,
        capture_output=True,
        check=True,
    )
    assert opened.stdout == DECLARATION


def test_we_decrypt_armored_output_of_age_tool(age_cli):
    identity = keys.generate_age_identity()
    sealed = subprocess.run(
        [age_cli, "-a", "-r", keys.age_recipient(identity)],
        input=DECLARATION,
        capture_output=True,
        check=True,
    ).stdout
    assert agecrypt.decrypt(sealed, identity) == DECLARATION
