"""Output documents (văn bản in): PDF of filled forms in the party layout (reportlab).

Importing this package loads no PDF library: the names below are thin doors that import their
module on first call (a command that never prints never pays for reportlab), and the classes are
served on first attribute access.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chilinh_desktop.render.batch import PrintJob
    from chilinh_desktop.render.document import FilledForm
    from chilinh_desktop.render.settings import PrintSettings

__all__ = ["FilledForm", "PrintJob", "PrintSettings", "print_form", "print_settings", "render_pdf", "run_jobs",
           "unit_print_jobs", "write_pdf"]

_HOMES = {
    "FilledForm": "document", "render_pdf": "document",
    "PrintJob": "batch", "print_form": "batch", "run_jobs": "batch", "unit_print_jobs": "batch", "write_pdf": "batch",
    "PrintSettings": "settings", "print_settings": "settings",
}


def _load(name: str) -> Any:
    return getattr(importlib.import_module(f"chilinh_desktop.render.{_HOMES[name]}"), name)


def print_form(*args: Any, **kwargs: Any) -> Any:
    """See render.batch.print_form."""
    return _load("print_form")(*args, **kwargs)


def print_settings(*args: Any, **kwargs: Any) -> Any:
    """See render.settings.print_settings."""
    return _load("print_settings")(*args, **kwargs)


def render_pdf(*args: Any, **kwargs: Any) -> Any:
    """See render.document.render_pdf."""
    return _load("render_pdf")(*args, **kwargs)


def run_jobs(*args: Any, **kwargs: Any) -> Any:
    """See render.batch.run_jobs."""
    return _load("run_jobs")(*args, **kwargs)


def unit_print_jobs(*args: Any, **kwargs: Any) -> Any:
    """See render.batch.unit_print_jobs."""
    return _load("unit_print_jobs")(*args, **kwargs)


def write_pdf(*args: Any, **kwargs: Any) -> Any:
    """See render.batch.write_pdf."""
    return _load("write_pdf")(*args, **kwargs)


def __getattr__(name: str) -> Any:  # the classes, on first use
    if name in ("FilledForm", "PrintJob", "PrintSettings"):
        return _load(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
