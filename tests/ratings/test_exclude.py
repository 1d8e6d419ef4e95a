"""Members not to be rated (suspended, admitted < 6 months, exempted) must carry no rating."""

import pytest
from ratings_helpers import rules_hit

from chilinh_desktop.core.errors import ValidationError
from chilinh_desktop.core.ratings import mark_not_rated


def test_a_rating_for_a_member_not_to_be_rated_is_an_error(city, cycle_2023, cadre):
    key = cadre("HTTNV")
    mark_not_rated(city, cycle_2023, key, "moi_ket_nap")
    [finding] = rules_hit(city, cycle_2023, "not_rated")
    assert finding.severity == "error" and "Mới kết nạp dưới 6 tháng" in finding.message


def test_an_unknown_reason_is_refused(city, cycle_2023, cadre):
    with pytest.raises(ValidationError):
        mark_not_rated(city, cycle_2023, cadre("HTTNV"), "nghi_phep")
