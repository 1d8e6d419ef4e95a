"""A kit's units and cadres are written through the registry's own functions, with the same checks as typing."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import replace

import pytest

from chilinh_desktop.core.clock import FixedClock
from chilinh_desktop.core.officials import get_official
from chilinh_desktop.core.store import Store
from chilinh_desktop.package.kit import KitError, import_kit, read_kit


def _with_first_cadre(kit, **changed):
    first = dict(kit.officials[0], **changed)
    return replace(kit, officials=[first, *kit.officials[1:]]), first


@pytest.fixture
def unit_store(tmp_path):
    with Store.open(tmp_path / "unit.sqlite3", clock=FixedClock(dt.date(2023, 12, 5))) as store:
        yield store


def test_a_kit_cadre_typed_decomposed_is_stored_composed(kit, unit_store):
    name = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")
    changed, first = _with_first_cadre(read_kit(kit), full_name=name)
    import_kit(unit_store, changed, "DB15")
    assert get_official(unit_store, first["id"]).full_name == unicodedata.normalize("NFC", name)


@pytest.mark.parametrize(("field", "value"), [("tier", "no_such_tier"), ("birth_date", "2030-01-01")])
def test_a_kit_cadre_the_registry_refuses_refuses_the_whole_kit(kit, unit_store, field, value):
    changed, _first = _with_first_cadre(read_kit(kit), **{field: value})
    with pytest.raises(KitError) as refused:
        import_kit(unit_store, changed, "DB15")
    assert refused.value.code == "kit.invalid_official"
    assert unit_store.db.execute("SELECT COUNT(*) FROM units").fetchone() == (0,)
    assert unit_store.db.execute("SELECT COUNT(*) FROM officials").fetchone() == (0,)


def test_a_kit_unit_of_an_unknown_kind_is_refused(kit, unit_store):
    loaded = read_kit(kit)
    root = next(u for u in loaded.units if u["code"] == "DB15")
    units = [dict(u, type="no_such_kind") if u is root else u for u in loaded.units]
    with pytest.raises(Exception) as refused:
        import_kit(unit_store, replace(loaded, units=units), "DB15")
    assert "no_such_kind" in str(refused.value)
    assert unit_store.db.execute("SELECT COUNT(*) FROM units").fetchone() == (0,)
