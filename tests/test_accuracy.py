"""Real third-party pages read at their known accuracy (../shared/evaldata/tesseract-test)."""

import pytest

from helpers import SHARED, cer

DATA = SHARED / "evaldata" / "tesseract-test"
pytestmark = pytest.mark.skipif(not DATA.exists(), reason="../shared/evaldata is not beside the repo")


@pytest.mark.parametrize("name,max_cer", [("phototest", 0.005), ("eurotext", 0.03)])
def test_known_pages(engine, pp, name, max_cer):
    raw = engine.recognize(DATA / f"{name}.tif")
    gt = (DATA / f"{name}.gt.txt").read_text(encoding="utf-8")
    raw_cer = cer(raw.text, gt)
    assert raw_cer <= max_cer
    # the corrector must not make a good page worse
    assert cer(pp.correct(raw).text, gt) <= raw_cer + 1e-9
