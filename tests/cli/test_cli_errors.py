"""CLI errors: Vietnamese on stderr, a non-zero exit, nothing changed."""

from chilinh_desktop.cli import main


def test_impossible_date_is_refused_in_vietnamese(demo_path, capsys):
    assert main(["status", "--db", str(demo_path), "--today", "2023-02-30"]) == 2
    err = capsys.readouterr().err
    assert "không phải là ngày hợp lệ" in err


def test_unknown_unit_is_refused(demo_path, capsys):
    assert main(["officials", "--db", str(demo_path), "--unit", "KHONGCO"]) == 2
    assert "Không có đơn vị nào có mã KHONGCO" in capsys.readouterr().err


def test_demo_refuses_to_overwrite_without_force(demo_path, capsys):
    before = demo_path.read_bytes()
    assert main(["demo", "--db", str(demo_path)]) == 2
    assert "--force" in capsys.readouterr().err
    assert demo_path.read_bytes() == before


def test_backup_and_restore_commands_round_trip(tmp_path, demo_path, capsys):
    backup = tmp_path / "sao-luu.sqlite3"
    assert main(["backup", "--db", str(demo_path), "--out", str(backup)]) == 0
    assert main(["restore", "--db", str(demo_path), "--from", str(backup)]) == 0
    out = capsys.readouterr().out
    assert "sao-luu.sqlite3" in out
    assert main(["units", "--db", str(demo_path), "--json"]) == 0


def test_english_catalog_is_available(demo_path, capsys):
    assert main(["--lang", "en", "officials", "--db", str(demo_path), "--unit", "NOPE"]) == 2
    assert "There is no unit with the code NOPE" in capsys.readouterr().err
