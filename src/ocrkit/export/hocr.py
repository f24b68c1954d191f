"""hOCR 1.2: XHTML with ``ocr_page`` / ``ocr_line`` / ``ocrx_word`` elements carrying ``bbox``
and ``x_wconf`` (0-100) in their ``title``."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .._version import __version__
from ..results import OCRResult


def to_hocr(result: OCRResult) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
        f'<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="{_xml_lang(result.lang)}" lang="{_xml_lang(result.lang)}">',
        "<head>",
        "<title></title>",
        '<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>',
        f'<meta name="ocr-system" content={quoteattr(f"ocrkit {__version__} ({result.engine} {result.engine_version})")}/>',
        '<meta name="ocr-capabilities" content="ocr_page ocr_line ocrx_word ocrp_wconf"/>',
        f'<meta name="ocr-langs" content={quoteattr(result.lang)}/>',
        "</head>",
        "<body>",
    ]
    wid = 0
    for p, page in enumerate(result.pages, 1):
        image = f"image {quoteattr(page.source)[1:-1]!s}; " if page.source else ""
        out.append(f'<div class="ocr_page" id="page_{p}" title="{_esc(image)}bbox 0 0 {page.width} {page.height}; ppageno {p - 1}">')
        for li, line in enumerate(page.lines, 1):
            x0, y0, x1, y1 = line.box
            out.append(f'<span class="ocr_line" id="line_{p}_{li}" title="bbox {x0} {y0} {x1} {y1}">')
            for w in line.words:
                wid += 1
                a, b, c, d = w.box
                out.append(
                    f'<span class="ocrx_word" id="word_{p}_{wid}" title="bbox {a} {b} {c} {d}; x_wconf {round(w.confidence * 100)}">'
                    f"{escape(w.text)}</span> "
                )
            out.append("</span>")
        out.append("</div>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _esc(s: str) -> str:
    return escape(s, {'"': "&quot;"})


def _xml_lang(lang: str) -> str:
    from ..lexicon import iso_code

    return iso_code(lang)
