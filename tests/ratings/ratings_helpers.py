"""What the ratings tests share besides fixtures."""

from __future__ import annotations

import datetime as dt

from chilinh_desktop.core.rules import evaluate

DAY = dt.date(2023, 12, 5)
GOOD = {"pham_chat": "tot", "lanh_dao": "tot", "ket_qua": "xuat_sac"}


def rules_hit(store, cycle, rule: str) -> list:
    """The findings of one rule (by its id in the set)."""
    return [f for f in evaluate(store, cycle) if f.rule.endswith("." + rule)]
