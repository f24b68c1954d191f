"""The ocrkit command, in-process (click's runner) and once as a real subprocess."""

import json
import subprocess
import sys

from click.testing import CliRunner

from helpers import HORSE_SALE, SAMPLES
from ocrkit.cli import cli

SEED = str(SAMPLES / "sample_with_typos.png")


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_read_text_corrected_and_raw():
    r = run("read", SEED)
    assert r.exit_code == 0 and r.output == "This is a sample with typos.\n"
    r = run("read", "--no-correct", SEED)
    assert r.output.startswith("Th1s 1s 4 s@mple")


def test_read_json_and_tsv(tmp_path):
    out = tmp_path / "r.json"
    r = run("read", "-f", "json", "-o", str(out), SEED)
    assert r.exit_code == 0
    d = json.loads(out.read_text())
    assert d["text"] == "This is a sample with typos." and d["corrected"] and d["corrections"]
    r = run("read", "-f", "tsv", "--no-correct", SEED)
    rows = [line.split("\t") for line in r.output.splitlines()]
    assert rows[0][:2] == ["level", "page_num"] and rows[0][-1] == "text"
    words = [row[-1] for row in rows[1:] if row[0] == "5"]
    assert words[:2] == ["Th1s", "1s"]


def test_read_several_files_and_pages():
    r = run("read", "--no-correct", SEED, str(SAMPLES / "multipage.tif"))
    assert r.exit_code == 0
    assert r.output.count("\f") == 2 and "Page three." in r.output


def test_errors_have_codes_and_no_traceback(tmp_path):
    r = run("read", str(tmp_path / "missing.png"))
    assert r.exit_code == 2 and "No such file" in r.output and "Traceback" not in r.output
    r = run("read", "--lang", "xyz", SEED)
    assert r.exit_code == 3 and "not installed" in r.output
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"garbage")
    r = run("read", SEED, str(bad))  # one bad file among good ones: the others are still read
    assert r.exit_code == 2 and "This is a sample with typos." in r.output
    r = run("read", "--model", str(tmp_path / "none.model"), SEED)
    assert r.exit_code == 6


def test_languages_and_version():
    r = run("languages")
    assert {"eng", "fra", "deu", "nld"} <= set(r.output.split())
    r = run("--version")
    assert r.output.startswith("ocrkit, version ")


def test_correct_stdin_line_by_line():
    r = run("correct", "--lang", "eng", input="Th1s 1s 4 t3st.\n\nInvoice 2024-0042 for 4 items.\n")
    assert r.output.splitlines() == ["This is a test.", "", "Invoice 2024-0042 for 4 items."]


def test_correct_reads_each_file_as_one_document(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(HORSE_SALE + "\n", encoding="utf-8")
    last = HORSE_SALE.splitlines()[-1]
    r = run("correct", "--lang", "eng", str(report), input=None)
    out = r.output.splitlines()
    assert len(out) == 4 and out[:3] == HORSE_SALE.splitlines()[:3]
    assert out[3] == last.replace("rnare", "mare")  # the report says 'mare' three times
    r = run("correct", "--lang", "eng", input=last + "\n")  # alone, the commoner word
    assert r.output == last.replace("rnare", "more") + "\n"


def test_train_then_correct_with_model(tmp_path):
    pairs = tmp_path / "pairs.tsv"
    rows = ["id\tocr\tgt\tnote"] + [f"{i}\t{w.replace('h', 'k')}\t{w}\t\"quoted" for i, w in enumerate(["the", "house", "what", "which", "have", "night"] * 5)]
    pairs.write_text("\n".join(rows) + "\n", encoding="utf-8")
    model = tmp_path / "m.ocrkit"
    r = run("train", "--lang", "eng", "--pairs", str(pairs), "-o", str(model))
    assert r.exit_code == 0 and model.exists()
    r = run("correct", "--lang", "eng", "--model", str(model), input="tkrougk tke kigk wkite kouse\n")
    assert r.output == "through the high white house\n"


def test_train_tunes_a_new_model_as_fit_does_and_updates_a_base(tmp_path):
    # 'ocrkit train' writes what PostProcessor.fit makes of the pairs (margins tuned on them);
    # with --base, the base model learns the pairs and keeps its margins
    from ocrkit import PostProcessor
    from ocrkit.cli import read_pairs
    from ocrkit.correct.modelfile import to_doc

    words = ["the", "house", "what", "which", "have", "night", "there", "other", "light", "hand"]
    rows = ["ocr\tgt"] + [f"{w.replace('h', 'k')} was {w}\t{w} was {w}" for w in words * 12]
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("\n".join(rows) + "\n", encoding="utf-8")
    model = tmp_path / "m.ocrkit"
    r = run("train", "--lang", "eng", "--pairs", str(pairs), "-o", str(model))
    assert r.exit_code == 0 and "margins tuned" in r.output
    fitted = PostProcessor(lang="eng").fit(read_pairs(pairs))
    assert to_doc(PostProcessor.load(model).model) == to_doc(fitted.model)
    base = tmp_path / "base.ocrkit"
    base_model = PostProcessor(lang="eng")
    base_model.params.margin = 2.5
    base_model.save(base)
    r = run("train", "--lang", "eng", "--pairs", str(pairs), "--base", str(base), "-o", str(model))
    assert r.exit_code == 0 and "added to the base model" in r.output
    assert to_doc(PostProcessor.load(model).model) == to_doc(base_model.update(read_pairs(pairs)).model)


def test_subprocess_smoke():
    p = subprocess.run([sys.executable, "-m", "ocrkit", "read", SEED], capture_output=True, text=True)
    assert p.returncode == 0 and p.stdout == "This is a sample with typos.\n"
    p = subprocess.run([sys.executable, "-m", "ocrkit", "read", "/nonexistent.png"], capture_output=True, text=True)
    assert p.returncode == 2 and p.stderr.startswith("ocrkit: error: No such file") and "Traceback" not in p.stderr


def _on_a_terminal(*args: str) -> tuple[int, str]:
    """Run ``ocrkit ARGS`` with stderr on a pseudo-terminal (as a person runs it): exit code and
    what the terminal showed."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    main, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 columns wide
    proc = subprocess.run([sys.executable, "-m", "ocrkit", *args], stdout=subprocess.DEVNULL, stderr=side, timeout=300)
    os.close(side)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(main)
    return proc.returncode, shown.decode("utf-8", "replace")


def test_read_shows_page_progress_on_a_terminal_unless_quiet():
    pdf = str(SAMPLES / "scanned_3pages.pdf")
    code, shown = _on_a_terminal("read", "--no-correct", pdf)
    assert code == 0 and "scanned_3pages.pdf" in shown and "3/3" in shown and "page" in shown
    code, shown = _on_a_terminal("read", "--no-correct", "-q", pdf)
    assert code == 0 and shown.strip() == ""


def test_every_command_shows_an_example_in_its_help():
    for command in ([], *[[c] for c in cli.commands]):
        assert "Example" in run(*command, "--help").output, command
