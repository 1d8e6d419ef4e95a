"""The kinds a rule-set file may name (core/rulesets.py KINDS) and the checks that run them (core/rules.py CHECKS)
are one table in two halves: a kind with no check, or a check no file may name, fails here."""

from __future__ import annotations

import inspect

from chilinh_desktop.core.rules import CHECKS
from chilinh_desktop.core.rulesets import KINDS


def test_every_kind_has_a_check_and_every_check_a_kind():
    assert sorted(KINDS) == sorted(CHECKS)


def test_every_check_takes_the_context_and_the_rule():
    for kind, check in CHECKS.items():
        assert len(inspect.signature(check).parameters) == 2, kind
