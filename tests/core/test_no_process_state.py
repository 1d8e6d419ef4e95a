"""Nothing a data file decides is kept for the whole process: the vocabulary, "today", the birth-date bound."""

from __future__ import annotations

import datetime as dt

import pytest

from chilinh_desktop.core.clock import FixedClock, SystemClock
from chilinh_desktop.core.definitions import store_definitions
from chilinh_desktop.core.errors import ValidationError
from chilinh_desktop.core.officials import add_official
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.units import add_unit
from chilinh_desktop.ops.session import Session
from chilinh_desktop.resources import forms_dir

NEW_KIND = '\n[[unit_types]]\nid = "chi_bo_thu_nghiem"\nname = "Chi bộ thử nghiệm"\ngrassroots = true\n'


def _unit(store: Store, code: str, kind: str) -> None:
    add_unit(store, code=code, name=f"Đơn vị {code}", type=kind, parent_code=None, valid_from=dt.date(2020, 1, 1))


def test_each_data_file_reads_its_own_vocabulary(tmp_path):
    shipped = (forms_dir() / "vocabulary.toml").read_bytes()
    with Store.open(tmp_path / "a.sqlite3") as own, Store.open(tmp_path / "b.sqlite3") as other:
        _unit(other, "X1", "thanh_uy")  # the other file's vocabulary is read (and would be cached) first
        with own.atomic():
            store_definitions(own, {"vocabulary.toml": shipped + NEW_KIND.encode()}, "kit-1")
        _unit(own, "A1", "chi_bo_thu_nghiem")
        with pytest.raises(ValidationError):
            _unit(other, "B1", "chi_bo_thu_nghiem")


def test_a_birth_date_is_judged_by_the_data_files_today(store):
    _unit(store, "TU", "thanh_uy")
    store.clock = FixedClock(dt.date(2023, 12, 5))
    with pytest.raises(ValidationError):  # after the file's "today", though long past on the computer's clock
        add_official(store, full_name="Lê Văn Một", unit_code="TU", tier="btv_thanh_uy", birth_date=dt.date(2024, 1, 1))


def test_the_clock_rule_lives_in_the_session(tmp_path):
    path = tmp_path / "c.sqlite3"
    with Session.open(path) as session:
        assert isinstance(session.clock, SystemClock)
        session.writer.set_setting("today", "2023-12-05")
    with Session.open(path) as session:
        assert session.clock.today() == dt.date(2023, 12, 5)  # a day pinned in the data file
    with Session.open(path, today="2024-01-02") as session:
        assert session.clock.today() == dt.date(2024, 1, 2)  # --today wins
    with pytest.raises(ValidationError):
        Session.open(path, today="31/02/2024")


@pytest.mark.parametrize("typed", ["5.12.2023", "05/12/2023", "5-12-2023", "2023-12-05", " 5 / 12 / 2023 "])
def test_a_day_the_window_accepts_the_command_line_accepts(typed):
    from chilinh_desktop.ops.session import parse_today

    assert parse_today(typed) == dt.date(2023, 12, 5)


@pytest.mark.parametrize("typed", ["31.02.2024", "12/2023", "2023-13-01", "hôm nay"])
def test_an_impossible_day_is_refused_with_the_sessions_words(typed):
    from chilinh_desktop.ops.session import parse_today

    with pytest.raises(ValidationError):
        parse_today(typed)


def test_no_signature_or_field_defaults_to_the_shipped_definitions():
    import ast
    from pathlib import Path

    import chilinh_desktop

    def shipped(node: ast.AST | None) -> bool:
        return node is not None and any(isinstance(n, ast.Name | ast.Attribute) and
                                        (getattr(n, "id", None) or getattr(n, "attr", None)) == "SHIPPED"
                                        for n in ast.walk(node))

    found = []
    for path in Path(chilinh_desktop.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                defaults = [*node.args.defaults, *node.args.kw_defaults]
                if any(shipped(d) for d in defaults):
                    found.append(f"{path.name}:{node.lineno}")
            elif isinstance(node, ast.AnnAssign) and shipped(node.value):  # a dataclass field's default
                found.append(f"{path.name}:{node.lineno}")
    assert found == []
