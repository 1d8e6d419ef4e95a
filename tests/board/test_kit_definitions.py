"""A label the Board corrects travels in its cycle kit and is what the unit sees, fills and prints."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from board_helpers import UNIT, run, run_json
from pypdf import PdfReader

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.definitions import SHIPPED, store_definitions, stored_definitions
from chilinh_desktop.core.store import Store
from chilinh_desktop.formspec import form_for_item, item_for_form, load_form, scales_for
from chilinh_desktop.package import bagit, sshsig
from chilinh_desktop.package.keyring import board_signing_key
from chilinh_desktop.package.kit import KitError, read_kit
from chilinh_desktop.resources import forms_dir

SHIPPED_LABEL = "Chức vụ Đảng"
CORRECTED_LABEL = "Chức vụ trong Đảng (Ban Tổ chức đã sửa)"
FORM_ENTRY = "forms/02B-2023.3.toml"


def resigned(kit: Path, board_db: Path, out: Path, changes: dict[str, bytes | None]) -> Path:
    """The kit with some payload entries replaced (None: removed), signed again with the Board's key."""
    with zipfile.ZipFile(kit) as archive:
        payload = {n.removeprefix(bagit.PAYLOAD_DIR): archive.read(n) for n in archive.namelist()
                   if n.startswith(bagit.PAYLOAD_DIR) and not n.endswith("/")}
        info = [tuple(line.split(": ", 1)) for line in archive.read("bag-info.txt").decode().splitlines()
                if line.split(": ", 1)[0] in ("Kit-Id", "Cycle-Id", "Board-Name", bagit.SIGNER_FINGERPRINT_LABEL)]
    for name, data in changes.items():
        if data is None:
            payload.pop(name)
        else:
            payload[name] = data
    with Store.open(board_db) as store:
        key = board_signing_key(store)
    bagit.write_bag(out, sorted(payload.items()), info, signer=lambda manifest: sshsig.sign(manifest, key))
    return out


@pytest.fixture
def corrected_kit(kit, demo_path, tmp_path) -> Path:
    """DB15's kit with the Board's corrected label in form 02B."""
    text = (forms_dir() / "02B-2023.3.toml").read_text(encoding="utf-8")
    assert text.count(f'label = "{SHIPPED_LABEL}"') == 1
    fixed = text.replace(f'label = "{SHIPPED_LABEL}"', f'label = "{CORRECTED_LABEL}"').encode()
    return resigned(kit, demo_path, tmp_path / "corrected-kit.zip", {FORM_ENTRY: fixed})


def _labels(forms: list[dict], form_id: str) -> set[str]:
    return {f["label"] for form in forms if form["id"] == form_id for f in form["fields"]}


def test_corrected_label_reaches_the_unit(corrected_kit, tmp_path, capsys):
    unit = tmp_path / "unit.sqlite3"
    code, setup = run_json(capsys, "kit", "import", "--db", str(unit), "--kit", str(corrected_kit), "--unit", UNIT)
    assert code == 0 and "02B-2023.3.toml" in setup["notes"][0]
    code, forms = run_json(capsys, "forms", "--db", str(unit))
    assert CORRECTED_LABEL in _labels(forms, "02B") and SHIPPED_LABEL not in _labels(forms, "02B")
    code, officials = run_json(capsys, "officials", "--db", str(unit))
    pdf = tmp_path / "02B.pdf"
    assert run(capsys, "print", "02B", "--db", str(unit), "--official", officials[0]["id"], "--out", str(pdf))[0] == 0
    text = " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "Ban Tổ chức đã sửa" in " ".join(text.split())


def test_installations_opened_alternately_each_see_their_own(corrected_kit, demo_path, tmp_path, capsys):
    unit = tmp_path / "unit.sqlite3"
    assert run_json(capsys, "kit", "import", "--db", str(unit), "--kit", str(corrected_kit), "--unit", UNIT)[0] == 0
    seen = []
    for path in (unit, demo_path, unit, demo_path):
        with Store.open(path) as store:
            seen.append(_labels_in(store))
    assert [CORRECTED_LABEL in labels for labels in seen] == [True, False, True, False]
    assert all(SHIPPED_LABEL in labels for labels in seen[1::2])


def _labels_in(store: Store) -> set[str]:
    cycle = get_cycle(store)
    return {f.label for f in form_for_item(cycle, item_for_form(cycle, "02B")).fields()}


def test_two_installations_open_at_once_keep_their_own_forms(corrected_kit, demo_path, tmp_path, capsys):
    unit = tmp_path / "unit.sqlite3"
    assert run_json(capsys, "kit", "import", "--db", str(unit), "--kit", str(corrected_kit), "--unit", UNIT)[0] == 0
    with Store.open(unit) as unit_store, Store.open(demo_path) as board_store:
        unit_cycle, board_cycle = get_cycle(unit_store), get_cycle(board_store)
        # Interleaved reads: neither file's forms leak into the other, whichever was opened last.
        assert CORRECTED_LABEL in _labels_in(unit_store)
        assert CORRECTED_LABEL not in _labels_in(board_store)
        assert CORRECTED_LABEL in _labels_in(unit_store)
        assert scales_for(unit_cycle).levels and scales_for(board_cycle).levels
    # the program's own files
    assert SHIPPED_LABEL in {f.label for f in load_form("02B", "2023.3", definitions=SHIPPED).fields()}


def test_later_kit_replaces_stored_definitions(corrected_kit, kit, tmp_path, capsys):
    unit = tmp_path / "unit.sqlite3"
    assert run_json(capsys, "kit", "import", "--db", str(unit), "--kit", str(corrected_kit), "--unit", UNIT)[0] == 0
    code, setup = run_json(capsys, "kit", "import", "--db", str(unit), "--kit", str(kit), "--unit", UNIT)
    assert code == 0 and setup["notes"] == []
    with Store.open(unit) as store:
        stored = {d.path for d in stored_definitions(store)}
        assert {"02B-2023.3.toml", "scales/2023.toml", "rules/124-QD-TW.toml"} <= stored
        assert SHIPPED_LABEL in _labels_in(store)


def test_kit_missing_a_definition_is_refused(kit, demo_path, tmp_path):
    broken = resigned(kit, demo_path, tmp_path / "no-scales.zip", {"forms/scales/2023.toml": None})
    with pytest.raises(KitError, match=r"scales/2023\.toml") as caught:
        read_kit(broken)
    assert caught.value.code == "kit.missing_definition"


def test_kit_carries_scales_and_rules(kit):
    with zipfile.ZipFile(kit) as archive:
        names = set(archive.namelist())
    assert {"data/forms/scales/2023.toml", "data/forms/rules/124-QD-TW.toml", "data/" + FORM_ENTRY} <= names



def test_stored_form_version_not_shipped_is_found(store):
    text = (forms_dir() / "02B-2023.3.toml").read_text(encoding="utf-8")
    assert text.count('version = "2023.3"') == 1
    newer = text.replace('version = "2023.3"', 'version = "2023.9"').encode()
    with store.atomic():
        store_definitions(store, {"02B-2023.9.toml": newer}, "kit-test")
    mine = store.definitions
    assert load_form("02B", definitions=mine).version == "2023.9"
    assert load_form("02B", "2023.3", definitions=mine).version == "2023.3"
