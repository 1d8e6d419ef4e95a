"""Printing from the data file: one form of one subject, or every printable item of a unit.

Gathering (database reads) happens here in one process; turning a FilledForm into PDF
bytes is pure, so a large batch is spread over worker processes.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from chilinh_desktop.core.atomicfile import describe_os_error, write_bytes
from chilinh_desktop.core.cycles import Cycle
from chilinh_desktop.core.dossiers import Dossier, dossier_statuses, find_dossier
from chilinh_desktop.core.errors import ChilinhError
from chilinh_desktop.core.officials import list_officials
from chilinh_desktop.core.requirements import ItemState, Need
from chilinh_desktop.core.store import Store
from chilinh_desktop.formspec import FormItem, get_form_item, record_context, scales_for, stored_form_item
from chilinh_desktop.i18n import _
from chilinh_desktop.render.document import FilledForm, render_pdf
from chilinh_desktop.render.settings import PrintSettings, print_settings

Progress = Callable[[int, int, str], None]


class PrintError(ChilinhError):
    """A document could not be written."""

    code = "render.write"


@dataclass(frozen=True)
class PrintJob:
    """One document to print: what goes on it, whether it is a draft, and where it goes."""

    filled: FilledForm
    draft: bool
    path: Path
    label: str


def filled_form(store: Store, cycle: Cycle, item: FormItem) -> FilledForm:
    """The answers of a stored form item with the record values of its subject."""
    return FilledForm(item.form, item.answers, record_context(store, cycle, item.dossier), scales_for(cycle))


def is_draft(item: FormItem, asked: bool) -> bool:
    """Whether a printout carries the draft mark: asked for, or the item is not complete."""
    return asked or item.state != ItemState.COMPLETE.value


def print_form(store: Store, cycle: Cycle, form_id: str, *, official_id: str | None = None,
               unit_code: str | None = None, draft: bool = False) -> tuple[bytes, bool]:
    """The PDF of one form of a cadre or unit, and whether it came out as a draft."""
    item = get_form_item(store, cycle, form_id, official_id=official_id, unit_code=unit_code)
    marked = is_draft(item, draft)
    pdf = render_pdf(filled_form(store, cycle, item), print_settings(store), draft=marked, title=item.form.name)
    return pdf, marked


def ascii_slug(text: str) -> str:
    """A file-name-safe ASCII form of a Vietnamese name ('Đỗ Thị Hà' → 'do-thi-ha')."""
    text = text.replace("Đ", "D").replace("đ", "d")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "x"


def _jobs_for(store: Store, cycle: Cycle, dossier: Dossier, stem: str, out_dir: Path, draft: bool,
              who: str) -> list[PrintJob]:
    jobs = []
    for status in dossier_statuses(store, cycle, dossier):
        item = status.item
        if item.kind != "form" or status.need in (Need.NOT_APPLICABLE, Need.EXEMPT):
            continue
        if status.state not in (ItemState.DRAFT, ItemState.COMPLETE):
            continue  # nothing typed yet: there is nothing to print
        form_item = stored_form_item(store, cycle, dossier, item)
        jobs.append(PrintJob(filled_form(store, cycle, form_item), is_draft(form_item, draft),
                             out_dir / f"{stem}{item.form}.pdf", f"{who} — {item.short_name}"))
    return jobs


def unit_print_jobs(store: Store, cycle: Cycle, unit_code: str, out_dir: Path, *, draft: bool) -> list[PrintJob]:
    """Every printable form item of a unit's dossier and of its cadres' dossiers."""
    jobs: list[PrintJob] = []
    try:
        dossier = find_dossier(store, cycle, unit_code=unit_code)
    except ChilinhError:
        dossier = None  # a unit without a collective dossier may still have cadres
    if dossier is not None:
        jobs += _jobs_for(store, cycle, dossier, f"{unit_code}_", out_dir, draft, unit_code)
    for official in list_officials(store, unit_code):
        try:
            dossier = find_dossier(store, cycle, official_id=official.id)
        except ChilinhError:
            continue  # not managed at this level: not in the city dossier
        stem = f"{ascii_slug(official.full_name)}-{official.id[:8]}_"
        jobs += _jobs_for(store, cycle, dossier, stem, out_dir, draft, official.full_name)
    return jobs


def _render_job(job: PrintJob, settings: PrintSettings) -> tuple[Path, int]:
    pdf = render_pdf(job.filled, settings, draft=job.draft, title=job.filled.form.name)
    write_pdf(job.path, pdf)
    return job.path, page_count(pdf)


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF we wrote (uncompressed page objects, so a byte count will do)."""
    return len(re.findall(rb"/Type /Page[^s]", pdf))


def write_pdf(path: Path, pdf: bytes) -> None:
    """Write a PDF whole or not at all, fsynced (a USB stick pulled out keeps no half document)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PrintError(_("The file {path} could not be written: {error}.", path=path,
                           error=describe_os_error(exc))) from exc
    write_bytes(path, pdf)


def run_jobs(jobs: list[PrintJob], settings: PrintSettings, *, progress: Progress | None = None,
             workers: int | None = None) -> int:
    """Render and write every job (in parallel when there are many); return the pages printed."""
    report = progress or (lambda done, total, label: None)
    if workers is None:
        # Worker start-up (imports, font loading) only pays off with cores to spare: on a
        # two-core office PC one process measured faster (benchmarks/bench_print.py).
        cores = os.cpu_count() or 1
        workers = 1 if cores < 4 else min(cores - 1, 8)
    pages = 0
    if workers <= 1 or len(jobs) < 8:
        for n, job in enumerate(jobs, 1):
            pages += _render_job(job, settings)[1]
            report(n, len(jobs), job.label)
        return pages
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = pool.map(_render_job, jobs, [settings] * len(jobs), chunksize=4)
        for n, (job, (_path, count)) in enumerate(zip(jobs, results, strict=True), 1):
            pages += count
            report(n, len(jobs), job.label)
    return pages
