"""The states of a dossier, apart from the dossier code so that rating records can honour the lock too."""

from __future__ import annotations

from enum import StrEnum


class DossierState(StrEnum):
    """Where a dossier is in its life."""

    DRAFT = "draft"
    COMPLETE = "complete"
    SIGNED_OFF = "signed_off"
    EXPORTED = "exported"
    RECEIVED = "received"


LOCKED_STATES = frozenset({DossierState.SIGNED_OFF, DossierState.EXPORTED, DossierState.RECEIVED})
