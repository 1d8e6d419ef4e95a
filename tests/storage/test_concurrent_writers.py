"""Two programs writing to one data file take turns: no edit is lost, no traceback, a clear busy refusal."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from chilinh_desktop.cli import main
from chilinh_desktop.core.errors import StoreBusy
from chilinh_desktop.core.store import Store

ROUNDS = 150

# Read-modify-write of one counter plus an audit row, the shape of every edit; a busy refusal is
# retried, as the window's runner does.
WRITER = textwrap.dedent("""
    import sys
    from chilinh_desktop.core.errors import StoreBusy
    from chilinh_desktop.core.store import Store

    path, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    busy = 0
    with Store.open(path) as store:
        done = 0
        while done < rounds:
            try:
                with store.atomic():
                    value = int(store.get_setting("counter", "0"))
                    store.set_setting("counter", str(value + 1))
                    store.audit(name, "test.write", "counter", value=value + 1)
                done += 1
            except StoreBusy:
                busy += 1
    print(busy)
""")


def test_two_processes_writing_in_a_loop_lose_nothing(tmp_path):
    path = tmp_path / "shared.sqlite3"
    Store.open(path).close()
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, str(ROUNDS)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name in ("a", "b")
    ]
    outputs = [w.communicate(timeout=300) for w in writers]
    assert [w.returncode for w in writers] == [0, 0], [err for _out, err in outputs]
    assert all("Traceback" not in err for _out, err in outputs)
    with Store.open(path) as store:
        assert store.get_setting("counter") == str(2 * ROUNDS)
        values = [r[0] for r in store.db.execute(
            "SELECT json_extract(detail, '$.value') FROM audit WHERE action = 'test.write'")]
    assert sorted(values) == list(range(1, 2 * ROUNDS + 1))


@pytest.fixture
def held(demo_path):
    """The demo city, whose write lock another connection holds (as another program mid-save would)."""
    path = demo_path
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield path
    other.execute("ROLLBACK")
    other.close()


def test_a_write_to_a_busy_file_is_refused_clearly_and_changes_nothing(held):
    with Store.open(held, busy_timeout=0.3) as store:
        with pytest.raises(StoreBusy) as caught, store.atomic():
            store.set_setting("unit_name", "Chi bộ 1")
        assert caught.value.code == "store.busy"
        assert "đang bận" in caught.value.message
        assert store.get_setting("unit_name") is None


def test_the_command_line_says_busy_and_exits_2(held, tmp_path, capsys):
    answers = tmp_path / "answers.json"
    answers.write_text("{}", encoding="utf-8")
    assert main(["form", "set", "--db", str(held), "--unit", "DB14", "--form", "01", "--answers", str(answers)]) == 2
    err = capsys.readouterr().err
    assert "đang bận" in err and "Traceback" not in err
