"""The Word output carries what the PDF carries: the number line, the 'Nơi nhận' block and the four-box level
line of 02B 2023.2, computed by the same functions (render.parts), read back with python-docx."""

from __future__ import annotations

import io

import docx
from test_word_output import ANSWERS

from chilinh_desktop.cli import main
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier
from chilinh_desktop.formspec import set_form_answers
from chilinh_desktop.ops.printing import item_document, prepare, print_item_docx
from chilinh_desktop.render.parts import document_number, placeholder_values, recipients


def _texts(doc) -> list[str]:
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return lines


def test_02b_word_ticks_the_chosen_level_box(store, cycle_2023, cadre, tmp_path, capsys):
    set_form_answers(store, cycle_2023, "02B", ANSWERS, official_id=cadre.id, actor="test")
    out = tmp_path / "review.docx"
    assert main(["print", "02B", "--db", str(store.path), "--official", cadre.id, "--out", str(out)]) == 0
    lines = [line for line in _texts(docx.Document(str(out))) if line.startswith("Tự đánh giá mức độ thực hiện:")]
    assert lines == [
        "Tự đánh giá mức độ thực hiện: ☐ Xuất sắc ☒ Tốt ☐ Trung bình ☐ Kém",  # I.1: tot
        "Tự đánh giá mức độ thực hiện: ☒ Xuất sắc ☐ Tốt ☐ Trung bình ☐ Kém",  # I.2: xuat_sac
        "Tự đánh giá mức độ thực hiện: ☐ Xuất sắc ☒ Tốt ☐ Trung bình ☐ Kém",  # I.3: tot
    ]


def test_unit_report_word_has_the_number_line_and_the_recipients_of_the_pdf(demo_store):
    cycle = get_cycle(demo_store)
    dossier = find_dossier(demo_store, cycle, unit_code="DB01")
    item = "classification_report"
    doc = docx.Document(io.BytesIO(print_item_docx(demo_store, cycle, dossier.id, item, final=False)))
    filled = prepare(demo_store, cycle, item_document(demo_store, cycle, dossier.id, item), draft=True).filled
    values = placeholder_values(filled)
    number = document_number(filled, values)
    assert number.startswith("Số ") and number.endswith("-BC/ĐU")
    header_left = [p.text for p in doc.tables[0].cell(0, 0).paragraphs]
    assert header_left[-1] == number  # under the issuer and its star, as in the PDF
    signer_table = doc.tables[-1]
    left = [p.text for p in signer_table.cell(0, 0).paragraphs]
    assert left[0] == "Nơi nhận:" and left[1:] == recipients(filled, values) and len(left) > 2
    right = [p.text for p in signer_table.cell(0, 1).paragraphs]
    assert right[0] == "T/M ĐẢNG ỦY"
