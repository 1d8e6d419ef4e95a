"""The handover slip is headed as the unit's own papers are: two lines, the place of its date line, and the
state's name for an agency."""

from __future__ import annotations

import io

from pypdf import PdfReader

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.package.export import slip_header
from chilinh_desktop.render.handover_slip import HandoverSlip, handover_slip_pdf


def _slip_text(header) -> str:
    superior, issuer, place, style = header
    pdf = handover_slip_pdf(HandoverSlip(issuer, "X", "X", "Năm 2023", [("A", "Mẫu 01")], "x.zip", "0" * 64, "SHA256:x",
                                         f"{place}, ngày 05 tháng 12 năm 2023", "Nguyễn Văn A", superior, style))
    return PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_a_ward_a_department_and_a_ban_head_their_slips_as_their_papers(demo_store):
    cycle = get_cycle(demo_store)
    ward = slip_header(demo_store, cycle, "DB01", "")
    assert ward == ("Đảng bộ thành phố Minh Giang", "Đảng ủy phường Minh Khai", "Minh Khai", "party")
    department = slip_header(demo_store, cycle, "PNV", "")
    assert department == ("Ủy ban nhân dân thành phố Minh Giang", "Phòng Nội vụ", "Minh Giang", "state")
    board = slip_header(demo_store, cycle, "BTC", "")
    assert board[:2] == ("Thành ủy Minh Giang", "Ban Tổ chức") and board[3] == "party"
    text = _slip_text(department)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "ĐẢNG CỘNG SẢN" not in text
    assert "ỦY BAN NHÂN DÂN" in text and "PHÒNG NỘI VỤ" in text
    text = _slip_text(ward)
    assert "ĐẢNG BỘ THÀNH PHỐ MINH GIANG" in text and "Minh Khai, ngày 05" in text


def test_an_agencys_installation_heads_its_papers_as_the_board_does(demo_path, tmp_path, capsys):
    from chilinh_desktop.cli import main
    from chilinh_desktop.core.officials import list_officials
    from chilinh_desktop.core.store import Store

    kit, unit_db = tmp_path / "kit.zip", tmp_path / "unit.sqlite3"
    assert main(["kit", "export", "--db", str(demo_path), "--unit", "PNV", "--out", str(kit)]) == 0
    assert main(["demo", "--role", "unit", "--unit", "PNV", "--kit", str(kit), "--db", str(unit_db)]) == 0
    with Store.open(unit_db) as store:
        official = next(o for o in list_officials(store, "PNV") if o.party_cell == "Chi bộ Phòng Nội vụ")
        assert slip_header(store, get_cycle(store), "PNV", "")[:2] == ("Ủy ban nhân dân thành phố Minh Giang",
                                                                      "Phòng Nội vụ")
    for args, lines in ((["02B", "--official", official.id], ("ĐẢNG BỘ CƠ QUAN CHÍNH", "CHI BỘ PHÒNG NỘI VỤ")),
                        (["01", "--unit", "PNV"], ("ỦY BAN NHÂN DÂN", "PHÒNG NỘI VỤ"))):
        out = tmp_path / f"{args[0]}.pdf"
        assert main(["print", *args, "--db", str(unit_db), "--out", str(out), "--draft"]) == 0
        text = PdfReader(out).pages[0].extract_text()
        head = text[: text.index("BẢN KIỂM ĐIỂM" if args[0] == "02B" else "BÁO CÁO")]
        assert all(line in head for line in lines), head
        assert "HẢI DƯƠNG" not in head and "Minh Giang, ngày" in head  # never the dispatch's province
