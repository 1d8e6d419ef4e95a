"""Per-user data on Windows lives in %LOCALAPPDATA%\\chilinh (not roaming, no author folder)."""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

import platformdirs
import platformdirs.windows

from chilinh_desktop import app
from chilinh_desktop.core import store

LOCAL = r"C:\Users\Nguyễn Thị Lan\AppData\Local"
ROAMING = r"C:\Users\Nguyễn Thị Lan\AppData\Roaming"


def _windows(monkeypatch):
    folders = {"CSIDL_LOCAL_APPDATA": LOCAL, "CSIDL_APPDATA": ROAMING}
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", lambda name: folders[name])
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)


def test_database_is_in_local_appdata(monkeypatch):
    _windows(monkeypatch)
    assert PureWindowsPath(str(store.default_db_path())) == PureWindowsPath(LOCAL, "chilinh", "chilinh.sqlite3")


def test_demo_city_is_beside_it(monkeypatch):
    _windows(monkeypatch)
    assert PureWindowsPath(str(app.demo_db_path())) == PureWindowsPath(LOCAL, "chilinh", "demo.sqlite3")


def test_data_folder_is_what_the_uninstaller_asks_about(monkeypatch):
    _windows(monkeypatch)
    installer = (Path(__file__).resolve().parents[2] / "installer.nsi").read_text(encoding="utf-8-sig")
    assert r'!define DATA_DIR "$LOCALAPPDATA\chilinh"' in installer
    assert PureWindowsPath(str(store.default_db_path())).parent.name == "chilinh"
