"""Every definition file of a data file is read by one reader: a damaged one gives the same message, naming it."""

from __future__ import annotations

import pytest

from chilinh_desktop.core.definitions import Definitions, store_definitions
from chilinh_desktop.core.duties_rules import duties_rules
from chilinh_desktop.core.errors import DefinitionError
from chilinh_desktop.core.input_rules import text_limits
from chilinh_desktop.core.rulesets import load_rule_set
from chilinh_desktop.core.store import Store
from chilinh_desktop.core.vocabulary import vocabulary
from chilinh_desktop.formspec.headers import naming
from chilinh_desktop.formspec.loader import load_form
from chilinh_desktop.formspec.scales import load_scales
from chilinh_desktop.formspec.validate import input_limits
from chilinh_desktop.i18n import set_language
from chilinh_desktop.render.settings import default_margins
from chilinh_desktop.resources import forms_dir

BROKEN_TOML = b'# a comment\nid = "x"\nlabel = \n'  # line 3: a key without a value
NOT_UTF8 = b'# a comment\n\nname = "Ch\xe1 b\xf4"\n'  # line 3: Latin-1 bytes


def _cycle_2023(definitions: Definitions):
    import dataclasses

    from chilinh_desktop.core.cycles import load_cycle_file

    return dataclasses.replace(load_cycle_file(forms_dir() / "cycles" / "2023.toml"), definitions=definitions)


LOADERS = {
    "headers.toml": lambda d: naming(d),
    "limits.toml": lambda d: input_limits(d),
    "print.toml": lambda d: default_margins(d),
    "vocabulary.toml": lambda d: vocabulary(d),
    "scales/2023.toml": lambda d: load_scales("2023", definitions=d),
    "rules/124-QD-TW.toml": lambda d: load_rule_set("124-QD-TW", definitions=d),
    "duties/2023.toml": lambda d: duties_rules(_cycle_2023(d)),
    "02B-2023.3.toml": lambda d: load_form("02B", "2023.3", definitions=d),
}


@pytest.fixture(autouse=True)
def _vietnamese():
    set_language("vi")
    yield
    set_language("vi")


@pytest.mark.parametrize("path", sorted(LOADERS))
def test_a_damaged_toml_in_a_data_files_definitions_names_file_and_line(tmp_path, path):
    with Store.open(tmp_path / "a.sqlite3") as store:
        with store.atomic():
            store_definitions(store, {path: BROKEN_TOML}, "kit-1")
        with pytest.raises(DefinitionError) as caught:
            LOADERS[path](store.definitions)
    assert str(caught.value) == f"Không đọc được tệp định nghĩa {path}, dòng 3: không phải TOML hợp lệ (cột 9)."


@pytest.mark.parametrize("path", sorted(LOADERS))
def test_bytes_that_are_not_utf8_name_file_and_line(path):
    with pytest.raises(DefinitionError) as caught:
        LOADERS[path](Definitions({path: NOT_UTF8}))
    assert str(caught.value) == f"Không đọc được tệp định nghĩa {path}, dòng 3: không phải văn bản UTF-8."


def test_a_missing_file_is_named():
    with pytest.raises(DefinitionError) as caught:
        load_scales("1999", definitions=Definitions())
    assert str(caught.value) == "Không đọc được tệp định nghĩa scales/1999.toml: thiếu tệp."


def test_a_file_is_decoded_once_per_definitions_and_never_for_another():
    own = Definitions({"limits.toml": (forms_dir() / "limits.toml").read_bytes().replace(b"1000", b"999")})
    assert own.toml("limits.toml") is own.toml("limits.toml")
    assert text_limits(own).line == 999 == input_limits(own).max_length["text"]  # one reader for both
    assert text_limits(Definitions()).line != 999
