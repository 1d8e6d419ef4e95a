"""The translation catalogs: every message translated, placeholders kept intact."""

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from chilinh_desktop.i18n import _, placeholders, set_language

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = ROOT / "resources" / "translations"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_translations_keep_every_placeholder(language):
    with (CATALOGS / f"{language}.po").open("rb") as fh:
        catalog = read_po(fh)
    def forms(value) -> tuple[str, ...]:  # a plural message has a tuple of ids and of translations
        return tuple(v for v in value if v) if isinstance(value, tuple) else (value,)

    broken = [m.id for m in catalog if m.id and m.string
              and any(placeholders(text) != placeholders(forms(m.id)[-1]) for text in forms(m.string))]
    assert broken == []


def test_every_message_in_the_code_has_a_vietnamese_translation():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "catalog.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_language_switch_changes_the_text():
    set_language("en")
    english = _("There is no unit with the code {code}.", code="X")
    set_language("vi")
    assert english == "There is no unit with the code X."
    assert _("There is no unit with the code {code}.", code="X") == "Không có đơn vị nào có mã X."
