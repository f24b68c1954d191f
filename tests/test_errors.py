"""Every error a user can run into is typed and says what to do."""

import io

import pytest
from PIL import Image

from helpers import SAMPLES
from ocrkit import (
    EngineNotAvailableError,
    ImageTooLargeError,
    InputNotFoundError,
    LanguageNotInstalledError,
    NoImageLoadedError,
    OCREngine,
    OCRKitError,
    PDFError,
    UnsupportedInputError,
)


def test_missing_file(engine, tmp_path):
    with pytest.raises(InputNotFoundError, match="No such file") as e:
        engine.load_image(tmp_path / "nope.png")
    assert isinstance(e.value, OCRKitError) and isinstance(e.value, FileNotFoundError)


@pytest.mark.parametrize("data", [b"this is not an image at all", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20])
def test_corrupt_file(engine, tmp_path, data):
    p = tmp_path / "bad.png"
    p.write_bytes(data)
    with pytest.raises(UnsupportedInputError, match="corrupt"):
        engine.load_image(p)
        engine.recognize()


def test_truncated_image(engine, tmp_path):
    data = (SAMPLES / "french_page.png").read_bytes()
    p = tmp_path / "truncated.png"
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(UnsupportedInputError, match="corrupt or truncated"):
        engine.recognize(p)


def test_empty_file(engine, tmp_path):
    p = tmp_path / "empty.pdf"
    p.write_bytes(b"")
    with pytest.raises(UnsupportedInputError, match="empty"):
        engine.load_image(p)


def test_encrypted_pdf(engine, tmp_path):
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(SAMPLES / "scanned_3pages.pdf"))
    w.encrypt(user_password="secret", owner_password="owner")
    p = tmp_path / "locked.pdf"
    with open(p, "wb") as fh:
        w.write(fh)
    with pytest.raises(PDFError, match="encrypted PDF; decrypt it"):
        engine.load_image(p)


def test_broken_pdf(engine, tmp_path):
    p = tmp_path / "broken.pdf"
    p.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage\n%%EOF")
    with pytest.raises(PDFError, match="broken PDF"):
        engine.load_image(p)


def test_too_many_pixels(tmp_path):
    eng = OCREngine(lang="eng", max_pixels=100_000)
    with pytest.raises(ImageTooLargeError, match="over the limit"):
        eng.load_image(SAMPLES / "french_page.png")
    with pytest.raises(ImageTooLargeError):  # PDF pages are checked before they are rendered
        eng.load_image(SAMPLES / "scanned_3pages.pdf")
        eng.recognize()


def test_decompression_bomb_header(engine, tmp_path):
    # a tiny PNG file that declares 30000 x 30000 pixels
    img = Image.new("1", (30000, 30000))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    with pytest.raises(ImageTooLargeError):
        engine.load_image(buf.getvalue())


def test_unknown_language():
    with pytest.raises(LanguageNotInstalledError) as e:
        OCREngine(lang="eng+xyz")
    msg = str(e.value)
    assert "xyz" in msg and "eng" in msg and "apt-get install tesseract-ocr-xyz" in msg


def test_unknown_engine():
    with pytest.raises(EngineNotAvailableError, match="Unknown engine 'nope'; available: auto, rapidocr, tesseract"):
        OCREngine(lang="eng", engine="nope")


def test_recognize_before_load():
    eng = OCREngine(lang="eng")
    with pytest.raises(NoImageLoadedError, match="call engine.load_image"):
        eng.recognize()


def test_unsupported_object(engine):
    with pytest.raises(UnsupportedInputError, match="Cannot read a dict"):
        engine.load_image({"not": "an image"})
    with pytest.raises(UnsupportedInputError, match="binary mode"):
        engine.load_image(io.StringIO("text"))
