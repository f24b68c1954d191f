"""Preprocessing: steps, measurements, auto's choices, and what they do to real reading."""

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image
from samples.make_samples import ENGLISH_PAGES

from helpers import SAMPLES, SHARED, cer
from ocrkit import OCREngine
from ocrkit.cli import cli
from ocrkit.preprocess import STEPS, Pipeline, auto_plan, cleaned, gentle_view, measure

PAGE2 = ENGLISH_PAGES[1]


@pytest.fixture(scope="module")
def clean_page():
    from ocrkit.io import open_input

    with open_input(SAMPLES / "scanned_3pages.pdf") as doc:
        return np.asarray(doc.page(1).image.convert("L"))


def degrade(img, scale=0.45, noise=22.0, fade=0.45, seed=0):
    """Low resolution, faint ink, heavy noise: like pages-dev's 'severe' level."""
    small = np.asarray(Image.fromarray(img).resize((int(img.shape[1] * scale), int(img.shape[0] * scale)), Image.BILINEAR), dtype=np.float64)
    small = 255 - (255 - small) * fade
    small += np.random.default_rng(seed).normal(0, noise, small.shape)
    return np.clip(small, 0, 255).astype(np.uint8)


def test_every_step_runs(clean_page):
    small = clean_page[::4, ::4].copy()
    for name, fn in STEPS.items():
        res = fn(small)
        assert res.image.dtype == np.uint8 and res.image.ndim == 2, name


def test_measurements(clean_page):
    assert measure.noise_sigma(clean_page) < 1.0
    assert measure.noise_sigma(degrade(clean_page)) > 5.0
    assert 15 < measure.char_height(clean_page) < 60
    tilted = np.asarray(Image.fromarray(clean_page).rotate(7, expand=True, fillcolor=255))
    assert abs(measure.skew_angle(tilted) + 7.0) <= 0.3  # the rotation that levels it
    assert abs(measure.skew_angle(clean_page)) <= 0.2


def test_auto_leaves_clean_pages_alone_and_treats_bad_ones(clean_page):
    assert auto_plan(clean_page) == []
    steps = [name for name, _ in auto_plan(degrade(clean_page))]
    assert {"normalize_background", "median", "denoise", "rescale", "stretch_contrast"} <= set(steps)


def test_auto_rescues_a_degraded_page(clean_page):
    bad = degrade(clean_page)
    none = OCREngine(lang="eng", preprocess=None).recognize(bad)
    auto = OCREngine(lang="eng", preprocess="auto").recognize(bad)
    assert cer(none.text, PAGE2) > 0.5
    assert cer(auto.text, PAGE2) < 0.15
    page = auto.pages[0]
    assert (page.width, page.height) == (bad.shape[1], bad.shape[0])  # boxes are on the original
    assert all(0 <= w.box[0] < w.box[2] <= page.width and 0 <= w.box[1] < w.box[3] <= page.height for w in page.words)
    assert [s["step"] for s in page.steps][:2] == ["normalize_background", "median"]


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_turned_pages_read_like_upright(clean_page, turn):
    upright = cer(OCREngine(lang="eng").recognize(clean_page).text, PAGE2)
    turned = OCREngine(lang="eng").recognize(Image.fromarray(clean_page).rotate(turn, expand=True))
    assert cer(turned.text, PAGE2) <= upright + 0.005


def test_tilted_page_is_deskewed_and_boxes_map_back(clean_page):
    tilted = Image.fromarray(clean_page).rotate(-8, expand=True, fillcolor=255, resample=Image.BICUBIC)
    r = OCREngine(lang="eng").recognize(tilted)
    assert cer(r.text, PAGE2) < 0.01
    (step,) = r.pages[0].steps
    assert step["step"] == "deskew" and abs(step["angle"] - 8.0) <= 0.3
    word = next(w for w in r.words if w.text == "HX-2041")
    x0, y0, x1, y1 = word.box
    crop = np.asarray(tilted.convert("L"))[y0:y1, x0:x1]
    assert crop.size and crop.min() < 100  # the mapped box holds ink on the tilted page


def test_the_gentle_view_has_the_processed_page_geometry(clean_page):
    # a tilted, degraded page with a black square on it: auto cleans, deskews and enlarges it;
    # the gentle view is only smoothed, but the square lies at the same place on both
    tilted = np.asarray(Image.fromarray(clean_page).rotate(-3, expand=True, fillcolor=255, resample=Image.BICUBIC)).copy()
    tilted[1600:1700, 1100:1200] = 0  # below the text
    bad = degrade(tilted, scale=0.3)
    img, matrix, records = Pipeline("auto").run(bad, 90)
    assert cleaned(records) and {"deskew", "rescale"} <= {r["step"] for r in records}
    view = gentle_view(bad, matrix, img.shape)
    assert view.shape == img.shape and view.dtype == np.uint8
    x, y, _ = matrix @ [1150 * 0.3, 1650 * 0.3, 1]  # where the square's centre goes

    def centre(a):  # of the dark pixels near there
        win = a[int(y) - 60: int(y) + 60, int(x) - 60: int(x) + 60].astype(float)
        ys, xs = np.nonzero(win < (np.median(a) + win.min()) / 2)
        return np.array([xs.mean() + int(x) - 60, ys.mean() + int(y) - 60])

    assert np.abs(centre(img) - [x, y]).max() <= 3 and np.abs(centre(view) - [x, y]).max() <= 3
    assert np.std(view.astype(float)) < np.std(img.astype(float))  # smoothed, not stretched
    assert not cleaned(Pipeline("auto").run(clean_page)[2])  # a clean page gets no gentle view


def _recorder(seen):
    """An engine class standing in for a real one: it records each page it is given in ``seen``."""
    from ocrkit.engines import Engine
    from ocrkit.results import Page

    class Recorder(Engine):
        name = "recorder"

        def version(self):
            return "0"

        def languages(self):
            return ["eng"]

        def recognize(self, page):
            seen.append(page)
            return Page(page.number, page.image.width, page.image.height, page.dpi, ())

    return Recorder


def test_engines_get_the_gentle_view_of_cleaned_pages_only(clean_page):
    seen = []
    Recorder = _recorder(seen)

    OCREngine(engine=Recorder()).recognize(clean_page)
    OCREngine(engine=Recorder()).recognize(degrade(clean_page))
    assert seen[0].gentle is None
    view = seen[-1].gentle()
    assert view.shape == (seen[-1].image.height, seen[-1].image.width) and seen[-1].gentle() is view  # computed once


def test_pipeline_specs():
    assert Pipeline(None).name == "none" and Pipeline("none").spec is None
    assert Pipeline("median,deskew").spec == ["median", "deskew"]
    with pytest.raises(ValueError, match="unknown preprocessing step 'blur'"):
        Pipeline(["blur"])
    img = np.full((50, 80), 255, np.uint8)
    out, matrix, records = Pipeline([("rescale", {"factor": 2}), lambda im: 255 - im]).run(img)
    assert out.shape == (100, 160) and out.max() == 0 and matrix[0, 0] == 2
    assert [r["step"] for r in records] == ["rescale", "<lambda>"]


def test_seed_recipe_binarises(clean_page):
    out, _, records = Pipeline("seed").run(clean_page, 150)
    assert set(np.unique(out)) <= {0, 255} and records[1] == {"step": "rescale", "factor": 2.0}


def test_cli_preprocess_writes_the_image(tmp_path):
    out = tmp_path / "seen.png"
    r = CliRunner().invoke(cli, ["preprocess", str(SAMPLES / "scanned_3pages.pdf"), str(out), "--page", "2", "--steps", "median,otsu"])
    assert r.exit_code == 0, r.output
    assert Image.open(out).size[0] > 2000 and "step=median size=3" in r.output


DEV = SHARED / "data" / "pages-dev"


@pytest.mark.skipif(not DEV.exists(), reason="../shared/data/pages-dev is not beside the repo")
def test_severe_rendered_page(tmp_path):
    gt = (DEV / "deu-severe-01.gt.txt").read_text(encoding="utf-8")
    img = Image.open(DEV / "deu-severe-01.jpg")
    none = cer(OCREngine(lang="deu", preprocess=None).recognize(img).text, gt)
    auto = cer(OCREngine(lang="deu").recognize(img).text, gt)
    assert none > 0.9 and auto < 0.35


def test_lines_cut_out_of_a_page_get_a_margin_and_read_better():
    # real 19th-century line images (ocrd-dta19): the print touches the image's edge, where
    # Tesseract misreads it; auto gives them a margin of paper, and the boxes stay on the line
    lines = sorted((SHARED / "evaldata" / "ocrd-dta19-lines-de").glob("*.tif"))[:12]
    assert lines
    gts = [(p.parent / (p.name.split(".")[0] + ".gt.txt")).read_text(encoding="utf-8").replace("ſ", "s") for p in lines]
    none = OCREngine(lang="deu", engine="tesseract", script="latin", preprocess=None)
    auto = OCREngine(lang="deu", engine="tesseract", script="latin")
    plain, padded = [], []
    for path in lines:
        img = np.asarray(Image.open(path).convert("L"))
        assert measure.ink_margin(img) < 10
        plain.append(none.recognize(path).text.replace("ſ", "s"))
        result = auto.recognize(path)
        padded.append(result.text.replace("ſ", "s"))
        page = result.pages[0]
        assert page.steps[0]["step"] == "pad" and page.steps[0]["size"] >= 10
        assert all(0 <= w.box[0] < w.box[2] <= img.shape[1] and 0 <= w.box[1] < w.box[3] <= img.shape[0] for w in page.words)
    assert cer(" ".join(padded), " ".join(gts)) < cer(" ".join(plain), " ".join(gts)) - 0.005


def test_pages_with_margins_get_none_added(clean_page):
    assert measure.ink_margin(clean_page) >= 10
    assert measure.ink_margin(np.full((50, 80), 255, np.uint8)) == 50  # no ink: the whole image
    padded = STEPS["pad"](clean_page[:200, :300], size=12)
    assert padded.image.shape == (224, 324) and padded.matrix[0, 2] == 12


def test_a_page_that_shows_through_is_read_by_tesseract_binarised():
    # a real 1784 page whose reverse shows through (ocrd-kant): Tesseract's LSTM reads the gray
    # page, show-through and all; auto gives it the page binarised, and it reads far better.
    # Clean print, rendered pages and cut-out lines show nothing through and are read as before.
    from ocrkit.preprocess import SHOW_THROUGH

    page = SHARED / "evaldata" / "ocrd-kant-1784-de" / "kant_0020.tif"
    gt = page.with_name("kant_0020.gt.txt").read_text(encoding="utf-8").replace("ſ", "s")
    gray = np.asarray(Image.open(page).convert("L"))
    cropped = STEPS["remove_borders"](gray).image
    assert measure.show_through(cropped) > 2 * SHOW_THROUGH
    line = sorted((SHARED / "evaldata" / "ocrd-dta19-lines-de").glob("*.tif"))[0]
    for img in (np.asarray(Image.open(line).convert("L")), STEPS["pad"](np.asarray(Image.open(line).convert("L")), size=20).image):
        assert measure.show_through(img) < SHOW_THROUGH / 2
    gray_read = OCREngine(lang="frk+deu", engine="tesseract", preprocess=["remove_borders"]).recognize(page)
    auto_read = OCREngine(lang="frk+deu", engine="tesseract").recognize(page)
    assert [s["step"] for s in auto_read.pages[0].steps] == ["remove_borders", "otsu"]
    assert auto_read.pages[0].steps[1]["read_by"] == "tesseract"
    assert cer(auto_read.text.replace("ſ", "s"), gt) < cer(gray_read.text.replace("ſ", "s"), gt) - 0.015


def test_only_pages_that_show_through_get_a_binary_view(clean_page):
    seen = []
    Recorder = _recorder(seen)

    def first_seen(source, **options):
        seen.clear()
        OCREngine(engine=Recorder(), **options).recognize(source)
        return seen[0]  # (the first reading; a page read poorly is read again turned)

    kant = SHARED / "evaldata" / "ocrd-kant-1784-de" / "kant_0017.tif"
    assert first_seen(clean_page).binary is None and first_seen(degrade(clean_page)).binary is None
    page = first_seen(kant)
    binary, image = np.asarray(page.binary), np.asarray(page.image)
    assert set(np.unique(binary).tolist()) == {0, 255} and binary.shape == image.shape
    assert len(np.unique(image)) > 100  # (what any other engine reads stays gray)
    assert first_seen(kant, preprocess=["remove_borders"]).binary is None  # (steps told by name are what runs)
