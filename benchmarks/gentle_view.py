"""Which view of a degraded page should RapidOCR read Tesseract's lines from (issue 6)?

    .venv/bin/python benchmarks/gentle_view.py [--level severe]

For each page of a degradation level of ../shared/data/pages-dev: the auto plan cleans it,
Tesseract finds its lines, and RapidOCR reads each line box again from several views of the
page, all with the processed page's geometry (straightened, enlarged): the cleaned page itself
(what Tesseract read) and the original under lighter clean-ups (Gaussian smoothing of sigma
pixels, then non-local-means denoising of strength h). Prints CER % per view, over the level
and per page, and that of Tesseract's own reading. The default gentle view of ocrkit
(``ocrkit.preprocess.GENTLE_STEPS``) was chosen from this table.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from PIL import Image
from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ocrkit.engines.fusion import FusionEngine  # noqa: E402
from ocrkit.io import PageImage  # noqa: E402
from ocrkit.preprocess import GENTLE_STEPS, Pipeline, gentle_view  # noqa: E402
from preprocess import LEVELS, dev_pages, norm  # noqa: E402


def views() -> dict[str, list[tuple[str, dict]]]:
    out: dict[str, list[tuple[str, dict]]] = {}
    for sigma in (0.0, 0.7, 1.0, 1.3, 1.6):
        for h in (0.0, 3.0, 5.0, 8.0):
            steps = ([("gaussian", {"sigma": sigma})] if sigma else []) + ([("denoise", {"strength": h})] if h else [])
            out[f"sigma {sigma:.1f}, h {h:.0f}"] = steps
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--level", default="severe", choices=LEVELS)
    args = ap.parse_args()
    fusion: dict[str, FusionEngine] = {}
    names = ["cleaned page (Tesseract's)", *views()]
    dist = {name: [] for name in ["Tesseract's reading", *names]}
    total = []
    for group, lang, path, gt in dev_pages():
        if group != args.level:
            continue
        f = fusion.setdefault(lang, FusionEngine(lang))
        gray = np.asarray(Image.open(path).convert("L"))
        img, matrix, _ = Pipeline("auto").run(gray, 300)
        lines = f.primary.recognize(PageImage(Image.fromarray(img), 1, 300, None)).lines
        readings = {"Tesseract's reading": [ln.text for ln in lines]}
        readings[names[0]] = [f._reread_line(ln, img).text for ln in lines]
        for name, steps in views().items():
            view = gentle_view(gray, matrix, img.shape, steps)
            readings[name] = [f._reread_line(ln, view).text for ln in lines]
        total.append(len(norm(gt)))
        for name, text in readings.items():
            dist[name].append(Levenshtein.distance(norm("\n".join(text)), norm(gt)))
        print(f"read {path.name}", file=sys.stderr, flush=True)
    default = ", ".join(f"{n} {p}" for n, p in GENTLE_STEPS)
    print(f"CER % on the {args.level} pages ({len(total)}); the default gentle view is {default}")
    for name, ds in dist.items():
        per = " ".join(f"{100 * d / n:5.1f}" for d, n in zip(ds, total))
        print(f"{name:<28}{100 * sum(ds) / sum(total):7.2f}   per page: {per}")


if __name__ == "__main__":
    main()
