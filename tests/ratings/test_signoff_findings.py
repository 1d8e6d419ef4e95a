"""Before sign-off: errors block; warnings need an acknowledgement, which the audit trail keeps."""

import datetime as dt

import pytest

from chilinh_desktop.core.ratings import add_discipline, set_targets
from chilinh_desktop.core.rules import signoff_findings
from chilinh_desktop.core.store import Store
from chilinh_desktop.ops.signoff import SignOffRefused, sign_off, sign_off_plan


def test_an_error_blocks_sign_off_even_when_acknowledged(city, cycle_2023, cadre):
    key = cadre("HTXSNV")
    add_discipline(city, key, date=dt.date(2023, 3, 1), form="Khiển trách")
    with pytest.raises(SignOffRefused) as caught:
        sign_off(city, cycle_2023, "DB01", by="Bí thư", acknowledge=True)
    assert caught.value.code == "rules.errors" and caught.value.findings


def test_warnings_need_an_acknowledgement_recorded_in_the_audit(city, cycle_2023, cadre):
    key = cadre("HTXSNV")  # one HTXSNV and no HTTNV: over the quota, a warning only
    set_targets(city, cycle_2023, key, met_pct=100, exceeded_pct=50)
    with pytest.raises(SignOffRefused) as caught:
        sign_off(city, cycle_2023, "DB01", by="Nguyễn Văn A")
    assert caught.value.code == "rules.warnings"
    result = sign_off(city, cycle_2023, "DB01", by="Nguyễn Văn A", acknowledge=True)
    assert [f.rule for f in result.acknowledged] == ["124-QD-TW.quota_cadres"]
    assert signoff_findings(city, cycle_2023, "DB01") == []
    rows = city.db.execute("SELECT actor FROM audit WHERE action = 'findings.acknowledge'").fetchall()
    assert rows == [("Nguyễn Văn A",)]


def test_a_unit_without_findings_signs_off_freely(city, cycle_2023, cadre):
    cadre("HTTNV")
    plan = sign_off_plan(city, cycle_2023, "DB01")
    assert plan.errors == () and plan.warnings == ()
    sign_off(city, cycle_2023, "DB01", by="Bí thư")  # no refusal (the empty dossiers are listed as missing)


def test_a_rating_written_just_before_the_sign_off_takes_the_write_lock_is_seen(city, cycle_2023, cadre, monkeypatch):
    key = cadre("HTXSNV")
    set_targets(city, cycle_2023, key, met_pct=100, exceeded_pct=50)  # a warning only, acknowledged below
    begin = city._begin

    def another_program_writes_first() -> None:
        # Another program records a discipline for the same cadre and commits, just before our write
        # transaction starts: the sign-off must judge the file as it is once it holds the lock.
        other = Store.open(city.path)
        try:
            add_discipline(other, key, date=dt.date(2023, 3, 1), form="Khiển trách")
        finally:
            other.close()
        monkeypatch.setattr(city, "_begin", begin)
        begin()

    monkeypatch.setattr(city, "_begin", another_program_writes_first)
    with pytest.raises(SignOffRefused) as caught:
        sign_off(city, cycle_2023, "DB01", by="Bí thư", acknowledge=True)
    assert caught.value.code == "rules.errors"
    assert city.db.execute("SELECT COUNT(*) FROM audit WHERE action = 'findings.acknowledge'").fetchone() == (0,)
    assert city.db.execute("SELECT COUNT(*) FROM dossiers WHERE signed_off_at IS NOT NULL").fetchone() == (0,)
