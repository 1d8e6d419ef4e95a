"""The catalog check refuses broken entries: a stray msgstr, changed placeholders, English left in vi.po."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from babel.messages.catalog import Catalog

ROOT = Path(__file__).resolve().parents[2]


def _catalog_module():
    spec = importlib.util.spec_from_file_location("catalog_script", ROOT / "scripts" / "catalog.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_check_finds_each_kind_of_broken_entry():
    script = _catalog_module()
    catalog = Catalog(locale="vi")
    catalog.add("Packages &received", 'msgstr "Các gói đã &nhận"Các gói đã nhận')
    catalog.add("Saved {n} files", "Đã lưu {count} tệp")
    catalog.add("Open the file", "Open the file")
    catalog.add("PDF", "PDF")
    catalog.add("Saved", "Đã lưu")
    found = script.problems("vi", catalog)
    assert len(found) == 3
    assert any("Packages &received" in line for line in found)
    assert any("placeholders differ" in line and "Saved {n} files" in line for line in found)
    assert any("left in English" in line and "Open the file" in line for line in found)
