"""Both engines for real on real images, through one contract; fusion; the registry."""

import pytest
from click.testing import CliRunner
from PIL import Image

from conftest import SAMPLES, SHARED, cer
from ocrkit import OCREngine
from ocrkit.cli import cli
from ocrkit.engines import available_engines, create_engine
from ocrkit.io import open_input
from samples.make_samples import ENGLISH_PAGES, FRENCH_PAGE

pytest.importorskip("rapidocr")


@pytest.fixture(scope="module")
def page2():
    with open_input(SAMPLES / "scanned_3pages.pdf") as doc:
        return doc.page(1)


def test_registry_lists_all_engines():
    assert {"tesseract", "rapidocr", "auto"} <= set(available_engines())
    r = CliRunner().invoke(cli, ["engines"])
    rows = {line.split("\t")[0]: line for line in r.output.splitlines()}
    assert {"tesseract", "rapidocr", "auto"} <= set(rows) and "unavailable" not in r.output


@pytest.mark.parametrize("name", ["tesseract", "rapidocr", "auto"])
def test_every_engine_reads_a_page_through_the_contract(page2, name):
    eng = create_engine(name, "eng")
    page = eng.recognize(page2)
    text = page.text
    assert cer(text, ENGLISH_PAGES[1]) < 0.03, text
    assert page.width == page2.image.width and page.height == page2.image.height
    for line in page.lines:
        for w in line.words:
            x0, y0, x1, y1 = w.box
            assert 0 <= x0 < x1 <= page.width and 0 <= y0 < y1 <= page.height and 0 <= w.confidence <= 1
    ys = [line.box[1] for line in page.lines]
    assert ys == sorted(ys) or len(ys) < 2  # reading order
    assert eng.version() and "eng" in eng.languages()


def test_rapidocr_reads_accents_without_a_language_setting():
    r = OCREngine(lang="fra", engine="rapidocr").recognize(SAMPLES / "french_page.png")
    assert cer(r.text, FRENCH_PAGE) < 0.03 and "élèves" in r.text and r.engine == "rapidocr"


def test_fusion_keeps_tesseract_on_a_clean_page(page2, monkeypatch):
    eng = create_engine("auto", "eng")
    called = []
    monkeypatch.setattr(type(eng), "secondary", property(lambda self: called.append(1) or pytest.fail("second engine used")))
    page = eng.recognize(page2)
    assert cer(page.text, ENGLISH_PAGES[1]) < 0.01 and not called


DEV = SHARED / "data" / "pages-dev"


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data/pages-dev is not beside the repo")
def test_fusion_on_a_severe_page_is_no_worse_than_either_engine():
    gt = (DEV / "eng-severe-01.gt.txt").read_text(encoding="utf-8")
    img = Image.open(DEV / "eng-severe-01.jpg")
    got = {name: cer(OCREngine(lang="eng", engine=name).recognize(img).text, gt) for name in ("tesseract", "rapidocr", "auto")}
    assert got["auto"] <= min(got["tesseract"], got["rapidocr"]) + 0.01, got


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data/pages-dev is not beside the repo")
def test_fusion_rereads_the_words_tesseract_doubts_on_a_clean_page():
    # Tesseract reads 'MwSt' (an odd-cased abbreviation) as 'MwsSt' with low confidence; fusion
    # reads that word's crop again with RapidOCR and keeps the better reading
    gt = (DEV / "eng-clean-01.gt.txt").read_text(encoding="utf-8")
    img = Image.open(DEV / "eng-clean-01.png")
    tess = OCREngine(lang="eng", engine="tesseract").recognize(img).text
    auto = OCREngine(lang="eng", engine="auto").recognize(img).text
    assert "MwsSt" in tess and "MwSt" in auto
    assert cer(auto, gt) < cer(tess, gt)


def test_fusion_keeps_punctuation_and_script_from_tesseract():
    from ocrkit.engines.fusion import FusionEngine

    eng = FusionEngine("eng")
    assert not eng._better("I", 0.99, "…", 0.4)  # letters read into punctuation
    assert not eng._better("一", 0.99, "--", 0.4)
    assert not eng._better("server一", 0.99, "servr", 0.4)  # a script the page's language does not use
    assert not eng._better("Afdrukken'-dialoog", 0.99, "‘Afdrukken’-dialoog", 0.7)  # a quote dropped
    assert eng._better("MwSt)", 0.98, "MwsSt)", 0.3)
    assert eng._better("house", 0.6, "hcuse", 0.7)  # a known word beats an unknown one
