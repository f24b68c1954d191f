"""Document context: the words a document uses elsewhere make those words likelier here.

A page about a council meeting says "Alderman" a dozen times; where the engine garbled one of
them (``Aldcrman``), the word's frequency in the rest of the document says far more than its
frequency in a general word list. This is a *cache* language model (Kuhn and De Mori, 1990):
the general probability of a word is raised by its share of the document's other words.

Only words the lexicon knows well count (unknown strings may be the engine's own repeated
misreadings), and a word never counts for itself: where the token being corrected is one of the
document's occurrences of a word, that occurrence is left out.

A document also has its own habits of misreading (:class:`DocumentChannel`): what its first
reading undid again and again is likelier in it than the error model says.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .channel import ErrorModel, OverlayChannel

#: documents shorter than this (in words) give no context: a line is not a document
MIN_WORDS = 30
#: different words of a document that must print a letter for :meth:`DocumentWords.spells_without`
SPELLING_EVIDENCE = 5
#: pseudo-words added to a document's length, so that a short document's counts weigh less
PRIOR_WORDS = 200
#: words of a document whose accented form is far commoner, from which it lacks its accents
#: throughout when it prints almost no accented word (see :meth:`DocumentWords.lacks_accents`)
ACCENT_EVIDENCE = 10


class DocumentWords:
    """Counts of the well-known words of one document."""

    __slots__ = ("counts", "total", "_words", "_all", "_spellings", "_accentless")

    def __init__(self, counts: Counter[str], total: int, every: Counter[str]):
        self.counts = counts
        self.total = total
        self._words: list[str] | None = None
        self._all = every  # every word of the document, known or not
        self._spellings: dict[tuple[str, str], bool] = {}
        self._accentless: bool | None = None

    @classmethod
    def of(cls, keys: Iterable[str], well_known: Callable[[str], bool]) -> DocumentWords | None:
        """From the normalised keys of a document's words (``None`` when it is too short)."""
        counts: Counter[str] = Counter()
        total = 0
        for key in keys:
            total += 1
            counts[key] += 1
        if total < MIN_WORDS:
            return None
        return cls(Counter({k: c for k, c in counts.items() if well_known(k)}), total, counts)

    def spells_without(self, letters: str, instead: str) -> bool:
        """Whether the document never prints ``letters`` but prints ``instead`` in at least
        ``SPELLING_EVIDENCE`` different words: a convention of its print, no misreading
        (17th-century Dutch that writes ``y`` where the modern spelling has ``ij``)."""
        hit = self._spellings.get((letters, instead))
        if hit is None:
            hit = (not any(letters in w for w in self._all)
                   and sum(1 for w in self._all if instead in w) >= SPELLING_EVIDENCE)
            self._spellings[(letters, instead)] = hit
        return hit

    def lacks_accents(self, suspect: Callable[[str], bool], accented: Callable[[str], bool]) -> bool:
        """Whether the engine stripped the document's accents throughout (a page read at too low
        a resolution): at least ``ACCENT_EVIDENCE`` of its words are ``suspect`` (known words
        whose accented form is far commoner: 'donnees', 'Uberschreiben'), and for every three
        of them it prints at most one ``accented`` word. Then a line of it may have its accents
        restored on the evidence of one such word (the decoder asks three of a line alone)."""
        if self._accentless is None:
            suspects = sum(n for key, n in self._all.items() if suspect(key))
            marked = sum(n for key, n in self._all.items() if accented(key))
            self._accentless = suspects >= ACCENT_EVIDENCE and 3 * marked <= suspects
        return self._accentless

    def times(self, key: str) -> int:
        """How often the document prints ``key`` (known to the word lists or not)."""
        return self._all.get(key, 0)

    def boost(self, key: str, freq: float, weight: float, own: int = 0) -> float:
        """log of (freq + weight x the word's share of the document) / freq: what the document
        adds to the word's log probability; ``own`` occurrences (the token itself) left out."""
        n = self.counts.get(key, 0) - own
        if n <= 0 or weight <= 0.0:
            return 0.0
        return math.log1p(weight * n / (self.total + PRIOR_WORDS) / max(freq, 1e-9))

    def near(self, key: str, max_distance: int = 2) -> list[str]:
        """The document's words within ``max_distance`` edits of ``key`` (not ``key`` itself)."""
        if self._words is None:
            self._words = list(self.counts)
        hits = process.extract(key, self._words, scorer=Levenshtein.distance, score_cutoff=max_distance, limit=8)
        return [w for w, _, _ in hits if w != key]


class DocumentChannel(OverlayChannel):
    """The error model with what one document has shown: where the corrector's confident first
    reading of a document undid the same confusion at least twice (a Fraktur page where every
    ``ch`` came out ``dj``), that confusion is as likely in this document as the share of the
    document's ``ch`` it turned out to be; every other question goes to the base model."""

    @classmethod
    def learn(cls, base: ErrorModel, edits: Iterable[tuple[str, str]], text: str, weight: float,
              min_count: int = 2) -> DocumentChannel | None:
        """From the edits ``(gt, ocr)`` of confident corrections and the corrected ``text``;
        ``None`` when no confusion recurs."""
        counts = Counter(e for e in edits if e[0] and e[1])
        extra: dict[tuple[str, str], float] = {}
        for (gt, ocr), n in counts.items():
            if n >= min_count:
                p = weight * n / (text.count(gt) + 1.0)
                if p > base.prob(gt, ocr):
                    extra[(gt, ocr)] = min(0.5, p)
        return cls(base, extra) if extra else None
