"""Exporters from the same result tree: hOCR, ALTO, searchable PDF (and the CLI formats)."""

import xml.etree.ElementTree as ET

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from helpers import SAMPLES, SHARED
from ocrkit.cli import cli
from ocrkit.export import to_alto, to_hocr, to_pdf
from ocrkit.io import open_input

PDF = SAMPLES / "scanned_3pages.pdf"


@pytest.fixture(scope="module")
def result(engine, pp):
    return pp.correct(engine.recognize(PDF))


def test_hocr_has_one_word_element_per_word_with_its_box(result):
    root = ET.fromstring(to_hocr(result))
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    pages = root.findall(".//h:div[@class='ocr_page']", ns)
    words = root.findall(".//h:span[@class='ocrx_word']", ns)
    assert len(pages) == 3 and len(root.findall(".//h:span[@class='ocr_line']", ns)) == sum(len(p.lines) for p in result.pages)
    expected = list(result.words)
    assert [w.text for w in words] == [w.text for w in expected]
    for el, w in zip(words, expected):
        bbox, wconf = el.get("title").split("; ")
        assert tuple(int(v) for v in bbox.split()[1:]) == w.box and int(wconf.split()[1]) == round(w.confidence * 100)


def test_alto_structure(result):
    root = ET.fromstring(to_alto(result))
    ns = {"a": "http://www.loc.gov/standards/alto/ns-v4#"}
    assert root.find("a:Description/a:MeasurementUnit", ns).text == "pixel"
    strings = root.findall(".//a:String", ns)
    assert [s.get("CONTENT") for s in strings] == [w.text for w in result.words]
    page = root.find(".//a:Page", ns)
    assert (int(page.get("WIDTH")), int(page.get("HEIGHT"))) == (result.pages[0].width, result.pages[0].height)
    first = strings[0]
    x0, y0, x1, y1 = next(iter(result.words)).box
    assert (int(first.get("HPOS")), int(first.get("VPOS")), int(first.get("WIDTH")), int(first.get("HEIGHT"))) == (x0, y0, x1 - x0, y1 - y0)


def test_searchable_pdf_text_and_positions(result, tmp_path):
    with open_input(PDF) as doc:
        data = to_pdf(result, (p.image for p in doc), tmp_path / "out.pdf")
    pdf = pdfium.PdfDocument(data)
    assert len(pdf) == 3
    for page_no, page in enumerate(result.pages):
        tp = pdf[page_no].get_textpage()
        text = tp.get_text_range()
        assert " ".join(text.split()) == " ".join(page.text.split())
        height_pt = pdf[page_no].get_height()
        k = 72.0 / page.dpi
        # the first character of each word lies inside that word's box
        pos = 0
        flat = text
        for w in page.words:
            idx = flat.find(w.text, pos)
            assert idx >= 0
            left, bottom, right, top = tp.get_charbox(idx)
            cx, cy = (left + right) / 2 / k, (height_pt - (bottom + top) / 2) / k
            x0, y0, x1, y1 = w.box
            assert x0 - 2 <= cx <= x1 + 2 and y0 - 2 <= cy <= y1 + 2, (w.text, (cx, cy), w.box)
            pos = idx + len(w.text)


@pytest.mark.parametrize("fmt,check", [("hocr", "ocrx_word"), ("alto", "<String ")])
def test_cli_formats(tmp_path, fmt, check):
    out = tmp_path / f"x.{fmt}"
    r = CliRunner().invoke(cli, ["read", str(SAMPLES / "sample_with_typos.png"), "-f", fmt, "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert check in out.read_text() and "typos" in out.read_text()


def test_cli_pdf(tmp_path):
    out = tmp_path / "x.pdf"
    r = CliRunner().invoke(cli, ["read", str(SAMPLES / "sample_with_typos.png"), str(PDF), "-f", "pdf", "-o", str(out)])
    assert r.exit_code == 0, r.output
    pdf = pdfium.PdfDocument(str(out))
    assert len(pdf) == 4 and pdf[0].get_textpage().get_text_range().strip() == "This is a sample with typos."
    r = CliRunner().invoke(cli, ["read", str(PDF), "-f", "pdf"])
    assert r.exit_code == 2 and "-o OUT.pdf" in r.output


ALTO_XSD = SHARED / "schemas" / "alto" / "alto-4-4.xsd"


def _local_schemas():  # type: ignore[no-untyped-def]
    """An lxml resolver that answers the ALTO schema's XLink import from the local copy and
    refuses anything else from the network."""
    from lxml import etree

    class Resolver(etree.Resolver):
        def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
            if "://" not in url:
                return None  # a local file: lxml reads it
            assert url.endswith("/xlink.xsd"), f"the schema asked for {url}, which is not kept locally"
            return self.resolve_filename(str(ALTO_XSD.parent / "xlink.xsd"), context)

    return Resolver()


@pytest.mark.skipif(not ALTO_XSD.exists(), reason="../shared/schemas/alto is not beside the repo")
def test_alto_of_a_multi_page_corrected_document_is_valid_against_the_official_schema(result):
    from lxml import etree

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_local_schemas())
    schema = etree.XMLSchema(etree.parse(str(ALTO_XSD), parser))
    doc = etree.fromstring(to_alto(result).encode("utf-8"))
    assert len(result.pages) == 3 and result.corrected  # several pages, through the corrector
    assert schema.validate(doc), schema.error_log
    # a broken document is refused, so the check is a real one
    doc.find(".//{http://www.loc.gov/standards/alto/ns-v4#}String").set("HPOS", "left")
    assert not schema.validate(doc)
