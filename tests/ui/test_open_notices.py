"""What opening the data file found and fixed reaches the window too, not only the command line."""

from __future__ import annotations

import os

import pytest

from chilinh_desktop.core.store import Store


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_data_file_readable_by_others_is_tightened_and_the_window_says_so(make_window, demo_path):
    demo_path.chmod(0o644)
    store = Store.open(demo_path)
    try:
        window = make_window(store)
        assert (demo_path.stat().st_mode & 0o777) == 0o600
        assert "0600" in window.statusBar().currentMessage()
    finally:
        store.close()
