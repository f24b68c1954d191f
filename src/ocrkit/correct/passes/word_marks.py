"""Marks between letters written as the transcriptions write them: ``l’homme`` → ``l'homme``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..fixes import LineEdit, Reason
from .base import Pass, counter, mark_table
from .punctuation import rewrite_tokens

if TYPE_CHECKING:
    from ..corrector import Corrector

#: a mark between two runs of letters, the runs whole words' ends ('qu’il', 'celui-ci')
_WORD_MARK = re.compile(r"(?<!\w)([^\W\d_]+)([^\w\s])(?=([^\W\d_]+)(?!\w))")


class WordMarks(Pass):
    """Counts what the transcription writes for a mark the engine printed between two letters
    (``qu’il``: ``'``, ``’``, nothing, a space) where it has the same letters around it. A mark
    written as another one at least ``MIN_COUNT`` times and in ``SHARE`` of its sightings is
    rewritten, between letters and at the start of an elided word (``’Tis``, not ``’dit-il’``);
    never to a space or nothing (splitting and joining words is the word decoder's business)."""

    name = "word_marks"
    MIN_COUNT, SHARE = 5, 0.8

    def __init__(self) -> None:
        self.counts = counter(None)  # 'ocr mark|gt mark'
        self._pattern: re.Pattern[str] | None = None
        self._table: dict[str, str] = {}

    def learn(self, ocr: str, gt: str) -> None:
        for m in _WORD_MARK.finditer(ocr):
            left, mark, right = m.groups()
            found = re.search(r"(?<!\w)" + re.escape(left) + r"(\W?)" + re.escape(right) + r"(?!\w)", gt)
            if found:
                self.counts[mark + "|" + found.group(1)] += 1

    def table(self) -> dict[str, str]:
        return mark_table(self.counts, lambda mark, gt: gt != mark and not gt.isspace(), self.MIN_COUNT, self.SHARE)

    def prepare(self, corrector: Corrector) -> bool:
        self._table = self.table() if corrector.traits.trained else {}
        if not self._table:
            return False
        marks = "[" + re.escape("".join(self._table)) + "]"
        self._pattern = re.compile(rf"(?<=[^\W\d_]){marks}(?=[^\W\d_])|^({marks})(?=[^\W\d_])(?!.*\1)")
        return True

    def rewrite(self, line: LineEdit, corrector: Corrector) -> None:
        pattern, table = self._pattern, self._table
        assert pattern is not None
        rewrite_tokens(line, lambda text: pattern.sub(lambda m: table[m.group()], text), Reason.TYPOGRAPHY)

    def to_dict(self) -> dict:
        return dict(self.counts)

    def load(self, counts: dict) -> None:
        self.counts = counter(counts)


PASS = WordMarks
