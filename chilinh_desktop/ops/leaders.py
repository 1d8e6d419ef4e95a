"""The Board assigns leaders to units' review meetings (Thông báo 1198-TB/TU); the unit's minutes show them.

`chilinh leaders assign|list|import` call these. The import reads the Excel list the Standing
Committee's notice is usually kept in: a header row with the columns `Mã đơn vị`, `Họ và tên`,
`Chức vụ` (or `unit`, `name`, `post`), then one leader per row; openpyxl loads only here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chilinh_desktop.core.assignments import (
    Assignment,
    add_assignments,
    assignments,
    checked,
    remove_assignment,
    unit_names,
)
from chilinh_desktop.core.cycles import Cycle, get_cycle
from chilinh_desktop.core.errors import ChilinhError, ValidationError
from chilinh_desktop.core.input_files import open_regular
from chilinh_desktop.core.input_rules import printable
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.text import clean_line
from chilinh_desktop.i18n import _

XLS_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE file: Excel 97–2003
ASSIGNMENTS = "assignments"  # change key: the leaders assigned to review meetings
COLUMNS = {"unit_code": ("mã đơn vị", "unit", "unit code", "mã"), "name": ("họ và tên", "name", "họ tên"),
           "post": ("chức vụ", "post")}


@dataclass(frozen=True)
class Assigned:
    """Assignments recorded."""

    rows: list[Assignment]

    @property
    def changes(self) -> frozenset[str]:
        """What recording them changed."""
        return frozenset({ASSIGNMENTS})


@dataclass(frozen=True)
class Unassigned:
    """An assignment removed."""

    row: Assignment
    unit_name: str

    @property
    def changes(self) -> frozenset[str]:
        """What removing it changed."""
        return frozenset({ASSIGNMENTS})


@dataclass(frozen=True)
class AssignmentList:
    """The assignments of the cycle, and every unit's name by code (to show and to choose units by name)."""

    rows: list[Assignment]
    unit_names: dict[str, str]

    def unit_name(self, code: str) -> str:
        """A unit's name (its code if the tree no longer has it)."""
        return self.unit_names.get(code, code)


def assign(store: Store, unit: str, name: str, post: str = "", *, actor: str) -> Assigned:
    """Assign one leader to a unit's review meeting (the unit by code or exact name; several per unit allowed)."""
    row = checked(store, unit, name, post)
    add_assignments(store, get_cycle(store), [row], actor=actor)
    return Assigned([row])


def unassign(store: Store, unit: str, name: str, *, actor: str) -> Unassigned:
    """Remove a wrong assignment (the unit by code or exact name), audited; refused with the same words everywhere."""
    row = remove_assignment(store, get_cycle(store), unit, name, actor=actor)
    return Unassigned(row, unit_names(store).get(row.unit_code, row.unit_code))


def list_assignments(store: Store, cycle: Cycle | None = None) -> list[Assignment]:
    """Every assignment of the cycle (read-only)."""
    return assignments(store, cycle or get_cycle(store))


def assignment_list(store: Store, cycle: Cycle | None = None) -> AssignmentList:
    """Every assignment of the cycle with the units' names (read-only; the window's list and picker)."""
    return AssignmentList(assignments(store, cycle or get_cycle(store)), unit_names(store))


def import_assignments(store: Store, path: Path, *, actor: str) -> Assigned:
    """Record every row of an Excel list; with any bad row nothing is recorded and each is named by its row number."""
    rows = _workbook_rows(Path(path))
    header_row, where = _header(rows)
    good, problems = [], []
    for number, row in enumerate(rows[header_row + 1:], header_row + 2):
        values = {key: clean_line(str(row[i])) if i < len(row) and row[i] is not None else ""
                  for key, i in where.items()}
        if not any(values.values()):
            continue  # blank lines between groups
        try:
            good.append(checked(store, values["unit_code"], values["name"], values.get("post", "")))
        except ValidationError as exc:
            problems += [(_("row {n}", n=number), problem) for _field, problem in exc.problems]
    if problems:
        raise ValidationError(_("{n} rows of {path} are not right; nothing was recorded. Correct them and import "
                                "the list again.", n=len({p[0] for p in problems}), path=Path(path).name), problems)
    add_assignments(store, get_cycle(store), good, actor=actor)
    return Assigned(good)


def _workbook_rows(path: Path) -> list[list]:
    # Anything but a real .xlsx (a text or .csv file, an old .xls, an empty file, a FIFO) is one clear refusal.
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    name = printable(path.name)
    try:
        with open_regular(path) as handle:
            head = handle.read(8)
            handle.seek(0)
            if not head.startswith(b"PK"):
                kind = _("an old Excel 97–2003 file (.xls)") if head.startswith(XLS_MAGIC) else \
                    _("an empty file") if not head else _("not an Excel workbook (a text or .csv file?)")
                raise ChilinhError(_("The file {path} is {kind}. Nothing was recorded. Open it in Excel, save it "
                                     "as an Excel Workbook (.xlsx) and import that file.", path=name, kind=kind),
                                   code="leaders.not_xlsx")
            book = load_workbook(handle, read_only=True, data_only=True)
            try:  # a read-only workbook keeps its file open until closed
                return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
            finally:
                book.close()
    except ChilinhError:
        raise
    except OSError as exc:
        raise ChilinhError(_("The file {path} cannot be read ({error}). Nothing was recorded.", path=name,
                             error=exc.strerror or exc), code="leaders.unreadable") from exc
    except (ValueError, KeyError, IndexError, TypeError, BadZipFile, EOFError, InvalidFileException) as exc:
        raise ChilinhError(_("The file {path} cannot be read as an Excel workbook ({error}). Nothing was recorded. "
                             "Save the list as .xlsx and import it again.", path=name, error=type(exc).__name__),
                           code="leaders.unreadable") from exc


def _header(rows: list[list]) -> tuple[int, dict[str, int]]:
    for n, row in enumerate(rows[:10]):
        cells = [clean_line(str(c)).casefold() if c is not None else "" for c in row]
        where = {key: cells.index(name) for key, names in COLUMNS.items() for name in names if name in cells}
        if "unit_code" in where and "name" in where:
            return n, where
    raise ValidationError(_("No header row with the columns “Mã đơn vị” and “Họ và tên” was found in the first ten "
                            "rows; nothing was recorded. Add the header row (and “Chức vụ”) and import again."),
                          [("header", "Mã đơn vị, Họ và tên, Chức vụ")])
