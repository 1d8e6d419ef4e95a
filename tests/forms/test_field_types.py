"""One table of field types (formspec/field_types.py): the schema, the limits and every stage agree with it."""

from __future__ import annotations

import pytest

from chilinh_desktop.core.definitions import SHIPPED
from chilinh_desktop.formspec.field_types import TYPES, field_type
from chilinh_desktop.formspec.loader import form_names, load_form
from chilinh_desktop.formspec.model import LISTED_TYPES, Field
from chilinh_desktop.formspec.scales import load_scales
from chilinh_desktop.formspec.schema import form_schema
from chilinh_desktop.formspec.validate import display_value, input_limits
from chilinh_desktop.render.word_mapping import CONTENT_TYPES, INLINE_TYPES


def test_the_schema_names_exactly_the_types_of_the_table():
    defs = form_schema()["$defs"]
    assert defs["field"]["properties"]["type"]["enum"] == list(TYPES)
    columns = defs["column"]["properties"]["type"]["enum"]
    assert set(columns) == {name for name, kind in TYPES.items() if kind.layout in ("inline", "block")}


def test_limits_toml_has_a_length_for_every_type_that_names_one():
    keys = {kind.limits_key for kind in TYPES.values() if kind.limits_key}
    assert set(input_limits(SHIPPED).max_length) == keys


def test_the_listed_types_are_the_tables():
    assert set(LISTED_TYPES) == {name for name, kind in TYPES.items() if kind.listed}


def test_word_import_reads_what_the_table_lays_out():
    assert set(CONTENT_TYPES) | set(INLINE_TYPES) == {n for n, k in TYPES.items() if k.layout in ("inline", "block")}


def test_every_shipped_field_has_a_row():
    for name in form_names(SHIPPED):
        form = load_form(name.split("-")[0], name.rsplit("-", 1)[1].removesuffix(".toml"), definitions=SHIPPED)
        for fld in form.fields():
            assert fld.type in TYPES, (name, fld.id)
            assert all(column.type in TYPES for column in fld.columns), (name, fld.id)


@pytest.mark.parametrize(("kind", "typed", "stored", "shown"), [
    ("text", "  Nguyễn   Văn A ", "Nguyễn Văn A", "Nguyễn Văn A"),
    ("longtext", "Một.  \r\n\r\nHai.\n", "Một.\n\nHai.", "Một.\n\nHai."),
    ("date", "5.12.2023", "2023-12-05", "05/12/2023"),
    ("level", "Tốt", "tot", "Tốt"),
    ("number", "12,0", 12.0, "12"),
    ("boolean", True, True, "Có"),
])
def test_a_typed_value_is_stored_and_shown_through_its_row(kind, typed, stored, shown):
    scales = load_scales("2023", definitions=SHIPPED)
    fld = Field(id="x", type=kind, label="X")
    value = field_type(fld).normalise(fld, typed, scales)
    assert (value, display_value(fld, value, scales)) == (stored, shown)


def test_a_wrong_value_is_refused_by_its_row():
    fld = Field(id="x", type="number", label="Số đảng viên")
    with pytest.raises(ValueError, match="Số đảng viên"):
        field_type(fld).normalise(fld, "mười", load_scales("2023", definitions=SHIPPED))


@pytest.mark.parametrize("typed", ["7,5", "7.5", " 1 000 ", "12", "1,000.5", "7,5,1", "bảy", "1e3", "-3", "inf", "nan"])
def test_the_window_and_the_form_check_read_a_typed_number_alike(typed):
    from chilinh_desktop.ui.typed_fields import Invalid, parse_number

    fld = Field(id="x", type="number", label="X")
    try:
        window = parse_number(typed, fld)
    except Invalid:
        window = None
    try:
        checked = field_type(fld).normalise(fld, typed, load_scales("2023", definitions=SHIPPED))
    except ValueError:
        checked = None
    assert window == checked
