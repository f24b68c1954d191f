"""The OCRmyPDF plugin: the real ocrmypdf makes the PDF, ocrkit reads and corrects its text."""

from __future__ import annotations

import subprocess
import sys

import pypdfium2 as pdfium
import pytest
from PIL import Image

from helpers import SAMPLES
from ocrkit import OCREngine
from ocrkit.correct import PostProcessor

pytest.importorskip("ocrmypdf", reason="the ocrmypdf extra is not installed")
pikepdf = pytest.importorskip("pikepdf")


def ocrmypdf(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ocrmypdf", "--plugin", "ocrkit.ocrmypdf", *args],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("seed") / "seed.pdf"
    Image.open(SAMPLES / "sample_with_typos.png").convert("RGB").save(path, resolution=300)
    return path


def test_a_scanned_pdf_becomes_a_pdfa_whose_text_is_ocrkits_with_words_in_their_boxes(tmp_path):
    out, side = tmp_path / "out.pdf", tmp_path / "out.txt"
    done = ocrmypdf("-l", "eng", "--output-type", "pdfa", "--sidecar", str(side), str(SAMPLES / "scanned_3pages.pdf"), str(out))
    assert done.returncode == 0, done.stderr
    with pikepdf.open(out) as pdf:
        assert pdf.open_metadata().pdfa_status.startswith("2")
    own = PostProcessor(lang="eng").correct_result(OCREngine(lang="eng").recognize(SAMPLES / "scanned_3pages.pdf"))
    doc = pdfium.PdfDocument(out)
    assert len(doc) == 3
    for pdf_page, page in zip(doc, own.pages):
        tp = pdf_page.get_textpage()
        text = tp.get_text_range()
        assert " ".join(text.split()) == " ".join(page.text.split())
        k, height = 72.0 / page.dpi, pdf_page.get_height()
        pos = 0
        for word in page.words:  # each word's first letter is printed inside the word's box
            pos = text.index(word.text, pos)
            left, bottom, right, top = tp.get_charbox(pos)
            x0, y0, x1, y1 = word.box
            cx, cy = (left + right) / 2 / k, (height - (bottom + top) / 2) / k
            assert x0 - 3 <= cx <= x1 + 3 and y0 - 3 <= cy <= y1 + 3, word
            pos += len(word.text)
    assert " ".join(side.read_text(encoding="utf-8").split()) == " ".join(own.text.split())


def test_the_pdf_carries_the_corrected_words_unless_correction_is_off(tmp_path, seed_pdf):
    fixed, raw = tmp_path / "fixed.pdf", tmp_path / "raw.pdf"
    assert ocrmypdf("-l", "eng", str(seed_pdf), str(fixed)).returncode == 0
    assert ocrmypdf("-l", "eng", "--ocrkit-no-correct", str(seed_pdf), str(raw)).returncode == 0
    assert pdfium.PdfDocument(fixed)[0].get_textpage().get_text_range().strip() == "This is a sample with typos."
    assert pdfium.PdfDocument(raw)[0].get_textpage().get_text_range().strip() == "Th1s 1s 4 s@mple with typ0s."


def test_bad_plugin_options_are_refused_before_any_page_is_read(tmp_path, seed_pdf):
    done = ocrmypdf("-l", "eng", "--ocrkit-model", str(tmp_path / "missing.model"), str(seed_pdf), str(tmp_path / "o.pdf"))
    assert done.returncode != 0 and "ocrkit:" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "o.pdf").exists()


def test_worker_threads_never_share_an_engine_and_idle_engines_are_reused():
    import threading

    from ocrkit.ocrmypdf import Settings, _engine

    settings = Settings("eng", "tesseract", "latin", True, None)
    inside, seen = threading.Barrier(2), []

    def read_a_page() -> None:
        with _engine(settings) as engine:
            seen.append(engine)
            inside.wait(timeout=30)  # both threads hold an engine at once

    workers = [threading.Thread(target=read_a_page) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert len({id(e) for e in seen}) == 2
    with _engine(settings) as again:
        assert any(again is e for e in seen)
