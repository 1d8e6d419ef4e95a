"""One error hierarchy: each error carries a stable code and a message for a person."""

from __future__ import annotations


class ChilinhError(Exception):
    """Base of every error the application reports to a person (message already translated)."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class StoreError(ChilinhError):
    """The database file cannot be used: damaged, foreign, newer or unreachable."""

    code = "store"


class NotFoundError(ChilinhError):
    """A unit, cadre, cycle or item that was asked for does not exist."""

    code = "not_found"


class ValidationError(ChilinhError):
    """Input that breaks a rule; `problems` lists every (field, message) found."""

    code = "invalid"

    def __init__(self, message: str, problems: list[tuple[str, str]] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class StateError(ChilinhError):
    """An action that the current state forbids (e.g. editing a signed-off dossier)."""

    code = "state"


class DefinitionError(ChilinhError):
    """A cycle or form definition file is malformed; the message names file and field."""

    code = "definition"
