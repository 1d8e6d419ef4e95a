"""A data file that cannot be written opens in the window for reading only, and the window says so."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.store import Store
from chilinh_desktop.ui import main_window


@pytest.fixture
def frozen_copy(tmp_path, demo_db_file):
    folder = tmp_path / "usb"
    folder.mkdir()
    shutil.copyfile(demo_db_file, folder / "demo.sqlite3")
    if os.geteuid() == 0:  # root ignores permission bits; the immutable flag stops even root
        if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)]).returncode:
            pytest.skip("running as root on a file system without chattr +i")
    else:
        folder.chmod(0o555)
    yield folder / "demo.sqlite3"
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(folder)], check=False)
    else:
        folder.chmod(0o755)


def test_a_read_only_data_file_opens_with_a_notice_and_no_journal(qtbot, make_window, frozen_copy, monkeypatch):
    told = []
    monkeypatch.setattr(main_window, "inform", lambda parent, title, text: told.append(text))
    store = Store.open(frozen_copy, clock=FixedClock(__import__("datetime").date(2023, 12, 5)))
    try:
        assert store.read_only
        window = make_window(store, ask=True)
        assert told and "chỉ đọc" in told[0]
        assert "chỉ đọc" in window.windowTitle().lower() or "read only" in window.windowTitle().lower()
        assert not window.ctx.journal.marker.exists()  # nothing was written beside the file
        window.close()
    finally:
        store.close()
