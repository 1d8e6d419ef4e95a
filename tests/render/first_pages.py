"""The documents of the golden first-page tests: one small city with every kind of issuer.

Shared by tests/render/test_golden_headers.py and scripts/update_golden_first_pages.py (the only
writer of the golden files: a test never rewrites what it compares with).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from chilinh_desktop.core.dossiers import ensure_dossiers
from chilinh_desktop.core.officials import add_official
from chilinh_desktop.core.units import add_unit
from chilinh_desktop.formspec import set_form_answers
from chilinh_desktop.ops.printing import print_form

GOLDEN = Path(__file__).parent / "golden"
START = dt.date(2020, 10, 1)

# Party committees above cells, with the cells the cadres below belong to.
COMMITTEES = (
    ("DBCQ", "Đảng bộ Cơ quan Chính quyền thành phố", (("DBCQ-PNV", "Chi bộ Phòng Nội vụ"),)),
    ("DBDDT", "Đảng bộ Cơ quan Đảng – Đoàn thể", (("DBDDT-BTC", "Chi bộ Ban Tổ chức Thành ủy"),
                                                 ("DBDDT-MTTQ", "Chi bộ Ủy ban MTTQ Việt Nam thành phố"))),
)

# kind: code, name, type, the cadre's cell, (header lines of the unit's papers), number, T/M line, place,
# (header lines of the cadre's 02B).
ISSUERS = {
    "ward": ("DB01", "Đảng bộ phường Minh Khai", "dang_bo_co_so", "Chi bộ Cơ quan phường Minh Khai",
             ("ĐẢNG BỘ THÀNH PHỐ MINH GIANG", "ĐẢNG ỦY PHƯỜNG MINH KHAI"), "Số 12-BC/ĐU", "T/M ĐẢNG ỦY",
             "Minh Khai", ("ĐẢNG BỘ PHƯỜNG MINH KHAI", "CHI BỘ CƠ QUAN PHƯỜNG MINH KHAI")),
    "commune": ("DB13", "Đảng bộ xã Hồng Phong", "dang_bo_co_so", "Chi bộ Chi bộ Cơ quan xã Hồng Phong",
                ("ĐẢNG BỘ THÀNH PHỐ MINH GIANG", "ĐẢNG ỦY XÃ HỒNG PHONG"), "Số 12-BC/ĐU", "T/M ĐẢNG ỦY",
                "Hồng Phong", ("ĐẢNG BỘ XÃ HỒNG PHONG", "CHI BỘ CƠ QUAN XÃ HỒNG PHONG")),
    "court": ("CBTA", "Chi bộ Tòa án nhân dân thành phố", "chi_bo_co_so", "Chi bộ Tòa án nhân dân thành phố",
              ("ĐẢNG BỘ THÀNH PHỐ MINH GIANG", "CHI BỘ TÒA ÁN NHÂN DÂN THÀNH PHỐ"), "Số 12-BC/CB", "T/M CHI BỘ",
              "Minh Giang", ("ĐẢNG BỘ THÀNH PHỐ MINH GIANG", "CHI BỘ TÒA ÁN NHÂN DÂN THÀNH PHỐ")),
    "department": ("PNV", "Phòng Nội vụ", "phong_ban", "Chi bộ Phòng Nội vụ",
                   ("ỦY BAN NHÂN DÂN THÀNH PHỐ MINH GIANG", "PHÒNG NỘI VỤ"), "Số: 12/BC-PNV",
                   "T/M TẬP THỂ LÃNH ĐẠO", "Minh Giang",
                   ("ĐẢNG BỘ CƠ QUAN CHÍNH QUYỀN THÀNH PHỐ", "CHI BỘ PHÒNG NỘI VỤ")),
    "board": ("BTC", "Ban Tổ chức Thành ủy", "phong_ban", "Chi bộ Ban Tổ chức Thành ủy",
              ("THÀNH ỦY MINH GIANG", "BAN TỔ CHỨC"), "Số 12-BC/BTCTU", "T/M TẬP THỂ LÃNH ĐẠO", "Minh Giang",
              ("ĐẢNG BỘ CƠ QUAN ĐẢNG – ĐOÀN THỂ", "CHI BỘ BAN TỔ CHỨC THÀNH ỦY")),
    "front": ("MTTQ", "Ủy ban MTTQ Việt Nam thành phố", "mttq_doan_the", "Chi bộ Ủy ban MTTQ Việt Nam thành phố",
              ("ỦY BAN MTTQ VIỆT NAM THÀNH PHỐ",), "Số: 12/BC-UBMTTQVNTP", "T/M TẬP THỂ LÃNH ĐẠO", "Minh Giang",
              ("ĐẢNG BỘ CƠ QUAN ĐẢNG – ĐOÀN THỂ", "CHI BỘ ỦY BAN MTTQ VIỆT NAM THÀNH PHỐ")),
}
STATE = ("department", "front")  # agencies of the state and the Front: the state's name on the right
GRASSROOTS = ("ward", "commune", "court")  # the party organisations that send a classification report
CADRE_FORMS = ("NG2024", "DP2024", "BSLL")  # a cadre's other papers of the 2023 dossier

REPORT = {
    "place": "", "document_date": "2023-12-08", "number": "12", "collective": "Tập thể lãnh đạo",
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


def unit_forms(kind: str) -> tuple[str, ...]:
    """The unit documents a kind of issuer prints."""
    return ("01", "BBKD", "BCXL") if kind in GRASSROOTS else ("01", "BBKD")


def build_city(store, cycle) -> dict[str, str]:
    """The small city: every kind of issuer with one cadre; returns each kind's cadre id."""
    add_unit(store, code="TU", name="Thành ủy Minh Giang", type="thanh_uy", parent_code=None, valid_from=START)
    for code, name, cells in COMMITTEES:
        add_unit(store, code=code, name=name, type="dang_bo_co_so", parent_code="TU", valid_from=START)
        for cell_code, cell in cells:
            add_unit(store, code=cell_code, name=cell, type="chi_bo_truc_thuoc", parent_code=code, valid_from=START)
    officials = {}
    for kind, (code, name, unit_type, cell, *_rest) in ISSUERS.items():
        add_unit(store, code=code, name=name, type=unit_type, parent_code="TU", valid_from=START)
        officials[kind] = add_official(store, full_name=f"Cán bộ {code}", unit_code=code, tier="btv_thanh_uy",
                                       party_post="Bí thư", party_cell=cell).id
        # The unit's papers are signed and chaired by one of its own cadres (issue 23): else a final print
        # is refused and these pages would be drafts.
        add_official(store, full_name="Nguyễn Văn An", unit_code=code, tier="btv_thanh_uy", party_post="Bí thư")
    ensure_dossiers(store, cycle)
    return officials


def print_one(store, cycle, form: str, kind: str, officials: dict[str, str]) -> bytes:
    """The PDF of one filled form of one kind of issuer."""
    code = ISSUERS[kind][0]
    if form == "02B":
        set_form_answers(store, cycle, form, SELF_REVIEW, official_id=officials[kind], actor="test")
        return print_form(store, cycle, form, official_id=officials[kind]).pdf
    if form in CADRE_FORMS:  # printed blank, as a person fills them by hand
        return print_form(store, cycle, form, official_id=officials[kind]).pdf
    answers = {"01": REPORT, "BCXL": CLASSIFICATION, "BBKD": MINUTES}[form]
    set_form_answers(store, cycle, form, answers, unit_code=code, actor="test")
    return print_form(store, cycle, form, unit_code=code).pdf


def golden_path(family: str, form: str, kind: str) -> Path:
    """The golden first page of one document type and kind of issuer, for one font family."""
    return GOLDEN / "first-pages" / family.lower().replace(" ", "-") / f"{form}-{kind}.txt"


def documents() -> list[tuple[str, str]]:
    """Every (form, kind) with a golden first page."""
    out = [(form, kind) for kind in ISSUERS for form in unit_forms(kind)]
    return out + [(form, kind) for kind in ISSUERS for form in ("02B", *CADRE_FORMS)]


def first_page_text(pdf: bytes) -> str:
    """Page 1 read back with pypdf, one printed line a line, trailing spaces gone."""
    import io

    import pypdf

    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    return "\n".join(line.rstrip() for line in page.extract_text().splitlines()) + "\n"
