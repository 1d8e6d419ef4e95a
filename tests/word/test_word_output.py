"""`chilinh print … --out FILE.docx`: the PDF's layout rules as editable text, and it imports back unchanged."""

from __future__ import annotations

import docx

from chilinh_desktop.cli import main
from chilinh_desktop.formspec import get_form_item, set_form_answers
from chilinh_desktop.render.document import DRAFT_MARK

ANSWERS = {
    "place": "Minh Giang", "document_date": "2023-12-04",
    "i1_politics": "Kiên định lập trường chính trị.\nGiữ gìn đạo đức, lối sống giản dị.",
    "i1_level": "tot", "i2_duties": "Hoàn thành 100% chỉ tiêu được giao.", "i2_level": "xuat_sac",
    "i3_leadership": "Lãnh đạo phòng hoàn thành tốt nhiệm vụ.", "i3_level": "tot",
    "ii_shortcomings": "Có lúc chưa sâu sát cơ sở.",
    "ii_causes": "Khối lượng công việc lớn.", "iii_remedies": "Đã khắc phục.",
    "vi_measures": "Tăng cường đi cơ sở.\nDành thời gian tự học.", "vii_rating_cadre": "HTTNV",
    "vii_rating_member": "HTXSNV", "head_assessment": "Đồng chí hoàn thành tốt nhiệm vụ.",
}


def _print(store, official, path, *extra) -> int:
    return main(["print", "02B", "--db", str(store.path), "--official", official.id, "--out", str(path), *extra])


def test_print_to_word_then_import_gives_the_same_answers(store, cycle_2023, cadre, tmp_path, capsys):
    set_form_answers(store, cycle_2023, "02B", ANSWERS, official_id=cadre.id, actor="test")
    before = get_form_item(store, cycle_2023, "02B", official_id=cadre.id).answers
    assert _print(store, cadre, tmp_path / "review.docx") == 0
    set_form_answers(store, cycle_2023, "02B", {}, official_id=cadre.id, actor="test")
    assert main(["form", "import", "--db", str(store.path), "--official", cadre.id, "--form", "02B",
                 "--from", str(tmp_path / "review.docx")]) == 0
    after = get_form_item(store, cycle_2023, "02B", official_id=cadre.id).answers
    assert after == before


def test_word_output_follows_the_print_layout(store, cycle_2023, cadre, tmp_path, capsys):
    set_form_answers(store, cycle_2023, "02B", ANSWERS, official_id=cadre.id, actor="test")
    store.set_setting("print.margins", "25,20,30,20")
    assert _print(store, cadre, tmp_path / "draft.docx", "--draft") == 0
    doc = docx.Document(str(tmp_path / "draft.docx"))
    section = doc.sections[0]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(round(m.mm, 1) for m in margins) == (25, 20, 30, 20)  # Word keeps twentieths of a point
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert doc.styles["Normal"].font.name == "Times New Roman"
    header = doc.tables[0]
    assert len(header.columns) == 2
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in header.cell(0, 1).text and "ngày 04 tháng 12 năm 2023" in header.cell(0, 1).text
    assert "CHI BỘ PHÒNG NỘI VỤ" in header.cell(0, 0).text
    body = [p.text for p in doc.paragraphs]
    assert body.index("I. Ưu điểm, kết quả đạt được") < body.index("Kiên định lập trường chính trị.")
    assert "Giữ gìn đạo đức, lối sống giản dị." in body  # a paragraph break stays a paragraph
    assert section.different_first_page_header_footer
    assert DRAFT_MARK in section.header.paragraphs[0].text
    assert DRAFT_MARK in section.first_page_header.paragraphs[0].text
    assert "PAGE" in section.header._element.xml and "PAGE" not in section.first_page_header._element.xml


def test_a_complete_form_prints_to_word_without_the_draft_mark(store, cycle_2023, cadre, tmp_path, capsys):
    set_form_answers(store, cycle_2023, "02B", {**ANSWERS, "iv_explanations": "Không có.",
                                                 "v_responsibility": "Không có."}, official_id=cadre.id, actor="test")
    assert get_form_item(store, cycle_2023, "02B", official_id=cadre.id).state == "complete"
    assert _print(store, cadre, tmp_path / "final.docx") == 0
    section = docx.Document(str(tmp_path / "final.docx")).sections[0]
    assert DRAFT_MARK not in section.header.paragraphs[0].text
    assert "PAGE" in section.header._element.xml
