"""A signature block (title, role, name, with 'Nơi nhận' beside it) never stands alone on a page and is
never split across pages: in the PDF and in the Word file (keep-with-next, rows that cannot split).

The length of the report's last answer is stepped line by line, so that for some lengths the block
falls exactly where a page ends; read back, every page holding the block also holds body text above it.
"""

from __future__ import annotations

import io

import docx
import pypdf
import pytest
from first_pages import REPORT, build_city
from lxml import etree

from chilinh_desktop.formspec import set_form_answers
from chilinh_desktop.ops.printing import print_form
from chilinh_desktop.render.docx_out import print_form_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LINE = "Kiểm tra, đôn đốc thường xuyên việc thực hiện các chỉ tiêu, nhiệm vụ đã đề ra trong năm."


@pytest.fixture
def city(store, cycle_2023):
    return build_city(store, cycle_2023)


def _pages(pdf: bytes) -> list[list[str]]:
    pages = []
    for n, page in enumerate(pypdf.PdfReader(io.BytesIO(pdf)).pages, 1):
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        if n > 1 and lines and lines[0] == str(n):
            lines = lines[1:]  # the page number
        pages.append(lines)
    return pages


def test_the_signer_block_of_a_report_always_has_body_text_above_it_on_its_page(store, cycle_2023, city):
    seen_pages = set()
    for count in range(0, 34, 1):
        answers = {**REPORT, "v_measures": "\n".join([LINE] * count)}
        set_form_answers(store, cycle_2023, "01", answers, unit_code="DB01", actor="test")
        pages = _pages(print_form(store, cycle_2023, "01", unit_code="DB01").pdf)
        seen_pages.add(len(pages))
        holding = [page for page in pages if "T/M ĐẢNG ỦY" in page]
        assert len(holding) == 1, f"{count} lines: the block is split or missing"
        page = holding[0]
        assert "Nguyễn Văn An" in page and "BÍ THƯ" in page and "Nơi nhận:" in page, f"{count} lines: split block"
        above = page[: page.index("Nơi nhận:")]
        assert any(line not in ("Nơi nhận:",) for line in above), f"{count} lines: the block stands alone"
        # and no heading is left alone at the foot of the page before it
        assert "VI. Tự nhận mức xếp loại chất lượng" in above, f"{count} lines: heading VI parted from its rating"
    assert len(seen_pages) >= 2  # the steps did cross a page end


def _keeps_with_next(paragraph) -> bool:
    return paragraph.find(f"{W}pPr/{W}keepNext") is not None


def test_word_keeps_the_signer_block_whole_and_with_the_text_above(store, cycle_2023, city):
    set_form_answers(store, cycle_2023, "01", REPORT, unit_code="DB01", actor="test")
    data, _draft = print_form_docx(store, cycle_2023, "01", unit_code="DB01")
    body = etree.fromstring(docx.Document(io.BytesIO(data)).element.body.xml.encode())
    children = list(body)
    table = next(t for t in children if t.tag == f"{W}tbl" and "T/M ĐẢNG ỦY" in "".join(t.itertext()))
    row = table.find(f"{W}tr")
    assert row.find(f"{W}trPr/{W}cantSplit") is not None
    before = children[children.index(table) - 1]
    assert before.tag == f"{W}p" and _keeps_with_next(before)
    for cell in row.findall(f"{W}tc"):
        paragraphs = cell.findall(f"{W}p")
        assert all(_keeps_with_next(p) for p in paragraphs[:-1])


def test_word_header_keeps_each_line_whole_in_a_fixed_grid(store, cycle_2023, city):
    set_form_answers(store, cycle_2023, "01", REPORT, unit_code="DB01", actor="test")
    data, _draft = print_form_docx(store, cycle_2023, "01", unit_code="DB01")
    document = docx.Document(io.BytesIO(data))
    header = document.tables[0]
    grid = [int(col.w) for col in header._tbl.tblGrid.gridCol_lst]
    widths = [int(cell.width) for cell in header.rows[0].cells]
    assert grid == widths and grid[0] < grid[1]  # LibreOffice follows the grid: it must say the same
    assert header._tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
    left = [p.text for p in header.cell(0, 0).paragraphs]
    assert left[:2] == ["ĐẢNG BỘ THÀNH PHỐ MINH GIANG", "ĐẢNG ỦY PHƯỜNG MINH KHAI"]
    sizes = [run.font.size.pt for p in header.cell(0, 0).paragraphs[:2] for run in p.runs]
    assert all(12 <= size <= 14 for size in sizes) and min(sizes) < 14  # stepped down to fit, like the PDF


def test_word_properties_name_the_document_and_its_issuer(store, cycle_2023, city):
    set_form_answers(store, cycle_2023, "01", REPORT, unit_code="PNV", actor="test")
    data, _draft = print_form_docx(store, cycle_2023, "01", unit_code="PNV")
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.author == "Phòng Nội vụ" and props.last_modified_by == "Phòng Nội vụ"
    assert "Mẫu 01" in props.title and props.created.date().isoformat() == "2023-12-08"
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        meta = b"".join(archive.read(name) for name in archive.namelist() if name.startswith("docProps/"))
        assert not any(name.endswith(".jpeg") for name in archive.namelist())
    assert b"python-docx" not in meta and b"Macintosh" not in meta
    assert "Hồ sơ kiểm điểm".encode() in meta
