"""The font is found by preference, and a machine without a Vietnamese font gets a clear error."""

from __future__ import annotations

import pytest

from chilinh_desktop.render import fonts


def test_without_a_vietnamese_font_the_error_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "font_dirs", lambda: [tmp_path])
    with pytest.raises(fonts.FontError) as caught:
        fonts.serif_family.__wrapped__(None)
    assert "Times New Roman" in caught.value.message and "tiếng Việt" in caught.value.message


def test_the_family_found_covers_vietnamese():
    family = fonts.serif_family()
    assert family.family in {"Times New Roman", "Liberation Serif", "DejaVu Serif"}
