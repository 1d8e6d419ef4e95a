"""`status --json`: the documented shape, compact, one unit a line, written unit by unit."""

from __future__ import annotations

import contextlib
import io
import json

from chilinh_desktop.cli import main
from chilinh_desktop.cli.common import print_json_rows

UNIT_KEYS = ["code", "name", "type", "parent_code", "officials", "items_required", "items_done", "items_exempt",
             "missing"]
ITEM_KEYS = ["item", "item_name", "subject_kind", "subject_id", "subject_name"]


def test_status_json_has_the_documented_shape_one_unit_a_line(demo_path, capsys):
    assert main(["status", "--db", str(demo_path), "--json", "--today", "2023-12-05"]) == 0
    text = capsys.readouterr().out
    document = json.loads(text)
    assert list(document) == ["today", "cycle", "units"]
    assert list(document["cycle"]) == ["id", "title", "deadlines"]
    assert [list(d) for d in document["cycle"]["deadlines"]] == [
        ["id", "date", "label", "covers", "days_left", "working_days_left", "overdue"]] * 2
    lines = text.splitlines()
    assert lines[0].endswith('"units":[') and lines[-1] == "]}"
    units = [json.loads(line.removesuffix(",")) for line in lines[1:-1]]
    assert units == document["units"] and len(units) > 50
    assert all(list(u) == UNIT_KEYS and list(u["missing"]) == ["review", "dossier"] for u in units)
    items = [m for u in units for found in u["missing"].values() for m in found]
    assert items and all(list(m) == ITEM_KEYS for m in items)
    assert any("ệ" in m["subject_name"] or "ễ" in m["subject_name"] for m in items)  # UTF-8, not escaped


def test_rows_with_a_name_that_is_not_utf8_are_still_valid_json():
    rows = [{"name": "Nguyễn Văn A"}, {"name": "tệp\udcff.pdf"}]  # a lone surrogate: a file name from a bad disk
    with contextlib.redirect_stdout(io.StringIO()) as out:  # a text stream without a byte buffer
        print_json_rows({"today": "2023-12-05"}, "units", iter(rows))
    text = out.getvalue()
    assert json.loads(text) == {"today": "2023-12-05", "units": rows}
    assert "Nguyễn Văn A" in text and "\\udcff" in text
