"""The one printing pipeline (in ấn): which documents a dossier has, their bytes and their file names.

`chilinh print`, `chilinh print-all`, the window's preview and print, and the package writer all
come here, so they agree on what a document is, when it carries the draft mark, its title, its
file name, and whether attached scans are printed. Stages are kept apart so a batch can be spread
over worker processes: `prepare` reads the data file (one process), `render` is pure.

The draft rule: a form prints as final only when its answers validate as complete now, against the
form they were made with; asked for a draft, or incomplete, it carries the draft mark. A final
print that is not possible is refused (`final=True`), never quietly marked.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from chilinh_desktop.core.atomicfile import describe_os_error, write_bytes
from chilinh_desktop.core.attachments import get_attachment
from chilinh_desktop.core.cycles import Cycle, ItemKind
from chilinh_desktop.core.dossiers import Dossier, dossier_statuses, find_dossier, stored_items
from chilinh_desktop.core.errors import ChilinhError, NotFoundError, ValidationError
from chilinh_desktop.core.officials import list_officials
from chilinh_desktop.core.requirements import ItemState, Need
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.views import dossier_detail
from chilinh_desktop.formspec.answers import get_form_item, stored_form_item
from chilinh_desktop.formspec.context import Records, record_context
from chilinh_desktop.formspec.scales import scales_for
from chilinh_desktop.formspec.validate import check_answers, input_limits
from chilinh_desktop.i18n import _
from chilinh_desktop.render.parts import FilledForm  # no reportlab: a batch's parent only reads, workers draw
from chilinh_desktop.render.workers import STALL_SECONDS, Outcome, run_batch, run_task

if TYPE_CHECKING:  # reportlab loads with these, on the first print
    from chilinh_desktop.render.settings import PrintSettings

Progress = Callable[[int, int, str], None]
_PRINTED_STATES = (ItemState.DRAFT, ItemState.COMPLETE, ItemState.ATTACHED)


class PrintError(ChilinhError):
    """A document could not be written; after a batch, `run` says what was written nonetheless."""

    code = "render.write"

    def __init__(self, message: str, *, code: str | None = None, run: PrintRun | None = None) -> None:
        super().__init__(message, code=code)
        self.run = run


@dataclass(frozen=True)
class Document:
    """One printable item of one dossier: whose, which item, and the file name it prints to."""

    dossier_id: str
    item_id: str
    subject: str
    item_name: str
    file_name: str

    @property
    def title(self) -> str:
        """The title shown in viewers and the preview: the item, then whose it is."""
        return f"{self.item_name} — {self.subject}"


@dataclass(frozen=True)
class Rendering:
    """What a worker needs to produce one document's bytes (no database)."""

    document: Document
    draft: bool
    filled: FilledForm | None = None
    attachment: tuple[bytes, str] | None = None  # (data, MIME type) of an attached file (the first)
    attachments: tuple[tuple[bytes, str], ...] = ()  # every attached file, in order (a scan added page by page)


@dataclass(frozen=True)
class Printed:
    """One document's PDF bytes, whether it carries the draft mark, and the font note (if any)."""

    document: Document
    pdf: bytes
    draft: bool
    pages: int
    font_note: str = ""


@dataclass
class PrintRun:
    """What a batch wrote."""

    paths: list[Path] = field(default_factory=list)
    pages: int = 0
    drafts: int = 0
    font_note: str = ""
    failed: list[tuple[Document, str]] = field(default_factory=list)  # each with the reason, for a person
    notes: list[str] = field(default_factory=list)  # e.g. a print process that stopped (nothing was lost)


# -- which documents --------------------------------------------------------------------------


# Characters Windows refuses in a file name, and the device names it reserves (CON.pdf cannot be written).
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f.]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
_NAME_LIMIT = 80  # characters of a person's or unit's name in a file name (paths stay short on a USB stick)


def human_name(text: str) -> str:
    """A name as it may stand in a file name on any system: Vietnamese kept, what Windows refuses replaced."""
    text = unicodedata.normalize("NFC", text)
    text = " ".join(_FORBIDDEN.sub(" ", text).split()).strip(" -")[:_NAME_LIMIT].strip(" -")
    if text.split(" ")[0].upper() in _RESERVED:
        text = f"_{text}"
    return text or "_"


def file_name(dossier: Dossier, subject: str, unit_code: str, item: ItemKind) -> str:
    """The file a document prints to, named for a person: 'Nguyễn Văn An - Mẫu 02B.pdf', 'Đảng bộ … - Biên bản.pdf'.

    Package payloads keep their ASCII ids (package/contents.py); these names are what a person sees in a folder.
    """
    return f"{human_name(subject or unit_code)} - {human_name(item.short_name)}.pdf"


def _distinct(documents: list[Document]) -> list[Document]:
    """Two cadres of one name in a unit print to 'Nguyễn Văn An - Mẫu 02B.pdf' and '… An (2) - Mẫu 02B.pdf'."""
    owners: dict[str, str] = {}  # dossier id → the name its files carry
    out = []
    for document in documents:
        stem, _sep, rest = document.file_name.rpartition(" - ")
        if document.dossier_id not in owners:
            name, n = stem, 1
            while name in owners.values():
                n += 1
                name = f"{stem} ({n})"
            owners[document.dossier_id] = name
        owner = owners[document.dossier_id]
        out.append(dataclasses.replace(document, file_name=f"{owner} - {rest}") if owner != stem else document)
    return out


def _documents_of(store: Store, cycle: Cycle, dossier: Dossier, subject: str, unit_code: str) -> list[Document]:
    documents = []
    for status in dossier_statuses(store, cycle, dossier):
        if status.need in (Need.NOT_APPLICABLE, Need.EXEMPT) or status.state not in _PRINTED_STATES:
            continue  # nothing typed or attached: there is nothing to print
        item = status.item
        documents.append(Document(dossier.id, item.id, subject, item.short_name,
                                  file_name(dossier, subject, unit_code, item)))
    return documents


def dossier_documents(store: Store, cycle: Cycle, dossier_id: str) -> list[Document]:
    """Every printable item of one dossier, in dossier order."""
    detail = dossier_detail(store, cycle, dossier_id)
    return _documents_of(store, cycle, detail.dossier, detail.subject_name, detail.unit.code)


def unit_documents(store: Store, cycle: Cycle, unit_code: str) -> list[Document]:
    """Every printable item of a unit's collective dossier and of its cadres' dossiers (forms and scans)."""
    unit_code = unit_code.upper()
    documents: list[Document] = []
    with contextlib.suppress(NotFoundError):  # a unit without a collective dossier may still have cadres
        documents += dossier_documents(store, cycle, find_dossier(store, cycle, unit_code=unit_code).id)
    for official in list_officials(store, unit_code):
        try:
            dossier = find_dossier(store, cycle, official_id=official.id)
        except NotFoundError:
            continue  # not managed at this level: not in the city dossier
        documents += _documents_of(store, cycle, dossier, official.full_name, unit_code)
    return _distinct(documents)


def item_document(store: Store, cycle: Cycle, dossier_id: str, item_id: str) -> Document:
    """The document of one item of a dossier (printable or not yet)."""
    detail = dossier_detail(store, cycle, dossier_id)
    item = cycle.item(item_id)
    return Document(dossier_id, item_id, detail.subject_name, item.short_name,
                    file_name(detail.dossier, detail.subject_name, detail.unit.code, item))


def form_document(store: Store, cycle: Cycle, form_id: str, *, official_id: str | None = None,
                  unit_code: str | None = None) -> Document:
    """The document of one form of a cadre or a unit (`chilinh print`)."""
    current = get_form_item(store, cycle, form_id, official_id=official_id, unit_code=unit_code)
    return item_document(store, cycle, current.dossier.id, current.item.id)


# -- their bytes ------------------------------------------------------------------------------


def prepare(store: Store, cycle: Cycle, document: Document, *, draft: bool = False, final: bool = False,
            records: Records | None = None) -> Rendering:
    """Read what one document needs; `final=True` refuses a form that is not complete. `records`: what a batch
    read once for all its documents (the unit tree, …)."""
    item = cycle.item(document.item_id)
    if item.kind == "attachment":
        stored = stored_items(store, document.dossier_id).get(item.id)
        if stored is None or not stored.attachment_sha256:
            raise ValidationError(_("No file is attached to “{item}” yet.", item=item.short_name), [("item", item.id)])
        files = tuple(get_attachment(store, f.sha256) for f in stored.files)
        return Rendering(document, False, attachment=files[0], attachments=files)
    detail = dossier_detail(store, cycle, document.dossier_id)
    form_item = stored_form_item(store, cycle, detail.dossier, item)
    scales = scales_for(cycle)
    complete = check_answers(form_item.form, form_item.answers, scales, input_limits(store.definitions)).complete
    if final and not complete:
        raise ValidationError(
            _("The final print needs every required answer of “{item}”. Print a draft, or fill in what is missing.",
              item=item.short_name),
            [("item", item.id)],
        )
    filled = FilledForm(form_item.form, form_item.answers,
                        record_context(store, cycle, detail.dossier, records=records), scales)
    return Rendering(document, draft or not complete, filled=filled)


def can_print_final(store: Store, cycle: Cycle, dossier_id: str, item_id: str) -> bool:
    """Whether the item may be printed as final (an attached file always; a form when complete)."""
    try:
        prepare(store, cycle, item_document(store, cycle, dossier_id, item_id), final=True)
    except ValidationError:
        return False
    return True


def render(rendering: Rendering, settings: PrintSettings) -> Printed:
    """The PDF bytes of a prepared document (pure: safe in a worker process)."""
    if rendering.attachment is not None:
        pdfs = [data if mime == "application/pdf" else image_pdf(data, title=rendering.document.title)
                for data, mime in (rendering.attachments or (rendering.attachment,))]
        pdf = pdfs[0] if len(pdfs) == 1 else joined_pdf(pdfs)
        return Printed(rendering.document, pdf, False, page_count(pdf))
    from chilinh_desktop.render.document import render_document

    assert rendering.filled is not None
    result = render_document(rendering.filled, settings, draft=rendering.draft, title=rendering.document.title)
    return Printed(rendering.document, result.pdf, rendering.draft, page_count(result.pdf), result.font_note)


def print_document(store: Store, cycle: Cycle, document: Document, *, draft: bool = False,
                   final: bool = False) -> Printed:
    """One document's PDF: read, then render."""
    from chilinh_desktop.render.settings import print_settings

    return render(prepare(store, cycle, document, draft=draft, final=final), print_settings(store))


def joined_pdf(pdfs: list[bytes]) -> bytes:
    """Several attached PDFs as one document, in order, so an item scanned page by page prints whole."""
    import io

    from pypdf import PdfReader, PdfWriter  # loaded on first use: only an item of several files needs it

    writer = PdfWriter()
    for data in pdfs:
        writer.append(PdfReader(io.BytesIO(data)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_pdf(data: bytes, *, title: str = "") -> bytes:
    """An attached image (PNG, JPEG) as a one-page A4 PDF, so it previews and prints like any document."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    image = ImageReader(io.BytesIO(data))
    width, height = image.getSize()
    margin = 28.0
    scale = min((A4[0] - 2 * margin) / width, (A4[1] - 2 * margin) / height)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setTitle(title)
    canvas.drawImage(image, (A4[0] - width * scale) / 2, A4[1] - margin - height * scale, width * scale,
                     height * scale)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# -- to files ---------------------------------------------------------------------------------


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF (page objects; counted without parsing)."""
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def write_pdf(path: Path, pdf: bytes) -> None:
    """Write a PDF whole or not at all, fsynced (a USB stick pulled out keeps no half document)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PrintError(_("The file {path} could not be written: {error}.", path=path,
                           error=describe_os_error(exc))) from exc
    write_bytes(path, pdf)


def _render_to(job: tuple[Rendering, PrintSettings, Path]) -> Printed:
    rendering, settings, folder = job
    printed = render(rendering, settings)
    write_pdf(folder / rendering.document.file_name, printed.pdf)
    return dataclasses.replace(printed, pdf=b"")  # written: no need to send the bytes back from a worker


def print_to_folder(store: Store, cycle: Cycle, documents: Iterable[Document], folder: Path, *,
                    draft: bool = False, progress: Progress | None = None, workers: int | None = None,
                    stall_seconds: float = STALL_SECONDS, draft_dossiers: Collection[str] = ()) -> PrintRun:
    """Write every document into `folder` under its file name (in worker processes when there are many).

    `draft`: every document carries the draft mark; `draft_dossiers`: the documents of these dossiers do (a
    batch that mixes final and draft papers starts its workers once).

    A document that cannot be printed does not stop the others: they are all written, then PrintError
    lists the ones that failed and why (its `run` says what was written). A worker process that dies
    or stops answering never hangs the batch (render/workers.py)."""
    report = progress or (lambda done, total, label: None)
    from chilinh_desktop.render.settings import print_settings

    documents = list(documents)
    held = frozenset(draft_dossiers)
    settings = print_settings(store)
    if workers is None:
        # Worker start-up (imports, font loading) only pays off with cores to spare: on a
        # two-core office PC one process measured faster (benchmarks/bench_print.py).
        cores = os.cpu_count() or 1
        workers = 1 if cores < 4 else min(cores - 1, 8)
    renderings: list[Rendering] = []

    def jobs() -> list[tuple[Rendering, PrintSettings, Path]]:
        # Every document is read before any is printed: one that cannot be read stops the batch at once.
        # What all of them read alike (the unit tree, …) is read once.
        records = Records.read(store, cycle)
        renderings.extend(prepare(store, cycle, document, draft=draft or document.dossier_id in held,
                                  records=records) for document in documents)
        return [(rendering, settings, folder) for rendering in renderings]

    outcomes: dict[int, Outcome] = {}

    def take(outcome: Outcome) -> None:
        outcomes[outcome.index] = outcome
        report(len(outcomes), len(documents), renderings[outcome.index].document.title)

    notes: list[str] = []
    if workers <= 1 or len(documents) < 8:
        for index, job in enumerate(jobs()):
            take(run_task(_render_to, index, job))
    else:  # the workers start while this process reads the documents
        notes = run_batch(_render_to, jobs, workers, on_outcome=take, stall_seconds=stall_seconds).notes
    run = PrintRun(notes=notes)
    for index, rendering in enumerate(renderings):  # in document order, whatever order they finished in
        outcome = outcomes[index]
        if not outcome.ok:
            run.failed.append((rendering.document, outcome.error))
            continue
        printed: Printed = outcome.result
        run.paths.append(folder / printed.document.file_name)
        run.pages += printed.pages
        run.drafts += printed.draft
        run.font_note = run.font_note or printed.font_note
    if run.failed:
        lines = [_("{failed} of {total} documents could not be printed; the {written} others were written to "
                   "{path}. Correct what is said below and print again:", failed=len(run.failed), total=len(documents),
                   written=len(run.paths), path=folder)]
        lines += [f"  - {document.file_name} ({document.title}): {reason}" for document, reason in run.failed]
        lines += run.notes
        raise PrintError("\n".join(lines), run=run)
    return run
