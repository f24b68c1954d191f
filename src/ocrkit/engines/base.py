"""The engine contract and the registry of engines.

An engine turns one page image into a :class:`~ocrkit.results.Page`: lines of words with pixel
boxes, confidences in 0..1 and, where the engine has them, per-character alternatives. Engines
load their models once, in ``__init__``, and are reused for every page.

Engines are looked up by name in a registry; the CLI reads its choices from it. Third-party
packages add engines through the ``ocrkit.engines`` entry-point group, whose objects are
callables ``(lang: str, **options) -> Engine``.
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import EngineNotAvailableError
from ..io import PageImage
from ..results import Box, Page

if TYPE_CHECKING:
    import numpy as np

EngineFactory = Callable[..., "Engine"]


class Engine(abc.ABC):
    """One OCR engine, loaded for one language setting."""

    #: registry name, e.g. ``"tesseract"``
    name: str = ""

    @abc.abstractmethod
    def version(self) -> str:
        """The engine's version string."""

    @abc.abstractmethod
    def languages(self) -> list[str]:
        """Language codes this engine can read on this machine."""

    @abc.abstractmethod
    def recognize(self, page: PageImage) -> Page:
        """Read one page image."""

    def first_reading(self, page: PageImage) -> Page:
        """A first, cheap reading of the page, for choosing its language and typeface (whose
        confidences are comparable between the models of one engine); :meth:`refine` makes
        the final reading from it. An engine that reads in one pass reads here."""
        return self.recognize(page)

    def refine(self, page: PageImage, first: Page) -> Page:
        """The final reading of ``page``, given :meth:`first_reading`'s (which is, for an
        engine that reads in one pass)."""
        return first

    def close(self) -> None:  # noqa: B027 (optional: most engines hold nothing to free)
        """Free the engine's resources (models, native handles)."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True)
class Reading:
    """What a reader made of an image of one word or line."""

    text: str
    confidence: float  # 0..1


@dataclass(frozen=True)
class WordSpan:
    """A word a reader found in an image of a line, with its horizontal extent in pixels."""

    text: str
    x0: int
    x1: int
    confidence: float  # 0..1


class LineReader(Protocol):
    """A reader that fusion (``engine="auto"``) asks about parts of a page: a whole page, a
    word's crop, a line's crop, the text boxes of a page. RapidOCR is one."""

    def recognize(self, page: PageImage) -> Page: ...

    def read_crop(self, crop: np.ndarray) -> Reading:
        """One gray image of a single word or line, read whole."""
        ...

    def read_words(self, crop: np.ndarray) -> list[WordSpan]:
        """One gray image of a text line, read into words."""
        ...

    def detect(self, gray: np.ndarray) -> list[Box]:
        """The boxes of the text lines on a gray page (no reading)."""
        ...

    def close(self) -> None: ...


_REGISTRY: dict[str, EngineFactory] = {}
_ENTRY_POINTS_LOADED = False


def register_engine(name: str, factory: EngineFactory) -> None:
    """Make an engine available under ``name`` (overrides an existing registration)."""
    _REGISTRY[name] = factory


def available_engines() -> list[str]:
    """Names of every registered engine (built-in and from entry points)."""
    _load_entry_points()
    return sorted(_REGISTRY)


def default_engine() -> str:
    """The engine ocrkit reads with unless told: the environment variable ``OCRKIT_ENGINE`` where
    it is set, else ``"auto"`` (Tesseract, with RapidOCR for the pages and lines Tesseract reads
    poorly) where RapidOCR is installed, else ``"tesseract"``."""
    import os
    from importlib.util import find_spec

    if os.environ.get("OCRKIT_ENGINE"):
        return os.environ["OCRKIT_ENGINE"]
    return "auto" if find_spec("rapidocr") is not None and find_spec("onnxruntime") is not None else "tesseract"


def create_engine(name: str, lang: str, **options: Any) -> Engine:
    """Instantiate engine ``name`` for ``lang``; raise :class:`EngineNotAvailableError` if unknown."""
    _load_entry_points()
    try:
        factory = _REGISTRY[name]
    except KeyError:
        raise EngineNotAvailableError(
            f"Unknown engine {name!r}; available: {', '.join(sorted(_REGISTRY)) or 'none'}. "
            "Third-party engines register under the 'ocrkit.engines' entry point."
        ) from None
    return factory(lang, **options)


def _load_entry_points() -> None:
    global _ENTRY_POINTS_LOADED
    if _ENTRY_POINTS_LOADED:
        return
    _ENTRY_POINTS_LOADED = True
    for ep in metadata.entry_points(group="ocrkit.engines"):
        if ep.name not in _REGISTRY:
            try:
                _REGISTRY[ep.name] = ep.load()
            except Exception:  # a broken plug-in must not break ocrkit; it is simply not offered
                continue
