"""lang="auto": the language of each page, found among the installed ones."""

from __future__ import annotations

import pytest

from helpers import CLEAN_LINES, SHARED, render_lines
from ocrkit import OCREngine
from ocrkit.language import LanguageGuess, identifiable_languages, identify

CANDIDATES = ("eng", "deu", "fra", "nld")


@pytest.mark.parametrize("lang", CANDIDATES)
def test_a_page_of_text_is_identified(lang):
    assert identify("\n".join(CLEAN_LINES[lang][:6]), CANDIDATES).lang == lang


def test_ocr_noise_and_lost_accents_do_not_hide_the_language():
    text = "\n".join(CLEAN_LINES["fra"][:6]).replace("é", "e").replace("è", "e").replace("à", "a").replace("l", "1", 3)
    assert identify(text, CANDIDATES).lang == "fra"


def test_a_letter_in_two_languages_gets_both_and_a_label_keeps_the_first_candidate():
    mixed = [line for pair in zip(CLEAN_LINES["eng"][:5], CLEAN_LINES["fra"][:5]) for line in pair]
    guess = identify("\n".join(mixed), CANDIDATES)
    assert sorted(guess.lang.split("+")) == ["eng", "fra"]
    assert identify("Rechnung 2024", CANDIDATES) == LanguageGuess("eng", {}, 1)  # too few words to tell
    # a garbled page votes for nothing: its lines are not words of any language
    garbled = "\n".join("tnse qwv reocne ctovar snndeds bzt fentftenage xq" for _ in range(6))
    assert "+" not in identify(garbled, CANDIDATES).lang


def test_the_candidates_are_the_installed_languages_with_word_lists():
    langs = identifiable_languages()
    assert langs[0] == "eng" and set(CANDIDATES) <= set(langs)
    assert not {"frk", "Fraktur", "osd"} & set(langs)


def test_lang_auto_reads_and_corrects_each_page_in_its_own_language():
    pages = {lang: render_lines(CLEAN_LINES[lang][:8]) for lang in ("fra", "nld", "eng")}
    engine = OCREngine(lang="auto")
    for lang, img in pages.items():
        result = engine.recognize(img)
        assert result.pages[0].lang == lang and result.lang == "auto"
        if lang == "fra":
            assert "rivière" in result.text  # read with the French model: its accents
    # the corrector follows each page's language: a French word garbled on the French page
    from ocrkit.results import Line, OCRResult, Page, Word

    def page(no, lang, text):
        words = tuple(Word(w, (0, 0, 1, 1), 0.9) for w in text.split())
        return Page(no, 10, 10, None, (Line(words, (0, 0, 1, 1)),), lang=lang)

    raw = OCRResult((page(1, "fra", "La boulangerie ouvrait chaque rnatin avant le lever du soleil."),
                     page(2, "eng", "The bakery opened every rnorning before sunrise.")), "fake", "1", "auto")
    fixed = engine.run_postprocessor(raw)
    assert fixed.pages[0].text.split()[4] == "matin" and fixed.pages[1].text.split()[4] == "morning"
    assert [c.page for c in fixed.corrections] == [1, 2]


def test_the_web_app_and_the_batch_offer_lang_auto(tmp_path):
    import io

    pytest.importorskip("fastapi", reason="the serve extra is not installed")
    from fastapi.testclient import TestClient

    from ocrkit.batch import batch
    from ocrkit.server import create_app

    img = render_lines(CLEAN_LINES["nld"][:6])
    buf = io.BytesIO()
    img.save(buf, "PNG")
    client = TestClient(create_app())
    assert "auto" in client.get("/api/languages").json()["languages"]
    d = client.post("/api/ocr", files={"file": ("p.png", buf.getvalue())}, data={"lang": "auto"}).json()
    assert d["pages"][0]["lang"] == "nld" and d["meta"]["corrector"] == "default:nld"
    img.save(tmp_path / "p.png")
    [row] = list(batch([str(tmp_path / "p.png")], lang="auto", cache=False, workers=1))
    assert row["lang"] == "nld" and row["text"].startswith(CLEAN_LINES["nld"][0][:20])


def test_a_poor_first_reading_is_identified_from_the_final_one(default_engine):
    # eng-severe-00: Tesseract's first reading (confidence about 0.36) scores as French; fusion's
    # final reading of the page in eng holds enough English to say so
    from PIL import Image

    dev = SHARED / "data" / "pages-dev"
    if not dev.exists():
        pytest.skip("../shared/data/pages-dev is not beside the repo")
    if default_engine != "auto":
        pytest.skip("RapidOCR is not installed: Tesseract's final reading is its first")
    page = OCREngine(lang="auto").recognize(Image.open(dev / "eng-severe-00.jpg")).pages[0]
    assert page.lang == "eng"


def test_a_garbled_page_is_told_by_all_its_words_not_by_one_lucky_line():
    # a degraded Dutch page as read in English (pages-dev nld-severe-01): no Dutch line is read
    # well enough to vote, but one scrap of short words happens to be common English
    import random

    rng = random.Random(3)

    def garble(line: str) -> str:
        return "".join(rng.choice("aeilnorstu") if c.isalpha() and rng.random() < 0.3 else c for c in line)

    page = [garble(line) for line in CLEAN_LINES["nld"][:8]]
    page.insert(3, "Rome OD x GY © ROO FUR")
    guess = identify("\n".join(page), CANDIDATES)
    assert guess.lang == "nld"  # no second language either: Dutch wins no line to go with it
    assert guess.shares["eng"] == 1.0  # (the one well-read line is the English-looking scrap)
