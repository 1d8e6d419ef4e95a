"""The receipt (giấy biên nhận) the Board hands back for a received package: one A4 page.

It states what arrived, when, under which SHA-256 and signing key, and which documents it held,
so the unit can compare it with its own handover slip.
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
class Receipt:
    """Everything printed on a receipt."""

    issuer: str  # e.g. "Thành ủy Minh Giang"
    unit_code: str
    unit_name: str
    cycle_title: str
    file_name: str
    package_id: str
    sha256: str
    fingerprint: str
    received_on: str  # already formatted
    documents: Sequence[tuple[str, str]]  # (subject, document name)
    date_line: str


def receipt_pdf(receipt: Receipt) -> bytes:
    """The receipt as PDF bytes (one page; a long document list is shrunk to fit)."""
    fonts = serif_family()
    styles = make_styles(fonts)
    small = ParagraphStyle("receipt", parent=styles.cell, fontSize=11, leading=13)
    mono = ParagraphStyle("receiptMono", parent=small, fontName=fonts.bold, fontSize=10.5, leading=13)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, topMargin=2 * cm, bottomMargin=2 * cm, leftMargin=3 * cm,
                            rightMargin=1.5 * cm, title=_("Receipt"), author="chilinh", creator="chilinh",
                            invariant=1, initialFontName=fonts.regular)
    width = doc.width
    facts = [
        (_("Unit"), f"{receipt.unit_name} ({receipt.unit_code})"),
        (_("Cycle"), receipt.cycle_title),
        (_("Received on"), receipt.received_on),
        (_("Package file"), receipt.file_name),
        (_("Package id"), receipt.package_id),
        (_("SHA-256 of the file"), " ".join(receipt.sha256[i:i + 32] for i in range(0, len(receipt.sha256), 32))),
        (_("Signing key fingerprint"), receipt.fingerprint),
    ]
    fact_table = Table([[para(label, small), para(value, mono)] for label, value in facts],
                       colWidths=[width * 0.3, width * 0.7])
    grouped: dict[str, list[str]] = {}
    for subject, document in receipt.documents:
        grouped.setdefault(subject, []).append(document)
    rows = [[para(_("No."), small), para(_("Subject"), small), para(_("Documents received"), small)]]
    rows += [[para(str(n), small), para(subject, small), para("; ".join(docs), small)]
             for n, (subject, docs) in enumerate(grouped.items(), 1)]
    doc_table = Table(rows, colWidths=[width * 0.08, width * 0.32, width * 0.6], repeatRows=1)
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, Color(0, 0, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    fact_table.setStyle(grid)
    doc_table.setStyle(grid)
    signatures = [SignatureText(_("Delivered by (unit)"), "", _("(signature, full name)"), "", "left"),
                  SignatureText(_("Received by (Organisation Board)"), "", _("(signature, full name)"), "", "right")]
    story = [
        header(styles, [receipt.issuer, _("ORGANISATION BOARD")], receipt.date_line, width),
        *title_block(styles, _("Receipt"), [_("of a review dossier package")]),
        fact_table, Spacer(1, 8), doc_table, Spacer(1, 8),
        para(_("The package was checked: intact, and signed by the key above. Compare the SHA-256 and the "
               "fingerprint with the unit's handover slip."), small),
        *signature_row(styles, signatures, width),
    ]
    doc.build([KeepInFrame(width, doc.height, story, mode="shrink")])
    return buffer.getvalue()
