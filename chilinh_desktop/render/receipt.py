"""The receipt (giấy biên nhận) the Board hands back for a received package: one A4 page.

It states what arrived, when, under which SHA-256 and signing key, and which documents it held,
so the unit can compare it with its own handover slip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chilinh_desktop.core.board import package_code
from chilinh_desktop.i18n import _
from chilinh_desktop.render.package_paper import PackagePaper, package_paper_pdf, split_digest


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
    return package_paper_pdf(PackagePaper(
        title=_("Receipt"),
        subtitle=_("of a review dossier package"),
        header_lines=[receipt.issuer, _("ORGANISATION BOARD")],
        date_line=receipt.date_line,
        facts=[
            (_("Unit"), f"{receipt.unit_name} ({receipt.unit_code})"),
            (_("Cycle"), receipt.cycle_title),
            (_("Received on"), receipt.received_on),
            (_("Package file"), receipt.file_name),
            (_("Package code"), package_code(receipt.unit_code, receipt.package_id)),
            (_("SHA-256 of the file"), split_digest(receipt.sha256)),
            (_("Signing key fingerprint"), receipt.fingerprint),
        ],
        documents=receipt.documents,
        documents_label=_("Documents received"),
        note=_("The package was checked: intact, and signed by the key above. Compare the SHA-256 and the "
               "fingerprint with the unit's handover slip.") + " "
             + _("Full package id, for checking: {id}.", id=receipt.package_id),
        signatures=(_("Delivered by (unit)"), _("Received by (Organisation Board)")),
    ))
