"""Batch runs on real files: outputs, errors, cache, resume after SIGKILL, Dask cluster."""

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from helpers import SAMPLES, wait_for_pages
from ocrkit import batch
from ocrkit.cli import cli


@pytest.fixture()
def folder(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    shutil.copy(SAMPLES / "sample_with_typos.png", d / "seed.png")
    shutil.copy(SAMPLES / "multipage.tif", d / "sub" / "three.tif")
    (d / "sub" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    (d / "empty.pdf").write_bytes(b"")
    (d / "notes.txt").write_text("not an image")  # not an image extension: ignored in folders
    return d


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_batch_cli_to_csv_with_errors_and_log(folder, tmp_path):
    out = tmp_path / "out.csv"
    r = CliRunner().invoke(cli, ["batch", str(folder), "--out", str(out), "--no-cache", "-j", "2"])
    assert r.exit_code == 2, r.output
    rows = read_csv(out)
    good = [(os.path.basename(x["path"]), x["page"]) for x in rows if not x["error"]]
    assert sorted(good) == [("seed.png", "1"), ("three.tif", "1"), ("three.tif", "2"), ("three.tif", "3")]
    bad = {os.path.basename(x["path"]): x["error"] for x in rows if x["error"]}
    assert set(bad) == {"broken.png", "empty.pdf"} and "corrupt" in bad["broken.png"] and "empty" in bad["empty.pdf"]
    seed = next(x for x in rows if x["path"].endswith("seed.png"))
    assert seed["text"] == "This is a sample with typos." and seed["raw_text"].startswith("Th1s 1s")
    assert 0 < float(seed["min_confidence"]) <= float(seed["mean_confidence"]) <= 1
    assert seed["lang"] == "eng" and seed["engine"] == "tesseract" and float(seed["seconds"]) > 0
    log = (tmp_path / "out.csv.errors.log").read_text()
    assert "broken.png" in log and "empty.pdf" in log
    assert not (tmp_path / "out.csv.journal.sqlite").exists()  # removed after a complete run


def test_python_api_yields_rows_and_globs(folder):
    rows = list(batch([str(folder / "**" / "*.tif"), folder / "seed.png"], cache=False, workers=1, correct=False))
    assert [(os.path.basename(r["path"]), r["page"]) for r in rows] == [("three.tif", 1), ("three.tif", 2), ("three.tif", 3), ("seed.png", 1)]
    assert rows[-1]["text"].startswith("Th1s 1s")


def test_cache_rerun_and_formats(folder, tmp_path):
    cache = tmp_path / "cache.sqlite"
    args = ["batch", str(folder / "sub" / "three.tif"), "--cache", str(cache), "-j", "1"]
    t = time.perf_counter()
    r = CliRunner().invoke(cli, args + ["--out", str(tmp_path / "a.jsonl")])
    fresh = time.perf_counter() - t
    assert r.exit_code == 0, r.output
    t = time.perf_counter()
    r = CliRunner().invoke(cli, args + ["--out", str(tmp_path / "b.parquet")])
    cached = time.perf_counter() - t
    assert r.exit_code == 0 and "3 from cache" in r.output
    assert cached < fresh
    import pyarrow.parquet as pq

    a = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    b = pq.read_table(tmp_path / "b.parquet").to_pylist()
    assert [x["text"] for x in a] == [x["text"] for x in b] and all(x["cached"] for x in b)
    # a different language is a different cache key
    r = CliRunner().invoke(cli, args + ["--out", str(tmp_path / "c.csv"), "--lang", "fra"])
    assert "0 from cache" in r.output


def test_resume_after_sigkill(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    data = (SAMPLES / "scanned_3pages.pdf").read_bytes()
    for i in range(4):  # distinct bytes: the cache is keyed by content, so copies would share pages
        (src / f"doc{i}.pdf").write_bytes(data + f"\n% copy {i}\n".encode())
    (src / "corrupt.pdf").write_bytes(b"%PDF-1.4 this is not a pdf")
    out = tmp_path / "out.csv"
    journal = tmp_path / "out.csv.journal.sqlite"
    cmd = [sys.executable, "-m", "ocrkit", "batch", str(src), "--out", str(out), "--no-cache", "-j", "1", "--no-correct"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = wait_for_pages(journal, 3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 3 <= done < 12, "the run was not killed midway"
    assert not out.exists()  # nothing half-written
    p = subprocess.run(cmd, capture_output=True, text=True)
    assert p.returncode == 2, p.stderr
    import re

    resumed = int(re.search(r"(\d+) from cache", p.stderr).group(1))
    assert done <= resumed < 12  # the pages finished before the kill were not read again
    rows = read_csv(out)
    good = sorted((os.path.basename(r["path"]), r["page"]) for r in rows if not r["error"])
    assert good == sorted((f"doc{i}.pdf", str(n)) for i in range(4) for n in (1, 2, 3))  # each page exactly once
    assert [os.path.basename(r["path"]) for r in rows if r["error"]] == ["corrupt.pdf"]


def test_dask_cluster_gives_the_same_rows(folder):
    distributed = pytest.importorskip("distributed")
    files = [folder / "seed.png", folder / "sub" / "three.tif"]
    local = list(batch(files, cache=False, workers=1))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        remote = list(batch(files, cache=False, scheduler=cluster.scheduler_address))
    key = lambda r: (r["path"], r["page"])  # noqa: E731
    assert [(key(r), r["text"], r["raw_text"]) for r in sorted(local, key=key)] == \
           [(key(r), r["text"], r["raw_text"]) for r in sorted(remote, key=key)]


def test_batch_writes_documents_per_input(folder, tmp_path):
    out = tmp_path / "rows.jsonl"
    r = CliRunner().invoke(cli, ["batch", str(folder / "seed.png"), str(folder / "sub" / "three.tif"), "--out", str(out),
                                 "--no-cache", "-j", "1", "--formats", "hocr,alto,pdf,text"])
    assert r.exit_code == 0, r.output
    docs = tmp_path / "rows.docs"
    assert sorted(p.name for p in docs.iterdir()) == sorted(
        f"{n}{e}" for n in ("seed", "three") for e in (".hocr", ".alto.xml", ".pdf", ".txt"))
    assert (docs / "seed.txt").read_text() == "This is a sample with typos.\n"  # corrected text carries over
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(docs / "three.pdf"))
    assert len(pdf) == 3 and "Page two." in pdf[1].get_textpage().get_text_range()
    assert "ocrx_word" in (docs / "three.hocr").read_text()
    bad = CliRunner().invoke(cli, ["batch", str(folder / "seed.png"), "--out", str(out), "--formats", "docx"])
    assert bad.exit_code == 2 and "unknown format" in bad.output


def test_ctrl_c_keeps_what_is_done(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    data = (SAMPLES / "scanned_3pages.pdf").read_bytes()
    docs = 10  # 30 pages: enough that the run cannot finish before the signal arrives
    for i in range(docs):
        (src / f"doc{i}.pdf").write_bytes(data + f"\n% copy {i}\n".encode())
    out = tmp_path / "out.csv"
    journal = tmp_path / "out.csv.journal.sqlite"
    cmd = [sys.executable, "-m", "ocrkit", "batch", str(src), "--out", str(out), "--no-cache", "-j", "2", "--no-correct"]
    # (Ctrl-C as on a terminal: a shell starts background jobs with SIGINT ignored, and a test run
    # started so would pass that on to the batch)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    wait_for_pages(journal, 2)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    kept = read_csv(out)
    assert 2 <= len(kept) < 3 * docs and all(r["text"] for r in kept)  # the finished pages, written out
    p = subprocess.run(cmd, capture_output=True, text=True)
    assert p.returncode == 0 and len(read_csv(out)) == 3 * docs


def _two_page_report(path):
    """A two-page TIFF: page 1 says 'mare' three times, page 2 prints it 'rnare' once."""
    from PIL import Image, ImageDraw, ImageFont

    from helpers import HORSE_SALE

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 34)
    lines = HORSE_SALE.splitlines()
    pages = []
    for chunk in (lines[:3], lines[3:]):
        im = Image.new("L", (2400, 400), 255)
        for i, line in enumerate(chunk):
            ImageDraw.Draw(im).text((60, 60 + 90 * i), line, fill=0, font=font)
        pages.append(im)
    pages[0].save(path, save_all=True, append_images=pages[1:], dpi=(300, 300))


def test_a_file_is_corrected_as_one_document_by_read_and_by_batch(tmp_path):
    # page 2's 'rnare' is 'more' on its own and 'mare' in a report that says 'mare' on page 1:
    # 'ocrkit read' and 'ocrkit batch' correct the file as one document and agree
    doc = tmp_path / "report.tif"
    _two_page_report(doc)
    r = CliRunner().invoke(cli, ["read", str(doc)])
    assert r.exit_code == 0, r.output
    pages = r.output.rstrip("\n").split("\f")
    assert len(pages) == 2 and "grey mare for thirty" in pages[1]
    rows = list(batch([doc], cache=False, workers=1))
    assert [row["text"] for row in rows] == pages
    assert "grey rnare" in rows[1]["raw_text"]
    out = tmp_path / "rows.jsonl"
    assert CliRunner().invoke(cli, ["batch", str(doc), "--out", str(out), "--no-cache", "-j", "2"]).exit_code == 0
    assert [json.loads(line)["text"] for line in out.read_text().splitlines()] == pages
