"""The whole Board ↔ unit exchange on Windows, in folders with Vietnamese names (README's walk-through)."""

from __future__ import annotations

import multiprocessing
import sqlite3
import sys
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader


def test_windows_python_is_really_windows():
    assert sys.platform == "win32"
    assert multiprocessing.get_start_method() == "spawn"


def test_board_unit_exchange(chilinh, vietnamese_dir: Path):
    work = vietnamese_dir
    board, unit = work / "Ban Tổ chức.sqlite3", work / "đơn vị DB15.sqlite3"
    usb = work / "USB E"
    usb.mkdir()

    made = chilinh("demo", "--db", board)
    assert "Đã tạo dữ liệu mẫu" in made.stdout
    chilinh("kit", "export", "--db", board, "--unit", "DB15", "--out", work / "bộ tài liệu.zip")
    chilinh("demo", "--role", "unit", "--unit", "DB15", "--kit", work / "bộ tài liệu.zip", "--db", unit)

    printed = chilinh("print-all", "--db", unit, "--unit", "DB15", "--out", work / "Bản in", "--jobs", "1")
    pdfs = sorted((work / "Bản in").glob("*.pdf"))
    assert len(pdfs) >= 8, printed.stdout
    assert not list((work / "Bản in").glob("*.part"))
    texts = " ".join(PdfReader(p).pages[0].extract_text() for p in pdfs)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts

    chilinh("signoff", "--db", unit, "--unit", "DB15", "--by", "Nguyễn Văn A", "--acknowledge-warnings")
    exported = chilinh("export", "--db", unit, "--unit", "DB15", "--out", usb)
    (package,) = usb.glob("DB15-*.zip")
    assert package.name in exported.stdout or package.stem in exported.stdout
    assert list(usb.glob("*.pdf")), "no handover slip"

    verified = chilinh("verify", package)
    assert "DB15" in verified.stdout
    imported = chilinh("import", "--db", board, "--trust-new", usb)
    assert "DB15" in imported.stdout
    again = chilinh("import", "--db", board, usb)  # idempotent: the same package again changes nothing
    assert again.returncode == 0

    chilinh("report", "--db", board, "--out", work / "Báo cáo.xlsx")
    workbook = load_workbook(work / "Báo cáo.xlsx", read_only=True)
    assert workbook.sheetnames
    workbook.close()

    # Backup, damage, restore: the rows come back.
    (work / "sao lưu").mkdir()
    chilinh("backup", "--db", unit, "--out", work / "sao lưu" / "DB15.sqlite3")
    conn = sqlite3.connect(unit)
    before = conn.execute("SELECT count(*) FROM officials").fetchone()[0]
    conn.close()
    chilinh("restore", "--db", unit, "--from", work / "sao lưu" / "DB15.sqlite3")
    conn = sqlite3.connect(unit)
    assert conn.execute("SELECT count(*) FROM officials").fetchone()[0] == before
    conn.close()
    status = chilinh("status", "--db", unit)
    assert "DB15" in status.stdout or "Nam Sơn" in status.stdout


def test_print_all_with_spawned_workers(chilinh, vietnamese_dir: Path, demo_city: Path):
    """print-all with two worker processes writes the same PDFs as one process (they once hung under Wine)."""
    db = vietnamese_dir / "demo.sqlite3"
    db.write_bytes(demo_city.read_bytes())
    runs = {}
    for jobs in ("1", "2"):
        out = vietnamese_dir / f"Bản in {jobs}"
        printed = chilinh("print-all", "--db", db, "--unit", "DB01", "--out", out, "--jobs", jobs)
        assert "tiến trình in" not in printed.stdout, printed.stdout  # no worker stopped on the way
        runs[jobs] = {p.name: p for p in sorted(out.glob("*.pdf"))}
    assert len(runs["1"]) >= 8  # enough for print-all to use its workers
    assert runs["2"].keys() == runs["1"].keys()
    for name, alone in runs["1"].items():
        shared = runs["2"][name]
        one, two = PdfReader(alone), PdfReader(shared)
        assert [p.extract_text() for p in two.pages] == [p.extract_text() for p in one.pages], name
        assert shared.read_bytes() == alone.read_bytes(), name


def test_a_dead_or_hung_worker_never_hangs_print_all_on_windows():
    """The watchdog under Windows process handles: a worker that dies and one that hangs (tests/render)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))  # spawned workers inherit it
    from print_faults import square_or_misbehave

    from chilinh_desktop.render.workers import run_batch

    jobs = [("ok", n) for n in range(4)] + [("die", 4), ("ok", 5), ("hang", 6), ("raise", 7), ("ok", 8)]
    batch = run_batch(square_or_misbehave, jobs, 2, stall_seconds=5)
    by_index = {outcome.index: outcome for outcome in batch.outcomes}
    assert sorted(by_index) == list(range(len(jobs)))
    assert by_index[4].result == 16  # redone in this process
    assert not by_index[6].ok and "ValueError" in by_index[7].error
    assert all(by_index[n].result == n * n for n in (0, 1, 2, 3, 5, 8))
    assert len(batch.notes) == 2
