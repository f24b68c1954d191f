"""Learning from the fixes people make: two versions of a document aligned, a user's own model
kept for them, learned from, undone, reset; safe when two processes learn at once."""

from __future__ import annotations

import multiprocessing as mp
import time

import pytest
from click.testing import CliRunner

from ocrkit.cli import cli
from ocrkit.correct import PostProcessor
from ocrkit.correct.align import align_documents
from ocrkit.correct.usermodels import UserModels

RAW = "The estate at Wexcornbe was sold.\nMr Hallam of Wexcornbe bought the mill.\nThe road to Wexcornbe is long."
FIXED = RAW.replace("Wexcornbe", "Wexcombe")
NEW = "We drove to Wexcornbe on Sunday."


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("OCRKIT_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_two_versions_are_aligned_line_by_line_through_joins_splits_and_rewrites():
    raw = "Tbe first line of text\nsecond line here\nA paragraph the person rewrote entirely\nlast line"
    fixed = "The first line of text second line here\nSomething else was written in its place\nan added line\nlast line"
    got = align_documents(raw, fixed)
    pairs = dict(got.pairs)
    assert pairs["Tbe first line of text"] == "The first line of text"
    assert pairs["second line here"] == "second line here" and pairs["last line"] == "last line"
    assert got.skipped == ("A paragraph the person rewrote entirely",)
    assert got.changed >= 1


def test_a_fix_learned_in_one_document_is_made_in_the_next_and_fast():
    pp = PostProcessor(lang="eng")
    assert pp.correct(NEW).text == NEW  # a name no word list has: the default leaves it
    t = time.perf_counter()
    pp.learn(RAW, FIXED)
    assert time.perf_counter() - t < 1.0
    assert pp.correct(NEW).text == "We drove to Wexcombe on Sunday."


def test_a_users_model_learns_is_recorded_undone_and_reset(home):
    models = UserModels()
    assert models.load("eng").correct(NEW).text == NEW and not (home / "models").exists()
    got = models.learn("eng", RAW, FIXED, document="letters.pdf")
    assert got.changed == 3 and ("rn", "m") in got.confusions and got.words  # what it saw for the first time
    pp = models.load("eng")
    assert pp.label == "user:eng" and pp.correct(NEW).text == "We drove to Wexcombe on Sunday."
    [info] = models.all()
    assert info.lang == "eng" and info.pairs == 3 and info.documents == ("letters.pdf",) and info.size > 0
    models.learn("eng", "An unrelated lime.", "An unrelated line.", document="other.pdf")
    assert models.undo("eng", "letters.pdf") == 1
    assert models.load("eng").correct(NEW).text == NEW and [r["document"] for r in models.records("eng")] == ["other.pdf"]
    models.reset("eng")
    assert models.all() == [] and models.load("eng").label == "user:eng"


def test_a_damaged_model_falls_back_to_the_default_with_a_warning(home):
    models = UserModels()
    models.learn("eng", RAW, FIXED, document="a")
    (home / "models" / "eng.model").write_bytes(b"garbage")
    with pytest.warns(UserWarning, match="cannot be read"):
        pp = models.load("eng")
    assert pp.correct(NEW).text == NEW
    models.rebuild("eng")  # made again from what it learned
    assert models.load("eng").correct(NEW).text == "We drove to Wexcombe on Sunday."


def _learn_many(folder: str, who: int) -> None:
    models = UserModels(folder)
    for k in range(4):
        models.learn("eng", f"Line {who} {k} with tbe word.", f"Line {who} {k} with the word.", document=f"p{who}-{k}")


def test_two_processes_learning_at_once_lose_nothing(tmp_path):
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_learn_many, args=(str(tmp_path), who)) for who in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    models = UserModels(tmp_path)
    assert sorted(r["document"] for r in models.records("eng")) == sorted(f"p{w}-{k}" for w in range(2) for k in range(4))
    assert models.load("eng").memory.seen  # the model file is whole


def test_ocrkit_learn_models_and_read_with_the_users_model(home, tmp_path):
    (tmp_path / "ocr.txt").write_text(RAW, encoding="utf-8")
    (tmp_path / "fixed.txt").write_text(FIXED, encoding="utf-8")
    runner = CliRunner()
    r = runner.invoke(cli, ["learn", "--lang", "eng", str(tmp_path / "ocr.txt"), str(tmp_path / "fixed.txt")])
    assert r.exit_code == 0 and "3 fixed line(s) learned" in r.output and "rn→m" in r.output
    r = runner.invoke(cli, ["models"])
    assert r.output.startswith("eng\t3 lines")
    r = runner.invoke(cli, ["correct", "--lang", "eng", "--model", "user"], input=NEW + "\n")
    assert r.output.strip() == "We drove to Wexcombe on Sunday."
    r = runner.invoke(cli, ["correct", "--lang", "eng"], input=NEW + "\n")
    assert r.output.strip() == NEW  # the default model is still the default


def test_a_result_records_which_model_corrected_it(home):
    from ocrkit.results import Line, OCRResult, Page, Word

    result = OCRResult((Page(1, 10, 10, None, (Line((Word("tbe", (0, 0, 1, 1), 0.5),), (0, 0, 1, 1)),)),), "t", "1", "eng")
    assert PostProcessor(lang="eng").correct_result(result).meta["corrector"] == "default:eng"
    assert UserModels().load("eng").correct_result(result).meta["corrector"] == "user:eng"
