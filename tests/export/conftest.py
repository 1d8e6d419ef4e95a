"""Fixtures for export tests: a demo unit exported through the real command line, once per session."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

import pytest
from export_helpers import SIGNED_UNIT

from chilinh_desktop.cli import main


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    """An empty folder standing for the USB stick."""
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def exported_once(tmp_path_factory, demo_db_file: Path) -> dict:
    """The signed demo unit exported once with `chilinh export --json`: the data file after the export,
    the stick it wrote and the JSON it printed. Copy before changing (the `exported` fixture does)."""
    folder = tmp_path_factory.mktemp("exported")
    db, usb = folder / "demo.sqlite3", folder / "usb"
    shutil.copyfile(demo_db_file, db)
    usb.mkdir()
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()) as err:
        code = main(["export", "--db", str(db), "--unit", SIGNED_UNIT, "--out", str(usb), "--json"])
    assert code == 0, err.getvalue()
    return {"db": db, "usb": usb, "result": json.loads(out.getvalue())}


def _moved(value, old: str, new: str):
    """The JSON with every path under `old` moved under `new`."""
    if isinstance(value, str):
        return new + value[len(old):] if value == old or value.startswith(old + "/") else value
    if isinstance(value, list):
        return [_moved(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: _moved(v, old, new) for k, v in value.items()}
    return value


@pytest.fixture
def exported(exported_once: dict, demo_path: Path, usb: Path) -> dict:
    """The signed demo unit exported with `chilinh export --json`: this test's data file and stick are
    private copies of the ones that session export left (the same bytes a new export of its own would
    give, but for the encryption's random keys), and the JSON names them."""
    shutil.copyfile(exported_once["db"], demo_path)
    for path in exported_once["usb"].iterdir():
        shutil.copy2(path, usb / path.name)
    result = _moved(exported_once["result"], str(exported_once["usb"]), str(usb))
    return _moved(result, str(exported_once["db"]), str(demo_path))
