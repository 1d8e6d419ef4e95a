"""The layout of Mẫu 02B, guarded by a golden text file per font family.

The golden file lists every printed line with its page, position (mm), size and style.
After an intended layout change, regenerate it with scripts/update_golden_first_pages.py (the test
never writes it) — and look at the PDF before committing the new file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chilinh_desktop.core.definitions import SHIPPED
from chilinh_desktop.formspec import load_form, load_scales
from chilinh_desktop.render import FilledForm, PrintSettings, render_pdf
from chilinh_desktop.render.fonts import serif_family
from chilinh_desktop.render.settings import default_margins

GOLDEN = Path(__file__).parent / "golden"

ANSWERS = {
    "place": "Chí Linh", "document_date": "2024-02-05",
    "i1_politics": "Luôn kiên định lập trường chính trị, chấp hành nghiêm chủ trương, đường lối của Đảng.\n"
                   "Giữ gìn phẩm chất đạo đức, lối sống giản dị, trung thực.",
    "i1_level": "tot", "i2_duties": "Hoàn thành các chỉ tiêu được giao, nhiều chỉ tiêu vượt kế hoạch.",
    "i2_level": "xuat_sac", "i3_leadership": "Lãnh đạo đơn vị hoàn thành toàn diện nhiệm vụ chính trị.",
    "i3_level": "tot", "i4_initiative": "Dám nghĩ, dám làm, dám chịu trách nhiệm.", "i4_level": "tot",
    "i5_exemplary": "Bản thân và gia đình gương mẫu chấp hành quy định nơi cư trú.", "i5_level": "tot",
    "i6_commitment": "Thực hiện đầy đủ cam kết tu dưỡng, rèn luyện năm 2023.", "i6_level": "tot",
    "ii_shortcomings": "Việc kiểm tra, đôn đốc có lúc chưa thường xuyên.",
    "ii_causes": "Khối lượng công việc lớn; bố trí thời gian chưa hợp lý.",
    "iii_remedies": "Đã khắc phục xong hạn chế được chỉ ra năm 2022.",
    "vi_measures": "Xây dựng kế hoạch kiểm tra theo tháng, quý.",
    "vii_rating_cadre": "HTTNV", "vii_rating_member": "HTTNV",
}
VALUES = {
    "header.superior": "Đảng bộ Cơ quan Chính quyền thành phố", "official.party_cell": "Chi bộ Phòng Nội vụ",
    "official.full_name": "Đỗ Thị Hà", "official.birth_date": "05/02/1979", "official.party_post": "Bí thư Chi bộ",
    "official.government_post": "Trưởng phòng Nội vụ", "official.mass_org_post": "",
    "official.workplace": "Phòng Nội vụ", "official.party_cell_name": "", "cycle.year": 2023,
}


def _layout(pdf_tools) -> list[str]:
    pdf = render_pdf(FilledForm(load_form("02B", "2023.1", definitions=SHIPPED), ANSWERS, VALUES,
                                load_scales("2023", definitions=SHIPPED)), PrintSettings(default_margins(SHIPPED)))
    return pdf_tools["layout"](pdf)


def test_the_conventions_of_the_first_page(pdf_tools):
    lines = [line for line in _layout(pdf_tools) if line.startswith("p1 ")]
    style = {line.split(" | ", 1)[1]: line.split(" | ")[0].split()[-1] for line in lines}
    assert style["ĐẢNG CỘNG SẢN VIỆT NAM"] == "15B"
    assert style["Chí Linh, ngày 05 tháng 02 năm 2024"].endswith("I")
    assert style["BẢN KIỂM ĐIỂM CÁ NHÂN"] == "15B"
    assert style["(Cá nhân giữ chức vụ lãnh đạo, quản lý)"] == "14I"
    assert style["I. Ưu điểm, kết quả đạt được"] == "14B"
    order = [line.split(" | ", 1)[1] for line in lines]
    assert order.index("ĐẢNG CỘNG SẢN VIỆT NAM") < order.index("BẢN KIỂM ĐIỂM CÁ NHÂN") < order.index("Năm 2023")


def test_02b_layout_matches_the_golden_file(pdf_tools):
    family = serif_family().family
    golden = GOLDEN / f"02B-2023.1-{family.lower().replace(' ', '-')}.txt"
    actual = "\n".join(_layout(pdf_tools)) + "\n"
    if not golden.exists():
        pytest.skip(f"no golden layout for the font {family}; create it with scripts/update_golden_first_pages.py")
    assert actual == golden.read_text(encoding="utf-8")
