"""What a unit sent, as the Board reads it: a received dossier's documents, their PDFs, the unit's print-all.

At the Board the record is what the unit signed and sent (hồ sơ đơn vị gửi), not the Board's own
copy of the dossier: these use cases read the unit's *current* package (core/board.py) and return
plain values for the window and the command line. The PDFs are the bytes inside the package, checked
against the package's signed manifest before they are shown, printed or written.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chilinh_desktop.core.board import current_documents, find_received, package_code, received_data
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dates import running_date
from chilinh_desktop.core.dossiers import get_dossier, get_unit_by_id
from chilinh_desktop.core.errors import ChilinhError, NotFoundError
from chilinh_desktop.core.package_documents import DossierRecord
from chilinh_desktop.core.store import Store
from chilinh_desktop.i18n import _

CONFIDENTIAL_DIR = "confidential/"


@dataclass(frozen=True)
class ReceivedAnswer:
    """One answer of a received form: the field's label and the text the unit sent."""

    label: str
    text: str


@dataclass(frozen=True)
class ReceivedItem:
    """One item of a received dossier, as the unit sent it."""

    id: str
    name: str
    short_name: str
    need: str
    state: str
    exempt_reason: str | None
    form: str | None  # e.g. "02B (2023.2)"
    answers: tuple[ReceivedAnswer, ...]
    file: str | None  # the payload file under data/ (a PDF, or an encrypted file); the first of `files`
    confidential: bool
    files: tuple[str, ...] = ()  # every payload file of the item, in order (a scan sent page by page)

    @property
    def viewable(self) -> bool:
        """Whether the unit's PDF can be shown here (confidential files open only on request, from the package)."""
        return bool(self.file) and not self.confidential and self.file.endswith(".pdf")


@dataclass(frozen=True)
class ReceivedDossier:
    """A dossier as it arrived at the Board: which package, when, who signed off, and its items."""

    package_id: str
    package_code: str  # the short code printed on the receipt (DB15-3F2A-91C0), as a person compares it
    file_name: str
    exported_at: str
    received_at: str
    unit_code: str
    unit_name: str
    subject: str  # the cadre's name, or the unit's for its collective dossier
    state: str
    signed_off_by: str | None
    signed_off_at: str | None
    items: tuple[ReceivedItem, ...] = field(default_factory=tuple)

    def item(self, item_id: str) -> ReceivedItem:
        """The item with this id."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise NotFoundError(_("The received dossier has no item {item}.", item=item_id), code="received.no_item")


def short_code(package_id: str, unit_code: str | None = None) -> str:
    """A package id as a person reads it aloud and compares with the receipt (core.board.package_code)."""
    return package_code(unit_code, package_id)


def moment_text(text: str) -> str:
    """An ISO moment (Exported-At, received at) as a person reads it: 05/12/2023 09:00."""
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    return f"{running_date(moment.date())} {moment:%H:%M}"


def received_dossier(store: Store, cycle: Cycle, dossier_id: str) -> ReceivedDossier | None:
    """The received counterpart of a dossier kept here (same cadre, or same unit's collective), or None."""
    dossier = get_dossier(store, dossier_id)
    unit = get_unit_by_id(store, dossier.unit_id)
    found = current_documents(store, cycle.id, unit.code).get(unit.code)
    if found is None:
        return None
    package, unit_doc, officials = found
    record: DossierRecord | None
    if dossier.official_id:
        doc = next((d for d in officials if d.official.id == dossier.official_id), None)
        record, subject = (doc.dossier, doc.official.full_name) if doc else (None, "")
    else:
        record, subject = unit_doc.dossier, unit_doc.unit.name
    if record is None:
        return None
    return ReceivedDossier(package.package_id, short_code(package.package_id, unit.code), package.file_name,
                           package.exported_at, package.received_at, unit.code, unit_doc.unit.name, subject,
                           record.state, record.signed_off_by, record.signed_off_at, _items(cycle, record))


def _items(cycle: Cycle, record: DossierRecord) -> tuple[ReceivedItem, ...]:
    order = {item.id: n for n, item in enumerate(cycle.items)}
    kinds = {item.id: item for item in cycle.items}
    result = []
    for item_id, sent in sorted(record.items.items(), key=lambda pair: (order.get(pair[0], len(order)), pair[0])):
        kind = kinds.get(item_id)
        form = f"{sent.form_id} ({sent.form_version})" if sent.form_id else None
        result.append(ReceivedItem(item_id, kind.name if kind else item_id, kind.short_name if kind else item_id,
                                   sent.need, sent.state, sent.exempt_reason, form,
                                   _answers(cycle, sent.form_id, sent.form_version, sent.answers),
                                   sent.file, bool(sent.confidential), sent.payload_files))
    return tuple(result)


def _answers(cycle: Cycle, form_id: str | None, version: str | None, answers: dict[str, Any] | None
             ) -> tuple[ReceivedAnswer, ...]:
    """The answers in the form's order with its labels; a field the form does not know keeps its id."""
    if not answers:
        return ()
    fields: dict[str, Any] = {}
    scales: Any = None
    if form_id:
        from chilinh_desktop.formspec.loader import load_form
        from chilinh_desktop.formspec.scales import scales_for

        try:
            fields = {f.id: f for f in load_form(form_id, version, definitions=cycle.definitions).fields()}
            scales = scales_for(cycle)
        except ChilinhError:
            fields = {}  # a form version this installation lacks: the answers still show, by their ids
    ordered = [key for key in fields if key in answers] + sorted(k for k in answers if k not in fields)
    return tuple(ReceivedAnswer(fields[key].label if key in fields else key,
                                _text(fields.get(key), answers[key], scales))
                 for key in ordered if answers[key] not in (None, "", [], {}))


def _text(spec: Any, value: Any, scales: Any) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return "\n".join(_row_text(spec, row, scales) for row in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(None, v, scales)}" for k, v in value.items() if v not in (None, ""))
    if spec is not None and scales is not None:
        from chilinh_desktop.formspec.validate import display_value

        try:  # as the field-type table shows its type; a value a unit's package got wrong shows as sent
            return display_value(spec, value, scales)
        except (ValueError, TypeError, ChilinhError):
            return str(value)
    return str(value)


def _row_text(spec: Any, row: Any, scales: Any) -> str:
    if not isinstance(row, dict):
        return "– " + _text(None, row, scales)
    columns = {c.id: c for c in spec.columns} if spec is not None else {}
    keys = [k for k in columns if k in row] + [k for k in row if k not in columns]
    parts = [f"{columns[k].label if k in columns else k}: {_text(columns.get(k), row[k], scales)}"
             for k in keys if row[k] not in (None, "")]
    return "– " + "; ".join(parts)


def received_file(store: Store, package_id: str, name: str, passphrase: str | None = None) -> bytes:
    """The bytes of one file of a received package (a form's PDF, a scan), checked against the signed manifest.

    Confidential files are refused here: they open only on request, decrypted and audited
    (Packages received › Confidential files…).
    """
    return received_files(store, package_id, [name], passphrase)[name]


def received_files(store: Store, package_id: str, names: list[str], passphrase: str | None = None
                   ) -> dict[str, bytes]:
    """Several files of one received package, each checked against the signed manifest (one read of the package).

    A sealed package is opened with the Board's keys (`passphrase` when they are protected).
    """
    from chilinh_desktop.package import bagit

    for name in names:
        if name.startswith(CONFIDENTIAL_DIR):
            raise ChilinhError(_("The file {name} is confidential: open it from Packages received › Confidential "
                                 "files…; it is decrypted only on request and the opening is recorded.", name=name),
                               code="received.confidential")
    package = find_received(store, package_id)
    data = received_data(store, package_id)
    if package is None or hashlib.sha256(data).hexdigest() != package.sha256:
        raise ChilinhError(_("The stored package {code} no longer matches the hash recorded when it arrived; "
                             "nothing is shown. Import the unit's package again from its USB stick.",
                             code=short_code(package_id)), code="received.damaged")
    from chilinh_desktop.package.received import inner_package

    data = inner_package(store, data, passphrase)  # a sealed package: the signed inner package, opened
    result = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        manifest = archive.read(bagit.MANIFEST).decode("utf-8")
        signed = dict((path, digest.lower()) for digest, path in
                      (line.split(maxsplit=1) for line in manifest.splitlines() if line.strip()))
        for name in names:
            try:
                content = archive.read(bagit.PAYLOAD_DIR + name)
            except KeyError as exc:
                raise NotFoundError(_("The package {code} has no file {name}.", code=short_code(package_id),
                                      name=name), code="received.no_file") from exc
            if signed.get(bagit.PAYLOAD_DIR + name) != hashlib.sha256(content).hexdigest():
                raise ChilinhError(_("The file {name} of the package {code} does not match what the unit signed; "
                                     "nothing is shown.", name=name, code=short_code(package_id)),
                                   code="received.damaged")
            result[name] = content
    return result


def received_item_pdf(store: Store, cycle: Cycle, dossier_id: str, item_id: str, number: int = 0,
                      passphrase: str | None = None) -> tuple[ReceivedDossier, bytes]:
    """The PDF the unit sent for one item of a dossier (its `number`-th file), with its dossier."""
    found = received_dossier(store, cycle, dossier_id)
    if found is None:
        raise NotFoundError(_("No package carrying this dossier has reached the Board."), code="received.none")
    item = found.item(item_id)
    files = item.files or ((item.file,) if item.file else ())
    if not 0 <= number < len(files):
        raise NotFoundError(_("The unit sent no file for {item}.", item=item.short_name), code="received.no_file")
    return found, received_file(store, found.package_id, files[number], passphrase)


@dataclass
class ReceivedPrint:
    """What printing a unit's received documents wrote, and what it left (confidential files)."""

    package_code: str
    paths: list[Path] = field(default_factory=list)
    confidential: int = 0


_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def received_file_name(subject: str, item_name: str) -> str:
    """A received document's file name, in the words a clerk knows: "Nguyễn Văn An - Bản kiểm điểm.pdf"."""
    stem = _UNSAFE.sub(" ", f"{subject} - {item_name}").strip(" .") or "tai-lieu"
    return stem[:120] + ".pdf"


def print_received_unit(store: Store, cycle: Cycle, unit_code: str, folder: Path,
                        progress: Callable[[int, int, str], None] | None = None,
                        passphrase: str | None = None) -> ReceivedPrint:
    """Write every PDF of the unit's current package (forms and scans the unit signed) into `folder`."""
    from chilinh_desktop.package.atomicfile import write_atomically

    found = current_documents(store, cycle.id, unit_code).get(unit_code)
    if found is None:
        raise NotFoundError(_("No package of the unit {code} has been received.", code=unit_code),
                            code="received.none")
    package, unit_doc, officials = found
    names = {item.id: item.short_name for item in cycle.items}
    wanted: list[tuple[str, str]] = []  # (payload name, file name)
    result = ReceivedPrint(short_code(package.package_id, unit_code))
    subjects = [(unit_doc.unit.name, unit_doc.dossier)] + [(d.official.full_name, d.dossier) for d in officials]
    for subject, record in subjects:
        for item_id, item in (record.items.items() if record else ()):
            files = item.payload_files
            if not files:
                continue
            if item.confidential or any(f.startswith(CONFIDENTIAL_DIR) for f in files):
                result.confidential += 1
                continue
            name = names.get(item_id, item_id)
            for n, payload_name in enumerate(files, 1):  # a scan sent page by page: one file each, in order
                label = name if len(files) == 1 else _("{item}, file {n} of {count}", item=name, n=n,
                                                       count=len(files))
                wanted.append((payload_name, received_file_name(subject, label)))
    contents = received_files(store, package.package_id, [payload_name for payload_name, _name in wanted], passphrase)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    for n, (payload_name, file_name) in enumerate(wanted, 1):
        if progress is not None:
            progress(n - 1, len(wanted), file_name)
        stem, count = file_name[:-4], 2
        while file_name.casefold() in taken:
            file_name, count = f"{stem} ({count}).pdf", count + 1
        taken.add(file_name.casefold())
        data = contents[payload_name]
        target = folder / file_name
        write_atomically(target, lambda handle, data=data: handle.write(data))
        result.paths.append(target)
    return result
