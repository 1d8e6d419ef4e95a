"""The handover slip (phiếu bàn giao) printed with a package: what was handed over, and its fingerprints.

One A4 page, so the person receiving the stick can compare paper and screen line by line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chilinh_desktop.i18n import _
from chilinh_desktop.render.package_paper import PackagePaper, package_paper_pdf, split_digest


@dataclass(frozen=True)
class HandoverSlip:
    """Everything printed on the slip."""

    issuer: str  # the body handing over, e.g. "Đảng ủy phường Minh Khai"
    unit_code: str
    unit_name: str
    cycle_title: str
    documents: Sequence[tuple[str, str]]  # (subject, document short name)
    file_name: str
    sha256: str
    fingerprint: str
    date_line: str
    signed_off_by: str
    superior: str = ""  # the body above it (the header's upper line), e.g. "Đảng bộ thành phố Minh Giang"
    style: str = "party"  # "state": an agency's paper, the state's name on the right


def handover_slip_pdf(slip: HandoverSlip) -> bytes:
    """The slip as PDF bytes (one page; a long document list is shrunk to fit)."""
    return package_paper_pdf(PackagePaper(
        title=_("Handover slip"),
        subtitle=_("Review dossier package on a USB stick"),
        header_lines=[line for line in (slip.superior, slip.issuer) if line],
        style=slip.style,
        date_line=slip.date_line,
        facts=[
            (_("Unit"), f"{slip.unit_name} ({slip.unit_code})"),
            (_("Cycle"), slip.cycle_title),
            (_("Package file"), slip.file_name),
            (_("SHA-256 of the file"), split_digest(slip.sha256)),
            (_("Signing key fingerprint"), slip.fingerprint),
            (_("Signed off by"), slip.signed_off_by),
        ],
        documents=slip.documents,
        documents_label=_("Documents"),
        note=_("Compare the fingerprint and SHA-256 above with those shown on screen when the package is checked."),
        signatures=(_("Handed over by"), _("Received by (Organisation Board)")),
    ))
