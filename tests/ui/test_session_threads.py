"""The window reads on its own connection: the GUI thread never sees a row the writer has not committed."""

from __future__ import annotations

import threading

import pytest

from chilinh_desktop.core.errors import StoreError
from chilinh_desktop.ops.session import Session
from chilinh_desktop.ui.operations import OperationRunner


def _setting(store, key):
    row = store.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def test_the_reader_is_another_connection_that_sees_only_commits(store):
    session = Session(store, separate_reader=True)
    try:
        reader = session.reader
        assert reader.db.conn is not store.db.conn
        with pytest.raises(RuntimeError), store.atomic():
            store.db.execute("INSERT INTO settings (key, value) VALUES ('probe', 'uncommitted')")
            assert _setting(store, "probe") == "uncommitted"  # the writer sees its own write
            assert _setting(reader, "probe") is None  # the reader does not, before the commit
            raise RuntimeError("roll back")
        assert _setting(reader, "probe") is None  # nor after the rollback
        with store.atomic():
            store.db.execute("INSERT INTO settings (key, value) VALUES ('probe', 'committed')")
        assert _setting(reader, "probe") == "committed"  # a commit is seen at once
        with pytest.raises(StoreError) as refused, reader.atomic():  # the reader never writes
            pass
        assert refused.value.code == "store.read_only"
        assert reader.read_only_notice() is None  # the file itself can be written
    finally:
        session.close_reader()


def test_gui_reads_while_the_writer_thread_is_mid_transaction_see_nothing_of_it(qtbot, store):
    session = Session(store, separate_reader=True)
    runner = OperationRunner(session)
    written, release = threading.Event(), threading.Event()
    failures: list[Exception] = []

    def run(writer):
        assert threading.current_thread() is not threading.main_thread()
        with writer.atomic():
            writer.db.execute("INSERT INTO settings (key, value) VALUES ('probe', 'half-done')")
            written.set()
            release.wait(30)
            raise RuntimeError("the operation fails after writing")

    try:
        runner.call(run, on_error=failures.append)
        assert written.wait(30)
        # The writer thread holds an open transaction with the row in it: the GUI thread's reads miss it.
        assert _setting(session.reader, "probe") is None
        release.set()
        assert runner.wait_idle()
    finally:
        release.set()
        runner.shutdown()
        session.close_reader()
    assert [str(f) for f in failures] == ["the operation fails after writing"]
    assert _setting(store, "probe") is None


def test_the_window_reads_on_its_own_connection(make_window, demo_store):
    window = make_window(demo_store)
    assert window.ctx.store is window.session.reader
    assert window.ctx.store.db.conn is not window.ctx.runner.store.db.conn
    assert window.ctx.runner.store is demo_store
