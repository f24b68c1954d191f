"""ocrkit: OCR for images, multi-page TIFFs and scanned PDFs, with a trainable corrector.

>>> from ocrkit import OCREngine
>>> engine = OCREngine(lang="eng")
>>> engine.load_image("samples/sample_with_typos.png")
>>> enhanced = engine.run_postprocessor(engine.recognize())
"""

from ._version import __version__
from .batch import batch
from .correct import PostProcessor
from .engine import OCREngine
from .errors import (
    EngineNotAvailableError,
    ImageTooLargeError,
    InputError,
    InputNotFoundError,
    LanguageNotInstalledError,
    ModelError,
    NoImageLoadedError,
    OCRKitError,
    PDFError,
    TooManyPagesError,
    UnsupportedInputError,
)
from .results import Choice, Correction, Line, OCRResult, Page, Symbol, Word

__all__ = [
    "__version__",
    "batch",
    "OCREngine",
    "PostProcessor",
    "OCRResult",
    "Page",
    "Line",
    "Word",
    "Symbol",
    "Choice",
    "Correction",
    "OCRKitError",
    "InputError",
    "InputNotFoundError",
    "UnsupportedInputError",
    "PDFError",
    "ImageTooLargeError",
    "TooManyPagesError",
    "LanguageNotInstalledError",
    "EngineNotAvailableError",
    "NoImageLoadedError",
    "ModelError",
]
