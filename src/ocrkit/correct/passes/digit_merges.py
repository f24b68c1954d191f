"""Words a line printed with digits for letters lost to a space: ``t@ @rt`` → ``taart``.

Tesseract often breaks such a word where a symbol or a digit stands (``pl @tform``, ``bout 1que``,
``Th 1s``, ``hon Ing``). On a line that prints digits for letters throughout, two neighbouring
tokens become one word where that word, read with the digit-line error model, beats the two as
the decoder read them by the margin, counting the space as a misreading (:data:`SPACE`). The pass
learns nothing: it is on for every model.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..decoder import restore_case
from ..fixes import Fix, LineEdit, Reason
from ..lm import normalise
from ..tokens import Token, one_space_apart
from .base import Pass

if TYPE_CHECKING:
    from ..corrector import Corrector

#: P(the engine broke a word with a space) on a line printed with digits for letters
SPACE = 0.1
#: a joined word must be at least this common (a rare word two tokens happen to spell is no
#: word); where the break stands at a digit or symbol and each character is read for one
#: letter ('rep @ired' for 'repaired'), at least a known word's
_COMMON, _AT_SYMBOL = 1e-5, 1e-6
_KINDS = frozenset({"word", "code", "number", "digit"})


class DigitMerges(Pass):
    """Join the two tokens of a word broken at a digit or symbol (see the module docstring)."""

    name = "digit_merges"

    def prepare(self, corrector: Corrector) -> bool:
        return True

    def rewrite(self, line: LineEdit, corrector: Corrector) -> None:
        toks = line.toks
        if not line.digits_throughout:  # (found by the word decoder, which read the line first)
            return
        lm, p = corrector.model.lm, corrector.params
        i = 0
        while i + 1 < len(toks):
            a, b = toks[i], toks[i + 1]
            if {i, i + 1} & line.joined or not _apart(a, b) or any(_now(line, j).isdigit() for j in (i, i + 1)):
                i += 1
                continue
            joined = a.core + b.core
            at_symbol = not (a.core[-1:].isalpha() and b.core[:1].isalpha())
            best, best_s = None, -math.inf
            for c in corrector.decoder.digit_candidates.of(joined, p.digit_line_factor, None):
                f = lm.freq(c.word)
                least = _AT_SYMBOL if at_symbol and len(c.word) == len(joined) else _COMMON
                if f >= least and len(c.word) > max(len(a.core), len(b.core)) and c.logp + math.log(f) > best_s:
                    best, best_s = c.word, c.logp + math.log(f)
            if best is None and lm.freq(key := normalise(joined)) >= (_AT_SYMBOL if at_symbol else _COMMON):
                best, best_s = key, math.log(lm.freq(key))
            split = sum(math.log(max(lm.freq(normalise(_now(line, j))), p.unknown_keep)) for j in (i, i + 1))
            merged = best_s + math.log(SPACE)
            if best is None or merged - split <= p.margin:
                i += 1
                continue
            start = line.starts_sentence(i)
            word = restore_case(joined, best, start)
            line.fixes[:] = [f for f in line.fixes if f.token not in (i, i + 1)]
            line.joined.update((i, i + 1))
            line.out[i], line.out[i + 1] = "", a.lead + word + b.trail  # (the first token empties into the second)
            line.add(Fix(i, word, 1.0 / (1.0 + math.exp(split - merged)), Reason.MERGE))
            i += 2


def _apart(a: Token, b: Token) -> bool:
    """Two tokens that may be one word split by a space: letters or digits, one space apart,
    nothing stuck between them (and neither left a number by the decoder: 'is 15' is no 'isis')."""
    return a.kind in _KINDS and b.kind in _KINDS and not a.trail and not b.lead and one_space_apart(a, b)


def _now(line: LineEdit, i: int) -> str:
    """Token ``i``'s core as the decoder left it."""
    t, out = line.toks[i], line.out[i]
    return out[len(t.lead): len(out) - len(t.trail)] if out.startswith(t.lead) and out.endswith(t.trail) else t.core


PASS = DigitMerges
