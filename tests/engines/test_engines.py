"""Both engines for real on real images, through one contract; fusion; the registry."""

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw, ImageFont
from samples.make_samples import ENGLISH_PAGES, FRENCH_PAGE

from helpers import SAMPLES, SHARED, cer
from ocrkit import OCREngine
from ocrkit.cli import cli
from ocrkit.engines import available_engines, create_engine
from ocrkit.io import PageImage, open_input

pytest.importorskip("rapidocr")


@pytest.fixture(scope="module")
def page2():
    with open_input(SAMPLES / "scanned_3pages.pdf") as doc:
        return doc.page(1)


def test_registry_lists_all_engines(default_engine):
    assert {"tesseract", "rapidocr", "auto"} <= set(available_engines())
    r = CliRunner().invoke(cli, ["engines"])
    rows = {line.split("\t")[0]: line for line in r.output.splitlines()}
    assert {"tesseract", "rapidocr", "auto"} <= set(rows) and "unavailable" not in r.output
    assert [name for name, line in rows.items() if line.endswith("(default)")] == [default_engine] == ["auto"]


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
def test_fusion_reads_a_severe_page_better_than_either_engine():
    # 10 pt type at 1116x783, blurred and speckled: Tesseract reads the cleaned page at about
    # 39% CER, RapidOCR no better; fusion has RapidOCR read Tesseract's lines again from the
    # gentle view (about 25%)
    gt = (DEV / "eng-severe-00.gt.txt").read_text(encoding="utf-8")
    img = Image.open(DEV / "eng-severe-00.jpg")
    results = {name: OCREngine(lang="eng", engine=name).recognize(img) for name in ("tesseract", "rapidocr", "auto")}
    got = {name: cer(r.text, gt) for name, r in results.items()}
    assert got["auto"] < min(got["tesseract"], got["rapidocr"]) - 0.08, got
    page = results["auto"].pages[0]
    assert len(page.lines) == len(results["tesseract"].pages[0].lines) == len(gt.splitlines())
    assert all(0 <= w.box[0] < w.box[2] <= page.width and 0 <= w.box[1] < w.box[3] <= page.height for w in page.words)
    word = next(w for w in page.words if w.text.strip(",") == "overlapping")  # its box holds it on the original page
    x0, y0, x1, y1 = word.box
    assert 200 < x0 < x1 < 700 and 50 < y0 < y1 < 130 and all(0 < w.confidence <= 1 for w in page.words)


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data/pages-dev is not beside the repo")
def test_fusion_reads_a_weak_page_whole_where_nothing_cleaned_it():
    # no preprocessing: no gentle view, and Tesseract's boxes on the raw speckled page are no
    # guide; RapidOCR reads the page on its own and the better line of the two is kept
    gt = (DEV / "eng-severe-01.gt.txt").read_text(encoding="utf-8")
    img = Image.open(DEV / "eng-severe-01.jpg")
    tess = cer(OCREngine(lang="eng", engine="tesseract", preprocess=None).recognize(img).text, gt)
    auto = cer(OCREngine(lang="eng", engine="auto", preprocess=None).recognize(img).text, gt)
    assert tess > 0.5 and auto < 0.15


RECEIPTS = SHARED / "evaldata" / "sroie-receipts-dev-en"


@pytest.mark.skipif(not RECEIPTS.exists(), reason="../shared/evaldata is not beside the repo")
def test_the_default_engine_reads_a_receipt_as_rapidocr_does(default_engine):
    # a thermal-printed receipt: Tesseract is unsure of the page and reads about 40% CER;
    # RapidOCR's whole reading holds more words of the language, so the default keeps it
    gt = (RECEIPTS / "387.gt.txt").read_text(encoding="utf-8").upper()
    img = Image.open(RECEIPTS / "387.jpg")
    results = {name: OCREngine(lang="eng", engine=name).recognize(img) for name in ("tesseract", "rapidocr")}
    default = OCREngine(lang="eng").recognize(img)
    got = {name: cer(r.text.upper(), gt) for name, r in results.items()}
    assert default.engine == "auto" == default_engine
    assert got["tesseract"] > 0.3 and cer(default.text.upper(), gt) <= got["rapidocr"] + 0.005, got
    assert results["tesseract"].pages[0].confidence < 0.85


def test_fusion_leaves_a_fraktur_model_to_tesseract():
    # RapidOCR has no Fraktur model: a page read with one is Tesseract's reading alone
    from ocrkit.engines.fusion import FusionEngine
    from ocrkit.engines.tesseract import TesseractEngine, installed_languages

    if "frk" not in installed_languages():
        pytest.skip("tesseract-ocr-frk is not installed")
    with open_input(SAMPLES / "scanned_3pages.pdf") as doc:
        page = doc.page(0)
    fused = FusionEngine("frk+deu", reader=_Refusing())
    assert fused.recognize(page).text == TesseractEngine("frk+deu").recognize(page).text
    assert FusionEngine("deu", reader=_Refusing())._second_reads


class _Refusing:
    """A second reader that may not be asked."""

    def __getattr__(self, name):
        if name == "languages":
            return lambda: ["eng", "deu"]
        pytest.fail(f"the second reader was asked for {name}")


def test_rapidocr_reads_a_line_crop_into_words_with_boxes():
    from PIL import ImageDraw, ImageFont

    from ocrkit.engines.rapidocr import RapidOCREngine

    im = Image.new("L", (700, 48), 255)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 26)
    ImageDraw.Draw(im).text((10, 8), "Reading order matters", fill=0, font=font)
    words = RapidOCREngine("eng").read_words(np.asarray(im))
    assert [w.text for w in words] == ["Reading", "order", "matters"]
    for w, start in zip(words, (10, 10 + font.getlength("Reading "), 10 + font.getlength("Reading order "))):
        assert abs(w.x0 - start) <= 12 and abs(w.x1 - (start + font.getlength(w.text))) <= 12 and 0.5 < w.confidence <= 1


def test_rapidocr_reads_each_word_once_where_its_detector_boxes_overlap():
    # RapidOCR's detector cuts these lines into two boxes that overlap, and the second box's
    # reading starts with the end of the first box's last word ('b3st3lling' then 'g 1s ...')
    from PIL import ImageDraw, ImageFont

    from ocrkit.engines.rapidocr import RapidOCREngine

    engine = RapidOCREngine("nld")
    font = ImageFont.truetype("/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf", 40)
    for text in ("Uw b3st3lling 1s v@nd@@g verz0nden.", "W1j w0nen 1n 33n 0ud hu1s."):
        im = Image.new("L", (int(font.getlength(text)) + 80, 80), 255)
        ImageDraw.Draw(im).text((40, 20), text, fill=0, font=font)
        page = engine.recognize(PageImage(im, 1, None, None))
        assert len([w.text for w in page.words]) == len(text.split()), [w.text for w in page.words]


def test_rapidocr_reads_a_line_its_detector_cuts_at_word_spaces_as_one_line():
    # RapidOCR's detector cuts this rendered line into one box per word; read as six lines, the
    # corrector would see no line printing digits for letters and leave 'D3' and '0m' alone
    from ocrkit.engines.rapidocr import RapidOCREngine

    font = ImageFont.truetype("/usr/share/fonts/truetype/freefont/FreeSansBold.ttf", 40)
    text = "D3 tre1n v3rtr3kt 0m t1en uur."
    im = Image.new("L", (int(font.getlength(text)) + 80, 88), 255)
    ImageDraw.Draw(im).text((40, 20), text, fill=0, font=font)
    page = RapidOCREngine("nld").recognize(PageImage(im, 1, None, None))
    assert [ln.text for ln in page.lines] == [text]
    assert OCREngine(lang="nld").run_postprocessor(
        OCREngine(lang="nld", engine="rapidocr").recognize(im)).text == "De trein vertrekt om tien uur."


def test_rapidocr_keeps_two_columns_apart_across_a_gutter_of_one_em():
    from ocrkit.engines.rapidocr import RapidOCREngine

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 28)
    left, right = ["The council met on Monday", "to discuss the new bridge"], ["Prices of wheat rose", "this week as the harvest"]
    x = 40 + max(font.getlength(s) for s in left) + 28  # (a gutter as wide as the type is high)
    im = Image.new("L", (int(x + max(font.getlength(s) for s in right)) + 40, 160), 255)
    for i, (a, b) in enumerate(zip(left, right)):
        ImageDraw.Draw(im).text((40, 30 + 50 * i), a, font=font, fill=0)
        ImageDraw.Draw(im).text((x, 30 + 50 * i), b, font=font, fill=0)
    page = RapidOCREngine("eng").recognize(PageImage(im, 1, None, None))
    assert [ln.text for ln in page.lines] == [left[0], right[0], left[1], right[1]]


def test_segments_of_a_row_are_joined_across_word_spaces_but_not_across_columns():
    from ocrkit.layout import join_rows, reading_order
    from ocrkit.results import Line, Word

    def seg(text, x0, x1, y0=10, y1=50):
        return Line((Word(text, (x0, y0, x1, y1), 0.9),), (x0, y0, x1, y1))

    lines = reading_order([seg("uur.", 185, 280), seg("De", 10, 60), seg("trein", 65, 180),
                           seg("12.00", 700, 800), seg("below", 10, 120, 60, 100)])
    assert [ln.text for ln in join_rows(lines)] == ["De trein uur.", "12.00", "below"]
    assert join_rows(lines)[0].box == (10, 10, 280, 50)


def test_a_word_read_twice_by_overlapping_boxes_is_dropped_and_other_words_are_kept():
    from types import SimpleNamespace

    from ocrkit.engines.rapidocr import _lines

    def quad(x0, x1, y0=5, y1=60):
        return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]

    out = SimpleNamespace(  # (the shape of RapidOCR's output for the first line above, and a line below)
        boxes=[quad(44, 285), quad(259, 762), quad(44, 300, 100, 150)],
        txts=["Uw b3st3lling", "g 1s verz0nden.", "so so"],
        scores=[0.99, 0.99, 0.99],
        word_results=[
            (("Uw", 0.99, quad(44, 96)), ("b3st3lling", 0.99, quad(110, 285))),
            (("g", 0.99, quad(259, 282)), ("1s", 0.91, quad(288, 331)), ("verz0nden.", 0.99, quad(563, 762))),
            (("so", 0.99, quad(44, 100, 100, 150)), ("so", 0.99, quad(120, 176, 100, 150))),
        ],
    )
    lines = [[w.text for w in line.words] for line in _lines(out, 800, 200)]
    assert lines == [["Uw", "b3st3lling", "1s", "verz0nden."], ["so", "so"]]  # (one line again: see join_rows)


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


def test_fusion_keeps_tesseracts_line_when_the_rereading_lost_part_of_it():
    from ocrkit.engines.base import WordSpan
    from ocrkit.engines.fusion import FusionEngine
    from ocrkit.results import Line, Word

    class Reader:  # stands in for RapidOCR (a LineReader): reads every line crop as the same words
        def __init__(self, text):
            self.text = text

        def read_words(self, crop):
            return [WordSpan(w, 10 * i, 10 * i + 8, 0.95) for i, w in enumerate(self.text.split())]

        def detect(self, gray):
            return []

    def reread(text, line):
        eng = FusionEngine("eng", reader=Reader(text))
        return eng._reread_page((line,), [eng.line_score(line)], np.full((40, 300), 255, np.uint8))[0].text

    line = Line(tuple(Word(w, (60 * i, 10, 60 * i + 50, 30), 0.45, (), 1) for i, w in enumerate("Tho quick brcwn fox jumqs".split())), (0, 10, 290, 30))
    assert reread("The quick brown fox jumps", line) == "The quick brown fox jumps"
    assert reread("The fox", line) == "Tho quick brcwn fox jumqs"  # known words, but most of the line is gone
    # a line Tesseract reads well by its own measures gives way only to a better-scoring one
    sure = Line(tuple(Word(w, (60 * i, 10, 60 * i + 50, 30), 0.96, (), 1) for i, w in enumerate("The quick brown fox jumps".split())), (0, 10, 290, 30))
    assert reread("The quick brown fox jumpz", sure) == "The quick brown fox jumps"
    assert reread("The quick brown fox jumpz", line) == "The quick brown fox jumpz"
