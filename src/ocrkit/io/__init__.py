"""Inputs: files, bytes, streams, PIL images and arrays, opened as lazy page sequences."""

from .loader import DEFAULT_MAX_PAGES, DEFAULT_MAX_PIXELS, DEFAULT_PDF_DPI, InputDocument, PageImage, open_input

__all__ = ["open_input", "InputDocument", "PageImage", "DEFAULT_MAX_PAGES", "DEFAULT_MAX_PIXELS", "DEFAULT_PDF_DPI"]
