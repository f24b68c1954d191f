"""Recognition throughput: ocrkit against the tesseract CLI and pytesseract, same pages, one run.

    .venv/bin/python benchmarks/speed.py [--pages N] [--repeat R]

Pages: the three A4 pages of samples/scanned_3pages.pdf rendered at 300 dpi (PNG files in a
temporary folder), plus ../shared/evaldata/tesseract-test/phototest.tif when present. Every
contender reads every page R times, sequentially on one process, raw OCR only (no correction).
Contenders:
  ocrkit            OCREngine reused for all pages (in-process tesserocr, raw pixels)
  cli-default       `tesseract PAGE stdout` with the environment as is (Debian's OpenMP build)
  cli-omp1          the same with OMP_THREAD_LIMIT=1
  pytesseract       pytesseract.image_to_string(path) with its defaults
Prints seconds per page, pages/s, and ratios of ocrkit to each.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pages(tmp: Path) -> list[Path]:
    from ocrkit.io import open_input

    out = []
    with open_input(ROOT / "samples" / "scanned_3pages.pdf") as doc:
        for p in doc:
            f = tmp / f"page{p.number}.png"
            p.image.save(f, dpi=(300, 300))
            out.append(f)
    extra = ROOT.parent / "shared" / "evaldata" / "tesseract-test" / "phototest.tif"
    if extra.exists():
        out.append(extra)
    return out


def timed(fn, files: list[Path], repeat: int) -> float:
    fn(files[0])  # warm-up (model load, caches)
    t = time.perf_counter()
    for _ in range(repeat):
        for f in files:
            fn(f)
    return (time.perf_counter() - t) / (repeat * len(files))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    from ocrkit import OCREngine

    with tempfile.TemporaryDirectory() as d:
        files = pages(Path(d))
        engine = OCREngine(lang="eng")
        env_default = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
        env_omp1 = dict(env_default, OMP_THREAD_LIMIT="1")

        def cli(env):
            return lambda f: subprocess.run(["tesseract", str(f), "stdout", "-l", "eng"], env=env, check=True, capture_output=True)

        results = {"ocrkit": timed(lambda f: engine.recognize(f), files, args.repeat)}
        results["cli-omp1"] = timed(cli(env_omp1), files, args.repeat)
        results["cli-default"] = timed(cli(env_default), files, 1)
        # pytesseract with its defaults: it inherits this process's environment, so run it in a
        # child process without the OMP_THREAD_LIMIT that importing ocrkit set
        code = (
            "import sys,time,pytesseract;fs=sys.argv[1:];pytesseract.image_to_string(fs[0]);"
            "t=time.perf_counter();[pytesseract.image_to_string(f) for f in fs];"
            "print((time.perf_counter()-t)/len(fs))"
        )
        out = subprocess.run([sys.executable, "-c", code, *map(str, files)], env=env_default, check=True, capture_output=True, text=True)
        results["pytesseract"] = float(out.stdout.strip())

    print(f"pages: {len(files)} (A4, 300 dpi), repeat {args.repeat}; cores: {os.cpu_count()}")
    print(f"{'contender':<14}{'s/page':>10}{'pages/s':>10}{'ocrkit is':>12}")
    for name, spp in results.items():
        ratio = spp / results["ocrkit"]
        print(f"{name:<14}{spp:>10.3f}{1 / spp:>10.2f}{ratio:>11.2f}x")


if __name__ == "__main__":
    main()
