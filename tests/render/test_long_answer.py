"""Ten pages of answers typed in decomposed Unicode come back whole, in order, in NFC.

Each answer stays within the long-text limit of forms/limits.toml (20,000 characters), so the
ten pages are spread over three sections, each flowing across several pages.
"""

from __future__ import annotations

import unicodedata

from chilinh_desktop.formspec import set_form_answers
from chilinh_desktop.ops.printing import print_form

SENTENCE = ("Đoạn {n}: bản thân luôn giữ vững lập trường tư tưởng, kiên định mục tiêu, lý tưởng; "
            "thường xuyên tự phê bình và phê bình, khắc phục hạn chế, khuyết điểm đã được chỉ ra; "
            "gương mẫu thực hiện chức trách, nhiệm vụ được giao, giữ gìn đoàn kết nội bộ và mối "
            "quan hệ mật thiết với nhân dân nơi cư trú. ")


def test_ten_pages_of_decomposed_text_print_without_losing_a_line(store, cycle_2023, cadre, pdf_tools):
    paragraphs = [(SENTENCE.format(n=n) * 2).strip() for n in range(1, 79)]
    sections = ("i1_politics", "i2_duties", "i3_leadership")
    typed = {field: unicodedata.normalize("NFD", "\n".join(paragraphs[k * 26:(k + 1) * 26]))
             for k, field in enumerate(sections)}
    assert all(len(unicodedata.normalize("NFC", text)) <= 20_000 for text in typed.values())
    assert typed["i2_duties"] != unicodedata.normalize("NFC", typed["i2_duties"])
    set_form_answers(store, cycle_2023, "02B", {**typed, "ii_causes": "Chưa sâu sát cơ sở."},
                     official_id=cadre.id, actor="test")
    printed = print_form(store, cycle_2023, "02B", official_id=cadre.id)
    pdf, draft = printed.pdf, printed.draft
    reader = pdf_tools["reader"](pdf)
    assert len(reader.pages) >= 12
    text = pdf_tools["text"](pdf)
    assert unicodedata.is_normalized("NFC", text)
    pdf_tools["in_order"](text, [*paragraphs, "Chưa sâu sát cơ sở."])
    assert draft  # the form is far from complete, so the printout says it is a draft
