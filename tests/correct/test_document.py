"""A document's own words and habits: what the rest of a page says about each line."""

from helpers import HORSE_SALE, trained
from ocrkit import PostProcessor
from ocrkit.correct.channel import ChannelModel
from ocrkit.correct.document import DocumentChannel, DocumentWords
from ocrkit.results import Line, OCRResult, Page, Word


def test_the_document_tells_which_word_was_meant():
    # 'rnare' alone is likelier 'more' (a far commoner word); in a report that says 'mare'
    # three times it is 'mare'. Each line is also read with the document in correct_lines.
    pp = PostProcessor(lang="eng")
    last = HORSE_SALE.splitlines()[-1]
    assert pp.correct(last).text == "Mr Brown then bought the grey more for thirty guineas."
    out = pp.correct(HORSE_SALE)
    assert [(c.original, c.replacement, c.line) for c in out.corrections] == [("rnare", "mare", 3)]
    assert pp.correct_lines(HORSE_SALE.splitlines())[-1] == "Mr Brown then bought the grey mare for thirty guineas."
    pp.params.document_weight = 0.0  # off: each line on its own
    assert pp.correct(HORSE_SALE).corrections[0].replacement == "more"


def test_document_words_count_only_well_known_words_and_never_for_themselves():
    known = {"the": 0.05, "mare": 2e-5}
    assert DocumentWords.of(["the", "mare"] * 10, known.__contains__) is None  # 20 words: not a document
    doc = DocumentWords.of(["the", "mare", "rnare", "xq"] * 10, known.__contains__)
    assert doc is not None and set(doc.counts) == {"the", "mare"} and doc.total == 40
    assert doc.boost("rnare", 1e-9, 0.3) == 0.0  # unknown strings never count
    assert doc.boost("mare", 2e-5, 0.3) > doc.boost("mare", 2e-5, 0.3, own=1) > 0.0
    assert doc.boost("mare", 2e-5, 0.0) == 0.0
    assert doc.near("marc") == ["mare"]


_LI_FOR_H = """The steamer left tlie wharf at noon with a full cargo of wool for the London market, and
the captain reported that tlie weather outside was fine, wliich is more than could be said for
the last trip, when slie lost two boats in the gale off the heads and had to put back to port.
The boats were liauled up near the liglitliouse by the ancliorage."""


def test_a_second_reading_uses_the_confusions_the_document_has_shown():
    # this engine printed 'li' for 'h' throughout: the first reading undoes it only in common
    # words ('tlie', 'wliich'); a second reading that knows the page's habit fixes the rest
    pp = PostProcessor(lang="eng")
    assert pp.params.document_channel == 0.0  # off by default: trained models tune it
    last = "The boats were liauled up near the liglitliouse by the ancliorage."
    assert pp.correct(_LI_FOR_H).text.splitlines()[-1] == last
    pp.params.document_channel = 4.0
    out = pp.correct(_LI_FOR_H)
    assert out.text.splitlines()[-1] == "The boats were hauled up near the lighthouse by the anchorage."
    assert [c.original for c in out.corrections] == ["tlie", "tlie", "wliich", "slie", "liauled", "liglitliouse", "ancliorage"]
    assert pp.correct(last).text == last  # one line alone shows no habit


def test_document_channel_raises_only_recurring_confusions():
    base = ChannelModel()
    assert DocumentChannel.learn(base, [("h", "li")], "the ship", 4.0) is None  # seen once: no habit
    doc = DocumentChannel.learn(base, [("h", "li")] * 3 + [("e", "c")], "the ship and the harbour", 4.0)
    assert doc is not None
    assert doc.prob("h", "li") > base.prob("h", "li") and doc.prob("e", "c") == base.prob("e", "c")
    assert ("h", doc.prob("h", "li")) in doc.reverse_index()["li"]
    assert doc.generic == base.generic  # everything else is the base model's


def test_a_result_is_read_twice_too():
    lines = []
    for y, text in enumerate(_LI_FOR_H.splitlines()):
        words = tuple(Word(w, (10 * i, 20 * y, 10 * i + 8, 20 * y + 15), 0.9) for i, w in enumerate(text.split()))
        lines.append(Line(words, (0, 20 * y, 10 * len(words), 20 * y + 15)))
    page = Page(number=1, width=2000, height=200, dpi=300, lines=tuple(lines))
    pp = PostProcessor(lang="eng")
    pp.params.document_channel = 4.0
    out = pp.correct(OCRResult(pages=(page,), engine="test", engine_version="0", lang="eng"))
    assert out.pages[0].lines[-1].text == "The boats were hauled up near the lighthouse by the anchorage."
    assert out.corrections[-1].original == "ancliorage" and out.corrections[-1].line == 3


def test_a_document_that_spells_y_for_ij_keeps_it():
    # a model that learned the engine's 'y' for the 'ij' ligature reads 'tyd' as 'tijd' on a page
    # that prints 'ij' elsewhere; a page that never prints 'ij' but writes 'hy', 'zyn', 'blyde'
    # spells the older way, and its 'tyd' stays
    pp = trained("nld", [("Hy zeide dat zyn vader blyde was, want de prys was laag.",
                          "Hij zeide dat zijn vader blijde was, want de prijs was laag.")] * 30)
    y_page = ("In dien tyd was de stad vol volk, en de burgers zagen hoe de schepen binnen kwamen. "
              "Men zeide dat hy zyn broeder had gezien, en dat zy samen naar de markt gingen om koren te "
              "kopen. De heeren van de raad waren blyde, want de prys van het koren was laag.")
    assert pp.correct(y_page).text == y_page
    ij_page = y_page
    for y, ij in (("hy", "hij"), ("zyn", "zijn"), (" zy ", " zij "), ("blyde", "blijde"), ("prys", "prijs")):
        ij_page = ij_page.replace(y, ij)
    assert pp.correct(ij_page).text == ij_page.replace("tyd", "tijd")


def test_the_word_memory_learns_whole_elided_words():
    # "qu'elle" printed 'quelle' is learned as "qu'elle" (not 'elle', which would drop "qu'"),
    # and the engine's 'qu il' (two words) teaches nothing about 'qu'
    from ocrkit.correct.memory import WordMemory

    memory = WordMemory()
    memory.update([("quelle dit", "qu'elle dit"), ("qu il dit", "qu'il dit"), ("l’ejì dit", "l'est dit")] * 3)
    assert dict(memory.became["quelle"]) == {"qu'elle": 3}
    assert dict(memory.became["ejì"]) == {"est": 3}  # (the elision stays in the token's lead)
    assert "qu" not in memory.became
