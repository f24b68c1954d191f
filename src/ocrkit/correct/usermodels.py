"""A user's own correction models: one per language, learning every fix the user saves.

Kept in the user data folder: ``$OCRKIT_HOME``, else ``$XDG_DATA_HOME/ocrkit``, else
``~/.local/share/ocrkit``; under ``models/``, ``LANG.model`` (the model, as ``PostProcessor.save``
writes it) and ``LANG.learned.jsonl`` (what it learned: one record per save, with the time, the
document and the pairs). A model starts from the language's default and learns each save
incrementally (``PostProcessor.update``: under a second for a page). Undoing a document rebuilds
the model from the default and the records that remain; reset removes both files.

Writes are atomic (a temporary file renamed over the old) and serialised between processes by
a lock file, so two processes learning at once lose nothing. A model file that cannot be read
falls back to the default model with a warning: reading never fails because of it.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import json
import os
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelError
from .align import Alignment, align_documents
from .postprocessor import PostProcessor

USER = "user"


def home() -> Path:
    """The folder ocrkit keeps a user's data in."""
    explicit = os.environ.get("OCRKIT_HOME")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "ocrkit"


@dataclass(frozen=True)
class Learned:
    """What one save taught a model."""

    lang: str
    document: str
    pairs: int  # lines learned (changed ones and the unchanged lines around them)
    changed: int  # lines the person fixed
    skipped: tuple[str, ...]  # OCR lines that could not be aligned with the fixed text
    confusions: tuple[tuple[str, str], ...]  # (what was printed, what was meant) first seen now
    words: tuple[str, ...]  # words the model had not seen before
    seconds: float


@dataclass(frozen=True)
class ModelInfo:
    """One of the user's models, as ``ocrkit models`` lists it."""

    lang: str
    pairs: int
    documents: tuple[str, ...]
    size: int  # bytes of the model file
    path: Path


class UserModels:
    """The user's models in ``folder`` (default: :func:`home`)."""

    def __init__(self, folder: str | os.PathLike | None = None) -> None:
        self.folder = Path(folder) if folder else home()
        self.models = self.folder / "models"

    def path(self, lang: str) -> Path:
        """Where the user's model for ``lang`` is kept (it may not exist yet)."""
        return self.models / f"{_safe(lang)}.model"

    def _log(self, lang: str) -> Path:
        return self.models / f"{_safe(lang)}.learned.jsonl"

    @contextlib.contextmanager
    def _locked(self, lang: str) -> Iterator[None]:
        self.models.mkdir(parents=True, exist_ok=True)
        with open(self.models / f".{_safe(lang)}.lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def load(self, lang: str) -> PostProcessor:
        """The user's model for ``lang`` (the default model where there is none yet, or where
        the file is damaged: then with a warning)."""
        path = self.path(lang)
        pp = PostProcessor(lang=lang)
        if path.exists():
            try:
                pp = PostProcessor.load(path)
            except ModelError as exc:
                warnings.warn(f"ocrkit: your model {path} cannot be read ({exc}); correcting with the default model. "
                              f"`ocrkit learn --lang {lang} --rebuild` makes it again from what it learned.", stacklevel=2)
                pp = PostProcessor(lang=lang)
        pp.label = f"user:{lang}"
        return pp

    def learn(self, lang: str, ocr_text: str, fixed_text: str, document: str = "") -> Learned:
        """Teach the user's model for ``lang`` the fixes between two versions of a document."""
        return self.learn_pairs(lang, align_documents(ocr_text, fixed_text), document)

    def learn_pairs(self, lang: str, alignment: Alignment | Sequence[tuple[str, str]], document: str = "") -> Learned:
        """Teach the user's model for ``lang`` these (OCR line, fixed line) pairs."""
        import time

        t0 = time.perf_counter()
        aligned = alignment if isinstance(alignment, Alignment) else Alignment(tuple(alignment))
        with self._locked(lang):
            pp = self.load(lang)
            confusions_before = set(pp.channel.learned)
            words_before = set(pp.memory.seen)
            pp.update(aligned.pairs)
            record = {"time": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                      "document": document, "pairs": [list(p) for p in aligned.pairs]}
            self._save(lang, pp)
            with open(self._log(lang), "a", encoding="utf-8") as fh:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        new_confusions = tuple(sorted((o, g) for g, o in set(pp.channel.learned) - confusions_before))
        new_words = tuple(sorted(set(pp.memory.seen) - words_before))
        return Learned(lang, document, len(aligned.pairs), aligned.changed, aligned.skipped, new_confusions, new_words,
                       time.perf_counter() - t0)

    def records(self, lang: str) -> list[dict]:
        """What the model for ``lang`` learned, save by save (oldest first)."""
        path = self._log(lang)
        if not path.exists():
            return []
        out = []
        for line in path.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError):
                out.append(json.loads(line))
        return out

    def undo(self, lang: str, document: str) -> int:
        """Forget what was learned from ``document``: the model is rebuilt from the default and
        the other records. Returns how many saves were dropped."""
        with self._locked(lang):
            records = self.records(lang)
            keep = [r for r in records if r.get("document") != document]
            self._rebuild(lang, keep)
        return len(records) - len(keep)

    def rebuild(self, lang: str, *, tune: bool = False) -> PostProcessor:
        """Make the model again from the default and every record (``tune``: with the decision
        parameters tuned on all of them, as ``PostProcessor.fit`` does: minutes, not a request's
        work)."""
        with self._locked(lang):
            return self._rebuild(lang, self.records(lang), tune=tune)

    def reset(self, lang: str) -> None:
        """Remove the user's model for ``lang`` and its record: reading uses the default again."""
        with self._locked(lang):
            for path in (self.path(lang), self._log(lang)):
                path.unlink(missing_ok=True)

    def all(self) -> list[ModelInfo]:
        """The user's models."""
        out = []
        for path in sorted(self.models.glob("*.model")) if self.models.exists() else []:
            lang = path.stem
            records = self.records(lang)
            docs = tuple(dict.fromkeys(r.get("document") or "(unnamed)" for r in records))
            out.append(ModelInfo(lang, sum(len(r.get("pairs", ())) for r in records), docs, path.stat().st_size, path))
        return out

    def _rebuild(self, lang: str, records: list[dict], *, tune: bool = False) -> PostProcessor:
        pairs = [(o, g) for r in records for o, g in r.get("pairs", ())]
        pp = PostProcessor(lang=lang)
        if pairs:
            pp.fit(pairs, tune=tune) if tune else pp.update(pairs)
        self._save(lang, pp)
        tmp = self._log(lang).with_suffix(".tmp")
        tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        os.replace(tmp, self._log(lang))
        pp.label = f"user:{lang}"
        return pp

    def _save(self, lang: str, pp: PostProcessor) -> None:
        tmp = self.models / f".{_safe(lang)}.model.tmp-{os.getpid()}"
        pp.save(tmp)
        os.replace(tmp, self.path(lang))


def _safe(lang: str) -> str:
    return "".join(c if c.isalnum() or c in "+-_" else "_" for c in lang)
