"""Form texts shown in the window have their {placeholders} filled, as in print (one fill function)."""

from __future__ import annotations

import re

from ui_helpers import visible_texts

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import dossier_statuses, get_dossier
from chilinh_desktop.core.requirements import Need

PLACEHOLDER = re.compile(r"\{[a-z][a-z0-9_.]*\}")


def _one_dossier_per_item(store) -> dict[str, str]:
    """For every item of the cycle, a demo dossier that needs it (item id → dossier id)."""
    cycle = get_cycle(store)
    chosen: dict[str, str] = {}
    for (dossier_id,) in store.db.execute("SELECT id FROM dossiers WHERE cycle_id = ? ORDER BY id", [cycle.id]):
        for status in dossier_statuses(store, cycle, get_dossier(store, dossier_id)):
            if status.need is not Need.NOT_APPLICABLE:
                chosen.setdefault(status.item.id, dossier_id)
    return chosen


def test_no_form_tab_shows_a_raw_placeholder(window, demo_store):
    chosen = _one_dossier_per_item(demo_store)
    assert {"self_review", "exemplary_pledge", "record_supplement"} <= set(chosen)  # 02B, Nêu gương, Bổ sung lý lịch
    seen = 0
    for item_id, dossier_id in sorted(chosen.items()):
        window.open_dossier(dossier_id, item_id)
        page = window.dossier_view.current_page()
        assert page.item.id == item_id
        if page.editor is None:
            continue
        seen += 1
        texts = visible_texts(page)
        raw = [t for t in texts if PLACEHOLDER.search(t)]
        assert not raw, (item_id, raw)
        assert any(str(window.ctx.cycle.year) in t for t in texts) or item_id not in ("exemplary_pledge", "record_supplement")
    assert seen >= 5
