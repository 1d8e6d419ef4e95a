"""Write a file so that its final name only ever holds complete, flushed content.

The one way every writer (PDFs, Excel, packages, backups, keys, the edit journal) puts a file on
disk: a temporary name beside the target, fsync of the file, an atomic rename, fsync of the folder.
Only a new path or an existing regular file is ever replaced (never a device such as /dev/null,
a folder or a link), and secrets can be written readable by their owner only.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from chilinh_desktop.core.errors import FileWriteError
from chilinh_desktop.i18n import _

T = TypeVar("T")

# Windows refuses to replace a file another program holds open (a PDF in a viewer, a workbook in
# Excel, an antivirus scan): retry this long before refusing. Windows only: on POSIX a rename
# never fails for that reason, and a permission error there does not heal by waiting.
SHARING_RETRY_SECONDS = 2.0
_RETRY_SHARING = os.name == "nt"
_SHARING_WINERRORS = {5, 32, 33}  # access denied, sharing violation, lock violation

_O_BINARY = getattr(os, "O_BINARY", 0)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def part_path(target: Path) -> Path:
    """Return the temporary `<target>.part` path used while `target` is being written."""
    return target.with_name(target.name + ".part")


def remove_quietly(path: Path) -> None:
    """Remove `path` if it exists; ignore failures (the stick may already be gone)."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def describe_os_error(exc: OSError) -> str:
    """Say why an OS call failed in the person's language, keeping the system's text for unusual causes."""
    reasons = {
        errno.ENOSPC: _("the disk is full"),
        errno.EIO: _("a device read/write error; the USB stick may have been pulled out"),
        errno.ENOENT: _("the file or folder was not found; the USB stick may have been pulled out"),
        errno.EACCES: _("access was denied"),
        errno.EPERM: _("access was denied"),
        errno.EROFS: _("the disk is read-only"),
    }
    return reasons.get(exc.errno or 0) or exc.strerror or str(exc)


def check_replaceable(target: Path) -> None:
    """Refuse (FileWriteError `io.not_regular_file`) a target that exists and is not a regular file."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise FileWriteError(_write_failed(target, exc), code="io.write_failed", path=target) from exc
    if not stat.S_ISREG(mode):
        raise FileWriteError(
            _("{path} is not an ordinary file (it is a folder, a device or a link), so it was not "
              "replaced and nothing was written. Choose a new file name.", path=target),
            code="io.not_regular_file", path=target,
        )


def write_atomically(
    target: Path | str,
    write: Callable[[BinaryIO], object],
    check: Callable[[Path], T] | None = None,
    *,
    private: bool = False,
    durable: bool = True,
) -> T | None:
    """Write `target` via `<target>.part`: write, fsync, check the part, rename, fsync the folder.

    Returns what `check` gave. `private` makes the file readable by its owner only (POSIX), for
    keys, plain backups and decrypted content. `durable=False` skips the two fsyncs, for a file
    rewritten on every keystroke (the edit journal) where a killed process must not tear it but a
    power cut may lose the last second. Any failure removes the part file and raises; an
    OSError becomes FileWriteError (`io.write_failed`, or `io.file_in_use` on Windows when another
    program holds the target open).
    """
    target = Path(target)
    check_replaceable(target)
    part = part_path(target)
    try:
        # A stale .part from an earlier crash was never a finished file; it is removed, not
        # followed (a link planted there must not redirect the write).
        remove_quietly(part)
        with open(part, "wb", opener=_private_opener if private else _new_file_opener) as handle:
            write(handle)
            handle.flush()
            # Without fsync a yanked USB stick can keep a renamed but empty or partial file.
            if durable:
                os.fsync(handle.fileno())
        # Checked before the rename, so the final name never holds unverified content.
        checked = None if check is None else check(part)
        _replace(part, target)
    except FileWriteError:
        remove_quietly(part)
        raise
    except OSError as exc:
        remove_quietly(part)
        raise FileWriteError(_write_failed(target, exc), code="io.write_failed", path=target) from exc
    except BaseException:
        remove_quietly(part)
        raise
    if durable:
        fsync_directory(target.parent)
    return checked


def write_bytes(target: Path | str, data: bytes, *, private: bool = False) -> Path:
    """Write `data` to `target` atomically (see write_atomically); return the target."""
    write_atomically(target, lambda handle: handle.write(data), private=private)
    return Path(target)


def replace_file(source: Path, target: Path) -> None:
    """Rename a finished, fsynced file over `target` (a regular file or a new path), durably."""
    check_replaceable(target)
    try:
        _replace(source, target)
    except FileWriteError:
        raise
    except OSError as exc:
        raise FileWriteError(_write_failed(target, exc), code="io.write_failed", path=target) from exc
    fsync_directory(target.parent)


def fsync_file(path: Path) -> None:
    """Flush a finished file's content to the disk."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def fsync_directory(directory: Path) -> None:
    """Make a rename in `directory` durable (POSIX; best effort on file systems that refuse it)."""
    # Windows cannot open directories, and some file systems (FAT on USB sticks) refuse it. The
    # content itself is already fsynced, so this is best effort.
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_failed(target: Path, exc: OSError) -> str:
    return _("The file {path} could not be written ({reason}). The partly written file was removed; "
             "no file of that name was created or changed. Check the free space on the disk or USB "
             "stick, plug it in again and try again.", path=target, reason=describe_os_error(exc))


def _is_sharing_violation(exc: OSError) -> bool:
    return isinstance(exc, PermissionError) and (
        getattr(exc, "winerror", None) in _SHARING_WINERRORS or exc.errno in (errno.EACCES, errno.EBUSY)
    )


def _replace(part: Path, target: Path) -> None:
    deadline = time.monotonic() + SHARING_RETRY_SECONDS
    while True:
        try:
            os.replace(part, target)
            return
        except OSError as exc:
            if not (_RETRY_SHARING and _is_sharing_violation(exc)):
                raise
            if time.monotonic() >= deadline:
                raise FileWriteError(
                    _("The file {path} is open in another program (a PDF viewer, Excel, an antivirus "
                      "scan…), so it was not replaced; it is unchanged. Close it there and try again.",
                      path=target),
                    code="io.file_in_use", path=target,
                ) from exc
            time.sleep(0.1)


def _new_file_opener(path: str, _flags: int) -> int:
    # O_EXCL: the part name was just cleared; if something appears there meanwhile, fail, never share.
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY | _O_NOFOLLOW, 0o666)


def _private_opener(path: str, _flags: int) -> int:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY | _O_NOFOLLOW, 0o600)
    if os.name == "posix":
        os.fchmod(fd, 0o600)  # whatever the umask says
    return fd
