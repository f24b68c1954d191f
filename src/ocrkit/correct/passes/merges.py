"""Words split by a stray space joined again: ``f or`` → ``for``, ``co itinue`` → ``continue``.

Where the transcriptions keep words broken at former line ends with their hyphen
(:attr:`LineBreaks.hyphen <ocrkit.correct.passes.line_breaks.LineBreaks.hyphen>`), two halves
of such a word get that hyphen back instead: ``shal low`` → ``shal- low``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..fixes import Fix, LineEdit, Reason
from ..lm import normalise
from ..tokens import Token, one_space_apart
from .base import Pass
from .line_breaks import LineBreaks

if TYPE_CHECKING:
    from ..corrector import Corrector

_COMMON = 1e-4  # a word at least this frequent is a common word


class Merges(Pass):
    """On where tuning set ``Params.merge_prob`` (the probability that the engine printed a
    space inside a word). Both printed words must be letters with nothing between them but a
    space, the second no name (``F Allions``), and the word (or a word the error model reads
    it as) must beat the two words, with their bigram, by the margin."""

    name = "merges"

    def prepare(self, corrector: Corrector) -> bool:
        return True  # (switched by Params.merge_prob, which tuning may change after prepare)

    def rewrite(self, line: LineEdit, corrector: Corrector) -> None:
        if corrector.params.merge_prob <= 0:
            return
        merges = find_merges(line.toks, corrector)
        if not merges:
            return
        toks, out = line.toks, line.out
        line.fixes[:] = [f for f in line.fixes if f.token not in merges and f.token - 1 not in merges]
        breaks = corrector.passes.get(LineBreaks.name)
        hyphen = breaks.hyphen if isinstance(breaks, LineBreaks) else None
        for i, (word, prob) in merges.items():
            line.joined.update((i, i + 1))
            a, b = toks[i], toks[i + 1]
            if hyphen and len(word) == len(a.core) + len(b.core) and min(len(a.core), len(b.core)) >= 2:
                # the transcriptions keep a word broken at a line end as it was printed: 'shal- low'
                first = word[: len(a.core)] + hyphen.rstrip(" ")
                out[i], out[i + 1] = a.lead + first, word[len(a.core) :] + b.trail
                line.add(Fix(i, first + " " + word[len(a.core) :], prob, Reason.HYPHENATION))
                continue
            out[i], out[i + 1] = "", a.lead + word + b.trail  # (the first token empties into the second)
            line.add(Fix(i, word, prob, Reason.MERGE))


def find_merges(toks: Sequence[Token], corrector: Corrector) -> dict[int, tuple[str, float]]:
    """Pairs of printed words that are one word split by a stray space ('f or', 'J hn', 'th it'
    for 'that'): ``{index of the first: (word, probability)}``."""
    p, lm, decoder = corrector.params, corrector.model.lm, corrector.decoder
    out: dict[int, tuple[str, float]] = {}
    factor = None
    i = 0
    while i + 1 < len(toks):
        a, b = toks[i], toks[i + 1]
        if (a.kind != "word" or b.kind != "word" or a.trail or b.lead or not a.core.isalpha() or not b.core.isalpha()
                or not one_space_apart(a, b) or (b.core[0].isupper() and not b.core.isupper())):  # ('F Allions' is a name)
            i += 1
            continue
        if factor is None:
            factor = decoder.line_factor(toks, False)
        ka, kb = normalise(a.core), normalise(b.core)
        prev = normalise(toks[i - 1].core) if i and toks[i - 1].kind == "word" and not toks[i - 1].trail else None
        nxt = normalise(toks[i + 2].core) if i + 2 < len(toks) and toks[i + 2].kind == "word" and not b.trail else None
        fa, fb = lm.freq(ka), lm.freq(kb)
        joined = ka + kb
        exact = lm.freq(joined) >= p.known_freq
        space = math.log(min(0.5, p.merge_prob * factor))
        keep = math.log(max(fa, p.unknown_keep)) + math.log(max(fb, p.unknown_keep))
        # a stray space leaves a part no common word ('f or', 'co itinue'): two common words are
        # two words ('at least', 'the we'); a very common first word is one unless the two make
        # a word letter for letter ('to it' is not 'lost'); and a merge that could not win even
        # as the commonest word is not searched for
        common = [f >= (_COMMON if len(k) > 1 else 10 * _COMMON) for f, k in ((fa, ka), (fb, kb))]  # (a letter alone: 'a', not 'f')
        if all(common) or (fa >= 10 * _COMMON and not exact) or space + math.log(0.05) - keep <= p.margin:
            i += 1
            continue
        options = [(joined, 0.0)] if exact else [(c.word, c.logp) for c in corrector.candidates.of(joined, factor, None)]
        best, best_s = _best_merge(options, ka, kb, prev, nxt, corrector)
        merged = best_s + space
        if best is None or merged - keep <= p.margin:
            i += 1
            continue
        # keeping two words is keeping each part, or reading it as the word it likeliest stands for ('tho' as 'the')
        keep = (_part_score(a.core, ka, factor, corrector) + _part_score(b.core, kb, factor, corrector)
                + decoder.context(ka, prev, kb) + decoder.context(kb, None, nxt))
        if merged - keep > p.margin:
            out[i] = (decoder.cased(a.core + b.core, best, False), 1.0 / (1.0 + math.exp(keep - merged)))
            i += 2
        else:
            i += 1
    return out


def _best_merge(options: Iterable[tuple[str, float]], ka: str, kb: str, prev: str | None, nxt: str | None,
                corrector: Corrector) -> tuple[str | None, float]:
    """The likeliest of the words two printed words may be together, with its score (a word
    longer than either part, known at least as well as a plain word: not 'examine P' -> 'examine')."""
    best, best_s = None, -math.inf
    for word, lp in options:
        f = corrector.model.lm.freq(word)
        if f >= corrector.params.known_freq and len(word) > max(len(ka), len(kb)):
            sc = lp + math.log(f) + corrector.decoder.context(word, prev, nxt)
            if sc > best_s:
                best, best_s = word, sc
    return best, best_s


def _part_score(core: str, key: str, factor: float, corrector: Corrector) -> float:
    """log P of the likeliest reading of a printed word on its own: itself, at its frequency
    (the unknown-word floor if no list knows it), or a word it may have been misread for."""
    freq = corrector.model.lm.freq
    best = math.log(max(freq(key), corrector.params.unknown_keep))
    for c in corrector.candidates.of(core, factor, None):
        f = freq(c.word)
        if f > 0:
            best = max(best, c.logp + math.log(f))
    return best


PASS = Merges
