"""A batch that survives its parts: dying workers, a damaged cache, an output that cannot be
written. No finished page is lost."""

from __future__ import annotations

import csv
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import SAMPLES, wait_for_pages
from ocrkit import batch
from ocrkit.engines.tesseract import TesseractEngine

PDF = (SAMPLES / "scanned_3pages.pdf").read_bytes()


class _Poisoned(TesseractEngine):
    """Tesseract, except that reading page 2 of a file named poison.pdf kills the process."""

    def recognize(self, page):  # type: ignore[no-untyped-def]
        if page.number == 2 and str(page.source or "").endswith("poison.pdf"):
            os.kill(os.getpid(), signal.SIGKILL)
        return super().recognize(page)


def _copies(folder: Path, n: int, name: str = "doc") -> None:
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"{name}{i}.pdf").write_bytes(PDF + f"\n% copy {i}\n".encode())


def test_a_page_that_kills_its_worker_is_read_again_alone_then_an_error_row_and_everything_else_is_read(tmp_path, monkeypatch):
    from ocrkit.engines import base

    monkeypatch.setitem(base._REGISTRY, "poisoned-test", _Poisoned)  # (for this test; inherited by the forked workers)
    _copies(tmp_path / "in", 3)
    (tmp_path / "in" / "poison.pdf").write_bytes(PDF)
    rows = list(batch([str(tmp_path / "in")], engine="poisoned-test", workers=2, cache=False, correct=False))
    assert len(rows) == 12
    bad = [r for r in rows if r["error"]]
    assert [(Path(r["path"]).name, r["page"]) for r in bad] == [("poison.pdf", 2)]
    assert "died again" in bad[0]["error"]
    assert all(r["text"] for r in rows if not r["error"])  # every other page read, poison.pdf's 1 and 3 too


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(c) for c in text]
    return found


def test_a_worker_killed_from_outside_is_replaced_and_its_page_read_again(tmp_path):
    _copies(tmp_path / "in", 8)
    out = tmp_path / "out.csv"
    journal = Path(str(out) + ".journal.sqlite")
    proc = subprocess.Popen([sys.executable, "-m", "ocrkit", "batch", str(tmp_path / "in"), "--out", str(out), "--no-cache",
                             "-j", "2", "--no-correct"], stderr=subprocess.PIPE, text=True)
    wait_for_pages(journal, 3)
    workers = _children(proc.pid)
    assert workers, "no worker processes"
    os.kill(workers[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 24 and all(r["text"] and not r["error"] for r in rows)


def test_a_damaged_cache_is_moved_aside_and_rebuilt(tmp_path):
    cache = tmp_path / "pages.sqlite"
    cache.write_bytes(b"this is not a database" * 100)
    (tmp_path / "doc.pdf").write_bytes(PDF)
    with pytest.warns(UserWarning, match="damaged"):
        rows = list(batch([str(tmp_path / "doc.pdf")], cache=str(cache), workers=1, correct=False))
    assert len(rows) == 3 and all(r["text"] for r in rows)
    assert list(tmp_path.glob("pages.sqlite.damaged-*"))  # kept for whoever wants to look
    again = list(batch([str(tmp_path / "doc.pdf")], cache=str(cache), workers=1, correct=False))
    assert all(r["cached"] for r in again)


def test_an_output_that_cannot_be_written_fails_before_any_page_is_read(tmp_path):
    (tmp_path / "doc.pdf").write_bytes(PDF)
    (tmp_path / "a-file").write_text("not a folder")
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ocrkit", "batch", str(tmp_path / "doc.pdf"), "--out", str(tmp_path / "a-file" / "out.csv"),
                           "--no-cache"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "Cannot write" in done.stderr and "Traceback" not in done.stderr
    assert time.perf_counter() - t < 10 and not list(tmp_path.glob("**/*.journal.sqlite"))  # nothing was read


def test_an_output_past_the_file_size_limit_ends_with_a_clear_error_and_keeps_the_pages(tmp_path):
    _copies(tmp_path / "in", 20)  # 60 pages: some 41 kB of CSV
    out, cache = tmp_path / "out.csv", tmp_path / "pages.sqlite"

    def limit() -> None:  # (in the child: no file it writes may grow past 36 kB; SQLite's -shm file takes 32)
        resource.setrlimit(resource.RLIMIT_FSIZE, (36 * 1024, 36 * 1024))

    # the pages are read first, without the limit: then only the output grows
    list(batch([str(tmp_path / "in")], cache=str(cache), workers=2, correct=False))
    done = subprocess.run([sys.executable, "-m", "ocrkit", "batch", str(tmp_path / "in"), "--out", str(out), "--cache", str(cache),
                           "-j", "1", "--no-correct"], capture_output=True, text=True, timeout=120, preexec_fn=limit)
    assert done.returncode == 1 and "Cannot write" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not out.exists() and not list(tmp_path.glob(".out.csv.tmp-*"))  # nothing half-written
    with sqlite3.connect(cache) as db:
        assert db.execute("SELECT count(*) FROM pages").fetchone()[0] == 60
