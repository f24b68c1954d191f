"""Stray marks the transcriptions drop: a mark alone at a line's edge (``I`` for a column rule,
a speck read as ``.``), or a letter alone inside a line (``the r house``)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

from ..fixes import Fix, LineEdit, Reason
from .base import Pass, counter

if TYPE_CHECKING:
    from ..corrector import Corrector

#: what a mark alone at a line's edge is made of (see stray_key)
STRAY_MARKS = frozenset("Iil|.,;:'\"!_-*^~`•■‘’“”")
#: marks that typesetting may part from their word by a space ('Oui :', 'him ;')
SPACED_MARKS = frozenset(";:!?")


class StrayMarks(Pass):
    """Counts whether the transcription keeps or drops a mark that stands alone at the start or
    end of a line (dropped: its first or last word is then the engine's next one, give or take
    a misread letter, and ends there as that one does; where it is neither, the pair teaches
    nothing), and a letter alone inside a line (kept where the words around it align with the
    transcription's, dropped where only it is missing there).

    A mark is dropped where it was dropped at least ``MIN_COUNT`` times and in ``SHARE`` of the
    sightings, counted for this mark next to such a neighbour, or, where that was seen fewer
    than ``MIN_COUNT`` times, for this mark next to any neighbour, then for all marks of its
    kind next to such a neighbour, then next to any (:func:`backoff`); a letter (which may be a
    word, 'I') needs two sightings more. A letter alone inside a line needs ``4 * MIN_COUNT``
    sightings dropped, of its own."""

    name = "stray_marks"
    MIN_COUNT, SHARE = 3, 0.8

    def __init__(self) -> None:
        self.counts = counter(None)  # stray_key(...) + '\tkept' or '\tdropped'
        self._table: Counter[str] | None = None

    def learn(self, ocr: str, gt: str) -> None:
        words, written = ocr.split(), gt.split()
        if len(words) < 2 or not written:
            return
        self._table = None
        if any(len(w) == 1 and w.isalpha() for w in words[1:-1]):  # a letter alone inside the line ('the r house')
            for op in Levenshtein.opcodes(words, written):
                if op.tag in ("equal", "delete"):
                    for i in range(max(1, op.src_start), min(len(words) - 1, op.src_end)):
                        if len(words[i]) == 1 and words[i].isalpha():
                            self.counts[f"mid\t{words[i]}\t\t" + ("kept" if op.tag == "equal" else "dropped")] += 1
        for side, mark, neighbour, edge in (("start", words[0], words[1], written[0]), ("end", words[-1], words[-2], written[-1])):
            key = stray_key(side, mark, neighbour)
            if key is None:
                continue
            if edge == mark:
                self.counts[key + "\tkept"] += 1
                continue
            outer = edge[0] if side == "start" else edge[-1]  # (the side the mark stood on: not '-Vous' for '- Vous')
            if (outer.isalnum() or outer == (neighbour[0] if side == "start" else neighbour[-1])) and (
                    Levenshtein.normalized_similarity(edge, neighbour) > 0.6):
                self.counts[key + "\tdropped"] += 1

    def drops(self, side: str, mark: str, neighbour: str) -> bool:
        """Whether the transcriptions drop ``mark`` alone at the ``side`` ('start', 'end' or
        'mid') of a line, next to ``neighbour`` (unused for 'mid')."""
        key = stray_key(side, mark, neighbour)
        if key is None:
            return False
        min_count, share = self.MIN_COUNT, self.SHARE
        if side == "mid":
            kept, dropped = self._seen(key)
            return dropped >= 4 * min_count and dropped >= share * (kept + dropped)
        if any(c.isalpha() for c in mark):
            min_count += 2
        for k in backoff(key):
            kept, dropped = self._seen(k)
            if kept + dropped >= min_count:
                return dropped >= min_count and dropped >= share * (kept + dropped)
        return False

    def _seen(self, key: str) -> tuple[int, int]:
        """The times a key, or one of the wider keys of :func:`backoff` (counts summed), was
        kept and dropped."""
        if self._table is None:
            table: Counter[str] = Counter()
            for k, n in self.counts.items():
                place, seen = k.rsplit("\t", 1)
                for b in (place,) if place.startswith("mid\t") else backoff(place):
                    table[b + "\t" + seen] += n
            self._table = table
        return self._table[key + "\tkept"], self._table[key + "\tdropped"]

    def prepare(self, corrector: Corrector) -> bool:
        self._table = None
        return corrector.traits.trained and any(k.endswith("\tdropped") for k in self.counts)

    def rewrite(self, line: LineEdit, corrector: Corrector) -> None:
        toks, out = line.toks, line.out
        if len(toks) < 2:
            return
        strays = [(0, 1, "start"), (len(toks) - 1, len(toks) - 2, "end")]
        strays += [(i, i - 1, "mid") for i in range(1, len(toks) - 1) if len(toks[i].text) == 1 and toks[i].text.isalpha()]
        for i, near, side in strays:
            if line.untouched(i) and out[near] and self.drops(side, toks[i].text, toks[near].text):
                out[i] = ""
                line.drop_fixes(i)
                line.add(Fix(i, "", 1.0, Reason.STRAY))

    def to_dict(self) -> dict:
        return dict(self.counts)

    def load(self, counts: dict) -> None:
        self.counts = counter(counts)
        self._table = None


def stray_key(side: str, mark: str, neighbour: str) -> str | None:
    """``'side<TAB>mark<TAB>neighbour'`` for a mark (one or two of STRAY_MARKS) alone at the ``side``
    ('start' or 'end') of a line, the neighbour described by what matters there: at the end,
    whether the word before ends in punctuation (``p``) or not (``w``); at the start, whether
    the word after starts with a capital (``C``), a small letter (``l``) or neither (``o``); a
    single letter alone inside a line (``side`` 'mid') is keyed by itself. None for anything else."""
    if side == "mid":
        return f"mid\t{mark}\t" if len(mark) == 1 and mark.isalpha() else None
    if not 1 <= len(mark) <= 2 or not all(c in STRAY_MARKS for c in mark):
        return None
    if side == "end":
        near = "p" if neighbour[-1:] in ".,;:-!?)" else "w"
    else:
        first = neighbour[:1]
        near = "C" if first.isupper() else "l" if first.islower() else "o"
    return f"{side}\t{mark}\t{near}"


def backoff(key: str) -> tuple[str, str, str, str]:
    """A stray mark's key and the wider ones its counts back off to: the same mark next to any
    neighbour, all the marks of its kind next to such a neighbour, then next to any. The kinds:
    letters; at a line's end, the marks typesetting may part from their word by a space
    (``him ;``, ``Oui :``, which transcriptions that keep such spacing keep); other marks
    (specks: ``.``, ``|``, ``'``)."""
    side, mark, near = key.split("\t")
    spaced = side == "end" and all(c in SPACED_MARKS for c in mark)
    kind = "*a" if any(c.isalnum() for c in mark) else "*:" if spaced else "*."
    return key, f"{side}\t{mark}\t*", f"{side}\t{kind}\t{near}", f"{side}\t{kind}\t*"


PASS = StrayMarks
