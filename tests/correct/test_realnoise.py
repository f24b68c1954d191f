"""The real OCR noise the default corrector of some languages starts from."""

from __future__ import annotations

import json
import os
from importlib import resources

import pytest

from helpers import SHARED
from ocrkit import PostProcessor
from ocrkit.correct import realnoise
from ocrkit.correct.channel import ChannelModel

PAIRS_DE = SHARED / "evaldata" / "icdar2019-postocr-train" / "pairs_de.tsv"


def test_the_shipped_table_says_what_it_was_learned_from_and_whom_it_serves():
    doc = json.loads((resources.files("ocrkit.correct") / "data" / "realnoise.json").read_text(encoding="utf-8"))
    assert {"NL1", "DE1", "FR3"} <= set(doc["learned_from"].replace("(", " ").split())
    assert "CC BY" in doc["license"] and "CC0" in doc["license"]
    assert not {"EN1", "FR2", "DE2"} & set(doc["learned_from"].replace(",", " ").split())
    assert set(doc["languages"]) == {"deu", "nld"}
    deu = realnoise.prior("deu")
    assert deu is not None and deu.probs[("d", "b")] > 0.01  # Fraktur's d read b: 'unb' for 'und'
    assert realnoise.prior("eng") is None and realnoise.prior("deu+eng") is None


def test_the_german_default_reads_fraktur_misread_by_an_antiqua_model_and_keeps_what_it_must():
    line = "Die Herren Meyer unb Sohn haben den Vertrag unb die Rechnung geſchickt."
    fixed = PostProcessor("deu").correct(line).text
    assert fixed.split()[3] == fixed.split()[8] == "und"
    assert PostProcessor("deu", channel=ChannelModel()).correct(line).text == line  # (the prior alone: no b for d)
    kept = "Bestellung 4711 vom 3.5.2024: 12 Stück à 4,50 EUR, Artikel A4B-77, NIS+ und C++ bei Müller & Co."
    assert PostProcessor("deu").correct(kept).text == kept


def test_a_model_trained_from_the_default_keeps_the_table_and_saves_it(tmp_path):
    pp = PostProcessor("deu").update([("Der Hnnd bellt.", "Der Hund bellt.")] * 3)
    assert pp.model.channel.noise == PostProcessor("deu").model.channel.noise
    # (seen at the error rate of the text it learned from, far noisier than the untrained 0.6%)
    assert pp.model.channel.prob("d", "b") > 5 * PostProcessor("deu").model.channel.prob("d", "b")
    pp.save(tmp_path / "m.ocrkit")
    again = PostProcessor.load(tmp_path / "m.ocrkit").model.channel
    assert again.confusions == pytest.approx(pp.model.channel.confusions, abs=1e-9)
    assert again.gt_counts == pytest.approx(pp.model.channel.gt_counts, abs=1e-9)


@pytest.mark.skipif(not os.path.exists(PAIRS_DE), reason="needs ../shared/evaldata")
def test_real_german_ocr_it_never_learned_from_is_corrected_better_than_by_the_prior_alone():
    # DE2 (IMPACT, German National Library): not among the sub-corpora the table is learned from
    import csv

    from rapidfuzz.distance import Levenshtein

    with open(PAIRS_DE, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if "/DE2/" in r["source"]][:150]
    text = "\n".join(r["ocr"] for r in rows)
    gt = "\n".join(r["gt"] for r in rows)

    def errors(pp: PostProcessor) -> int:
        return Levenshtein.distance(pp.correct(text).text, gt)

    before, prior_only, default = Levenshtein.distance(text, gt), errors(PostProcessor("deu", channel=ChannelModel())), errors(PostProcessor("deu"))
    assert default < prior_only <= before
    assert (before - default) / before > 0.03
