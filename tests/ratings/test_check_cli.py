"""`chilinh check` prints the findings (JSON for scripts); `rate` and `discipline add` are scriptable."""

import json

from chilinh_desktop.cli import main
from chilinh_desktop.core.officials import add_official


def test_rate_discipline_and_check_from_the_command_line(city, capsys):
    official = add_official(city, full_name="Trần Văn Bình", unit_code="DB01", tier="btv_thanh_uy")
    db = str(city.path)
    city.close()
    base = ["--db", db]
    assert main(["rate", *base, "--official", official.id, "--step", "proposal", "--level", "HTXSNV",
                 "--by", "Đảng ủy", "--at", "2023-12-01", "--justification", "Một mình trong nhóm, vượt tỷ lệ",
                 "--criteria", '{"pham_chat": "tot", "lanh_dao": "tot", "ket_qua": "xuat_sac"}']) == 0
    assert main(["targets", *base, "--official", official.id, "--met", "100", "--exceeded", "60"]) == 0
    assert main(["discipline", "add", *base, "--official", official.id, "--date", "2023-12-31",
                 "--form", "Khiển trách"]) == 0
    capsys.readouterr()
    assert main(["check", *base, "--unit", "DB01", "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    errors = [(f["rule"], f["subject"]) for f in findings if f["severity"] == "error"]
    assert errors == [("124-QD-TW.discipline_in_year", f"official:{official.id}")]
    assert all(f["message"] and f["citation"] for f in findings)


def test_a_wrong_level_is_refused_with_exit_code_2(city, capsys):
    official = add_official(city, full_name="Lê Thị Hoa", unit_code="DB01", tier="btv_thanh_uy")
    db = str(city.path)
    city.close()
    assert main(["rate", "--db", db, "--official", official.id, "--step", "self", "--level", "GIOI",
                 "--by", "x"]) == 2
    assert "GIOI" in capsys.readouterr().err
