"""Write a file so that its final name only ever holds complete, flushed content."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from chilinh_desktop.package.errors import describe_os_error, package_error

T = TypeVar("T")


def part_path(target: Path) -> Path:
    """Return the temporary `<target>.part` path used while `target` is being written."""
    return target.with_name(target.name + ".part")


def remove_quietly(path: Path) -> None:
    """Remove `path` if it exists; ignore failures (the stick may already be gone)."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def write_atomically(
    target: Path, write: Callable[[BinaryIO], object], check: Callable[[Path], T] | None = None, *,
    private: bool = False,
) -> T | None:
    """Write `target` via `<target>.part`, fsync, check the part, rename; return what check gave.

    `private`: owner-only (0600) on POSIX from the first byte (decrypted declarations, keys).
    Any failure removes the part file and raises; an OSError becomes PackageError `io.write_failed`.
    """
    target = Path(target)
    part = part_path(target)
    try:
        # A stale .part from an earlier crash is overwritten: it was never a finished file.
        if private:
            remove_quietly(part)  # O_CREAT keeps an existing file's mode; start from none
        with _open_part(part, private) as handle:
            write(handle)
            handle.flush()
            # Without fsync a yanked USB stick can keep a renamed but empty or partial file.
            os.fsync(handle.fileno())
        # Checked before the rename, so the final name never holds unverified content.
        checked = None if check is None else check(part)
        os.replace(part, target)
    except OSError as exc:
        remove_quietly(part)
        reason = describe_os_error(exc)
        raise package_error("io.write_failed", path=str(target), reason=reason) from exc
    except BaseException:
        remove_quietly(part)
        raise
    fsync_directory(target.parent)
    return checked


def _open_part(part: Path, private: bool) -> BinaryIO:
    if not private:
        return open(part, "wb")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    if os.name == "posix":
        os.fchmod(fd, 0o600)  # whatever the umask
    return os.fdopen(fd, "wb")


def fsync_directory(directory: Path) -> None:
    """Make a rename in `directory` durable (best effort)."""
    # Makes the rename durable on POSIX; Windows cannot open directories, and some file systems
    # (FAT on USB sticks) refuse it. The content itself is already fsynced, so this is best effort.
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
