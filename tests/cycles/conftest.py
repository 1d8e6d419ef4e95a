"""The demo city with a 2024 cycle started from 2023 (the Board's second year)."""

import pytest

from chilinh_desktop.ops import cycles as cycle_ops

DEADLINES = {"review": "2024-12-10", "dossier": "2024-12-15"}


@pytest.fixture
def second_year(demo_store):
    """The demo city after `cycle new --from 2023 --year 2024`; the 2024 cycle is current."""
    cycle_ops.start_cycle(demo_store, copy_from="2023", year=2024, deadlines=DEADLINES, dispatch="812-CV/TU")
    return demo_store
