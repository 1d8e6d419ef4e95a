"""What Windows does differently: code pages, per-user folders, locked files, forbidden names, MAX_PATH."""

from __future__ import annotations

import contextlib
import locale
import sqlite3
import subprocess
import sys
import winreg
from pathlib import Path

import pytest
from pypdf import PdfReader

SHELL_FOLDERS = r"Software\Microsoft\Windows\CurrentVersion\Explorer\User Shell Folders"


@pytest.fixture(scope="module")
def unit_db(tmp_path_factory, demo_city: Path) -> Path:
    """DB15's unit installation from the demo city's kit, built once (by the program, in children)."""
    entry = "import sys; from chilinh_desktop.cli import main; sys.exit(main())"
    work = tmp_path_factory.mktemp("đơn vị")
    board, kit, unit = work / "board.sqlite3", work / "kit.zip", work / "unit.sqlite3"
    board.write_bytes(demo_city.read_bytes())
    for args in (["kit", "export", "--db", board, "--unit", "DB15", "--out", kit],
                 ["demo", "--role", "unit", "--unit", "DB15", "--kit", kit, "--db", unit]):
        subprocess.run([sys.executable, "-c", entry, *map(str, args)], check=True,
                       capture_output=True, stdin=subprocess.DEVNULL, timeout=240)
    return work / "unit.sqlite3"


def _copy(db: Path, folder: Path) -> Path:
    target = folder / "dữ liệu.sqlite3"
    target.write_bytes(db.read_bytes())
    return target


def test_output_to_a_pipe_is_utf8_in_a_non_utf8_code_page(chilinh):
    # The precondition that makes this test mean something: Python's default here is the ANSI code page.
    assert locale.getpreferredencoding(False).lower() not in ("utf-8", "utf8")
    helped = chilinh("--help")  # the fixture decodes strictly as UTF-8
    assert "Cách dùng" in helped.stdout and "ký duyệt" in helped.stdout
    refused = chilinh("status", "--db", "Z:\\không có\\tệp.sqlite3", expect=2)
    assert refused.stderr.startswith("Lỗi")


def test_per_user_data_folder_follows_windows(chilinh, tmp_path: Path):
    """%LOCALAPPDATA% moved to a folder with Vietnamese letters and spaces (as for a user 'Nguyễn Thị Lan')."""
    local = tmp_path / "Nguyễn Thị Lan" / "AppData Local"
    local.mkdir(parents=True)
    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, SHELL_FOLDERS, 0, winreg.KEY_ALL_ACCESS) as key:
        old, kind = winreg.QueryValueEx(key, "Local AppData")
        winreg.SetValueEx(key, "Local AppData", 0, winreg.REG_EXPAND_SZ, str(local))
        try:
            made = chilinh("demo")
        finally:
            winreg.SetValueEx(key, "Local AppData", 0, kind, old)
    files = sorted((local / "chilinh").glob("*.sqlite3"))
    assert files, made.stdout
    assert str(local / "chilinh") in made.stdout


def test_a_pdf_open_in_a_viewer_is_not_corrupted(chilinh, unit_db: Path, tmp_path: Path):
    db = _copy(unit_db, tmp_path)
    out = tmp_path / "Bản in"
    chilinh("print-all", "--db", db, "--unit", "DB15", "--out", out, "--jobs", "1")
    held = sorted(out.glob("*.pdf"))[0]
    before = held.read_bytes()
    with open(held, "rb"):  # a viewer keeps it open (no delete sharing): Windows refuses the replace
        again = chilinh("print-all", "--db", db, "--unit", "DB15", "--out", out, "--jobs", "1", expect=None)
    # Refused with a message that says why and that the earlier file is kept; the file is whole.
    assert again.returncode == 2, again.stdout
    assert "Lỗi:" in again.stderr and held.name in again.stderr, again.stderr
    assert "đang được mở trong một chương trình khác" in again.stderr, again.stderr
    assert held.read_bytes() == before
    assert not list(out.glob("*.part"))


def test_backup_over_an_open_file_is_refused_cleanly(chilinh, unit_db: Path, tmp_path: Path):
    db = _copy(unit_db, tmp_path)
    target = tmp_path / "sao lưu.sqlite3"
    chilinh("backup", "--db", db, "--out", target)
    before = target.read_bytes()
    with open(target, "rb"):
        ran = chilinh("backup", "--db", db, "--out", target, expect=None)
    assert ran.returncode in (0, 2)
    if ran.returncode == 2:
        assert "đang được mở trong một chương trình khác" in ran.stderr, ran.stderr
        assert target.read_bytes() == before
    assert not list(tmp_path.glob("*.part"))
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_export_over_an_open_package_keeps_it_whole(chilinh, unit_db: Path, tmp_path: Path):
    db = _copy(unit_db, tmp_path)
    usb = tmp_path / "USB"
    usb.mkdir()
    chilinh("signoff", "--db", db, "--unit", "DB15", "--by", "Nguyễn Văn A", "--acknowledge-warnings")
    chilinh("export", "--db", db, "--unit", "DB15", "--out", usb)
    (package,) = usb.glob("DB15-*.zip")
    before = package.read_bytes()
    with open(package, "rb"):
        ran = chilinh("export", "--db", db, "--unit", "DB15", "--out", usb, expect=None)
    assert ran.returncode in (0, 2)
    if ran.returncode == 2:
        assert ran.stderr.startswith("Lỗi"), ran.stderr
    assert package.read_bytes() == before or ran.returncode == 0
    assert not list(usb.glob("*.part"))
    chilinh("verify", package)


def test_restore_while_another_program_has_the_file_open(chilinh, unit_db: Path, tmp_path: Path):
    db = _copy(unit_db, tmp_path)
    backup = tmp_path / "backup.sqlite3"
    chilinh("backup", "--db", db, "--out", backup)
    with contextlib.closing(sqlite3.connect(db)) as other:
        other.execute("SELECT count(*) FROM officials").fetchone()
        ran = chilinh("restore", "--db", db, "--from", backup, expect=None)
    assert ran.returncode in (0, 2)
    if ran.returncode == 2:
        assert ran.stderr.startswith("Lỗi"), ran.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM officials").fetchone()[0] > 0
    conn.close()


def test_names_windows_forbids_in_file_names(chilinh, unit_db: Path, tmp_path: Path):
    db = _copy(unit_db, tmp_path)
    conn = sqlite3.connect(db)
    ids = [r[0] for r in conn.execute("SELECT id FROM officials ORDER BY id LIMIT 4")]
    for official_id, name in zip(ids, ["CON", 'Lê "Tí": <A|B>?*', "AUX.", "LPT1 / nul"], strict=True):
        conn.execute("UPDATE officials SET full_name = ? WHERE id = ?", [name, official_id])
    conn.commit()
    conn.close()
    out = tmp_path / "In"
    chilinh("print-all", "--db", db, "--unit", "DB15", "--out", out, "--jobs", "1")
    names = [p.name for p in out.iterdir()]
    assert names
    forbidden = set('<>:"/\\|?*')
    for name in names:
        assert not forbidden & set(name), name
        assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}, name
        assert not name.endswith((".", " ")), name
    assert all(len(PdfReader(out / n).pages) >= 1 for n in names if n.endswith(".pdf"))


def test_package_written_near_the_260_character_limit(chilinh, unit_db: Path, tmp_path: Path):
    """The longest file an export writes (the handover slip), with its .part suffix, ends at 259 characters.

    Wine enforces no MAX_PATH, so a longer path would pass here yet fail on a Windows without
    LongPathsEnabled: the test sizes the folder so every path the program writes stays under 260."""
    db = _copy(unit_db, tmp_path)
    chilinh("signoff", "--db", db, "--unit", "DB15", "--by", "Nguyễn Văn A", "--acknowledge-warnings")
    probe = tmp_path / "probe"
    probe.mkdir()
    chilinh("export", "--db", db, "--unit", "DB15", "--out", probe)
    longest = max(len(p.name) for p in probe.iterdir()) + len(".part")
    room = 259 - len(str(tmp_path)) - 1 - longest - 1
    assert room > 10
    usb = tmp_path / ("Thư mục rất dài " * 20)[:room].rstrip(" ").ljust(room, "x")
    usb.mkdir()
    chilinh("export", "--db", db, "--unit", "DB15", "--out", usb)
    (package,) = usb.glob("DB15-*.zip")
    written = list(usb.iterdir())
    assert max(len(str(p)) for p in written) + len(".part") == 259
    chilinh("verify", package)
