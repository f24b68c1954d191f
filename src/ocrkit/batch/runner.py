"""Read many files, page by page, in parallel, with a cache, resume and an error log.

The unit of reading is one page: ``(file, page index)``. Pages run on worker processes (one OCR
engine per process, loaded once, ``OMP_THREAD_LIMIT=1`` each, so N workers use N cores), or on
the workers of a Dask distributed cluster (``scheduler="tcp://host:port"``), where each worker
process also loads the engine once. Every page read is committed to a SQLite store at once, so a
run that is killed resumes where it stopped, and a re-run reads from the cache. The unit of
correction is the file: its pages are corrected together, as one document, once they are all
read (see :mod:`ocrkit.batch.documents`); rows come out a file at a time.
"""

from __future__ import annotations

import glob
import os
import signal
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from .._version import __version__
from ..engines.base import default_engine
from ..errors import InputNotFoundError, OCRKitError
from .cache import PageStore, default_cache_path, document_key, file_digest, page_key
from .documents import finish_document

#: file extensions a folder is searched for
EXTENSIONS = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp", ".gif", ".pdf", ".jp2", ".pnm", ".pbm", ".pgm", ".ppm"}


@dataclass(frozen=True)
class BatchSettings:
    """What every page is read with (and what the cache key covers)."""

    lang: str = "eng"
    engine: str = field(default_factory=default_engine)  # auto where RapidOCR is installed
    correct: bool = True
    model: str | None = None  # correction model file; None = the default model for lang
    dpi: int = 300
    preprocess: str = "auto"  # a Pipeline spec string: auto, none, seed, or step names
    script: str = "auto"  # typeface: auto, latin or fraktur (see OCREngine)

    def fingerprint(self, engine_version: str) -> dict[str, Any]:
        """What a page's raw reading depends on (its correction is made afresh from it)."""
        return {"engine": self.engine, "engine_version": engine_version, "lang": self.lang,
                "dpi": self.dpi, "preprocess": self.preprocess, "preprocess_version": __version__,
                **({"script": self.script} if self.script != "auto" else {})}

    def postprocessor(self) -> Any:
        """The corrector the pages are corrected with, or None."""
        if not self.correct:
            return None
        from ..correct.languages import postprocessor_for

        return postprocessor_for(self.lang, self.model)

    def corrector_fingerprint(self) -> str | None:
        """What a file's corrected rows depend on besides its pages' readings."""
        if not self.correct:
            return None
        if self.model == "user":
            from ..correct.usermodels import UserModels

            path = UserModels().path(self.lang)
            return f"user:{file_digest(path) if path.exists() else 'none'}:{__version__}"
        return f"file:{file_digest(self.model)}" if self.model else f"default:{__version__}"


# --- worker side ------------------------------------------------------------------------------
_STATE: dict[BatchSettings, Any] = {}


def _worker_engine(settings: BatchSettings) -> Any:
    """The engine of this process for ``settings`` (created once)."""
    hit = _STATE.get(settings)
    if hit is None:
        from ..engine import OCREngine

        hit = _STATE[settings] = OCREngine(lang=settings.lang, engine=settings.engine, dpi=settings.dpi,
                                           preprocess=settings.preprocess, script=settings.script)
    return hit


def read_page(settings: BatchSettings, path: str, index: int) -> dict[str, Any]:
    """Read page ``index`` (0-based) of ``path``: its raw row (the engine's reading, with its
    character alternatives; corrected later with the file's other pages). Never raises for bad
    input."""
    t0 = time.perf_counter()
    row = blank_row(settings, path, index + 1)
    try:
        engine = _worker_engine(settings)
        from ..io import open_input
        from ..results import OCRResult

        with open_input(path, dpi=settings.dpi, max_pixels=engine.max_pixels) as doc:
            page = engine.recognize_page(doc.page(index))
        result = OCRResult((page,), engine.engine.name, engine.engine.version(), settings.lang)
        confs = [w.confidence for w in page.words]
        row["raw_text"] = row["text"] = result.text
        row["page_tree"] = page.to_dict()  # (corrected with the file's other pages, see documents.py)
        row["engine_version"] = result.engine_version
        row["lang"] = page.lang or settings.lang
        row["mean_confidence"] = sum(confs) / len(confs) if confs else None
        row["min_confidence"] = min(confs) if confs else None
    except OCRKitError as exc:
        row["error"] = f"{type(exc).__name__}: {exc}"
    except Exception as exc:  # a batch must go on past anything one page does
        row["error"] = f"{type(exc).__name__}: {exc}"
    row["seconds"] = round(time.perf_counter() - t0, 4)
    return row


def blank_row(settings: BatchSettings, path: str, page: int, error: str | None = None) -> dict[str, Any]:
    """An output row with nothing read yet (or only an error)."""
    return {"path": path, "page": page, "lang": settings.lang, "engine": settings.engine,
            "engine_version": None, "text": None, "raw_text": None, "mean_confidence": None,
            "min_confidence": None, "seconds": 0.0 if error else None, "cached": False, "error": error}


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


# --- planning ---------------------------------------------------------------------------------
def expand_inputs(inputs: Iterable[str | os.PathLike]) -> tuple[list[Path], list[str]]:
    """Files, folders (searched recursively for images and PDFs) and globs → (files, missing)."""
    files: list[Path] = []
    missing: list[str] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in EXTENSIONS))
        elif p.is_file():
            files.append(p)
        elif glob.has_magic(str(item)):
            matched = sorted(Path(m) for m in glob.glob(str(item), recursive=True) if Path(m).is_file())
            files.extend(matched) if matched else missing.append(str(item))
        else:
            missing.append(str(item))
    seen: set[Path] = set()
    unique = []
    for f in files:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(f)
    return unique, missing


@dataclass(frozen=True)
class Task:
    path: str
    index: int
    key: str


@dataclass
class BatchStats:
    pages: int = 0
    cached: int = 0
    failed: int = 0
    files_failed: set[str] = field(default_factory=set)
    seconds: float = 0.0
    interrupted: bool = False


class BatchRun:
    """One batch: plan the pages, then iterate the rows as they finish.

    ``store`` is the SQLite page store (cache or journal). ``workers`` processes read pages, or
    the Dask cluster at ``scheduler``.
    """

    def __init__(self, inputs: Iterable[str | os.PathLike], settings: BatchSettings, store: PageStore,
                 *, workers: int | None = None, scheduler: str | None = None, read_cache: bool = True,
                 progress: bool = False):
        self.settings = settings
        self.store = store
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.scheduler = scheduler
        self.read_cache = read_cache
        self.progress = progress
        self.stats = BatchStats()
        self.order: list[tuple[str, int, str | None]] = []  # (path, page, key or None for an error row)
        self.errors: dict[tuple[str, int], dict[str, Any]] = {}
        self.tasks: list[Task] = []
        self._t0 = time.perf_counter()
        self._from_cache: set[str] = set()
        self._keys: dict[str, list[str]] = {}  # path -> its pages' keys, in page order
        self._waiting: dict[str, dict[int, dict[str, Any]]] = {}  # path -> page index -> raw row
        self._postprocessor: Any = None
        self._corrector_fp = settings.corrector_fingerprint()
        if settings.model:
            self._postprocessor = settings.postprocessor()  # (a bad model fails here, before any page is read)
        self._plan(inputs)

    # planning: enumerate pages without decoding them
    def _plan(self, inputs: Iterable[str | os.PathLike]) -> None:
        from ..engines import create_engine
        from ..io import open_input

        files, missing = expand_inputs(inputs)
        for m in missing:
            self._error_row(m, 0, str(InputNotFoundError(m)), "InputNotFoundError")
        from ..language import candidates

        probe = create_engine(self.settings.engine, candidates(self.settings.lang)[0])  # fails early on a bad language
        fingerprint = self.settings.fingerprint(probe.version())
        probe.close()
        for f in files:
            path = str(f)
            try:
                with open_input(f, dpi=self.settings.dpi) as doc:
                    count = len(doc)
                digest = file_digest(f)
            except OCRKitError as exc:
                self._error_row(path, 0, str(exc), type(exc).__name__)
                continue
            except OSError as exc:
                self._error_row(path, 0, f"cannot read the file: {exc}", "InputError")
                continue
            self._keys[path] = []
            for i in range(count):
                key = page_key(digest, i + 1, fingerprint)
                self._keys[path].append(key)
                self.tasks.append(Task(path, i, key))
                self.order.append((path, i + 1, key))

    def _error_row(self, path: str, page: int, message: str, kind: str) -> None:
        self.errors[(path, page)] = blank_row(self.settings, path, page, f"{kind}: {message}")
        self.order.append((path, page, None))

    @property
    def total(self) -> int:
        return len(self.tasks) + sum(1 for k in self.order if k[2] is None)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        bar = _progress_bar(self.total, self.progress)
        try:
            for row in self.errors.values():
                self._count(row)
                bar.update(1)
                yield row
            todo: list[Task] = []
            done = dict(self.store.get_many(t.key for t in self.tasks)) if self.read_cache else {}
            for t in self.tasks:
                hit = done.get(t.key)
                if hit is not None:
                    self._from_cache.add(t.key)
                    hit = dict(hit, path=t.path, cached=True)
                    self.stats.cached += 1
                    self._count(hit)
                    bar.update(1)
                    yield from self._arrived(t, hit)
                else:
                    todo.append(t)
            for task, row in self._execute(todo):
                if not row.get("error"):
                    self.store.put(task.key, row)
                else:
                    self.errors[(task.path, task.index + 1)] = row
                self._count(row)
                bar.update(1)
                yield from self._arrived(task, row)
        except KeyboardInterrupt:
            self.stats.interrupted = True
        finally:
            bar.close()
            self.stats.seconds = time.perf_counter() - self._t0

    def _arrived(self, task: Task, row: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """Hold a page's raw row until its file's pages are all in; then the file's final rows."""
        pages = self._waiting.setdefault(task.path, {})
        pages[task.index] = row
        if len(pages) == len(self._keys[task.path]):
            del self._waiting[task.path]
            yield from self._finish(task.path, [pages[i] for i in sorted(pages)])

    @property
    def postprocessor(self) -> Any:
        """The corrector of this run (loaded when a file must be corrected), or None."""
        if self._postprocessor is None and self.settings.correct:
            self._postprocessor = self.settings.postprocessor()
        return self._postprocessor

    def _finish(self, path: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A file's final rows, corrected together; those of a whole file that was read before
        (the same pages' readings, the same corrector) come from the store."""
        page_keys = self._keys.get(path, [])
        whole = bool(page_keys) and len(rows) == len(page_keys) and not any(r.get("error") for r in rows)
        doc_key = document_key(page_keys, self._corrector_fp) if whole and self._corrector_fp else None
        if doc_key is not None:
            hit = self.store.get(doc_key)
            if hit is not None:
                return [dict(done, path=row["path"], cached=row.get("cached", False)) for done, row in zip(hit["rows"], rows)]
        done = finish_document(rows, self.postprocessor)
        if doc_key is not None:
            self.store.put(doc_key, {"rows": done})
        return done

    def _count(self, row: dict[str, Any]) -> None:
        self.stats.pages += 1
        if row.get("error"):
            self.stats.failed += 1
            self.stats.files_failed.add(row["path"])

    def _execute(self, todo: list[Task]) -> Iterator[tuple[Task, dict[str, Any]]]:
        if not todo:
            return
        if self.scheduler:
            yield from _run_dask(self.scheduler, self.settings, todo)
        elif self.workers == 1:
            for t in todo:
                yield t, read_page(self.settings, t.path, t.index)
        else:
            yield from _run_pool(self.workers, self.settings, todo)

    def documents(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """(path, its finished rows in page order) for every input file with a page read."""
        current: str | None = None
        rows: list[dict[str, Any]] = []
        for row in self.rows_in_order():
            if row["path"] != current:
                if current is not None and rows:
                    yield current, rows
                current, rows = row["path"], []
            if not row.get("error") and row.get("page_tree"):
                rows.append(row)
        if current is not None and rows:
            yield current, rows

    def rows_in_order(self) -> Iterator[dict[str, Any]]:
        """Every planned page once, in input order, each file's pages corrected together (error
        rows as they are); pages not read (an interrupted run) are left out, and a file's read
        pages are corrected without them. Reads the store a file at a time."""
        for path, entries in groupby(self.order, key=lambda entry: entry[0]):
            window = list(entries)
            found = dict(self.store.get_many(k for _, _, k in window if k is not None))
            rows = []
            for _, page, key in window:
                if key is not None and key in found:
                    rows.append(dict(found[key], path=path, cached=key in self._from_cache))
                elif (path, page) in self.errors:
                    rows.append(self.errors[(path, page)])
            yield from self._finish(path, rows)


def _run_pool(workers: int, settings: BatchSettings, todo: list[Task]) -> Iterator[tuple[Task, dict[str, Any]]]:
    """Read the pages on a pool of worker processes. A worker that dies (killed, out of memory,
    a crash in a native library) breaks the pool: a new one takes over, and each page that was in
    the broken pool is read again on its own; a page whose own reading breaks the pool again is
    reported as an error row."""
    import multiprocessing as mp
    from concurrent.futures.process import BrokenProcessPool

    ctx = mp.get_context("fork") if sys.platform.startswith("linux") else mp.get_context("spawn")

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker)

    pool = new_pool()
    queue = deque(todo)
    suspects: deque[Task] = deque()  # pages that were in a pool that broke: read again one at a time
    running: dict[Future, Task] = {}
    try:
        while queue or suspects or running:
            # suspects go one at a time, into an empty pool; the queue waits until they are done
            source, limit = (suspects, 0 if running else 1) if suspects else (queue, workers * 3)
            while source and len(running) < limit:
                t = source.popleft()
                try:
                    running[pool.submit(read_page, settings, t.path, t.index)] = t
                except BrokenProcessPool:
                    source.appendleft(t)
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = new_pool()
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            alone = len(running) == 1
            for fut in finished:
                t = running.pop(fut)
                try:
                    row = fut.result()
                except BrokenProcessPool:
                    if not alone:
                        suspects.append(t)
                        continue
                    row = read_page_error(settings, t, RuntimeError(
                        "the worker process reading this page died (killed, out of memory, or a crash in the engine); "
                        "it died again when the page was read on its own"))
                except Exception as exc:
                    row = read_page_error(settings, t, exc)
                yield t, row
    finally:
        pool.shutdown(wait=not queue and not running, cancel_futures=True)


def read_page_error(settings: BatchSettings, t: Task, exc: BaseException) -> dict[str, Any]:
    return blank_row(settings, t.path, t.index + 1, f"WorkerError: {exc}")


def _run_dask(address: str, settings: BatchSettings, todo: list[Task]) -> Iterator[tuple[Task, dict[str, Any]]]:
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise OCRKitError("--scheduler needs Dask: `pip install 'ocrkit[dask]'`.") from exc
    try:
        client = Client(address, set_as_default=False, timeout=30)
    except OSError as exc:
        raise OCRKitError(f"Cannot reach the Dask scheduler at {address}: {exc}. Start one with `dask scheduler`.") from exc
    try:
        n = max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info().get("workers", {}).values()))
        queue = deque(todo)
        futures: dict[Any, Task] = {}
        while queue and len(futures) < n * 3:
            t = queue.popleft()
            futures[client.submit(read_page, settings, t.path, t.index, pure=False)] = t
        with client.as_current():
            ac = as_completed(list(futures))
            for fut in ac:
                t = futures.pop(fut)
                try:
                    row = fut.result()
                except Exception as exc:
                    row = read_page_error(settings, t, exc)
                yield t, row
                if queue:
                    nt = queue.popleft()
                    nf = client.submit(read_page, settings, nt.path, nt.index, pure=False)
                    futures[nf] = nt
                    ac.add(nf)
    finally:
        client.close()


class _NoBar:
    def update(self, n: int) -> None: ...
    def close(self) -> None: ...


def _progress_bar(total: int, enabled: bool):  # type: ignore[no-untyped-def]
    if not enabled:
        return _NoBar()
    try:
        from tqdm import tqdm
    except ImportError:
        return _NoBar()
    return tqdm(total=total, unit="page", dynamic_ncols=True, file=sys.stderr)


def batch(
    inputs: Iterable[str | os.PathLike] | str | os.PathLike,
    *,
    lang: str = "eng",
    engine: str | None = None,
    correct: bool = True,
    model: str | None = None,
    dpi: int = 300,
    preprocess: str = "auto",
    script: str = "auto",
    workers: int | None = None,
    cache: str | os.PathLike | bool | None = True,
    scheduler: str | None = None,
    progress: bool = False,
) -> Iterator[dict[str, Any]]:
    """Read files, folders and globs page by page; yield one row (a dict) per page as it finishes.

    ``cache``: ``True`` for the default cache (``~/.cache/ocrkit/pages.sqlite``), a path for
    another, ``False``/``None`` for none. Rows for files that cannot be read have ``error`` set.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    settings = BatchSettings(lang=lang, engine=engine or default_engine(), correct=correct, model=model, dpi=dpi, preprocess=preprocess,
                             script=script)
    tmpdir = None
    if cache is True:
        store_path: Path = default_cache_path()
    elif cache:
        store_path = Path(cache)
    else:
        tmpdir = tempfile.TemporaryDirectory(prefix="ocrkit-")
        store_path = Path(tmpdir.name) / "journal.sqlite"
    store = PageStore(store_path)
    try:
        yield from BatchRun(inputs, settings, store, workers=workers, scheduler=scheduler, progress=progress)
    finally:
        store.close()
        if tmpdir is not None:
            tmpdir.cleanup()


__all__ = ["batch", "BatchRun", "BatchSettings", "BatchStats", "read_page", "expand_inputs"]
