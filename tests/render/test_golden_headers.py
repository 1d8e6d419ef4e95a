"""Page 1 of the unit documents and of Mẫu 02B, for each kind of issuer, read back from the PDF.

Headers come from the unit tree (Hướng dẫn 36-HD/VPTW, 2018): the organisation directly above the
issuer, then the issuer by its kind; a department's leadership collective issues its own report under
the city's People's Committee with the state's name, a Ban of the city committee writes the committee
above its own name, an agency's cadre writes the agencies' party committee above their cell. Page 1
of each document type and kind is also kept as text per font family under golden/first-pages/,
written only by scripts/update_golden_first_pages.py.
"""

from __future__ import annotations

import pytest
from first_pages import (
    GRASSROOTS,
    ISSUERS,
    STATE,
    build_city,
    documents,
    first_page_text,
    golden_path,
    print_one,
    unit_forms,
)

from chilinh_desktop.formspec import set_form_answers
from chilinh_desktop.ops.printing import print_form
from chilinh_desktop.render.fonts import serif_family

BROKEN = ("MINH", "HỒNG", "PHƯỜNG", "XÃ", "VIỆT", "NHÂN", "CHÍNH")  # a line ending so broke a name
TITLES = ("BÁO CÁO", "BIÊN BẢN", "BÁO CÁO KIỂM ĐIỂM TẬP THỂ", "BẢN KIỂM ĐIỂM CÁ NHÂN")


@pytest.fixture
def tree(store, cycle_2023):
    """A city with a ward, a commune, the court's cell, a department, a Ban of the committee and the Front."""
    return build_city(store, cycle_2023)


def _first_page_lines(pdf_tools, pdf) -> list[str]:
    return [line for line in pdf_tools["layout"](pdf) if line.startswith("p1 ")]


def _left_column(lines: list[str]) -> list[str]:
    """The header's left column, top to bottom: the lines left of the party name's column, above the title."""
    out = []
    for line in lines:
        position, text = line.split(" | ", 1)
        x = int(position.split()[2][1:])
        if text in TITLES:
            break
        if x < 80 and not text.startswith("Mẫu"):
            out.append(text)
    return out


UNIT_CASES = [(form, kind) for kind in ISSUERS for form in unit_forms(kind)]


@pytest.mark.parametrize(("form", "kind"), UNIT_CASES)
def test_unit_documents_name_the_body_above_then_the_issuer(store, cycle_2023, tree, pdf_tools, form, kind):
    pdf = print_one(store, cycle_2023, form, kind, tree)
    _code, _name, _type, _cell, lines, number, signs_for, place, _own = ISSUERS[kind]
    if form == "BBKD":
        number = number.replace("BC", "BB", 1)
    if form == "BCXL":  # reports of one issuer run on (issue 23): 01 is number 12, the classification report 13
        number = number.replace("12", "13", 1)
    left = _left_column(_first_page_lines(pdf_tools, pdf))
    text = " ".join(left)
    assert text.startswith(" ".join(lines)), left
    assert text.endswith(number), left
    assert ("*" in left) is (kind not in STATE)  # a state body has a rule under its name, not a star
    for line in left:
        assert line.split()[:2] != line.split()[2:4], f"doubled words: {line}"
        # a name or a phrase of headers.toml `unbroken` is never broken ('VIỆT / NAM', 'NHÂN / DÂN')
        assert not line.endswith(BROKEN), f"a name broken: {left}"
        assert "CHI BỘ" not in line or kind not in ("department", "board", "front"), left
    body = pdf_tools["text"](pdf)
    assert f"{place}, ngày" in body and "Chí Linh" not in body
    state = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in body
    assert state is (kind in STATE) and ("ĐẢNG CỘNG SẢN VIỆT NAM" in body) is (kind not in STATE)
    if form != "BBKD":
        assert signs_for in body and "Nơi nhận:" in body
        assert "Ban Thường vụ Thành ủy Minh Giang (qua Ban Tổ chức)," in body


@pytest.mark.parametrize("kind", list(ISSUERS))
def test_02b_names_the_organisation_above_the_members_cell_then_the_cell(store, cycle_2023, tree, pdf_tools, kind):
    pdf = print_one(store, cycle_2023, "02B", kind, tree)
    left = _left_column(_first_page_lines(pdf_tools, pdf))
    superior, cell = ISSUERS[kind][8]
    assert " ".join(left) == f"{superior} {cell} *"
    assert not any(line.endswith(BROKEN) for line in left), left
    body = pdf_tools["text"](pdf)
    assert "THÀNH ỦY" not in " ".join(left[:1]) and "CHI BỘ CHI BỘ" not in body.upper()
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in body and f"{ISSUERS[kind][7]}, ngày" in body
    # The four boxes of each item, the chosen one ticked with an X before its label.
    assert "Tự đánh giá mức độ thực hiện: Xuất sắc X Tốt Trung bình Kém" in body
    assert "Tự đánh giá mức độ thực hiện: X Xuất sắc Tốt Trung bình Kém" in body


def test_grassroots_are_the_party_organisations():
    assert set(GRASSROOTS) == {kind for kind in ISSUERS if ISSUERS[kind][2] in ("dang_bo_co_so", "chi_bo_co_so")}


def test_an_unnumbered_report_leaves_a_dotted_blank_for_the_hand(store, cycle_2023, tree, pdf_tools):
    answers = {"place": "", "document_date": "2023-12-08", "number": ""}
    set_form_answers(store, cycle_2023, "01", answers, unit_code="DB01", actor="test")
    body = pdf_tools["text"](print_form(store, cycle_2023, "01", unit_code="DB01").pdf)
    assert "Số ........-BC/ĐU" in body
    set_form_answers(store, cycle_2023, "01", answers, unit_code="PNV", actor="test")
    body = pdf_tools["text"](print_form(store, cycle_2023, "01", unit_code="PNV").pdf)
    assert "Số: ......../BC-PNV" in body


@pytest.mark.parametrize(("form", "kind"), documents())
def test_first_page_matches_the_golden_text(store, cycle_2023, tree, form, kind):
    golden = golden_path(serif_family().family, form, kind)
    if not golden.exists():
        pytest.skip(f"no golden first page for the font {serif_family().family}: "
                    "run scripts/update_golden_first_pages.py after looking at the PDFs")
    actual = first_page_text(print_one(store, cycle_2023, form, kind, tree))
    assert actual == golden.read_text(encoding="utf-8"), f"{golden} differs; if intended, regenerate it"
