"""How far could a choice among preprocessing variants go on the severe pages (issue 6)?

    .venv/bin/python benchmarks/severe_variants.py

Reads each severe page of ../shared/data/pages-dev under several treatments (the auto plan,
other letter sizes for the rescale, weaker/stronger denoising, no or a larger median, Sauvola
or Otsu after the plan; Tesseract each time) and RapidOCR on the raw page (no preprocessing:
37.7% here, 23.7% with preprocess="auto" in engines.py), then prints the CER
of each treatment and of an *oracle* that picks, line by line (lines matched to the auto
reading's lines by position), the reading closest to the ground truth: no real selector can
beat it. A selector by the fusion's own line score (lexicon share, confidence) is shown too.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from PIL import Image
from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ocrkit import OCREngine  # noqa: E402
from ocrkit.engines.fusion import FusionEngine  # noqa: E402
from ocrkit.io import PageImage  # noqa: E402
from ocrkit.layout import overlap  # noqa: E402
from ocrkit.preprocess import Pipeline, auto_plan, measure  # noqa: E402
from preprocess import dev_pages, norm  # noqa: E402


def treatments(gray: np.ndarray) -> dict[str, list]:
    plan = auto_plan(gray)
    h = measure.char_height(gray)

    def swap(name: str, params: dict) -> list:
        return [(n, params if n == name else p) for n, p in plan]

    out = {"auto": plan}
    for target in (20, 32, 40):
        if h:
            out[f"letters {target}px"] = swap("rescale", {"factor": min(4.0, max(1.0, target / h))})
    out["denoise 5"] = swap("denoise", {"strength": 5.0})
    out["denoise 12"] = swap("denoise", {"strength": 12.0})
    out["no median"] = [(n, p) for n, p in plan if n != "median"]
    out["median 5"] = swap("median", {"size": 5})
    out["+ sauvola"] = plan + [("sauvola", {})]
    out["+ otsu"] = plan + [("otsu", {})]
    return out


def main() -> None:
    engines: dict[tuple[str, str], OCREngine] = {}
    scorers: dict[str, FusionEngine] = {}
    totals: dict[str, list[int]] = {}

    def add(name: str, text: str, gt: str) -> None:
        t = totals.setdefault(name, [0, 0])
        t[0] += Levenshtein.distance(norm(text), gt)
        t[1] += len(gt)

    for level, lang, path, gt_text in dev_pages():
        if level != "severe":
            continue
        gt = norm(gt_text)
        img = Image.open(path)
        img.load()
        gray = np.asarray(img.convert("L"))
        readings = {}
        for name, plan in treatments(gray).items():
            eng = engines.setdefault((lang, "tesseract"), OCREngine(lang=lang, engine="tesseract"))
            eng._pipeline = Pipeline(plan)
            readings[name] = eng.recognize_page(PageImage(img, 1, None, str(path))).lines
        rapid = engines.setdefault((lang, "rapidocr"), OCREngine(lang=lang, engine="rapidocr", preprocess=None))
        readings["rapidocr"] = rapid.recognize_page(PageImage(img, 1, None, str(path))).lines
        for name, lines in readings.items():
            add(name, " ".join(ln.text for ln in lines), gt)
        # group every reading's lines under the auto reading's lines
        anchors = readings["auto"]
        groups = [{"auto": [a]} for a in anchors]
        for name, lines in readings.items():
            if name == "auto":
                continue
            for ln in lines:
                best = max(range(len(anchors)), key=lambda i: overlap(anchors[i].box, ln.box), default=None)
                if best is not None and overlap(anchors[best].box, ln.box) >= 0.5:
                    groups[best].setdefault(name, []).append(ln)
        texts = [{k: " ".join(ln.text for ln in sorted(v, key=lambda ln: ln.box[0])) for k, v in g.items()} for g in groups]
        choice = ["auto"] * len(texts)

        def page(ch: list[str]) -> str:
            return norm(" ".join(texts[i][c] for i, c in enumerate(ch)))  # noqa: B023 (used in this iteration only)

        best_d = Levenshtein.distance(page(choice), gt)
        for _ in range(2):  # greedy line by line, twice
            for i in range(len(texts)):
                for c in texts[i]:
                    old, choice[i] = choice[i], c
                    d = Levenshtein.distance(page(choice), gt)
                    if d < best_d:
                        best_d = d
                    else:
                        choice[i] = old
        add("oracle (best line of all)", page(choice), gt)
        scorer = scorers.setdefault(lang, FusionEngine(lang))
        picked = [max(g, key=lambda k: sum(scorer.line_score(ln) * len(ln.text) for ln in g[k]) / max(1, sum(len(ln.text) for ln in g[k]))) for g in groups]
        add("line score (lexicon, confidence)", page(picked), gt)
        auto = 100 * Levenshtein.distance(page(["auto"] * len(texts)), gt) / len(gt)
        print(f"{path.name}: auto {auto:.1f}%, oracle {100 * best_d / len(gt):.1f}%", flush=True)
    print("\nsevere pages, CER %")
    for name, (d, n) in totals.items():
        print(f"  {name:<36}{100 * d / n:6.2f}")


if __name__ == "__main__":
    main()
