from __future__ import annotations

import pytest


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
