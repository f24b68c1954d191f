"""Punctuation written as the transcriptions write it: ``’`` → ``'``, ``»`` → ``>>``."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..fixes import Fix, LineEdit, Reason
from .base import Pass, counter

if TYPE_CHECKING:
    from ..corrector import Corrector


class Punctuation(Pass):
    """A punctuation mark the engine printed that the transcriptions write as other marks at
    least ``MIN_COUNT`` times and in more than the tuned share (``Params.typography``) of its
    sightings is rewritten; the confusions come from the error model, the mark's sightings
    are counted here. Off unless tuning switched it on."""

    name = "punctuation"
    MIN_COUNT = 5

    def __init__(self) -> None:
        self.marks = counter(None)  # punctuation characters seen in training OCR
        self._tables: dict[float, dict[int, str]] = {}

    def learn(self, ocr: str, gt: str) -> None:
        self.marks.update(c for c in ocr if not c.isalnum() and not c.isspace())

    def rewrites(self, confusions: Counter[tuple[str, str]], share: float = 0.5) -> dict[str, str]:
        """``{ocr mark: ground-truth marks}`` for the marks rewritten at ``share``."""
        out: dict[str, str] = {}
        for (gt, ocr), c in confusions.items():
            if len(ocr) != 1 or ocr not in self.marks or not gt or any(ch.isalnum() or ch.isspace() for ch in gt):
                continue
            if c >= self.MIN_COUNT and c > share * self.marks[ocr]:  # (more than half: one at most)
                out[ocr] = gt
        return out

    def prepare(self, corrector: Corrector) -> bool:
        self._tables = {}
        return corrector.traits.trained

    def rewrite(self, line: LineEdit, corrector: Corrector) -> None:
        share = corrector.params.typography
        if not math.isfinite(share):
            return
        table = self._tables.get(share)
        if table is None:
            table = self._tables[share] = str.maketrans(self.rewrites(corrector.channel.confusions, share))
        if table:
            rewrite_tokens(line, lambda text: text.translate(table), Reason.TYPOGRAPHY)

    def to_dict(self) -> dict:
        return dict(self.marks)

    def load(self, counts: dict) -> None:
        self.marks = counter(counts)


def rewrite_tokens(line: LineEdit, rewrite: Callable[[str], str], reason: Reason) -> None:
    """Apply a typographic ``rewrite`` to each token's text (not to URLs, e-mail addresses or
    words a merge joined), a fix for ``reason`` where it changes one; a token already fixed
    keeps its fix, with the rewritten replacement."""
    fixed = {f.token: k for k, f in enumerate(line.fixes)}
    for i, t in enumerate(line.toks):
        if t.kind in ("url", "email") or i in line.joined:
            continue
        old = line.out[i]
        new = rewrite(old)
        if new == old:
            continue
        line.out[i] = new
        if i in fixed:  # (that fix's replacement is the token's core, or the whole token)
            k = fixed[i]
            f = line.fixes[k]
            line.fixes[k] = Fix(i, rewrite(f.replacement), f.probability, f.reason)
        else:
            line.add(Fix(i, new, 1.0, reason))


PASS = Punctuation
