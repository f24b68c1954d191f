"""Document context: the words a document uses elsewhere make those words likelier here.

A page about a council meeting says "Alderman" a dozen times; where the engine garbled one of
them (``Aldcrman``), the word's frequency in the rest of the document says far more than its
frequency in a general word list. This is a *cache* language model (Kuhn and De Mori, 1990):
the general probability of a word is raised by its share of the document's other words.

Only words the lexicon knows well count (unknown strings may be the engine's own repeated
misreadings), and a word never counts for itself: where the token being corrected is one of the
document's occurrences of a word, that occurrence is left out.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Callable, Iterable

#: documents shorter than this (in words) give no context: a line is not a document
MIN_WORDS = 30
#: pseudo-words added to a document's length, so that a short document's counts weigh less
PRIOR_WORDS = 200


class DocumentWords:
    """Counts of the well-known words of one document."""

    __slots__ = ("counts", "total", "_words")

    def __init__(self, counts: Counter[str], total: int):
        self.counts = counts
        self.total = total
        self._words: list[str] | None = None

    @classmethod
    def of(cls, keys: Iterable[str], well_known: Callable[[str], bool]) -> "DocumentWords | None":
        """From the normalised keys of a document's words (``None`` when it is too short)."""
        counts: Counter[str] = Counter()
        total = 0
        for key in keys:
            total += 1
            counts[key] += 1
        if total < MIN_WORDS:
            return None
        return cls(Counter({k: c for k, c in counts.items() if well_known(k)}), total)

    def boost(self, key: str, freq: float, weight: float, own: int = 0) -> float:
        """log of (freq + weight x the word's share of the document) / freq: what the document
        adds to the word's log probability; ``own`` occurrences (the token itself) left out."""
        n = self.counts.get(key, 0) - own
        if n <= 0 or weight <= 0.0:
            return 0.0
        return math.log1p(weight * n / (self.total + PRIOR_WORDS) / max(freq, 1e-9))

    def near(self, key: str, max_distance: int = 2) -> list[str]:
        """The document's words within ``max_distance`` edits of ``key`` (not ``key`` itself)."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        if self._words is None:
            self._words = list(self.counts)
        hits = process.extract(key, self._words, scorer=Levenshtein.distance, score_cutoff=max_distance, limit=8)
        return [w for w, _, _ in hits if w != key]
