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

#: a short report that names a word three times and garbles it once (rnare: mare or more?)
HORSE_SALE = """At the sale yards on Monday the bay mare from Camden fetched forty guineas, and a young mare
in foal was bought by Mr Smith for the farm near the river. The grey horses and a chestnut
mare were passed in, the bidding being too low for the owner, who will offer them again.
Mr Brown then bought the grey rnare for thirty guineas."""
