"""The example users learn first, end to end on real Tesseract."""

import subprocess
import sys

from helpers import ROOT, SAMPLES


def test_seed_example_prints_the_corrected_sentence(default_engine):
    # as a user runs it: with the default engine (auto where RapidOCR is installed)
    out = subprocess.run([sys.executable, "examples/seed.py"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    raw_line, enhanced_line = out.splitlines()
    assert enhanced_line == "AI-enhanced:   This is a sample with typos."
    # the raw text keeps the printed typos (Tesseract's LSTM itself reads one 'w1th' as 'with')
    raw = raw_line.removeprefix("Raw OCR:       ")
    for typo in ("Th1s", "1s", "4", "s@mple", "typ0s."):
        assert typo in raw.split()


def test_seed_api(engine):
    engine.load_image(SAMPLES / "sample_with_typos.png")
    raw = engine.recognize()
    enhanced = engine.run_postprocessor(raw)
    assert enhanced.text == "This is a sample with typos."
    assert enhanced.raw_text == raw.text
    fixed = {(c.original, c.replacement) for c in enhanced.corrections}
    assert {("Th1s", "This"), ("1s", "is"), ("4", "a"), ("s@mple", "sample"), ("typ0s", "typos")} <= fixed
    for c in enhanced.corrections:
        assert 0.0 < c.probability <= 1.0 and c.reason
        assert raw.pages[0].lines[c.line].text[c.start : c.end] == c.original
