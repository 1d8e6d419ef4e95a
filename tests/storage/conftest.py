"""Fixtures for the storage tests: a folder nobody may write to, even when the tests run as root."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


@pytest.fixture
def read_only_folder(tmp_path: Path):
    """A callable that makes a folder unwritable (chmod, or chattr +i as root) and undoes it afterwards."""
    frozen: list[Path] = []

    def freeze(folder: Path) -> Path:
        if os.geteuid() == 0:  # root ignores permission bits; the immutable flag stops even root
            if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)]).returncode:
                pytest.skip("running as root on a file system without chattr +i")
        else:
            folder.chmod(0o555)
        frozen.append(folder)
        return folder

    yield freeze
    for folder in frozen:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], check=False)
        else:
            folder.chmod(0o755)
