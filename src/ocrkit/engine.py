"""``OCREngine``: the facade users learn first (load an image, recognize it, post-process it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from .engines import Engine, create_engine
from .errors import NoImageLoadedError
from .io import DEFAULT_MAX_PIXELS, DEFAULT_PDF_DPI, InputDocument, open_input
from .io.loader import Source
from .results import OCRResult, Page

if TYPE_CHECKING:
    from .correct import PostProcessor


class OCREngine:
    """Read images, multi-page TIFFs and scanned PDFs; correct the text with a trained model.

    >>> engine = OCREngine(lang="eng")
    >>> engine.load_image("samples/sample_with_typos.png")
    >>> raw = engine.recognize()
    >>> enhanced = engine.run_postprocessor(raw)

    Parameters:
        lang: Tesseract language code(s), e.g. ``"eng"``, ``"fra"``, ``"eng+fra"``.
        engine: registry name of the OCR engine (``"tesseract"``), or an :class:`Engine` object.
        postprocessor: a :class:`~ocrkit.correct.PostProcessor` (default: the shipped model for
            ``lang``, loaded on first use).
        dpi: resolution at which PDF pages are rendered.
        max_pixels: refuse pages with more pixels than this (decompression bombs).
        engine_options: passed to the engine (for Tesseract: ``psm``, ``tessdata``, ``variables``).

    The OCR model is loaded once, here, and reused for every page. An ``OCREngine`` may be shared
    between threads (recognition is serialised); for parallel work create one per thread or
    process, or use ``ocrkit batch``.
    """

    def __init__(
        self,
        lang: str = "eng",
        engine: str | Engine = "tesseract",
        *,
        postprocessor: "PostProcessor | None" = None,
        dpi: int = DEFAULT_PDF_DPI,
        max_pixels: int = DEFAULT_MAX_PIXELS,
        **engine_options: Any,
    ) -> None:
        self.lang = lang
        self.dpi = dpi
        self.max_pixels = max_pixels
        self._engine = engine if isinstance(engine, Engine) else create_engine(engine, lang, **engine_options)
        self._postprocessor = postprocessor
        self._document: InputDocument | None = None

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def postprocessor(self) -> "PostProcessor":
        if self._postprocessor is None:
            from .correct import PostProcessor

            self._postprocessor = PostProcessor(lang=self.lang)
        return self._postprocessor

    def load_image(self, source: Source) -> "OCREngine":
        """Open ``source`` (path, bytes, file object, PIL image, numpy array; images, multi-frame
        TIFF, PDF) for :meth:`recognize`. Pages are decoded lazily, one at a time."""
        if self._document is not None:
            self._document.close()
        self._document = open_input(source, dpi=self.dpi, max_pixels=self.max_pixels)
        return self

    @property
    def page_count(self) -> int:
        if self._document is None:
            raise NoImageLoadedError()
        return len(self._document)

    def iter_pages(self) -> Iterator[Page]:
        """Recognise the loaded input page by page (only one page image in memory at a time)."""
        if self._document is None:
            raise NoImageLoadedError()
        for page_image in self._document:
            yield self._engine.recognize(page_image)

    def recognize(self, source: Source | None = None) -> OCRResult:
        """Read every page of the loaded input (or of ``source``) into an :class:`OCRResult`."""
        if source is not None:
            self.load_image(source)
        pages = tuple(self.iter_pages())
        return OCRResult(pages=pages, engine=self._engine.name, engine_version=self._engine.version(), lang=self.lang)

    def run_postprocessor(self, result: OCRResult) -> OCRResult:
        """Correct OCR errors in ``result``; the new result has ``.text`` and ``.corrections``."""
        return self.postprocessor.correct_result(result)

    def close(self) -> None:
        if self._document is not None:
            self._document.close()
            self._document = None
        self._engine.close()

    def __enter__(self) -> "OCREngine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
