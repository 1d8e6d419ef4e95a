"""A Word self-review is read and placed field by field, whatever its encoding, wording or layout."""

from __future__ import annotations

import zipfile

import pytest
from docx_fixtures import ITEMS_2019, ITEMS_2023, expected, self_review, tcvn3, vni

from chilinh_desktop.core.definitions import SHIPPED
from chilinh_desktop.core.legacy_text import TCVN3, UNICODE, VNI
from chilinh_desktop.formspec import load_form, load_scales
from chilinh_desktop.render.docx_import import WordFileError, read_docx
from chilinh_desktop.render.word_mapping import fold, map_document

REGISTRY = {"official.full_name": "Đỗ Thị Hà", "official.birth_date": "05/02/1979",
            "official.party_post": "Bí thư Chi bộ", "official.government_post": "Trưởng phòng Nội vụ",
            "official.workplace": "Phòng Nội vụ"}
INLINE = {"place": "Minh Giang", "document_date": "2023-12-04", "i1_level": "tot", "i2_level": "tot",
          "i3_level": "tot", "vii_rating_cadre": "HTTNV", "vii_rating_member": "HTTNV"}


@pytest.fixture(scope="module")
def form():
    return load_form("02B", "2023.1", definitions=SHIPPED)


@pytest.fixture(scope="module")
def scales():
    return load_scales("2023", definitions=SHIPPED)


def _map(path, form, scales, registry=REGISTRY):
    document = read_docx(path)
    return document, map_document(document, form, scales, registry)


@pytest.mark.parametrize(("make", "encoding"), [(self_review, UNICODE), (tcvn3, TCVN3), (vni, VNI)])
def test_each_encoding_gives_the_same_answers(tmp_path, form, scales, make, encoding):
    document, mapping = _map(make(tmp_path / "review.docx"), form, scales)
    assert set(document.encodings) == {encoding}
    assert mapping.texts() == expected(ITEMS_2023)
    assert mapping.values == INLINE
    assert mapping.aside() == []


def test_legacy_capitals_and_headings_are_read_in_unicode(tmp_path, form, scales):
    document, _mapping = _map(tcvn3(tmp_path / "review.docx"), form, scales)
    texts = [p.text for p in document.paragraphs]
    assert "BẢN KIỂM ĐIỂM CÁ NHÂN" in texts and "ĐẢNG CỘNG SẢN VIỆT NAM" in texts


def test_the_2019_wording_fills_all_six_items(tmp_path, form, scales):
    _document, mapping = _map(self_review(tmp_path / "2019.docx", items=ITEMS_2019), form, scales)
    assert mapping.texts() == expected(ITEMS_2019)
    assert {"i4_initiative", "i5_exemplary", "i6_commitment"} <= set(mapping.texts())


def test_a_form_laid_out_in_tables_reads_like_plain_paragraphs(tmp_path, form, scales):
    document, mapping = _map(self_review(tmp_path / "tables.docx", tables=True), form, scales)
    assert any(p.in_table for p in document.paragraphs)
    assert mapping.texts() == expected(ITEMS_2023)
    assert mapping.values == INLINE


def test_text_that_fits_no_section_is_kept_aside(tmp_path, form, scales):
    extra = ["Một đoạn văn không thuộc mục nào."]
    _document, mapping = _map(self_review(tmp_path / "extra.docx", extra=extra), form, scales)
    assert [(p.text, p.field_id) for p in mapping.aside()] == [(extra[0], None)]
    assert mapping.texts() == expected(ITEMS_2023)  # the rest still lands where it belongs


def test_a_heading_the_form_lacks_keeps_its_text_aside(tmp_path, form, scales):
    path = self_review(tmp_path / "more.docx")
    import docx

    doc = docx.Document(str(path))
    doc.add_paragraph("VIII. Những kiến nghị khác với cấp trên")
    doc.add_paragraph("Đề nghị tăng biên chế cho phòng.")
    doc.save(str(path))
    _document, mapping = _map(path, form, scales)
    aside = mapping.aside()
    assert [p.text for p in aside] == ["Đề nghị tăng biên chế cho phòng."]
    assert aside[0].note.startswith("unknown_heading:VIII.")


def test_identity_lines_are_compared_with_the_registry(tmp_path, form, scales):
    registry = {**REGISTRY, "official.birth_date": "06/02/1979"}
    _document, mapping = _map(self_review(tmp_path / "review.docx"), form, scales, registry)
    differing = [(i.field_id, i.in_file, i.in_registry) for i in mapping.identity if not i.same]
    assert differing == [("birth_date", "05/02/1979", "06/02/1979")]
    assert "birth_date" not in mapping.answers() and "full_name" not in mapping.answers()


def test_a_paragraph_can_be_moved_to_another_field(tmp_path, form, scales):
    _document, mapping = _map(self_review(tmp_path / "extra.docx", extra=["Nội dung lạc chỗ."]), form, scales)
    index = next(n for n, p in enumerate(mapping.placed) if p.field_id is None)
    mapping.move(index, "i1_politics")
    assert mapping.texts()["i1_politics"].startswith("Nội dung lạc chỗ.\n")
    assert mapping.aside() == []


def test_fold_ignores_case_diacritics_and_punctuation():
    assert fold("I. ƯU ĐIỂM, Kết quả đạt được") == "i uu diem ket qua dat duoc"


def _odt(path):
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    return path


@pytest.mark.parametrize(("content", "code"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "word.doc"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le") + b"\0" * 600, "word.encrypted"),
    (b"{\\rtf1\\ansi Hello}", "word.rtf"),
    (b"this is not a document at all", "word.damaged"),
    (b"PK\x03\x04 truncated zip", "word.damaged"),
])
def test_files_that_are_not_docx_are_refused_with_a_code(tmp_path, content, code):
    path = tmp_path / "file.docx"
    path.write_bytes(content)
    with pytest.raises(WordFileError) as caught:
        read_docx(path)
    assert caught.value.code == code
    assert ".docx" in caught.value.message


def test_odt_and_a_zip_without_a_document_are_refused(tmp_path):
    with pytest.raises(WordFileError) as caught:
        read_docx(_odt(tmp_path / "review.odt"))
    assert caught.value.code == "word.odt"
    with zipfile.ZipFile(tmp_path / "other.docx", "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(WordFileError) as caught:
        read_docx(tmp_path / "other.docx")
    assert caught.value.code == "word.damaged"


def test_a_docx_with_a_broken_document_part_is_refused(tmp_path):
    source = self_review(tmp_path / "good.docx")
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    with pytest.raises(WordFileError) as caught:
        read_docx(broken)
    assert caught.value.code == "word.damaged"


def test_a_file_that_unpacks_too_large_is_refused(tmp_path, monkeypatch):
    from chilinh_desktop.render import docx_import

    path = self_review(tmp_path / "review.docx")
    monkeypatch.setattr(docx_import, "MAX_UNPACKED", 10_000)  # a real bomb would take seconds to build
    with pytest.raises(WordFileError) as caught:
        read_docx(path)
    assert caught.value.code == "word.too_large"


def test_small_edits_to_the_headings_still_match(tmp_path, form, scales):
    import docx

    doc = docx.Document()
    lines = [
        ("PHẦN I - ƯU ĐIỂM, KẾT QUẢ ĐẠT ĐƯỢC", None),
        ("1) Ve tu tuong chinh tri, pham chat dao duc, loi song:", None),  # typed without diacritics
        ("Giữ vững lập trường.", "i1_politics"),
        ("II – HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN", None),
        ("1. Hạn chế, khuyết điểm:", None),
        ("Chưa sâu sát.", "ii_shortcomings"),
        ("2. Nguyên nhân:", None),
        ("Việc nhiều.", "ii_causes"),
        ("Phương hướng, biện pháp khắc phục hạn chế, khuyết điểm", None),  # the numeral dropped
        ("Đi cơ sở nhiều hơn.", "vi_measures"),
    ]
    for text, _field in lines:
        doc.add_paragraph(text)
    doc.save(str(tmp_path / "edited.docx"))
    _document, mapping = _map(tmp_path / "edited.docx", form, scales)
    assert mapping.texts() == {f: t for t, f in lines if f}
    assert mapping.aside() == []


def test_a_heading_with_a_wrong_number_sets_its_text_apart(tmp_path, form, scales, monkeypatch):
    """'V.' written over VI's words: the text goes to neither V nor VI, but aside for the person to place."""
    import docx_fixtures

    later = [(h.replace("VI. ", "V. ", 1) if h.startswith("VI. ") else h, f, lines)
             for h, f, lines in docx_fixtures.LATER]
    monkeypatch.setattr(docx_fixtures, "LATER", later)
    _document, mapping = _map(self_review(tmp_path / "wrong.docx"), form, scales)
    aside = mapping.aside()
    measures = expected(ITEMS_2023)["vi_measures"].split("\n")
    assert [p.text for p in aside] == measures
    assert all(p.note.startswith("mismatch_heading:V. Phương hướng") for p in aside)
    assert "vi_measures" not in mapping.texts()
    assert mapping.texts()["v_responsibility"] == expected(ITEMS_2023)["v_responsibility"]  # V's own text stays


def test_the_fields_to_move_to_carry_their_sections_number_once(form):
    from chilinh_desktop.ops.word_import import target_fields

    labels = [label for _id, label in target_fields(form)]
    assert len(labels) == len(set(labels))
    assert labels[0].startswith("I.1. Về ")
    assert "II.1. Hạn chế, khuyết điểm" in labels and "VI. Phương hướng, biện pháp" in labels
