"""Word files built in the tests with python-docx: the same 02B self-review in several guises."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
from docx.shared import Pt

from chilinh_desktop.core.legacy_text import encode_tcvn3, encode_vni

Encoder = Callable[[str], str]

IDENTITY = [
    "Họ và tên: Đỗ Thị Hà",
    "Ngày sinh: 05/02/1979",
    "Chức vụ Đảng: Bí thư Chi bộ",
    "Chức vụ chính quyền: Trưởng phòng Nội vụ",
    "Đơn vị công tác: Phòng Nội vụ",
]

# The 2023 wording of heading I's items (Mẫu 02B-HDKĐ.ĐG 2023, HD 25-HD/BTCTW), as an office copies it.
ITEMS_2023 = [
    ("1. Về phẩm chất chính trị, đạo đức, lối sống; tinh thần đoàn kết, thống nhất trong nội bộ; ý thức tổ chức "
     "kỷ luật, trách nhiệm nêu gương; việc thực hiện những điều đảng viên không được làm; tác phong, lề lối làm việc.",
     "i1_politics", ["Luôn trung thành với Đảng, gương mẫu chấp hành chủ trương của Đảng.",
                     "Giữ gìn đoàn kết nội bộ, sống giản dị, gần gũi quần chúng."]),
    ("2. Việc thực hiện chức trách, nhiệm vụ, quyền hạn và kết quả thực hiện các chỉ tiêu, nhiệm vụ được giao "
     "trong năm", "i2_duties", ["Hoàn thành 100% chỉ tiêu, vượt 3 chỉ tiêu về cải cách hành chính."]),
    ("3. Kết quả lãnh đạo, chỉ đạo, quản lý, điều hành cơ quan, đơn vị, lĩnh vực được giao phụ trách",
     "i3_leadership", ["Phòng Nội vụ hoàn thành tốt nhiệm vụ; tập thể đoàn kết."]),
]
# The 2019 wording, where heading I had items 4 to 6 of its own.
ITEMS_2019 = [
    ("1. Về tư tưởng chính trị; phẩm chất đạo đức, lối sống; ý thức tổ chức kỷ luật; tác phong, lề lối làm việc",
     "i1_politics", ["Kiên định lập trường, tư tưởng chính trị vững vàng."]),
    ("2. Về kết quả thực hiện chức trách, nhiệm vụ được giao", "i2_duties", ["Hoàn thành các nhiệm vụ được giao."]),
    ("3. Kết quả lãnh đạo, quản lý, điều hành cơ quan, đơn vị, lĩnh vực được giao phụ trách", "i3_leadership",
     ["Lãnh đạo cơ quan hoàn thành nhiệm vụ."]),
    ("4. Về tinh thần trách nhiệm, tính năng động, đổi mới, sáng tạo, dám nghĩ, dám làm, dám chịu trách nhiệm",
     "i4_initiative", ["Chủ động đề xuất số hóa hồ sơ cán bộ."]),
    ("5. Về trách nhiệm nêu gương của bản thân và gia đình", "i5_exemplary", ["Gia đình chấp hành tốt pháp luật."]),
    ("6. Việc thực hiện cam kết tu dưỡng, rèn luyện, phấn đấu hằng năm", "i6_commitment",
     ["Thực hiện đầy đủ cam kết năm 2023."]),
]
LATER = [
    ("II. Hạn chế, khuyết điểm và nguyên nhân", None, []),
    ("1. Hạn chế, khuyết điểm", "ii_shortcomings", ["Có lúc chưa sâu sát cơ sở.", "Việc tự học còn hạn chế."]),
    ("2. Nguyên nhân của hạn chế, khuyết điểm", "ii_causes", ["Khối lượng công việc lớn."]),
    ("III. Kết quả khắc phục những hạn chế, khuyết điểm đã được cấp có thẩm quyền kết luận hoặc được chỉ ra ở "
     "các kỳ kiểm điểm trước", "iii_remedies", ["Đã khắc phục việc chậm báo cáo."]),
    ("IV. Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)", "iv_explanations", ["Không có."]),
    ("V. Làm rõ trách nhiệm của cá nhân đối với những hạn chế, khuyết điểm của tập thể (nếu có)",
     "v_responsibility", ["Chịu trách nhiệm người đứng đầu về việc chậm tiến độ."]),
    ("VI. Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm", "vi_measures",
     ["Tăng cường đi cơ sở.", "Dành thời gian tự học mỗi tuần."]),
]


def expected(items: list) -> dict[str, str]:
    """The texts each field should receive from a file built from `items` and LATER."""
    out = {}
    for _heading, field_id, lines in items + LATER:
        if field_id:
            out[field_id] = "\n".join(lines)
    return out


def self_review(path: Path, *, items: list = ITEMS_2023, encode: Encoder | None = None, font: str = "Times New Roman",
                caps_font: str | None = None, extra: list[str] = (), tables: bool = False) -> Path:
    """A 02B self-review as an office types it; `encode` + `font` for a legacy-encoded copy."""
    doc = docx.Document()
    enc = encode or (lambda s: s)

    def add(text: str, *, bold: bool = False, capitals: bool = False, where=None) -> None:
        para = (where or doc).add_paragraph()
        run = para.add_run(enc(text))
        run.bold = bold
        run.font.name = caps_font if capitals and caps_font else font
        run.font.size = Pt(14)

    header = doc.add_table(rows=1, cols=2)
    add("ĐẢNG BỘ THÀNH PHỐ MINH GIANG", capitals=True, where=header.cell(0, 0))
    add("CHI BỘ PHÒNG NỘI VỤ", bold=True, capitals=True, where=header.cell(0, 0))
    add("ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, capitals=True, where=header.cell(0, 1))
    add("Minh Giang, ngày 04 tháng 12 năm 2023", where=header.cell(0, 1))
    add("BẢN KIỂM ĐIỂM CÁ NHÂN", bold=True, capitals=True)
    add("Năm 2023")
    add("(Cá nhân giữ chức vụ lãnh đạo, quản lý)")
    for line in IDENTITY:
        add(line)
    add("I. Ưu điểm, kết quả đạt được", bold=True)
    for line in extra:
        add(line)
    body = doc.add_table(rows=0, cols=2) if tables else None
    for heading, field_id, lines in items + LATER:
        cell = None
        if body is not None:
            row = body.add_row()
            add(heading, bold=True, where=row.cells[0])
            cell = row.cells[1]
        else:
            add(heading, bold=True)
        for line in lines:
            add(line, where=cell)
        if field_id in ("i1_politics", "i2_duties", "i3_leadership"):
            add("Tự đánh giá mức độ thực hiện: ☐ Xuất sắc ☑ Tốt ☐ Trung bình ☐ Kém", where=cell)
    add("VII. Tự nhận mức xếp loại chất lượng", bold=True)
    add("1. Xếp loại chất lượng cán bộ, công chức: Hoàn thành tốt nhiệm vụ")
    add("2. Xếp loại chất lượng đảng viên: Hoàn thành tốt nhiệm vụ")
    add("NGƯỜI TỰ KIỂM ĐIỂM", bold=True, capitals=True)
    add("(Ký, ghi rõ họ tên)")
    add("Đỗ Thị Hà", bold=True)
    doc.save(path)
    return path


def tcvn3(path: Path, **kw) -> Path:
    """The same file typed with TCVN3 fonts (.VnTime, .VnTimeH for capitals)."""
    return self_review(path, encode=encode_tcvn3, font=".VnTime", caps_font=".VnTimeH", **kw)


def vni(path: Path, **kw) -> Path:
    """The same file typed with VNI-Windows fonts."""
    return self_review(path, encode=encode_vni, font="VNI-Times", **kw)
