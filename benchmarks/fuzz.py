"""The long fuzzing run: mutated files of every format read by ocrkit, for N minutes or cases.

    .venv/bin/python benchmarks/fuzz.py [--minutes 10] [--cases N] [--seed 0] [--save DIR]

Seed files and mutations as in the test suite's short run (tests/fuzzing.py: PNG, JPEG, TIFF
and GIF with three frames, BMP, WebP, PDF with three pages; bit flips, limit values over header
fields, byte runs deleted, repeated or inserted, truncation), read through
``OCREngine.load_image`` + ``recognize``. Reports cases run, cases per second, the distinct
outcomes per format, the slowest case and the peak memory (RSS). A defect (any exception
outside the OCRKitError tree, or an error without a message) is saved to --save (default
tests/io/fuzz-regressions) to become a regression file.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from fuzzing import mutate, read, seeds  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--cases", type=int, default=0, help="stop after this many cases (0: by time)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--save", default=str(ROOT / "tests" / "io" / "fuzz-regressions"))
    args = ap.parse_args()
    import warnings

    warnings.simplefilter("ignore")
    rng = random.Random(args.seed)
    files = seeds()
    outcomes: Counter[tuple[str, str]] = Counter()
    defects = 0
    slowest = (0.0, "")
    t0 = time.perf_counter()
    n = 0
    while True:
        if args.cases and n >= args.cases or not args.cases and time.perf_counter() - t0 > args.minutes * 60:
            break
        kind = rng.choice(sorted(files))
        data = mutate(files[kind], rng)
        outcome = read(data)
        n += 1
        outcomes[(kind, outcome.kind)] += 1
        if outcome.seconds > slowest[0]:
            slowest = (outcome.seconds, f"{kind} {outcome.kind}")
        if outcome.defect:
            defects += 1
            path = Path(args.save) / f"found-{args.seed}-{n}.{kind}"
            path.write_bytes(data)
            print(f"DEFECT {path.name}: {outcome.kind} {outcome.message[:200]}", flush=True)
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n} cases in {secs:.0f} s ({n / secs:.0f} cases/s), {defects} defects, slowest {slowest[0]:.2f} s ({slowest[1]}), "
          f"peak memory {peak:.0f} MB, seed {args.seed}")
    print("| format | outcome | cases |\n|---|---|---|")
    for (kind, what), count in sorted(outcomes.items()):
        print(f"| {kind} | {what} | {count} |")


if __name__ == "__main__":
    main()
