"""OCRmyPDF with its own Tesseract against OCRmyPDF with the ocrkit plugin.

    .venv/bin/python benchmarks/ocrmypdf.py [--jobs 1]

Page scans with ground truth in ../shared/evaldata (tesseract-test: 4 pages; oldbooks: 15 book
pages), each made into a one-page PDF at its own resolution, then run through the real
``ocrmypdf`` (``--sidecar``, ``--output-type pdf``): with its Tesseract, with ``--plugin
ocrkit.ocrmypdf`` (ocrkit's defaults) and with ``--ocrkit-engine auto``. CER of the sidecar text
(whitespace-normalised) against the ground truth, summed over a set, and seconds per page
(the whole ocrmypdf run, one process per page).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from PIL import Image
from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent))
from preprocess import real_pages  # noqa: E402

RUNS = {
    "ocrmypdf (Tesseract)": [],
    "ocrmypdf + ocrkit": ["--plugin", "ocrkit.ocrmypdf"],
    "ocrmypdf + ocrkit auto": ["--plugin", "ocrkit.ocrmypdf", "--ocrkit-engine", "auto"],
}


def norm(s: str) -> str:
    return " ".join(s.split())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", default="1")
    args = ap.parse_args()
    dist: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    secs: dict[tuple[str, str], list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        for group, lang, path, gt in real_pages():
            pdf = Path(tmp) / (path.stem + ".pdf")
            with Image.open(path) as img:
                dpi = img.info.get("dpi", (300, 300))[0] or 300
                img.convert("RGB" if img.mode not in ("1", "L") else img.mode).save(pdf, resolution=float(dpi))
            for name, extra in RUNS.items():
                side = Path(tmp) / "side.txt"
                cmd = [sys.executable, "-m", "ocrmypdf", "-q", "-l", lang, "--jobs", args.jobs, "--output-type", "pdf",
                       "--sidecar", str(side), *extra, str(pdf), str(Path(tmp) / "out.pdf")]
                t = time.perf_counter()
                done = subprocess.run(cmd, capture_output=True, text=True)
                secs[(group, name)].append(time.perf_counter() - t)
                text = side.read_text(encoding="utf-8") if done.returncode == 0 else ""
                if done.returncode:
                    print(f"{path.name} {name}: {done.stderr.strip()[-200:]}", file=sys.stderr)
                d = dist[(group, name)]
                d[0] += Levenshtein.distance(norm(text), norm(gt))
                d[1] += len(norm(gt))
    groups = sorted({g for g, _ in dist})
    print("| set | " + " | ".join(RUNS) + " | " + " | ".join(f"s/page {n}" for n in RUNS) + " |")
    print("|---" * (2 * len(RUNS) + 1) + "|")
    for g in groups:
        cers = [f"{100 * dist[(g, n)][0] / dist[(g, n)][1]:.2f}" for n in RUNS]
        spp = [f"{sum(secs[(g, n)]) / len(secs[(g, n)]):.2f}" for n in RUNS]
        print(f"| {g} | " + " | ".join(cers + spp) + " |")


if __name__ == "__main__":
    main()
