"""What a person sees is named in Vietnamese: print-all's files, the `forms` listing. Package payloads keep
their ASCII ids (DESIGN.md), tested with the package."""

from __future__ import annotations

import sqlite3

from chilinh_desktop.cli import main
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.render.pipeline import human_name, unit_documents

FORBIDDEN = set('<>:"/\\|?*')


def test_print_all_names_files_by_person_and_document(demo_path, tmp_path, capsys):
    out = tmp_path / "Bản in"
    assert main(["print-all", "--db", str(demo_path), "--unit", "DB01", "--out", str(out), "--jobs", "1"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert "Đảng bộ phường Minh Khai - Mẫu 01.pdf" in names
    assert any(name.endswith(" - Mẫu 02B.pdf") for name in names)
    for name in names:
        assert not FORBIDDEN & set(name) and "_" not in name and name.isascii() is False, name
        assert "self_review" not in name and "asset_declaration" not in name


def test_two_cadres_of_one_name_get_files_of_their_own(demo_store, demo_path):
    cycle = get_cycle(demo_store)
    first, second = [row[0] for row in demo_store.db.execute(
        "SELECT id FROM officials WHERE unit_id = (SELECT id FROM units WHERE code = 'DB01') ORDER BY id LIMIT 2")]
    with sqlite3.connect(demo_path) as conn:
        conn.execute("UPDATE officials SET full_name = 'Nguyễn Văn An' WHERE id IN (?, ?)", [first, second])
    names = [d.file_name for d in unit_documents(demo_store, cycle, "DB01")]
    assert len(names) == len(set(names))
    assert "Nguyễn Văn An - Mẫu 02B.pdf" in names and "Nguyễn Văn An (2) - Mẫu 02B.pdf" in names


def test_a_name_windows_refuses_is_made_safe():
    assert human_name('Lê "Tí": <A|B>?*') == "Lê Tí A B"
    assert human_name("CON") == "_CON" and human_name("AUX.") == "_AUX"
    assert human_name("...") == "_" and len(human_name("Nguyễn " * 40)) <= 80


def test_forms_lists_documents_by_their_names_not_internal_ids(demo_path, capsys):
    assert main(["forms", "--db", str(demo_path)]) == 0
    listing = capsys.readouterr().out
    for internal in ("suggestion_letter", "residence_comment", "asset_declaration", "self_review"):
        assert internal not in listing
    assert "Gợi ý kiểm điểm" in listing and "Kê khai tài sản" in listing and "02B" in listing
    assert main(["forms", "--db", str(demo_path), "--json"]) == 0
    assert "suggestion_letter" in capsys.readouterr().out  # scripts keep the ids
