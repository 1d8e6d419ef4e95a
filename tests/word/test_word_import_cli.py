"""`chilinh form import --from FILE.docx`: dry run, save, keep or replace, refusals, identity report."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import docx
from docx_fixtures import ITEMS_2023, expected, self_review, tcvn3

from chilinh_desktop.cli import main
from chilinh_desktop.core.officials import get_official
from chilinh_desktop.formspec import get_form_item, set_form_answers


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _answers(store, cycle, official) -> dict:
    return get_form_item(store, cycle, "02B", official_id=official.id).answers


def _import(store, official, path, *extra):
    return ["form", "import", "--db", str(store.path), "--official", official.id, "--form", "02B",
            "--from", str(path), *extra]


def test_dry_run_shows_the_mapping_and_saves_nothing(store, cycle_2023, cadre, tmp_path, capsys):
    path = self_review(tmp_path / "review.docx")
    code, out, _err = _run(capsys, *_import(store, cadre, path, "--dry-run"))
    assert code == 0
    assert _answers(store, cycle_2023, cadre) == {}
    assert "i1_politics" in out and "Luôn trung thành với Đảng" in out
    code, out, _err = _run(capsys, *_import(store, cadre, path, "--dry-run", "--json"))
    report = json.loads(out)
    assert report["saved"] is False
    fields = {f["id"]: f for f in report["fields"]}
    assert fields["i1_politics"]["paragraphs"] == 2 and fields["vi_measures"]["action"] == "fill"


def test_import_saves_every_section_into_its_field(store, cycle_2023, cadre, tmp_path, capsys):
    code, out, _err = _run(capsys, *_import(store, cadre, tcvn3(tmp_path / "old.docx"), "--json"))
    assert code == 0 and json.loads(out)["encodings"] == {"tcvn3": 44}
    answers = _answers(store, cycle_2023, cadre)
    for key, text in expected(ITEMS_2023).items():
        assert answers[key] == text
    assert answers["vii_rating_cadre"] == "HTTNV" and answers["i2_level"] == "tot"
    assert answers["document_date"] == "2023-12-04"


def test_filled_fields_stay_unless_replace(store, cycle_2023, cadre, tmp_path, capsys):
    set_form_answers(store, cycle_2023, "02B", {"i1_politics": "Viết tay từ trước."}, official_id=cadre.id,
                     actor="test")
    path = self_review(tmp_path / "review.docx")
    code, out, _err = _run(capsys, *_import(store, cadre, path, "--json"))
    assert code == 0 and "i1_politics" in json.loads(out)["kept"]
    answers = _answers(store, cycle_2023, cadre)
    assert answers["i1_politics"] == "Viết tay từ trước." and answers["i2_duties"]
    assert _run(capsys, *_import(store, cadre, path, "--replace"))[0] == 0
    assert _answers(store, cycle_2023, cadre)["i1_politics"].startswith("Luôn trung thành")


def test_identity_differences_are_reported_and_the_registry_is_untouched(store, cycle_2023, cadre, tmp_path,
                                                                           capsys):
    path = self_review(tmp_path / "review.docx")
    import docx

    doc = docx.Document(str(path))
    line = next(p for p in doc.paragraphs if p.text.startswith("Ngày sinh"))
    line.runs[0].text = "Ngày sinh: 15/02/1979"
    doc.save(str(path))
    code, out, _err = _run(capsys, *_import(store, cadre, path, "--json"))
    differing = [i for i in json.loads(out)["identity"] if not i["same"]]
    assert code == 0
    assert [(i["field"], i["in_file"], i["in_registry"]) for i in differing] == [
        ("birth_date", "15/02/1979", "05/02/1979")]
    assert str(get_official(store, cadre.id).birth_date) == "1979-02-05"
    assert "birth_date" not in _answers(store, cycle_2023, cadre)


def test_extra_text_is_reported_not_saved(store, cycle_2023, cadre, tmp_path, capsys):
    path = self_review(tmp_path / "extra.docx", extra=["Đoạn này không thuộc mục nào."])
    code, out, _err = _run(capsys, *_import(store, cadre, path))
    assert code == 0 and "Đoạn này không thuộc mục nào." in out
    assert all("Đoạn này" not in str(v) for v in _answers(store, cycle_2023, cadre).values())


def test_a_word_97_file_is_refused_and_nothing_is_written(store, cycle_2023, cadre, tmp_path, capsys):
    path = tmp_path / "review.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    code, _out, err = _run(capsys, *_import(store, cadre, path))
    assert code == 2 and ".docx" in err and "Traceback" not in err
    assert _answers(store, cycle_2023, cadre) == {}


def test_a_unit_form_imports_with_unit(demo_store, tmp_path, capsys):
    from chilinh_desktop.core.cycles import get_cycle
    from chilinh_desktop.core.dossiers import find_dossier
    from chilinh_desktop.core.units import unit_tree

    cycle = get_cycle(demo_store)
    code = None
    for node in unit_tree(demo_store, cycle.tree_date).walk():
        try:
            if not find_dossier(demo_store, cycle, unit_code=node.unit.code).locked:
                code = node.unit.code
                break
        except Exception:
            continue
    assert code is not None
    doc = docx.Document()
    for line in ["BÁO CÁO KIỂM ĐIỂM TẬP THỂ", "I. Ưu điểm, kết quả đạt được",
                 "2. Kết quả thực hiện nhiệm vụ chính trị, các chỉ tiêu, nhiệm vụ được giao trong năm",
                 "Hoàn thành 12/12 chỉ tiêu.", "Vượt 4 chỉ tiêu."]:
        doc.add_paragraph(line)
    doc.save(str(tmp_path / "unit.docx"))
    code_rc, _out, err = _run(capsys, "form", "import", "--db", str(demo_store.path), "--unit", code, "--form", "01",
                              "--from", str(tmp_path / "unit.docx"), "--replace")
    assert code_rc == 0, err
    answers = get_form_item(demo_store, cycle, "01", unit_code=code).answers
    assert answers["i2_tasks"] == "Hoàn thành 12/12 chỉ tiêu.\nVượt 4 chỉ tiêu."


def test_python_docx_loads_only_on_first_use():
    code = ("import sys, chilinh_desktop.cli, chilinh_desktop.ui.main_window; "
            "from chilinh_desktop.cli import build_parser; build_parser(); print('docx' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.stdout.strip() == "False"
