"""Tokens and what the corrector may touch."""

import pytest

from ocrkit.correct.tokens import classify, tokenize


@pytest.mark.parametrize(
    "token,kind",
    [("2024-0042", "number"), ("1,250.00", "number"), ("EUR", "acronym"), ("A4", "code"), ("MP3", "code"),
     ("j.smith@example.com", "email"), ("https://example.org/x", "url"), ("Th1s", "word"), ("1s", "word"),
     ("s@mple", "word"), ("4", "digit"), ("12:30", "number"), ("3rd", "number"), ("&c", "symbol"),
     ("NIS+", "acronym"), ("C++", "acronym"), ("firs+", "word")],
)
def test_token_kinds(token, kind):
    assert classify(token) == kind


def test_a_token_is_lead_core_trail():
    (tok,) = tokenize("«l'école»,")
    assert (tok.lead, tok.core, tok.trail, tok.kind) == ("«l'", "école", "»,", "word")
    assert [t.start for t in tokenize("a  bb c")] == [0, 3, 6]


def test_a_possessive_s_is_trail_so_the_word_before_it_is_corrected():
    assert [(t.core, t.trail) for t in tokenize("(the King's) people’s h0use's")] == [
        ("the", ""), ("King", "'s)"), ("people", "’s"), ("h0use", "'s")]
    (short,) = tokenize("it's")  # (too short a word to carry a possessive: an elided one)
    assert short.trail == ""
    from ocrkit import PostProcessor

    assert PostProcessor(lang="eng").correct("the pianner's estimate and tbe Govemment’s").text == \
        "the planner's estimate and the Government’s"
