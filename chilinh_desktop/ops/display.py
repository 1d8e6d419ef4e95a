"""How values are written for people: dates, the words for states, text safe to print (re-exported: plain helpers).

Pure functions, with no data file: the window and the command line write a date, a dossier's state
or a late package the same way because both call these. Each is served from its home module on
first use, so importing this module loads nothing (the command line's start-up loads only what it
prints with).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chilinh_desktop.ops.lazy import lazy_getattr

_HOME = {
    "printable": "chilinh_desktop.core.input_rules",
    "screen_date": "chilinh_desktop.core.dates",
    "running_date": "chilinh_desktop.formspec.dates",
    "days_left": "chilinh_desktop.core.deadlines", "working_days_left": "chilinh_desktop.core.deadlines",
    "dossier_state_label": "chilinh_desktop.core.state_labels", "item_state_label": "chilinh_desktop.core.state_labels",
    "need_label": "chilinh_desktop.core.state_labels", "status_label": "chilinh_desktop.core.state_labels",
    "timeliness_names": "chilinh_desktop.render.board_report",
}

__all__ = ["days_left", "dossier_state_label", "item_state_label", "need_label", "printable", "running_date",
           "screen_date", "status_label", "timeliness_names", "working_days_left"]

if TYPE_CHECKING:
    from chilinh_desktop.core.dates import screen_date
    from chilinh_desktop.core.deadlines import days_left, working_days_left
    from chilinh_desktop.core.input_rules import printable
    from chilinh_desktop.core.state_labels import dossier_state_label, item_state_label, need_label, status_label
    from chilinh_desktop.formspec.dates import running_date
    from chilinh_desktop.render.board_report import timeliness_names


__getattr__ = lazy_getattr(__name__, _HOME)  # each name loaded from its home on first use
