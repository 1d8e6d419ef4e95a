"""Page 1 of the unit documents and of Mẫu 02B, for each kind of issuer, read back from the PDF.

Headers come from the unit tree (DOMAIN.md §5): the organisation directly above the issuer,
then the issuer by its kind. The layout of each page 1 is also kept in a golden file per font
family (regenerate with CHILINH_UPDATE_GOLDEN=1 after looking at the PDFs).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from chilinh_desktop.core.dossiers import ensure_dossiers
from chilinh_desktop.core.officials import add_official
from chilinh_desktop.core.units import add_unit
from chilinh_desktop.formspec import set_form_answers
from chilinh_desktop.ops.printing import print_form
from chilinh_desktop.render.fonts import serif_family

GOLDEN = Path(__file__).parent / "golden"
START = dt.date(2020, 10, 1)

# code, name, type, the cadre's typed cell, header of unit documents, header of the cadre's 02B.
ISSUERS = {
    "ward": ("DB01", "Đảng bộ phường Minh Khai", "dang_bo_co_so", "Chi bộ Cơ quan phường Minh Khai",
             ("ĐẢNG BỘ THÀNH PHỐ MINH GIANG", "ĐẢNG ỦY PHƯỜNG MINH KHAI", "Số 12-BC/ĐU"),
             ("ĐẢNG BỘ PHƯỜNG MINH KHAI", "CHI BỘ CƠ QUAN PHƯỜNG MINH KHAI")),
    "commune": ("DB13", "Đảng bộ xã Hồng Phong", "dang_bo_co_so", "Chi bộ Chi bộ Cơ quan xã Hồng Phong",
                ("ĐẢNG BỘ THÀNH PHỐ MINH GIANG", "ĐẢNG ỦY XÃ HỒNG PHONG", "Số 12-BC/ĐU"),
                ("ĐẢNG BỘ XÃ HỒNG PHONG", "CHI BỘ CƠ QUAN XÃ HỒNG PHONG")),
    "cell": ("CBVKS", "Chi bộ Viện Kiểm sát nhân dân thành phố", "chi_bo_co_so",
             "Chi bộ Chi bộ Viện Kiểm sát nhân dân thành phố",
             ("ĐẢNG BỘ THÀNH PHỐ MINH GIANG", "CHI BỘ VIỆN KIỂM SÁT NHÂN DÂN THÀNH PHỐ", "Số 12-BC/CB"),
             ("ĐẢNG BỘ THÀNH PHỐ MINH GIANG", "CHI BỘ VIỆN KIỂM SÁT NHÂN DÂN THÀNH PHỐ")),
    "agency": ("PNV", "Phòng Nội vụ", "phong_ban", "",
               ("ĐẢNG BỘ THÀNH PHỐ MINH GIANG", "CHI BỘ PHÒNG NỘI VỤ", "Số 12-BC/CB"),
               ("ĐẢNG BỘ THÀNH PHỐ MINH GIANG", "CHI BỘ PHÒNG NỘI VỤ")),
}
SIGNS_FOR = {"ward": "T/M ĐẢNG ỦY", "commune": "T/M ĐẢNG ỦY", "cell": "T/M CHI BỘ", "agency": "T/M CHI BỘ"}

REPORT = {
    "place": "", "document_date": "2023-12-08", "number": "12", "collective": "Ban Thường vụ",
    "i1_policy": "Quán triệt đầy đủ các nghị quyết.", "i1_level": "tot", "i2_tasks": "Hoàn thành các chỉ tiêu.",
    "i2_level": "tot", "i3_party_building": "Làm tốt công tác xây dựng Đảng.", "i3_level": "tot",
    "i4_unity": "Đoàn kết, thống nhất.", "i4_level": "tot", "ii_shortcomings": "Có lúc chậm.",
    "ii_causes": "Việc nhiều.", "iii_remedies": "Đã khắc phục.", "v_measures": "Kiểm tra thường xuyên.",
    "vi_rating": "HTTNV", "signer_role": "Bí thư", "signer_name": "Nguyễn Văn An", "iv_explanations": "Không có.",
}
CLASSIFICATION = {
    "document_date": "2023-12-08", "number": "13", "assessment": "Công tác đánh giá được tiến hành nghiêm túc.",
    "signer_role": "Bí thư", "signer_name": "Nguyễn Văn An",
}
MINUTES = {
    "meeting_date": "2023-12-06", "start_time": "8 giờ 00", "venue": "Hội trường", "members_total": 9,
    "members_present": 9, "city_leader": "Trần Văn Bình", "chair": "Nguyễn Văn An", "secretary": "Lê Thị Hoa",
    "proceedings": "Hội nghị nghe báo cáo.", "opinions": "Thống nhất.", "collective_rating": "HTTNV",
    "cadre_ratings": [{"full_name": "Nguyễn Văn An", "post": "Bí thư", "self_rating": "HTTNV", "rating": "HTTNV"}],
    "end_time": "11 giờ 00", "number": "12", "leader_remarks": "Đề nghị khắc phục hạn chế.", "collective_votes": 9,
    "absent_reasons": "Không",
}
SELF_REVIEW = {
    "document_date": "2023-11-28", "i1_politics": "Kiên định lập trường chính trị.", "i1_level": "tot",
    "i2_duties": "Hoàn thành nhiệm vụ được giao.", "i2_level": "xuat_sac",
    "i3_leadership": "Lãnh đạo đơn vị hoàn thành nhiệm vụ.", "i3_level": "tot",
}


@pytest.fixture
def tree(store, cycle_2023):
    """A city with a ward, a commune, a cell directly under it and an agency, one cadre in each."""
    add_unit(store, code="TU", name="Thành ủy Minh Giang", type="thanh_uy", parent_code=None, valid_from=START)
    officials = {}
    for kind, (code, name, unit_type, cell, _unit_header, _own) in ISSUERS.items():
        add_unit(store, code=code, name=name, type=unit_type, parent_code="TU", valid_from=START)
        officials[kind] = add_official(store, full_name=f"Cán bộ {code}", unit_code=code, tier="btv_thanh_uy",
                                       party_post="Bí thư", party_cell=cell).id
        # The unit's papers are signed and chaired by one of its own cadres (issue 23): else a final print
        # is refused and these pages would be drafts.
        add_official(store, full_name="Nguyễn Văn An", unit_code=code, tier="btv_thanh_uy", party_post="Bí thư")
    ensure_dossiers(store, cycle_2023)
    return officials


def _print(store, cycle, form, kind, officials):
    code = ISSUERS[kind][0]
    if form == "02B":
        set_form_answers(store, cycle, form, SELF_REVIEW, official_id=officials[kind], actor="test")
        return print_form(store, cycle, form, official_id=officials[kind]).pdf
    answers = {"01": REPORT, "BCXL": CLASSIFICATION, "BBKD": MINUTES}[form]
    set_form_answers(store, cycle, form, answers, unit_code=code, actor="test")
    return print_form(store, cycle, form, unit_code=code).pdf


def _first_page_lines(pdf_tools, pdf) -> list[str]:
    return [line for line in pdf_tools["layout"](pdf) if line.startswith("p1 ")]


def _left_column(lines: list[str]) -> list[str]:
    """The header's left column, top to bottom: the lines left of the party name's column, above the title."""
    out = []
    for line in lines:
        position, text = line.split(" | ", 1)
        x = int(position.split()[2][1:])
        if text in ("BÁO CÁO", "BIÊN BẢN", "BÁO CÁO KIỂM ĐIỂM TẬP THỂ", "BẢN KIỂM ĐIỂM CÁ NHÂN"):
            break
        if x < 90 and not text.startswith("Mẫu"):
            out.append(text)
    return out


def _joined(header: list[str]) -> list[str]:
    """Header lines with a line broken across two rows joined again (a broken line ends without '*')."""
    return [" ".join(header[:-1])] if header else []


@pytest.mark.parametrize("kind", list(ISSUERS))
@pytest.mark.parametrize("form", ["01", "BBKD", "BCXL"])
def test_unit_documents_name_the_organisation_above_then_the_issuer(store, cycle_2023, tree, pdf_tools, form, kind):
    pdf = _print(store, cycle_2023, form, kind, tree)
    superior, issuer, number = ISSUERS[kind][4]
    if form == "BBKD":
        number = number.replace("-BC/", "-BB/")
    if form == "BCXL":  # reports of one issuer run on: 01 is number 12, the classification report 13
        number = number.replace("Số 12-", "Số 13-")
    lines = _first_page_lines(pdf_tools, pdf)
    left = _left_column(lines)
    text = " ".join(left)
    assert text.startswith(superior + " " + issuer + " * " + number), left
    for line in left:
        assert line.split()[:2] != line.split()[2:4], f"doubled words: {line}"
        assert not line.endswith(("MINH", "HỒNG", "PHƯỜNG", "XÃ")), f"a name broken: {left}"
    sizes = {line.split(" | ")[0].split()[-1] for line in lines if line.split(" | ", 1)[1] in left[:2]}
    assert all(12 <= float(size.rstrip("RBI")) <= 14 for size in sizes)
    body = pdf_tools["text"](pdf)
    assert "Minh Giang, ngày" in body and "Chí Linh" not in body
    assert "Kính gửi" not in body
    if form != "BBKD":
        assert SIGNS_FOR[kind] in body and "Nơi nhận:" in body
        assert "Ban Thường vụ Thành ủy Minh Giang (qua Ban Tổ chức)," in body


@pytest.mark.parametrize("kind", list(ISSUERS))
def test_02b_names_the_organisation_above_the_members_cell_then_the_cell(store, cycle_2023, tree, pdf_tools, kind):
    pdf = _print(store, cycle_2023, "02B", kind, tree)
    left = _left_column(_first_page_lines(pdf_tools, pdf))
    superior, cell = ISSUERS[kind][5]
    assert " ".join(left) == f"{superior} {cell} *"
    body = pdf_tools["text"](pdf)
    assert "THÀNH ỦY" not in " ".join(left) and "CHI BỘ CHI BỘ" not in body.upper()
    assert "Chi bộ: " + cell.capitalize()[:6] in body
    # The four boxes of each item, the chosen one ticked with an X before its label.
    assert "Tự đánh giá mức độ thực hiện: Xuất sắc X Tốt Trung bình Kém" in body
    assert "Tự đánh giá mức độ thực hiện: X Xuất sắc Tốt Trung bình Kém" in body


def test_an_unnumbered_report_leaves_a_dotted_blank_for_the_hand(store, cycle_2023, tree, pdf_tools):
    answers = {**REPORT, "number": ""}
    set_form_answers(store, cycle_2023, "01", answers, unit_code="DB01", actor="test")
    body = pdf_tools["text"](print_form(store, cycle_2023, "01", unit_code="DB01").pdf)
    assert "Số ........-BC/ĐU" in body


def test_first_pages_match_the_golden_file(store, cycle_2023, tree, pdf_tools):
    family = serif_family().family
    golden = GOLDEN / f"first-pages-{family.lower().replace(' ', '-')}.txt"
    out = []
    for form in ("01", "BBKD", "BCXL", "02B"):
        for kind in ISSUERS:
            out.append(f"# {form} {kind}")
            out += _first_page_lines(pdf_tools, _print(store, cycle_2023, form, kind, tree))
    actual = "\n".join(out) + "\n"
    if os.environ.get("CHILINH_UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    if not golden.exists():
        pytest.skip(f"no golden layout for the font {family}; create it with CHILINH_UPDATE_GOLDEN=1")
    assert actual == golden.read_text(encoding="utf-8")
