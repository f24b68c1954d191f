"""A SQLite store of finished pages: the cache between runs and the journal that makes a killed
run resumable.

Rows are keyed by a hash of everything that changes the output: the input file's bytes, the
page number, the engine and its version, the language, the preprocessing and the correction
model. The database runs in WAL mode and commits every row as it arrives, so a run killed at
any moment (even with SIGKILL) loses at most the pages that were being read.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import OCRKitError

SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    key TEXT PRIMARY KEY,
    row TEXT NOT NULL,
    created REAL NOT NULL
);
"""


def default_cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ocrkit" / "pages.sqlite"


def file_digest(path: str | os.PathLike, chunk: int = 1 << 20) -> str:
    """SHA-256 of a file's bytes, read in chunks (a large PDF is never read whole)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while True:
            b = fh.read(chunk)
            if not b:
                break
            h.update(b)
    return h.hexdigest()


def page_key(file_hash: str, page: int, settings: dict[str, Any]) -> str:
    blob = json.dumps([file_hash, page, settings], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def document_key(page_keys: list[str], corrector: str | None) -> str:
    """The key of a file's corrected rows: its pages' readings and the corrector."""
    blob = json.dumps(["document", page_keys, corrector], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class PageStore:
    """Finished page rows in SQLite (WAL); safe to open from several processes."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open()
        except sqlite3.OperationalError as exc:  # locked, read-only, a full disk: not damage
            raise OCRKitError(f"Cannot use the page cache {self.path}: {exc}. Use another --cache, or --no-cache.") from exc
        except sqlite3.DatabaseError as exc:  # a damaged file: keep it aside, start afresh
            aside = self.path.with_name(f"{self.path.name}.damaged-{int(time.time())}")
            for suffix in ("", "-wal", "-shm"):
                src = Path(str(self.path) + suffix)
                if src.exists():
                    src.replace(Path(str(aside) + suffix))
            warnings.warn(f"ocrkit: the page cache {self.path} was damaged ({exc}); moved it to {aside} and started a new one",
                          stacklevel=2)
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path), timeout=60, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(SCHEMA)
            problem = db.execute("PRAGMA quick_check").fetchone()[0]
            if problem != "ok":
                raise sqlite3.DatabaseError(problem)
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def get(self, key: str) -> dict[str, Any] | None:
        cur = self._db.execute("SELECT row FROM pages WHERE key = ?", (key,))
        hit = cur.fetchone()
        return json.loads(hit[0]) if hit else None

    def get_many(self, keys: Iterable[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        keys = list(keys)
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for key, row in self._db.execute(f"SELECT key, row FROM pages WHERE key IN ({marks})", chunk):
                yield key, json.loads(row)

    def put(self, key: str, row: dict[str, Any]) -> None:
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO pages (key, row, created) VALUES (?, ?, ?)",
                (key, json.dumps(row, ensure_ascii=False), time.time()),
            )
        except sqlite3.OperationalError as exc:  # a full disk, a file size limit, the folder gone
            raise OCRKitError(f"Cannot write the page cache {self.path}: {exc}. The pages stored so far are kept; "
                              "free some space (or pass another --cache) and run the batch again to go on.") from exc

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> PageStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
