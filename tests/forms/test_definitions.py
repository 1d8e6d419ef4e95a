"""Every shipped definition loads; a broken one fails naming its file and field."""

from __future__ import annotations

import tomllib

import pytest

from chilinh_desktop.core.attachments import _SIGNATURES
from chilinh_desktop.core.cycles import load_cycle_file, shipped_cycle_files
from chilinh_desktop.core.definitions import SHIPPED
from chilinh_desktop.core.errors import DefinitionError
from chilinh_desktop.formspec import cycle_forms, load_form_file, load_scales, shipped_form_files
from chilinh_desktop.formspec.loader import ATTACHMENT_TYPES, parse_form
from chilinh_desktop.formspec.schema import check, form_schema

FORM_FILES = shipped_form_files()


def test_the_dispatch_forms_are_all_shipped():
    assert {p.name.split("-")[0] for p in FORM_FILES} >= {"01", "02B", "BBKD", "BCXL", "NG2024", "DP2024", "BSLL"}


@pytest.mark.parametrize("path", FORM_FILES, ids=lambda p: p.name)
def test_every_form_file_conforms_to_the_schema_and_loads(path):
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    assert check(raw) == []
    form = load_form_file(path)
    assert path.name == f"{form.id}-{form.version}.toml"


@pytest.mark.parametrize("path", shipped_cycle_files(), ids=lambda p: p.name)
def test_every_cycle_names_loadable_forms_and_scales(path):
    cycle = load_cycle_file(path)
    pairs = cycle_forms(cycle)
    assert all(form is not None for item, form in pairs if item.kind == "form")
    levels = load_scales(cycle.id, definitions=SHIPPED).levels
    assert [o.label for o in levels] == ["Xuất sắc", "Tốt", "Trung bình", "Kém"]


def test_02B_has_every_section_and_signature_block_of_the_form():
    form = load_form_file(next(p for p in FORM_FILES if p.name.startswith("02B-")))
    headings = [s.heading.split(".")[0] for s in form.sections if s.heading]
    assert headings[:7] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    titles = [sig.title for s in form.sections for sig in s.signatures]
    assert titles == ["NGƯỜI TỰ KIỂM ĐIỂM", "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", "T/M CHI ỦY (CHI BỘ)", "T/M ĐẢNG ỦY"]


def _raw_02b() -> dict:
    path = next(p for p in FORM_FILES if p.name.startswith("02B-"))
    return tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("change", "where"), [
    (lambda r: r["sections"][1]["fields"][0].update(type="longtxt"), "sections[2].fields[1] (i1_politics).type"),
    (lambda r: r["sections"][1]["fields"][0].update(colour="red"), "sections[2].fields[1] (i1_politics).colour"),
    (lambda r: r["sections"][2]["fields"][0].update(id="i1_politics"), "sections[3].fields[1] (i1_politics).id"),
    (lambda r: r["sections"][2].update(heading="Năm {cycle.yaer}"), "sections[3].heading"),
    (lambda r: r["sections"][0]["fields"][2].update(source="official.nickname"), "(full_name).source"),
    (lambda r: r.pop("title"), "title"),
    (lambda r: r["header"].update(date_field="place"), "header.date_field"),
])
def test_a_broken_definition_names_its_file_and_field(change, where):
    raw = _raw_02b()
    change(raw)
    with pytest.raises(DefinitionError) as caught:
        parse_form(raw, "02B-2023.1.toml")
    assert caught.value.message.startswith("02B-2023.1.toml")
    assert where in caught.value.message


def test_a_file_named_unlike_its_id_is_refused():
    with pytest.raises(DefinitionError, match=r"02B-2023\.1\.toml"):
        parse_form(_raw_02b(), "02B-2023.2.toml")


def test_an_unreadable_file_is_refused_with_its_name(tmp_path):
    path = tmp_path / "XX-2023.1.toml"
    path.write_text("id = [", encoding="utf-8")
    with pytest.raises(DefinitionError, match=r"XX-2023\.1\.toml"):
        load_form_file(path)


def test_the_schema_uses_only_keywords_the_checker_understands():
    assert form_schema()["type"] == "object"


def test_attachment_kinds_accept_what_the_store_accepts():
    assert set(ATTACHMENT_TYPES) == {mime for _, mime in _SIGNATURES}
