"""Fusion on degraded pages it was not tuned on (issue 6).

    .venv/bin/python benchmarks/fusion_synthetic.py

The settings of ``engine="auto"`` on weak pages (the gentle view's smoothing, the margins)
were chosen on the eight severe pages of ../shared/data/pages-dev. This script degrades the
eight *clean* pages of that set (other text, other fonts) in two ways the severe pages were
not made with: shrunk to 40% or 33%, blurred (sigma 0.8 / 0.6 px), ink faded to 60% / 50%,
Gaussian noise (sigma 15 / 20) and 1% dark specks; then reads them with tesseract, rapidocr
and auto (``preprocess="auto"``) and prints CER % per degradation and per page.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import numpy as np
from PIL import Image
from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ocrkit import OCREngine  # noqa: E402
from preprocess import dev_pages, norm  # noqa: E402

ENGINES = ("tesseract", "rapidocr", "auto")
DEGRADATIONS = {"shrunk 40%": (0.40, 15.0, 0.6, 0.8), "shrunk 33%": (0.33, 20.0, 0.5, 0.6)}


def degrade(img: np.ndarray, scale: float, noise: float, fade: float, blur: float, seed: int) -> np.ndarray:
    size = (int(img.shape[1] * scale), int(img.shape[0] * scale))
    small = cv2.GaussianBlur(cv2.resize(img, size, interpolation=cv2.INTER_AREA).astype(np.float64), (0, 0), blur)
    small = 255 - (255 - small) * fade
    rng = np.random.default_rng(seed)
    small += rng.normal(0, noise, small.shape)
    specks = rng.random(small.shape) < 0.01
    small[specks] = rng.uniform(0, 120, int(specks.sum()))
    return np.clip(small, 0, 255).astype(np.uint8)


def main() -> None:
    engines: dict[tuple[str, str], OCREngine] = {}
    dist: dict[tuple[str, str], list[int]] = {}
    per: dict[tuple[str, str], list[str]] = {}
    for _, lang, path, gt in [p for p in dev_pages() if p[0] == "clean"]:
        gray = np.asarray(Image.open(path).convert("L"))
        for seed, (name, params) in enumerate(DEGRADATIONS.items()):
            bad = degrade(gray, *params, seed=seed)
            for engine in ENGINES:
                ocr = engines.setdefault((lang, engine), OCREngine(lang=lang, engine=engine))
                d = Levenshtein.distance(norm(ocr.recognize(bad).text), norm(gt))
                acc = dist.setdefault((name, engine), [0, 0])
                acc[0] += d
                acc[1] += len(norm(gt))
                per.setdefault((name, engine), []).append(f"{100 * d / len(norm(gt)):.0f}")
        print(f"read {path.name}", file=sys.stderr, flush=True)
    print(f"{'degradation':<14}" + "".join(f"{e + ' CER%':>16}" for e in ENGINES))
    for name in DEGRADATIONS:
        print(f"{name:<14}" + "".join(f"{100 * dist[(name, e)][0] / dist[(name, e)][1]:>16.2f}" for e in ENGINES))
    for name in DEGRADATIONS:
        for e in ENGINES:
            print(f"  {name}, {e}, per page: {' '.join(per[(name, e)])}")


if __name__ == "__main__":
    main()
