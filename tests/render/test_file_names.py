"""Printed files are named in words a clerk recognises, safe on Windows, never one written over another."""

from __future__ import annotations

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.render.file_names import document_file_name, numbered, safe_stem
from chilinh_desktop.render.pipeline import unit_documents

FORBIDDEN = set('<>:"/\\|?*')


def test_a_cadres_02b_is_named_by_the_person_and_the_documents_vietnamese_name():
    name = document_file_name("Phạm Hữu Thịnh", "Bản kiểm điểm cá nhân (Mẫu 02B-HDKĐ.ĐG 2023)", "02B")
    assert name == "Phạm Hữu Thịnh - Bản kiểm điểm cá nhân 02B.pdf"


def test_names_keep_nothing_windows_refuses():
    for subject in ('Lê "Tí": <A|B>?*', "CON", "AUX.", "LPT1", "Tên dài " * 40, "Trần\tVăn\x00Ba.  "):
        name = document_file_name(subject, "Phiếu nhận xét của chi ủy nơi cư trú (Mẫu 3-213)", None)
        stem = name[:-4]
        assert not FORBIDDEN & set(name) and all(ord(c) >= 32 for c in name), name
        assert stem == stem.rstrip(" .") and len(stem) <= 120
        assert stem.split(".")[0].strip().upper() not in {"CON", "AUX", "LPT1", "NUL"}
    assert safe_stem("CON") == "_CON"


def test_two_cadres_of_one_name_print_to_two_files(demo_store):
    cycle = get_cycle(demo_store)
    code = "DB01"
    rows = demo_store.db.execute("SELECT o.id FROM officials o JOIN units u ON u.id = o.unit_id WHERE u.code = ? "
                                 "ORDER BY o.id LIMIT 2", [code]).fetchall()
    with demo_store.atomic():
        for (official_id,) in rows:
            demo_store.db.execute("UPDATE officials SET full_name = 'Nguyễn Văn An' WHERE id = ?", [official_id])
    names = [d.file_name for d in unit_documents(demo_store, cycle, code)]
    assert len({n.casefold() for n in names}) == len(names)
    assert any(n.startswith("Nguyễn Văn An - ") for n in names)
    assert not any(official_id[:8] in n for (official_id,) in rows for n in names)  # no ids in the names
    assert numbered(["a.pdf", "A.pdf"]) == ["a.pdf", "A (2).pdf"]
