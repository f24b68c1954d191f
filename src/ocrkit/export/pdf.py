"""Searchable PDF: each page image with an invisible text layer, every word placed over its box
and stretched to its width, so selecting and searching find the words where they are printed.
Needs reportlab (``pip install 'ocrkit[pdf]'``)."""

from __future__ import annotations

import io
import os
from collections.abc import Iterable

from PIL import Image

from ..errors import OCRKitError
from ..results import OCRResult


def to_pdf(result: OCRResult, images: Iterable[Image.Image], path: str | os.PathLike | None = None) -> bytes:
    """The PDF as bytes (also written to ``path`` when given). ``images`` are the page images the
    result's boxes refer to, in page order."""
    try:
        from reportlab.lib.utils import ImageReader
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.pdfgen import canvas
    except ImportError as exc:
        raise OCRKitError("Searchable PDF output needs reportlab: `pip install 'ocrkit[pdf]'`.") from exc
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pageCompression=1)
    pdf.setCreator("ocrkit")
    font = "Helvetica"
    for page, img in zip(result.pages, images):
        dpi = page.dpi or 300.0
        k = 72.0 / dpi  # pixels -> points
        w_pt, h_pt = page.width * k, page.height * k
        pdf.setPageSize((w_pt, h_pt))
        pdf.drawImage(ImageReader(img.convert("RGB") if img.mode not in ("L", "RGB") else img), 0, 0, w_pt, h_pt)
        for line in page.lines:
            for w in line.words:
                x0, y0, x1, y1 = w.box
                size = max(1.0, (y1 - y0) * k * 0.8)
                width = stringWidth(w.text, font, size) or 1.0
                text = pdf.beginText()
                text.setTextRenderMode(3)  # invisible
                text.setFont(font, size)
                text.setHorizScale(100.0 * (x1 - x0) * k / width)
                text.setTextOrigin(x0 * k, h_pt - y1 * k + (y1 - y0) * k * 0.2)
                text.textOut(w.text + " ")
                pdf.drawText(text)
        pdf.showPage()
    pdf.save()
    data = buf.getvalue()
    if path is not None:
        with open(path, "wb") as fh:
            fh.write(data)
    return data
