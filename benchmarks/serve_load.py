"""The web app under more load than two cores can serve (loopback only).

    .venv/bin/python benchmarks/serve_load.py [--clients 50] [--seconds 60] [--workers 2] [--file IMAGE]

Starts ``ocrkit serve`` on a free loopback port, then ``--clients`` threads upload ``--file``
(default: the seed image, one line; an A4 page at 300 dpi is the heavier case) for
``--seconds`` (each client: upload, and on 503 wait the Retry-After, at most 1 s, then upload
again). Reports requests served per second, the share answered 503,
p50/p95 latency of the served ones, every other status seen, the server's peak memory (VmHWM),
and whether it serves normally right after.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--file", default=str(ROOT / "samples" / "sample_with_typos.png"))
    args = ap.parse_args()
    upload = Path(args.file).read_bytes()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "ocrkit", "serve", "--port", str(port), "--workers", str(args.workers)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                httpx.get(url + "/api/languages", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        httpx.post(url + "/api/ocr", files={"file": ("upload", upload)}, timeout=120)  # warm-up: models load
        statuses: Counter[int] = Counter()
        latencies: list[float] = []
        lock = threading.Lock()
        end = time.monotonic() + args.seconds

        def client() -> None:
            with httpx.Client(timeout=120) as http:
                while time.monotonic() < end:
                    t = time.monotonic()
                    try:
                        r = http.post(url + "/api/ocr", files={"file": ("upload", upload)})
                        code = r.status_code
                    except httpx.HTTPError:
                        code = -1
                    with lock:
                        statuses[code] += 1
                        if code == 200:
                            latencies.append(time.monotonic() - t)
                    if code == 503:
                        time.sleep(min(1.0, float(r.headers.get("retry-after", 1))))

        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        after = httpx.post(url + "/api/ocr", files={"file": ("upload", upload)}, timeout=120)
        total = sum(statuses.values())
        served = statuses[200]
        lat = sorted(latencies)
        p95 = lat[int(0.95 * (len(lat) - 1))] if lat else float("nan")
        print("| clients | seconds | served/s | 503 share | p50 s | p95 s | other statuses | peak server MB | after |")
        print("|---|---|---|---|---|---|---|---|---|")
        others = {k: v for k, v in statuses.items() if k not in (200, 503)}
        print(f"| {args.clients} | {args.seconds:.0f} | {served / args.seconds:.2f} | {statuses[503] / max(1, total):.2f} | "
              f"{statistics.median(lat) if lat else float('nan'):.2f} | {p95:.2f} | {others or 'none'} | "
              f"{peak_rss_mb(server.pid):.0f} | {after.status_code} {after.json().get('text', '')[:30]!r} |")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
