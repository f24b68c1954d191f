"""Exporters: the same result tree as plain text, JSON, Tesseract-style TSV, hOCR 1.2, ALTO 4,
and (with the page images) a searchable PDF."""

from __future__ import annotations

import json

from ..results import OCRResult

FORMATS = ("text", "json", "tsv", "hocr", "alto")  # text formats; "pdf" needs the images


def to_text(result: OCRResult) -> str:
    """Plain text: lines separated by newlines, pages by a form feed."""
    return result.text + "\n"


def to_json(result: OCRResult, indent: int | None = 2) -> str:
    """The whole result tree as JSON (``OCRResult.from_dict(json.loads(s))`` reads it back)."""
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=indent) + "\n"


TSV_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num",
               "left", "top", "width", "height", "conf", "text")


def to_tsv(result: OCRResult) -> str:
    """Tesseract's TSV layout (levels 1 = page, 4 = line, 5 = word; conf 0..100, -1 for non-words)."""
    rows = ["\t".join(TSV_COLUMNS)]
    for page in result.pages:
        rows.append(f"1\t{page.number}\t0\t0\t0\t0\t0\t0\t{page.width}\t{page.height}\t-1\t")
        for li, line in enumerate(page.lines, 1):
            x0, y0, x1, y1 = line.box
            rows.append(f"4\t{page.number}\t1\t1\t{li}\t0\t{x0}\t{y0}\t{x1 - x0}\t{y1 - y0}\t-1\t")
            for wi, w in enumerate(line.words, 1):
                x0, y0, x1, y1 = w.box
                text = w.text.replace("\t", " ")
                rows.append(f"5\t{page.number}\t1\t1\t{li}\t{wi}\t{x0}\t{y0}\t{x1 - x0}\t{y1 - y0}\t{w.confidence * 100:.2f}\t{text}")
    return "\n".join(rows) + "\n"


def export(result: OCRResult, fmt: str) -> str:
    from .alto import to_alto
    from .hocr import to_hocr

    try:
        return {"text": to_text, "json": to_json, "tsv": to_tsv, "hocr": to_hocr, "alto": to_alto}[fmt](result)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None


from .alto import to_alto  # noqa: E402
from .hocr import to_hocr  # noqa: E402
from .pdf import to_pdf  # noqa: E402

__all__ = ["FORMATS", "export", "to_text", "to_json", "to_tsv", "to_hocr", "to_alto", "to_pdf"]
