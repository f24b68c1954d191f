"""Word-level memory: what a word printed by the engine turned out to be in corrected samples.

Some OCR errors produce real words ("tho" for "the", "ia" for "in", "aud" for "and"): a lexicon
cannot flag them, but corrected samples can. :class:`WordMemory` counts, for every word the
engine printed in the training pairs, how often it stood for each ground-truth word. A token the
engine printed often and that was usually something else is corrected from that evidence.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein

from .lm import normalise
from .tokens import ELIDED_LEAD, tokenize

#: minimum times a word must have been seen in training OCR before its history counts
MIN_SEEN = 2
#: ... and the replacement must have been seen at least this many times (one could be a slip of the transcriber)
MIN_CHANGED = 2
#: the tokens remembered: words, and words in capitals ('OTE' for 'QTE' on receipts, 'TIIE')
_KINDS = ("word", "acronym")


def _elided(tok) -> str:  # type: ignore[no-untyped-def]
    """The elided word the tokenizer put in front of a token's core (``qu'`` of ``qu'elle``,
    normalised), so that the memory learns 'quelle' printed for "qu'elle" as "qu'elle", not 'elle'."""
    m = ELIDED_LEAD.search(tok.lead)
    return normalise(m.group()) if m else ""


class WordMemory:
    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()  # ocr word -> times seen in training OCR
        self.became: dict[str, Counter[str]] = defaultdict(Counter)  # ocr word -> gt word -> times

    def update(self, pairs: Iterable[tuple[str, str]]) -> None:
        for ocr, gt in pairs:
            o = [(_elided(t), normalise(t.core)) for t in tokenize(ocr) if t.kind in _KINDS]
            g = [(_elided(t), normalise(t.core)) for t in tokenize(gt) if t.kind in _KINDS]
            for _, w in o:
                self.seen[w] += 1
            ow, gw = [e + w for e, w in o], [e + w for e, w in g]  # (aligned as written, elisions included)
            for op in Levenshtein.opcodes(ow, gw):
                if op.tag == "replace" and op.src_end - op.src_start == op.dest_end - op.dest_start:
                    for (ea, a), (eb, b) in zip(o[op.src_start : op.src_end], g[op.dest_start : op.dest_end]):
                        if ea != eb:  # 'quelle' printed for "qu'elle" is "qu'elle"; 'l'eau' for 'eau', no lesson
                            if ea:
                                continue
                            b = eb + b
                        # not '-oh' for 'oh', nor 'qu' for "qu'il" (the engine's 'qu il': two words)
                        if a != b and b[:1].isalnum() and b[-1:].isalnum() and not b.startswith(a + "'"):
                            self.became[a][b] += 1

    def posterior(self, word: str, min_changed: int = MIN_CHANGED) -> tuple[str, float, float] | None:
        """``(target, P(target | printed word), P(word was right | printed word))`` from the
        counts (add-one smoothed), for words seen at least ``MIN_SEEN`` times whose likeliest
        target was seen at least ``min_changed`` times; else ``None``."""
        options = self.became.get(word)
        if not options:
            return None
        seen = self.seen.get(word, 0)
        if seen < MIN_SEEN:
            return None
        target, n = options.most_common(1)[0]
        if n < min_changed:
            return None
        changed = sum(options.values())
        return target, n / (seen + 1.0), (max(0, seen - changed) + 1.0) / (seen + 1.0)

    def to_dict(self) -> dict:
        # every word that became something else, even once: such a word is no longer taken as
        # plainly right, so a saved model reads as the one that was trained; the sightings of
        # the other words are not needed
        became = {w: dict(c) for w, c in self.became.items() if c}
        return {"seen": {w: self.seen[w] for w in became}, "became": became}

    @classmethod
    def from_dict(cls, d: dict) -> WordMemory:
        m = cls()
        m.seen = Counter(d.get("seen", {}))
        for w, c in d.get("became", {}).items():
            m.became[w] = Counter(c)
        return m
