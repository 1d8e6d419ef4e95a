"""Read-only inspection and bounded reading of an untrusted ZIP, before anything is extracted.

Every check works on the central directory alone, so a hostile archive is refused without
decompressing a byte; the reader then enforces the same limits on the bytes actually produced,
never trusting the sizes the archive declares.
"""

from __future__ import annotations

import contextlib
import io
import re
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from chilinh_desktop.core.input_files import check_regular
from chilinh_desktop.package.errors import PackageError, describe_os_error, package_error

_CHUNK = 64 * 1024
_LOCAL_HEADER_SIZE = 30  # fixed part of a ZIP local file header
_ALLOWED_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}  # what our writer and every tool use
_ENCRYPTED_FLAGS = 0x1 | 0x40  # traditional and strong encryption
_UTF8_FLAG = 0x800
_DRIVE = re.compile(r"^[A-Za-z]:")
# Plain ASCII segments that cannot be empty, ".", ".." or a drive, with no control, backslash or Unicode.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*/?")
_WINDOWS_FORBIDDEN = set('<>:"|?*')
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL"} | {
    f"{port}{number}" for port in ("COM", "LPT") for number in range(1, 10)
}
# Characters drawn like "/", "\" or "." that NFKC does not fold into them.
_LOOKALIKES = set("\u2044\u2215\u29f8\u2216\u29f5\ufe68\u2024\u2027\u3002")


@dataclass(frozen=True)
class ZipLimits:
    """Bounds an untrusted archive must stay within (giới hạn kiểm tra tệp ZIP)."""

    max_entries: int = 10_000
    max_file_size: int = 1 << 30  # 1 GiB per entry
    max_total_size: int = 4 << 30  # 4 GiB uncompressed in all
    max_ratio: int = 200  # uncompressed : compressed
    # Small text files legitimately compress far beyond any ratio; only big entries can be bombs.
    ratio_floor: int = 1 << 20
    max_name_bytes: int = 255


DEFAULT_LIMITS = ZipLimits()


def open_zip(path: Path, data: bytes | None = None) -> zipfile.ZipFile:
    """Open `path` as a ZIP for reading (from `data`, its bytes already read, if given); failures as PackageError."""
    if data is not None:
        return _open_bytes(path, data)
    try:
        check_regular(path)  # a FIFO named x.zip would make ZipFile wait forever for a writer
        return zipfile.ZipFile(path, "r")
    except OSError as exc:
        reason = describe_os_error(exc)
        raise package_error("io.read_failed", path=str(path), reason=reason) from exc
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        # A ZIP begins with a local header (or the end record when empty): with that present and
        # the end unreadable, the file was cut short rather than never being a ZIP.
        try:
            with open(path, "rb") as handle:
                head = handle.read(4)
        except OSError:
            head = b""
        code = "zip.truncated" if head in (b"PK\x03\x04", b"PK\x05\x06") else "zip.not_zip"
        raise package_error(code, path=str(path)) from exc


def _open_bytes(path: Path, data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data), "r")
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        code = "zip.truncated" if data[:4] in (b"PK\x03\x04", b"PK\x05\x06") else "zip.not_zip"
        raise package_error(code, path=str(path)) from exc


def zip_problems(
    archive: zipfile.ZipFile, limits: ZipLimits = DEFAULT_LIMITS
) -> list[PackageError]:
    """List every reason to refuse `archive`, from its central directory alone; empty means safe."""
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        # Stop here: checking a huge directory entry by entry is itself the attack.
        return [package_error("zip.too_many_entries", count=len(infos), limit=limits.max_entries)]
    problems: list[PackageError] = []
    for info in infos:
        # The raw name is checked because zipfile silently cuts names at NUL and, on Windows,
        # rewrites "\\" to "/": the raw name is what other tools would extract.
        name_problem = name_problem_of(info.orig_filename, limits)
        if name_problem is not None:
            problems.append(name_problem)
        problems.extend(_entry_problems(info, limits))
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_size:
        problems.append(package_error("zip.total_too_large", limit=limits.max_total_size))
    problems.extend(_duplicate_problems(info.filename for info in infos))
    problems.extend(_overlap_problems(archive, infos))
    return problems


def check_zip(archive: zipfile.ZipFile, limits: ZipLimits = DEFAULT_LIMITS) -> None:
    """Raise the first problem `zip_problems` finds in `archive`."""
    problems = zip_problems(archive, limits)
    if problems:
        raise problems[0]


@contextlib.contextmanager
def _read_errors(name: str) -> Iterator[None]:
    """An entry that cannot be read or inflated is refused with the package's own error codes."""
    try:
        yield
    except OSError as exc:
        raise package_error("io.read_failed", path=name, reason=describe_os_error(exc)) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        truncated = isinstance(exc, EOFError)
        detail = "dữ liệu bị cắt cụt" if truncated else "dữ liệu hỏng hoặc sai mã CRC"
        raise package_error("zip.corrupt", name=name, detail=detail) from exc


class BoundedReader:
    """Reads entries of a checked archive in chunks, enforcing the limits on the bytes produced."""

    def __init__(self, archive: zipfile.ZipFile, limits: ZipLimits = DEFAULT_LIMITS) -> None:
        self._archive = archive
        self._limits = limits
        self.total = 0  # bytes produced so far over all entries

    def chunks(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """Yield the entry's content; raise PackageError as soon as it outgrows a limit."""
        name = info.filename
        limits = self._limits
        produced = 0
        with _read_errors(name), self._archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                produced += len(chunk)
                self.total += len(chunk)
                if produced > limits.max_file_size:
                    raise package_error(
                        "zip.file_too_large",
                        name=name,
                        size=produced,
                        limit=limits.max_file_size,
                    )
                if produced > info.file_size:
                    raise package_error("zip.size_mismatch", name=name)
                if self.total > limits.max_total_size:
                    raise package_error("zip.total_too_large", limit=limits.max_total_size)
                yield chunk

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """Return the whole content of one entry, within the same limits as `chunks`."""
        if info.file_size > self._limits.max_file_size:
            return b"".join(self.chunks(info))  # refused by `chunks` as soon as it outgrows the limit
        # One read of at most the declared size plus one byte (zipfile never inflates past it): no chunk list to join.
        name, limits = info.filename, self._limits
        with _read_errors(name), self._archive.open(info) as stream:
            data = stream.read(info.file_size + 1)
        self.total += len(data)
        if len(data) > info.file_size:
            raise package_error("zip.size_mismatch", name=name)
        if self.total > limits.max_total_size:
            raise package_error("zip.total_too_large", limit=limits.max_total_size)
        return data


def read_entries(
    path: Path, limits: ZipLimits = DEFAULT_LIMITS, names: Iterable[str] | None = None
) -> dict[str, bytes]:
    """Check the ZIP at `path`, then return name -> content for its files (or only `names`)."""
    with open_zip(path) as archive:
        check_zip(archive, limits)
        wanted = None if names is None else set(names)
        reader = BoundedReader(archive, limits)
        return {
            info.filename: reader.read(info)
            for info in archive.infolist()
            if not info.is_dir() and (wanted is None or info.filename in wanted)
        }


def name_problem_of(name: str, limits: ZipLimits = DEFAULT_LIMITS) -> PackageError | None:
    """Return the first reason why entry name `name` is unsafe to extract, or None."""
    segments = name.rstrip("/").split("/")
    if _PLAIN_NAME.fullmatch(name) and len(name) <= limits.max_name_bytes and not any(
            segment.endswith(".") or segment.split(".")[0].upper() in _WINDOWS_DEVICES for segment in segments):
        # The names packages are made of (ASCII ids and folders): none of the checks below can apply to them.
        return None
    checks = [
        (not name, "zip.bad_name"),
        (any(ord(c) < 32 or ord(c) == 127 for c in name), "zip.control_char"),
        (_has_unicode_trick(name), "zip.unicode_trick"),
        ("\\" in name, "zip.backslash"),
        (name.startswith("/"), "zip.absolute_path"),
        (bool(_DRIVE.match(name)), "zip.drive_letter"),
        (".." in segments, "zip.path_escape"),
        (any(s in ("", ".") for s in segments), "zip.bad_name"),
        (any(_is_bad_windows_segment(s) for s in segments), "zip.windows_name"),
        (len(name.encode("utf-8")) > limits.max_name_bytes, "zip.name_too_long"),
    ]
    # Only the first (most specific) reason per name, so one bad name is one line in the report.
    code = next((code for bad, code in checks if bad), None)
    return None if code is None else package_error(code, name=name, limit=limits.max_name_bytes)


def _has_unicode_trick(name: str) -> bool:
    # Invisible and direction-changing characters (category Cf) make a name display as another;
    # fullwidth dots and slashes become real ones under NFKC, which some tools apply.
    if any(unicodedata.category(c) == "Cf" or c in _LOOKALIKES for c in name):
        return True
    folded = unicodedata.normalize("NFKC", name)
    return any(folded.count(c) != name.count(c) for c in "/\\.:")


def _is_bad_windows_segment(segment: str) -> bool:
    stem = segment.split(".")[0].upper()
    return (
        any(c in _WINDOWS_FORBIDDEN for c in segment)
        or stem in _WINDOWS_DEVICES
        or (segment.endswith((".", " ")) and segment not in (".", ".."))
    )


def _entry_problems(info: zipfile.ZipInfo, limits: ZipLimits) -> list[PackageError]:
    name = info.filename
    problems = []
    # The high 16 bits of external_attr hold Unix st_mode; checked whatever the creating system
    # claims, since a hostile archive can claim anything.
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        problems.append(package_error("zip.symlink", name=name))
    elif stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        problems.append(package_error("zip.special_file", name=name))
    if info.flag_bits & _ENCRYPTED_FLAGS:
        problems.append(package_error("zip.encrypted", name=name))
    if info.compress_type not in _ALLOWED_METHODS:
        method = info.compress_type
        problems.append(package_error("zip.unsupported_method", name=name, method=method))
    if info.file_size > limits.max_file_size:
        problems.append(
            package_error(
                "zip.file_too_large", name=name, size=info.file_size, limit=limits.max_file_size
            )
        )
    big = info.file_size > limits.ratio_floor
    if big and info.file_size > limits.max_ratio * info.compress_size:
        ratio = info.file_size // max(info.compress_size, 1)
        problems.append(
            package_error("zip.ratio_too_high", name=name, ratio=ratio, limit=limits.max_ratio)
        )
    if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
        detail = "kích thước khai không khớp"
        problems.append(package_error("zip.corrupt", name=name, detail=detail))
    return problems


def _duplicate_problems(names: Iterable[str]) -> list[PackageError]:
    # Three ever looser keys: what a ZIP tool, a Windows disk and a person take as the same name.
    problems = []
    exact: set[str] = set()
    by_case: dict[str, str] = {}
    by_look: dict[str, str] = {}
    files: dict[str, str] = {}
    parents: dict[str, str] = {}
    for name in names:
        path = name.rstrip("/")
        case_key = path.casefold()
        look_key = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", path).casefold())
        if name in exact:
            problems.append(package_error("zip.duplicate_name", name=name))
        elif case_key in by_case:
            other = by_case[case_key]
            problems.append(package_error("zip.case_duplicate", name=name, other=other))
        elif look_key in by_look:
            other = by_look[look_key]
            problems.append(package_error("zip.confusable_duplicate", name=name, other=other))
        exact.add(name)
        by_case.setdefault(case_key, name)
        by_look.setdefault(look_key, name)
        if not name.endswith("/"):
            files.setdefault(look_key, name)
        parts = look_key.split("/")
        for depth in range(1, len(parts)):
            parents.setdefault("/".join(parts[:depth]), name)
    # A name used both as a file and as a folder cannot be extracted faithfully anywhere.
    problems.extend(
        package_error("zip.path_conflict", name=name)
        for key, name in files.items()
        if key in parents
    )
    return problems


def _overlap_problems(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> list[PackageError]:
    # Entries sharing compressed bytes are the "overlapping" zip bomb: each entry looks modest but
    # the archive expands far beyond its size. Python 3.11 before 3.11.8 does not catch it.
    problems = []
    ordered = sorted(infos, key=lambda info: info.header_offset)
    central_directory = getattr(archive, "start_dir", None)
    for current, following in zip(ordered, [*ordered[1:], None], strict=True):
        encoding = "utf-8" if current.flag_bits & _UTF8_FLAG else "cp437"
        try:
            name_size = len(current.orig_filename.encode(encoding))
        except UnicodeEncodeError:
            name_size = len(current.orig_filename.encode("utf-8"))
        end = current.header_offset + _LOCAL_HEADER_SIZE + name_size + current.compress_size
        if following is not None and end > following.header_offset:
            problems.append(
                package_error(
                    "zip.overlapping_entries", name=current.filename, other=following.filename
                )
            )
        elif following is None and central_directory is not None and end > central_directory:
            problems.append(
                package_error(
                    "zip.overlapping_entries", name=current.filename, other="danh mục ZIP"
                )
            )
    return problems
