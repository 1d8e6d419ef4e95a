"""The handover slip (phiếu bàn giao) printed with a package: what was handed over, and its fingerprints.

One A4 page, so the person receiving the stick can compare paper and screen line by line.
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
class HandoverSlip:
    """Everything printed on the slip."""

    issuer: str  # the body handing over, e.g. "Thành ủy Minh Giang"
    unit_code: str
    unit_name: str
    cycle_title: str
    documents: Sequence[tuple[str, str]]  # (subject, document short name)
    file_name: str
    sha256: str
    fingerprint: str
    date_line: str
    signed_off_by: str


def handover_slip_pdf(slip: HandoverSlip) -> bytes:
    """The slip as PDF bytes (one page; a long document list is shrunk to fit)."""
    fonts = serif_family()
    styles = make_styles(fonts)
    small = ParagraphStyle("slip", parent=styles.cell, fontSize=11, leading=13)
    mono = ParagraphStyle("mono", parent=small, fontName=fonts.bold, fontSize=10.5, leading=13)
    buffer = io.BytesIO()
    margin = 2 * cm
    doc = SimpleDocTemplate(buffer, pagesize=A4, topMargin=margin, bottomMargin=margin, leftMargin=3 * cm,
                            rightMargin=1.5 * cm, title=_("Handover slip"), author="chilinh", creator="chilinh",
                            invariant=1, initialFontName=fonts.regular)
    width = doc.width
    facts = [
        (_("Unit"), f"{slip.unit_name} ({slip.unit_code})"),
        (_("Cycle"), slip.cycle_title),
        (_("Package file"), slip.file_name),
        (_("SHA-256 of the file"), _split(slip.sha256, 32)),
        (_("Signing key fingerprint"), slip.fingerprint),
        (_("Signed off by"), slip.signed_off_by),
    ]
    fact_table = Table([[para(label, small), para(value, mono)] for label, value in facts],
                       colWidths=[width * 0.3, width * 0.7])
    grouped: dict[str, list[str]] = {}
    for subject, document in slip.documents:
        grouped.setdefault(subject, []).append(document)
    rows = [[para(_("No."), small), para(_("Subject"), small), para(_("Documents"), small)]]
    rows += [[para(str(n), small), para(subject, small), para("; ".join(docs), small)]
             for n, (subject, docs) in enumerate(grouped.items(), 1)]
    doc_table = Table(rows, colWidths=[width * 0.08, width * 0.32, width * 0.6], repeatRows=1)
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, Color(0, 0, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    fact_table.setStyle(grid)
    doc_table.setStyle(grid)
    signatures = [SignatureText(_("Handed over by"), "", _("(signature, full name)"), "", "left"),
                  SignatureText(_("Received by (Organisation Board)"), "", _("(signature, full name)"), "", "right")]
    story = [
        header(styles, [slip.issuer], slip.date_line, width),
        *title_block(styles, _("Handover slip"), [_("Review dossier package on a USB stick")]),
        fact_table, Spacer(1, 8), doc_table, Spacer(1, 8),
        para(_("Compare the fingerprint and SHA-256 above with those shown on screen when the package is "
               "checked."), small),
        *signature_row(styles, signatures, width),
    ]
    # Shrinking keeps the slip to one page whatever the number of documents.
    doc.build([KeepInFrame(width, doc.height, story, mode="shrink")])
    return buffer.getvalue()


def _split(text: str, size: int) -> str:
    return " ".join(text[i:i + size] for i in range(0, len(text), size))
