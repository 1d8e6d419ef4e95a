"""Word import is bounded by work, not only by size: a zip bomb, a FIFO or /dev/zero is refused at once."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest
from docx_fixtures import self_review

from chilinh_desktop.cli import main
from chilinh_desktop.formspec import get_form_item

POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")


def _import(store, official, path, *extra):
    return ["form", "import", "--db", str(store.path), "--official", official.id, "--form", "02B",
            "--from", str(path), *extra]


def _bomb(tmp_path):
    """A real 02B self-review whose document.xml is padded with 60 MB of blanks: a few hundred KB packed."""
    plain = self_review(tmp_path / "plain.docx")
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"</w:body>", b"<!--" + b" " * 60_000_000 + b"--></w:body>")
            target.writestr(info.filename, data)
    assert bomb.stat().st_size < 1_000_000
    return bomb


def test_a_zip_bomb_under_the_size_limit_is_refused_without_reading_it(store, cycle_2023, cadre, tmp_path, capsys):
    code = main(_import(store, cadre, _bomb(tmp_path), "--dry-run"))
    _out, err = capsys.readouterr()
    assert code == 2 and "bom" in err and "Traceback" not in err
    assert get_form_item(store, cycle_2023, "02B", official_id=cadre.id).answers == {}


def test_dev_zero_is_refused(store, cycle_2023, cadre, capsys):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    code = main(_import(store, cadre, "/dev/zero", "--dry-run"))
    _out, err = capsys.readouterr()
    assert code == 2 and "Traceback" not in err


def _cli(*argv, timeout=300):
    # In a child process: were the FIFO waited on, the guard below would end the child instead of the suite.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-m", "chilinh_desktop", *argv], capture_output=True, text=True,
                          timeout=timeout, env=env, stdin=subprocess.DEVNULL)


@POSIX
def test_a_fifo_as_from_is_refused_at_once(store, cycle_2023, cadre, tmp_path):
    fifo = tmp_path / "ban-kiem-diem.docx"
    os.mkfifo(fifo)
    store.close()
    done = _cli(*_import(store, cadre, fifo, "--dry-run"))
    assert done.returncode == 2 and "Traceback" not in done.stderr and fifo.name in done.stderr


@POSIX
def test_a_fifo_named_scan_pdf_is_refused_by_attach(tmp_path):
    from chilinh_desktop.core.attachments import read_attachment_file
    from chilinh_desktop.core.errors import ValidationError

    fifo = tmp_path / "scan.pdf"
    os.mkfifo(fifo)
    with pytest.raises(ValidationError) as refused:
        read_attachment_file(fifo)  # opened without waiting for a writer: refused, not hung
    assert "scan.pdf" in refused.value.message
