"""The model that reads a page: the language's own, or the one for its typeface (Fraktur)."""

from __future__ import annotations

import unicodedata

import pytest

from helpers import SHARED, cer, render_lines
from ocrkit import OCREngine
from ocrkit.engines.models import FEW_WORDS, script_models, scripts_installed, shows_typeface
from ocrkit.engines.tesseract import installed_languages

FRAKTUR = "frk" in installed_languages()
KANT = SHARED / "evaldata" / "ocrd-kant-1784-de"
LINES = SHARED / "evaldata" / "archiscribe-19c-lines-de"
SEVERE = SHARED / "data" / "pages-dev" / "deu-severe-00.jpg"
needs_fraktur = pytest.mark.skipif(not FRAKTUR, reason="tesseract-ocr-frk is not installed (scripts/setup.sh installs it)")


def modern(text: str) -> str:
    """Diplomatic transcription to modern letters (long s, combining e over umlauts)."""
    text = unicodedata.normalize("NFC", text.replace("ſ", "s").replace("a\u0364", "ä").replace("o\u0364", "ö").replace("u\u0364", "ü"))
    return text.replace("ꝛ", "r").replace("⸗", "-")


@needs_fraktur
def test_a_language_printed_in_fraktur_has_its_fraktur_reading():
    assert script_models("deu") == {"Fraktur": "frk+deu"}
    assert script_models("eng") == {}  # no model reads English Fraktur
    assert script_models("frk") == {} and script_models("frk+deu") == {}  # asked for: read as asked
    assert "deu" in scripts_installed()["Fraktur"]


@needs_fraktur
@pytest.mark.skipif(not KANT.exists(), reason="../shared/evaldata is not beside the repo")
def test_a_fraktur_page_asked_for_in_german_is_read_with_the_fraktur_model():
    page = KANT / "kant_0017.tif"
    gt = modern((KANT / "kant_0017.gt.txt").read_text(encoding="utf-8"))
    found = OCREngine(lang="deu").recognize(page)
    asked = OCREngine(lang="deu", script="latin").recognize(page)
    assert found.pages[0].model == "frk+deu" and found.pages[0].lang == "deu"
    assert asked.pages[0].model == "deu"
    # two pages of this journal: the Fraktur model reads with about a third fewer errors
    assert cer(modern(found.text), gt) < 0.8 * cer(modern(asked.text), gt)


@needs_fraktur
@pytest.mark.skipif(not LINES.exists(), reason="../shared/evaldata is not beside the repo")
def test_fraktur_lines_are_found_without_being_told():
    files = sorted(LINES.glob("*.png"))[:12]
    engine, latin = OCREngine(lang="deu"), OCREngine(lang="deu", script="latin")
    found = [engine.recognize(f) for f in files]
    assert sum(r.pages[0].model == "frk+deu" for r in found) >= 10
    gts = [modern((LINES / (f.stem + ".gt.txt")).read_text(encoding="utf-8")) for f in files]
    mean = lambda rs: sum(cer(modern(r.text), g) for r, g in zip(rs, gts)) / len(gts)  # noqa: E731
    assert mean(found) < 0.75 * mean([latin.recognize(f) for f in files])


@needs_fraktur
@pytest.mark.skipif(not LINES.exists(), reason="../shared/evaldata is not beside the repo")
def test_the_default_engine_reads_fraktur_with_tesseracts_fraktur_model(default_engine):
    # RapidOCR has no Fraktur model: where Tesseract's Fraktur reading wins, fusion keeps it
    files = sorted(LINES.glob("*.png"))[:6]
    gts = [modern((LINES / (f.stem + ".gt.txt")).read_text(encoding="utf-8")) for f in files]
    found = [OCREngine(lang="deu").recognize(f) for f in files]
    latin = [OCREngine(lang="deu", engine="tesseract", script="latin").recognize(f) for f in files]
    mean = lambda rs: sum(cer(modern(r.text), g) for r, g in zip(rs, gts)) / len(gts)  # noqa: E731
    assert found[0].engine == default_engine and mean(found) < 0.75 * mean(latin)
    assert sum(r.pages[0].model == "frk+deu" for r in found) >= 4


def test_a_long_fraktur_reading_shows_long_s():
    antiqua = "Die Sitzung des Rates fand am Dienstag statt und dauerte bis in den Abend. " * 6
    fraktur = antiqua.replace("Sitzung", "Sitzung").replace("des", "deſ").replace("Dienstag", "Dienſtag")
    assert not shows_typeface("Fraktur", antiqua)  # (over 300 letters, no long s)
    assert shows_typeface("Fraktur", fraktur)
    assert shows_typeface("Fraktur", antiqua[:200])  # a line may hold no s at all
    assert shows_typeface("Latin", antiqua)


@needs_fraktur
@pytest.mark.skipif(not SEVERE.exists(), reason="../shared/data/pages-dev is not beside the repo")
def test_a_degraded_antiqua_page_keeps_the_fused_reading_of_its_own_model(default_engine):
    # the Fraktur model reads this page more confidently than Tesseract's deu model, and with
    # more known words than fusion's deu reading, but with a single long s in 500 letters
    page = OCREngine(lang="deu").recognize(SEVERE).pages[0]
    assert page.model == "deu"


PARAGRAPH = ["Die Sitzung des Rates fand am Dienstag statt, und viele Bürger kamen.",
             "Der Bürgermeister sprach über den Haushalt der Stadt und die Schulen.",
             "Danach fragten die Leute nach den neuen Straßen und nach dem Bahnhof.",
             "Am Ende des Abends stimmte der Rat über den Plan für das nächste Jahr ab.",
             "Die Zeitung schrieb am Morgen darauf, dass alle mit dem Ergebnis zufrieden waren."]


@needs_fraktur
def test_a_clean_latin_page_is_read_once_with_the_model_asked_for():
    img = render_lines(PARAGRAPH)
    engine = OCREngine(lang="deu")
    page = engine.recognize(img).pages[0]
    assert page.model == "deu" and page.confidence >= 0.85 and sum(1 for _ in page.words) >= FEW_WORDS
    assert list(engine._engines) == ["deu"]  # the Fraktur model was never loaded
    assert "Bürgermeister" in engine.recognize(img).text


@needs_fraktur
def test_a_short_reading_is_tried_in_fraktur_but_a_clean_antiqua_line_stays_latin():
    # a line is cheap to read twice, so a sure one is tried in the Fraktur model as well; the
    # Fraktur model may read a clean Antiqua line as confidently, but shows no long s in it
    engine = OCREngine(lang="deu", engine="tesseract")
    for line in PARAGRAPH[:3]:
        page = engine.recognize(render_lines([line])).pages[0]
        assert page.model == "deu", line
    assert "frk+deu" in engine._engines


@needs_fraktur
def test_script_fraktur_always_reads_with_the_fraktur_model_and_bad_values_are_refused():
    img = render_lines(["Die Sitzung des Rates fand am Dienstag statt."])
    assert OCREngine(lang="deu", script="fraktur").recognize(img).pages[0].model == "frk+deu"
    with pytest.raises(ValueError, match="script must be one of"):
        OCREngine(lang="deu", script="gothic")


def test_page_lang_and_model_round_trip_through_json():
    from ocrkit.results import Page

    page = Page(1, 10, 10, 300.0, (), lang="deu", model="frk+deu")
    assert Page.from_dict(page.to_dict()) == page
    assert "model" not in Page(1, 10, 10, None, ()).to_dict()
