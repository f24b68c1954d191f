"""The local web app and JSON API (``ocrkit serve``)."""

from .app import create_app, serve

__all__ = ["create_app", "serve"]
