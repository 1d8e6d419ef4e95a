"""What every command shares: opening the store, choosing "today", printing for people or scripts."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chilinh_desktop.i18n import _
from chilinh_desktop.ops.display import printable, running_date

if TYPE_CHECKING:
    from chilinh_desktop.ops.session import Store


def open_store(args: argparse.Namespace) -> Store:
    """Open the database named by --db (or the per-user one) with the clock --today asks for (ops/session.py)."""
    from chilinh_desktop.ops.session import Session  # not loaded by `chilinh gui`, which opens its own

    store = Session.open(args.db, today=getattr(args, "today", None)).writer
    for notice in [*store.notices, store.read_only_notice()]:
        if notice:
            sys.stderr.write(notice + "\n")
    return store


def parse_today(text: str) -> dt.date:
    """A date given on the command line, or a Vietnamese error naming it (the session's rule)."""
    from chilinh_desktop.ops.session import parse_today as parse

    return parse(text)


def print_json(value: Any) -> None:
    """Machine-readable output: UTF-8 JSON on stdout."""
    text = json.dumps(value, ensure_ascii=False, indent=2, default=str)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: every character escaped, still valid JSON
        text = json.dumps(value, ensure_ascii=True, indent=2, default=str)
    sys.stdout.write(text + "\n")


def print_json_rows(head: dict[str, Any], key: str, rows: Iterable[Any]) -> None:
    """A long machine-readable list: `head` with `key` holding the rows, UTF-8 JSON on stdout, one row a line.

    Compact and written row by row as each is made: json's indented writer is pure Python, about three
    times slower than its C encoder on the tens of thousands of items of a province's `status --json`.
    """
    start = _json_text({**head, key: []})
    assert start.endswith("[]}")
    out = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
    if out is not None:
        sys.stdout.flush()
    write = out.write if out is not None else (lambda data: sys.stdout.write(data.decode("utf-8")))
    write(start[:-2].encode("utf-8"))
    separator = "\n"
    for row in rows:
        write((separator + _json_text(row)).encode("utf-8"))
        separator = ",\n"
    write(b"\n]}\n")
    if out is not None:
        out.flush()


def _json_text(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: every character escaped, still valid JSON
        text = json.dumps(value, ensure_ascii=True, separators=(",", ":"), default=str)
    return text


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(ch) else 1 for ch in text)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Human-readable output: aligned columns."""
    # A cell may come from a file name or a package: no escape sequence or newline reaches the terminal raw.
    cells = [[str(h) for h in headers]] + [["" if v is None else printable(str(v)) for v in row] for row in rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        line = "  ".join(value + " " * (widths[i] - _width(value)) for i, value in enumerate(row))
        print(line.rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


class ProgressLine:
    """One line of progress on a terminal, rewritten in place; silent when stderr is a file or a pipe.

    Padding with spaces rather than the terminal's erase sequence: a Windows console shows that
    sequence as text unless told otherwise.
    """

    def __init__(self) -> None:
        self.shown = sys.stderr.isatty()
        self._width = 0

    def __call__(self, text: str, *, last: bool = False) -> None:
        if not self.shown:
            return
        sys.stderr.write("\r" + text.ljust(self._width))
        self._width = max(self._width, len(text))
        if last:
            sys.stderr.write("\n")
            self._width = 0
        sys.stderr.flush()


def db_argument(parser: argparse.ArgumentParser) -> None:
    """The --db option every command takes."""
    parser.add_argument("--db", type=Path, default=None, metavar="PATH",
                        help=_("the data file (default: the per-user data folder)"))


def format_date(day: dt.date) -> str:
    """A date as party documents write it in running text: 05/12/2023, 08/3/2018 (Hướng dẫn 36-HD/VPTW, 2018)."""
    return running_date(day)


def cycle_argument(parser: argparse.ArgumentParser) -> None:
    """The --cycle option of every command about one cycle (the current one by default)."""
    parser.add_argument("--cycle", metavar="ID", default=None,
                        help=_("the cycle (default: the current one; see `chilinh cycle list`)"))


def cycle_of(store: Store, args: argparse.Namespace):
    """The cycle --cycle names, or the data file's current one."""
    from chilinh_desktop.ops.session import find_cycle

    return find_cycle(store, getattr(args, "cycle", None))
