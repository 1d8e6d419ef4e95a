"""Fixtures for export tests: a demo unit exported through the real command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_helpers import SIGNED_UNIT, run_json


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    """An empty folder standing for the USB stick."""
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


@pytest.fixture
def exported(demo_path: Path, usb: Path, capsys) -> dict:
    """The signed demo unit exported with `chilinh export --json`."""
    code, result = run_json(capsys, "export", "--db", str(demo_path), "--unit", SIGNED_UNIT, "--out", str(usb))
    assert code == 0, capsys.readouterr().err
    return result
