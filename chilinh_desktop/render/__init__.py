"""Output documents (văn bản in): PDF of filled forms in the party layout (reportlab).

Importing this package loads no PDF library: the names below are thin doors that import their
module on first call (a command that never prints never pays for reportlab), and the classes are
served on first attribute access.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chilinh_desktop.render.document import FilledForm
    from chilinh_desktop.render.settings import PrintSettings

__all__ = ["FilledForm", "PrintSettings", "print_settings", "render_pdf", "write_pdf"]

_HOMES = {
    "FilledForm": "document", "render_pdf": "document",
    "write_pdf": "pipeline",
    "PrintSettings": "settings", "print_settings": "settings",
}


def _load(name: str) -> Any:
    return getattr(importlib.import_module(f"chilinh_desktop.render.{_HOMES[name]}"), name)


def print_settings(*args: Any, **kwargs: Any) -> Any:
    """See render.settings.print_settings."""
    return _load("print_settings")(*args, **kwargs)


def render_pdf(*args: Any, **kwargs: Any) -> Any:
    """See render.document.render_pdf."""
    return _load("render_pdf")(*args, **kwargs)


def write_pdf(*args: Any, **kwargs: Any) -> Any:
    """See render.pipeline.write_pdf."""
    return _load("write_pdf")(*args, **kwargs)


def __getattr__(name: str) -> Any:  # the classes, on first use
    if name in ("FilledForm", "PrintSettings"):
        return _load(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
