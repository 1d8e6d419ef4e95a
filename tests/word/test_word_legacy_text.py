"""TCVN3 and VNI text converts to Unicode NFC: every Vietnamese letter, both cases, all tones."""

from __future__ import annotations

import unicodedata

import pytest

from chilinh_desktop.core.legacy_text import (
    TCVN3,
    UNICODE,
    VNI,
    decode_tcvn3,
    decode_vni,
    detect_encoding,
    encode_tcvn3,
    encode_vni,
    to_unicode,
)

VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
LOWER = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]
UPPER = [letter.upper() for letter in LOWER]
SAMPLE = "Bản kiểm điểm cá nhân: người tự kiểm điểm Nguyễn Thị Hường, quốc phòng, khuyết điểm, Đảng uỷ"


def test_the_alphabet_has_every_toned_letter():
    assert len(set(LOWER)) == len(LOWER) == 12 * 6 + 1  # 12 vowels x (no tone + 5 tones), and đ


@pytest.mark.parametrize("letter", LOWER)
def test_tcvn3_small_letters_round_trip(letter):
    encoded = encode_tcvn3(letter)
    assert len(encoded) == 1 and (letter.isascii() or "\u00a0" < encoded <= "\u00ff")
    assert decode_tcvn3(encoded) == letter


@pytest.mark.parametrize("letter", UPPER)
def test_tcvn3_capitals_come_from_the_H_font(letter):
    # TCVN3 has no toned capitals: a .VnTimeH font draws the small letters as capitals.
    assert decode_tcvn3(encode_tcvn3(letter), capitals=True) == letter
    assert to_unicode(encode_tcvn3(letter), ".VnTimeH")[0] == letter


def test_tcvn3_has_its_own_untoned_capitals():
    assert decode_tcvn3(encode_tcvn3("ĂÂÊÔƠƯĐ")) == "ĂÂÊÔƠƯĐ"


@pytest.mark.parametrize("letter", LOWER + UPPER)
def test_vni_letters_round_trip_in_both_cases(letter):
    assert decode_vni(encode_vni(letter)) == letter


def test_every_encoded_letter_differs():
    tcvn3 = [encode_tcvn3(x) for x in LOWER]
    vni = [encode_vni(x) for x in LOWER + UPPER]
    assert len(set(tcvn3)) == len(tcvn3) and len(set(vni)) == len(vni)


def test_known_legacy_strings():
    assert decode_tcvn3("Céng hoµ x· héi chñ nghÜa ViÖt Nam") == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert decode_vni("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert decode_vni("ÑAÛNG COÄNG SAÛN VIEÄT NAM") == "ĐẢNG CỘNG SẢN VIỆT NAM"


def test_the_font_name_decides():
    assert to_unicode(encode_tcvn3(SAMPLE), ".VnTime") == (SAMPLE, TCVN3)
    assert to_unicode(encode_vni(SAMPLE), "VNI-Times") == (SAMPLE, VNI)
    assert to_unicode(SAMPLE, "Times New Roman") == (SAMPLE, UNICODE)


def test_without_a_telling_font_the_statistics_decide():
    assert detect_encoding(encode_tcvn3(SAMPLE)) == TCVN3
    assert detect_encoding(encode_vni(SAMPLE)) == VNI
    assert detect_encoding(SAMPLE) == UNICODE
    assert to_unicode(encode_vni(SAMPLE), "Arial") == (SAMPLE, VNI)


def test_unicode_typed_in_an_old_font_is_left_alone():
    assert to_unicode(SAMPLE, ".VnTime") == (SAMPLE, UNICODE)


def test_short_latin1_words_stay_unicode():
    for word in ("cá", "là", "có", "Tôi và bà"):
        assert to_unicode(word)[0] == word


def test_output_is_nfc():
    decomposed = unicodedata.normalize("NFD", SAMPLE)
    assert to_unicode(decomposed)[0] == SAMPLE
    assert unicodedata.is_normalized("NFC", decode_vni(encode_vni(SAMPLE)))
