"""Cycle files: the shipped ones load; a malformed one fails naming the file and field."""

import pytest

from chilinh_desktop.core.cycles import load_cycle_file, shipped_cycle_files
from chilinh_desktop.core.errors import DefinitionError


@pytest.mark.parametrize("path", shipped_cycle_files(), ids=lambda p: p.name)
def test_every_shipped_cycle_loads(path):
    cycle = load_cycle_file(path)
    assert cycle.deadlines and cycle.items


def test_2023_cycle_encodes_the_dispatch(cycle_2023):
    assert cycle_2023.dispatch["number"] == "789-CV/TU"
    assert [(d.id, d.date.isoformat()) for d in cycle_2023.deadlines] == [
        ("review", "2023-12-10"), ("dossier", "2023-12-15")]
    assert len(cycle_2023.items_for("official")) == 6
    assert cycle_2023.item("asset_declaration").confidential


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (('deadline = "dossier"', 'deadline = "later"', 1), "items[4].deadline"),
        (('scope = "official"', 'scope = "person"', 1), "items[5].scope"),
        (('date = "2023-12-10"', 'date = "2023-12-32"', 1), "deadlines[1].date"),
        (("applies_when = { deputy_head_or_above = true }", "applies_when = { shoe_size = 42 }", 1),
         "items[6].applies_when.shoe_size"),
    ],
)
def test_malformed_definition_names_file_and_field(tmp_path, change, field):
    source = next(p for p in shipped_cycle_files() if p.stem == "2023").read_text(encoding="utf-8")
    old, new, count = change
    bad = tmp_path / "bad.toml"
    bad.write_text(source.replace(old, new, count), encoding="utf-8")
    with pytest.raises(DefinitionError) as err:
        load_cycle_file(bad)
    assert "bad.toml" in err.value.message and field in err.value.message
