"""A double quotation mark read as two single ones: ``’’`` → ``”``, ``‘‘`` → ``“``.

In older print a double quotation mark is two comma-shaped strokes with a gap between them, and
Tesseract often reads them as two single quotation marks of the same shape. Two such marks in a
row stand for nothing else in running text (a nested quotation closes with different marks:
``’”``), so the pair is rewritten wherever it stands. Straight marks (``''``) are left alone:
they are how code and plain-text conventions write things. The pass learns nothing: it is on for
every model, before the learned punctuation habit (which may then write ``”`` as its
transcriptions do).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..fixes import LineEdit, Reason
from .base import Pass
from .punctuation import rewrite_tokens

if TYPE_CHECKING:
    from ..corrector import Corrector

PAIRS = {"’’": "”", "‘‘": "“"}


def undouble(text: str) -> str:
    """``text`` with every pair of same-shaped single quotation marks made one double mark."""
    for pair, mark in PAIRS.items():
        text = text.replace(pair, mark)
    return text


class DoubledQuotes(Pass):
    """Rewrite ``’’`` and ``‘‘`` (see the module docstring)."""

    name = "doubled_quotes"

    def prepare(self, corrector: Corrector) -> bool:
        return True

    def rewrite(self, line: LineEdit, corrector: Corrector) -> None:
        if any(pair in text for text in line.out for pair in PAIRS):
            rewrite_tokens(line, undouble, Reason.QUOTES)


PASS = DoubledQuotes
