"""The window refreshes from what an operation says it changed, not from what the caller guessed."""

from __future__ import annotations

from chilinh_desktop.ops import changes
from chilinh_desktop.ops.signoff import Reopened
from chilinh_desktop.ui.operations import OperationRunner


class _Dossier:
    id = "d-1"


def test_a_results_changes_reach_the_views(qtbot, store):
    runner = OperationRunner(store)
    seen = []
    runner.changed.connect(seen.append)
    try:
        runner.call(lambda _store: Reopened(_Dossier()), changes={changes.SETTINGS})
        assert runner.wait_idle()
    finally:
        runner.shutdown()
    assert seen == [frozenset({changes.SETTINGS, changes.dossier("d-1"), changes.CONTENT, changes.RATINGS})]
