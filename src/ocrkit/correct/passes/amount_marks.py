"""Marks after amounts written as the transcriptions write them: ``1.86(`` → ``1.86€`` (receipts)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..fixes import Fix, LineEdit, Reason
from ..tokens import AMOUNT, AMOUNT_MARK
from .base import Pass, counter, mark_table

if TYPE_CHECKING:
    from ..corrector import Corrector


class AmountMarks(Pass):
    """Counts what the transcription writes after an amount where the engine printed a mark
    against it (``1.86(``) or as a word of its own (``1.86 (``, key with a leading space); a
    mark written as another one at least ``MIN_COUNT`` times and in ``SHARE`` of its sightings
    is rewritten (``{'(': '€'}``)."""

    name = "amount_marks"
    MIN_COUNT, SHARE = 5, 0.8

    def __init__(self) -> None:
        self.counts = counter(None)  # 'ocr mark|gt mark'
        self._table: dict[str, str] = {}

    def learn(self, ocr: str, gt: str) -> None:
        words = ocr.split()
        for m in filter(None, map(AMOUNT_MARK.fullmatch, words)):
            amount, mark = m.groups()
            after = re.search(r"(?<![\d.,])" + re.escape(amount) + r"(\S?)", gt)
            if after:
                self.counts[mark + "|" + after.group(1)] += 1
        for amount, mark in zip(words, words[1:]):
            if len(mark) == 1 and not mark.isdigit() and AMOUNT.fullmatch(amount):
                after = re.search(r"(?<![\d.,])" + re.escape(amount) + r"\s?(\S?)", gt)
                if after:
                    self.counts[" " + mark + "|" + after.group(1)] += 1

    def table(self) -> dict[str, str]:
        """``{printed mark: written mark}``; a key with a leading space is a mark printed as a
        word of its own (``{' î': '€'}`` for ``2.15 î``)."""
        return mark_table(self.counts, lambda mark, gt: gt != mark.lstrip(" ") and not gt.isalnum(), self.MIN_COUNT, self.SHARE)

    def prepare(self, corrector: Corrector) -> bool:
        self._table = self.table() if corrector.traits.trained else {}
        return bool(self._table)

    def rewrite(self, line: LineEdit, corrector: Corrector) -> None:
        toks, out, marks = line.toks, line.out, self._table
        for i in range(len(toks)):
            m = AMOUNT_MARK.fullmatch(out[i])
            if m and m.group(2) in marks:
                out[i] = m.group(1) + marks[m.group(2)]
                line.add(Fix(i, out[i], 1.0, Reason.TYPOGRAPHY))
            elif i + 1 < len(toks) and AMOUNT.fullmatch(out[i]) and " " + toks[i + 1].text in marks:
                out[i + 1] = marks[" " + toks[i + 1].text]  # ('2.15 î': the mark a word of its own)
                line.drop_fixes(i + 1)
                line.add(Fix(i + 1, out[i + 1], 1.0, Reason.TYPOGRAPHY))

    def to_dict(self) -> dict:
        return dict(self.counts)

    def load(self, counts: dict) -> None:
        self.counts = counter(counts)


PASS = AmountMarks
