"""Words broken by a space where a line prints digits for letters (passes/digit_merges.py)."""

from __future__ import annotations

from ocrkit import PostProcessor


def test_a_word_broken_at_a_symbol_or_digit_is_joined_on_a_line_printed_with_digits():
    # Tesseract breaks 't@@rt' as 't@ @rt' and 'bout1que' as 'bout 1que'
    assert PostProcessor(lang="nld").correct("Mijn mOeder b4kt 33n t@ @rt.").text == "Mijn moeder bakt een taart."
    assert PostProcessor(lang="fra").correct("L3 boulang3r 0uvre $a bout 1que très tôt.").text == \
        "Le boulanger ouvre sa boutique très tôt."
    assert PostProcessor(lang="eng").correct("Th 1s l3tt3r w4s wr1tten by h4nd.").text == "This letter was written by hand."
    # a rarer word where the break stands at the symbol ('repaired', 'étagère' are rarer than 1 in 100,000)
    assert PostProcessor(lang="eng").correct("Th3 Old bridge w@s rep @ired 14st ye4r.").text == \
        "The old bridge was repaired last year."
    assert PostProcessor(lang="fra").correct("L3 livr3 $ur l'ét@ gère apparti3nt à mOn pèr3.").text == \
        "Le livre sur l'étagère appartient à mon père."
    # the joined word at a line's start has a capital only where the line starts a sentence
    eng = PostProcessor(lang="eng")
    assert eng.correct("Th3 d0g r4n f4st\n4 cr0ss th3 r04d.").text == "The dog ran fast\nacross the road."
    assert eng.correct("Th3 d0g r4n f4st.\n4 cr0ss th3 r04d.").text == "The dog ran fast.\nAcross the road."


def test_two_words_stay_two_words():
    eng = PostProcessor(lang="eng")
    assert eng.correct("W3 w4lk3d 1n to th3 r00m.").text == "We walked in to the room."  # (not 'into')
    assert eng.correct("1t w4s 4 n3w d4y.").text == "It was a new day."  # (not 'anew')
    # a line that does not print digits for letters throughout keeps its spaces
    assert len(eng.correct("The t@ @rt was sold out at the market.").text.split()) == 9
