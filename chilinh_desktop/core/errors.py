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


class StoreBusy(StoreError):
    """Another program (or another window) is writing to the data file and did not finish in time.

    Nothing was written; the same action can simply be tried again (the window retries by itself).
    """

    code = "store.busy"


class FileWriteError(ChilinhError):
    """A file could not be written or replaced; the final name holds what it held before."""

    code = "io.write_failed"

    def __init__(self, message: str, *, code: str | None = None, path: object = None) -> None:
        super().__init__(message, code=code)
        self.path = None if path is None else str(path)
