"""Input limits: overlong values, control characters and unpaired surrogates are refused with the field named."""

from __future__ import annotations

import io
import json

import pypdf
import pytest

from chilinh_desktop.cli import main
from chilinh_desktop.core.definitions import SHIPPED
from chilinh_desktop.core.errors import ValidationError
from chilinh_desktop.formspec import set_form_answers
from chilinh_desktop.formspec.loader import form_for_item, item_for_form, load_form
from chilinh_desktop.formspec.schema import check_part
from chilinh_desktop.formspec.validate import input_limits
from chilinh_desktop.ops.printing import print_form


def _set(store, cycle, cadre, answers, form="02B"):
    with pytest.raises(ValidationError) as caught:
        set_form_answers(store, cycle, form, answers, official_id=cadre.id, actor="test")
    return dict(caught.value.problems)


@pytest.mark.parametrize("bad, code", [("\x00", "U+0000"), ("\x1b[31m", "U+001B"), ("\u202eabc", "U+202E"),
                                       ("\x7f", "U+007F")])
def test_control_characters_are_refused_with_the_field_named(store, cycle_2023, cadre, bad, code):
    problems = _set(store, cycle_2023, cadre, {"i1_politics": f"Giữ vững lập trường{bad}."})
    assert "i1_politics" in problems and code in problems["i1_politics"]
    label = form_for_item(cycle_2023, item_for_form(cycle_2023, "02B")).field("i1_politics").label
    assert label[:40] in problems["i1_politics"]  # the label a person sees


def test_tabs_and_newlines_are_text(store, cycle_2023, cadre):
    checked = set_form_answers(store, cycle_2023, "02B", {"i1_politics": "Một.\r\nHai:\tba."},
                               official_id=cadre.id, actor="test")
    assert checked.answers["i1_politics"] == "Một.\nHai:\tba."


def test_an_overlong_value_is_refused_before_anything_else(store, cycle_2023, cadre):
    limit = input_limits(SHIPPED).max_length["longtext"]
    assert limit == 20_000
    problems = _set(store, cycle_2023, cadre, {"i1_politics": "a" * 10_000_000, "place": "Minh Giang"})
    assert "20000" in problems["i1_politics"] and "10000000" in problems["i1_politics"]
    line = input_limits(SHIPPED).max_length["text"]
    problems = _set(store, cycle_2023, cadre, {"place": "x" * (line + 1)})
    assert str(line) in problems["place"]


def test_unpaired_surrogates_are_refused_cleanly_on_the_command_line(store, cadre, tmp_path, capsys):
    answers = tmp_path / "answers.json"
    # json.dumps writes lone surrogates as \ud800 escapes, exactly as a crafted file would carry them.
    answers.write_text(json.dumps({"i1_politics": "a\ud800b", "x\udfff": "y"}), encoding="utf-8")
    code = main(["form", "set", "--db", str(store.path), "--official", cadre.id, "--form", "02B",
                 "--answers", str(answers)])
    err = capsys.readouterr().err
    assert code == 2
    assert "U+D800" in err and "x\\udfff" in err and "Traceback" not in err


def test_a_table_far_beyond_its_rows_is_not_read(store, cycle_2023, cadre):
    form = load_form("NG2024", "2023.1", definitions=SHIPPED)
    table = next(f for f in form.fields() if f.type == "rows")
    column = table.columns[0].id
    problems = _set(store, cycle_2023, cadre, {table.id: [{column: "x"}] * 1_000_000}, form="NG2024")
    assert table.id in problems


def test_the_limits_file_is_checked_against_the_schema():
    assert check_part({"max_length": {"text": 1000}, "rows": {"max_rows": 0}}, "limits") != []
    assert check_part({"max_length": dict(input_limits(SHIPPED).max_length), "rows": {"max_rows": 200}}, "limits") == []


def test_a_02b_filled_to_every_limit_prints_whole(store, cycle_2023, cadre):
    form = form_for_item(cycle_2023, item_for_form(cycle_2023, "02B"))
    longtexts = [f.id for f in form.fields() if f.type == "longtext"]
    paragraph = ("Bản thân luôn giữ vững lập trường tư tưởng, kiên định mục tiêu, lý tưởng của Đảng; "
                 "thường xuyên tự phê bình và phê bình. ") * 9
    text = "\n".join([paragraph.strip()] * 40)[:20_000]
    set_form_answers(store, cycle_2023, "02B", dict.fromkeys(longtexts, text), official_id=cadre.id, actor="test")
    pdf = print_form(store, cycle_2023, "02B", official_id=cadre.id).pdf
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 5 * len(longtexts)
    assert "kiên định mục tiêu" in reader.pages[-2].extract_text()
