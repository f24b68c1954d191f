"""OCR engines behind one contract, selected by name from a registry."""

from .base import Engine, available_engines, create_engine, register_engine
from . import tesseract as _tesseract  # noqa: F401  (registers "tesseract")

__all__ = ["Engine", "available_engines", "create_engine", "register_engine"]
