"""One printing pipeline: the command line, the window's preview, print-all and the package carry the same bytes."""

from __future__ import annotations

import io
import zipfile

from chilinh_desktop.cli import main
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier, stored_items
from chilinh_desktop.core.officials import list_officials
from chilinh_desktop.ops.printing import item_document, print_item, print_unit

UNIT = "DB08"  # complete, not yet signed off (tests/export/export_helpers.py)


def _complete_02b(store):
    cycle = get_cycle(store)
    for official in list_officials(store, UNIT):
        dossier = find_dossier(store, cycle, official_id=official.id)
        stored = stored_items(store, dossier.id).get("self_review")
        if stored is not None and stored.state.value == "complete":
            return cycle, official, dossier
    raise AssertionError(f"{UNIT} has a complete 02B in the demo")


def test_every_front_door_prints_the_same_document(demo_store, demo_path, tmp_path, capsys):
    cycle, official, dossier = _complete_02b(demo_store)
    preview = print_item(demo_store, cycle, dossier.id, "self_review", final=True)  # the window's preview
    assert not preview.draft

    out = tmp_path / "cli.pdf"
    assert main(["print", "02B", "--db", str(demo_path), "--official", official.id, "--out", str(out)]) == 0
    assert out.read_bytes() == preview.pdf

    run = print_unit(demo_store, cycle, UNIT, tmp_path / "all", workers=1)  # print-all and the window's job
    name = item_document(demo_store, cycle, dossier.id, "self_review").file_name
    assert (tmp_path / "all" / name).read_bytes() == preview.pdf
    assert name in {p.name for p in run.paths}

    usb = tmp_path / "usb"
    usb.mkdir()
    demo_store.close()
    assert main(["signoff", "--db", str(demo_path), "--unit", UNIT, "--by", "Nguyễn Văn An",
                 "--acknowledge-warnings"]) == 0
    assert main(["export", "--db", str(demo_path), "--unit", UNIT, "--out", str(usb)]) == 0
    [package] = usb.glob("*.zip")
    from chilinh_desktop.core.store import Store
    from chilinh_desktop.package import sealed
    from chilinh_desktop.package.keyring import board_identity

    with Store.open(demo_path) as store:  # the demo is also the Board: its keys open the sealed package
        inner = sealed.unseal(sealed.sealed_bytes(package), board_identity(store))
    with zipfile.ZipFile(io.BytesIO(inner)) as archive:
        carried = archive.read(f"data/forms/{dossier.id}-self_review.pdf")
    assert carried == preview.pdf


def test_a_draft_is_marked_the_same_way_everywhere(demo_store, demo_path, tmp_path):
    cycle, official, dossier = _complete_02b(demo_store)
    asked = print_item(demo_store, cycle, dossier.id, "self_review", final=False)
    out = tmp_path / "draft.pdf"
    assert main(["print", "02B", "--db", str(demo_path), "--official", official.id, "--draft",
                 "--out", str(out)]) == 0
    assert asked.draft and out.read_bytes() == asked.pdf
