"""``OCREngine``: the facade users learn first (load an image, recognize it, post-process it)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from .engines import Engine, create_engine, default_engine
from .engines.models import CONFIDENT, FEW_WORDS, SCRIPTS, script_models, shows_typeface
from .errors import LanguageNotInstalledError, NoImageLoadedError
from .io import DEFAULT_MAX_PAGES, DEFAULT_MAX_PIXELS, DEFAULT_PDF_DPI, InputDocument, PageImage, open_input
from .io.loader import Source
from .language import AUTO, candidates, identify
from .lexicon import Lexicon
from .preprocess import Pipeline, Spec
from .results import OCRResult, Page

if TYPE_CHECKING:
    from .correct import PostProcessor
    from .correct.languages import PostProcessorsByLanguage


#: a first reading with a mean word confidence under this is poor: the page is checked for
#: orientation, and its language is identified from its final reading
_POOR = 0.6


@dataclass(frozen=True)
class _Prepared:
    """A page image as the engine reads it, and how it was made from the original."""

    image: PageImage
    matrix: np.ndarray | None  # original -> prepared coordinates (None: not preprocessed)
    records: tuple[dict[str, Any], ...]  # the preprocessing steps that ran
    original: PageImage


class OCREngine:
    """Read images, multi-page TIFFs and scanned PDFs; correct the text with a trained model.

    >>> engine = OCREngine(lang="eng")
    >>> engine.load_image("samples/sample_with_typos.png")
    >>> raw = engine.recognize()
    >>> enhanced = engine.run_postprocessor(raw)

    Parameters:
        lang: Tesseract language code(s), e.g. ``"eng"``, ``"fra"``, ``"eng+fra"``; ``"auto"``
            identifies each page's language among the installed ones (``page.lang``).
        engine: registry name of the OCR engine (``"tesseract"``, ``"rapidocr"``, ``"auto"``), or
            an :class:`Engine` object. Default: ``"auto"`` where RapidOCR is installed (each
            page read by Tesseract, and by RapidOCR where Tesseract reads it poorly: see
            :mod:`ocrkit.engines.fusion`), else ``"tesseract"``.
        postprocessor: a :class:`~ocrkit.correct.PostProcessor` (default: the shipped model for
            ``lang``, loaded on first use).
        preprocess: ``"auto"`` (measure each page, apply only the steps it needs), ``None``,
            ``"seed"`` (upscale to 300 dpi + Otsu), or a list of step names / callables; see
            :mod:`ocrkit.preprocess`. Each page records the steps in ``page.steps``.
        script: ``"auto"`` (a page read with little confidence is read again with the models
            for other typefaces of its language, such as Fraktur, and the better reading kept),
            ``"latin"`` (read exactly with ``lang``), or ``"fraktur"`` (always the Fraktur
            model). ``page.model`` records the model that read each page.
        dpi: resolution at which PDF pages are rendered.
        max_pixels: refuse pages with more pixels than this (decompression bombs).
        max_pages: refuse files with more pages (PDF pages, TIFF or GIF frames) than this.
        engine_options: passed to the engine (for Tesseract: ``psm``, ``tessdata``, ``variables``).

    The OCR model is loaded once, here, and reused for every page. An ``OCREngine`` may be shared
    between threads (recognition is serialised); for parallel work create one per thread or
    process, or use ``ocrkit batch``.
    """

    def __init__(
        self,
        lang: str = "eng",
        engine: str | Engine | None = None,
        *,
        postprocessor: PostProcessor | PostProcessorsByLanguage | None = None,
        preprocess: Spec = "auto",
        script: str = "auto",
        dpi: int = DEFAULT_PDF_DPI,
        max_pixels: int = DEFAULT_MAX_PIXELS,
        max_pages: int = DEFAULT_MAX_PAGES,
        **engine_options: Any,
    ) -> None:
        if script not in SCRIPTS:
            raise ValueError(f"script must be one of {', '.join(SCRIPTS)}, not {script!r}")
        self.lang = lang
        self.script = script
        self.dpi = dpi
        self.max_pixels = max_pixels
        self.max_pages = max_pages
        tessdata = engine_options.get("tessdata")
        #: the languages lang="auto" chooses among (eng, where installed, reads a page first)
        self.languages = candidates(lang, tessdata)
        self._first = self.languages[0]
        if script == "fraktur":
            self._first = script_models(self._first, tessdata).get("Fraktur") or self._first
        if engine is None:
            engine = default_engine()
        self._engine_name = None if isinstance(engine, Engine) else engine
        self._options = engine_options
        self._engine = engine if isinstance(engine, Engine) else create_engine(engine, self._first, **engine_options)
        self._engines: dict[str, Engine] = {self._first: self._engine}
        self._engines_lock = threading.Lock()
        self._typefaces: dict[str, tuple[tuple[str, str], ...]] = {}
        self._postprocessor = postprocessor
        self._pipeline = Pipeline(preprocess)
        self._document: InputDocument | None = None

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def postprocessor(self) -> PostProcessor | PostProcessorsByLanguage:
        if self._postprocessor is None:
            from .correct.languages import postprocessor_for

            self._postprocessor = postprocessor_for(self.lang)
        return self._postprocessor

    def engine_for(self, setting: str) -> Engine:
        """The engine that reads with model ``setting`` (``"fra"``, ``"frk+deu"``), loaded once;
        the engine given as an object reads everything."""
        if self._engine_name is None:
            return self._engine
        with self._engines_lock:
            eng = self._engines.get(setting)
            if eng is None:
                eng = self._engines[setting] = create_engine(self._engine_name, setting, **self._options)
            return eng

    def load_image(self, source: Source) -> OCREngine:
        """Open ``source`` (path, bytes, file object, PIL image, numpy array; images, multi-frame
        TIFF, PDF) for :meth:`recognize`. Pages are decoded lazily, one at a time."""
        if self._document is not None:
            self._document.close()
        self._document = open_input(source, dpi=self.dpi, max_pixels=self.max_pixels, max_pages=self.max_pages)
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
            yield self.recognize_page(page_image)

    def recognize_page(self, page_image: PageImage) -> Page:
        """Preprocess and read one page image. Boxes refer to the original image.

        The page's orientation, language and typeface are chosen by the engine's first
        reading (Tesseract's, for ``engine="auto"``), and the chosen model then makes the final
        reading (see :meth:`Engine.refine`). With ``preprocess="auto"``, a page whose reading
        is poor (mean word confidence under 0.6) is checked for orientation with Tesseract's
        OSD; if it is turned, the upright reading is kept when it is better. With
        ``lang="auto"`` the first reading's language is identified (on a poor page, the final
        reading's) and the page read again in it (``page.lang``). With ``script="auto"``, a
        page read with little confidence is read again with the models installed for other
        typefaces of its language (Fraktur), and the more confident reading kept
        (``page.model`` names the model that read it); see :mod:`ocrkit.engines.models`."""
        gray = None if self._pipeline.spec is None else np.asarray(page_image.image.convert("L"))
        prepared = self._prepare(page_image, gray, ())
        page = self.engine_for(self._first).first_reading(prepared.image)
        if gray is not None and self._pipeline.spec == "auto" and self._poor(page, gray):
            from .engines.tesseract import detect_orientation

            turn = detect_orientation(gray)
            if turn.degrees and turn.confidence >= 1.5:
                upright = self._prepare(page_image, gray, (("rotate", {"degrees": turn.degrees}),))
                turned = self.engine_for(self._first).first_reading(upright.image)
                if turned.confidence > page.confidence:
                    page, prepared = turned, upright
        final: dict[str, Page] = {}  # each model's final reading, made once
        lang = self._first if self.lang != AUTO else self._identify(prepared, page, final)
        if lang != self._first:
            page = self.engine_for(lang).first_reading(prepared.image)
        own, model, script = page, lang, ""
        sure = page.confidence >= CONFIDENT
        if self.script == "auto" and (not sure or sum(1 for _ in page.words) < FEW_WORDS):
            for typeface, setting in self._typeface_models(lang):
                other = self.engine_for(setting).first_reading(prepared.image)
                # (a short, sure reading gives way only to one that shows the typeface's letters)
                if other.confidence > page.confidence and (not sure or shows_typeface(typeface, other.text, short=True)):
                    page, model, script = other, setting, typeface
        page = self._final(prepared, model, page, final)
        if model != lang:
            page, model = self._typeface_or_own(prepared, lang, own, page, model, script, final)
        return replace(self._placed(page, prepared), lang=self.lang if self.lang != AUTO else lang,
                       model=page.model or model)

    def _final(self, prepared: _Prepared, setting: str, first: Page, final: dict[str, Page]) -> Page:
        """The final reading of model ``setting`` from its first reading (made once a page)."""
        if setting not in final:
            final[setting] = self.engine_for(setting).refine(prepared.image, first)
        return final[setting]

    def _identify(self, prepared: _Prepared, first: Page, final: dict[str, Page]) -> str:
        """The page's language, from its first reading, or from the first model's final
        reading where the first is poor (a garbled reading matches another language by chance;
        fusion's reading of a degraded page holds more of its words)."""
        text = first.text if first.confidence >= _POOR else self._final(prepared, self._first, first, final).text
        return identify(text, self.languages).lang

    def _typeface_or_own(self, prepared: _Prepared, lang: str, own: Page, other: Page, model: str, script: str,
                         final: dict[str, Page]) -> tuple[Page, str]:
        """A page another typeface's (``script``'s) model read more confidently, against the
        language's own model where the engine refines that reading further (fusion with a
        second engine that has no model for the other typeface): the refined reading is kept
        where the other does not read as that typeface's pages do (:func:`shows_typeface`: a
        degraded Antiqua page that the Fraktur model read more confidently than Tesseract's
        own model, but not better than fusion), else the final reading with the larger share
        of known words (ties to the typeface's model)."""
        refined = self._final(prepared, lang, own, final)
        if refined is own:
            return other, model
        if not shows_typeface(script, other.text):
            return refined, lang
        try:
            lexicon = Lexicon.for_tesseract_lang(lang)
        except LanguageNotInstalledError:  # no word list: keep what the confidences chose
            return other, model
        if lexicon.known_share(w.text for w in refined.words) > lexicon.known_share(w.text for w in other.words):
            return refined, lang
        return other, model

    def _typeface_models(self, lang: str) -> tuple[tuple[str, str], ...]:
        """(script, setting) for the settings that read ``lang`` in other typefaces (tessdata is
        looked at once a language)."""
        found = self._typefaces.get(lang)
        if found is None:
            found = self._typefaces[lang] = tuple(script_models(lang, self._options.get("tessdata")).items())
        return found

    @staticmethod
    def _poor(page: Page, gray: np.ndarray) -> bool:
        return (not any(True for _ in page.words) and float(gray.min()) < 128) or page.confidence < _POOR

    def _prepare(self, page_image: PageImage, gray: np.ndarray | None, extra: tuple) -> _Prepared:
        """The page as the engine reads it: through the preprocessing pipeline (with the
        ``extra`` steps) where there is one."""
        from PIL import Image

        from .preprocess import binary_view, cleaned, gentle_view

        if gray is None:
            return _Prepared(page_image, None, (), page_image)
        img, matrix, records = self._pipeline.run(gray, page_image.dpi, extra)
        scale = float(np.sqrt(abs(np.linalg.det(matrix[:2, :2]))))
        dpi = page_image.dpi * scale if page_image.dpi else None
        gentle = functools.cache(lambda: gentle_view(gray, matrix, img.shape)) if cleaned(records) else None
        binary, record = binary_view(img, records) if self._pipeline.spec == "auto" else (None, None)
        if record is not None:
            records.append(record)
        image = PageImage(Image.fromarray(img), page_image.number, dpi, page_image.source, gentle,
                          None if binary is None else Image.fromarray(binary))
        return _Prepared(image, matrix, tuple(records), page_image)

    @staticmethod
    def _placed(page: Page, prepared: _Prepared) -> Page:
        """``page``, read from the prepared image, with its boxes on the original image."""
        from .preprocess import map_box

        if prepared.matrix is None:
            return page
        original = prepared.original
        width, height = original.image.width, original.image.height
        if not np.allclose(prepared.matrix, np.eye(3)):
            inv = np.linalg.inv(prepared.matrix)
            lines = tuple(
                replace(line, box=map_box(line.box, inv, width, height),
                        words=tuple(replace(w, box=map_box(w.box, inv, width, height)) for w in line.words))
                for line in page.lines
            )
            page = replace(page, lines=lines)
        return replace(page, width=width, height=height, dpi=original.dpi, steps=prepared.records)

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
        for eng in {id(e): e for e in [self._engine, *self._engines.values()]}.values():
            eng.close()

    def __enter__(self) -> OCREngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
