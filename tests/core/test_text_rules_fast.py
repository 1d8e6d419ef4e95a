"""The text rules' fast paths refuse exactly what the character-by-character rules refused."""

from __future__ import annotations

import unicodedata

from chilinh_desktop.core.input_rules import TextLimits, bad_character, tree_problem

_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _by_category(ch: str) -> str | None:
    if ch in "\t\n":
        return None
    return f"U+{ord(ch):04X}" if unicodedata.category(ch) in ("Cc", "Cs") or ch in _BIDI else None


def test_bad_character_is_the_category_rule_for_every_code_point():
    for code in range(0x110000):
        ch = chr(code)
        assert bad_character("ab" + ch + "\x00") == (_by_category(ch) or "U+0000"), hex(code)


def test_tree_problem_still_finds_the_first_problem_and_its_path():
    limits = TextLimits(10, 40, 2)
    assert tree_problem({"a": ["fine", "line\r\nwith CR"]}, limits, frozenset({"a"})) is None
    assert tree_problem({"name": "  ten chars  "}, limits) is None  # over the limit only before cleaning
    path, problem = tree_problem({"x": {"name": "bad\u202e"}}, limits)
    assert path == "x.name" and "U+202E" in problem
    assert tree_problem({"name": "eleven char"}, limits)[0] == "name"
    assert tree_problem({"note": ["r1", "r2", "r3"]}, limits, frozenset({"note"}))[0] == "note"
    assert tree_problem({"k\x07": 1}, limits)[0] == "k\x07"
