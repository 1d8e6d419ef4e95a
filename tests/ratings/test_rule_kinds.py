"""The kinds of rule are one table (core/rules.py KINDS): each kind carries its check, so a rules file
naming a kind without a check cannot load, and a check no kind names is caught here."""

from __future__ import annotations

import inspect

import pytest

from chilinh_desktop.core import form_rules, ground_rules, paper_rules, rules, year_rules
from chilinh_desktop.core.definitions import Definitions
from chilinh_desktop.core.errors import DefinitionError
from chilinh_desktop.core.rules import KINDS
from chilinh_desktop.core.rulesets import load_rule_set
from chilinh_desktop.resources import forms_dir

A_RULE = '\n[[rules]]\nid = "moi"\nkind = "{kind}"\ncitation = "QĐ"\nmessage = "{{subject}}"\naction = "Sửa"\n'


def _checks() -> dict[str, object]:
    """Every function written as a rule check: (ctx, rule) → Iterator[Finding]."""
    found = {}
    for module in (rules, form_rules, ground_rules, paper_rules, year_rules):
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__:
                continue
            signature = inspect.signature(function)
            if list(signature.parameters) == ["ctx", "rule"] and signature.return_annotation == "Iterator[Finding]":
                found[f"{module.__name__}.{name}"] = function
    return found


def test_every_check_is_named_by_a_kind():
    named = {kind.check for kind in KINDS.values()}
    assert sorted(name for name, function in _checks().items() if function not in named) == []


def test_a_rules_file_naming_a_kind_without_a_check_fails_loading():
    shipped = (forms_dir() / "rules" / "124-QD-TW.toml").read_text(encoding="utf-8")
    ok = Definitions({"rules/124-QD-TW.toml": (shipped + A_RULE.format(kind="exclude")).encode()})
    assert load_rule_set("124-QD-TW", definitions=ok).rules[-1].id == "moi"
    broken = Definitions({"rules/124-QD-TW.toml": (shipped + A_RULE.format(kind="quota_of_doom")).encode()})
    with pytest.raises(DefinitionError) as caught:
        load_rule_set("124-QD-TW", definitions=broken)
    assert "(moi).kind" in caught.value.message and "124-QD-TW.toml" in caught.value.message


def test_every_shipped_kind_is_used_or_known():
    used = set()
    for path in (forms_dir() / "rules").glob("*.toml"):
        used |= {rule.kind for rule in load_rule_set(path.stem, definitions=Definitions()).rules}
    assert used <= set(KINDS)
