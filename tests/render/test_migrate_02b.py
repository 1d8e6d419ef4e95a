"""A 02B made with the 2019-order version 2023.1 keeps printing as made; moving it to 2023.2 loses no word."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from chilinh_desktop.core.definitions import SHIPPED
from chilinh_desktop.core.dossiers import ensure_dossiers, find_dossier, save_answers, stored_items
from chilinh_desktop.core.errors import StateError
from chilinh_desktop.core.officials import add_official
from chilinh_desktop.core.units import add_unit
from chilinh_desktop.formspec import check_answers, item_for_form, load_form, load_scales
from chilinh_desktop.formspec.migrate import migrate_answers, migrate_item
from chilinh_desktop.formspec.validate import input_limits
from chilinh_desktop.ops.printing import print_form

LIMITS = input_limits(SHIPPED)

OLD_ANSWERS = {
    "document_date": "2023-11-28",
    "i1_politics": "Kiên định lập trường chính trị.", "i1_level": "tot",
    "i2_duties": "Hoàn thành chỉ tiêu được giao.", "i2_level": "xuat_sac",
    "i3_leadership": "Lãnh đạo đơn vị hoàn thành nhiệm vụ.", "i3_level": "tot",
    "i4_initiative": "Đề xuất rút ngắn thời gian giải quyết thủ tục.", "i4_level": "xuat_sac",
    "i5_exemplary": "Gia đình gương mẫu nơi cư trú.", "i5_level": "tot",
    "i6_commitment": "Thực hiện đủ cam kết tu dưỡng năm 2023.", "i6_level": "trung_binh",
    "ii_shortcomings": "Kiểm tra chưa thường xuyên.", "ii_causes": "Việc nhiều.",
    "iii_remedies": "Đã khắc phục.", "iv_explanations": "Không có.", "v_responsibility": "Không có.",
    "vi_measures": "Kiểm tra hằng tháng.", "vii_rating_cadre": "HTTNV", "vii_rating_member": "HTTNV",
}


@pytest.fixture
def old_02b(store, cycle_2023):
    """A cadre whose 02B was saved with version 2023.1, before the cycle moved to 2023.2."""
    add_unit(store, code="TU", name="Thành ủy Minh Giang", type="thanh_uy", parent_code=None,
             valid_from=dt.date(2020, 1, 1))
    add_unit(store, code="PNV", name="Phòng Nội vụ", type="phong_ban", parent_code="TU", valid_from=dt.date(2020, 1, 1))
    official = add_official(store, full_name="Đỗ Thị Hà", unit_code="PNV", tier="btv_thanh_uy")
    ensure_dossiers(store, cycle_2023)
    dossier = find_dossier(store, cycle_2023, official_id=official.id)
    old = load_form("02B", "2023.1", definitions=SHIPPED)
    checked = check_answers(old, OLD_ANSWERS, load_scales("2023", definitions=SHIPPED), LIMITS)
    assert checked.complete
    item = item_for_form(cycle_2023, "02B")
    save_answers(store, cycle_2023, dossier.id, item.id, checked.answers, form_id="02B", form_version="2023.1",
                 complete=True, actor="test")
    return official.id, dossier, item


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_a_dossier_made_with_the_old_version_prints_as_it_was_made(store, cycle_2023, old_02b, pdf_tools):
    text = pdf_tools["text"](print_form(store, cycle_2023, "02B", official_id=old_02b[0]).pdf)
    assert "4. Về tinh thần trách nhiệm" in text and "Tự đánh giá mức độ: Trung bình" in text
    assert "Tự đánh giá mức độ thực hiện" not in text


def test_moving_to_2023_2_keeps_every_typed_word_and_marks_where_it_came_from(store, cycle_2023, old_02b, pdf_tools):
    official_id, dossier, item = old_02b
    checked = migrate_item(store, cycle_2023, dossier, item, actor="test")
    assert checked is not None and checked.complete
    stored = stored_items(store, dossier.id)[item.id]
    assert stored.form_version == cycle_2023.raw["forms"]["02B"]
    moved = " ".join(str(v) for v in stored.answers.values())
    scales = load_scales("2023", definitions=SHIPPED)
    old = load_form("02B", "2023.1", definitions=SHIPPED)
    from chilinh_desktop.formspec import display_value

    for key, value in OLD_ANSWERS.items():
        if key.endswith("_level") and key[:2] in ("i4", "i5", "i6"):
            value = display_value(old.field(key), value, scales)  # a dropped level moves as its label
        for word in _words(str(value)):
            assert word in moved, (key, word)
    assert stored.answers["i2_duties"].startswith("Hoàn thành chỉ tiêu được giao.\n[Chuyển từ Mục I.4 (mẫu cũ)")
    assert "[Chuyển từ Mục I.6 (mẫu cũ), tự đánh giá mức độ:] Trung bình" in stored.answers["i1_politics"]
    text = pdf_tools["text"](print_form(store, cycle_2023, "02B", official_id=official_id).pdf)
    assert "Tự đánh giá mức độ thực hiện: Xuất sắc X Tốt Trung bình Kém" in text
    assert "[Chuyển từ Mục I.5 (mẫu cũ): Về trách nhiệm nêu gương của bản thân và gia đình] Gia đình gương mẫu" in text
    assert "4. Về tinh thần trách nhiệm" not in text
    # Moved once: a second move has nothing to do.
    assert migrate_item(store, cycle_2023, dossier, item, actor="test") is None


def test_an_answer_with_nowhere_to_go_stops_the_move():
    old, new = load_form("01", "2023.1", definitions=SHIPPED), load_form("01", "2023.2", definitions=SHIPPED)
    with pytest.raises(StateError) as caught:
        migrate_answers(old, new, {"signing_body": "ĐẢNG ỦY", "legacy_note": "Ghi chú cũ"},
                        load_scales("2023", definitions=SHIPPED))
    assert "legacy_note" in str(caught.value) and "signing_body" not in str(caught.value)


def test_a_value_the_new_version_computes_is_kept_in_the_audit_of_the_move(store, cycle_2023, old_02b):
    import json

    from chilinh_desktop.core.units import get_unit

    old = load_form("BCXL", "2023.1", definitions=SHIPPED)
    answers = {"own_rating": "HTTNV", "org_total": 26, "org_htxsnv": 12, "signing_body": "CHI ỦY",
               "assessment": "Nghiêm túc."}
    checked = check_answers(old, answers, load_scales("2023", definitions=SHIPPED), LIMITS)
    unit_dossier = find_dossier(store, cycle_2023, unit_code="PNV")
    item = item_for_form(cycle_2023, "BCXL")
    assert get_unit(store, "PNV").type == "phong_ban"
    save_answers(store, cycle_2023, unit_dossier.id, item.id, checked.answers, form_id="BCXL",
                 form_version="2023.1", complete=False, actor="test")
    migrate_item(store, cycle_2023, unit_dossier, item, actor="test")
    assert stored_items(store, unit_dossier.id)[item.id].form_version == cycle_2023.raw["forms"]["BCXL"]
    detail = json.loads(store.db.execute("SELECT detail FROM audit WHERE action = 'form.migrate'").fetchone()[0])
    assert detail["computed_now"]["signing_body"] == "CHI ỦY"


def test_minutes_move_to_2023_2_unchanged():
    old, new = load_form("BBKD", "2023.1", definitions=SHIPPED), load_form("BBKD", "2023.2", definitions=SHIPPED)
    answers = {"venue": "Hội trường", "members_total": 9, "members_present": 9}
    assert migrate_answers(old, new, answers, load_scales("2023", definitions=SHIPPED)) == answers
