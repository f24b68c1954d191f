"""The example from the README: read the bundled sample and correct it."""

from ocrkit import OCREngine

engine = OCREngine(lang="eng")
engine.load_image("samples/sample_with_typos.png")
raw = engine.recognize()
enhanced = engine.run_postprocessor(raw)
print("Raw OCR:      ", raw.text)
print("AI-enhanced:  ", enhanced.text)
