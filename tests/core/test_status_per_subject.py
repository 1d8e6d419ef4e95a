"""`compute_status` agrees, unit by unit and item by item, with the one-subject reference (`item_statuses`).

The whole-tree computation takes shortcuts (figures kept per record shape and per tuple of stored states,
the dossiers joined to their items in Python); the reference reads each subject on its own. The demo city's
states are stirred first so that subjects of one shape differ: drafts, hand exemptions, scans, deleted
items, a state on an item the subject does not owe, and another cycle's dossier for the same people.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from chilinh_desktop.core.cycles import get_cycle, install_cycle, load_cycle_file, shipped_cycle_files
from chilinh_desktop.core.deadlines import compute_status
from chilinh_desktop.core.requirements import Need, item_statuses
from chilinh_desktop.core.units import unit_tree

TODAY = dt.date(2023, 12, 5)


def stir(store) -> None:
    """Vary the demo's stored states so that cadres of one record shape have different figures."""
    other = load_cycle_file(next(p for p in shipped_cycle_files() if p.stem == "2025"))
    install_cycle(store, other)
    with store.atomic() as db:
        _stir(db, other.id)


def _stir(db, other_cycle: str) -> None:
    db.execute("UPDATE dossier_items SET state = 'draft' WHERE id % 7 = 1")
    db.execute("UPDATE dossier_items SET state = 'exempt', exempt_reason = 'nghỉ ốm' WHERE id % 7 = 2")
    db.execute("UPDATE dossier_items SET state = 'attached' WHERE id % 7 = 3")
    db.execute("UPDATE dossier_items SET state = 'not_applicable' WHERE id % 7 = 4")
    db.execute("DELETE FROM dossier_items WHERE id % 7 = 5")
    # Another cycle's dossier, everything complete, for the first cadres of 2023: it must not count in 2023.
    rows = db.execute("SELECT subject_key, unit_id, official_id FROM dossiers WHERE cycle_id = '2023' "
                      "AND official_id IS NOT NULL ORDER BY subject_key LIMIT 20").fetchall()
    for subject_key, unit_id, official_id in rows:
        dossier_id = str(uuid.uuid4())
        db.execute("INSERT INTO dossiers (id, cycle_id, subject_key, unit_id, official_id, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, '2025-01-01')", [dossier_id, other_cycle, subject_key, unit_id, official_id])
        for kind in ("self_review", "record_supplement", "exemplary_pledge", "breakthrough_tasks",
                     "asset_declaration", "residence_comment"):
            db.execute("INSERT INTO dossier_items (dossier_id, kind, state, updated_at, updated_by) "
                       "VALUES (?, ?, 'complete', '2025-01-01', 'test')", [dossier_id, kind])


def reference(store, cycle) -> dict[str, tuple[int, int, int, list[tuple]]]:
    """Per unit code: (required, done, exempt, missing items in order), one subject at a time."""
    stored: dict[str, dict[str, tuple[str, str | None]]] = {}
    for key, kind, state, reason in store.db.execute(
            "SELECT d.subject_key, i.kind, i.state, i.exempt_reason FROM dossier_items i "
            "JOIN dossiers d ON d.id = i.dossier_id WHERE d.cycle_id = ?", [cycle.id]):
        stored.setdefault(key, {})[kind] = (state, reason)
    tiers = list(cycle.managed_tiers)
    result = {}
    for node in unit_tree(store, cycle.tree_date).walk():
        unit = node.unit
        subjects = [("unit", unit.id, unit.name, {"type": unit.type, "grassroots": unit.grassroots})]
        for oid, name, tier, deputy, assets, exempt in store.db.execute(
                "SELECT id, full_name, tier, deputy_head_or_above, asset_declaration_required, "
                f"residence_exempt_reason FROM officials WHERE unit_id = ? AND active = 1 "
                f"AND tier IN ({','.join('?' * len(tiers))}) ORDER BY sort_key, full_name", [unit.id, *tiers]):
            subjects.append(("official", oid, name, {"tier": tier, "deputy_head_or_above": bool(deputy),
                                                     "asset_declaration_required": bool(assets),
                                                     "residence_exempt_reason": exempt}))
        required = done = exempt_count = 0
        missing = []
        for kind, subject_id, name, attributes in subjects:
            statuses = item_statuses(cycle, kind, attributes, stored.get(f"{kind}:{subject_id}", {}))
            if kind == "unit" and all(s.need is Need.NOT_APPLICABLE for s in statuses):
                continue
            for s in statuses:
                exempt_count += s.need is Need.EXEMPT
                if s.counts:
                    required += 1
                    done += s.done
                    if not s.done:
                        missing.append((s.item.id, s.item.short_name, s.item.deadline, kind, subject_id, name))
        result[unit.code] = (required, done, exempt_count, missing)
    return result


def test_whole_tree_status_matches_each_subject_computed_alone(demo_store):
    stir(demo_store)
    cycle = get_cycle(demo_store, "2023")
    status = compute_status(demo_store, cycle, TODAY)
    expected = reference(demo_store, cycle)
    got = {u.code: (u.items_required, u.items_done, u.exempt, [tuple(m) for m in u.missing]) for u in status.units}
    assert got == expected
    # The stirring made the case worth proving: states differ within a shape, and both kinds of waiver occur.
    assert sum(e[2] for e in expected.values()) > 50
    assert 0 < sum(e[1] for e in expected.values()) < sum(e[0] for e in expected.values())


def test_an_unknown_stored_state_is_refused_as_the_reference_refuses_it(demo_store):
    cycle = get_cycle(demo_store, "2023")
    with demo_store.atomic() as db:
        db.execute("UPDATE dossier_items SET state = 'lost' WHERE id = (SELECT min(id) FROM dossier_items)")
    with pytest.raises(ValueError, match="lost"):
        reference(demo_store, cycle)
    with pytest.raises(ValueError, match="lost"):
        compute_status(demo_store, cycle, TODAY)
