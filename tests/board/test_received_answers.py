"""What a unit sent reads at the Board as each field's row of the field-type table shows it."""

from __future__ import annotations

from chilinh_desktop.core.cycles import load_cycle_file
from chilinh_desktop.ops.received import _answers
from chilinh_desktop.resources import forms_dir


def _shown(form_id: str, answers: dict) -> dict[str, str]:
    cycle = load_cycle_file(forms_dir() / "cycles" / "2023.toml")
    return {answer.label: answer.text for answer in _answers(cycle, form_id, "2023.3", answers)}


def test_levels_dates_and_numbers_read_as_on_paper():
    shown = _shown("BBKD", {"meeting_date": "2023-12-05", "members_total": 12.0, "members_present": "bảy"})
    assert sorted(shown.values()) == ["05/12/2023", "12", "bảy"]  # a value the package got wrong shows as sent
    assert "Tốt" in _shown("02B", {"i1_level": "tot"}).values()
