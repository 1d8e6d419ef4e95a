"""The one-page paper that travels with a package: the unit's handover slip and the Board's receipt.

Both show the same facts (file, SHA-256, signing key fingerprint) so that a person can compare
paper with screen, a table of the documents, a note, and two signature blocks.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import KeepInFrame, SimpleDocTemplate, Spacer, Table, TableStyle

from chilinh_desktop.i18n import _
from chilinh_desktop.render.fonts import serif_family
from chilinh_desktop.render.layout import SignatureText, header, make_styles, para, signature_row, title_block


@dataclass(frozen=True)
class PackagePaper:
    """What one slip or receipt prints."""

    title: str
    subtitle: str
    header_lines: Sequence[str]
    date_line: str
    facts: Sequence[tuple[str, str]]  # (label, value); values print in bold
    documents: Sequence[tuple[str, str]]  # (subject, document name)
    documents_label: str
    note: str
    signatures: tuple[str, str]  # left and right signer titles
    style: str = "party"  # the header's: "state" prints the state's name on the right (an agency's paper)


def split_digest(digest: str, size: int = 32) -> str:
    """A long hex digest in groups, so it wraps where a reader can follow it."""
    return " ".join(digest[i:i + size] for i in range(0, len(digest), size))


def package_paper_pdf(paper: PackagePaper) -> bytes:
    """The paper as PDF bytes (one page; a long document list is shrunk to fit)."""
    fonts = serif_family()
    styles = make_styles(fonts)
    small = ParagraphStyle("paper", parent=styles.cell, fontSize=11, leading=13)
    mono = ParagraphStyle("paperValue", parent=small, fontName=fonts.bold, fontSize=10.5, leading=13)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, topMargin=2 * cm, bottomMargin=2 * cm, leftMargin=3 * cm,
                            rightMargin=1.5 * cm, title=paper.title, author="chilinh", creator="chilinh",
                            invariant=1, initialFontName=fonts.regular)
    width = doc.width
    fact_table = Table([[para(label, small), para(value, mono)] for label, value in paper.facts],
                       colWidths=[width * 0.3, width * 0.7])
    grouped: dict[str, list[str]] = {}
    for subject, document in paper.documents:
        grouped.setdefault(subject, []).append(document)
    rows = [[para(_("No."), small), para(_("Subject"), small), para(paper.documents_label, small)]]
    rows += [[para(str(n), small), para(subject, small), para("; ".join(docs), small)]
             for n, (subject, docs) in enumerate(grouped.items(), 1)]
    doc_table = Table(rows, colWidths=[width * 0.08, width * 0.32, width * 0.6], repeatRows=1)
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, Color(0, 0, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    fact_table.setStyle(grid)
    doc_table.setStyle(grid)
    left, right = paper.signatures
    signatures = [SignatureText(left, "", _("(signature, full name)"), "", "left"),
                  SignatureText(right, "", _("(signature, full name)"), "", "right")]
    story = [
        header(styles, list(paper.header_lines), paper.date_line, width, paper.style),
        *title_block(styles, paper.title, [paper.subtitle]),
        fact_table, Spacer(1, 8), doc_table, Spacer(1, 8),
        para(paper.note, small),
        *signature_row(styles, signatures, width),
    ]
    # Shrinking keeps the paper to one page whatever the number of documents.
    doc.build([KeepInFrame(width, doc.height, story, mode="shrink")])
    return buffer.getvalue()
