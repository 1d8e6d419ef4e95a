"""The package layer's view of core.atomicfile: the same writer, failures as PackageError.

Packages, kits, slips and key backups report a failed write with the package layer's codes
(`io.write_failed` and its Vietnamese text), so the one helper is wrapped here, not copied.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from chilinh_desktop.core import atomicfile as _core
from chilinh_desktop.core.atomicfile import fsync_directory, part_path, remove_quietly
from chilinh_desktop.core.errors import FileWriteError
from chilinh_desktop.package.errors import describe_os_error, package_error

T = TypeVar("T")

__all__ = ["fsync_directory", "part_path", "remove_quietly", "write_atomically"]


def write_atomically(
    target: Path, write: Callable[[BinaryIO], object], check: Callable[[Path], T] | None = None,
    *, private: bool = False,
) -> T | None:
    """core.atomicfile.write_atomically; an OS failure becomes PackageError `io.write_failed`."""
    try:
        return _core.write_atomically(target, write, check, private=private)
    except FileWriteError as exc:
        cause = exc.__cause__
        if exc.code != "io.write_failed" or not isinstance(cause, OSError):
            raise  # not a plain OS failure (a device target, a file held open): its own message
        raise package_error("io.write_failed", path=str(target), reason=describe_os_error(cause)) from cause
