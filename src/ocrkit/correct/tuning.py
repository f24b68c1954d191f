"""Tuning: the decision parameters that do best on held-out training pairs.

:meth:`PostProcessor.fit` calls :func:`tune` before it learns from all pairs. Five times, a copy
of the model learns from four fifths of the pairs (pass them grouped by document) and is scored
on the other fifth (runs of 40 pairs corrected as one document); the parameters that do best
over the five (edit-distance gain, each broken correct segment costing three times its share;
coordinate search, each step gaining at least half a point per part) are kept, unless they
gain under half a point per part over cautious margins (the data then has little to teach).
Correcting never imports this module.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

from .params import Params
from .passes.line_breaks import LineBreaks

if TYPE_CHECKING:
    from .postprocessor import PostProcessor

#: fit tunes the parameters from this many pairs on
TUNING_PAIRS = 100
_BROKEN_WEIGHT = 3.0  # in tuning, a broken correct segment costs this many times its share
_TUNING_STEP = 0.5  # points per held-out part (summed over them) a tuning step must gain: smaller gains are mostly noise
_TUNING_EDGE = 0.5  # points per held-out part (summed over them) tuned margins must gain over cautious ones
_TUNING_PARTS = 5  # held-out fifths tuning scores on (each one: a document that dominates one part weighs less)
_TUNING_DOCUMENT = 40  # in tuning, this many consecutive held-out pairs are corrected as one document
_BROKEN_WORDS = 0.01  # merge_prob where the transcriptions keep broken words (see _tune)
_SECOND_READING = 4.0  # a trained model reads twice at this weight unless the held-out parts say it loses


def tune(model: PostProcessor, pairs: Sequence[tuple[str, str]], learn_words: bool = True) -> Params:
    """The parameters for ``model`` that do best on held-out parts of ``pairs`` (at least
    :data:`TUNING_PAIRS`); ``model`` itself learns nothing here."""
    fifth = len(pairs) // 5
    probes = []
    starts = (len(pairs) - fifth, 0, 2 * fifth, fifth, 3 * fifth)[:_TUNING_PARTS]  # the last fifth, the first, ...
    for held, rest in ((pairs[a : a + fifth], list(pairs[:a]) + list(pairs[a + fifth :])) for a in starts):
        probe = model.copy()
        probe.update(rest, learn_words=learn_words)
        probes.append((probe, held))
    return _tune(probes, model.params)


def _break_hyphen(model: PostProcessor) -> str | None:
    """The hyphen a model writes back at words broken at a former line end, if any."""
    habit = model.corrector.passes.get(LineBreaks.name)
    return habit.hyphen if isinstance(habit, LineBreaks) else None


def _measure(model: PostProcessor, held: Sequence[tuple[str, str]], params: Params) -> tuple[float, int, int]:
    """(% edit-distance gain, broken correct pairs, correct pairs) of ``model`` with ``params``
    on held-out pairs, runs of which are corrected as one document."""
    model.params = params
    before = after = right = broken = 0
    outs: list[str] = []
    for k in range(0, len(held), _TUNING_DOCUMENT):  # runs of held-out pairs stand for documents
        outs += model.correct_lines([ocr for ocr, _ in held[k : k + _TUNING_DOCUMENT]])
    for (ocr, gt), out in zip(held, outs):
        before += Levenshtein.distance(ocr, gt)
        after += Levenshtein.distance(out, gt)
        if ocr == gt:
            right += 1
            broken += out != ocr
    return 100.0 * (before - after) / max(1, before), broken, right


def _merit(gain: float, broken: int, right: int) -> float:
    """What tuning maximises: the gain, less each broken correct segment at three times its share."""
    return gain - _BROKEN_WEIGHT * 100.0 * broken / max(1, right)


def _tune(probes: Sequence[tuple[PostProcessor, Sequence[tuple[str, str]]]], start: Params) -> Params:
    """Pick margins by coordinate search, scoring each setting on every (model, held-out pairs)."""

    measured: dict[tuple, list[tuple[float, int, int]]] = {}  # (each setting is scored once)

    def measure(params: Params) -> list[tuple[float, int, int]]:
        key = tuple(params.to_dict().items())
        if key not in measured:
            measured[key] = [_measure(p, h, params) for p, h in probes]
        return measured[key]

    def score(params: Params) -> float:
        return sum(_merit(*m) for m in measure(params))

    best = Params(**start.to_dict())
    best_score = score(best)
    grid = {
        "known_word_margin": [math.log(v) for v in (3, 10, 30, 100, 1000)],
        "margin": [math.log(v) for v in (1.0, 1.5, 3, 10, 30)],
        "memory_margin": [math.log(v) for v in (1, 2, 5, 20)] + [math.inf],  # inf: learned words off
        "edit_margin": [math.log(v) for v in (10, 100, 1e4)],
        "split_prob": [0.0, 0.001, 0.01, 0.05],
        "merge_prob": [0.01, 0.03],
        "wordlike": [1.0, 2.0, 4.0, 8.0],
        "unknown_keep": [1e-6, 1e-7, 1e-9, 1e-10],
        "length_decay": [0.2, 0.5, 1.0],
        "strict_freq": [1e-8, 1e-7, 1e-6],
        "document_weight": [0.0, 0.1, 1.0],
        "document_channel": [1.0, 4.0, 16.0],
        "unknown_evidence": [0.5],
        "rare_evidence": [0.25, 0.5],
        "capital_keep": [1.0, 100.0],
        "known_freq": [1e-5, 1e-7],
        "spelling_margin": [math.log(v) for v in (1e3, 1e5, 1e7)],
        "suspect_ratio": [10.0, 100.0],
    }
    for name, values in grid.items():
        for v in values:
            trial = Params(**{**best.to_dict(), name: v})
            sc = score(trial)
            if sc > best_score + _TUNING_STEP * len(probes):
                best, best_score = trial, sc
    # where tuning gains little over correcting only what is plain (strict margins, no learned
    # word replacements), the data has little to teach: take the cautious setting
    safe = Params(**{**start.to_dict(), "margin": math.log(30.0), "known_word_margin": math.log(1000.0),
                     "memory_margin": math.inf, "edit_margin": math.log(1e4)})
    if best_score < score(safe) + _TUNING_EDGE * len(probes):
        best = safe
    elif best.document_channel == 0.0 and all(p.corrector.traits.trained for p, _ in probes):
        # the second reading gains a little on most documents, too little for a tuning step to
        # show on three parts (measured on the fold models of benchmarks/correction.py: nl +0.9,
        # nothing more broken anywhere): keep it on unless the held-out parts say it loses
        trial = Params(**{**best.to_dict(), "document_channel": _SECOND_READING})
        if score(trial) >= best_score:
            best = trial
    if best.merge_prob == 0.0 and all(_break_hyphen(p) for p, _ in probes):
        # where the transcriptions keep words broken at former line ends ('shal- low') and the
        # engine printed such words as two ('shal low'), writing them back gains a character
        # each, too little for a tuning step to show; and where a transcription joined such a
        # word after all, the segment counts as broken, at a cost out of all proportion to one
        # character: on unless the held-out parts lose in gain, or in more than 1 in 50 of their
        # correct segments
        before = measure(best)
        trial = Params(**{**best.to_dict(), "merge_prob": _BROKEN_WORDS})
        after = measure(trial)
        right = sum(r for _, _, r in before)
        if sum(g for g, _, _ in after) >= sum(g for g, _, _ in before) \
                and sum(b for _, b, _ in after) - sum(b for _, b, _ in before) <= right / 50:
            best = trial
    for p, _ in probes:
        p.params = best
    return best
