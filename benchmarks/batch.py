"""Batch throughput, cache speed-up and memory on a long PDF, in one run.

    .venv/bin/python benchmarks/batch.py [--pages 24] [--long 300]

Pages: the three A4 pages of samples/scanned_3pages.pdf rendered at 300 dpi, repeated to
``--pages`` PNG files (each file made distinct by one pixel, so no cache can share them).
Contenders, all reading raw text (no correction) from the same files:
  ocrkit -j1 / -j2    `ocrkit batch FOLDER --out x.csv --no-cache --no-correct -j N`
  cli xargs -P2       `tesseract FILE stdout` through `xargs -P 2`, OMP_THREAD_LIMIT=1 (tuned)
  pytesseract loop    pytesseract.image_to_string over the files, defaults
Then: the same ocrkit batch with a cache, fresh and re-run (cached); and the peak resident
memory of any process of `ocrkit batch -j 2` on a ``--long``-page PDF and on a 30-page one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def make_pages(folder: Path, n: int) -> list[Path]:
    from ocrkit.io import open_input

    with open_input(ROOT / "samples" / "scanned_3pages.pdf") as doc:
        base = [p.image for p in doc]
    files = []
    for i in range(n):
        img = base[i % 3].copy()
        img.putpixel((i, 0), 0)
        f = folder / f"page{i:04d}.png"
        img.save(f, dpi=(300, 300))
        files.append(f)
    return files


def make_long_pdf(path: Path, pages: int) -> None:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(ROOT / "samples" / "scanned_3pages.pdf"))
    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        out.import_pages(src, list(range(min(3, pages - len(out)))))
    out.save(str(path))


def timed(cmd: list[str] | str, env: dict | None = None, shell: bool = False) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=False, env=env, shell=shell, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def peak_rss_mb(cmd: list[str]) -> float:
    """Largest resident set of the command or any process it waited for (ru_maxrss of children)."""
    code = (
        "import resource,subprocess,sys;subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([PY, "-c", code, *cmd], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=48)
    ap.add_argument("--long", type=int, default=300)
    args = ap.parse_args()
    ocrkit = [PY, "-m", "ocrkit"]
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        pages = d / "pages"
        pages.mkdir()
        files = make_pages(pages, args.pages)
        n = len(files)
        env = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
        res: dict[str, float] = {}
        for j in (1, 2):
            res[f"ocrkit batch -j{j}"] = timed(ocrkit + ["batch", str(pages), "--out", str(d / f"o{j}.csv"), "--no-cache", "--no-correct", "-j", str(j)])
        listing = d / "files.txt"
        listing.write_text("\n".join(map(str, files)) + "\n")
        res["tesseract CLI, xargs -P2, OMP_THREAD_LIMIT=1"] = timed(
            f"xargs -P 2 -I{{}} tesseract {{}} stdout -l eng < {listing} > /dev/null", env=dict(env, OMP_THREAD_LIMIT="1"), shell=True)
        code = "import sys,pytesseract;[pytesseract.image_to_string(f) for f in sys.argv[1:]]"
        res["pytesseract loop (defaults)"] = timed([PY, "-c", code, *map(str, files)], env=env)

        print(f"{n} A4 pages at 300 dpi, raw OCR, {os.cpu_count()} cores")
        print(f"{'contender':<46}{'seconds':>9}{'pages/s':>9}")
        for name, sec in res.items():
            print(f"{name:<46}{sec:>9.2f}{n / sec:>9.2f}")
        r1, r2 = res["ocrkit batch -j1"], res["ocrkit batch -j2"]
        cli = res["tesseract CLI, xargs -P2, OMP_THREAD_LIMIT=1"]
        print(f"2 workers vs 1: {r1 / r2:.2f}x   ocrkit -j2 vs tuned CLI: {cli / r2:.2f}x")

        cache = d / "cache.sqlite"
        cmd = ocrkit + ["batch", str(pages), "--out", str(d / "c.csv"), "--cache", str(cache), "-j", "2"]
        fresh = timed(cmd)
        again = timed(cmd)
        print(f"with correction and cache: fresh {fresh:.2f} s, re-run {again:.2f} s ({fresh / again:.1f}x faster)")

        for count in (30, args.long):
            pdf = d / f"long{count}.pdf"
            make_long_pdf(pdf, count)
            t = time.perf_counter()
            mb = peak_rss_mb(ocrkit + ["batch", str(pdf), "--out", str(d / f"l{count}.csv"), "--no-cache", "-j", "2"])
            print(f"{count}-page PDF ({pdf.stat().st_size / 1e6:.1f} MB): peak RSS of any process {mb:.0f} MB, {time.perf_counter() - t:.0f} s")
        shutil.rmtree(pages)


if __name__ == "__main__":
    main()
