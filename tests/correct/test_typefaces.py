"""Pages read with a Fraktur model are corrected under Fraktur's confusions too."""

from __future__ import annotations

import json
from importlib import resources

from ocrkit.correct import PostProcessor
from ocrkit.correct.channel import ChannelModel, count_confusions, readings
from ocrkit.correct.typefaces import modern_letters, typeface
from ocrkit.results import Line, OCRResult, Page, Word

TEXT = "Der Feind ftellte ſich nicht wieder, deffen Angriff war kühn\nund was in diejer Lage zu erklären ist"


def _result(*pages: tuple[str, str]) -> OCRResult:
    made = []
    for no, (text, model) in enumerate(pages, 1):
        lines = tuple(Line(tuple(Word(w, (0, 0, 1, 1), 0.8) for w in line.split()), (0, 0, 1, 1)) for line in text.split("\n"))
        made.append(Page(no, 10, 10, None, lines, model=model))
    return OCRResult(tuple(made), "tesseract", "5", "deu")


def test_the_typeface_of_a_reading_is_told_by_its_model():
    assert typeface("frk+deu") == typeface("Fraktur") == typeface("script/Fraktur+deu") == "Fraktur"
    assert typeface("deu") is None and typeface(None) is None


def test_a_fraktur_page_gets_its_long_s_misreadings_undone_and_an_antiqua_page_does_not():
    # (the built-in prior alone: the German default's real OCR noise knows `ff` for `ss` itself)
    pp = PostProcessor(lang="deu", channel=ChannelModel())
    fixed = pp.correct_result(_result((TEXT, "frk+deu"), (TEXT, "deu")))
    fraktur, antiqua = (p.text.split() for p in fixed.pages)
    assert {"stellte", "dessen", "dieser"} <= set(fraktur)
    assert {"deffen", "diejer"} <= set(antiqua)  # read in Antiqua, ff and j are no long s
    pages = [c.page for c in fixed.corrections]
    assert pages == sorted(pages) and pages.count(1) >= pages.count(2) + 2


def test_confusions_are_counted_against_modern_letters_and_the_shipped_file_says_where_they_come_from():
    doc = count_confusions([("deffen Haufe", "deſſen Hauſe")] * 2 + [("Jn diejer", "Jn dieſer")] * 2, modern_letters)
    assert readings(doc)[("ss", "ff")] > 0 and readings(doc)[("s", "j")] > 0
    assert modern_letters("Hauſe mu\u0364ſſen") == "Hause müssen"
    shipped = json.loads((resources.files("ocrkit.correct") / "data" / "fraktur.json").read_text(encoding="utf-8"))
    assert "CC BY 4.0" in shipped["license"] and "archiscribe" in shipped["learned_from"]
    assert readings(shipped)[("s", "f")] > 0.02
