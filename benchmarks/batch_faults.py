"""A batch against its faults: a worker killed mid-run, a damaged cache, an output past the
file-size limit. Pages lost (must be 0), pages read again, and the time it cost.

    .venv/bin/python benchmarks/batch_faults.py [--copies 20]

Input: ``--copies`` copies of samples/scanned_3pages.pdf. Each scenario runs ``ocrkit batch``
(2 workers, no correction) in a subprocess against a clean run of the same input.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PDF = (ROOT / "samples" / "scanned_3pages.pdf").read_bytes()


def batch(args: list[str], **kw) -> tuple[subprocess.Popen, float]:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    return subprocess.Popen([sys.executable, "-m", "ocrkit", "batch", *args, "-j", "2", "--no-correct"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kw), t


def rows(out: Path) -> list[dict[str, str]]:
    with open(out, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def pages_in(db: Path) -> int:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT count(*) FROM pages").fetchone()[0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=20)
    args = ap.parse_args()
    n = 3 * args.copies
    print("| scenario | pages | rows with text | error rows | pages lost | seconds | clean run s |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        for i in range(args.copies):
            (src / f"doc{i}.pdf").write_bytes(PDF + f"\n% copy {i}\n".encode())
        out = Path(tmp) / "out.csv"
        proc, t = batch([str(src), "--out", str(out), "--no-cache"])
        proc.communicate()
        clean = time.perf_counter() - t

        # a worker SIGKILLed once a few pages are in
        journal = Path(str(out) + ".journal.sqlite")
        out.unlink()
        proc, t = batch([str(src), "--out", str(out), "--no-cache"])
        while not journal.exists() or pages_in(journal) < 4:
            time.sleep(0.05)
        kids = [int(c) for task in Path(f"/proc/{proc.pid}/task").iterdir() for c in (task / "children").read_text().split()]
        os.kill(kids[0], signal.SIGKILL)
        proc.communicate()
        got = rows(out)
        good = sum(1 for r in got if r["text"] and not r["error"])
        print(f"| worker killed | {n} | {good} | {sum(1 for r in got if r['error'])} | {n - len(got)} | {time.perf_counter() - t:.1f} | {clean:.1f} |")

        # a damaged cache
        cache = Path(tmp) / "pages.sqlite"
        cache.write_bytes(b"not a database" * 1000)
        proc, t = batch([str(src), "--out", str(out), "--cache", str(cache)])
        proc.communicate()
        got = rows(out)
        good = sum(1 for r in got if r["text"] and not r["error"])
        print(f"| damaged cache | {n} | {good} | {sum(1 for r in got if r['error'])} | {n - len(got)} | {time.perf_counter() - t:.1f} | {clean:.1f} |")

        # an output past RLIMIT_FSIZE (36 kB; the cache filled above)
        big = Path(tmp) / "big.csv"
        proc, t = batch([str(src), "--out", str(big), "--cache", str(cache)],
                        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (36 * 1024, 36 * 1024)))
        _, err = proc.communicate()
        kept = pages_in(cache)
        print(f"| output past the size limit | {n} | (exit {proc.returncode}: {err.strip().splitlines()[-1][:60]}...) | - | "
              f"{n - kept} (cache keeps {kept}) | {time.perf_counter() - t:.1f} | {clean:.1f} |")


if __name__ == "__main__":
    main()
