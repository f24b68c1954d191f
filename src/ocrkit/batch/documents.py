"""A batch corrects each input file as one document, as ``ocrkit read`` does.

Workers read pages; the store keeps each page's raw reading (with the engine's character
alternatives, which the corrector uses). Once a file's pages are in (or, after an interrupted
run, those that are), the parent corrects them together, so the words a document uses on one
page inform the others, and the same file gives the same text through ``ocrkit read``, the
batch and the Python API.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..results import OCRResult, Page

if TYPE_CHECKING:
    from ..correct import PostProcessor


def finish_document(rows: Sequence[dict[str, Any]], pp: PostProcessor | None) -> list[dict[str, Any]]:
    """The final rows of one file's pages (in page order): corrected together where ``pp`` is
    given; the page trees lose the engine's character alternatives (the store keeps them)."""
    good = [i for i, r in enumerate(rows) if not r.get("error") and r.get("page_tree")]
    out = [dict(r) for r in rows]
    if not good:
        return out
    pages = tuple(Page.from_dict(rows[i]["page_tree"]) for i in good)
    if pp is not None:
        first = rows[good[0]]
        result = OCRResult(pages, first.get("engine") or "", first.get("engine_version") or "", first.get("lang") or pp.lang)
        pages = pp.correct_result(result).pages
    for i, page in zip(good, pages):
        tree = page.to_dict()
        for line in tree["lines"]:
            for w in line["words"]:
                w.pop("symbols", None)
        out[i]["page_tree"] = tree
        out[i]["text"] = page.text
    return out
