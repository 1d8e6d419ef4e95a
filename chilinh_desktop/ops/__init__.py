"""The operations layer: every use case once, under the window and the command line.

Each operation is one function, Qt-free, that checks its rules, writes in one transaction and
returns a typed result saying what changed (`changes`, see ops/changes.py). The window (ui/) and
the command line (cli/) are thin clients: they collect input, call an operation, and show its
result or its error. A rule refused in one front end is refused in the other with the same words,
because both call the same function here. Modules are imported on first use, so that importing
this package loads nothing heavy.
"""
