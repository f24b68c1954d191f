"""Words broken at a former line end, written as the transcriptions write them.

The engine prints such a word as ``con- tract`` (the hyphen kept) or ``shal low`` (the hyphen
lost). Transcriptions either join the halves (``contract``) or keep the break with its hyphen
(``shal- low``, ICDAR 2019's habit), some with a non-breaking ``‑``. This pass rewrites a printed
break hyphen and joins printed halves; the :mod:`merges <ocrkit.correct.passes.merges>` pass asks
it for the hyphen to write back where the engine lost it (:attr:`LineBreaks.hyphen`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..fixes import Fix, LineEdit, Reason
from ..lm import normalise
from ..tokens import BREAK_HYPHENS, one_space_apart
from .base import Pass, counter

if TYPE_CHECKING:
    from ..corrector import Corrector

_JOINED_FREQ = 1e-7  # a broken word is joined where the whole is at least this frequent (not 'twentyfive')


class LineBreaks(Pass):
    """Counts what the transcription writes where the engine printed two halves of one word,
    with or without the hyphen of a former line end: the word joined (``''``), a compound's
    hyphen (``'-'``), or the break's hyphen kept with the space after it (``'- '``, ``'‑ '``)."""

    name = "line_breaks"
    MIN_COUNT = 5

    def __init__(self) -> None:
        self.counts = counter(None)
        #: the hyphen (with its space) to write back between the halves of a broken word, or None
        self.hyphen: str | None = None
        self._rewrites: dict[str, str] = {}
        self._joins = False

    def learn(self, ocr: str, gt: str) -> None:
        words = ocr.split()
        for a, b in zip(words, words[1:]):
            if a[-1:] in BREAK_HYPHENS:
                a = a[:-1]
            if len(a) >= 2 and len(b) >= 2 and a.isalpha() and b.isalpha():
                m = re.search(r"(?<!\w)" + re.escape(a) + r"([-‑¬]?)( ?)" + re.escape(b) + r"(?!\w)", gt)
                if m and m.group(1) + m.group(2) != " ":  # (two words in the transcription too: no lesson)
                    self.counts[m.group(1) + m.group(2)] += 1

    def kept_hyphen(self, share: float = 0.5, agree: float = 0.8) -> str | None:
        """The hyphen (with its space) the transcriptions keep at broken words, if they keep
        such breaks at least ``MIN_COUNT`` times and in more than ``share`` of them; None where
        they join the halves. The hyphen written in ``agree`` of the kept breaks, else the plain
        ``-`` (one document writes ``-``, another ``‑``: a transcriber's habit, not the print's)."""
        kept = self._kept()
        total = sum(kept.values())
        if total < self.MIN_COUNT or total <= share * sum(self.counts.values()):
            return None
        mark, n = max(kept.items(), key=lambda kv: kv[1])
        return mark if n >= agree * total else "- "

    def joins(self, share: float = 0.5) -> bool:
        """Whether the transcriptions join the halves most of the time."""
        joined = self.counts[""]
        return joined >= self.MIN_COUNT and joined > share * sum(self.counts.values())

    def rewrite_for(self, printed: str, share: float = 0.8) -> str | None:
        """The hyphen the transcriptions write for a break hyphen printed as ``printed``, where
        that is another one in ``share`` of the breaks they keep; else None."""
        mark = self.kept_hyphen()
        if mark and mark[0] != printed and self.counts[mark] >= share * sum(self._kept().values()):
            return mark[0]
        return None

    def _kept(self) -> dict[str, int]:
        return {m: n for m, n in self.counts.items() if m.endswith(" ")}

    def prepare(self, corrector: Corrector) -> bool:
        trained = corrector.traits.trained
        self.hyphen = self.kept_hyphen() if trained else None
        self._rewrites = {h: w for h in BREAK_HYPHENS if (w := self.rewrite_for(h))} if trained else {}
        self._joins = trained and self.joins()
        return bool(self._rewrites) or self._joins

    def rewrite(self, line: LineEdit, corrector: Corrector) -> None:
        toks, out, freq = line.toks, line.out, corrector.model.lm.freq
        for i in range(len(toks) - 1):
            t, nxt = toks[i], toks[i + 1]
            if not (t.kind == "word" and out[i] == t.text and len(t.trail) == 1 and t.trail in BREAK_HYPHENS
                    and len(t.core) >= 2 and t.core.isalpha() and one_space_apart(t, nxt) and nxt.text[:1].isalpha()):
                continue
            if t.trail in self._rewrites:  # 'conjon- ction' where the transcriptions write 'conjon‑ ction'
                out[i] = t.lead + t.core + self._rewrites[t.trail]
                line.add(Fix(i, out[i], 1.0, Reason.TYPOGRAPHY))
            elif (self._joins and out[i + 1] == nxt.text and nxt.kind == "word" and nxt.core[:1].islower()
                  and nxt.core.isalpha() and len(nxt.core) >= 2 and freq(normalise(t.core + nxt.core)) >= _JOINED_FREQ):
                out[i], out[i + 1] = "", t.lead + t.core + nxt.core + nxt.trail  # 'con- tract' -> 'contract'
                line.drop_fixes(i, i + 1)
                line.add(Fix(i, t.core + nxt.core, 1.0, Reason.HYPHENATION))

    def to_dict(self) -> dict:
        return dict(self.counts)

    def load(self, counts: dict) -> None:
        self.counts = counter(counts)


PASS = LineBreaks
