"""A command line loads only the module of its command, and that module's grammar is the full one's."""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys

import pytest

from chilinh_desktop.cli import COMMAND_MODULES, MODULE_ORDER, build_parser, main


def commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The parser's commands by name."""
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_the_table_names_the_module_that_registers_each_command():
    registered = {}
    for name in MODULE_ORDER:
        parser = argparse.ArgumentParser()
        importlib.import_module(f"chilinh_desktop.cli.{name}").register(parser.add_subparsers())
        registered |= {command: name for command in commands(parser)}
    assert registered == COMMAND_MODULES
    assert set(commands(build_parser())) == {"gui", *COMMAND_MODULES}


@pytest.mark.parametrize("command", sorted(COMMAND_MODULES))
def test_one_commands_grammar_is_the_full_ones(command):
    full, one = commands(build_parser())[command], commands(build_parser(command=command))[command]
    assert one.format_help() == full.format_help()


def test_an_unknown_command_is_refused_with_every_command_listed(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["statsu"])
    assert stopped.value.code == 2
    refusal = capsys.readouterr().err
    assert "statsu" in refusal and "status" in refusal and "print-all" in refusal and "commendations" in refusal


def test_status_loads_no_other_commands_module(demo_path):
    probe = ("import sys; from chilinh_desktop.cli import main; "
             f"code = main(['status', '--db', {str(demo_path)!r}, '--json']); "
             "print(code, sorted(m for m in sys.modules if m.startswith('chilinh_desktop.cli.')), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stderr.splitlines()[-1] == "0 ['chilinh_desktop.cli.common', 'chilinh_desktop.cli.core_cmds']"
    assert json.loads(done.stdout)["cycle"]["id"] == "2023"
