"""Opening a file a person named (to attach, to import from Word or Excel) without ever waiting on it.

A FIFO named scan.pdf, /dev/zero or a folder given as `--from` would make a plain `open` wait
forever or a read never end. `open_regular` opens without blocking, refuses anything that is not a
regular file at once, and `read_bounded` never reads more than a limit (a file that grows while read
is refused as well).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from chilinh_desktop.i18n import _


class NotRegularFile(OSError):
    """The path is a pipe, a device, a socket or a folder: refused before any byte is read."""


def open_regular(path: Path | str) -> BinaryIO:
    """The file opened for reading, or NotRegularFile (an OSError with a Vietnamese strerror) at once."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotRegularFile(errno.EINVAL, _("not a regular file (a pipe, a device or a folder)"), str(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def check_regular(path: Path | str) -> None:
    """NotRegularFile (or another OSError) unless `path` is a regular file that can be opened; nothing is read."""
    open_regular(path).close()


def read_bounded(path: Path | str, limit: int) -> bytes | None:
    """The bytes of a regular file, or None when it holds more than `limit` bytes (nothing more is read)."""
    with open_regular(path) as handle:
        if os.fstat(handle.fileno()).st_size > limit:
            return None
        data = handle.read(limit + 1)
    return None if len(data) > limit else data
