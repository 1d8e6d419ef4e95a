"""Closing the window after typing ends the process cleanly and keeps what was typed (issue #14).

Once, closing the window right after typing ended in `Fatal Python error: bool_dealloc`: Qt objects
freed in the wrong order at shutdown. Each run here is a whole real process, as a person runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chilinh_desktop.core.store import Store

PROBE = Path(__file__).with_name("exit_probe.py")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_closing_after_typing_exits_cleanly_and_keeps_the_words(demo_db_file, tmp_path, seed):
    data = tmp_path / "data.sqlite3"
    shutil.copy(demo_db_file, data)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "share")}
    result = subprocess.run([sys.executable, str(PROBE), str(data), str(seed)], capture_output=True, text=True,
                            env=env, timeout=120)
    assert "Fatal Python error" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 0, result.stderr[-2000:]
    assert "exit 0" in result.stdout
    with Store.open(data) as store:
        saved = store.db.execute("SELECT count(*) FROM dossier_items WHERE answers LIKE '%Bo sung%'").fetchone()
    assert saved[0] == 1, "the words typed just before closing were not saved"
