"""Rule sets are data: the shipped ones load; a broken one names its file and rule."""

import pytest

from chilinh_desktop.core.definitions import SHIPPED
from chilinh_desktop.core.errors import DefinitionError
from chilinh_desktop.core.rulesets import load_rule_set, parse_rule_set


@pytest.mark.parametrize("rule_set_id", ["124-QD-TW", "366-QD-TW"])
def test_shipped_rule_sets_load(rule_set_id):
    assert load_rule_set(rule_set_id, definitions=SHIPPED).rules


@pytest.mark.parametrize(("change", "where"), [
    ({"kind": "quota_of_doom"}, "rules[1] (r).kind"),
    ({"message": "{subjekt}"}, "rules[1] (r).message"),
    ({"colour": "red"}, "rules[1] (r).colour"),
])
def test_a_broken_rule_names_file_and_rule(change, where):
    rule = {"id": "r", "kind": "exclude", "citation": "QĐ", "message": "{subject}", "action": "x", **change}
    with pytest.raises(DefinitionError) as caught:
        parse_rule_set({"id": "X", "title": "X", "rules": [rule]}, "X.toml")
    assert caught.value.message.startswith("X.toml") and where in caught.value.message
