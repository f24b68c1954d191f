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

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

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
#: the character error rate an untrained corrector expects of its text: probabilities learned
#: from noisier text are scaled down to it (see :meth:`ChannelModel.as_default`)
TYPICAL_RATE = 0.006
#: a confusion in a confusion document is trusted from this many sightings
MIN_SEEN = 2


@dataclass(frozen=True)
class Noise:
    """Confusion probabilities ``{(gt, ocr): P(ocr | gt)}`` counted on real OCR output, and the
    error rate of that output (a model sees them scaled to the error rate of its own text)."""

    probs: Mapping[tuple[str, str], float]
    rate: float


class ErrorModel(Protocol):
    """What the decoder asks of an error model (a :class:`ChannelModel`, or a document's
    :class:`~ocrkit.correct.document.DocumentChannel` over one)."""

    confusions: Counter[tuple[str, str]]

    def prob(self, gt: str, ocr: str) -> float: ...

    @property
    def generic(self) -> float: ...

    def reverse_index(self) -> dict[str, list[tuple[str, float]]]: ...


class ChannelModel:
    """Character-confusion counts and the probabilities derived from them."""

    def __init__(self, noise: Noise | None = None) -> None:
        """The built-in prior of look-alikes, and ``noise``: the real OCR noise a default model
        starts from (see :mod:`ocrkit.correct.realnoise`), kept apart from what is learned."""
        self.confusions: Counter[tuple[str, str]] = Counter()  # (gt, ocr) -> count
        self.gt_counts: Counter[str] = Counter()  # gt sequence -> times seen
        self.error_rate = 0.02  # character error rate of the data the model was fitted on
        self.learned: Counter[tuple[str, str]] = Counter()  # confusions seen in training data
        self.learned_chars = 0
        self.singletons = 0
        self.rate_scale = 1.0  # multiplies learned probabilities (see as_default)
        self.noise = noise or Noise({}, 1.0)
        self._index: dict[str, list[tuple[str, float]]] | None = None
        for gt, ocr, per_mille in _PRIOR:
            self.confusions[(gt, ocr)] += per_mille * _PRIOR_WEIGHT / 1000.0  # type: ignore[assignment]
        for gt in {g for g, _, _ in _PRIOR}:
            self.gt_counts[gt] += _PRIOR_WEIGHT  # type: ignore[assignment]

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
        self._index = None

    _fitted = False

    def as_default(self, typical_rate: float = TYPICAL_RATE) -> ChannelModel:
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
        """``P(ocr | gt)`` for one edit (gt ≠ ocr): what the counts say, plus the real noise at
        the error rate of the text the model knows (an untrained one: :data:`TYPICAL_RATE`)."""
        c = self.confusions.get((gt, ocr), 0.0) if gt and ocr else 0.0
        p = self.rate_scale * c / (self.gt_counts.get(gt, 0.0) + 1.0) if c > 0 else 0.0
        n = self.noise.probs.get((gt, ocr)) if self.noise.probs else None
        if n:
            p += n * min(1.0, (self.error_rate if self._fitted else TYPICAL_RATE) / self.noise.rate)
        return max(self.generic, p) if p > 0 else self.generic

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
            for (gt, ocr) in self.noise.probs.keys() - self.confusions.keys():
                p = self.prob(gt, ocr)
                if gt != ocr and ocr and len(ocr) <= MAX_SEQ and p > self.generic * 2:
                    ranked[ocr].append((p * (self.gt_counts.get(gt, 0.0) + 1.0), gt, p))  # (as if counted)
            for k, items in ranked.items():  # the sources this sequence most often came from
                items.sort(key=lambda t: -t[0])
                idx[k] = [(gt, p) for _, gt, p in items[:12]]
            self._index = dict(idx)
        return self._index

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
            "noise": {"rate": self.noise.rate, "probs": [[g, o, p] for (g, o), p in sorted(self.noise.probs.items())]},
        }

    @classmethod
    def from_dict(cls, d: dict) -> ChannelModel:
        m = cls.__new__(cls)
        m.confusions = Counter({(g, o): float(c) for g, o, c in d["confusions"]})
        m.gt_counts = Counter({k: float(v) for k, v in d["gt_counts"].items()})
        m.error_rate = float(d.get("error_rate", 0.02))
        m.singletons, m.learned_chars = (int(v) for v in d.get("generic", (0, 0)))
        m.learned = Counter({(g, o): int(c) for g, o, c in d.get("learned", ())})
        m.rate_scale = float(d.get("rate_scale", 1.0))
        m._index = None
        m._fitted = bool(d.get("fitted", True))
        noise = d.get("noise") or {}
        m.noise = Noise({(g, o): float(p) for g, o, p in noise.get("probs", ())}, float(noise.get("rate", 1.0)))
        return m


#: capitals an engine prints for a small letter printed as a digit ('t0day' read 'tOday')
_DIGIT_CASE = (("o", "O"), ("i", "I"), ("l", "I"), ("a", "A"), ("e", "E"), ("s", "S"))
#: a digit or symbol printed for a letter, on a line that prints them so, is that letter at least this often
DIGIT_LINE_PROB = 0.3
#: ... and the letter with an accent this share as often (the ratio by which an accented word
#: must be commoner to be read for a plain one: see ``Traits.accent_suspect``)
ACCENTED_SHARE = 0.1


class OverlayChannel:
    """An error model with some confusions made likelier than its base model says (``extra``:
    ``{(gt, ocr): probability}``); every other question goes to the base model."""

    def __init__(self, base: ErrorModel, extra: dict[tuple[str, str], float]) -> None:
        self.base = base
        self.extra = extra
        self.confusions = base.confusions
        self._index: dict[str, list[tuple[str, float]]] | None = None

    def prob(self, gt: str, ocr: str) -> float:
        p = self.extra.get((gt, ocr))
        return p if p is not None else self.base.prob(gt, ocr)

    @property
    def generic(self) -> float:
        return self.base.generic

    def reverse_index(self) -> dict[str, list[tuple[str, float]]]:
        if self._index is None:
            idx = dict(self.base.reverse_index())
            for (gt, ocr), p in self.extra.items():
                rest = [(g, q) for g, q in idx.get(ocr, ()) if g != gt]
                idx[ocr] = sorted(rest + [(gt, p)], key=lambda t: -t[1])
            self._index = idx
        return self._index


class DigitLineChannel(OverlayChannel):
    """The error model of a line that prints digits and symbols for letters ('Th1s 1s 4
    s@mple', 'Y0ur 0rder'): there a digit that looks like a letter is that letter at least
    :data:`DIGIT_LINE_PROB` of the time, and so is the capital an engine reads for such a digit
    ('tOday'), and what Tesseract was seen to write for such a letter (:func:`digit_readings`).
    A digit or symbol printed for a letter may stand for that letter with an accent the language
    writes (``accents``: letter -> its accented forms), :data:`ACCENTED_SHARE` as often: French
    ``3xp3d13e`` is ``expédiée``, while ``4`` stays ``a`` rather than ``à``."""

    def __init__(self, base: ErrorModel, accents: Mapping[str, Sequence[str]] | None = None) -> None:
        extra = {(gt, ocr): DIGIT_LINE_PROB for gt, ocr, _ in _PRIOR if gt.isalpha() and len(ocr) == 1 and not ocr.isalpha()}
        extra.update({pair: DIGIT_LINE_PROB for pair in _DIGIT_CASE})
        for pair, p in digit_readings().items():
            extra[pair] = max(extra.get(pair, 0.0), p)
        for (gt, ocr), p in list(extra.items()):
            if not ocr.isalpha():  # (a digit or symbol; not a letter Tesseract read for one)
                for accented in (accents or {}).get(gt, ()):
                    extra[(accented, ocr)] = max(extra.get((accented, ocr), 0.0), ACCENTED_SHARE * p)
        super().__init__(base, {pair: p for pair, p in extra.items() if base.prob(*pair) < p})


#: the share of letters a line that prints digits for letters prints so (for digit_readings)
_LEET_SHARE = 0.5
#: a reading of a letter printed as a digit that is another letter counts from this many
#: sightings and this share of that letter's readings
_HABIT_COUNT, _HABIT_SHARE = 10, 0.02


@lru_cache(maxsize=1)
def digit_readings() -> dict[tuple[str, str], float]:
    """``{(letter, what was read): probability}`` on a line that prints digits for letters:
    what Tesseract wrote for a letter printed as a look-alike digit or symbol (a digit, a mark,
    the letter's other case, an accented letter: '4' read '@', 'A', 'ä'), in the renders of
    scripts/build_digit_channel.py (shipped as data/digits.json), times the share of letters
    such a line prints so; empty where the file is missing."""
    out: dict[tuple[str, str], float] = {}
    for letter, reads in shipped_document("digits.json").get("counts", {}).items():
        total = sum(reads.values())
        for read, n in reads.items():
            # another plain letter only where it is Tesseract's habit (seen at least 10 times and in
            # 1 of 50 readings: 'd' for an 'a' printed '4'), not an accident ('t' read for an 'l'
            # printed '1' says nothing of a 't' printed 't': it turned 'co@t' into 'coal')
            other_letter = read.isascii() and read.isalpha() and read.lower() != letter.lower()
            habit = n >= _HABIT_COUNT and n >= _HABIT_SHARE * total
            if read != letter and n >= 2 and (habit or not other_letter):
                out[(letter, read)] = _LEET_SHARE * n / total
    return out


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


def shipped_document(name: str) -> dict:
    """A JSON document that ships in ``ocrkit/correct/data`` (confusion counts and the like);
    empty where the file is missing or unreadable."""
    from importlib import resources

    try:
        doc = json.loads((resources.files("ocrkit.correct") / "data" / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) else {}


def count_confusions(pairs: Iterable[tuple[str, str]], gt_form: Callable[[str], str] = lambda s: s) -> dict:
    """The confusions of ``(ocr, ground truth)`` pairs, as a confusion document (``counts``:
    "gt<TAB>ocr" → times seen, for those seen :data:`MIN_SEEN` times or more; ``gt``: how often
    each of their ground-truth sequences occurs; ``chars``, ``errors``: the ground truth's
    characters and the edit distance to it); ``gt_form`` writes the ground truth as the
    corrector's output should read (modern letters for Fraktur)."""
    model = ChannelModel()
    model.gt_counts = Counter()  # (without the built-in prior's pseudo-counts)
    pairs = [(ocr, gt_form(gt)) for ocr, gt in pairs]
    model.update(pairs)
    seen = {f"{g}\t{o}": n for (g, o), n in sorted(model.learned.items()) if n >= MIN_SEEN}
    needed = {key.split("\t")[0] for key in seen}
    return {"counts": seen, "gt": {g: model.gt_counts[g] for g in sorted(needed)},
            "chars": sum(len(gt) for _, gt in pairs), "errors": sum(Levenshtein.distance(o, g) for o, g in pairs)}


def readings(doc: dict) -> dict[tuple[str, str], float]:
    """``{(gt, ocr): P(ocr | gt)}`` from a confusion document."""
    out = {}
    for key, n in doc.get("counts", {}).items():
        gt, ocr = key.split("\t")
        total = doc.get("gt", {}).get(gt, 0)
        if total:
            out[(gt, ocr)] = n / (total + 1.0)
    return out


def noise_of(doc: dict) -> Noise | None:
    """The real noise a confusion document holds (None without its error rate)."""
    chars, errors = doc.get("chars", 0), doc.get("errors", 0)
    return Noise(readings(doc), errors / chars) if chars and errors else None
