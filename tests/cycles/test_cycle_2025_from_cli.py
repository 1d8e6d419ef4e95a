"""A 2025 cycle opened from the command line follows the shipped 2025 definition (QĐ 366, HD 43's forms,
the merged tree's issuer), is usable end to end, and prints nothing marked unverified."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from chilinh_desktop.cli import main
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.officials import add_official
from chilinh_desktop.core.units import add_unit


def _city(store):
    add_unit(store, code="TU", name="Thành ủy Minh Giang", type="thanh_uy", parent_code=None,
             valid_from=dt.date(2020, 10, 1))
    add_unit(store, code="DB01", name="Đảng bộ phường Minh Khai", type="dang_bo_co_so", parent_code="TU",
             valid_from=dt.date(2020, 10, 1))
    return add_official(store, full_name="Nguyễn Văn An", unit_code="DB01", tier="btv_thanh_uy",
                        party_post="Bí thư Đảng ủy", party_cell="Chi bộ Cơ quan phường Minh Khai")


def test_cycle_new_2025_under_qd_366_takes_the_2025_forms_not_the_2023_02b(store, tmp_path, capsys):
    official = _city(store)
    db = str(store.path)
    store.close()
    assert main(["cycle", "new", "--db", db, "--year", "2025", "--regulation", "366-QD-TW"]) == 0
    out = capsys.readouterr().out
    assert "2025" in out
    from chilinh_desktop.core.store import Store

    with Store.open(db) as reopened:
        cycle = get_cycle(reopened, "2025")
        forms = {item.id: item.form for item in cycle.items if item.form}
        assert forms["self_review"] == "LD43" and "02B" not in forms.values()
        assert cycle.rules == "366-QD-TW" and cycle.dispatch["issuer"] == "Thành ủy Hải Phòng"
        assert [d.date.year for d in cycle.deadlines] == [2025, 2025]
    assert main(["status", "--db", db, "--cycle", "2025"]) == 0
    assert main(["forms", "--db", db, "--cycle", "2025"]) == 0
    listing = capsys.readouterr().out
    assert "LD43" in listing or "Tự đánh giá" in listing
    pdf_path = tmp_path / "ld43.pdf"
    assert main(["print", "LD43", "--db", db, "--cycle", "2025", "--official", official.id, "--out",
                 str(pdf_path), "--draft"]) == 0
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_path.read_bytes())).pages)
    assert "BẢN TỰ ĐÁNH GIÁ, CHẤM ĐIỂM" in text and "chưa xác minh" not in text
    assert "Kết quả thực hiện chức trách, nhiệm vụ được giao" in text  # the criteria, not an empty table


def test_a_year_without_a_shipped_cycle_still_copies_the_last_one(store):
    from chilinh_desktop.ops import cycles as cycle_ops

    started = cycle_ops.start_cycle(store, copy_from="2023", year=2024,
                                    deadlines={"review": "2024-12-10", "dossier": "2024-12-15"})
    assert started.cycle.item("self_review").form == "02B" and started.cycle.rules == "124-QD-TW"
