"""The errors every use case may raise, for the front ends to catch and show (re-exported from core/errors.py)."""

from __future__ import annotations

from pathlib import Path

from chilinh_desktop.core.errors import (
    ChilinhError,
    DefinitionError,
    FileWriteError,
    NotFoundError,
    StateError,
    StoreBusy,
    StoreError,
    ValidationError,
)

__all__ = ["ChilinhError", "DefinitionError", "FileWriteError", "NotFoundError", "StateError", "StoreBusy",
           "StoreError", "ValidationError", "store_failure"]


def store_failure(exc: BaseException, path: Path) -> StoreError | None:
    """The person's message for an SQLite failure met outside a transaction (busy, read-only), or None."""
    from chilinh_desktop.core.store import store_failure as failure

    return failure(exc, path)
