"""At the Board, what a unit sent is the record: after a real import the window shows the received documents.

DB15's package is made by a unit installation set up from the Board's kit (tests/board/conftest.py) and
imported into a copy of the demo Board, as the README's "Trying the Board ↔ unit exchange by hand" does.
"""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt

from chilinh_desktop.cli import main
from chilinh_desktop.core.board import board_overview
from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import find_dossier, stored_items
from chilinh_desktop.core.store import Store
from chilinh_desktop.ops.progress import tree_status
from chilinh_desktop.ops.received import print_received_unit, received_dossier
from chilinh_desktop.ui.main_window import MainWindow

UNIT = "DB15"


@pytest.fixture
def board(demo_path, package, capsys):
    """The demo Board after importing DB15's real package with `chilinh import --trust-new`."""
    assert main(["import", "--db", str(demo_path), "--trust-new", str(package.parent)]) == 0
    capsys.readouterr()
    from tests.conftest import DEMO_TODAY

    store = Store.open(demo_path, clock=FixedClock(DEMO_TODAY))
    yield store
    store.close()


def _sent(package) -> dict[str, dict]:
    """Each cadre's self-review answers and PDF as the package carries them (unsealed with the Board's key)."""
    from forge import read_bag

    payload, _info = read_bag(package)
    result = {}
    for name, data in payload.items():
        if name.startswith("officials/") and name.endswith(".json"):
            doc = json.loads(data)
            item = doc["dossier"]["items"]["self_review"]
            result[doc["official"]["id"]] = {"name": doc["official"]["full_name"], "answers": item["answers"],
                                             "pdf": payload[item["file"]]}
    return result


def _board_copy(board, official_id: str) -> dict:
    """The Board's own copy of a cadre's self-review answers."""
    dossier = find_dossier(board, get_cycle(board), official_id=official_id)
    local = stored_items(board, dossier.id).get("self_review")
    return (local.answers or {}) if local else {}


def _differing_cadre(board, package) -> tuple[str, dict, str]:
    """A cadre of DB15 whose Board copy of the self-review differs from what the unit sent: (id, sent, sent text)."""
    for official_id, sent in _sent(package).items():
        local_answers = _board_copy(board, official_id)
        for field, text in sent["answers"].items():
            if isinstance(text, str) and len(text) > 40 and local_answers.get(field) != text:
                return official_id, sent, text
    pytest.fail("no cadre of DB15 has a Board copy that differs from what it sent")


@pytest.fixture
def window(qtbot, board, tmp_path):
    main_window = MainWindow(board, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(main_window)
    main_window.resize(1366, 768)
    main_window.show()
    main_window.start_session(ask=False)
    yield main_window
    main_window.close()


def test_opening_a_cadre_shows_what_the_unit_sent_not_the_boards_copy(window, board, package, qtbot):
    official_id, sent, text = _differing_cadre(board, package)
    window.open_official(official_id, UNIT)
    view = window.dossier_view
    sides = view.sides
    assert sides.showing_received and sides.tabBar().isVisible()
    assert sides.tabText(1) == "Bản của Ban Tổ chức" and not view.copy_actions.isVisible()
    heading = sides.received.heading.text()
    found = received_dossier(board, window.ctx.cycle, view.dossier_id)
    assert found.package_code in heading and "05/12/2023 09:00" in heading and sent["name"] in heading
    items = sides.received.items
    items.setFocus()
    qtbot.keyClick(items, Qt.Key.Key_Home)
    assert sides.received.current_item().id == "self_review"
    shown = sides.received.text.toPlainText()
    assert text.split("\n")[0][:60] in shown
    sent_text = "\n".join(str(v) for v in sent["answers"].values())
    copy = _board_copy(board, official_id).values()
    own = [t.split("\n")[0][:60] for t in copy if isinstance(t, str) and len(t) > 40]
    own = [t for t in own if t not in sent_text]  # the Board copy's own words, which the unit never sent
    assert own and not any(t in shown for t in own)
    assert sides.received.text.isReadOnly()

    # Ctrl+P, as a clerk prints: the preview holds the unit's own PDF, byte for byte.
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = sides.received.preview
    assert preview is not None and preview.pdf_bytes == sent["pdf"]
    assert not preview.draft_button.isVisible()
    preview.close()

    # The Board's copy is one click away, apart, with its own state and buttons.
    qtbot.keyClick(sides.tabBar(), Qt.Key.Key_Right)
    assert not sides.showing_received and view.copy_actions.isVisible()


def test_a_unit_without_a_package_shows_the_boards_copy_alone(window, board):
    cycle = get_cycle(board)
    other = board.db.execute("SELECT d.id FROM dossiers d JOIN units u ON u.id = d.unit_id WHERE u.code = 'DB01' "
                             "AND d.cycle_id = ? AND d.official_id IS NOT NULL", [cycle.id]).fetchone()[0]
    window.open_dossier(other)
    sides = window.dossier_view.sides
    assert not sides.showing_received and not sides.tabBar().isVisible()


def test_every_view_gives_one_answer_to_who_is_late(board):
    cycle = get_cycle(board)
    status = tree_status(board, cycle)
    arrivals = {a.code: a for a in board_overview(board, cycle, board.clock.today())}
    owing = [u for u in status.units if u.items_required]
    assert {u.code for u in owing} == set(arrivals)
    for unit in owing:  # the tree's ✓ is F10's "complete"; a unit that sent nothing has nothing done
        assert unit.done == arrivals[unit.code].complete, unit.code
        assert (unit.items_done == 0) == (not arrivals[unit.code].arrived or arrivals[unit.code].items_done == 0)
    assert [u.code for u in owing if u.done] == [UNIT]


def test_the_unit_page_counts_only_what_arrived(window, board):
    window.open_unit("DB01")
    overview = window.unit_pane.overview
    assert all(row.summary.done == 0 for row in overview.cadres if row.summary)
    assert "chưa nhận được gói" in window.unit_pane.heading.text()
    window.open_unit(UNIT)
    assert "Ban Tổ chức đã nhận gói ngày 05/12/2023" in window.unit_pane.heading.text()
    assert all(row.summary.done == row.summary.required for row in window.unit_pane.overview.cadres if row.summary)


def test_print_all_at_the_board_writes_the_pdfs_the_unit_sent(board, package, tmp_path):
    run = print_received_unit(board, get_cycle(board), UNIT, tmp_path / UNIT)
    sent = {entry["name"]: entry["pdf"] for entry in _sent(package).values()}
    written = {path.name: path.read_bytes() for path in run.paths}
    for name, pdf in sent.items():
        assert written[f"{name} - Mẫu 02B.pdf"] == pdf
    assert run.confidential > 0 and not any("age" in name for name in written)
    reader = PdfReader(io.BytesIO(next(iter(written.values()))))
    assert len(reader.pages) >= 1


def test_tab_walks_what_the_unit_sent_and_reaches_the_boards_copy(window, board, package, qtbot):
    from PySide6.QtWidgets import QApplication

    official_id, _sent, _text = _differing_cadre(board, package)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_official(official_id, UNIT)
    sides = window.dossier_view.sides
    assert QApplication.focusWidget() is sides.received.items  # the keyboard starts on what the unit sent
    def press(key, modifier=Qt.KeyboardModifier.NoModifier):
        qtbot.keyClick(QApplication.focusWidget(), key, modifier)
        return QApplication.focusWidget()

    assert [press(Qt.Key.Key_Tab) for _n in range(2)] == [sides.received.text, sides.received.preview_button]
    back = [press(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier) for _n in range(4)]
    assert back[:2] == [sides.received.text, sides.received.items]
    assert sides.tabBar() in back[2:]  # the tab bar choosing between what the unit sent and the Board's copy


def test_the_collective_dossier_shows_what_the_unit_sent(window, board, package):
    from forge import read_bag

    unit_doc = json.loads(read_bag(package)[0]["unit.json"])
    window.open_unit(UNIT)
    window.unit_pane._open_collective(None)  # what "Mở hồ sơ tập thể" does
    sides = window.dossier_view.sides
    assert sides.showing_received and sides.received.found.subject == "Đảng bộ xã Nam Sơn"
    sent = unit_doc["dossier"]["items"]["classification_report"]["answers"]["assessment"]
    sides.received.select_item("classification_report")
    assert sent[:60] in sides.received.text.toPlainText()


def test_print_the_whole_unit_from_the_window_writes_what_it_sent(window, package, tmp_path):
    from chilinh_desktop.ui.received_view import print_received_unit_job

    print_received_unit_job(window, UNIT, tmp_path / UNIT)
    assert window.ctx.jobs.wait_idle(60)
    sent = {entry["pdf"] for entry in _sent(package).values()}
    files = sorted((tmp_path / UNIT).glob("*.pdf"))
    assert sent <= {path.read_bytes() for path in files}
    message = window.statusBar().currentMessage()
    assert f"Đã ghi {len(files)} tệp PDF đơn vị gửi" in message and "tệp mật" in message
