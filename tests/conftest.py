from __future__ import annotations

import os

import pytest

# The suite reads with Tesseract unless a test names an engine or asks for the default: the
# default engine (auto, where RapidOCR is installed) reads every page Tesseract is unsure of
# again with RapidOCR, seconds a page. Tests of the default remove this (see `default_engine`).
os.environ.setdefault("OCRKIT_ENGINE", "tesseract")


@pytest.fixture
def default_engine(monkeypatch):
    """The engine a user gets who names none (auto where RapidOCR is installed)."""
    monkeypatch.delenv("OCRKIT_ENGINE", raising=False)
    from ocrkit.engines import default_engine as chosen

    return chosen()


@pytest.fixture(scope="session")
def engine():
    from ocrkit import OCREngine

    eng = OCREngine(lang="eng")
    yield eng
    eng.close()


@pytest.fixture(scope="session")
def pp():
    from ocrkit import PostProcessor

    return PostProcessor(lang="eng")
