"""Form texts shown in the window have their {placeholders} filled, as in print (one fill function)."""

from __future__ import annotations

import re

from ui_helpers import visible_texts

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.dossiers import dossier_statuses, get_dossier
from chilinh_desktop.core.requirements import Need

PLACEHOLDER = re.compile(r"\{[a-z][a-z0-9_.]*\}")


def _one_dossier_per_item(store) -> dict[str, str]:
    """For every item of the cycle, a demo dossier that needs it (item id → dossier id)."""
    cycle = get_cycle(store)
    chosen: dict[str, str] = {}
    for (dossier_id,) in store.db.execute("SELECT id FROM dossiers WHERE cycle_id = ? ORDER BY id", [cycle.id]):
        for status in dossier_statuses(store, cycle, get_dossier(store, dossier_id)):
            if status.need is not Need.NOT_APPLICABLE:
                chosen.setdefault(status.item.id, dossier_id)
    return chosen


def test_no_form_tab_shows_a_raw_placeholder(window, demo_store):
    chosen = _one_dossier_per_item(demo_store)
    assert {"self_review", "exemplary_pledge", "record_supplement"} <= set(chosen)  # 02B, Nêu gương, Bổ sung lý lịch
    seen = 0
    for item_id, dossier_id in sorted(chosen.items()):
        window.open_dossier(dossier_id, item_id)
        page = window.dossier_view.current_page()
        assert page.item.id == item_id
        if page.editor is None:
            continue
        seen += 1
        texts = visible_texts(page)
        raw = [t for t in texts if PLACEHOLDER.search(t)]
        assert not raw, (item_id, raw)
        if item_id in ("exemplary_pledge", "record_supplement"):
            assert any(str(window.ctx.cycle.year) in t for t in texts)
    assert seen >= 5


def test_choice_cells_of_a_table_show_labels_and_keep_ids(qtbot, cycle_2023):
    """The commendation table's 'Loại' column shows 'Đảng viên', stores dang_vien; picking a label stores its id."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QComboBox

    from chilinh_desktop.formspec import form_for_item
    from chilinh_desktop.formspec.scales import scales_for
    from chilinh_desktop.ui.form_editor import FormEditor, RowsEditor

    item = next(i for i in cycle_2023.items if i.id == "classification_report")
    scales = scales_for(cycle_2023)
    editor = FormEditor(form_for_item(cycle_2023, item), scales)
    qtbot.addWidget(editor)
    table = editor.widget_for("commendations")
    assert isinstance(table, RowsEditor)
    columns = [c.id for c in table.field.columns]
    rows = [{"name": "Nguyễn Văn An", "kind": "dang_vien", "rating": "HTXSNV"}]
    table.set_rows(rows)
    shown = [table.model.item(0, n).text() for n in range(len(columns))]
    assert "Đảng viên" in shown and "Hoàn thành xuất sắc nhiệm vụ" in shown and "dang_vien" not in shown
    assert {k: v for k, v in table.rows()[0].items() if v} == rows[0]
    kind = table.model.index(0, columns.index("kind"))
    combo = table.view.itemDelegateForColumn(columns.index("kind")).createEditor(table.view, None, kind)
    assert isinstance(combo, QComboBox) and "to_chuc" not in [combo.itemText(n) for n in range(combo.count())]
    combo.setCurrentIndex(combo.findData("to_chuc"))
    table.view.itemDelegateForColumn(columns.index("kind")).setModelData(combo, table.model, kind)
    assert kind.data(Qt.ItemDataRole.DisplayRole) == "Tổ chức đảng" and table.rows()[0]["kind"] == "to_chuc"


def test_date_cells_of_a_table_read_like_every_date(qtbot, cycle_2023):
    """A stored 2023-12-01 reads 01/12/2023 in the table; a typed 2/12/2023 is stored as 2023-12-02."""
    from chilinh_desktop.formspec import form_for_item
    from chilinh_desktop.formspec.scales import scales_for
    from chilinh_desktop.ui.form_editor import FormEditor, RowsEditor

    item = next(i for i in cycle_2023.items if i.id == "record_supplement")
    editor = FormEditor(form_for_item(cycle_2023, item), scales_for(cycle_2023))
    qtbot.addWidget(editor)
    table = next(w for w in editor.findChildren(RowsEditor) if any(c.type == "date" for c in w.field.columns))
    column = next(n for n, c in enumerate(table.field.columns) if c.type == "date")
    date_id = table.field.columns[column].id
    other = next(c.id for c in table.field.columns if c.type == "text")
    table.set_rows([{date_id: "2023-12-01", other: "Trình độ lý luận chính trị"}])
    assert table.model.item(0, column).text() == "01/12/2023"
    assert table.rows()[0][date_id] == "2023-12-01"
    table.model.item(0, column).setText("2/12/2023")
    assert table.rows()[0][date_id] == "2023-12-02"
