"""Errors raised by ocrkit.

Every error ocrkit raises on purpose derives from :class:`OCRKitError`; each message says what
went wrong *and* what to do about it. The CLI turns them into exit codes (``exit_code``) and
prints them without a traceback; library users catch the class they care about::

    OCRKitError                      exit 1
    ├── InputError                   exit 2   (anything wrong with what was given to read)
    │   ├── InputNotFoundError                a path that does not exist
    │   ├── UnsupportedInputError             a file or object ocrkit cannot read, or a corrupt one
    │   ├── PDFError                          a PDF that is encrypted or broken
    │   └── ImageTooLargeError                more pixels than the limit (decompression bombs)
    │       └── TooManyPagesError             more pages (PDF pages, image frames) than the limit
    ├── LanguageNotInstalledError    exit 3   a Tesseract language whose data is not installed
    ├── EngineNotAvailableError      exit 4   an engine whose software is not installed
    ├── NoImageLoadedError           exit 5   recognize() before load_image()
    └── ModelError                   exit 6   a correction model file that cannot be read
"""

from __future__ import annotations

__all__ = [
    "OCRKitError",
    "InputError",
    "InputNotFoundError",
    "UnsupportedInputError",
    "PDFError",
    "ImageTooLargeError",
    "LanguageNotInstalledError",
    "EngineNotAvailableError",
    "NoImageLoadedError",
    "ModelError",
]


class OCRKitError(Exception):
    """Base class of every error ocrkit raises on purpose."""

    exit_code = 1


class InputError(OCRKitError):
    """Something is wrong with the input that was given to read."""

    exit_code = 2


class InputNotFoundError(InputError, FileNotFoundError):
    """The input path does not exist."""

    def __init__(self, path: object) -> None:
        self.path = path
        super().__init__(f"No such file: {path}. Check the path (it is relative to {_cwd()}).")


class UnsupportedInputError(InputError):
    """The input is not a format ocrkit reads, or the file is corrupt."""


class PDFError(InputError):
    """A PDF that cannot be opened: encrypted, or broken."""


class ImageTooLargeError(InputError):
    """An image with more pixels than the configured limit (protects against decompression bombs)."""


class TooManyPagesError(ImageTooLargeError):
    """A file with more pages (PDF pages, TIFF or GIF frames) than the limit (``max_pages``)."""


class PageUnreadableError(InputError):
    """A page an engine cannot read at all (an image of a shape its models cannot take)."""


class LanguageNotInstalledError(OCRKitError):
    """A language was asked for whose recognition data is not installed."""

    exit_code = 3


class EngineNotAvailableError(OCRKitError):
    """The OCR engine asked for is not installed or not known."""

    exit_code = 4


class NoImageLoadedError(OCRKitError):
    """``recognize()`` was called before ``load_image()``."""

    exit_code = 5

    def __init__(self) -> None:
        super().__init__(
            "No image loaded: call engine.load_image(path_or_image) before engine.recognize()."
        )


class ModelError(OCRKitError):
    """A correction model file that is missing, corrupt or of an unknown version."""

    exit_code = 6


def _cwd() -> str:
    import os

    return os.getcwd()
