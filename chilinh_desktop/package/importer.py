"""The statuses a package import gives each file (the import itself: ops/importing.py)."""

IMPORTED, SUPERSEDED, ALREADY, WAITING, REFUSED = "imported", "superseded", "already", "waiting", "refused"
