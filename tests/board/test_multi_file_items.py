"""An item of several files (a scan added page by page) travels as one package entry per file, in order."""

from __future__ import annotations

import shutil
from pathlib import Path

from board_helpers import package_documents, run, run_json

from chilinh_desktop.core.requirements import ItemState


def test_an_item_of_three_pages_reaches_the_board_as_three_entries_in_order(capsys, exchange, demo_db_file, tmp_path):
    from chilinh_desktop.core.cycles import get_cycle
    from chilinh_desktop.core.dossiers import dossier_statuses
    from chilinh_desktop.core.store import Store
    from chilinh_desktop.core.unit_signoff import unit_dossiers
    from chilinh_desktop.core.units import get_unit
    from chilinh_desktop.demo.scans import scanned_page
    from chilinh_desktop.ops.attachments import add_file, set_files

    unit_db = tmp_path / "unit.sqlite3"
    assert run(capsys, "demo", "--role", "unit", "--unit", "DB15", "--kit", str(exchange["kit"]),
               "--db", str(unit_db))[0] == 0
    with Store.open(unit_db) as store:
        cycle = get_cycle(store)
        dossier, status = next((d, s) for d in unit_dossiers(store, cycle, get_unit(store, "DB15")) if d.official_id
                               for s in dossier_statuses(store, cycle, d)
                               if s.item.kind == "attachment" and not s.item.confidential
                               and s.state is ItemState.ATTACHED)
        set_files(store, cycle, dossier.id, status.item.id, (), actor="test")
        pages = [scanned_page("Phiếu nhận xét", f"Trang {n}", n) for n in (1, 2, 3)]
        for number, data in enumerate(pages, start=1):
            add_file(store, cycle, dossier.id, status.item.id, data, f"trang-{number}.pdf", actor="test")
    assert run(capsys, "signoff", "--db", str(unit_db), "--unit", "DB15", "--by", "Bí thư",
               "--acknowledge-warnings")[0] == 0
    usb = tmp_path / "usb"
    usb.mkdir()
    code, result = run_json(capsys, "export", "--db", str(unit_db), "--unit", "DB15", "--out", str(usb))
    assert code == 0, result

    _unit_doc, officials = package_documents(result["path"])
    item = next(doc for doc in officials if doc["official"]["id"] == dossier.official_id)["dossier"]["items"][
        status.item.id]
    assert [f["name"] for f in item["files"]] == ["trang-1.pdf", "trang-2.pdf", "trang-3.pdf"]
    assert item["file"] == item["files"][0]["file"]  # a reader of the one-file format still finds page 1
    from forge import read_bag

    payload, _info = read_bag(Path(result["path"]))  # the inner, signed package (unsealed with the Board's key)
    assert [payload[f["file"]] for f in item["files"]] == pages

    board = tmp_path / "board.sqlite3"
    shutil.copyfile(demo_db_file, board)  # a Board that has not met this unit installation's key yet
    board.chmod(0o600)  # the Board's data file holds its keys: owner-only, as the program keeps it
    code, _out, err = run(capsys, "import", "--db", str(board), "--trust-new", str(usb))
    assert code == 0, err + _out
    from chilinh_desktop.package.received import received_documents

    with Store.open(board) as store:
        package_id = store.db.execute("SELECT package_id FROM received_packages").fetchone()[0]
        _unit, docs = received_documents(store, package_id)
    record = next(d for d in docs if d.official.id == dossier.official_id).dossier.items[status.item.id]
    assert [f.name for f in record.all_files] == ["trang-1.pdf", "trang-2.pdf", "trang-3.pdf"]

    # What the Board clerk reads and prints: every page, in order, byte for byte.
    from chilinh_desktop.core.dossiers import find_dossier
    from chilinh_desktop.ops.received import print_received_unit, received_item_pdf

    with Store.open(board) as store:
        cycle = get_cycle(store)
        board_dossier = find_dossier(store, cycle, official_id=dossier.official_id)
        sent = [received_item_pdf(store, cycle, board_dossier.id, status.item.id, n)[1] for n in range(3)]
        printed = print_received_unit(store, cycle, "DB15", tmp_path / "printed")
    assert sent == pages
    written = {p.read_bytes() for p in printed.paths}
    assert all(page in written for page in pages)
    assert len([p for p in printed.paths if "3" in p.stem and "tệp" in p.stem]) >= 1


def test_a_package_of_one_file_items_keeps_the_one_file_format(exchange):
    _unit_doc, officials = package_documents(exchange["package"])
    items = [i for doc in officials for i in doc["dossier"]["items"].values() if "attachment_sha256" in i]
    assert items and all("files" not in i for i in items)
