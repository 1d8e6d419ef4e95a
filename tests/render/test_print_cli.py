"""`chilinh print` and `chilinh print-all` write real PDFs; drafts carry the mark, final prints do not."""

from __future__ import annotations

import sys
import unicodedata

from chilinh_desktop.cli import main


def _first_with(store, kind: str, state: str) -> str:
    return store.db.execute(
        "SELECT d.official_id FROM dossier_items i JOIN dossiers d ON d.id = i.dossier_id "
        "WHERE i.kind = ? AND i.state = ? LIMIT 1", [kind, state]).fetchone()[0]


def test_print_marks_only_drafts(demo_store, demo_path, tmp_path, capsys, pdf_tools):
    complete = _first_with(demo_store, "self_review", "complete")
    draft = _first_with(demo_store, "self_review", "draft")
    demo_store.close()
    for official, name in ((complete, "final.pdf"), (draft, "draft.pdf")):
        assert main(["print", "02B", "--db", str(demo_path), "--official", official,
                     "--out", str(tmp_path / name)]) == 0
    assert main(["print", "02B", "--db", str(demo_path), "--official", complete, "--draft",
                 "--out", str(tmp_path / "asked.pdf")]) == 0
    text = {name: " ".join(page.extract_text() for page in pdf_tools["reader"]((tmp_path / name).read_bytes()).pages)
            for name in ("final.pdf", "draft.pdf", "asked.pdf")}
    assert "BẢN NHÁP" not in text["final.pdf"]
    assert "BẢN NHÁP" in text["draft.pdf"] and "BẢN NHÁP" in text["asked.pdf"]


def test_print_all_writes_every_filled_form_of_the_unit(demo_store, demo_path, tmp_path, capsys, monkeypatch):
    code = demo_store.db.execute(
        "SELECT u.code FROM officials o JOIN units u ON u.id = o.unit_id GROUP BY u.code "
        "ORDER BY count(*) DESC, u.code LIMIT 1").fetchone()[0]
    filled = demo_store.db.execute(
        "SELECT count(*) FROM dossier_items i JOIN dossiers d ON d.id = i.dossier_id JOIN units u ON u.id = d.unit_id "
        "WHERE u.code = ? AND i.state IN ('draft', 'complete', 'attached') AND i.kind != 'asset_declaration'",
        [code]).fetchone()[0]
    declarations = demo_store.db.execute(
        "SELECT count(*) FROM dossier_items i JOIN dossiers d ON d.id = i.dossier_id JOIN units u ON u.id = d.unit_id "
        "WHERE u.code = ? AND i.state = 'attached' AND i.kind = 'asset_declaration'", [code]).fetchone()[0]
    demo_store.close()
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)  # progress is drawn on a terminal only
    assert main(["print-all", "--db", str(demo_path), "--unit", code, "--out", str(tmp_path / "out")]) == 0
    out, err = capsys.readouterr()
    files = sorted((tmp_path / "out").glob("*.pdf"))
    assert len(files) == filled > 10
    assert all(f.read_bytes().startswith(b"%PDF-") for f in files)
    assert f"{filled}/{filled}" in err and str(len(files)) in out
    assert "\x1b" not in err  # no terminal escape: a Windows console would print it as text
    # Asset declarations are confidential everywhere: never in the folder, each left out with a line saying why.
    assert declarations > 0 and out.count("Kê khai tài sản") == declarations
    assert not [f for f in files if "Kê khai tài sản" in unicodedata.normalize("NFC", f.name)]


def test_print_all_to_a_file_or_pipe_writes_no_progress_line(demo_path, tmp_path, capsys):
    assert main(["print-all", "--db", str(demo_path), "--unit", "DB02", "--out", str(tmp_path / "out")]) == 0
    out, err = capsys.readouterr()
    assert "\r" not in err and "\r" not in out
    assert len(list((tmp_path / "out").glob("*.pdf"))) > 10
