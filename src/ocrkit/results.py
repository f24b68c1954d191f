"""The result tree: ``OCRResult`` → ``Page`` → ``Line`` → ``Word`` (→ ``Symbol`` alternatives).

Conventions, the same everywhere in ocrkit:

* Boxes are ``(x0, y0, x1, y1)`` in pixels of the page image the engine read, origin top-left,
  ``x1``/``y1`` exclusive.
* Confidences are floats in ``0.0 .. 1.0``.
* Objects are frozen dataclasses; ``to_dict()`` / ``from_dict()`` round-trip through JSON.
* ``OCRResult.text`` is the plain text: words joined by their spacing, lines by ``\\n``, pages by
  a form feed ``\\f`` (as Tesseract does).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

Box = tuple[int, int, int, int]

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Choice:
    """One alternative reading of a character, with its probability (0..1)."""

    text: str
    probability: float


@dataclass(frozen=True)
class Symbol:
    """One recognised character (or grapheme) and the engine's alternatives for it."""

    text: str
    confidence: float
    choices: tuple[Choice, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "confidence": self.confidence,
            "choices": [[c.text, c.probability] for c in self.choices],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Symbol:
        return cls(d["text"], float(d["confidence"]), tuple(Choice(t, float(p)) for t, p in d.get("choices", ())))


@dataclass(frozen=True)
class Word:
    """A word as read: its text, pixel box, confidence and (optionally) per-character alternatives.

    ``spaces_before`` is how many blanks separate it from the previous word on the line.
    """

    text: str
    box: Box
    confidence: float
    symbols: tuple[Symbol, ...] = ()
    spaces_before: int = 1

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "text": self.text,
            "box": list(self.box),
            "confidence": self.confidence,
        }
        if self.spaces_before != 1:
            d["spaces_before"] = self.spaces_before
        if self.symbols:
            d["symbols"] = [s.to_dict() for s in self.symbols]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Word:
        return cls(
            text=d["text"],
            box=_box(d["box"]),
            confidence=float(d["confidence"]),
            symbols=tuple(Symbol.from_dict(s) for s in d.get("symbols", ())),
            spaces_before=int(d.get("spaces_before", 1)),
        )


@dataclass(frozen=True)
class Line:
    """A line of text: its words in reading order and its pixel box."""

    words: tuple[Word, ...]
    box: Box

    @property
    def text(self) -> str:
        parts: list[str] = []
        for i, w in enumerate(self.words):
            if i:
                parts.append(" " * max(1, w.spaces_before))
            parts.append(w.text)
        return "".join(parts)

    @property
    def confidence(self) -> float:
        """Mean word confidence of the line (1.0 for an empty line)."""
        if not self.words:
            return 1.0
        return sum(w.confidence for w in self.words) / len(self.words)

    def to_dict(self) -> dict[str, Any]:
        return {"box": list(self.box), "words": [w.to_dict() for w in self.words]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Line:
        return cls(tuple(Word.from_dict(w) for w in d["words"]), _box(d["box"]))


@dataclass(frozen=True)
class Page:
    """One page: its lines, the size in pixels and resolution of the image that was read."""

    number: int  # 1-based
    width: int
    height: int
    dpi: float | None
    lines: tuple[Line, ...]
    source: str | None = None
    steps: tuple[dict[str, Any], ...] = ()  # preprocessing steps that ran, with their parameters
    lang: str | None = None  # the language(s) the page was read and is corrected in, e.g. "fra"
    model: str | None = None  # the engine's model setting that read it, e.g. "frk+deu" (Fraktur)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def words(self) -> Iterator[Word]:
        for line in self.lines:
            yield from line.words

    @property
    def confidence(self) -> float:
        """Mean word confidence on the page (1.0 when there are no words)."""
        ws = list(self.words)
        return sum(w.confidence for w in ws) / len(ws) if ws else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "width": self.width,
            "height": self.height,
            "dpi": self.dpi,
            "source": self.source,
            "steps": list(self.steps),
            **({"lang": self.lang} if self.lang else {}),
            **({"model": self.model} if self.model else {}),
            "lines": [line.to_dict() for line in self.lines],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Page:
        return cls(
            number=int(d["number"]),
            width=int(d["width"]),
            height=int(d["height"]),
            dpi=None if d.get("dpi") is None else float(d["dpi"]),
            lines=tuple(Line.from_dict(line) for line in d["lines"]),
            source=d.get("source"),
            steps=tuple(d.get("steps", ())),
            lang=d.get("lang"),
            model=d.get("model"),
        )


@dataclass(frozen=True)
class Correction:
    """One change the post-processor made.

    ``page``/``line`` are 1-based/0-based indexes into the result tree; ``start``/``end`` are
    character offsets of the original in ``line`` text of the *raw* result (``None`` for
    plain-text input, where they index the input line).
    """

    original: str
    replacement: str
    page: int
    line: int
    start: int
    end: int
    probability: float
    reason: str

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Correction:
        return cls(**d)


@dataclass(frozen=True)
class OCRResult:
    """What ``OCREngine.recognize()`` and ``run_postprocessor()`` return."""

    pages: tuple[Page, ...]
    engine: str
    engine_version: str
    lang: str
    corrections: tuple[Correction, ...] = ()
    corrected: bool = False
    raw_text: str | None = None  # the text before correction, on corrected results
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\f".join(p.text for p in self.pages)

    @property
    def lines(self) -> Iterator[Line]:
        for p in self.pages:
            yield from p.lines

    @property
    def words(self) -> Iterator[Word]:
        for p in self.pages:
            yield from p.words

    @property
    def confidence(self) -> float:
        ws = list(self.words)
        return sum(w.confidence for w in ws) / len(ws) if ws else 1.0

    def with_pages(self, pages: tuple[Page, ...], **changes: Any) -> OCRResult:
        return replace(self, pages=pages, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "engine": self.engine,
            "engine_version": self.engine_version,
            "lang": self.lang,
            "text": self.text,
            "corrected": self.corrected,
            "raw_text": self.raw_text,
            "corrections": [c.to_dict() for c in self.corrections],
            "meta": self.meta,
            "pages": [p.to_dict() for p in self.pages],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> OCRResult:
        if d.get("schema", SCHEMA_VERSION) > SCHEMA_VERSION:
            raise ValueError(f"result schema {d['schema']} is newer than this ocrkit understands; upgrade ocrkit")
        return cls(
            pages=tuple(Page.from_dict(p) for p in d["pages"]),
            engine=d["engine"],
            engine_version=d["engine_version"],
            lang=d["lang"],
            corrections=tuple(Correction.from_dict(c) for c in d.get("corrections", ())),
            corrected=bool(d.get("corrected", False)),
            raw_text=d.get("raw_text"),
            meta=dict(d.get("meta", {})),
        )


def _box(b: Any) -> Box:
    x0, y0, x1, y1 = (int(v) for v in b)
    return (x0, y0, x1, y1)
