"""The model file: versioned, migrated from older versions, refused with a typed error when bad."""

import gzip
import json

import pytest

from helpers import trained
from ocrkit import ModelError, PostProcessor
from ocrkit.correct import modelfile


def _write(path, doc):
    path.write_bytes(gzip.compress(json.dumps(doc).encode()))


def _read(path):
    return json.loads(gzip.decompress(path.read_bytes()))


def test_bad_model_files(tmp_path):
    with pytest.raises(ModelError, match="No model file"):
        PostProcessor.load(tmp_path / "missing.ocrkit")
    bad = tmp_path / "bad.ocrkit"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="not an ocrkit correction model"):
        PostProcessor.load(bad)
    _write(bad, {"format": "ocrkit-corrector", "version": 2, "lang": "eng"})
    with pytest.raises(ModelError, match="damaged"):
        PostProcessor.load(bad)


def test_a_model_from_a_newer_version(tmp_path):
    path = tmp_path / "m.ocrkit"
    PostProcessor(lang="eng").save(path)
    doc = _read(path)
    doc["params"]["some_future_margin"] = 1.5  # a parameter this version does not know: ignored
    doc["passes"]["some_future_habit"] = {"seen": 3}
    _write(path, doc)
    assert PostProcessor.load(path).correct("Th1s 1s 4 s@mple w1th typ0s.").text == "This is a sample with typos."
    doc["version"] = modelfile.VERSION + 1  # a newer format: refused
    _write(path, doc)
    with pytest.raises(ModelError, match="newer ocrkit"):
        PostProcessor.load(path)


def test_a_version_1_model_is_migrated(tmp_path):
    # version 1 kept each habit's counts in the error model's dict; such a file corrects as it did
    pairs = [("he went back to his inn—undressed him", "he went back to his inn undressed him"),
             ("| The sale went well.", "The sale went well."), ("qu’il l’a dit", "qu'il l'a dit")] * 6
    pp = trained("eng", pairs)
    path = tmp_path / "v2.ocrkit"
    pp.save(path)
    doc = _read(path)
    passes = doc.pop("passes")
    channel = doc["channel"]
    for name, key in (("punctuation", "marks"), ("long_dashes", "long_dashes"), ("amount_marks", "amount_marks"),
                      ("word_marks", "word_marks"), ("line_breaks", "break_marks"), ("stray_marks", "stray_marks")):
        channel[key] = passes[name]
    channel["dash_spacing"] = [passes["dash_spacing"]["joined"], passes["dash_spacing"]["kept"]]
    doc["version"] = 1
    _write(tmp_path / "v1.ocrkit", doc)
    old = PostProcessor.load(tmp_path / "v1.ocrkit")
    text = "| The inn—house was full.\nqu’elle l’aime"
    assert old.correct(text).text == pp.correct(text).text == "The inn house was full.\nqu'elle l'aime"
    assert {n: p.to_dict() for n, p in old.passes.items()} == {n: p.to_dict() for n, p in pp.passes.items()}


def test_saving_is_atomic(tmp_path):
    path = tmp_path / "m.ocrkit"
    PostProcessor(lang="eng").save(path)
    assert path.exists() and not (tmp_path / "m.ocrkit.tmp").exists()
    assert _read(path)["version"] == modelfile.VERSION
