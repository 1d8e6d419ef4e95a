"""Dossier states: complete when everything is there, sign-off locks, reopen is audited."""

import pytest

from chilinh_desktop.core.dossiers import (
    DossierState,
    attach_file,
    audit_trail,
    find_dossier,
    get_dossier,
    missing_items,
    reopen,
    save_answers,
    sign_off,
)
from chilinh_desktop.core.errors import StateError, ValidationError
from chilinh_desktop.core.officials import list_officials


def tiny_pdf(tag: bytes) -> bytes:
    """A whole (if empty) PDF whose bytes differ by `tag`: attachments are checked to their trailer."""
    out = bytearray(b"%PDF-1.4\n% " + tag + b"\n")
    offsets = []
    for n, body in enumerate((b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"), 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def an_unfinished_dossier(store, cycle):
    for official in list_officials(store):
        if official.tier != "btv_thanh_uy":
            continue
        dossier = find_dossier(store, cycle, official_id=official.id)
        if dossier.state is DossierState.DRAFT and missing_items(store, cycle, dossier):
            return dossier
    raise AssertionError("the demo has no unfinished dossier")


def fill_everything(store, cycle, dossier):
    for status in missing_items(store, cycle, dossier):
        if status.item.kind == "form":
            save_answers(store, cycle, dossier.id, status.item.id, {"x": "y"}, form_id=status.item.form,
                         form_version="t", complete=True, actor="test")
        else:
            attach_file(store, cycle, dossier.id, status.item.id, tiny_pdf(status.item.id.encode()), "scan.pdf",
                        actor="test")


def test_sign_off_lists_what_is_missing_and_changes_nothing(demo_store, cycle_2023):
    dossier = an_unfinished_dossier(demo_store, cycle_2023)
    missing = {s.item.id for s in missing_items(demo_store, cycle_2023, dossier)}
    with pytest.raises(ValidationError) as err:
        sign_off(demo_store, cycle_2023, dossier.id, by="Bí thư")
    assert {field for field, _ in err.value.problems} == missing
    assert get_dossier(demo_store, dossier.id).state is DossierState.DRAFT


def test_complete_dossier_signs_off_locks_and_reopens_with_audit(demo_store, cycle_2023):
    dossier = an_unfinished_dossier(demo_store, cycle_2023)
    fill_everything(demo_store, cycle_2023, dossier)
    assert get_dossier(demo_store, dossier.id).state is DossierState.COMPLETE
    signed = sign_off(demo_store, cycle_2023, dossier.id, by="Nguyễn Văn Bí Thư")
    assert signed.locked and len(signed.snapshot_sha256) == 64
    with pytest.raises(StateError):
        save_answers(demo_store, cycle_2023, dossier.id, "self_review", {"x": "z"}, form_id="02B",
                     form_version="t", complete=True, actor="test")
    with pytest.raises(ValidationError):
        reopen(demo_store, cycle_2023, dossier.id, by="Chánh Văn phòng", reason="  ")
    reopened = reopen(demo_store, cycle_2023, dossier.id, by="Chánh Văn phòng", reason="Bổ sung bản kê khai")
    assert not reopened.locked
    actions = [entry["action"] for entry in audit_trail(demo_store, f"dossier:{dossier.id}")]
    assert actions[-2:] == ["dossier.sign_off", "dossier.reopen"]
    assert audit_trail(demo_store, f"dossier:{dossier.id}")[-1]["detail"]["reason"] == "Bổ sung bản kê khai"


def test_attachment_that_is_not_pdf_or_image_is_refused(demo_store, cycle_2023):
    dossier = an_unfinished_dossier(demo_store, cycle_2023)
    with pytest.raises(ValidationError):
        attach_file(demo_store, cycle_2023, dossier.id, "residence_comment", b"MZ\x90\x00 not a scan", "virus.exe",
                    actor="test")


def test_same_scan_is_stored_once(demo_store, cycle_2023):
    dossier = an_unfinished_dossier(demo_store, cycle_2023)
    before = demo_store.db.execute("SELECT count(*) FROM attachments").fetchone()[0]
    attach_file(demo_store, cycle_2023, dossier.id, "residence_comment", tiny_pdf(b"same"), "a.pdf", actor="t")
    attach_file(demo_store, cycle_2023, dossier.id, "asset_declaration", tiny_pdf(b"same"), "b.pdf", actor="t")
    assert demo_store.db.execute("SELECT count(*) FROM attachments").fetchone()[0] == before + 1
