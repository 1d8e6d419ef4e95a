"""Recording a rating step (xếp loại): every rating rule that refuses a record is enforced here.

The window's rating editor and `chilinh rate` both call `rate`, so a rating the window refuses is
refused by the command line with the same words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from chilinh_desktop.core import ratings as core_ratings
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.errors import ValidationError
from chilinh_desktop.core.rules import over_quota
from chilinh_desktop.core.store import Store
from chilinh_desktop.i18n import _
from chilinh_desktop.ops import changes


@dataclass(frozen=True)
class Rated:
    """A rating step recorded."""

    rating: core_ratings.Rating

    @property
    def changes(self) -> frozenset[str]:
        """What recording the rating changed."""
        return frozenset({changes.RATINGS, changes.CONTENT})


def rate(store: Store, cycle: Cycle, key: str, step: str, level: str | None, *, by: str, at: dt.date,
         score: float | None = None, criteria: dict[str, str] | None = None, justification: str | None = None,
         peer_group: str | None = None, actor: str) -> Rated:
    """Record one step of a subject's rating; refused when it breaks a rule that forbids the record itself.

    A rating at the quota's level (HTXSNV) in a group already over the quota needs a written
    justification: without one nothing is recorded.
    """
    justification = (justification or "").strip() or None
    with store.atomic():  # recorded, then judged with the group as it now stands; a refusal rolls back
        rating = core_ratings.record_rating(store, cycle, key, step, level, by=by, at=at, score=score,
                                            criteria=criteria, justification=justification,
                                            peer_group=peer_group, actor=actor)
        if justification is None and (finding := over_quota(store, cycle, key)) is not None:
            raise ValidationError(
                _("The group is over the quota for {level}: write the justification for this rating, then save "
                  "again.", level=rating.level),
                [("justification", finding.message)],
            )
    return Rated(rating)
