"""Reading our PDFs back: body text without page furniture, and a layout fingerprint."""

from __future__ import annotations

import io
from collections.abc import Callable

import pypdf
import pytest


def read_pdf(pdf: bytes) -> pypdf.PdfReader:
    """A reader over PDF bytes."""
    return pypdf.PdfReader(io.BytesIO(pdf))


def body_text(pdf: bytes) -> str:
    """All text, whitespace collapsed, without the furniture drawn first on a page (draft mark, number)."""
    parts = []
    for n, page in enumerate(read_pdf(pdf).pages, 1):
        lines = page.extract_text().split("\n")
        while lines and lines[0].strip() in ("BẢN NHÁP", str(n) if n > 1 else "BẢN NHÁP"):
            lines = lines[1:]
        parts.append(" ".join(lines))
    return " ".join(" ".join(parts).split())


def assert_in_order(text: str, expected: list[str]) -> None:
    """Every expected string (whitespace collapsed) occurs in `text`, each after the previous one."""
    position = 0
    for value in expected:
        wanted = " ".join(value.split())
        found = text.find(wanted, position)
        assert found >= 0, f"not found after position {position}: {wanted[:80]!r}"
        position = found + len(wanted)


def layout_lines(pdf: bytes) -> list[str]:
    """One line per printed line: page, position (mm), size and style, text — a layout fingerprint."""
    out = []
    for n, page in enumerate(read_pdf(pdf).pages, 1):
        runs: list[tuple[float, float, str, str]] = []

        def visit(text, cm, tm, font_dict, font_size, runs=runs):
            if not text.strip():
                return
            matrix = pypdf.mult(tm, cm)
            name = str((font_dict or {}).get("/BaseFont", ""))
            style = "B" if "Bold" in name else ""
            style += "I" if "Italic" in name else ""
            runs.append((round(matrix[5] / 2.835), matrix[4] / 2.835, f"{font_size:g}{style or 'R'}", text))

        page.extract_text(visitor_text=visit)
        lines: dict[tuple[int, int], list[tuple[float, str, str]]] = {}
        for y, x, style, text in runs:
            # The header's two columns share baselines: the right one starts past 96 mm.
            lines.setdefault((y, int(x >= 96)), []).append((x, style, text))
        for key in sorted(lines, key=lambda k: (-k[0], k[1])):
            y, row = key[0], sorted(lines[key])
            text = " ".join(" ".join(t for _, _, t in row).split())
            out.append(f"p{n} y{y} x{row[0][0]:.0f} {row[0][1]} | {text}")
    return out


@pytest.fixture
def pdf_tools() -> dict[str, Callable]:
    """The helpers above, for tests that read PDFs back."""
    return {"text": body_text, "in_order": assert_in_order, "layout": layout_lines, "reader": read_pdf}
