"""Attach, exempt, clear and put back an item through ops/: one transaction each, typed changes, the item's rules."""

from __future__ import annotations

import contextlib
import struct
import zlib

import pytest

from chilinh_desktop.core.dossiers import find_dossier, sign_off, stored_items
from chilinh_desktop.ops import changes, dossier_items
from chilinh_desktop.ops.errors import ChilinhError

ITEM = "residence_comment"  # an attached file in the 2023 cycle


def _png(path):
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))
    return path


def test_attach_clear_and_put_back_say_what_changed(store, cycle_2023, cadre, tmp_path):
    dossier = find_dossier(store, cycle_2023, official_id=cadre.id)
    attached = dossier_items.attach(store, cycle_2023, dossier.id, ITEM, _png(tmp_path / "xac-nhan.png"), actor="t")
    assert attached.changes == {changes.CONTENT, changes.ATTACHMENT, changes.dossier(dossier.id)}
    kept = stored_items(store, dossier.id)[ITEM]
    assert kept.attachment_name == "xac-nhan.png"
    dossier_items.clear(store, cycle_2023, dossier.id, ITEM, actor="t")
    assert ITEM not in stored_items(store, dossier.id)
    dossier_items.put_back(store, cycle_2023, dossier.id, ITEM, kept, actor="t")
    assert stored_items(store, dossier.id)[ITEM].attachment_sha256 == kept.attachment_sha256


def test_a_file_that_is_not_a_scan_is_refused_and_nothing_is_written(store, cycle_2023, cadre, tmp_path):
    dossier = find_dossier(store, cycle_2023, official_id=cadre.id)
    fake = tmp_path / "ghi-chu.png"
    fake.write_bytes(b"not an image")
    with pytest.raises(ChilinhError):
        dossier_items.attach(store, cycle_2023, dossier.id, ITEM, fake, actor="t")
    assert ITEM not in stored_items(store, dossier.id)


def test_a_signed_off_dossier_refuses_an_exemption(store, cycle_2023, cadre):
    dossier = find_dossier(store, cycle_2023, official_id=cadre.id)
    for item in cycle_2023.items:  # every item the cadre owes, waived, so the dossier can be signed off
        with contextlib.suppress(ChilinhError):  # an item of another subject
            dossier_items.exempt(store, cycle_2023, dossier.id, item.id, "Không áp dụng", actor="t")
    try:
        sign_off(store, cycle_2023, dossier.id, by="Bí thư")
    except ChilinhError:
        pytest.skip("the dossier cannot be completed by exemptions alone")
    with pytest.raises(ChilinhError) as refused:
        dossier_items.exempt(store, cycle_2023, dossier.id, ITEM, "Lý do khác", actor="t")
    assert refused.value.code == "dossier.locked"
