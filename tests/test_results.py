"""The result tree: structure, boxes, confidences, alternatives, JSON round-trip."""

import json

from helpers import SAMPLES
from ocrkit import OCRResult


def test_tree_and_json_round_trip(engine, pp):
    raw = engine.recognize(SAMPLES / "scanned_3pages.pdf")
    assert raw.engine == "tesseract" and raw.engine_version.startswith("5.") and raw.lang == "eng"
    for page in raw.pages:
        assert page.lines
        for line in page.lines:
            for w in line.words:
                x0, y0, x1, y1 = w.box
                assert 0 <= x0 < x1 <= page.width and 0 <= y0 < y1 <= page.height
                assert 0.0 <= w.confidence <= 1.0
                assert "".join(s.text for s in w.symbols) == w.text
                lx0, ly0, lx1, ly1 = line.box
                assert lx0 <= x0 and x1 <= lx1
    assert raw.text.count("\f") == 2
    for result in (raw, pp.correct(raw)):
        d = json.loads(json.dumps(result.to_dict()))
        back = OCRResult.from_dict(d)
        assert back == result
        assert back.to_dict() == result.to_dict()


def test_alternatives_are_kept(engine):
    raw = engine.recognize(SAMPLES / "sample_with_typos.png")
    choices = [c for w in raw.words for s in w.symbols for c in s.choices]
    assert all(0.0 <= c.probability <= 1.0 for c in choices)
    # the engine's uncertainty on 'typ0s' shows up as alternatives for the '0'
    word = next(w for w in raw.words if w.text.startswith("typ"))
    zero = word.symbols[3]
    assert zero.text == "0" and zero.confidence < 0.99
