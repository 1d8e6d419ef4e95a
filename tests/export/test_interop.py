"""Standard tools accept the package without our application: bagit, ssh-keygen -Y verify, age -d."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import bagit as bagit_lib
import pytest

from chilinh_desktop.cli import main
from chilinh_desktop.core.attachments import get_attachment
from chilinh_desktop.core.store import Store


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def _extract(package: str, folder: Path) -> Path:
    # Our own package, already verified by export: extracting it with zipfile is safe here.
    with zipfile.ZipFile(package) as archive:
        archive.extractall(folder)
    return folder


def test_extracted_bag_validates_with_the_bagit_library(exported, tmp_path):
    bag = bagit_lib.Bag(str(_extract(exported["path"], tmp_path / "bag")))
    bag.validate()  # raises BagValidationError on any problem
    assert bag.info["Unit-Code"] == "DB01"


def test_ssh_keygen_accepts_the_signature_with_the_units_public_key(exported, demo_path, tmp_path, capsys):
    ssh_keygen = _tool("ssh-keygen")
    assert main(["keys", "--db", str(demo_path), "--json"]) == 0
    public = json.loads(capsys.readouterr().out)["signing"]["public_openssh"]
    bag = _extract(exported["path"], tmp_path / "bag")
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(f'DB01 namespaces="chilinh-package@chilinh" {public}\n')
    with (bag / "tagmanifest-sha256.txt").open("rb") as message:
        result = subprocess.run(
            [ssh_keygen, "-Y", "verify", "-f", str(allowed), "-I", "DB01", "-n", "chilinh-package@chilinh",
             "-s", str(bag / "tagmanifest-sha256.txt.sig")], stdin=message, capture_output=True, check=False)
    assert result.returncode == 0, result.stderr


def test_age_decrypts_a_confidential_file_with_the_plain_board_identity(exported, demo_path, tmp_path, capsys):
    age = _tool("age")
    identity = tmp_path / "board.age-key"
    assert main(["keys", "backup", "--db", str(demo_path), "--plain", "--out", str(identity)]) == 0
    assert "AGE-SECRET-KEY-1" in identity.read_text()
    envelope = _extract(exported["path"], tmp_path / "envelope")
    # The standard age tool opens the sealed package, then the declaration sealed again inside it.
    inner = tmp_path / "inner.zip"
    subprocess.run([age, "-d", "-i", str(identity), "-o", str(inner),
                    str(envelope / "data" / "sealed" / "package.zip.age")], capture_output=True, check=True)
    bag = _extract(str(inner), tmp_path / "bag")
    sealed = next((bag / "data" / "confidential").iterdir())
    result = subprocess.run([age, "-d", "-i", str(identity), str(sealed)], capture_output=True, check=True)
    digest = sealed.name.split(".")[0]
    with Store.open(demo_path) as store:
        assert result.stdout == get_attachment(store, digest)[0]
