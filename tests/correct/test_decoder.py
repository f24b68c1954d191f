"""The word decoder: which word each printed token stands for, and what a trained model adds."""

import math

import pytest

from helpers import clean_pairs, trained
from ocrkit import PostProcessor
from ocrkit.correct.channel import ChannelModel
from ocrkit.correct.fixes import Reason


def test_case_slips_are_learned_not_guessed(tmp_path):
    # Fraktur OCR often prints a long 's' as 'S' inside words; a model trained on such pairs puts
    # the case right, while the untrained one reads only a digit's capital in a small word so
    # ('auS': an 'S' for a '5'; of two letters, only 'O' for '0') and leaves what may be a name
    # alone ('BundeSregierung' is shaped like 'JavaScript')
    line = "Die BundeSregierung hat eS auS Bern gemeldet, sagt McDonald"
    assert PostProcessor(lang="deu").correct(line).text == "Die BundeSregierung hat eS aus Bern gemeldet, sagt McDonald"
    words = ["das", "es", "aus", "bis", "ist", "Haus", "Gesetz", "Kreis", "alles", "dieses"]
    pp = trained("deu", [(w[0] + w[1:].replace("s", "S"), w) for w in words * 20] + [("in Bern", "in Bern")] * 3)
    assert pp.correct(line).text == "Die Bundesregierung hat es aus Bern gemeldet, sagt McDonald"
    pp.save(tmp_path / "m.ocrkit")
    assert PostProcessor.load(tmp_path / "m.ocrkit").correct(line).text == "Die Bundesregierung hat es aus Bern gemeldet, sagt McDonald"
    # keeping 'daS' is keeping a name, not the word 'das' in its context
    assert pp.correct("stellt daS Petitionsrecht fest").text == "stellt das Petitionsrecht fest"


def test_a_misread_first_letter_gets_the_case_it_stood_for():
    # Fraktur OCR prints capital 'S' and 'G' as '©' and capital 'F' as 'g': the replacement takes
    # the case the error model has seen those misreadings stand for, not the printed one's
    words = ["Sohn", "Sache", "Seite", "Gericht", "Garten", "Gesetz"]
    pp = trained("deu", [("©" + w[1:], w) for w in words * 10] + [("g" + w[1:], w) for w in ["Fischer", "Form", "Frage"] * 10])
    assert pp.correct("und der ©ohn und die gifcher").text == "und der Sohn und die Fischer"


def test_words_hyphenated_inside_a_line_are_left_alone(pp):
    # diplomatic transcriptions keep a former line-end hyphen inside the word: not a misspelling
    line = "the secu¬rity of the har⸗bour"
    assert pp.correct(line).text == line


def test_guillemets_printed_for_letters_are_learned():
    # ABBYY and Fraktur OCR print a final 's' as '«' or '»'; a model trained on such pairs reads
    # them as letters, while real quotation marks («Text», »Text«) stay in text it has not learned
    line = "A verdict wa« given for the visitor«. «Yes»"
    assert PostProcessor(lang="eng").correct(line).text == line
    words = ["was", "his", "this", "is", "as", "has", "its", "yes", "us", "towns"]
    pp = trained("eng", [(w[:-1] + "«", w) for w in words * 20] + [("the verdict was given", "the verdict was given")])
    assert pp.correct(line).text == "A verdict was given for the visitors. «Yes»"


def test_long_s_printed_as_a_parenthesis_is_learned():
    # early-modern print read with its long s as '(' ('(hall' for 'shall'): a model trained on
    # such pairs reads the mark as a letter; a parenthesis closed later in the line stays one
    line = "They (hall go (see the map) and (uch men"
    assert PostProcessor(lang="eng").correct(line).text == line
    words = ["shall", "such", "some", "should", "said", "same", "so", "see", "set", "sure"]
    lessons = [("(" + w[1:], w) for w in words * 10] + [("the map (see below) and the men", "the map (see below) and the men")] * 10
    assert trained("eng", lessons).correct(line).text == "They shall go (see the map) and such men"


def test_german_sharp_s_words_are_known():
    # wordfreq stores 'saß' as 'sass' (case folding); the corrector must still know 'saß'
    pp = PostProcessor(lang="deu")
    assert pp.lm.known("saß") and pp.lm.known("straße") and not pp.lm.known("xyzß")
    line = "Er saß auf der Straße und weiß, daß es groß ist."
    assert pp.correct(line).text == line


def test_lost_spaces_are_restored_when_splitting_is_on():
    pp = PostProcessor(lang="eng")
    assert pp.correct("matter the kingwas very glad").text == "matter the kingwas very glad"  # off by default
    pp.params.split_prob = 0.01  # what fit() may choose on data with lost spaces
    assert pp.correct("matter the kingwas very glad").text == "matter the king was very glad"
    assert pp.correct("an unusualword here").text == "an unusual word here"
    deu = PostProcessor(lang="deu")
    deu.params.split_prob, deu.params.unknown_keep = 0.01, 1e-10
    assert deu.correct("Er kam mit derBahn nach Hause").text == "Er kam mit der Bahn nach Hause"  # the printed case


def test_spelling_model_rewrites_unknown_words_by_learned_confusions():
    # a trained model knows how its training text spells, beyond any word list: an unknown
    # word garbled by learned confusions (long s printed as 'f') is rewritten into that spelling
    words = ["sulcke", "schepen", "soldaten", "vijanden", "stadt", "staten", "spaensche", "persoonen"]
    text = " ".join(words * 5)
    pairs = [(text.replace("s", "f"), text)] * 150 + [("de ko,ing", "de koning")] * 20  # (',' for 'n' too)
    # (from the built-in prior alone: the Dutch default's real noise, at these pairs' error rate,
    # reads 'r' for 't' often enough to make 'spaenschet' as likely a spelling)
    pp = PostProcessor(lang="nld", channel=ChannelModel()).fit(pairs + clean_pairs("nld"), tune=False)
    assert pp.spelling is not None and pp.spelling.logp("spaenscher") > pp.spelling.logp("fpaenfcher")
    line = "de fpaenfcher vloot"  # no word list and no training text has 'spaenscher'
    assert pp.correct(line).text == line  # off until tuning turns it on
    pp.params.spelling_margin = math.log(100)
    out = pp.correct(line)
    assert out.text == "de spaenscher vloot"
    assert [(c.original, c.replacement, c.reason) for c in out.corrections] == [("fpaenfcher", "spaenscher", "spelling")]
    assert PostProcessor(lang="nld").correct(line).text == line  # untrained: never
    # two words whose space was lost after a comma are no one garbled word: not respelled
    joined = "de vloot,fpaenfcher"
    assert pp.correct(joined).text == joined


def test_word_likeness_tells_garbled_unknown_words_from_names():
    # a character model of the German word list: garbled print reads less like German than
    # real words the list lacks (a Swiss title, a compound) do
    from ocrkit.correct.lm import LanguageModel
    from ocrkit.correct.spelling import wordlikeness_model

    model, median = wordlikeness_model(LanguageModel.for_tesseract_lang("deu").top_words(30_000))
    for real in ("landammann", "rechtschaffene", "zollverwaltungen"):
        for garbled in ("rechtfchassene", "sdjönljeit", "gefellfchaft"):
            assert model.per_char(real) > model.per_char(garbled) + 0.5, (real, garbled)
    assert model.per_char("landammann") > median - 0.5


def _changed_only_by(pp, line, expected, **params):
    """``pp`` leaves ``line`` alone, and with ``params`` set makes it ``expected``."""
    assert pp.correct(line).text == line
    for name, value in params.items():
        setattr(pp.params, name, value)
    assert pp.correct(line).text == expected


def test_keeping_an_unknown_word_weighs_how_word_like_it_looks():
    # long s read as f, learned from pairs: with word-likeness on (as fit may choose), a garbled
    # unknown word is corrected even where unknown words are otherwise kept generously
    pp = trained("deu", [("Er ift fo gut gewefen, daß er fein Haus verlaffen hat.",
                          "Er ist so gut gewesen, daß er sein Haus verlassen hat.")] * 40)
    pp.params.unknown_keep = 1e-6
    _changed_only_by(pp, "Die Gefellfchaft der Freunde und Herr Rüegg von Glarus.",
                     "Die Gesellschaft der Freunde und Herr Rüegg von Glarus.", wordlike=4.0)


def test_words_run_together_are_not_respelled_as_one():
    # 'sichder' is 'sich der' with its space lost: no single word is meant, so even with the
    # loosest margins it is not made 'sicher' (splitting it is for models where fit chose to)
    pp = PostProcessor(lang="deu")
    pp.params.margin = pp.params.known_word_margin = pp.params.edit_margin = 0.0
    pp.params.unknown_keep = 1e-10
    _changed_only_by(pp, "Er war sichder Sache gewiss, und hatdie Zeit. Er waraber nicht da.",
                     "Er war sich der Sache gewiss, und hat die Zeit. Er war aber nicht da.", split_prob=0.05)


def test_each_part_of_a_hyphenated_compound_is_a_word():
    # 'Nobbs-streot' is a name and a garbled word: the part is corrected between its neighbours,
    # the name and a compound whose parts are known stay; 'Sir,-The' is no compound
    pp = PostProcessor(lang="eng")
    out = pp.correct("He lived in Nobbs-streot, near the well-known school.")
    assert out.text == "He lived in Nobbs-street, near the well-known school."
    assert [(c.original, c.replacement) for c in out.corrections] == [("Nobbs-streot", "Nobbs-street")]
    line = "Sir,-The letter of the Hon-Secretary was read."
    assert pp.correct(line).text == line
    # a word hyphenated at a former line end is one word, not a compound of two
    fra = PostProcessor(lang="fra")
    for line in ("lui était insupportable et qu'il n'y résis-terait pas,", "Nous nous aimions, Mel-chior et moi.",
                 "Embarqué sur le navire les Deux-Asso-ciés,"):
        assert fra.correct(line).text == line


_E_FOR_C = [(w.replace("e", "c"), w) for w in ["her", "then", "when", "men", "red", "yet", "get", "let", "set", "bed"] * 12]


def test_a_word_three_learned_misreadings_away_is_found_beyond_the_beam():
    # the confusion search keeps only the likeliest rewrites of each prefix; on a garbled line, a
    # long word three edits from a common one, every edit a misreading the model has learned ('m'
    # as 'n', 'e' as 'c'), is also looked up directly
    m_for_n = [(w.replace("m", "n"), w) for w in ["time", "home", "came", "name", "some", "more", "made", "same", "money", "most"] * 12]
    pp = trained("eng", _E_FOR_C + m_for_n)
    pp.params.beam = 1  # (a beam that misses it)
    found = {c.word: c.reason for c in pp.corrector.candidates.of("nenbcr", 3.0, None)}
    assert found.get("member") is Reason.CONFUSION
    # three edits the model has not learned are no evidence: any word of that length is three away
    assert not any(len(c.word) >= 5 for c in pp.corrector.candidates.of("qaxbzrt", 3.0, None))
    garbled = "Tbe ncn of tbe nenbcr cluh"
    assert pp.correct(garbled).text.split()[4] == "member"
    assert PostProcessor(lang="eng").correct(garbled).text.split()[4] == "nenbcr"  # untrained: no learned misreadings


def test_a_known_word_that_a_learned_misreading_makes_of_a_far_commoner_one_is_checked():
    # old newspapers print 'e' as 'c': 'arc' is a word, but in 'they arc here' it is 'are'
    pp = trained("eng", _E_FOR_C + [("the arc welding shop", "the arc welding shop")] * 10)
    line = "they said that the men arc here now and the arc of the bridge is long"
    assert pp.correct(line).text == line  # off unless tuning finds it pays
    pp.params.suspect_ratio = 10.0
    suspects = pp.corrector.decoder.suspects()
    assert "arc" in suspects and "are" not in suspects
    assert pp.correct(line).text == "they said that the men are here now and the arc of the bridge is long"
    assert PostProcessor(lang="eng").corrector.decoder.suspects() == frozenset()  # untrained: no learned misreadings


def test_capitals_read_for_digits_inside_words_are_small_letters():
    # an engine reads a '0' printed inside a word as a capital 'O' ('Y0ur' -> 'YOur', 't0day' ->
    # 'tOday'): a person reads those as small letters, and so does the untrained corrector
    pp = PostProcessor(lang="eng")
    assert pp.correct("YOur Order h4s b33n shipped tOday.").text == "Your order has been shipped today."
    assert pp.correct("COld w4ter flows dOwn th3 r1ver.").text == "Cold water flows down the river."
    nld = PostProcessor(lang="nld")
    assert nld.correct("W1j wOnen In 33n Oud huis.").text == "Wij wonen in een oud huis."
    # a digit's capital before a word's last 's' is no acronym's plural ('CEOs', 'PCs' are)
    assert pp.correct("Th3 d0g wAs h3re 4nd thIs c4t hAs g0ne.").text == "The dog was here and this cat has gone."
    assert PostProcessor(lang="deu").correct("Er h4t dAs Buch g3les3n.").text == "Er hat das Buch gelesen."
    assert pp.correct("Our PCs and CEOs use iOS and macOS.").text == "Our PCs and CEOs use iOS and macOS."


def test_a_hyphenated_word_printing_a_digit_is_corrected_part_by_part():
    assert PostProcessor(lang="fra").correct("Ma gr4nd-mère racontait des histoires le soir.").text == \
        "Ma grand-mère racontait des histoires le soir."
    eng = PostProcessor(lang="eng")
    assert eng.correct("The w3ll-known doctor came.").text == "The well-known doctor came."
    assert eng.correct("Th3 1st-class d0ctor c4me.").text == "The 1st-class doctor came."


def test_a_word_read_with_digits_capitals_at_both_ends_is_that_word_in_small_letters():
    # 'OntO' for '0nt0': the untrained corrector takes the case reading even where a likelier
    # word ('into') needs an edit it cannot vouch for; inside a sentence the first 'O' is small
    eng = PostProcessor(lang="eng")
    assert eng.correct("He went ontO the roof.").text == "He went onto the roof."
    assert eng.correct("Th3 c@t climb3d OntO th3 kitch3n tabl3.").text == "The cat climbed onto the kitchen table."
    assert eng.correct("W3 m3t OlIver 4t th3 st4tion.").text == "We met Oliver at the station."


def test_one_digit_capital_before_a_last_s_is_a_letter_where_the_line_prints_digits():
    # 'NOs' for 'N0s' on such a line; two capitals are still an acronym's plural ('CEOs')
    assert PostProcessor(lang="fra").correct("NOs vacanc3s comm3nc3nt lund1 prochain.").text == \
        "Nos vacances commencent lundi prochain."
    assert PostProcessor(lang="eng").correct("Th3 CEOs w3re h3re.").text == "The CEOs were here."


def test_a_code_of_digits_and_look_alike_capitals_is_a_word_where_the_line_prints_digits_throughout():
    # FreeSans Bold prints 'l' and 'I' alike: 'Ell3' is read 'EII3', '4ll' '4I1'; on a line that
    # prints digits throughout such a code is the word it spells, in the sentence's case
    assert PostProcessor(lang="fra").correct("EII3 4 ach3té d3s p0mmes 4u m4rché.").text == \
        "Elle a acheté des pommes au marché."
    eng = PostProcessor(lang="eng")
    assert eng.correct("Sn0w cov3r3d th3 hills 4I1 thrOugh th3 wint3r.").text == \
        "Snow covered the hills all through the winter."
    assert eng.correct("Room 4I1 is on floor 3, desk IO3.").text == "Room 4I1 is on floor 3, desk IO3."


def test_a_short_token_of_digits_and_symbols_is_a_word_where_the_line_prints_digits_for_letters():
    # Tesseract reads 'l@' as '1@' and 'l3' as '13': on such a line the language decides whether
    # two or three look-alike digits are a word ('le' is French for 'the') or a number ('le' is
    # no English word); a number with another digit stays a number
    fra = PostProcessor(lang="fra")
    assert fra.correct("L3 tra1n p4rt d3 1@ gar3 à m1d1.").text == "Le train part de la gare à midi."
    assert fra.correct("L3 ch4t d0rt $ur 13 c@n@pé.").text == "Le chat dort sur le canapé."
    assert fra.correct("11 pl3ut d@ns 1@ v1lle.").text == "Il pleut dans la ville."
    assert fra.correct("Il 4 12 ch4ts d@ns 1@ m4ison.").text == "Il a 12 chats dans la maison."
    assert PostProcessor(lang="eng").correct("W3 h4ve 13 c4ts at h0me.").text == "We have 13 cats at home."
    assert PostProcessor(lang="eng").correct("Sh3 1s 15 y3ars 0ld.").text == "She is 15 years old."  # (not 'is is')
    assert PostProcessor(lang="eng").correct("Room 1@ is on the left.").text == "Room 1@ is on the left."
    assert PostProcessor(lang="eng").correct("Room 13 is on the left.").text == "Room 13 is on the left."
    # letters and look-alike digits ('00m' for 'oom') are a word; a quantity ('200m': a digit no
    # letter looks like), an ordinal ('3de') and a measure as numbers write them stay
    nld = PostProcessor(lang="nld")
    assert nld.correct("Mijn 00m rijdt In 33n kl3in3 gro3n3 4uto.").text == "Mijn oom rijdt in een kleine groene auto."
    assert nld.correct("Wij l0pen 200m n44r h3t str4nd.").text == "Wij lopen 200m naar het strand."
    assert nld.correct("H3t 1s d3 3de k33r v@nd44g.").text == "Het is de 3de keer vandaag."
    assert PostProcessor(lang="fra").correct("L3 fact3ur pass3 tOus 13s jOurs v3rs midi.").text == \
        "Le facteur passe tous les jours vers midi."  # ('13s' is no quantity: every digit a look-alike)


def test_a_capital_read_for_a_digit_or_symbol_is_small_inside_a_sentence_on_such_a_line():
    # '$oir' is read 'Soir', 'm00i' 'MOOI', 'éc0utent' 'écOutent': the word as the language writes
    # it; a name stays ('Sarah' is too rare a word to be one), and so do acronyms ('USA')
    assert PostProcessor(lang="fra").correct("Il f@it fro1d c3 Soir.").text == "Il fait froid ce soir."
    assert PostProcessor(lang="fra").correct("L3s élèv3s écOutent 13 prof3ss3ur.").text == \
        "Les élèves écoutent le professeur."
    assert PostProcessor(lang="nld").correct("H3t w33r is v@nd@@g 3rg MOOI.").text == "Het weer is vandaag erg mooi."
    eng = PostProcessor(lang="eng")
    assert eng.correct("W3 m3t Sarah 4t th3 st4tion.").text == "We met Sarah at the station."
    assert eng.correct("Th3 USA w4s r3ad t0day.").text == "The USA was read today."
    # two capitals, the second a digit's ('L4' read 'LA'), are the word in the sentence's case;
    # not among words in capitals (a headline's 'TO')
    assert PostProcessor(lang="fra").correct("LA cuisin3 s3nt 13 cAfé frais.").text == "La cuisine sent le café frais."
    assert eng.correct("IMpO&TANIT TO XEMGR&NE.").text == "IMpO&TANIT TO XEMGR&NE."


def test_on_a_line_printing_digits_throughout_rare_and_foreign_looking_words_are_read_again():
    # '$a' prints a symbol for a letter as 'L3' does; 'boulangär' has a letter French does not
    # write; 'huls' and 'reddy' are words, far rarer than 'huis' and 'ready', a letter away
    assert PostProcessor(lang="fra").correct("L3 boulangär Ouvre $a boutique très tôt.").text == \
        "Le boulanger ouvre sa boutique très tôt."
    assert PostProcessor(lang="nld").correct("W1j w0nen 1n 33n Oud huls.").text == "Wij wonen in een oud huis."
    assert PostProcessor(lang="eng").correct("D1nner wlll b3 reddy 1n t3n minut3s.").text == \
        "Dinner will be ready in ten minutes."
    # (a name keeps its letters; a currency's code is no misread word)
    assert PostProcessor(lang="fra").correct("J3 v01s Müller d3m41n.").text == "Je vois Müller demain."
    assert PostProcessor(lang="eng").correct("It costs $US 40 at the shop.").text == "It costs $US 40 at the shop."


def test_a_letter_the_language_does_not_write_is_foreign_until_the_model_learns_it():
    fra, deu = PostProcessor(lang="fra").corrector.traits, PostProcessor(lang="deu").corrector.traits
    assert fra.foreign("boulangär") and not fra.foreign("château")
    assert not deu.foreign("straße") and deu.foreign("garçon")
    nld = PostProcessor(lang="nld")
    assert nld.corrector.traits.foreign("zĳn")
    nld.update([("Hy zyn huis", "Hy zĳn huis")])  # (a transcription that writes the ligature)
    assert not nld.corrector.traits.foreign("zĳn")


def test_a_digit_printed_for_an_accented_letter_is_that_letter_where_the_language_writes_it():
    fra = PostProcessor(lang="fra")
    assert fra.correct("V0tr3 c0mm4nd3 4 3t3 3xp3d13e 4uj0urd'hu1.").text == "Votre commande a été expédiée aujourd'hui."
    assert fra.correct("J3 5uis tr3s c0nt3nt d3 v0ir m0n fr3r3.").text == "Je suis très content de voir mon frère."
    # (where the plain and the accented word are both common, the plain letter the digit shows stays)
    assert fra.correct("Ell3 4 ach3té d3s p0mm3s.").text == "Elle a acheté des pommes."
    deu = PostProcessor(lang="deu")
    assert deu.correct("D4s M4dch3n 1sst 31n3n K4s3kuch3n.").text == "Das Mädchen isst einen Käsekuchen."
    assert deu.correct("D4s 1st sch0n g3t4n.").text == "Das ist schon getan."


def test_a_word_printed_with_digits_first_and_inside_and_the_word_after_an_elision():
    # ('3c0l3': two letters among look-alike digits; the sentence's capital is on the elided 'L'')
    fra = PostProcessor(lang="fra")
    assert fra.correct("L'3c0l3 3st f3rm33.").text == "L'école est fermée."
    assert fra.correct("C'3st l3 fr3r3 d3 M4r13.").text == "C'est le frère de Marie."
    assert fra.correct("R3nd3z-v0us d3v4nt l4 g4r3 v3rs 10h30.").text == "Rendez-vous devant la gare vers 10h30."


def test_one_look_alike_digit_inside_a_word_is_a_letter_even_on_a_clean_line():
    deu = PostProcessor(lang="deu")
    assert deu.correct("Die Kinder spielen im G4rten.").text == "Die Kinder spielen im Garten."
    assert deu.correct("Das Modell mp3 hat 4 Teile.").text == "Das Modell mp3 hat 4 Teile."


def test_a_letter_tesseract_habitually_reads_for_a_digit_is_that_letter_on_such_a_line():
    # Tesseract reads an 'a' printed '4' as 'd' often enough to be its habit ('m4tin' -> 'mdtin');
    # a reading seen by accident ('t' for an 'l' printed '1') still teaches nothing
    fra = PostProcessor(lang="fra")
    assert fra.correct("Nous 1rons à 1@ pl@ge samedi mdtin.").text == "Nous irons à la plage samedi matin."
    assert PostProcessor(lang="eng").correct("Th3 co@t is n3w and th3 c4t is bl4ck.").text == \
        "The coat is new and the cat is black."


@pytest.mark.parametrize("line", [
    "The iPhone 15 Pro, the MacBook Air and iOS 17 are in stock at McDonald & DuPont.",
    "OCRmyPDF, JavaScript, PostgreSQL, LinkedIn and YouTube are names we keep.",
    "Our CEOs met Mr. McAllister and Ms. LeBlanc on 4 July at 10:30 in Oslo.",
    "Print 3x on A4 with 5kg paper, model TX-500, firmware v2.3.1, then call 555-0199.",
    "The 5000 mAh battery of the iPad charges at 20 W; the 10 kOhm resistor stays cool.",
    "Set $path and $home in your shell, then run make with -j4 or -O2; ping @user about #ocr.",
])
def test_mixed_case_names_codes_and_figures_stay(line):
    for lang in ("eng", "deu"):
        out = PostProcessor(lang=lang).correct(line)
        assert out.text == line, out.corrections


def test_seed_like_sentences_are_read_and_corrected_end_to_end():
    # rendered as a user would print them, read by Tesseract, corrected by the default model
    from PIL import Image, ImageDraw, ImageFont

    from ocrkit import OCREngine

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 40)
    engine = OCREngine(lang="eng")
    for printed, meant in (("Y0ur 0rder h4s b33n sh1pped t0day.", "Your order has been shipped today."),
                           ("C0ld w4ter fl0ws d0wn th3 r1ver.", "Cold water flows down the river."),
                           # ('OntO', read unsure: the case reading still beats 'into' by an edit)
                           ("Th3 c@t climb3d 0nt0 th3 kitch3n tabl3.", "The cat climbed onto the kitchen table.")):
        im = Image.new("L", (int(font.getlength(printed)) + 80, 90), 255)
        ImageDraw.Draw(im).text((40, 20), printed, font=font, fill=0)
        assert engine.run_postprocessor(engine.recognize(im)).text == meant


def test_german_words_read_with_a_digits_capital_are_small_where_german_writes_them_so():
    # German capitalises nouns: 'Im', 'In', 'Ist' read for '1m', '1n', '1st' are small words,
    # 'Abend' read for '4bend' is the noun, as the casing counts of German text say
    deu = PostProcessor(lang="deu")
    assert deu.correct("D1e K1nder sp1elen Im G4rten und w1r g3hen In d1e St4dt.").text == \
        "Die Kinder spielen im Garten und wir gehen in die Stadt."
    assert deu.correct("3r l1est j3d3n Abend 3in Buch.").text == "Er liest jeden Abend ein Buch."
    # one word printing a digit on a line of words is enough in German, whose counts say how it
    # writes 'im'; English capitals are not counted, so 'October' stays on such a line
    assert deu.correct("Dle Kinder splelen Im GArten.").text == "Die Kinder spielen im Garten."
    assert PostProcessor(lang="eng").correct("The October sessions began on W3dnesday.").text == \
        "The October sessions began on Wednesday."


def test_a_line_printed_with_digits_keeps_its_letters_as_read_where_they_make_a_word():
    # the digits make the line look garbled; that makes the digit-line readings likely, not
    # every other confusion: 'paint3d' is 'painted' (one digit read), not 'pointed' (a letter too)
    eng = PostProcessor(lang="eng")
    assert eng.correct("Sh3 paint3d th3 dOOr 4 bright sh@de Of blu3.").text == "She painted the door a bright shade of blue."
    # while a rare word still wins by its digit-line reading ('l' for an 'i' printed '1')
    assert PostProcessor(lang="deu").correct("D3r Brlefträger h4t eln P4ket vOr di3 Tür g3l3gt.").text == \
        "Der Briefträger hat ein Paket vor die Tür gelegt."


def test_the_two_edit_search_scans_first_and_indexes_a_long_document(monkeypatch):
    # a page asks for words two edits away a few dozen times: scanning the word lists answers
    # it without building an index; past that, the index answers, and both answer the same
    from ocrkit.correct import candidates

    queries = ["hxuxe", "mcetinq", "wrold", "gcvernmcnt", "tbe", "qzxjv", "bcautiful"]
    scanning = candidates.WordIndex(PostProcessor(lang="eng").model)
    scanned = [scanning.near(q) for q in queries]
    assert scanning._symspell is None
    assert "house" in scanned[0] and "meeting" in scanned[1] and scanned[2] == []  # 'world' is one swap away
    monkeypatch.setattr(candidates, "_SCANS_BEFORE_INDEX", 0)
    indexed = candidates.WordIndex(PostProcessor(lang="eng").model)
    assert [indexed.near(q) for q in queries] == scanned
    assert indexed._symspell is not None


def test_prepare_builds_the_index_and_corrects_the_same():
    line = "Th3 gcvernmcnt's n3w h0using pol1cy was anounced y3sterday."
    cold = PostProcessor(lang="eng")
    warm = PostProcessor(lang="eng").prepare()
    assert cold.corrector.words._symspell is None and warm.corrector.words._symspell is not None
    assert warm.correct(line).text == cold.correct(line).text
