"""The `chilinh` command: headless access to everything the window does.

Errors go to stderr in Vietnamese with a non-zero exit code (2 for a refused
action or bad input, 1 for an unexpected failure).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from chilinh_desktop.cli.common import db_argument, printable
from chilinh_desktop.i18n import LANGUAGES, _, set_language
from chilinh_desktop.ops.errors import ChilinhError, ValidationError  # plain types: `gui` loads no use case

EXIT_REFUSED = 2


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # argparse passes prefix="" when it builds a subcommand's prog; only the default is ours.
        super().add_usage(usage, actions, groups, prefix=_("Usage: ") if prefix is None else prefix)


class _Version(argparse._VersionAction):
    """--version, reading the installed version only when asked (importlib.metadata is slow to load)."""

    def __call__(self, parser, namespace, values, option_string=None):
        from chilinh_desktop import __version__

        self.version = f"chilinh {__version__}"
        super().__call__(parser, namespace, values, option_string)


class _Parser(argparse.ArgumentParser):
    """argparse with its own headings and messages in the chosen language."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = _("arguments")
        self._optionals.title = _("options")
        self.add_argument("-h", "--help", action="help", help=_("show this help and exit"))

    def error(self, message: str) -> None:  # argparse's own wording is English; say it our way
        self.print_usage(sys.stderr)
        sys.stderr.write(_("Error: {problem}. See --help.", problem=message) + "\n")
        raise SystemExit(EXIT_REFUSED)


# The module that registers each command: a command line naming one loads that module alone (the others
# and the operations they import cost `status` a fifth of a second). tests/cli/test_command_modules.py keeps
# this table equal to what the modules register.
COMMAND_MODULES = {
    "demo": "core_cmds", "units": "core_cmds", "officials": "core_cmds", "status": "core_cmds",
    "backup": "core_cmds", "restore": "core_cmds",
    "forms": "forms_cmds", "form": "forms_cmds", "print": "forms_cmds", "print-all": "forms_cmds",
    "signoff": "dossier_cmds", "reopen": "dossier_cmds",
    "keys": "package_cmds", "export": "package_cmds", "packages": "package_cmds", "verify": "package_cmds",
    "check": "ratings_cmds", "rate": "ratings_cmds", "targets": "ratings_cmds", "not-rated": "ratings_cmds",
    "classification": "ratings_cmds", "conclusion": "ratings_cmds", "discipline": "ratings_cmds",
    "figures": "figures_cmds",
    "kit": "board_cmds", "import": "board_cmds", "report": "board_cmds", "receipt": "board_cmds",
    "open-confidential": "board_cmds",
    "cycle": "cycle_cmds",
    "history": "history_cmds",
    "leaders": "duties_cmds", "commendations": "duties_cmds", "meetings": "duties_cmds", "tasks": "duties_cmds",
}
# The order the full grammar registers them in (its help lists the commands in this order).
MODULE_ORDER = ("core_cmds", "forms_cmds", "dossier_cmds", "package_cmds", "ratings_cmds", "figures_cmds",
                "board_cmds", "cycle_cmds", "history_cmds", "duties_cmds")


def build_parser(*, window_only: bool = False, command: str | None = None) -> argparse.ArgumentParser:
    """The full command-line grammar (also used to generate the README's CLI section).

    `window_only`: just the global options and `gui`, for starting the window without importing
    every command's module and the operations they use (a quarter of a second). `command`: the global
    options, `gui` and the commands of the one module that registers `command` (the full grammar when
    the word is not a known command, so that argparse's refusal lists every command).
    """
    parser = _Parser(
        prog="chilinh",
        description=_("Annual review dossiers for party offices (offline)."),
    )
    parser.add_argument("--version", action=_Version,
                        help=_("show the version and exit"))
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help=_("language of messages (default: vi, or CHILINH_LANG)"))
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser)
    p = sub.add_parser("gui", help=_("open the application window"))
    db_argument(p)
    p.add_argument("--demo", action="store_true",
                   help=_("open the demo city (created on first use in the per-user data folder)"))
    p.add_argument("--today", metavar="YYYY-MM-DD", default=None,
                   help=_("act as if today were this day (deadlines, dates of sign-off)"))
    p.set_defaults(func=cmd_gui)
    if window_only:
        return parser
    one = COMMAND_MODULES.get(command) if command is not None else None
    for name in (one,) if one is not None else MODULE_ORDER:
        importlib.import_module(f"chilinh_desktop.cli.{name}").register(sub)
    return parser


def cmd_gui(args: argparse.Namespace) -> int:
    from chilinh_desktop.app import run

    db: Path | None = args.db
    return run(db_path=db, demo=args.demo, today=args.today, language=args.lang)


def _command(argv: Sequence[str]) -> str | None:
    """The command word of a command line (skipping the global options and --lang's value)."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word == "--lang":
            skip = True
        elif not word.startswith("-"):
            return word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    language = os.environ.get("CHILINH_LANG", "vi")
    if "--lang" in argv[:-1]:
        language = argv[argv.index("--lang") + 1]
    if language in LANGUAGES:
        set_language(language)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stderr.reconfigure(encoding="utf-8")
    command = _command(argv)
    parser = build_parser(window_only=command == "gui", command=command)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except ValidationError as exc:
        sys.stderr.write(_("Error: {problem}", problem=printable(exc.message, newlines=True)) + "\n")
        for where, problem in exc.problems:
            sys.stderr.write(f"  - {printable(str(where))}: {printable(str(problem))}\n")
        return EXIT_REFUSED
    except ChilinhError as exc:
        sys.stderr.write(_("Error: {problem}", problem=printable(exc.message, newlines=True)) + "\n")
        return EXIT_REFUSED
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        sys.stderr.write(_("Stopped.") + "\n")
        return 130
    except Exception as exc:  # a busy or read-only data file met outside a transaction: still a refusal
        from chilinh_desktop.ops.errors import store_failure
        from chilinh_desktop.ops.session import default_db_path

        refusal = store_failure(exc, getattr(args, "db", None) or default_db_path())
        if refusal is None:
            raise
        sys.stderr.write(_("Error: {problem}", problem=refusal.message) + "\n")
        return EXIT_REFUSED
