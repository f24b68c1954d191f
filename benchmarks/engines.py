"""Engines side by side: CER per degradation level and seconds per page, in one run.

    .venv/bin/python benchmarks/engines.py [--skip-real]

Pages: ../shared/data/pages-dev (eng/deu/fra/nld, four degradation levels) and the real scans
with ground truth in ../shared/evaldata (tesseract-test, oldbooks-gutenberg-en). Engines:
tesseract, rapidocr and auto (fusion), each through OCREngine with the default
preprocess="auto", raw text (no correction). CER: Levenshtein distance over whitespace-
normalised text / ground-truth length, summed over the pages of a group. Each engine reads
its first page once untimed (models load on first use; fusion loads RapidOCR lazily).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

from PIL import Image
from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent))
from preprocess import LEVELS, dev_pages, norm, real_pages  # noqa: E402

ENGINES = ("tesseract", "rapidocr", "auto")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-real", action="store_true")
    args = ap.parse_args()
    from ocrkit import OCREngine

    engines: dict[tuple[str, str], OCREngine] = {}
    dist: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    secs: dict[tuple[str, str], list[float]] = defaultdict(list)
    for group, lang, path, gt in dev_pages() + ([] if args.skip_real else real_pages()):
        img = Image.open(path)
        img.load()
        for name in ENGINES:
            if (lang, name) not in engines:
                engines[(lang, name)] = OCREngine(lang=lang, engine=name)
                engines[(lang, name)].recognize(img)  # warm-up, untimed: models load on first use
            t = time.perf_counter()
            text = engines[(lang, name)].recognize(img).text
            secs[(group, name)].append(time.perf_counter() - t)
            dist[(group, name)][0] += Levenshtein.distance(norm(text), norm(gt))
            dist[(group, name)][1] += len(norm(gt))
    groups = [g for g in (*LEVELS, "tesseract-test", "oldbooks") if (g, "tesseract") in dist]
    print(f"{'pages':<16}" + "".join(f"{e + ' CER%':>16}" for e in ENGINES) + "".join(f"{e + ' s/page':>16}" for e in ENGINES))
    for g in groups:
        cer = "".join(f"{100 * dist[(g, e)][0] / max(1, dist[(g, e)][1]):>16.2f}" for e in ENGINES)
        sp = "".join(f"{sum(secs[(g, e)]) / len(secs[(g, e)]):>16.3f}" for e in ENGINES)
        print(f"{g:<16}{cer}{sp}")


if __name__ == "__main__":
    main()
