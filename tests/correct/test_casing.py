"""How a word read with its first letter printed as a digit is cased: the system's spelling
dictionaries (Debian's Hunspell ones, installed by scripts/setup.sh) say which words a language
writes small and which only with a capital (names, German nouns)."""

from __future__ import annotations

import logging

import pytest

from ocrkit import PostProcessor
from ocrkit.correct import dictionaries
from ocrkit.correct.dictionaries import Case, case_of, only_small


@pytest.fixture
def no_dictionaries(monkeypatch, tmp_path):
    monkeypatch.setattr(dictionaries, "_DIRS", ())
    monkeypatch.setenv("DICPATH", str(tmp_path))
    monkeypatch.setattr(dictionaries, "_loaded", {})


def test_the_dictionaries_tell_small_words_from_names_and_german_nouns():
    assert case_of("oncle", "fr") is Case.SMALL and case_of("Alain", "fr") is Case.CAPITAL
    assert case_of("alte", "de") is Case.SMALL and case_of("auto", "de") is Case.CAPITAL
    assert case_of("oliver", "en") is Case.CAPITAL and case_of("onto", "en") is Case.SMALL
    assert case_of("oom", "nl") is Case.SMALL
    assert case_of("xqzvvk", "en") is None


def test_the_dictionaries_tell_words_written_small_only():
    assert only_small("schön", "de") and only_small("ab", "de") and only_small("ouvre", "fr")
    assert not only_small("arbeiten", "de")  # (also the noun 'Arbeiten')
    assert not only_small("olive", "en")  # (also the name 'Olive')
    assert not only_small("xqzvvk", "en")


def test_a_capital_printed_on_a_word_written_small_only_is_a_misreading():
    # Tesseract's readings of 'D@s W3tt3r 1st h3ut3 $ehr $chön.' and 'D3r Zug fährt um z3hn Uhr 4b.'
    pp = PostProcessor(lang="deu")
    assert pp.correct("D@s W3tt3r Ist h3ut3 Sehr Schön.").text == "Das Wetter ist heute sehr schön."
    assert pp.correct("D3r Zug fährt um z3hn Uhr Ab.").text == "Der Zug fährt um zehn Uhr ab."
    # (a noun keeps its capital; so does a name the dictionary knows)
    assert pp.correct("D3r Zug fährt um z3hn Uhr n4ch Essen.").text == "Der Zug fährt um zehn Uhr nach Essen."
    assert PostProcessor(lang="eng").correct("W3 m3t Olive 4t th3 st4tion.").text == "We met Olive at the station."


def test_a_german_noun_printed_with_a_digit_first_keeps_its_capital():
    pp = PostProcessor(lang="deu")
    # ('4uto' is 'Auto', a noun; 'Alte' read for '4lte' between an article and a noun is 'alte')
    assert pp.correct("Me1n 0nkel fährt e1n kl3in3s grün3s 4uto.").text == "Mein Onkel fährt ein kleines grünes Auto."
    assert pp.correct("Di3 Alte Brück3 wurd3 l3tzt3s J4hr rep@riert.").text == "Die alte Brücke wurde letztes Jahr repariert."
    # a digit's capital says nothing of the printed case: the commoner way decides ('ihr', not
    # the polite 'Ihr'); a capital printed as such stays ('Ihn3n' is 'Ihnen')
    assert pp.correct("Sie hab3n Ihr H@us Am H@fen verk@uft.").text == "Sie haben ihr Haus am Hafen verkauft."
    assert pp.correct("W1r g3b3n Ihn3n d4s Buch.").text == "Wir geben Ihnen das Buch."


def test_a_word_read_with_a_digits_capital_is_small_unless_it_is_a_name():
    pp = PostProcessor(lang="fra")
    # 'oncle' is as rare as the name 'Alain': the dictionary, not the frequency, tells them apart
    assert pp.correct("M0n Oncle c0nduit un3 p3tit3 voitur3 v3rt3.").text == "Mon oncle conduit une petite voiture verte."
    assert pp.correct("J3 v01s Alain d3m41n.").text == "Je vois Alain demain."


def test_without_a_dictionary_a_rare_word_is_kept_as_a_name(no_dictionaries):
    assert case_of("oncle", "fr") is None
    assert PostProcessor(lang="fra").correct("M0n Oncle c0nduit un3 p3tit3 voitur3 v3rt3.").text \
        == "Mon Oncle conduit une petite voiture verte."


def test_a_damaged_dictionary_is_skipped_with_a_warning(no_dictionaries, tmp_path, caplog):
    (tmp_path / "de_DE.aff").write_bytes(b"\x00\xff garbage\nSET UTF-8\nPFX A Y 1\n")
    (tmp_path / "de_DE.dic").write_bytes(b"notanumber\n\x00\x01\n")
    with caplog.at_level(logging.WARNING, logger="ocrkit.correct.dictionaries"):
        assert case_of("auto", "de") is None
    assert "could not read the spelling dictionary" in caplog.text
