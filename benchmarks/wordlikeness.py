"""How well word-likeness tells the unknown words an engine read right from those it garbled.

    .venv/bin/python benchmarks/wordlikeness.py [--sets icdar2019-de,overproof,...]

For each set of post-OCR pairs (../shared/evaldata), the documents are split in two: the
character model (ocrkit.correct.spelling.wordlikeness_model) learns from the word list's 30,000
most frequent words plus the ground-truth words of the first half; on the second half, every
printed word that neither the word list nor the first half knows is labelled right (it appears
as such in the ground truth of its segment) or garbled. The area under the ROC curve says how
well each score ranks right words above garbled ones (0.5: no better than chance):

  -length      shorter is more likely right
  per char     log probability per character under the character model (what the corrector uses)
  total        log probability of the whole word
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from correction import EVAL, SETS, load  # noqa: E402
from ocrkit.correct.lm import LanguageModel, normalise  # noqa: E402
from ocrkit.correct.spelling import wordlikeness_model  # noqa: E402
from ocrkit.correct.tokens import tokenize  # noqa: E402

_PUNCT = ".,;:!?\"'()[]«»„“”‘’…-–—"


def auc(right: list[float], garbled: list[float]) -> float:
    """P(score of a random right word > score of a random garbled one), ties counting half."""
    ranked = sorted([(v, 1) for v in right] + [(v, 0) for v in garbled])
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid = (i + j + 1) / 2.0  # average 1-based rank of the tie group
        rank_sum += mid * sum(label for _, label in ranked[i:j])
        i = j
    n_r, n_g = len(right), len(garbled)
    return (rank_sum - n_r * (n_r + 1) / 2.0) / (n_r * n_g) if n_r and n_g else float("nan")


def run(name: str) -> None:
    lang, rel = SETS[name]
    rows = load(EVAL / rel)
    lm = LanguageModel.for_tesseract_lang(lang)
    docs = sorted({doc for doc, _, _ in rows})
    first = set(docs[::2])
    learned: Counter[str] = Counter()
    for doc, _, gt in rows:
        if doc in first:
            learned.update(normalise(t.core) for t in tokenize(gt) if t.kind == "word" and t.core.isalpha())
    model, _ = wordlikeness_model(lm.top_words(30_000), learned)
    scores: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in ("-length", "per char", "total")}
    for doc, ocr, gt in rows:
        if doc in first:
            continue
        truth = {w.strip(_PUNCT) for w in gt.split()}
        for t in tokenize(ocr):
            if t.kind != "word" or not t.core.isalpha():
                continue
            key = normalise(t.core)
            if lm.known(key) or key in learned:
                continue
            side = 0 if t.core in truth else 1
            scores["-length"][side].append(-len(key))
            scores["per char"][side].append(model.per_char(key))
            scores["total"][side].append(model.logp(key))
    right, garbled = len(scores["total"][0]), len(scores["total"][1])
    cells = "  ".join(f"{k} {auc(*v):.2f}" for k, v in scores.items())
    print(f"{name:14s} unknown words right {right:5d} garbled {garbled:5d}   AUC: {cells}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="icdar2017-en,icdar2019-nl,icdar2019-de,overproof")
    for name in ap.parse_args().sets.split(","):
        run(name)


if __name__ == "__main__":
    main()
