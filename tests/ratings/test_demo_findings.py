"""The demo city's ratings hold the mistakes the Board must catch, and `check` finds them."""

import random

import pytest

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.rules import evaluate
from chilinh_desktop.demo.ratings import add_demo_ratings


@pytest.fixture
def rated_demo(demo_store):
    add_demo_ratings(demo_store, get_cycle(demo_store), random.Random(2023))  # does nothing once wired into build
    return demo_store


def test_the_demo_city_holds_each_planted_violation(rated_demo):
    rules = {f.rule.split(".")[-1] for f in evaluate(rated_demo, get_cycle(rated_demo))}
    assert {"discipline_in_year", "kem_criterion", "quota_cadres", "collective_not_above_organisation"} <= rules


def test_the_excused_discipline_in_the_demo_raises_nothing(rated_demo):
    excused = rated_demo.db.execute("SELECT subject_key FROM disciplines WHERE self_remedied = 1").fetchone()[0]
    assert excused not in {f.subject for f in evaluate(rated_demo, get_cycle(rated_demo))}
