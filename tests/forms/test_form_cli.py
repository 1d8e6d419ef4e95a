"""`chilinh forms`, `form get` and `form set` over a real data file."""

from __future__ import annotations

import json
import unicodedata

from chilinh_desktop.cli import main
from chilinh_desktop.core.dossiers import find_dossier, stored_items


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_forms_lists_every_form_of_the_cycle_with_typed_fields(store, capsys):
    code, out, _ = _run(capsys, "forms", "--json", "--db", str(store.path))
    forms = {f["id"]: f for f in json.loads(out)}
    assert code == 0
    assert {"01", "02B", "BBKD", "BCXL", "NG2024", "DP2024", "BSLL"} <= set(forms)
    fields = {f["id"]: f for f in forms["02B"]["fields"]}
    assert fields["i1_politics"]["type"] == "longtext"
    assert fields["document_date"]["type"] == "date"
    assert fields["full_name"]["label"] == "Họ và tên"
    assert forms["residence_comment"]["kind"] == "attachment"


def test_set_then_get_round_trips_in_nfc(store, cadre, cycle_2023, tmp_path, capsys):
    answers = {"i1_politics": unicodedata.normalize("NFD", "Giữ gìn phẩm chất đạo đức."), "i1_level": "Tốt"}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    code, out, _ = _run(capsys, "form", "set", "--db", str(store.path), "--official", cadre.id, "--form", "02B",
                        "--answers", str(path))
    assert code == 0 and "i2_duties" in out  # saved as a draft, the gaps listed
    code, out, _ = _run(capsys, "form", "get", "--db", str(store.path), "--official", cadre.id, "--form", "02B")
    assert json.loads(out) == {"i1_politics": "Giữ gìn phẩm chất đạo đức.", "i1_level": "tot"}


def test_wrong_answers_write_nothing_and_name_every_field(store, cadre, cycle_2023, tmp_path, capsys):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"document_date": "hôm qua", "vii_rating_cadre": "Giỏi", "i1_politics": "x"}),
                    encoding="utf-8")
    code, _, err = _run(capsys, "form", "set", "--db", str(store.path), "--official", cadre.id, "--form", "02B",
                        "--answers", str(path))
    assert code == 2
    assert "document_date" in err and "vii_rating_cadre" in err
    dossier = find_dossier(store, cycle_2023, official_id=cadre.id)
    assert "self_review" not in stored_items(store, dossier.id)


def test_a_complete_form_makes_the_item_complete(store, cadre, cycle_2023, tmp_path, capsys):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"no_change": True}), encoding="utf-8")
    code, _, _ = _run(capsys, "form", "set", "--db", str(store.path), "--official", cadre.id, "--form", "BSLL",
                      "--answers", str(path))
    dossier = find_dossier(store, cycle_2023, official_id=cadre.id)
    item = stored_items(store, dossier.id)["record_supplement"]
    assert code == 0 and item.state.value == "complete" and (item.form_id, item.form_version) == ("BSLL", "2023.1")


def test_a_collective_form_needs_a_unit(store, cadre, tmp_path, capsys):
    path = tmp_path / "a.json"
    path.write_text("{}", encoding="utf-8")
    code, _, err = _run(capsys, "form", "set", "--db", str(store.path), "--official", cadre.id, "--form", "01",
                        "--answers", str(path))
    assert code == 2 and "--unit" in err


def test_malformed_json_is_refused(store, cadre, tmp_path, capsys):
    path = tmp_path / "a.json"
    path.write_text("{oops", encoding="utf-8")
    code, _, err = _run(capsys, "form", "set", "--db", str(store.path), "--official", cadre.id, "--form", "02B",
                        "--answers", str(path))
    assert code == 2 and "JSON" in err
