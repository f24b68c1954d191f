"""The error model (the "channel"): how likely an OCR engine prints ``ocr`` where ``gt`` stood.

It is a table of character-sequence confusions, ``gt`` (0–2 characters) → ``ocr`` (0–2
characters), with counts. It starts from a small prior of well-known OCR confusions (visual
look-alikes such as ``rn``/``m``, ``1``/``l``/``i``, ``0``/``o``, ``@``/``a``, ``é``/``e``) and is
learned from aligned (ocr, ground truth) pairs by :meth:`ChannelModel.fit` / :meth:`update`.

Probabilities are ``P(ocr | gt) = count(gt→ocr) / count(gt)`` with ``count(gt)`` the number of
times ``gt`` was seen in ground truth, smoothed. Edits that the table does not know get a small
generic probability.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import Iterable

from rapidfuzz.distance import Levenshtein

# (gt, ocr, pseudo-count per 1000 occurrences of gt). Visual confusions seen in OCR output of
# print, plus the leet-like symbol substitutions that garbled OCR and user typing share.
_PRIOR: tuple[tuple[str, str, float], ...] = (
    ("i", "1", 30), ("l", "1", 40), ("I", "1", 40), ("i", "l", 20), ("l", "i", 10), ("I", "l", 40),
    ("l", "I", 40), ("i", "!", 5), ("l", "|", 10), ("I", "|", 20), ("i", "j", 3), ("t", "f", 3),
    ("o", "0", 30), ("O", "0", 40), ("o", "O", 5), ("e", "c", 8), ("c", "e", 8), ("e", "o", 5),
    ("a", "@", 30), ("a", "4", 3), ("A", "4", 3), ("s", "5", 15), ("S", "5", 20), ("s", "$", 10),
    ("S", "$", 10), ("B", "8", 10), ("b", "6", 6), ("G", "6", 6), ("g", "9", 8), ("q", "9", 4),
    ("z", "2", 4), ("Z", "2", 6), ("T", "7", 6), ("e", "3", 6), ("E", "3", 6), ("t", "+", 3),
    ("m", "rn", 20), ("rn", "m", 12), ("m", "nn", 6), ("w", "vv", 10), ("d", "cl", 8), ("u", "ii", 6),
    ("h", "li", 6), ("n", "ri", 6), ("u", "n", 5), ("n", "u", 5), ("h", "b", 4), ("f", "t", 3),
    ("y", "v", 3), ("fi", "fl", 3), ("ü", "ii", 60), ("ü", "u", 100), ("ö", "o", 100), ("ä", "a", 100),
    ("é", "e", 100), ("è", "e", 60), ("ê", "e", 40), ("à", "a", 40), ("ç", "c", 40), ("ë", "e", 30),
    ("ï", "i", 30), ("î", "i", 30), ("ô", "o", 30), ("û", "u", 30), ("ù", "u", 20), ("â", "a", 30),
    ("ß", "B", 15), ("ß", "fs", 8), ("ß", "ss", 60),
    ("s", "f", 3), ("f", "s", 2), ("c", "o", 3), ("a", "o", 3), ("o", "a", 3), ("n", "h", 3),
)
_PRIOR_WEIGHT = 100.0  # the prior counts as this many observed occurrences of each character
#: probability of an edit the table does not know (per edit)
GENERIC_EDIT = 2e-5
#: ocr-side sequences considered when generating candidates
MAX_SEQ = 2


class ChannelModel:
    """Character-confusion counts and the probabilities derived from them."""

    def __init__(self) -> None:
        self.confusions: Counter[tuple[str, str]] = Counter()  # (gt, ocr) -> count
        self.gt_counts: Counter[str] = Counter()  # gt sequence -> times seen
        self.error_rate = 0.02  # character error rate of the data the model was fitted on
        self.learned: Counter[tuple[str, str]] = Counter()  # confusions seen in training data
        self.learned_chars = 0
        self.singletons = 0
        self.rate_scale = 1.0  # multiplies learned probabilities (see as_default)
        self.marks: Counter[str] = Counter()  # punctuation characters seen in training OCR
        self.amount_marks: Counter[str] = Counter()  # 'ocr mark|gt mark' after an amount ('1.86(' / '1.86€')
        self.word_marks: Counter[str] = Counter()  # 'ocr mark|gt mark' between two letters ('l’homme' / "l'homme")
        self.break_marks: Counter[str] = Counter()  # a word printed in two halves ('shal low'): what the transcription writes between them
        self.dash_spacing = [0, 0]  # a dash, a space, a word in training OCR: ground truth joins them, keeps the space
        self.long_dashes: Counter[str] = Counter()  # a long dash (— or –) in training OCR + '\tkept' or '\tdropped': ground truth keeps a dash there, drops it
        self.stray_marks: Counter[str] = Counter()  # stray_key(...) + '\tkept' or '\tdropped': a mark alone at a line's edge ('I' for a column rule), a letter alone inside it
        self._index: dict[str, list[tuple[str, float]]] | None = None
        for gt, ocr, per_mille in _PRIOR:
            self.confusions[(gt, ocr)] += per_mille * _PRIOR_WEIGHT / 1000.0
        for gt in {g for g, _, _ in _PRIOR}:
            self.gt_counts[gt] += _PRIOR_WEIGHT

    # --- learning -------------------------------------------------------------------------
    def update(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Add the confusions of aligned ``(ocr, gt)`` string pairs to the counts."""
        chars = errors = 0
        for ocr, gt in pairs:
            if not gt:
                continue
            for g, o in align_edits(ocr, gt):
                if g and o:  # bare insertions/deletions have no context to learn from
                    self.confusions[(g, o)] += 1
                    self.learned[(g, o)] += 1
            errors += Levenshtein.distance(ocr, gt)
            chars += len(gt)
            self.marks.update(c for c in ocr if not c.isalnum() and not c.isspace())
            self._learn_amount_marks(ocr, gt)
            self._learn_word_marks(ocr, gt)
            self._learn_break_marks(ocr, gt)
            self._learn_stray_marks(ocr, gt)
            self._learn_long_dashes(ocr, gt)
            for m in _DASH_WORD.finditer(ocr):  # '- Vous': does the transcription write '-Vous'?
                dash, word = m.groups()
                if re.search(r"(?:^|\s)" + re.escape(dash + word) + r"\b", gt):
                    self.dash_spacing[0] += 1
                elif dash + " " + word in gt:
                    self.dash_spacing[1] += 1
            # how often each gt sequence occurs: the denominator of P(ocr | gt)
            for i in range(len(gt)):
                self.gt_counts[gt[i]] += 1
                if i + 1 < len(gt):
                    self.gt_counts[gt[i : i + 2]] += 1
        self.learned_chars += chars
        self.singletons = sum(1 for c in self.learned.values() if c == 1)
        if chars:
            observed = errors / chars
            self.error_rate = 0.5 * self.error_rate + 0.5 * observed if self._fitted else observed
            self._fitted = True
        self._index = self._stray_table = None

    _fitted = False

    def as_default(self, typical_rate: float = 0.02) -> "ChannelModel":
        """Rescale a model learned on heavily degraded (synthetic) text to a typical error rate,
        with the small built-in probability for unseen edits: what an untrained corrector needs
        to stay careful."""
        if self.error_rate > typical_rate:
            self.rate_scale = typical_rate / self.error_rate
        self.singletons = self.learned_chars = 0
        self._index = None
        return self

    # --- querying -------------------------------------------------------------------------
    def prob(self, gt: str, ocr: str) -> float:
        """``P(ocr | gt)`` for one edit (gt ≠ ocr)."""
        c = self.confusions.get((gt, ocr), 0.0) if gt and ocr else 0.0
        if c <= 0:
            return self.generic
        return max(self.generic, self.rate_scale * c / (self.gt_counts.get(gt, 0.0) + 1.0))

    @property
    def generic(self) -> float:
        """Probability of one particular edit never seen in training: the Good-Turing mass of
        unseen confusions (confusion types seen once per character of ground truth), shared among
        ~30 possible edits at a position; ``GENERIC_EDIT`` before training."""
        if self.learned_chars < 1000:
            return GENERIC_EDIT
        return max(GENERIC_EDIT, self.singletons / self.learned_chars / 30.0)

    def reverse_index(self) -> dict[str, list[tuple[str, float]]]:
        """ocr sequence → [(gt sequence, P(ocr|gt))], strongest first (for candidate generation)."""
        if self._index is None:
            idx: dict[str, list[tuple[str, float]]] = defaultdict(list)
            ranked: dict[str, list[tuple[float, str, float]]] = defaultdict(list)
            for (gt, ocr), c in self.confusions.items():
                if gt == ocr or not ocr or len(ocr) > MAX_SEQ:
                    continue
                p = self.prob(gt, ocr)
                if p > self.generic * 2:
                    ranked[ocr].append((c, gt, p))
            for k, items in ranked.items():  # the sources this sequence most often came from
                items.sort(key=lambda t: -t[0])
                idx[k] = [(gt, p) for _, gt, p in items[:12]]
            self._index = dict(idx)
        return self._index

    def _learn_amount_marks(self, ocr: str, gt: str) -> None:
        """Count what the transcription writes after an amount where the engine printed a mark
        against it (``1.86(``) or as a word of its own (``1.86 (``, key with a leading space)."""
        words = ocr.split()
        for m in filter(None, map(AMOUNT_MARK.fullmatch, words)):
            amount, mark = m.groups()
            after = re.search(r"(?<![\d.,])" + re.escape(amount) + r"(\S?)", gt)
            if after:
                self.amount_marks[mark + "|" + after.group(1)] += 1
        for amount, mark in zip(words, words[1:]):
            if len(mark) == 1 and not mark.isdigit() and AMOUNT.fullmatch(amount):
                after = re.search(r"(?<![\d.,])" + re.escape(amount) + r"\s?(\S?)", gt)
                if after:
                    self.amount_marks[" " + mark + "|" + after.group(1)] += 1

    def _learn_break_marks(self, ocr: str, gt: str) -> None:
        """Count what the transcription writes where the engine printed two halves of one word,
        with or without the hyphen of a former line end (``shal- low``, ``shal low``): the word
        joined (``''``), a compound's hyphen (``'-'``), or the hyphen of the line break, kept with
        the space after it (``'- '``, ``'‑ '``)."""
        words = ocr.split()
        for a, b in zip(words, words[1:]):
            if a[-1:] in BREAK_HYPHENS:
                a = a[:-1]
            if len(a) >= 2 and len(b) >= 2 and a.isalpha() and b.isalpha():
                m = re.search(r"(?<!\w)" + re.escape(a) + r"([-‑¬]?)( ?)" + re.escape(b) + r"(?!\w)", gt)
                if m and m.group(1) + m.group(2) != " ":  # (two words in the transcription too: no lesson)
                    self.break_marks[m.group(1) + m.group(2)] += 1

    def _learn_stray_marks(self, ocr: str, gt: str) -> None:
        """Count whether the transcription keeps a mark that stands alone at the start or end of
        a line (``I``, ``|``, ``.``, ``'``: often a column rule or a speck the engine read) or
        drops it (its first or last word is then the engine's next one, give or take a misread
        letter, and ends there as that one does: not '-Vous' for '- Vous'; where it is neither,
        the pair teaches nothing); and a letter alone inside a line (``the r house``: a speck),
        kept where the words around it align with the transcription's, dropped where only it
        is missing there."""
        words, written = ocr.split(), gt.split()
        if len(words) < 2 or not written:
            return
        if any(len(w) == 1 and w.isalpha() for w in words[1:-1]):  # a letter alone inside the line ('the r house')
            for op in Levenshtein.opcodes(words, written):
                if op.tag in ("equal", "delete"):
                    for i in range(max(1, op.src_start), min(len(words) - 1, op.src_end)):
                        if len(words[i]) == 1 and words[i].isalpha():
                            self.stray_marks[f"mid\t{words[i]}\t\t" + ("kept" if op.tag == "equal" else "dropped")] += 1
        for side, mark, neighbour, edge in (("start", words[0], words[1], written[0]), ("end", words[-1], words[-2], written[-1])):
            key = stray_key(side, mark, neighbour)
            if key is None:
                continue
            if edge == mark:
                self.stray_marks[key + "\tkept"] += 1
                continue
            outer = edge[0] if side == "start" else edge[-1]  # (the side the mark stood on: not '-Vous' for '- Vous')
            if (outer.isalnum() or outer == (neighbour[0] if side == "start" else neighbour[-1])) and (
                    Levenshtein.normalized_similarity(edge, neighbour) > 0.6):
                self.stray_marks[key + "\tdropped"] += 1

    def _learn_long_dashes(self, ocr: str, gt: str) -> None:
        """Count, for each long dash (``—``, ``–``) the engine printed, whether the transcription
        keeps a dash of any length there or drops it (nothing or a space where it stood:
        ``inn—unless`` written ``inn unless``); a dash aligned with anything else teaches nothing."""
        if not any(c in LONG_DASHES for c in ocr):
            return
        for op in Levenshtein.opcodes(ocr, gt):
            printed = [c for c in ocr[op.src_start:op.src_end] if c in LONG_DASHES]
            if not printed:
                continue
            written = gt[op.dest_start:op.dest_end]
            if op.tag == "equal" or any(c in DASHES for c in written):
                self.long_dashes.update(c + "\tkept" for c in printed)
            elif not written.strip():
                self.long_dashes.update(c + "\tdropped" for c in printed)

    def dropped_dashes(self, min_count: int = 5, share: float = 0.8) -> str:
        """The long dashes (``—``, ``–``, each on its own evidence) that the transcriptions drop
        where the engine printed them, writing a space or nothing there, at least ``min_count``
        times and in ``share`` of the sightings (some transcriptions leave em dashes out
        altogether, yet may keep the en dash of a range, ``1850–60``)."""
        out = ""
        for dash in LONG_DASHES:
            kept, dropped = self.long_dashes[dash + "\tkept"], self.long_dashes[dash + "\tdropped"]
            if dropped >= min_count and dropped >= share * (kept + dropped):
                out += dash
        return out

    def drops_stray(self, side: str, mark: str, neighbour: str, min_count: int = 3, share: float = 0.8) -> bool:
        """Whether the transcriptions drop ``mark`` standing alone at the ``side`` ('start' or
        'end') of a line, next to ``neighbour``: at least ``min_count`` times and in ``share`` of
        the sightings that showed either, counted for this mark next to such a neighbour, or,
        where that was seen fewer than ``min_count`` times, for this mark next to any
        neighbour, then for all marks of its kind (letters, spaced punctuation at a line's end,
        or specks: :func:`_stray_backoff`) next to such a neighbour,
        then next to any; a letter (which may be a word, 'I') needs two sightings more. A
        letter alone inside a line (``side`` 'mid', ``neighbour`` unused) needs
        ``4 * min_count`` sightings dropped, of its own."""
        key = stray_key(side, mark, neighbour)
        if key is None:
            return False
        if side == "mid":  # a letter alone inside a line: its own sightings only, at least 12 dropped
            kept, dropped = self._stray_counts(key)
            return dropped >= 4 * min_count and dropped >= share * (kept + dropped)
        letter = any(c.isalpha() for c in mark)
        if letter:
            min_count += 2
        for k in _stray_backoff(key):
            kept, dropped = self._stray_counts(k)
            if kept + dropped >= min_count:
                return dropped >= min_count and dropped >= share * (kept + dropped)
        return False

    def _stray_counts(self, key: str) -> tuple[int, int]:
        """The times a stray mark's key, or one of the wider keys of :func:`_stray_backoff`
        (their counts summed), was kept and dropped."""
        if self._stray_table is None:
            table: Counter[str] = Counter()
            for k, n in self.stray_marks.items():
                place, seen = k.rsplit("\t", 1)
                for b in (place,) if place.startswith("mid\t") else _stray_backoff(place):
                    table[b + "\t" + seen] += n
            self._stray_table = table
        return self._stray_table[key + "\tkept"], self._stray_table[key + "\tdropped"]

    _stray_table: Counter[str] | None = None

    def break_hyphen(self, min_count: int = 5, share: float = 0.5, agree: float = 0.8) -> str | None:
        """The hyphen (with its space) the transcriptions keep where the engine printed a word
        broken at a former line end as two words (``shal low`` for ``shal- low``), if they keep
        such breaks most of the time (at least ``min_count`` times and in more than ``share`` of
        them); ``None`` where they join the halves (``shallow``). The hyphen is the one written
        in ``agree`` of the kept breaks; where the transcriptions disagree (one document writes
        ``-``, another a non-breaking ``‑``: a transcriber's habit, not the print's), the plain
        ``-``."""
        kept = self._kept_breaks()
        total = sum(kept.values())
        if total < min_count or total <= share * sum(self.break_marks.values()):
            return None
        mark, n = max(kept.items(), key=lambda kv: kv[1])
        return mark if n >= agree * total else "- "

    def joins_breaks(self, min_count: int = 5, share: float = 0.5) -> bool:
        """Whether the transcriptions join the halves of a word broken at a former line end
        (``con- tract`` or ``con tract`` written ``contract``) most of the time."""
        joined = self.break_marks[""]
        return joined >= min_count and joined > share * sum(self.break_marks.values())

    def break_hyphen_for(self, printed: str, share: float = 0.8) -> str | None:
        """The hyphen the transcriptions write for a line-break hyphen the engine printed as
        ``printed`` (``conjon- ction``), where that is another one in ``share`` of the breaks they
        keep (``'‑'`` where they write non-breaking hyphens); else ``None``."""
        mark = self.break_hyphen()
        if mark and mark[0] != printed and self.break_marks[mark] >= share * sum(self._kept_breaks().values()):
            return mark[0]
        return None

    def _kept_breaks(self) -> dict[str, int]:
        """The hyphens (with their space) the transcriptions keep at former line breaks, and how often."""
        return {m: n for m, n in self.break_marks.items() if m.endswith(" ")}

    def _learn_word_marks(self, ocr: str, gt: str) -> None:
        """Count what the transcription writes for a mark the engine printed between two letters
        (``qu’il``: ``'``, ``’``, nothing, a space), where it has the same letters around it."""
        for m in _WORD_MARK.finditer(ocr):
            left, mark, right = m.groups()
            found = re.search(r"(?<!\w)" + re.escape(left) + r"(\W?)" + re.escape(right) + r"(?!\w)", gt)
            if found:
                self.word_marks[mark + "|" + found.group(1)] += 1

    def word_marks_table(self, min_count: int = 5, share: float = 0.8) -> dict[str, str]:
        """Marks between letters that the transcriptions write as another mark, at least
        ``min_count`` times and in ``share`` of the sightings: ``{'’': "'"}`` where the engine
        prints curly apostrophes and the transcriptions straight ones (the corrector also writes
        it so at the start of an elided word, ``’Tis``). Never a space or nothing (splitting and
        joining words is the word model's business)."""
        return _mark_table(self.word_marks, lambda mark, gt: gt != mark and not gt.isspace(), min_count, share)

    def typography(self, min_count: int = 5, share: float = 0.5) -> dict[str, str]:
        """Punctuation that the training pairs' transcription writes differently from the
        engine, most of the time: ``{ocr mark: ground-truth marks}`` (``’`` → ``'`` where the
        ground truth uses straight apostrophes, ``»`` → ``>>``). Learned only, never a prior."""
        out: dict[str, str] = {}
        for (gt, ocr), c in self.confusions.items():
            if len(ocr) != 1 or ocr not in self.marks or not gt or any(ch.isalnum() or ch.isspace() for ch in gt):
                continue
            if c >= min_count and c > share * self.marks[ocr]:  # (more than half: one at most)
                out[ocr] = gt
        return out

    def amount_marks_table(self, min_count: int = 5, share: float = 0.8) -> dict[str, str]:
        """Marks the engine prints after an amount that the transcriptions write as another one,
        at least ``min_count`` times and in ``share`` of the sightings: ``{'(': '€'}`` where
        receipts' euro signs come out as ``1.86(``; a key with a leading space is a mark
        printed as a word of its own (``{' î': '€'}`` for ``2.15 î``)."""
        return _mark_table(self.amount_marks, lambda mark, gt: gt != mark.lstrip(" ") and not gt.isalnum(), min_count, share)

    def joins_dashes(self, min_count: int = 20, share: float = 0.8) -> bool:
        """Whether the transcriptions write a dash that the engine printed before a space and a
        word against the word (``-Vous`` for ``- Vous``, a French dialogue convention), at least
        ``min_count`` times and in at least ``share`` of the cases seen."""
        joined, kept = self.dash_spacing
        return joined >= min_count and joined >= share * (joined + kept)

    # --- persistence ----------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "error_rate": self.error_rate,
            "fitted": self._fitted,  # (an update averages its error rate with this one's)
            "generic": [self.singletons, self.learned_chars],
            "rate_scale": self.rate_scale,
            "confusions": [[g, o, round(c, 3)] for (g, o), c in self.confusions.most_common() if c > 0],  # (the prior has fractional counts)
            "learned": [[g, o, c] for (g, o), c in self.learned.most_common()],  # (what training saw: an update counts on from it)
            "gt_counts": {k: round(v, 3) for k, v in self.gt_counts.items()},
            "marks": dict(self.marks),
            "dash_spacing": self.dash_spacing,
            "long_dashes": dict(self.long_dashes),
            "amount_marks": dict(self.amount_marks),
            "word_marks": dict(self.word_marks),
            "break_marks": dict(self.break_marks),
            "stray_marks": dict(self.stray_marks),
        }

    @classmethod
    def from_dict(cls, d: dict) -> "ChannelModel":
        m = cls.__new__(cls)
        m.confusions = Counter({(g, o): float(c) for g, o, c in d["confusions"]})
        m.gt_counts = Counter({k: float(v) for k, v in d["gt_counts"].items()})
        m.error_rate = float(d.get("error_rate", 0.02))
        m.singletons, m.learned_chars = (int(v) for v in d.get("generic", (0, 0)))
        m.learned = Counter({(g, o): int(c) for g, o, c in d.get("learned", ())})
        m.rate_scale = float(d.get("rate_scale", 1.0))
        m.marks = Counter(d.get("marks", {}))
        m.dash_spacing = [int(v) for v in d.get("dash_spacing", (0, 0))]
        m.long_dashes = Counter({k: int(v) for k, v in d.get("long_dashes", {}).items()})
        m.amount_marks = Counter({k: int(v) for k, v in d.get("amount_marks", {}).items()})
        m.word_marks = Counter({k: int(v) for k, v in d.get("word_marks", {}).items()})
        m.break_marks = Counter({k: int(v) for k, v in d.get("break_marks", {}).items()})
        m.stray_marks = Counter({k: int(v) for k, v in d.get("stray_marks", {}).items()})
        m._index = None
        m._fitted = bool(d.get("fitted", True))
        return m


def _mark_table(counts: Counter[str], rewrite, min_count: int, share: float) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """``{mark: what the transcriptions write}`` from ``'mark|written'`` counts, where the
    ``rewrite(mark, written)`` is one to make and was seen ``min_count`` times and in ``share``
    of the mark's sightings."""
    seen: Counter[str] = Counter()
    for key, n in counts.items():
        seen[key.split("|", 1)[0]] += n
    out = {}
    for key, n in counts.items():
        mark, gt = key.split("|", 1)
        if gt and rewrite(mark, gt) and n >= min_count and n >= share * seen[mark]:
            out[mark] = gt
    return out


#: a printed token that is an amount with a mark stuck to it ('1.86(', '3.15€'): amount, mark
AMOUNT_MARK = re.compile(r"(\d+[.,]\d\d)([^\d\s.,])")
#: an amount of money as receipts print it ('1.86', '12,50')
AMOUNT = re.compile(r"\d+[.,]\d\d")
DASHES = "-–—"
LONG_DASHES = "–—"
STRAY_MARKS = frozenset("Iil|.,;:'\"!_-*^~`•■‘’“”")  # what a mark alone at a line's edge is made of (see stray_key)
SPACED_MARKS = frozenset(";:!?")  # marks that typesetting may part from their word by a space ('Oui :', 'him ;')
BREAK_HYPHENS = "-¬"  # hyphens an engine prints at a word broken at a line end
#: a mark between two runs of letters, the runs whole words' ends ('qu’il', 'celui-ci')
_WORD_MARK = re.compile(r"(?<!\w)([^\W\d_]+)([^\w\s])(?=([^\W\d_]+)(?!\w))")
_DASH_WORD = re.compile(rf"(?:^|(?<=\s))([{DASHES}]) (\w+)")


def align_edits(ocr: str, gt: str) -> list[tuple[str, str]]:
    """The edits that turn ``gt`` into ``ocr``, as (gt_seq, ocr_seq) pairs, from a Levenshtein
    alignment. Adjacent edits are merged (``m``→``rn``); a pure insertion or deletion is learned
    together with the next character, so that it can be generated from context."""
    blocks: list[list[int]] = []
    for op in Levenshtein.opcodes(gt, ocr):
        if op.tag == "equal":
            continue
        if blocks and blocks[-1][1] == op.src_start and blocks[-1][3] == op.dest_start:
            blocks[-1][1], blocks[-1][3] = op.src_end, op.dest_end
        else:
            blocks.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
    out: list[tuple[str, str]] = []
    for s0, s1, d0, d1 in blocks:
        g, o = gt[s0:s1], ocr[d0:d1]
        if (not g or not o) and s1 < len(gt) and d1 < len(ocr) and gt[s1] == ocr[d1]:
            g, o = g + gt[s1], o + ocr[d1]
        if len(g) <= MAX_SEQ and len(o) <= MAX_SEQ:
            out.append((g, o))
        else:  # a long rewrite: character by character, the surplus as deletions/insertions
            out.extend((a, b) for a, b in zip(g, o) if a != b)
            n = min(len(g), len(o))
            out.extend((a, "") for a in g[n:])
            out.extend(("", b) for b in o[n:])
    return out


def log(p: float) -> float:
    return math.log(p) if p > 0 else -1e9


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


def _stray_backoff(key: str) -> tuple[str, str, str, str]:
    """A stray mark's key and the wider ones its counts back off to: the same mark next to any
    neighbour, all the marks of its kind next to such a neighbour, then next to any. The kinds:
    letters; at a line's end, the marks typesetting may part from their word by a space
    (``him ;``, ``Oui :``, which transcriptions that keep such spacing keep); other marks
    (specks: ``.``, ``|``, ``'``)."""
    side, mark, near = key.split("\t")
    spaced = side == "end" and all(c in SPACED_MARKS for c in mark)
    kind = "*a" if any(c.isalnum() for c in mark) else "*:" if spaced else "*."
    return key, f"{side}\t{mark}\t*", f"{side}\t{kind}\t{near}", f"{side}\t{kind}\t*"
