"""Helpers the benchmark scripts share (run as scripts, this folder is on sys.path)."""

from __future__ import annotations

import argparse
import os
import resource
import sys


def parser(doc: str | None) -> argparse.ArgumentParser:
    """An argument parser with `--quick`: a run of seconds that proves the script still works (CI runs it)."""
    result = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    result.add_argument("--quick", action="store_true",
                        help="a tiny data set, one run: checks the benchmark still works; its figures mean nothing")
    return result


def peak_rss_mib() -> float:
    """The process's peak resident memory so far."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def load() -> str:
    """The machine's load average, quoted with every figure: the cores are shared."""
    one, five, _fifteen = os.getloadavg()
    return f"load {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} cores"


def scan_pdf(size: int, seed: bytes = b"") -> bytes:
    """A whole one-page PDF of about `size` bytes whose page is an image of random (incompressible) pixels,
    as a scanner writes them: header, objects, cross-reference table, trailer, startxref, %%EOF."""
    side = max(1, int((size / 3) ** 0.5))
    pixels = os.urandom(side * side * 3) if not seed else (seed * (side * side * 3 // len(seed) + 1))[:side * side * 3]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 "
        b"/Length %d >>\nstream\n" % (side, side, len(pixels)) + pixels + b"\nendstream",
    ]
    drawing = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    objects.append(b"<< /Length %d >>\nstream\n" % len(drawing) + drawing + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
