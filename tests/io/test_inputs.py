"""Every kind of input load_image takes, on real files and real Tesseract."""

import io

import numpy as np
import pytest
from PIL import Image

from helpers import SAMPLES, cer
from ocrkit.io import open_input

SEED = SAMPLES / "sample_with_typos.png"
SEED_RAW = "Th1s 1s 4 s@mple"


def read(engine, source):
    engine.load_image(source)
    return engine.recognize()


@pytest.mark.parametrize("kind", ["str", "path", "bytes", "fileobj", "pil", "numpy_gray", "numpy_rgb"])
def test_single_image_sources(engine, kind):
    img = Image.open(SEED)
    source = {
        "str": str(SEED),
        "path": SEED,
        "bytes": SEED.read_bytes(),
        "fileobj": io.BytesIO(SEED.read_bytes()),
        "pil": img,
        "numpy_gray": np.asarray(img.convert("L")),
        "numpy_rgb": np.asarray(img.convert("RGB")),
    }[kind]
    result = read(engine, source)
    assert len(result.pages) == 1
    assert result.text.startswith(SEED_RAW)


@pytest.mark.parametrize("fmt,ext", [("JPEG", "jpg"), ("BMP", "bmp"), ("WEBP", "webp"), ("TIFF", "tif"), ("PNG", "png")])
def test_image_formats(engine, tmp_path, fmt, ext):
    path = tmp_path / f"seed.{ext}"
    Image.open(SEED).convert("RGB").save(path, fmt, **({"quality": 95} if fmt in ("JPEG", "WEBP") else {}))
    assert read(engine, path).text.startswith(SEED_RAW)


def test_rgba_png_is_flattened_on_white(engine, tmp_path):
    img = Image.open(SEED).convert("L")
    rgba = Image.new("RGBA", img.size, (0, 0, 0, 0))
    rgba.putalpha(Image.eval(img, lambda v: 255 - v))  # black text on transparent background
    path = tmp_path / "alpha.png"
    rgba.save(path)
    assert read(engine, path).text.startswith(SEED_RAW)


def test_multipage_tiff_gives_every_frame(engine):
    result = read(engine, SAMPLES / "multipage.tif")
    assert [p.number for p in result.pages] == [1, 2, 3]
    assert [p.text.split()[:2] for p in result.pages] == [["Page", "one."], ["Page", "two."], ["Page", "three."]]
    assert all(p.dpi == 300 for p in result.pages)


def test_pdf_pages_are_rendered_at_300_dpi(engine):
    result = read(engine, SAMPLES / "scanned_3pages.pdf")
    assert len(result.pages) == 3
    p2 = result.pages[1]
    assert abs(p2.width - 2481) <= 2 and abs(p2.height - 3508) <= 2 and p2.dpi == 300.0  # A4 at 300 dpi
    assert "1,250.00" in p2.text and "HX-2041" in p2.text


def test_pdf_is_opened_lazily():
    doc = open_input(SAMPLES / "scanned_3pages.pdf")
    assert len(doc) == 3  # known without rendering anything
    page = doc.page(2)
    assert page.number == 3 and abs(page.image.width - 2481) <= 2
    doc.close()


def test_iter_pages_streams(engine):
    engine.load_image(SAMPLES / "scanned_3pages.pdf")
    assert engine.page_count == 3
    it = engine.iter_pages()
    first = next(it)
    assert first.number == 1 and first.text.startswith("Page one.")


def test_french_page_with_accents():
    from ocrkit import OCREngine

    with OCREngine(lang="fra") as eng:
        result = eng.recognize(SAMPLES / "french_page.png")
    from samples.make_samples import FRENCH_PAGE

    assert cer(result.text, FRENCH_PAGE) < 0.01
    assert "élèves" in result.text and "À la fin de l'été" in result.text


def test_language_combination():
    from ocrkit import OCREngine

    with OCREngine(lang="eng+fra") as eng:
        raw = eng.recognize(SAMPLES / "french_page.png")
        fixed = eng.run_postprocessor(raw)
    from samples.make_samples import FRENCH_PAGE

    assert raw.lang == "eng+fra" and "élèves" in raw.text
    assert cer(fixed.text, FRENCH_PAGE) <= cer(raw.text, FRENCH_PAGE) + 1e-9
