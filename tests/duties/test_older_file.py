"""A Board's data file from an older release opens with the duties' migration and answers every duties command."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

from chilinh_desktop.cli import main
from chilinh_desktop.core.store import Store

RELEASE = Path(__file__).parents[1] / "core" / "data" / "release-0.1.0.sqlite3"


def _json(*argv: str):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(list(argv)) == 0
    return json.loads(out.getvalue())


def test_the_kept_release_file_migrates_and_lists_empty_duties(tmp_path):
    path = Path(shutil.copyfile(RELEASE, tmp_path / "release.sqlite3"))
    with Store.open(path) as store:
        tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        applied = {r[0] for r in store.db.execute("SELECT name FROM _sqlite_migrations")}
    assert {"commendation_appraisals", "leader_assignments", "review_meetings", "task_approvals"} <= tables
    assert "0008_board_duties" in applied
    assert _json("commendations", "--db", str(path), "--json")["proposals"] == []
    assert _json("leaders", "list", "--db", str(path), "--json") == []
    assert _json("meetings", "--db", str(path), "--json")["meetings"] == []
    assert "tasks" in _json("tasks", "--db", str(path), "--json")
