"""hOCR 1.2: XHTML with ``ocr_page`` / ``ocr_carea`` / ``ocr_par`` / ``ocr_line`` / ``ocrx_word``
elements carrying ``bbox`` and ``x_wconf`` (0-100) in their ``title``, nested as Tesseract nests
them (OCRmyPDF's renderer reads lines only inside a paragraph). A page's lines are one text
area and paragraph; the paragraph's ``lang`` is the page's language where it was found."""

from __future__ import annotations

import functools
from xml.sax.saxutils import escape, quoteattr

from .._version import __version__
from ..layout import union
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
        '<meta name="ocr-capabilities" content="ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf"/>',
        f'<meta name="ocr-langs" content={quoteattr(result.lang)}/>',
        "</head>",
        "<body>",
    ]
    wid = 0
    for p, page in enumerate(result.pages, 1):
        image = f"image {quoteattr(page.source)[1:-1]!s}; " if page.source else ""
        res = f"; scan_res {round(page.dpi)} {round(page.dpi)}" if page.dpi else ""
        out.append(f'<div class="ocr_page" id="page_{p}" title="{_esc(image)}bbox 0 0 {page.width} {page.height}; ppageno {p - 1}{res}">')
        if page.lines:
            a0, b0, a1, b1 = functools.reduce(union, (line.box for line in page.lines))
            box = f"bbox {a0} {b0} {a1} {b1}"
            out.append(f'<div class="ocr_carea" id="block_{p}_1" title="{box}">')
            out.append(f'<p class="ocr_par" id="par_{p}_1" lang="{_xml_lang(page.lang or result.lang)}" title="{box}">')
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
        if page.lines:
            out += ["</p>", "</div>"]
        out.append("</div>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _esc(s: str) -> str:
    return escape(s, {'"': "&quot;"})


def _xml_lang(lang: str) -> str:
    from ..lexicon import iso_code

    return "und" if lang == "auto" else iso_code(lang)  # (BCP 47: undetermined)
