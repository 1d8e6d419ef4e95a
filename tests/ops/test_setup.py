"""Installation set-up and settings as operations: one set of rules under the first-run dialog and the CLI."""

from __future__ import annotations

import datetime as dt

import pytest

from chilinh_desktop.cli import main
from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.errors import StoreError, ValidationError
from chilinh_desktop.core.settings import load_settings
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import get_unit
from chilinh_desktop.ops import changes
from chilinh_desktop.ops.setup import (
    Installation,
    create_demo,
    set_up_installation,
    update_settings,
)


def _audit(store: Store, action: str) -> list[str]:
    return [row[0] for row in store.db.execute("SELECT detail FROM audit WHERE action = ?", [action])]


def test_a_board_is_set_up_with_its_own_unit_at_the_top(tmp_path):
    with Store.open(tmp_path / "board.sqlite3") as store:
        result = set_up_installation(store, Installation("board", " tinh ", "Tỉnh ủy Lâm Sơn", "thanh_uy"))
        settings = load_settings(store)
        assert (settings.role, settings.unit_code, settings.unit_name) == ("board", "TINH", "Tỉnh ủy Lâm Sơn")
        assert get_unit(store, "TINH").name == "Tỉnh ủy Lâm Sơn"
        assert (result.role, result.unit_code, result.size.units) == ("board", "TINH", 1)
        assert changes.SETTINGS in result.changes and len(_audit(store, "installation.setup")) == 1


def test_an_installation_without_identity_is_refused_and_nothing_is_written(tmp_path):
    with Store.open(tmp_path / "unit.sqlite3") as store:
        with pytest.raises(ValidationError) as refused:
            set_up_installation(store, Installation("unit", "DB07", "  "))
        assert load_settings(store).role == "" and store.db.execute("SELECT count(*) FROM units").fetchone()[0] == 0
    assert refused.value.message == "Hãy nhập mã và tên đơn vị."


def test_update_settings_stores_only_what_changed_and_audits_it_in_the_same_transaction(demo_store):
    before = load_settings(demo_store)
    result = update_settings(demo_store, before.changed(signer=" Nguyễn  Văn An ", print_margins="20,20,25,15"),
                             actor="tester")
    assert result.changed == ("signer", "print_margins")
    assert load_settings(demo_store).signer == "Nguyễn Văn An"
    assert demo_store.get_setting("print.margins") == "20,20,25,15"
    assert '"signer"' in _audit(demo_store, "settings.change")[-1]
    again = update_settings(demo_store, load_settings(demo_store), actor="tester")
    assert again.changed == () and again.changes == frozenset()
    assert len(_audit(demo_store, "settings.change")) == 1


@pytest.mark.parametrize(("field", "value"), [("unit_code", "KHONGCO"), ("print_margins", "20,20")])
def test_update_settings_refuses_a_wrong_value_and_changes_nothing(demo_store, field, value):
    before = load_settings(demo_store)
    with pytest.raises(ValidationError):
        update_settings(demo_store, before.changed(**{field: value, "signer": "Ai đó"}), actor="tester")
    assert load_settings(demo_store) == before and _audit(demo_store, "settings.change") == []


def test_the_demo_refuses_to_replace_a_file_unless_told(tmp_path, capsys):
    path = tmp_path / "data.sqlite3"
    with Store.open(path, clock=FixedClock(dt.date(2023, 12, 5))) as store:
        set_up_installation(store, Installation("unit", "DB07", "Đảng bộ phường An Lạc", "dang_bo_co_so"))
    with pytest.raises(StoreError) as refused:
        create_demo(path)
    assert main(["demo", "--db", str(path)]) == 2
    assert refused.value.message in capsys.readouterr().err
    with Store.open(path) as store:
        assert get_unit(store, "DB07").name == "Đảng bộ phường An Lạc"


def test_a_demo_unit_without_its_kit_is_refused_before_the_file_is_touched(tmp_path, capsys):
    path = tmp_path / "data.sqlite3"
    path.write_bytes(b"kept")
    assert main(["demo", "--db", str(path), "--force", "--role", "unit", "--unit", "DB15"]) == 2
    assert "--kit" in capsys.readouterr().err and path.read_bytes() == b"kept"
