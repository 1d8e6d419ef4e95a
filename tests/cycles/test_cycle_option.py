"""--cycle on every command about one cycle; last year's dossiers stay readable and printable."""

import json

from pypdf import PdfReader

from chilinh_desktop.cli import build_parser, main
from chilinh_desktop.core.cycles import get_cycle
from chilinh_desktop.core.officials import list_officials

CYCLE_COMMANDS = [["status"], ["check"], ["rate"], ["print"], ["print-all"], ["export"], ["report"], ["forms"],
                  ["form", "get"], ["form", "set"], ["form", "import"], ["signoff"], ["reopen"], ["receipt"],
                  ["targets"], ["not-rated"], ["classification"]]


def _subparser(parser, path):
    for name in path:
        action = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
        parser = action.choices[name]
    return parser


def test_every_command_about_one_cycle_takes_cycle():
    parser = build_parser()
    missing = [" ".join(path) for path in CYCLE_COMMANDS
               if "--cycle" not in _subparser(parser, path)._option_string_actions]
    assert missing == []


def _pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_last_years_dossiers_stay_readable_and_printable(second_year, tmp_path, capsys):
    store = second_year
    db = str(store.path)
    cadre = next(o for o in list_officials(store) if o.tier == "btv_thanh_uy")
    dossiers = dict(store.db.execute("SELECT cycle_id, COUNT(*) FROM dossiers GROUP BY cycle_id").fetchall())
    items = dict(store.db.execute("SELECT d.cycle_id, COUNT(*) FROM dossier_items i JOIN dossiers d "
                                  "ON d.id = i.dossier_id GROUP BY d.cycle_id").fetchall())
    assert dossiers["2024"] > 0 and "2024" not in items  # the new cycle's dossiers start empty
    assert items["2023"] > 0
    store.close()

    assert main(["status", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["cycle"]["id"] == "2024"
    assert main(["status", "--db", db, "--cycle", "2023", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["cycle"]["id"] == "2023"

    assert main(["form", "get", "--db", db, "--cycle", "2023", "--form", "02B", "--official", cadre.id]) == 0
    last_year = json.loads(capsys.readouterr().out)
    assert last_year  # answers of 2023 are still there
    assert main(["form", "get", "--db", db, "--form", "02B", "--official", cadre.id]) == 0
    assert json.loads(capsys.readouterr().out) == {}

    old, new = tmp_path / "2023.pdf", tmp_path / "2024.pdf"
    assert main(["print", "02B", "--db", db, "--cycle", "2023", "--official", cadre.id, "--out", str(old)]) == 0
    assert main(["print", "02B", "--db", db, "--official", cadre.id, "--out", str(new)]) == 0
    old_text, new_text = _pdf_text(old), _pdf_text(new)
    assert "Năm 2023" in old_text and "Năm 2024" in new_text
    # Registry fields are prefilled in the new cycle: the cadre's name prints without any answer typed.
    assert cadre.full_name.split()[-1] in new_text
    assert main(["status", "--db", db, "--cycle", "1999"]) == 2


def test_the_tree_of_the_new_cycle_is_its_years(second_year):
    assert get_cycle(second_year).tree_date.year == 2024
    assert get_cycle(second_year, "2023").tree_date.year == 2023
