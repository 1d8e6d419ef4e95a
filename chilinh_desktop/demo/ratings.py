"""Demo ratings: realistic self-ratings and proposals for every unit and cadre, with a few mistakes to catch.

The planted mistakes are the ones the Board must find (issue #7): an HTXSNV for a cadre
disciplined this year, an HTXSNV proposal with a Kém criterion, too many HTXSNV in one
unit, and a leadership collective rated above its organisation. The year before (2022) is
kept as past ratings (issue 17), so the history shows on first start, and one cadre rated KHTNV
in 2022 and 2023 raises the two-years-in-a-row warning.
"""

from __future__ import annotations

import datetime as dt
import random

from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.history import record_past_rating
from chilinh_desktop.core.officials import Official, list_officials
from chilinh_desktop.core.ratings import (
    add_commendation,
    add_discipline,
    record_rating,
    set_classification_counts,
    set_targets,
    subject_key,
)
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import unit_tree

ACTOR = "demo"
SELF_DAY, PROPOSAL_DAY = dt.date(2023, 11, 28), dt.date(2023, 12, 1)
ORG_GOOD = {"xay_dung_dang": "tot", "ket_qua": "tot"}
ORG_EXCELLENT = {"xay_dung_dang": "tot", "ket_qua": "xuat_sac"}
PERSON_GOOD = {"pham_chat": "tot", "lanh_dao": "tot", "ket_qua": "tot"}
PERSON_EXCELLENT = {"pham_chat": "xuat_sac", "lanh_dao": "tot", "ket_qua": "xuat_sac"}


def _both_steps(store: Store, cycle: Cycle, key: str, level: str, criteria: dict, by: str, **extra) -> None:
    record_rating(store, cycle, key, "self", level, by=by, at=SELF_DAY, criteria=criteria, actor=ACTOR, **extra)
    record_rating(store, cycle, key, "proposal", level, by="Ban Thường vụ cấp ủy cơ sở", at=PROPOSAL_DAY,
                  criteria=criteria, actor=ACTOR, **extra)


def add_demo_ratings(store: Store, cycle: Cycle, rng: random.Random, *, unit_code: str | None = None) -> None:
    """Rate every top-level unit (or just `unit_code`), its leadership and its managed cadres (once only)."""
    if store.db.execute("SELECT 1 FROM ratings WHERE cycle_id = ? LIMIT 1", [cycle.id]).fetchone():
        return
    tree = unit_tree(store, cycle.tree_date)
    if unit_code is not None:  # a unit installation holds only its own subtree
        units = [tree.by_code[unit_code]]
    else:
        units = [child for root in tree.roots for child in root.children]
    # Within the quota in every kind of unit: one HTXSNV per six units of a kind.
    by_type: dict[str, list[str]] = {}
    for node in units:
        by_type.setdefault(node.unit.type, []).append(node.unit.code)
    excellent_units = {code for codes in by_type.values() for code in codes[: len(codes) // 6]}
    above = next((node.unit.code for node in units if node.unit.code not in excellent_units), None)
    with store.atomic():
        for node in units:
            unit = node.unit
            org_level = "HTXSNV" if unit.code in excellent_units else "HTTNV"
            _both_steps(store, cycle, subject_key(store, unit_code=unit.code), org_level,
                        ORG_EXCELLENT if org_level == "HTXSNV" else ORG_GOOD, by=f"Đảng ủy {unit.name}")
            set_targets(store, cycle, subject_key(store, unit_code=unit.code), met_pct=100,
                        exceeded_pct=rng.choice((20, 40, 60)), actor=ACTOR)
            # Planted: one unit's leadership collective rated above its organisation.
            collective_level = "HTXSNV" if unit.code == above else org_level
            _both_steps(store, cycle, subject_key(store, unit_code=unit.code, collective=True), collective_level,
                        {**PERSON_EXCELLENT, "xay_dung_dang": "tot"}, by=f"Tập thể lãnh đạo {unit.name}")
            if org_level == "HTXSNV":
                add_commendation(store, cycle, unit.code, name=unit.name, kind="to_chuc", level=org_level,
                                 key=subject_key(store, unit_code=unit.code), achievement="Tổ chức đảng tiêu biểu",
                                 actor=ACTOR)
            if unit.grassroots:
                _report_counts(store, cycle, unit.code, len(node.children), rng)
        repeated = _rate_cadres(store, cycle, rng)
        _previous_year(store, cycle, random.Random(rng.random()), repeated)


PAST_SOURCE = "Dữ liệu mẫu: kết quả xếp loại năm trước (giả định)"


def _previous_year(store: Store, cycle: Cycle, rng: random.Random, repeated: str | None) -> None:
    """The final levels of the year before the cycle for every subject it rates (kept as past ratings)."""
    keys = [row[0] for row in store.db.execute(
        "SELECT DISTINCT subject_key FROM ratings WHERE cycle_id = ? ORDER BY subject_key", [cycle.id])]
    for key in keys:
        level = "KHTNV" if key == repeated else rng.choices(("HTXSNV", "HTTNV", "HTNV"), (0.15, 0.75, 0.1))[0]
        record_past_rating(store, key, cycle.year - 1, level, source=PAST_SOURCE, actor=ACTOR)


def _report_counts(store: Store, cycle: Cycle, unit_code: str, cells: int, rng: random.Random) -> None:
    members = rng.randint(40, 260)
    good = round(members * rng.uniform(0.6, 0.75))
    excellent = rng.randint(0, good // 5)  # within the 20% quota
    low = rng.randint(0, 3)
    set_classification_counts(store, cycle, unit_code, "members",
                              {"HTXSNV": excellent, "HTTNV": good, "HTNV": members - excellent - good - low,
                               "KHTNV": low}, actor=ACTOR)
    top_cells = 1 if cells >= 6 else 0
    set_classification_counts(store, cycle, unit_code, "cells",
                              {"HTXSNV": top_cells, "HTTNV": cells - top_cells, "HTNV": 0, "KHTNV": 0}, actor=ACTOR)


def _rate_cadres(store: Store, cycle: Cycle, rng: random.Random) -> str | None:
    """Rate the managed cadres; return the one rated KHTNV (planted: as in the year before).

    The quota is counted within each unit (forms/rules: `within_unit`): a unit of six or more cadres
    may propose one HTXSNV (1 of 5 HTTNV is 20%), smaller units none, except the one unit the demo
    puts over the quota (three HTXSNV).
    """
    cadres = [o for o in list_officials(store) if o.tier in cycle.managed_tiers]
    by_unit: dict[str, list[Official]] = {}
    for official in cadres:
        by_unit.setdefault(official.unit_code, []).append(official)
    over = next((code for code, members in by_unit.items() if len(members) >= 6), None)
    disciplined = kem = repeated = None
    for unit_code, members in sorted(by_unit.items()):
        rng.shuffle(members)
        low = 1 if len(members) >= 4 and rng.random() < 0.3 else 0
        excellent = 3 if unit_code == over else (1 if len(members) >= 6 + low and rng.random() < 0.7 else 0)
        for i, official in enumerate(members):
            key = subject_key(store, official_id=official.id)
            level = "HTXSNV" if i < excellent else ("HTNV" if i >= len(members) - low else "HTTNV")
            criteria = PERSON_EXCELLENT if level == "HTXSNV" else PERSON_GOOD
            if level == "HTNV":
                criteria = {**PERSON_GOOD, "lanh_dao": "trung_binh"}
                if repeated is None:  # planted: KHTNV (a Kém criterion), as in the year before
                    repeated, level = key, "KHTNV"
                    criteria = {**PERSON_GOOD, "ket_qua": "kem"}
            if level == "HTXSNV" and unit_code != over:
                if disciplined is None:
                    disciplined = key  # planted: HTXSNV although disciplined this year
                elif kem is None:
                    kem = key  # planted: HTXSNV proposal with a Kém criterion
                    criteria = {**PERSON_EXCELLENT, "pham_chat": "kem"}
            _both_steps(store, cycle, key, level, criteria, by=official.full_name)
            set_targets(store, cycle, key, met_pct=100,
                        exceeded_pct=rng.choice((55, 60, 75)) if level == "HTXSNV" else rng.choice((10, 30, 45)),
                        actor=ACTOR)
            if level == "HTXSNV":
                add_commendation(store, cycle, official.unit_code, name=official.full_name, kind="dang_vien",
                                 level=level, key=key, achievement="Hoàn thành xuất sắc nhiệm vụ", actor=ACTOR)
    if disciplined is not None:
        add_discipline(store, disciplined, date=dt.date(2023, 8, 14), form="Khiển trách",
                       note="Vi phạm quy định về quản lý tài chính", actor=ACTOR)
    # A realistic excused case: disciplined, but found and remedied it themself (no finding).
    ordinary = next((o for o in cadres if subject_key(store, official_id=o.id) not in (disciplined, kem)), None)
    if ordinary is not None:
        add_discipline(store, subject_key(store, official_id=ordinary.id), date=dt.date(2023, 5, 3),
                       form="Khiển trách", self_remedied=True, actor=ACTOR)
    return repeated
