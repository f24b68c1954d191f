"""A misread elided article: ``I'année`` → ``l'année``, ``1'opération`` → ``l'opération``.

French, Italian and Catalan elide their article ``le``/``la``/``lo`` to ``l'`` before a vowel;
no word of theirs is ``I`` or ``1``, so an ``I'``, ``1'`` or ``|'`` before a word is the article
with its ``l`` misread (the look-alikes engines confuse most). Capitalised where a sentence starts.
The pass learns nothing: it is on for every model of those languages alone (in English, ``I'm``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..fixes import Fix, LineEdit, Reason
from .base import Pass

if TYPE_CHECKING:
    from ..corrector import Corrector

#: the languages (wordfreq codes) whose elided article is l'
ELIDING = frozenset({"fr", "it", "ca"})
#: what an engine prints for the article's l
_MISREAD_L = frozenset("I1|")
#: P(an I', 1' or |' before a word is the article misread) in those languages
_ARTICLE = 0.95


class Elisions(Pass):
    """Rewrite a misread elided article to ``l'`` (see the module docstring)."""

    name = "elisions"

    def prepare(self, corrector: Corrector) -> bool:
        langs = corrector.model.lm.langs
        return bool(langs) and all(code in ELIDING for code in langs)

    def rewrite(self, line: LineEdit, corrector: Corrector) -> None:
        for i, t in enumerate(line.toks):
            lead = t.lead
            if len(lead) < 2 or lead[-1] not in "'’" or lead[-2] not in _MISREAD_L or lead[-3:-2].isalnum() \
                    or i in line.joined or not line.out[i].startswith(lead):
                continue
            new = lead[:-2] + ("L" if line.starts_sentence(i) else "l") + lead[-1]
            line.out[i] = new + line.out[i][len(lead):]
            line.add(Fix(i, new, _ARTICLE, Reason.ELISION))


PASS = Elisions
