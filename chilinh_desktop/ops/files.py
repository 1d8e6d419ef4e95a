"""Writing the files a person chose, and where they may go (re-exported: plain helpers).

Whole-or-nothing writes (a temporary file renamed over the target, so a failure leaves the old file)
and the removable drives offered for an export, from core/ on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chilinh_desktop.ops.lazy import lazy_getattr

_HOME = {
    "write_atomically": "chilinh_desktop.core.atomicfile", "write_bytes": "chilinh_desktop.core.atomicfile",
    "export_targets": "chilinh_desktop.core.drives", "REMOVABLE": "chilinh_desktop.core.drives",
}

__all__ = ["REMOVABLE", "export_targets", "write_atomically", "write_bytes"]

if TYPE_CHECKING:
    from chilinh_desktop.core.atomicfile import write_atomically, write_bytes
    from chilinh_desktop.core.drives import REMOVABLE, export_targets


__getattr__ = lazy_getattr(__name__, _HOME)  # each name loaded from its home on first use
