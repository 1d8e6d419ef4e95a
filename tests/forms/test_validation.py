"""Answers are checked against their form: wrong values are errors, missing ones are gaps."""

from __future__ import annotations

import unicodedata

import pytest

from chilinh_desktop.core.definitions import SHIPPED
from chilinh_desktop.formspec import check_answers, load_form, load_scales
from chilinh_desktop.formspec.validate import input_limits

LIMITS = input_limits(SHIPPED)


@pytest.fixture
def scales():
    return load_scales("2023", definitions=SHIPPED)


def test_a_wrong_value_is_an_error_naming_the_field_in_vietnamese(scales):
    checked = check_answers(load_form("02B", definitions=SHIPPED), {"document_date": "mai", "i1_level": "Giỏi"},
                            scales, LIMITS)
    messages = dict(checked.errors)
    assert "«Ngày viết bản kiểm điểm»" in messages["document_date"]
    assert "không phải ngày hợp lệ" in messages["document_date"]
    assert "Xuất sắc, Tốt, Trung bình, Kém" in messages["i1_level"]


def test_every_missing_required_field_is_a_gap(scales):
    checked = check_answers(load_form("02B", definitions=SHIPPED), {"i1_politics": "Tốt."},
                            scales, LIMITS)
    assert not checked.errors and not checked.complete
    gaps = [where for where, _ in checked.gaps]
    assert "i1_politics" not in gaps
    assert {"i2_duties", "vii_rating_cadre", "vii_rating_member"} <= set(gaps)


def test_labels_and_ids_are_both_accepted_and_ids_are_stored(scales):
    checked = check_answers(load_form("02B", definitions=SHIPPED),
                            {"i1_level": "tốt", "vii_rating_cadre": "Hoàn thành tốt nhiệm vụ",
                             "vii_rating_member": "HTXSNV"}, scales, LIMITS)
    assert checked.answers == {"i1_level": "tot", "vii_rating_cadre": "HTTNV", "vii_rating_member": "HTXSNV"}


def test_decomposed_input_is_stored_in_nfc(scales):
    text = unicodedata.normalize("NFD", "Nguyễn Thị Hường kiểm điểm nghiêm túc.")
    checked = check_answers(load_form("02B", definitions=SHIPPED), {"i1_politics": text, "head_name": text},
                            scales, LIMITS)
    assert checked.answers["i1_politics"] == unicodedata.normalize("NFC", text)
    assert unicodedata.is_normalized("NFC", checked.answers["head_name"])


def test_dates_may_be_typed_the_vietnamese_way(scales):
    checked = check_answers(load_form("02B", definitions=SHIPPED), {"document_date": "05/12/2023"},
                            scales, LIMITS)
    assert checked.answers["document_date"] == "2023-12-05"


def test_unknown_fields_are_errors(scales):
    checked = check_answers(load_form("02B", definitions=SHIPPED), {"ghi_chu": "x"},
                            scales, LIMITS)
    assert checked.errors[0][0] == "ghi_chu"


def test_numbers_keep_their_bounds(scales):
    checked = check_answers(load_form("BBKD", definitions=SHIPPED), {"members_total": 0, "members_present": "7,5"},
                            scales, LIMITS)
    assert {where for where, _ in checked.errors} == {"members_total", "members_present"}


def test_breakthrough_registration_allows_one_or_two_rows(scales):
    row = {"task": "Số hóa hồ sơ", "product": "Kho dữ liệu", "deadline": "Quý II/2024", "responsible": "Tôi"}
    form = load_form("DP2024", definitions=SHIPPED)
    assert not check_answers(form, {"tasks": [row, row]}, scales, LIMITS).errors
    three = check_answers(form, {"tasks": [row, row, row]}, scales, LIMITS)
    assert three.errors == [("tasks", three.errors[0][1])]
    partial = check_answers(form, {"tasks": [{"task": "Số hóa hồ sơ"}]}, scales, LIMITS)
    assert "tasks[1].product" in [where for where, _ in partial.gaps]


def test_no_change_this_year_waives_the_table_of_changes(scales):
    form = load_form("BSLL", definitions=SHIPPED)
    assert check_answers(form, {"no_change": True}, scales, LIMITS).complete
    assert "changes" in dict(check_answers(form, {"no_change": False}, scales, LIMITS).gaps)


def test_a_long_answer_keeps_its_paragraphs(scales):
    checked = check_answers(load_form("02B", definitions=SHIPPED), {"i1_politics": "  Một.  \r\n\r\nHai.\n"},
                            scales, LIMITS)
    assert checked.answers["i1_politics"] == "Một.\n\nHai."
