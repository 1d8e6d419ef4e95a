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
