"""Every item model passes Qt's model tester and stays in step with the core data it adapts."""

from __future__ import annotations

from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.deadlines import compute_status
from chilinh_desktop.core.units import unit_tree
from chilinh_desktop.core.views import unit_badges, unit_overview
from chilinh_desktop.ui.dashboard import DashboardModel, MissingModel
from chilinh_desktop.ui.list_models import ItemStatusModel, OfficialListModel
from chilinh_desktop.ui.unit_tree_model import UnitFilterModel, UnitTreeModel, badge_text, fold


def _tree_and_status(store):
    cycle = get_cycle(store)
    tree = unit_tree(store, cycle.tree_date)
    return cycle, tree, compute_status(store, cycle, store.clock.today())


def test_unit_tree_model_passes_the_model_tester_with_badges(qtmodeltester, demo_store):
    _cycle, tree, status = _tree_and_status(demo_store)
    model = UnitTreeModel(tree)
    model.set_badges(unit_badges(tree, status))
    qtmodeltester.check(model, force_py=True)


def test_unit_tree_model_mirrors_the_core_tree(demo_store):
    _cycle, tree, _status = _tree_and_status(demo_store)
    model = UnitTreeModel(tree)

    def walk(parent, nodes):
        assert model.rowCount(parent) == len(nodes)
        for row, node in enumerate(nodes):
            index = model.index(row, 0, parent)
            assert index.data() == node.unit.name
            assert model.parent(index) == parent
            walk(index, node.children)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex(), tree.roots)
    assert model.index_of("DB02").data() == tree.by_code["DB02"].unit.name


def test_root_badge_adds_up_the_whole_city(demo_store):
    _cycle, tree, status = _tree_and_status(demo_store)
    badges = unit_badges(tree, status)
    root = tree.roots[0].unit.code
    assert badges[root].required == sum(u.items_required for u in status.units)
    assert badges[root].missing == sum(len(u.missing) for u in status.units)
    assert badge_text(badges[root]).startswith(f"{badges[root].done}/{badges[root].required}")


def test_filter_model_passes_the_model_tester_and_ignores_diacritics(qtmodeltester, demo_store):
    _cycle, tree, _status = _tree_and_status(demo_store)
    proxy = UnitFilterModel()
    proxy.setSourceModel(UnitTreeModel(tree))
    proxy.set_text("phuong minh khai")
    qtmodeltester.check(proxy, force_py=True)
    root = proxy.index(0, 0)
    names = [proxy.index(r, 0, root).data() for r in range(proxy.rowCount(root))]
    assert names == ["Đảng bộ phường Minh Khai"]
    assert fold("Đảng bộ Phường") == "dang bo phuong"


def test_item_and_cadre_models_pass_the_model_tester(qtmodeltester, demo_store):
    cycle = get_cycle(demo_store)
    overview = unit_overview(demo_store, cycle, "DB02")
    items = ItemStatusModel(cycle)
    items.set_rows(list(overview.collective.statuses))
    cadres = OfficialListModel()
    cadres.set_rows(list(overview.cadres))
    qtmodeltester.check(items, force_py=True)
    qtmodeltester.check(cadres, force_py=True)
    assert cadres.rowCount() == len(overview.cadres) > 0


def test_dashboard_models_pass_the_model_tester(qtmodeltester, demo_store):
    cycle, _tree, status = _tree_and_status(demo_store)
    units = DashboardModel()
    units.set_status(status)
    missing = MissingModel(cycle)
    unit = next(u for u in status.units if u.missing)
    missing.set_missing(unit.missing, set())
    qtmodeltester.check(units, force_py=True)
    qtmodeltester.check(missing, force_py=True)
    assert missing.rowCount() == len(unit.missing)
