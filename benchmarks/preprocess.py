"""Preprocessing: CER per degradation level and language, and the time it adds, in one run.

    .venv/bin/python benchmarks/preprocess.py [--skip-real]

Pages: ../shared/data/pages-dev (rendered pages in eng/nld/fra/deu at four degradation levels,
with ground truth) and the real page scans with ground truth in ../shared/evaldata
(tesseract-test: UNLV, phototest, eurotext; oldbooks-gutenberg-en). Each page is read by
Tesseract through ocrkit with preprocess none / seed (upscale to 300 dpi + Otsu) / auto, raw
text (no correction). CER is the Levenshtein distance over whitespace-normalised text divided
by the ground-truth length, summed over pages. Time is seconds per page (preprocessing + OCR).
Also: a clean page turned by 90/180/270 degrees and tilted by up to 10 degrees, against the
upright page.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from PIL import Image
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "data" / "pages-dev"
LEVELS = ("clean", "mild", "moderate", "severe")
MODES = ("none", "seed", "auto")


def norm(s: str) -> str:
    return " ".join(s.split())


def dev_pages() -> list[tuple[str, str, Path, str]]:
    rows = []
    for line in (DEV / "manifest.tsv").read_text().splitlines()[1:]:
        pid, file, lang, level = line.split("\t")[:4]
        rows.append((level, lang, DEV / file, (DEV / f"{pid}.gt.txt").read_text(encoding="utf-8")))
    return rows


def real_pages() -> list[tuple[str, str, Path, str]]:
    rows = []
    ev = SHARED / "evaldata"
    for name in ("phototest", "eurotext", "8071_093.3B", "8087_054.3B"):
        rows.append(("tesseract-test", "eng", ev / "tesseract-test" / f"{name}.tif", (ev / "tesseract-test" / f"{name}.gt.txt").read_text(encoding="utf-8")))
    for png in sorted((ev / "oldbooks-gutenberg-en").glob("*.png")):
        gt = png.with_suffix("").with_suffix(".gt.txt") if png.name.endswith(".png") else None
        gt = png.parent / (png.stem + ".gt.txt")
        if gt.exists():
            rows.append(("oldbooks", "eng", png, gt.read_text(encoding="utf-8")))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-real", action="store_true")
    args = ap.parse_args()
    from ocrkit import OCREngine

    engines: dict[tuple[str, str], OCREngine] = {}

    def engine(lang: str, mode: str) -> OCREngine:
        if (lang, mode) not in engines:
            engines[(lang, mode)] = OCREngine(lang=lang, preprocess=None if mode == "none" else mode)
        return engines[(lang, mode)]

    pages = dev_pages() + ([] if args.skip_real else real_pages())
    dist: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    secs: dict[tuple[str, str], list[float]] = defaultdict(list)
    for group, lang, path, gt in pages:
        img = Image.open(path)
        img.load()
        for mode in MODES:
            eng = engine(lang, mode)
            t = time.perf_counter()
            text = eng.recognize(img).text
            secs[(group, mode)].append(time.perf_counter() - t)
            d = Levenshtein.distance(norm(text), norm(gt))
            for key in ((group, lang, mode), (group, "all", mode)):
                dist[key][0] += d
                dist[key][1] += len(norm(gt))

    groups = [g for g in (*LEVELS, "tesseract-test", "oldbooks") if (g, "all", "none") in dist]
    print("CER % (raw OCR, no correction)")
    print(f"{'pages':<16}{'lang':<6}" + "".join(f"{m:>9}" for m in MODES))
    for g in groups:
        for lang in ("all", "eng", "deu", "fra", "nld"):
            if (g, lang, "none") in dist and (lang == "all" or g in LEVELS):
                print(f"{g:<16}{lang:<6}" + "".join(f"{100 * dist[(g, lang, m)][0] / max(1, dist[(g, lang, m)][1]):>9.2f}" for m in MODES))
    print("\nseconds per page (preprocessing + OCR)")
    print(f"{'pages':<16}" + "".join(f"{m:>9}" for m in MODES) + f"{'auto/none':>11}")
    for g in groups:
        avg = {m: sum(secs[(g, m)]) / len(secs[(g, m)]) for m in MODES}
        print(f"{g:<16}" + "".join(f"{avg[m]:>9.3f}" for m in MODES) + f"{avg['auto'] / avg['none']:>10.2f}x")

    # turned and tilted pages, against the upright page
    print("\nturned / tilted clean pages, CER points against upright (auto)")
    for name in ("eng-clean-00.png", "fra-clean-01.png"):
        lang = name[:3]
        img = Image.open(DEV / name).convert("L")
        gt = norm((DEV / (name.split(".")[0] + ".gt.txt")).read_text(encoding="utf-8"))
        cer = lambda im: 100 * Levenshtein.distance(norm(engine(lang, "auto").recognize(im).text), gt) / len(gt)  # noqa: E731, B023 (used in this iteration only)
        base = cer(img)
        out = []
        for rot in (90, 180, 270):
            out.append(f"rot{rot} {cer(img.rotate(rot, expand=True)) - base:+.2f}")
        for tilt in (2.5, -5, 10, -10):
            out.append(f"tilt{tilt:g} {cer(img.rotate(tilt, expand=True, fillcolor=255, resample=Image.BICUBIC)) - base:+.2f}")
        print(f"{name}: upright {base:.2f}; " + ", ".join(out))


if __name__ == "__main__":
    main()
