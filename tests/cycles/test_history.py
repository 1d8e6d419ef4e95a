"""`chilinh history`: a cadre's and an organisation's ratings by year, for people and for programs."""

import datetime as dt
import json

from chilinh_desktop.cli import main
from chilinh_desktop.core import ratings
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.history import record_past_rating


def test_history_command(cadre, store, capsys):
    key = f"official:{cadre.id}"
    record_past_rating(store, key, 2022, "HTTNV")
    ratings.record_rating(store, get_cycle(store), key, "self", "HTTNV", by="x", at=dt.date(2023, 12, 1), actor="t")
    ratings.record_rating(store, get_cycle(store), key, "decision", "HTXSNV", by="BTV", at=dt.date(2023, 12, 20),
                          actor="t")
    db = str(store.path)
    store.close()
    assert main(["history", "--db", db, "--official", cadre.id, "--json"]) == 0
    (subject,) = json.loads(capsys.readouterr().out)["subjects"]
    assert [(y["year"], y["level"], y["step"]) for y in subject["years"]] == [(2022, "HTTNV", "decision"),
                                                                              (2023, "HTXSNV", "decision")]
    assert main(["history", "--db", db, "--unit", "PNV"]) == 0
    out = capsys.readouterr().out
    assert "Đỗ Thị Hà" in out and "2022: HTTNV · 2023: HTXSNV" in out
    assert main(["history", "--db", db, "--unit", "NOPE"]) == 2
