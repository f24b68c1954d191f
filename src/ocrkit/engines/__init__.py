"""OCR engines behind one contract, selected by name from a registry.

Built in: ``tesseract`` (in-process, tesserocr), ``rapidocr`` (PP-OCR models on onnxruntime,
``pip install 'ocrkit[rapidocr]'``) and ``auto`` (fusion: Tesseract, with RapidOCR where
Tesseract reads poorly; the default where RapidOCR is installed: :func:`default_engine`).
Others register through the ``ocrkit.engines`` entry point.
"""

from . import fusion as _fusion  # noqa: F401  (registers "auto")
from . import rapidocr as _rapidocr  # noqa: F401  (registers "rapidocr"; imports rapidocr lazily)
from . import tesseract as _tesseract  # noqa: F401  (registers "tesseract")
from .base import Engine, available_engines, create_engine, default_engine, register_engine

__all__ = ["Engine", "available_engines", "create_engine", "default_engine", "register_engine"]
