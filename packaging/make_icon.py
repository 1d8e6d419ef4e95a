"""Draw the program icon with Qt (offscreen) and write packaging/chilinh.ico without Pillow.

The .ico is committed; run this again only to change the drawing:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icon.py

Sizes up to 48 px are stored as 32-bit BMP entries (what NSIS and every Windows shell read);
256 px is stored PNG-compressed, as Windows Vista and later expect.
"""

from __future__ import annotations

import math
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

SIZES = (16, 24, 32, 48, 256)
RED = QColor(0xC6, 0x28, 0x28)
GOLD = QColor(0xFF, 0xD5, 0x4F)
PAPER = QColor(0xFF, 0xFF, 0xFF)


def draw(size: int) -> QImage:
    """A red dossier with a gold star: the party office's folder."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 16.0
    # A sheet of paper peeking out behind the folder.
    p.setPen(QPen(QColor(0x75, 0x75, 0x75), max(1.0, 0.6 * s)))
    p.setBrush(PAPER)
    p.drawRect(QRectF(3 * s, 0.8 * s, 10 * s, 6 * s))
    # The folder.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(RED)
    p.drawRoundedRect(QRectF(0.5 * s, 3 * s, 15 * s, 12.5 * s), 1.5 * s, 1.5 * s)
    # A five-pointed star in the middle.
    cx, cy, outer = 8 * s, 9.5 * s, 4.8 * s
    inner = outer * 0.382
    star = QPainterPath()
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        point = QPointF(cx + radius * math.cos(angle), cy + radius * math.sin(angle))
        star.moveTo(point) if i == 0 else star.lineTo(point)
    star.closeSubpath()
    p.setBrush(GOLD)
    p.drawPath(star)
    p.end()
    return image


def bmp_entry(image: QImage) -> bytes:
    """A 32-bit BGRA DIB (bottom-up, doubled height) with an all-zero AND mask."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in range(size - 1, -1, -1):
        row = bytearray()
        for x in range(size):
            argb = image.pixel(x, y)
            row += struct.pack("<I", argb)  # little-endian 0xAARRGGBB is B, G, R, A
        rows.append(bytes(row))
    mask_row = ((size + 31) // 32) * 4
    return header + b"".join(rows) + bytes(mask_row * size)


def png_entry(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def write_ico(path: Path, images: list[QImage]) -> None:
    entries = [png_entry(img) if img.width() >= 256 else bmp_entry(img) for img in images]
    out = bytearray(struct.pack("<HHH", 0, 1, len(images)))
    offset = 6 + 16 * len(images)
    for img, data in zip(images, entries, strict=True):
        dim = img.width() % 256  # 0 means 256
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    for data in entries:
        out += data
    path.write_bytes(bytes(out))


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else Path(__file__).resolve().parent / "chilinh.ico"
    _app = QGuiApplication.instance() or QGuiApplication([])
    write_ico(target, [draw(size) for size in SIZES])
    print(f"{target}: {target.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
