"""Setting a unit up from a kit (the first-run path) tells the person what they must know."""

from chilinh_desktop.cli import main
from chilinh_desktop.core.store import Store
from chilinh_desktop.ops.setup import Installation, set_up_installation


def test_a_whole_city_kit_says_it_brings_no_cadres(tmp_path, demo_path, capsys):
    kit = tmp_path / "kit.zip"
    assert main(["kit", "export", "--db", str(demo_path), "--out", str(kit)]) == 0
    capsys.readouterr()
    with Store.open(tmp_path / "unit.sqlite3") as store:
        messages = set_up_installation(store, Installation(role="kit", code="DB15", kit=str(kit))).messages
        cadres = store.db.execute("SELECT count(*) FROM officials").fetchone()[0]
    assert cadres == 0
    assert any("không kèm danh sách cán bộ" in m for m in messages)


def test_a_units_own_kit_sets_up_quietly_with_its_cadres(tmp_path, demo_path, capsys):
    kit = tmp_path / "kit.zip"
    assert main(["kit", "export", "--db", str(demo_path), "--out", str(kit), "--unit", "DB15"]) == 0
    capsys.readouterr()
    with Store.open(tmp_path / "unit.sqlite3") as store:
        messages = set_up_installation(store, Installation(role="kit", code="DB15", kit=str(kit))).messages
        cadres = store.db.execute("SELECT count(*) FROM officials").fetchone()[0]
    assert cadres > 0 and not any("không kèm danh sách cán bộ" in m for m in messages)
