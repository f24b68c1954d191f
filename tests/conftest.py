from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


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


def cer(a: str, b: str) -> float:
    from rapidfuzz.distance import Levenshtein

    a, b = " ".join(a.split()), " ".join(b.split())
    return Levenshtein.distance(a, b) / max(1, len(b))
