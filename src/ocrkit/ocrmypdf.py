"""An OCRmyPDF plugin: OCRmyPDF makes the PDF, ocrkit reads and corrects its text.

    pip install 'ocrkit[ocrmypdf]'
    ocrmypdf --plugin ocrkit.ocrmypdf -l deu --output-type pdfa --sidecar out.txt in.pdf out.pdf

OCRmyPDF rasterises each page and asks this plugin's engine for the page's hOCR; ocrkit reads
the page image (its preprocessing, the engine and the model for the page's typeface) and
corrects the text with the default corrector of the language (or ``--ocrkit-model``), so the
PDF's text layer is ocrkit's corrected text, each word in its box. OCRmyPDF's own options
(``-l``, ``--jobs``, ``--output-type``, ``--sidecar``, ``--rotate-pages``...) work as usual.
Options of the plugin: ``--ocrkit-engine tesseract|rapidocr|auto``, ``--ocrkit-no-correct``,
``--ocrkit-model MODEL``, ``--ocrkit-script auto|latin|fraktur``. The corrector starts loading
while OCRmyPDF still prepares the pages (its workers are threads by default) and is shared;
an engine made then too reads the first page; each worker thread borrows an engine for a page
(never two threads on one); each page is corrected on its own.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocrmypdf import hookimpl
from ocrmypdf.pluginspec import OcrEngine, OrientationConfidence
from pydantic import BaseModel

from ._version import __version__

NAMESPACE = "ocrkit"


class OcrkitOptions(BaseModel):
    """The plugin's options (``options.ocrkit`` inside OCRmyPDF)."""

    engine: str = "tesseract"
    no_correct: bool = False
    model: str | None = None
    script: str = "auto"


@hookimpl
def register_options() -> dict[str, type[BaseModel]]:
    return {NAMESPACE: OcrkitOptions}


@hookimpl
def add_options(parser: Any) -> None:
    from .engines import available_engines
    from .engines.models import SCRIPTS

    group = parser.add_argument_group("ocrkit", "Reading and correction by ocrkit (the ocrkit.ocrmypdf plugin)")
    group.add_argument("--ocrkit-engine", choices=available_engines(), default="tesseract",
                       help="ocrkit's engine: tesseract, rapidocr, or auto (fusion of the two)")
    group.add_argument("--ocrkit-no-correct", action="store_true", help="keep the raw OCR text (no correction)")
    group.add_argument("--ocrkit-model", metavar="MODEL", help="a correction model file from `ocrkit train`")
    group.add_argument("--ocrkit-script", choices=SCRIPTS, default="auto",
                       help="typeface: auto finds Fraktur pages; latin reads exactly -l")


@hookimpl
def check_options(options: Any) -> None:
    from ocrmypdf.exceptions import BadArgsError

    from .engines.tesseract import check_languages
    from .errors import OCRKitError

    settings = Settings.of(options)
    try:
        check_languages(settings.lang)
        if settings.model:
            _corrector(settings)  # a bad model file fails here, before any page is read
    except OCRKitError as exc:
        raise BadArgsError(f"ocrkit: {exc}") from exc
    # load the corrector while OCRmyPDF analyses and rasterises the pages
    threading.Thread(target=_warm, args=(settings,), daemon=True).start()


@hookimpl
def get_ocr_engine(options: Any) -> OcrEngine:
    return OcrkitEngine()


@dataclass(frozen=True)
class Settings:
    """What a page is read and corrected with, from OCRmyPDF's options."""

    lang: str  # Tesseract setting, from -l
    engine: str
    script: str
    correct: bool
    model: str | None

    @classmethod
    def of(cls, options: Any) -> Settings:
        o = options.ocrkit
        return cls("+".join(options.languages), o.engine, o.script, not o.no_correct, o.model)


_CORRECTORS: dict[tuple[str, str | None], Any] = {}
_LOCK = threading.Lock()
#: engines not reading a page now, per settings: a worker thread borrows one for a page (an
#: engine reads one page at a time), so there are never more than OCRmyPDF runs at once
_IDLE: dict[Settings, list[Any]] = {}
_IDLE_LOCK = threading.Lock()  # (not _LOCK, which is held while a corrector loads)


def _corrector(settings: Settings) -> Any:
    """The corrector of these settings (None: no correction), loaded once and shared."""
    if not settings.correct:
        return None
    key = (settings.lang, settings.model)
    with _LOCK:
        hit = _CORRECTORS.get(key)
        if hit is None:
            from .correct.languages import postprocessor_for
            from .correct.postprocessor import WARM_LINE

            hit = _CORRECTORS[key] = postprocessor_for(settings.lang, settings.model)
            # the tables a page needs, built while OCRmyPDF prepares the pages (not the index
            # a long document pays for: see PostProcessor.prepare)
            hit.correct(WARM_LINE)
        return hit


@contextmanager
def _engine(settings: Settings) -> Iterator[Any]:
    """An engine for these settings, lent for one page: an idle one, or a new one."""
    with _IDLE_LOCK:
        idle = _IDLE.setdefault(settings, [])
        engine = idle.pop() if idle else None
    if engine is None:
        from .engine import OCREngine

        engine = OCREngine(lang=settings.lang, engine=settings.engine, script=settings.script)
    try:
        yield engine
    finally:
        with _IDLE_LOCK:
            _IDLE[settings].append(engine)


def _warm(settings: Settings) -> None:
    """What the first page needs, made while OCRmyPDF analyses and rasterises the pages: an
    engine (and the image libraries preprocessing loads) and the corrector."""
    import contextlib

    from .errors import OCRKitError

    with contextlib.suppress(OCRKitError), _engine(settings):
        import cv2  # noqa: F401  (OpenCV, which preprocessing loads on first use, takes a moment)
    with contextlib.suppress(OCRKitError):
        _corrector(settings)


class OcrkitEngine(OcrEngine):
    """OCRmyPDF's engine contract, served by ocrkit."""

    @staticmethod
    def version() -> str:
        return __version__

    @staticmethod
    def creator_tag(options: Any) -> str:
        return f"ocrkit {__version__}"

    def __str__(self) -> str:
        return f"ocrkit {__version__}"

    @staticmethod
    def languages(options: Any) -> set[str]:
        from .engines.tesseract import installed_languages

        return set(installed_languages())

    @staticmethod
    def get_orientation(input_file: Path, options: Any) -> OrientationConfidence:
        import numpy as np
        from PIL import Image

        from .engines.tesseract import detect_orientation

        with Image.open(input_file) as img:
            turn = detect_orientation(np.asarray(img.convert("L")))
        # ocrkit says how far to turn counter-clockwise; OCRmyPDF asks how far clockwise
        return OrientationConfidence(angle=(360 - turn.degrees) % 360, confidence=turn.confidence)

    @staticmethod
    def generate_hocr(input_file: Path, output_hocr: Path, output_text: Path, options: Any) -> None:
        from .export import to_hocr

        settings = Settings.of(options)
        with _engine(settings) as engine:
            result = engine.recognize(input_file)  # (while the corrector may still be loading)
        pp = _corrector(settings)
        if pp is not None:
            result = pp.correct_result(result)
        Path(output_hocr).write_text(to_hocr(result), encoding="utf-8")
        Path(output_text).write_text(result.text, encoding="utf-8")

    @staticmethod
    def generate_pdf(input_file: Path, output_pdf: Path, output_text: Path, options: Any) -> None:
        raise NotImplementedError("ocrkit hands OCRmyPDF hOCR: use --pdf-renderer auto or fpdf2, not sandwich")
