"""Placing the paragraphs of a Word self-review into the fields of a form (trích nội dung từ Word).

Headings are found by their numbers ("I.", "1.") and their words, compared without case or
diacritics, so the 2019 and 2023 wordings and small edits all match. Each section's paragraphs
go into its field, in order; identity lines are compared with the registry, never stored; text
that fits nowhere is kept aside for the person to place, never dropped. Pure: no Qt, no SQL.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from chilinh_desktop.formspec.field_types import TYPES, field_type
from chilinh_desktop.formspec.model import Field, FormSpec, Option
from chilinh_desktop.formspec.scales import Scales
from chilinh_desktop.formspec.validate import options_for
from chilinh_desktop.render.docx_import import WordDocument, WordParagraph

# From the one table of field types: paragraphs under a heading, or a value beside its label.
CONTENT_TYPES = tuple(name for name, kind in TYPES.items() if kind.layout == "block")
INLINE_TYPES = tuple(name for name, kind in TYPES.items() if kind.layout == "inline")
ROMAN = re.compile(r"^\s*([IVX]{1,4})\s*[.)/:\-–]\s*(.*)$", re.S)
ARABIC = re.compile(r"^\s*(\d{1,2})\s*[.)]\s*(.*)$", re.S)
ROMAN_VALUES = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
CHECKED = "☑☒✓✔■⊠✗▣●"
BOXES = CHECKED + "☐□○"
FURNITURE = ("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "*")
PLACEHOLDER = re.compile(r"\{[a-z][a-z0-9_.]*\}")


def fold_char(ch: str) -> str:
    """One character without case or diacritics ('Ệ' → 'e', 'đ' → 'd'); same length as the input."""
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


def fold(text: str) -> str:
    """Text compared without case, diacritics or punctuation: 'Ưu điểm, kết quả' → 'uu diem ket qua'."""
    plain = "".join(fold_char(c) for c in unicodedata.normalize("NFC", text))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def _words(text: str) -> list[str]:
    return [w for w in fold(text).split() if not w.isdigit()]


def _strip_number(text: str) -> tuple[int | None, str]:
    for pattern, value in ((ROMAN, lambda s: ROMAN_VALUES.get(s)), (ARABIC, int)):
        match = pattern.match(text)
        if match:
            number = value(match[1])
            if number is not None:
                return number, match[2]
    return None, text


def _similarity(text_words: list[str], label_words: list[str]) -> float:
    """The share of the label's words the text has (a label is matched by most of its words)."""
    if not label_words:
        return 0.0
    have = set(text_words)
    return sum(1 for w in label_words if w in have) / len(label_words)


@dataclass(frozen=True)
class _Target:
    key: int | str  # a section index, or a field id
    number: int | None
    words: list[str]
    roman: bool = False


def _target(key: int | str, label: str) -> _Target:
    number, rest = _strip_number(label)
    return _Target(key, number, _words(rest), bool(ROMAN.match(label)))


@dataclass
class Placed:
    """One paragraph of content and the field it goes into (None: kept aside, with the reason)."""

    text: str
    field_id: str | None
    note: str = ""


@dataclass(frozen=True)
class IdentityLine:
    """An identity line of the file beside the registry's value (never written anywhere)."""

    field_id: str
    label: str
    in_file: str
    in_registry: str

    @property
    def same(self) -> bool:
        """Whether the two say the same, ignoring case, diacritics and leading zeros."""
        def norm(value: str) -> str:
            return " ".join(w.lstrip("0") or "0" for w in fold(value).split())
        return norm(self.in_file) == norm(self.in_registry)


@dataclass
class WordMapping:
    """Where every paragraph of a Word file goes in one form, and what was left aside."""

    form_id: str
    placed: list[Placed] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)  # levels, ratings, place and date found inline
    identity: list[IdentityLine] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # the form's own text: headings, prompts, signatures

    def texts(self) -> dict[str, str]:
        """Each field's paragraphs joined by line breaks, in document order."""
        out: dict[str, list[str]] = {}
        for item in self.placed:
            if item.field_id:
                out.setdefault(item.field_id, []).append(item.text)
        return {key: "\n".join(lines) for key, lines in out.items()}

    def answers(self) -> dict[str, Any]:
        """Every answer the file gives: the inline values and the texts."""
        return {**self.values, **self.texts()}

    def aside(self) -> list[Placed]:
        """The paragraphs that fit no field."""
        return [p for p in self.placed if p.field_id is None]

    def move(self, index: int, field_id: str | None) -> None:
        """Put paragraph `index` into another field (None: aside)."""
        self.placed[index].field_id = field_id
        self.placed[index].note = "" if field_id else self.placed[index].note


class _Mapper:
    def __init__(self, form: FormSpec, scales: Scales, registry: dict[str, Any]) -> None:
        self.form = form
        self.scales = scales
        self.registry = registry
        self.out = WordMapping(form.id)
        self.sections = [_target(i, s.heading) for i, s in enumerate(form.sections) if s.heading]
        self.section: int | None = None  # None: the preamble before the first heading
        self.unknown_heading = ""
        self.current: str | None = None
        self.fresh = False  # just after a heading: a bracketed line there is the form's prompt
        self.signing = False
        self.furniture = [self._pattern(t) for t in (form.title, form.template, *form.subtitle, *FURNITURE) if t]
        self.signature_texts = {fold(t) for s in form.sections for sig in s.signatures
                                for t in (sig.title, sig.role, sig.note) if t and not PLACEHOLDER.search(t)}
        headed = False
        self.preamble_fields: list[Field] = []
        for section in form.sections:
            headed = headed or bool(section.heading)
            if not headed:
                self.preamble_fields += list(section.fields)

    @staticmethod
    def _pattern(text: str) -> re.Pattern:
        parts = [re.escape(fold(p)) for p in PLACEHOLDER.split(text)]
        return re.compile("^" + r"\s*.*?\s*".join(parts) + "$")

    # -- headings ---------------------------------------------------------------------------------
    def section_heading(self, para: WordParagraph) -> int | str | None:
        number, rest = _strip_number(para.text)
        roman = number is not None and bool(ROMAN.match(para.text))
        if number is not None and not roman:
            return None  # "1.", "2." number the items inside a section
        words = _words(rest)
        best, best_score = None, 0.0
        similar: dict[int, float] = {}
        for target in self.sections:
            if len(words) > 2 * len(target.words) + 8:
                continue
            score = similar[int(target.key)] = _similarity(words, target.words)
            if roman and target.number == number and target.roman:
                score += 0.4
            elif roman:
                score -= 0.1
            if score > best_score:
                best, best_score = target, score
        if best is not None and best_score >= (0.5 if roman else 0.75):
            if roman and self._disagrees(number, best, similar):
                return "mismatch"
            return int(best.key)
        if roman and len(words) <= 30:
            return "unknown"
        return None

    def _disagrees(self, number: int | None, best: _Target, similar: dict[int, float]) -> bool:
        """A heading whose number names one section and whose words another ("V." over VI's words).

        Guessing either way puts text under a heading the person did not write: it is set apart instead.
        """
        if best.roman and best.number != number:
            return True
        others = [score for key, score in similar.items() if key != int(best.key)]
        return bool(others) and max(others) >= 0.6 and max(others) > similar.get(int(best.key), 0.0) + 0.2

    def field_heading(self, para: WordParagraph) -> Field | None:
        if self.section is None or self.section < 0:
            return None
        number, rest = _strip_number(para.text)
        words = _words(rest)
        fields = list(self.form.sections[self.section].fields)
        ids = [f.id for f in fields]
        after = ids.index(self.current) + 1 if self.current in ids else 0
        best, best_score = None, 0.0
        for n, fld in enumerate(fields):
            if fld.type not in CONTENT_TYPES:
                continue
            target = _target(fld.id, fld.label)
            sim = _similarity(words, target.words)
            if number is not None and number == target.number and n >= after:
                # The expected number: a few of the label's words will do (2019 and 2023 wordings),
                # or a short heading cut down to its first words ("2. Nguyên nhân:").
                accepted = (sim >= 0.4 or (sim > 0 and len(words) <= 6)) and len(words) <= 2 * len(target.words) + 12
                sim += 0.5
            elif number is not None:
                accepted = sim >= 0.8 and len(words) <= 2 * len(target.words) + 12
            else:
                # Unnumbered: nearly the label itself, not a paragraph that happens to echo it.
                short = len(words) <= 1.3 * len(target.words) + 4
                accepted = short and (sim >= 0.8 or (para.bold and sim >= 0.6))
            if accepted and sim > best_score:
                best, best_score = fld, sim
        return best

    # -- inline values ----------------------------------------------------------------------------
    def inline(self, para: WordParagraph, fields: list[Field]) -> bool:
        label, sep, value = para.text.partition(":")
        if not sep:
            return False
        words = _words(_strip_number(label)[1])
        matches = [f for f in fields if f.type in INLINE_TYPES and f.source is None
                   and len(words) <= 2 * len(_words(f.label)) + 4 and _similarity(words, _words(f.label)) >= 0.7]
        if not matches:
            return False
        fld = self._pick(matches)
        parsed = self._value(fld, value.strip())
        if parsed is None:
            self.out.ignored.append(para.text)  # the form's own line, left blank
        else:
            self.out.values[fld.id] = parsed
        return True

    def _pick(self, matches: list[Field]) -> Field:
        # "Tự đánh giá mức độ" follows each item: it belongs to the item being read.
        if len(matches) > 1 and self.current is not None and self.section is not None:
            fields = list(self.form.sections[self.section].fields)
            ids = [f.id for f in fields]
            if self.current in ids:
                after = [f for f in fields[ids.index(self.current) + 1:] if f in matches]
                if after:
                    return after[0]
        return next((f for f in matches if f.id not in self.out.values), matches[0])

    def _value(self, fld: Field, text: str) -> Any:
        if field_type(fld).listed:
            return _chosen(options_for(fld, self.scales), text)
        if not text.strip(" .…_"):
            return None
        if fld.type == "date":
            found = re.search(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", text)
            try:
                return dt.date(int(found[3]), int(found[2]), int(found[1])).isoformat() if found else None
            except ValueError:
                return None
        return text

    # -- the preamble -----------------------------------------------------------------------------
    def preamble(self, para: WordParagraph) -> None:
        text = para.text
        if self._identity(text) or self._date_line(text) or self.inline(para, self.preamble_fields):
            return
        folded = fold(text)
        letters = [c for c in text if c.isalpha()]
        if any(p.match(folded) for p in self.furniture) or (letters and all(c.isupper() for c in letters)) \
                or not folded:
            self.out.ignored.append(text)  # the header and the title block
            return
        self.out.placed.append(Placed(text, None, "before_sections"))

    def _identity(self, text: str) -> bool:
        folded = "".join(fold_char(c) for c in text)
        hits = []
        for fld in self.form.fields():
            if fld.type != "record":
                continue
            label = re.escape(" ".join(fold(fld.label).split())).replace(r"\ ", r"\s+")
            for match in re.finditer(rf"(?:^|[\s;,.])({label})\s*:", folded):
                hits.append((match.start(1), match.end(), fld))
        if not hits:
            return False
        hits.sort(key=lambda h: h[0])
        for n, (_start, end, fld) in enumerate(hits):
            stop = hits[n + 1][0] if n + 1 < len(hits) else len(text)
            value = text[end:stop].strip(" \t;,.…")
            registry = str(self.registry.get(fld.source or "", "") or "")
            self.out.identity.append(IdentityLine(fld.id, fld.label, value, registry))
        return True

    def _date_line(self, text: str) -> bool:
        folded = "".join(fold_char(c) for c in text)
        match = re.search(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})\s*$", folded)
        if match is None or not (self.form.date_field or self.form.place_field):
            return False
        place = text[:match.start()].strip(" ,")
        if self.form.place_field and place:
            self.out.values[self.form.place_field] = place
        if self.form.date_field:
            try:
                day = dt.date(int(match[3]), int(match[2]), int(match[1]))
                self.out.values[self.form.date_field] = day.isoformat()
            except ValueError:
                pass
        return True

    # -- the body ---------------------------------------------------------------------------------
    def paragraph(self, para: WordParagraph) -> None:
        inside = self.section is not None and self.section >= 0
        heading = None if inside and self.field_heading(para) else self.section_heading(para)
        if heading is not None:
            self.out.ignored.append(para.text)
            lost = heading in ("unknown", "mismatch")
            self.section = None if lost else int(heading)
            self.unknown_heading = f"{heading}_heading:{para.text}" if lost else ""
            self.current = self._lone() if self.section is not None else None
            self.fresh, self.signing = True, False
            if lost:
                self.section = -1
            return
        if self.section is None:
            self.preamble(para)
            return
        folded = fold(para.text)
        if not folded or not para.text.strip(" .…_-\t"):
            self.out.ignored.append(para.text)  # dotted lines left for the hand
            return
        if folded in self.signature_texts:
            self.out.ignored.append(para.text)
            self.signing = True
            return
        if self.signing and len(folded.split()) <= 8:
            self.out.ignored.append(para.text)  # the signer's name under the block
            return
        if self.section >= 0:
            fld = self.field_heading(para)
            if fld is not None:
                self.out.ignored.append(para.text)
                self.current, self.fresh = fld.id, True
                return
            if self.inline(para, list(self.form.sections[self.section].fields)):
                return
        if self.fresh and para.text.startswith("(") and para.text.endswith(")"):
            self.out.ignored.append(para.text)  # the form's prompt under a heading
            return
        self.fresh = False
        if self.section < 0:
            self.out.placed.append(Placed(para.text, None, self.unknown_heading))
        elif self.current is None:
            self.out.placed.append(Placed(para.text, None, "no_item:" + self.form.sections[self.section].heading))
        else:
            self.out.placed.append(Placed(para.text, self.current))

    def _lone(self) -> str | None:
        assert self.section is not None
        content = [f for f in self.form.sections[self.section].fields if f.type in CONTENT_TYPES]
        return content[0].id if len(content) == 1 else None


def _chosen(options: tuple[Option, ...], text: str) -> str | None:
    """The option a line names: the one after a ticked box, else the one written out."""
    folded = "".join(fold_char(c) for c in text)
    found: list[tuple[int, int, Option]] = []
    for option in options:
        label = re.escape(fold(option.label)).replace(r"\ ", r"\s+")
        for match in re.finditer(rf"(?<![a-z]){label}(?![a-z])", folded):
            found.append((match.start(), match.end(), option))
    if not found:
        return None
    if any(c in BOXES for c in text):
        for start, _end, option in found:
            before = text[:start].rstrip()
            if before and before[-1] in CHECKED:
                return option.id
        return None
    # Written out: the longest label wins ("không hoàn thành nhiệm vụ" over "hoàn thành nhiệm vụ").
    return max(found, key=lambda f: f[1] - f[0])[2].id


def map_document(document: WordDocument, form: FormSpec, scales: Scales,
                 registry: dict[str, Any] | None = None) -> WordMapping:
    """Where each paragraph of `document` goes in `form`; `registry` is the subject's record values."""
    mapper = _Mapper(form, scales, registry or {})
    for para in document.paragraphs:
        for line in _split_heading(para, mapper):
            mapper.paragraph(line)
    return mapper.out


def _split_heading(para: WordParagraph, mapper: _Mapper) -> list[WordParagraph]:
    # "1. Về phẩm chất…: Bản thân luôn…" — a heading and its first words in one paragraph.
    head, sep, rest = para.text.partition(":")
    if not sep or not rest.strip() or not _strip_number(head)[0] or len(head) > 400:
        return [para]
    first = WordParagraph(head + ":", para.bold, para.in_table)
    if mapper.section_heading(first) is None and (mapper.section is None or mapper.section < 0
                                                  or mapper.field_heading(first) is None):
        return [para]
    return [first, WordParagraph(rest.strip(), False, para.in_table)]
