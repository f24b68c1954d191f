"""OCRmyPDF with its own Tesseract against OCRmyPDF with the ocrkit plugin.

    .venv/bin/python benchmarks/ocrmypdf.py [--jobs 1]

The page scans with ground truth in ../shared/evaldata (tesseract-test: 4 pages; oldbooks: 15
book pages) and pages-dev (8 pages a degradation level), each set (and language) wrapped as one PDF that keeps
its pixels (img2pdf, which OCRmyPDF itself uses for images), then run through the real
``ocrmypdf`` (``--sidecar``, ``--output-type pdf``): with its Tesseract, with ``--plugin
ocrkit.ocrmypdf`` (ocrkit's defaults) and with ``--ocrkit-engine auto``. CER of each page's
sidecar text (whitespace-normalised) against its ground truth, summed over a set, and seconds
per page (the whole run over the set's pages; with ``--repeat N``, the median of N runs).
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent))
from preprocess import dev_pages, real_pages  # noqa: E402

RUNS = {
    "ocrmypdf (Tesseract)": [],
    "ocrmypdf + ocrkit": ["--plugin", "ocrkit.ocrmypdf"],
    "ocrmypdf + ocrkit auto": ["--plugin", "ocrkit.ocrmypdf", "--ocrkit-engine", "auto"],
}


def norm(s: str) -> str:
    return " ".join(s.split())


def main() -> None:
    import img2pdf

    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", default="1")
    ap.add_argument("--sets", default="", help="only these sets, comma-separated (e.g. 'pages-dev severe,oldbooks')")
    ap.add_argument("--repeat", type=int, default=1, help="run each set this many times; seconds are the median")
    ap.add_argument("--runs", default="", help="only these runs, by number from 1 (1: Tesseract, 2: + ocrkit, 3: + ocrkit auto)")
    args = ap.parse_args()
    runs = {n: RUNS[n] for i, n in enumerate(RUNS, 1) if not args.runs or str(i) in args.runs.split(",")}
    wanted = {s.strip() for s in args.sets.split(",") if s.strip()}
    # one PDF per set and language (pages-dev: per level, its four languages run apart)
    sets: dict[tuple[str, str], list[tuple[Path, str]]] = defaultdict(list)
    for group, lang, path, gt in real_pages():
        sets[(group, lang)].append((path, gt))
    for level, lang, path, gt in dev_pages():
        sets[(f"pages-dev {level}", lang)].append((path, gt))
    dist: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    secs: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    # ocrkit's modules compiled as an installed wheel has them (Python reads them even where
    # PYTHONDONTWRITEBYTECODE keeps it from writing them): no run pays for compiling
    import ocrkit

    compileall.compile_dir(str(Path(ocrkit.__file__).parent), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        for (group, lang), pages in sets.items():
            if wanted and group not in wanted:
                continue
            pdf = Path(tmp) / "in.pdf"
            pdf.write_bytes(img2pdf.convert([str(path) for path, _ in pages]))
            for name, extra in runs.items():
                side = Path(tmp) / "side.txt"
                cmd = [sys.executable, "-m", "ocrmypdf", "-q", "-l", lang, "--jobs", args.jobs, "--output-type", "pdf",
                       "--sidecar", str(side), *extra, str(pdf), str(Path(tmp) / "out.pdf")]
                took = []
                for _ in range(args.repeat):
                    t = time.perf_counter()
                    done = subprocess.run(cmd, capture_output=True, text=True)
                    took.append(time.perf_counter() - t)
                secs[(group, name)][0] += statistics.median(took)
                secs[(group, name)][1] += len(pages)
                if done.returncode:
                    print(f"{group} {lang} {name}: {done.stderr.strip()[-300:]}", file=sys.stderr)
                texts = side.read_text(encoding="utf-8").split("\f") if done.returncode == 0 else []
                texts += [""] * (len(pages) - len(texts))
                d = dist[(group, name)]
                d[0] += sum(Levenshtein.distance(norm(t), norm(gt)) for t, (_, gt) in zip(texts, pages))
                d[1] += sum(len(norm(gt)) for _, gt in pages)
    # (the measure: the plugin's time per page with its default engine over Tesseract's)
    base, plugin = list(RUNS)[:2]
    ratio = base in runs and plugin in runs
    print("| set | " + " | ".join(runs) + " | " + " | ".join(f"s/page {n}" for n in runs)
          + (" | + ocrkit / Tesseract |" if ratio else " |"))
    print("|---" * (2 * len(runs) + 1 + ratio) + "|")
    for group in dict.fromkeys(g for g, _ in sets if not wanted or g in wanted):
        cers = [f"{100 * dist[(group, n)][0] / dist[(group, n)][1]:.2f}" for n in runs]
        spp = [f"{secs[(group, n)][0] / secs[(group, n)][1]:.2f}" for n in runs]
        times = [f"{secs[(group, plugin)][0] / secs[(group, base)][0]:.2f}×"] if ratio else []
        print(f"| {group} | " + " | ".join(cers + spp + times) + " |")


if __name__ == "__main__":
    main()
