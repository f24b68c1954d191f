"""Correcting a result's pages in groups: each group as one document, with its own corrector
(pages in different languages, pages read with a Fraktur model beside Antiqua ones)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from ..results import Correction, OCRResult, Page

K = TypeVar("K", bound=Hashable)


def correct_by(result: OCRResult, key: Callable[[Page], K], correct: Callable[[K, OCRResult], OCRResult]) -> OCRResult:
    """``result`` corrected group by group (pages of one ``key`` together, by ``correct``), in
    its page order, with every group's corrections."""
    groups: dict[K, list[int]] = {}
    for i, page in enumerate(result.pages):
        groups.setdefault(key(page), []).append(i)
    if len(groups) == 1:
        return correct(next(iter(groups)), result)
    pages: list[Page] = list(result.pages)
    fixes: list[Correction] = []
    for k, idx in groups.items():
        done = correct(k, result.with_pages(tuple(result.pages[i] for i in idx)))
        for i, page in zip(idx, done.pages):
            pages[i] = page
        fixes.extend(done.corrections)
    fixes.sort(key=lambda c: (c.page, c.line, c.start))
    return result.with_pages(tuple(pages), corrections=tuple(fixes), corrected=True, raw_text=result.text)
