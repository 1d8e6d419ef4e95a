"""Before sign-off: errors block; warnings need an acknowledgement, which the audit trail keeps."""

import datetime as dt

import pytest

from chilinh_desktop.core.errors import StateError
from chilinh_desktop.core.ratings import add_discipline, set_targets
from chilinh_desktop.core.rules import require_clear_for_signoff, signoff_findings


def test_an_error_blocks_sign_off_even_when_acknowledged(city, cycle_2023, cadre):
    key = cadre("HTXSNV")
    add_discipline(city, key, date=dt.date(2023, 3, 1), form="Khiển trách")
    with pytest.raises(StateError) as caught:
        require_clear_for_signoff(city, cycle_2023, "DB01", acknowledge_by="Bí thư")
    assert caught.value.code == "rules.errors"


def test_warnings_need_an_acknowledgement_recorded_in_the_audit(city, cycle_2023, cadre):
    key = cadre("HTXSNV")  # one HTXSNV and no HTTNV: over the quota, a warning only
    set_targets(city, cycle_2023, key, met_pct=100, exceeded_pct=50)
    with pytest.raises(StateError) as caught:
        require_clear_for_signoff(city, cycle_2023, "DB01")
    assert caught.value.code == "rules.warnings"
    acknowledged = require_clear_for_signoff(city, cycle_2023, "DB01", acknowledge_by="Nguyễn Văn A")
    assert [f.rule for f in acknowledged] == ["124-QD-TW.quota_cadres"]
    assert signoff_findings(city, cycle_2023, "DB01") == []
    actor, action = city.db.execute("SELECT actor, action FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert (actor, action) == ("Nguyễn Văn A", "findings.acknowledge")


def test_a_unit_without_findings_signs_off_freely(city, cycle_2023, cadre):
    cadre("HTTNV")
    assert require_clear_for_signoff(city, cycle_2023, "DB01") == []
