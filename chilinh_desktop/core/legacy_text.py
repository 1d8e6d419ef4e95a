"""Vietnamese text in the legacy 8-bit encodings (mã cũ), converted to Unicode NFC.

Old Word files still carry text typed with TCVN3 (ABC) fonts (.VnTime, .VnArial; .VnTimeH
for capitals) or VNI-Windows fonts (VNI-Times…). Word keeps those bytes as the Latin-1
characters of the same code, so "Céng hoµ" is TCVN3 for "Cộng hoà" and "Coäng hoøa" is VNI
for "Cộng hòa". Which encoding a run uses is read from its font name, else guessed from
the text itself: the reading that yields the most valid Vietnamese syllables wins.
"""

from __future__ import annotations

import re
import unicodedata

UNICODE, TCVN3, VNI = "unicode", "tcvn3", "vni"

# TCVN 5712:1993 (VN3): one byte per letter; toned capitals do not exist (a ...H font draws
# the small letters as capitals).
_TCVN3_LETTERS = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
}
# Per vowel: the codes of acute, grave, hook, tilde, dot below.
_TCVN3_TONED = {
    "a": (0xB8, 0xB5, 0xB6, 0xB7, 0xB9), "ă": (0xBE, 0xBB, 0xBC, 0xBD, 0xC6),
    "â": (0xCA, 0xC7, 0xC8, 0xC9, 0xCB), "e": (0xD0, 0xCC, 0xCE, 0xCF, 0xD1),
    "ê": (0xD5, 0xD2, 0xD3, 0xD4, 0xD6), "i": (0xDD, 0xD7, 0xD8, 0xDC, 0xDE),
    "o": (0xE3, 0xDF, 0xE1, 0xE2, 0xE4), "ô": (0xE8, 0xE5, 0xE6, 0xE7, 0xE9),
    "ơ": (0xED, 0xEA, 0xEB, 0xEC, 0xEE), "u": (0xF3, 0xEF, 0xF1, 0xF2, 0xF4),
    "ư": (0xF8, 0xF5, 0xF6, 0xF7, 0xF9), "y": (0xFD, 0xFA, 0xFB, 0xFC, 0xFE),
}
_TONES = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # acute, grave, hook, tilde, dot below


def _toned(vowel: str, tone: int) -> str:
    return unicodedata.normalize("NFC", vowel + _TONES[tone])


TCVN3_DECODE: dict[str, str] = {chr(code): letter for code, letter in _TCVN3_LETTERS.items()}
for _vowel, _codes in _TCVN3_TONED.items():
    for _tone, _code in enumerate(_codes):
        TCVN3_DECODE[chr(_code)] = _toned(_vowel, _tone)
TCVN3_ENCODE = {letter: char for char, letter in TCVN3_DECODE.items()}

# VNI-Windows: a base letter followed by one mark byte; a few letters are one byte of their own.
_VNI_TONE_MARKS = ("ù", "ø", "û", "õ", "ï")  # acute, grave, hook, tilde, dot below
_VNI_HAT_MARKS = ("á", "à", "å", "ã", "ä")  # circumflex with each tone; "â" is the bare circumflex
_VNI_BREVE_MARKS = ("é", "è", "ú", "ü", "ë")  # breve with each tone; "ê" is the bare breve
_VNI_SINGLE_LOWER = {"ñ": "đ", "ô": "ơ", "ö": "ư", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}


def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    decode: dict[str, str] = {}
    pairs: list[tuple[str, str]] = []  # (vni sequence, letter) in lower case
    for base in ("a", "e", "o", "u", "y", "ô", "ö"):
        letter = _VNI_SINGLE_LOWER.get(base, base)
        for tone, mark in enumerate(_VNI_TONE_MARKS):
            if base == "y" and tone == 4:
                continue  # ỵ is a byte of its own
            pairs.append((base + mark, _toned(letter, tone)))
    for base in ("a", "e", "o"):
        hat = unicodedata.normalize("NFC", base + "\u0302")
        pairs.append((base + "â", hat))
        for tone, mark in enumerate(_VNI_HAT_MARKS):
            pairs.append((base + mark, _toned(hat, tone)))
    pairs.append(("aê", "ă"))
    for tone, mark in enumerate(_VNI_BREVE_MARKS):
        pairs.append(("a" + mark, _toned("ă", tone)))
    pairs += list(_VNI_SINGLE_LOWER.items())
    for seq, letter in pairs:
        decode[seq] = letter
        decode[seq.upper()] = letter.upper()
        if len(seq) == 2:
            decode[seq[0].upper() + seq[1]] = letter.upper()  # a capital followed by a small mark
    encode = {letter: seq for seq, letter in decode.items() if seq == seq.lower() or seq == seq.upper()}
    return decode, encode


VNI_DECODE, VNI_ENCODE = _vni_tables()
_VNI_PATTERN = re.compile("|".join(re.escape(s) for s in sorted(VNI_DECODE, key=len, reverse=True)))

# Word writes the characters of a symbol-like legacy font in the private use area (U+F0xx).
_PRIVATE = re.compile("[\uf020-\uf0ff]")


def decode_tcvn3(text: str, *, capitals: bool = False) -> str:
    """TCVN3 text (as Word keeps it) in Unicode NFC; `capitals` for a ...H font."""
    out = "".join(TCVN3_DECODE.get(ch, ch) for ch in _PRIVATE.sub(lambda m: chr(ord(m[0]) - 0xF000), text))
    return unicodedata.normalize("NFC", out.upper() if capitals else out)


def decode_vni(text: str) -> str:
    """VNI-Windows text (as Word keeps it) in Unicode NFC."""
    text = _PRIVATE.sub(lambda m: chr(ord(m[0]) - 0xF000), text)
    return unicodedata.normalize("NFC", _VNI_PATTERN.sub(lambda m: VNI_DECODE[m[0]], text))


def encode_tcvn3(text: str) -> str:
    """Unicode text as a TCVN3 font shows it (capitals with tones become small: use a ...H font)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in TCVN3_ENCODE:
            out.append(TCVN3_ENCODE[ch])
        elif ch.lower() in TCVN3_ENCODE and ch.lower() != ch:
            out.append(TCVN3_ENCODE[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def encode_vni(text: str) -> str:
    """Unicode text as a VNI-Windows font shows it."""
    return "".join(VNI_ENCODE.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def font_encoding(font: str | None) -> str | None:
    """The legacy encoding a font name tells (".VnTime" → TCVN3, "VNI-Times" → VNI), else None."""
    name = (font or "").strip().casefold()
    if name.startswith(".vn") or name.startswith("vn3-") or name.startswith("abc "):
        return TCVN3
    if name.startswith("vni-") or name.startswith("vni "):
        return VNI
    return None


def is_capitals_font(font: str | None) -> bool:
    """A TCVN3 font that draws every letter as a capital (.VnTimeH, .VnArialH…)."""
    name = (font or "").strip()
    return font_encoding(name) == TCVN3 and name.endswith("H")


_ONSET = "ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|b|c|d|đ|g|h|k|l|m|n|p|q|r|s|t|v|x"
_SYLLABLE = re.compile(rf"^(?:{_ONSET})?[aăâeêioôơuưy]{{1,3}}(?:ch|ng|nh|c|m|n|p|t)?$")
_WORD = re.compile(r"[^\W\d_]+")
_VIETNAMESE_ONLY = re.compile("[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")


def _is_syllable(word: str) -> bool:
    folded = unicodedata.normalize("NFD", word.casefold())
    tones = sum(folded.count(t) for t in _TONES)
    bare = unicodedata.normalize("NFC", "".join(c for c in folded if c not in _TONES))
    return tones <= 1 and bool(_SYLLABLE.match(bare))


def syllable_score(text: str) -> int:
    """How many words with non-ASCII letters are well-formed Vietnamese syllables."""
    return sum(1 for w in _WORD.findall(text) if not w.isascii() and _is_syllable(w))


def detect_encoding(text: str) -> str:
    """The encoding of a run with no telling font: the reading with the most valid syllables."""
    if text.isascii() or _VIETNAMESE_ONLY.search(text) or not any("\u00a0" < ch <= "\u00ff" for ch in text):
        return UNICODE  # letters only Unicode has, or nothing a legacy font would produce
    scores = {UNICODE: syllable_score(text), TCVN3: syllable_score(decode_tcvn3(text)),
              VNI: syllable_score(decode_vni(text))}
    best = max(scores.values())
    if scores[UNICODE] == best:
        return UNICODE
    return TCVN3 if scores[TCVN3] >= scores[VNI] else VNI


def to_unicode(text: str, font: str | None = None, *, guess: str | None = None) -> tuple[str, str]:
    """A run's text in Unicode NFC and the encoding it was read as.

    The font decides when it names a legacy encoding; else `guess` (the document's usual
    legacy encoding, for short runs that say little) or the run's own statistics.
    """
    encoding = font_encoding(font)
    if encoding is not None and _VIETNAMESE_ONLY.search(text):
        encoding = UNICODE  # Unicode typed into an old font: leave it be
    if encoding is None:
        encoding = detect_encoding(text)
        if encoding == UNICODE and guess in (TCVN3, VNI) and syllable_score(text) == 0 \
                and any("\u00a0" < ch <= "\u00ff" for ch in text):
            encoding = guess
    if encoding == TCVN3:
        return decode_tcvn3(text, capitals=is_capitals_font(font)), TCVN3
    if encoding == VNI:
        return decode_vni(text), VNI
    return unicodedata.normalize("NFC", text), UNICODE
