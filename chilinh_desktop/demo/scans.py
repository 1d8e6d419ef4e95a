"""Small PDFs that look like a scanned page, so demo attachments are real bytes."""

from __future__ import annotations

import io
import random

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from chilinh_desktop.render.fonts import serif_family


def scanned_page(title: str, subject: str, seed: int) -> bytes:
    """One A4 page on greyish paper, slightly skewed, with a title, text lines and a seal."""
    rng = random.Random(seed)
    fonts = serif_family()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    width, height = A4
    canvas.setFillColor(Color(0.93, 0.92, 0.88))
    canvas.rect(0, 0, width, height, stroke=0, fill=1)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(rng.uniform(-1.2, 1.2))
    canvas.translate(-width / 2, -height / 2)
    canvas.setFillColor(Color(0.15, 0.15, 0.15))
    canvas.setFont(fonts.bold, 13)
    canvas.drawCentredString(width / 2, height - 90, title.upper()[:70])
    canvas.setFont(fonts.regular, 12)
    canvas.drawCentredString(width / 2, height - 112, subject)
    y = height - 160
    for _ in range(rng.randint(14, 22)):
        canvas.setStrokeColor(Color(0.35, 0.35, 0.35))
        canvas.setLineWidth(rng.uniform(0.6, 1.1))
        canvas.line(80, y, 80 + rng.uniform(300, 430), y)
        y -= rng.uniform(18, 24)
    canvas.setStrokeColor(Color(0.75, 0.1, 0.1))
    canvas.setLineWidth(2)
    canvas.circle(width - 150, 130, 42, stroke=1, fill=0)
    canvas.circle(width - 150, 130, 30, stroke=1, fill=0)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
