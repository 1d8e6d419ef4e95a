"""At 1366×768 the state columns and the level pickers show their whole text (issue 14: 'Hồ sơ' was cut)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QComboBox

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.units import unit_tree
from chilinh_desktop.core.views import unit_overview


def _unit_with_longest_post(store) -> str:
    cycle = get_cycle(store)
    best, code = -1, ""
    for node in unit_tree(store, cycle.tree_date).walk():
        for row in unit_overview(store, cycle, node.unit.code).cadres:
            posts = " ".join(filter(None, (row.official.party_post, row.official.government_post)))
            if len(posts) > best:
                best, code = len(posts), node.unit.code
    return code


def _fits(view, column: int) -> bool:
    width = view.horizontalHeader().sectionSize(column)
    return width >= view.sizeHintForColumn(column) and width >= view.horizontalHeader().sectionSizeHint(column)


def test_unit_page_columns_fit_at_1366x768(window, demo_store):
    window.resize(1366, 740)  # the laptop's screen less the task bar
    window.splitter.setSizes([700, 666])  # the tree widened to read long unit names
    assert window.select_unit(_unit_with_longest_post(demo_store))
    QApplication.processEvents()
    pane = window.unit_pane
    # Only the long free text (the item's name, the cadre's posts) may be elided; names, dates, counts and
    # states are whole, and nothing is pushed out of sight on the right.
    for view, elided in ((pane.items_view, 0), (pane.cadres_view, 1)):
        assert view.horizontalHeader().length() <= view.viewport().width() + 1
        for column in range(view.model().columnCount()):
            assert column == elided or _fits(view, column), (view.objectName(), column)


def test_level_pickers_show_their_longest_label(window, demo_store):
    from ui_helpers import editable_cadre

    window.resize(1366, 740)
    code, row = editable_cadre(demo_store)
    window.select_unit(code)
    window.open_dossier(window.unit_pane.overview.cadres[row].summary.dossier.id, "self_review")
    QApplication.processEvents()
    combos = window.dossier_view.current_page().editor.findChildren(QComboBox)
    assert combos
    for combo in combos:
        longest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(n)) for n in range(combo.count()))
        assert combo.width() > longest, combo.objectName()


def test_every_form_fits_the_width_it_gets_at_1366(qtbot, cycle_2023):
    """At 1366 px with the tree at its default width the form page is about 820 px wide: no sideways scrolling
    (a group box title never wraps; 02B's long section III heading once widened the page)."""
    from chilinh_desktop.formspec import form_for_item
    from chilinh_desktop.formspec.scales import scales_for
    from chilinh_desktop.ui.form_editor import FormEditor

    scales = scales_for(cycle_2023)
    for item in cycle_2023.items:
        if item.form is None:
            continue
        editor = FormEditor(form_for_item(cycle_2023, item), scales)
        qtbot.addWidget(editor)
        editor.resize(820, 600)
        editor.show()
        QApplication.processEvents()
        assert editor.widget().minimumSizeHint().width() <= editor.viewport().width(), item.id
        assert not editor.horizontalScrollBar().isVisible(), item.id
        editor.close()
