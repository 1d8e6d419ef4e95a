"""BagIt 1.0 bags (RFC 8493) stored as ZIP files: the shape of submission packages and cycle kits.

The bag's files sit at the ZIP root (`bagit.txt`, `bag-info.txt`, the manifests, `data/...`), not
under a top folder: entry names are then the bag's own relative paths, so verification is a direct
lookup, and extracting the ZIP into an empty folder gives a bag any BagIt tool validates.
Beside the tag manifest sits `tagmanifest-sha256.txt.sig`, an OpenSSH signature of it (see sshsig).
"""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import re
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, cast

from chilinh_desktop.package import sshsig
from chilinh_desktop.package.atomicfile import write_atomically
from chilinh_desktop.package.errors import PackageError, describe_os_error, package_error
from chilinh_desktop.package.zipsafe import (
    DEFAULT_LIMITS,
    BoundedReader,
    ZipLimits,
    name_problem_of,
    open_zip,
    zip_problems,
)

BAGIT_TXT = "bagit.txt"
BAG_INFO = "bag-info.txt"
MANIFEST = "manifest-sha256.txt"
TAGMANIFEST = "tagmanifest-sha256.txt"
SIGNATURE = TAGMANIFEST + ".sig"
PAYLOAD_DIR = "data/"
# bag-info label that names the signing key; checked against the actual signer when present.
SIGNER_FINGERPRINT_LABEL = "Signer-Fingerprint"

_DECLARATION = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
_REQUIRED_TAGS = (BAGIT_TXT, BAG_INFO, MANIFEST, TAGMANIFEST)
_COMPUTED_LABELS = ("Bagging-Date", "Payload-Oxum")
_PAYLOAD_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*")
_MANIFEST_LINE = re.compile(r"([0-9A-Fa-f]{64})[ \t]+(\S.*)")
_OXUM = re.compile(r"(\d+)\.(\d+)")
_CHUNK = 1024 * 1024
_SAMPLE = 256 * 1024  # how much of a payload file is tried before choosing to deflate or store it
_SMALL = 4096  # smaller payload files are always deflated
# Tag files are small text; reading one never needs the 1 GiB a payload file may take.
_MAX_TAG_BYTES = 32 << 20
_FILE_MODE = (stat.S_IFREG | 0o644) << 16

PayloadSource = bytes | Path
SignerCallback = Callable[[bytes], str]


@dataclass(frozen=True)
class BagReport:
    """What verifying a bag found (kết quả kiểm tra gói): every error, and what the bag declares."""

    errors: tuple[PackageError, ...] = ()
    info: dict[str, str] = field(default_factory=dict)
    signer_fingerprint: str | None = None
    payload_names: tuple[str, ...] = ()  # relative to data/
    signer_public: str | None = None  # the signer's OpenSSH public key line, when the signature is valid

    @property
    def ok(self) -> bool:
        """True when nothing at all was wrong."""
        return not self.errors


def is_payload_name(name: str) -> bool:
    """Tell whether `name` (relative to data/) is an allowed payload name: ASCII ids and folders."""
    return bool(_PAYLOAD_NAME.fullmatch(name)) and name_problem_of(PAYLOAD_DIR + name) is None


def write_bag(
    target: Path,
    payload: Iterable[tuple[str, PayloadSource]],
    info: Mapping[str, str] | Iterable[tuple[str, str]],
    *,
    signer: SignerCallback | None = None,
    bagging_date: datetime.date | None = None,
    limits: ZipLimits = DEFAULT_LIMITS,
    verify: bool = True,
) -> BagReport | None:
    """Write a bag ZIP at `target` atomically, read it back fully, and return its verification.

    `payload` yields (name relative to data/, bytes or a file path); `info` is the ordered bag-info.
    `signer` receives the tag manifest bytes and returns an armored SSHSIG to store beside it.
    `verify=False` leaves the reading back to the caller (who reads the file once for more than checking it).
    Payload that does not shrink (encrypted data, scans) is stored as it is: compressing it costs a pass for nothing.
    """
    target = Path(target)
    labels = _checked_info(info)
    bagging_date = bagging_date or datetime.date.today()

    def write(handle: BinaryIO) -> None:
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            _write_contents(archive, payload, labels, bagging_date, signer)

    def check(part: Path) -> BagReport:
        # A part file that vanished (stick pulled out) is a failed write, reported with its cause.
        part.stat()
        report = verify_bag(part, limits, require_signature=signer is not None)
        if not report.ok:
            codes = ", ".join(dict.fromkeys(error.code for error in report.errors))
            raise package_error("bag.write_verify_failed", path=str(target), codes=codes)
        return report

    return cast(BagReport, write_atomically(target, write, check if verify else None))


def bag_bytes(
    payload: Iterable[tuple[str, PayloadSource]],
    info: Mapping[str, str] | Iterable[tuple[str, str]],
    *,
    signer: SignerCallback | None = None,
    bagging_date: datetime.date | None = None,
) -> bytes:
    """A bag ZIP built in memory (a package's inner bag, sealed at once): verify it where it is read."""
    labels = _checked_info(info)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        _write_contents(archive, payload, labels, bagging_date or datetime.date.today(), signer)
    return buffer.getvalue()


PayloadVisitor = Callable[[str, bytes], None]


def verify_bag(
    path: Path,
    limits: ZipLimits = DEFAULT_LIMITS,
    trusted_key: str | None = None,
    *,
    require_signature: bool = True,
    data: bytes | None = None,
    wanted: Callable[[str], bool] | None = None,
    visit: PayloadVisitor | None = None,
) -> BagReport:
    """Check a bag ZIP (the file, or `data`: its bytes already read) without writing anything; report every problem.

    `trusted_key` (an OpenSSH public key line) pins the signer; without it, a valid signature by
    any key passes and the caller must judge `signer_fingerprint`. Every payload file whose name
    (relative to data/) is `wanted` is handed whole to `visit` as it is hashed, so a caller reading
    the documents never reads them a second time; `visit` must not raise.
    """
    try:
        archive = open_zip(Path(path), data)
    except PackageError as exc:
        return BagReport(errors=(exc,))
    with archive:
        problems = zip_problems(archive, limits)
        if problems:
            # The archive itself is hostile or broken: nothing inside it is worth reading.
            return BagReport(errors=tuple(problems))
        return _Verification(archive, limits, wanted, visit).run(trusted_key, require_signature)


def _write_contents(
    archive: zipfile.ZipFile,
    payload: Iterable[tuple[str, PayloadSource]],
    labels: list[tuple[str, str]],
    bagging_date: datetime.date,
    signer: SignerCallback | None,
) -> None:
    stamp = (bagging_date.year, bagging_date.month, bagging_date.day, 0, 0, 0)
    _put(archive, BAGIT_TXT, _DECLARATION, stamp)
    manifest_lines = []
    octets = 0
    seen: set[str] = set()
    for name, source in payload:
        if not is_payload_name(name) or name.casefold() in seen:
            # Payload names are ids made by the program, so a bad one is a bug, not user input.
            raise ValueError(f"invalid or duplicate payload name: {name!r}")
        seen.add(name.casefold())
        digest, size = _stream_payload(archive, PAYLOAD_DIR + name, source, stamp, _method_for(source))
        manifest_lines.append(f"{digest}  {PAYLOAD_DIR}{name}\n")
        octets += size
    manifest = "".join(manifest_lines).encode("ascii")
    all_labels = [
        *labels,
        ("Bagging-Date", bagging_date.isoformat()),
        ("Payload-Oxum", f"{octets}.{len(manifest_lines)}"),
    ]
    bag_info = "".join(f"{label}: {value}\n" for label, value in all_labels).encode("utf-8")
    _put(archive, MANIFEST, manifest, stamp)
    _put(archive, BAG_INFO, bag_info, stamp)
    tag_files = ((BAGIT_TXT, _DECLARATION), (BAG_INFO, bag_info), (MANIFEST, manifest))
    tagmanifest = "".join(
        f"{hashlib.sha256(content).hexdigest()}  {name}\n" for name, content in tag_files
    ).encode("ascii")
    _put(archive, TAGMANIFEST, tagmanifest, stamp)
    if signer is not None:
        _put(archive, SIGNATURE, signer(tagmanifest).encode("ascii"), stamp)


def _checked_info(info: Mapping[str, str] | Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    pairs = list(info.items() if isinstance(info, Mapping) else info)
    labels = [label for label, _ in pairs]
    for label, value in pairs:
        if (
            not label
            or label != label.strip()
            or ":" in label
            or label in _COMPUTED_LABELS
            or labels.count(label) > 1
            or any(c in label + value for c in "\r\n")
        ):
            # Labels and values come from the program; a bad one would silently corrupt bag-info.
            raise ValueError(f"invalid bag-info entry: {label!r}: {value!r}")
    return [(label, unicodedata.normalize("NFC", value)) for label, value in pairs]


def _zip_info(name: str, stamp: tuple[int, ...], method: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    # A fixed timestamp (the bagging date) and mode make the same input give the same bytes.
    info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
    info.compress_type = method
    info.external_attr = _FILE_MODE
    return info


def _put(archive: zipfile.ZipFile, name: str, data: bytes, stamp: tuple[int, ...]) -> None:
    archive.writestr(_zip_info(name, stamp), data)


def _stream_payload(
    archive: zipfile.ZipFile, name: str, source: PayloadSource, stamp: tuple[int, ...],
    method: int = zipfile.ZIP_DEFLATED,
) -> tuple[str, int]:
    info = _zip_info(name, stamp, method)
    # The size hint lets zipfile choose ZIP64 up front for files over 2 GiB.
    info.file_size = len(source) if isinstance(source, bytes) else _source_size(source)
    digest = hashlib.sha256()
    size = 0
    with archive.open(info, "w") as out:
        for chunk in _source_chunks(source):
            digest.update(chunk)
            out.write(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _method_for(source: PayloadSource) -> int:
    # A sample from the middle of the content (its start for a file): unless a fast deflate shrinks it by a tenth,
    # the content is already compressed or encrypted (PDFs, scans, xlsx, age files) and is stored as it is, like
    # `zip -n`: deflating it saves a few percent for a compression pass here and a slow inflate at every reading.
    if isinstance(source, bytes):
        middle = max(0, len(source) // 2 - _SAMPLE // 2)
        sample = source[middle:middle + _SAMPLE]
    else:
        try:
            with open(source, "rb") as handle:
                sample = handle.read(_SAMPLE)
        except OSError as exc:
            raise _unreadable(source, exc) from exc
    if len(sample) < _SMALL or len(zlib.compress(sample, 1)) < len(sample) * 0.9:
        return zipfile.ZIP_DEFLATED
    return zipfile.ZIP_STORED


def _source_size(source: Path) -> int:
    try:
        return os.stat(source).st_size
    except OSError as exc:
        raise _unreadable(source, exc) from exc


def _source_chunks(source: PayloadSource) -> Iterator[bytes]:
    # Only errors reading the source are caught here: a failing write to the target must surface
    # as io.write_failed, not blame the source.
    if isinstance(source, bytes):
        yield source
        return
    try:
        with open(source, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                # An exception in the consumer (the ZIP write) never enters this generator.
                yield chunk
    except OSError as exc:
        raise _unreadable(source, exc) from exc


def _unreadable(source: Path, exc: OSError) -> PackageError:
    return package_error("bag.source_unreadable", path=str(source), reason=describe_os_error(exc))


class _Verification:
    """One read-only pass over a zipsafe-checked bag, collecting every error it can."""

    def __init__(self, archive: zipfile.ZipFile, limits: ZipLimits, wanted: Callable[[str], bool] | None = None,
                 visit: PayloadVisitor | None = None) -> None:
        self.wanted, self.visit = wanted, visit
        self.errors: list[PackageError] = []
        self.files = {info.filename: info for info in archive.infolist() if not info.is_dir()}
        self.reader = BoundedReader(archive, limits)
        self.tag_reader = BoundedReader(
            archive, replace(limits, max_file_size=min(limits.max_file_size, _MAX_TAG_BYTES))
        )

    def run(self, trusted_key: str | None, require_signature: bool) -> BagReport:
        tags = {name: self._read_tag(name) for name in _REQUIRED_TAGS}
        self._check_declaration(tags[BAGIT_TXT])
        info = self._parse_info(tags[BAG_INFO])
        payload_manifest = self._parse_manifest(MANIFEST, tags[MANIFEST])
        tag_manifest = self._parse_manifest(TAGMANIFEST, tags[TAGMANIFEST])
        signer = self._check_signature(tags[TAGMANIFEST], trusted_key, require_signature)
        octets, payload_names = self._check_files(payload_manifest, tag_manifest, tags)
        self._check_oxum(info, octets, len(payload_names))
        declared = (info or {}).get(SIGNER_FINGERPRINT_LABEL)
        if signer is not None and declared is not None and declared != signer.fingerprint:
            self.errors.append(
                package_error(
                    "bag.fingerprint_mismatch", expected=declared, found=signer.fingerprint
                )
            )
        return BagReport(
            errors=tuple(self.errors),
            info=info or {},
            signer_fingerprint=None if signer is None else signer.fingerprint,
            payload_names=tuple(name[len(PAYLOAD_DIR) :] for name in payload_names),
            signer_public=None if signer is None else _public_line(signer.public_blob),
        )

    def _read_tag(self, name: str) -> bytes | None:
        if name not in self.files:
            self.errors.append(package_error("bag.missing_tag_file", name=name))
            return None
        try:
            return self.tag_reader.read(self.files[name])
        except PackageError as exc:
            self.errors.append(exc)
            return None

    def _check_declaration(self, content: bytes | None) -> None:
        if content is None:
            return
        text = content.decode("utf-8", "replace")
        try:
            fields = dict(_parse_lines(text))
        except ValueError:
            fields = {}
        expected = {"BagIt-Version": "1.0", "Tag-File-Character-Encoding": "UTF-8"}
        if any(fields.get(label) != value for label, value in expected.items()):
            self.errors.append(package_error("bag.bad_declaration", detail=text[:80].strip()))

    def _parse_info(self, content: bytes | None) -> dict[str, str] | None:
        if content is None:
            return None
        try:
            pairs = _parse_lines(content.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            self.errors.append(package_error("bag.info_invalid", detail=str(exc)))
            return None
        info: dict[str, str] = {}
        for label, value in pairs:
            if label in info:
                # Our bags never repeat a label; a second Signer-Fingerprint could mislead a reader.
                detail = f"nhãn {label} lặp lại"
                self.errors.append(package_error("bag.info_invalid", detail=detail))
            info.setdefault(label, value)
        return info

    def _parse_manifest(self, name: str, content: bytes | None) -> dict[str, str] | None:
        if content is None:
            return None
        entries: dict[str, str] = {}
        for number, line in enumerate(content.decode("utf-8", "replace").splitlines(), 1):
            match = _MANIFEST_LINE.fullmatch(line)
            path = match.group(2) if match else ""
            # The payload manifest lists data/ only; the tag manifest lists everything else except
            # itself and its signature, which cannot be hashed into it.
            in_data = path.startswith(PAYLOAD_DIR)
            misplaced = not in_data if name == MANIFEST else in_data or path in (TAGMANIFEST, SIGNATURE)
            if not match or path in entries or misplaced:
                self.errors.append(
                    package_error("bag.manifest_invalid", name=name, detail=f"dòng {number}")
                )
                continue
            entries[path] = match.group(1).lower()
        return entries

    def _check_signature(
        self, tagmanifest: bytes | None, trusted_key: str | None, required: bool
    ) -> sshsig.Signer | None:
        if SIGNATURE not in self.files:
            if required:
                self.errors.append(package_error("bag.signature_missing", name=SIGNATURE))
            return None
        if tagmanifest is None:
            return None
        try:
            armored = self.tag_reader.read(self.files[SIGNATURE])
            return sshsig.verify(armored, tagmanifest, sshsig.NAMESPACE, trusted_key)
        except PackageError as exc:
            self.errors.append(exc)
            return None

    def _check_files(
        self,
        payload_manifest: dict[str, str] | None,
        tag_manifest: dict[str, str] | None,
        tags: dict[str, bytes | None],
    ) -> tuple[int, list[str]]:
        octets = 0
        payload_names = []
        for name in sorted(self.files):
            if name in (TAGMANIFEST, SIGNATURE) or (name in tags and tags[name] is None):
                continue  # not hashable into the manifests, or a tag file already failed to read
            is_payload = name.startswith(PAYLOAD_DIR)
            manifest = payload_manifest if is_payload else tag_manifest
            if is_payload:
                payload_names.append(name)
                if not is_payload_name(name[len(PAYLOAD_DIR) :]):
                    self.errors.append(package_error("bag.bad_payload_name", name=name))
            if manifest is not None and name not in manifest:
                self.errors.append(package_error("bag.file_unlisted", name=name))
            try:
                digest, size = self._hash(name, tags.get(name))
            except PackageError as exc:
                self.errors.append(exc)
                if exc.code == "io.read_failed":
                    break  # the medium is gone; every further read would fail the same way
                continue
            octets += size if is_payload else 0
            if manifest is not None and name in manifest and manifest[name] != digest:
                code = "bag.payload_changed" if is_payload else "bag.tag_changed"
                self.errors.append(package_error(code, name=name))
        for manifest in (payload_manifest, tag_manifest):
            # Required tag files that are absent were already reported when reading them.
            self.errors.extend(
                package_error("bag.file_missing", name=name)
                for name in manifest or {}
                if name not in self.files and name not in _REQUIRED_TAGS
            )
        return octets, payload_names

    def _hash(self, name: str, content: bytes | None) -> tuple[str, int]:
        # Tag files were already read for parsing; hashing that same content avoids a second read
        # and guarantees the bytes parsed are the bytes checked. A payload file the caller reads is
        # read whole here and handed over: the bytes hashed are the bytes it reads.
        relative = name[len(PAYLOAD_DIR):] if name.startswith(PAYLOAD_DIR) else None
        if content is None and relative is not None and self.visit is not None and self.wanted is not None \
                and self.wanted(relative):
            content = self.reader.read(self.files[name])
            self.visit(relative, content)
        if content is not None:
            return hashlib.sha256(content).hexdigest(), len(content)
        digest = hashlib.sha256()
        size = 0
        for chunk in self.reader.chunks(self.files[name]):
            digest.update(chunk)
            size += len(chunk)
        return digest.hexdigest(), size

    def _check_oxum(self, info: dict[str, str] | None, octets: int, count: int) -> None:
        if info is None:
            return  # bag-info.txt missing or unreadable: already reported
        declared = info.get("Payload-Oxum")
        if declared is None:
            self.errors.append(package_error("bag.info_invalid", detail="thiếu Payload-Oxum"))
            return
        match = _OXUM.fullmatch(declared)
        if match is None:
            self.errors.append(package_error("bag.info_invalid", detail=f"Payload-Oxum {declared}"))
        elif (int(match[1]), int(match[2])) != (octets, count):
            self.errors.append(
                package_error("bag.oxum_mismatch", expected=declared, found=f"{octets}.{count}")
            )


def _public_line(blob: bytes) -> str:
    from chilinh_desktop.package import keys

    return keys.public_key_line(keys.public_key_from_blob(blob))


def _parse_lines(text: str) -> list[tuple[str, str]]:
    # "Label: value" lines; a line starting with whitespace continues the previous value (RFC 8493).
    pairs: list[tuple[str, str]] = []
    for line in text.splitlines():
        if line[:1] in (" ", "\t") and pairs:
            label, value = pairs[-1]
            pairs[-1] = (label, f"{value} {line.strip()}")
        elif ":" in line:
            label, value = line.split(":", 1)
            pairs.append((label.strip(), value.strip()))
        elif line.strip():
            raise ValueError(f"dòng không có dấu hai chấm: {line[:40]!r}")
    return pairs
