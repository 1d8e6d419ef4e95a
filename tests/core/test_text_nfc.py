"""Text is stored in NFC whatever form it was typed in."""

import datetime as dt
import json
import unicodedata

from chilinh_desktop.core.dossiers import ensure_dossiers, find_dossier, save_answers, stored_items
from chilinh_desktop.core.officials import add_official
from chilinh_desktop.core.units import add_unit, get_unit

DECOMPOSED_NAME = unicodedata.normalize("NFD", "Nguyễn Thị Hường")


def test_decomposed_input_is_stored_composed(store, cycle_2023):
    assert DECOMPOSED_NAME != "Nguyễn Thị Hường"
    add_unit(store, code="TU", name=unicodedata.normalize("NFD", "Thành ủy"), type="thanh_uy", parent_code=None,
             valid_from=dt.date(2020, 1, 1))
    person = add_official(store, full_name=DECOMPOSED_NAME, unit_code="TU", tier="btv_thanh_uy",
                          party_post=unicodedata.normalize("NFD", "Bí thư  Chi bộ "))
    assert person.full_name == "Nguyễn Thị Hường"
    assert person.party_post == "Bí thư Chi bộ"
    assert get_unit(store, "TU").name == "Thành ủy"
    ensure_dossiers(store, cycle_2023)
    dossier = find_dossier(store, cycle_2023, official_id=person.id)
    save_answers(store, cycle_2023, dossier.id, "self_review",
                 {"uu_diem": unicodedata.normalize("NFD", "Hoàn thành tốt nhiệm vụ được giao")},
                 form_id="02B", form_version="t", complete=False, actor="test")
    raw = store.db.execute("SELECT answers FROM dossier_items").fetchone()[0]
    assert json.loads(raw)["uu_diem"] == "Hoàn thành tốt nhiệm vụ được giao"
    assert stored_items(store, dossier.id)["self_review"].answers["uu_diem"] == unicodedata.normalize(
        "NFC", "Hoàn thành tốt nhiệm vụ được giao")
