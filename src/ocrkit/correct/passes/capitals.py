"""Words in capitals that corrected samples showed to be misread: ``OTE`` → ``QTE`` on receipts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..fixes import Fix, LineEdit, Reason
from ..lm import normalise
from .base import Pass

if TYPE_CHECKING:
    from ..corrector import Corrector


class Capitals(Pass):
    """A word printed in capitals is left alone as a name or code, unless the word memory saw it
    stand for another word at least ``MIN_CHANGED`` times and in ``SHARE`` of its sightings (a
    capitalised word has no word statistics to weigh it against: only that evidence counts).
    The counts are the word memory's."""

    name = "capitals"
    MIN_CHANGED, SHARE = 3, 0.75

    def rewrite(self, line: LineEdit, corrector: Corrector) -> None:
        memory = corrector.model.memory
        for i, t in enumerate(line.toks):
            if t.kind != "acronym" or not line.untouched(i):
                continue
            learned = memory.posterior(normalise(t.core), min_changed=self.MIN_CHANGED)
            if learned is None or learned[1] < self.SHARE or not learned[0].isalpha():
                continue
            word = learned[0].upper()
            line.out[i] = t.lead + word + t.trail
            line.add(Fix(i, word, learned[1], Reason.LEARNED_WORD))


PASS = Capitals
