"""The learning curve: a model that learns every fixed line, scored on what it has not seen.

    .venv/bin/python benchmarks/learning.py [--sets icdar2019-en,...] [--points 0,25,50,100,200,400]

For each collection (ICDAR 2019 halves en/nl/fr/de, Overproof dataset 2, BLN600), its pairs in
document order are fed to ``PostProcessor.learn`` (the fixed text of a block of lines against its
OCR text, aligned as a person's fixes are) from the default model, a block at a time, up to
each point of the curve. After each, the documents not yet fed (none of their lines seen) are
corrected (each document as one) and scored: % edit-distance improvement and correct segments
broken, as benchmarks/correction.py scores. Also: seconds per update (per block of 25 lines).
Beside it, the trained figure (``fit`` with tuning, 3-fold cross-validation over documents) from
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from correction import EVAL, SETS, default_without, learned_from, load, run_documents, score  # noqa: E402

DEFAULT_SETS = ("icdar2019-en", "icdar2019-nl", "icdar2019-fr", "icdar2019-de", "overproof", "bln600")


def curve(name: str, points: list[int]) -> list[str]:
    lang, rel = SETS[name]
    rows = load(EVAL / rel)
    # (the default's real-noise table learned without this collection's documents: none is scored by a model that saw it)
    pp = default_without(lang, {doc for doc, _, _ in rows if learned_from(doc)})
    fed = 0
    cells = []
    update_secs: list[float] = []
    for point in points:
        while fed < min(point, len(rows)):
            block = rows[fed:min(point, fed + 25)]
            t = time.perf_counter()
            pp.learn("\n".join(o for _, o, _ in block), "\n".join(g for _, _, g in block))
            update_secs.append(time.perf_counter() - t)
            fed += len(block)
        seen = {doc for doc, _, _ in rows[:fed]}
        rest = [r for r in rows if r[0] not in seen]
        if not rest:
            cells.append("-")
            continue
        outs, _ = run_documents(pp, rest)
        s = score(rest, outs)
        cells.append(f"{s['improvement']:+.1f} ({s['broken']}/{s['right']})")
    mean = sum(update_secs) / len(update_secs) if update_secs else 0.0
    return [name, *cells, f"{mean:.2f}"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default=",".join(DEFAULT_SETS))
    ap.add_argument("--points", default="0,25,50,100,200,400")
    args = ap.parse_args()
    points = [int(p) for p in args.points.split(",")]
    print("| set | " + " | ".join(f"after {p}" for p in points) + " | s per update of 25 lines |")
    print("|---" * (len(points) + 2) + "|")
    for name in args.sets.split(","):
        print("| " + " | ".join(curve(name, points)) + " |", flush=True)


if __name__ == "__main__":
    main()
