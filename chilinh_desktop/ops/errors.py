"""The errors every use case may raise, for the front ends to catch and show (re-exported from core/errors.py)."""

from __future__ import annotations

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
           "StoreError", "ValidationError"]
