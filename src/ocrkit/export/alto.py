"""ALTO 4 XML: ``Page`` → ``PrintSpace`` → ``TextBlock`` → ``TextLine`` → ``String``/``SP``,
pixel measurements, word confidence ``WC`` (0..1)."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from .._version import __version__
from ..results import OCRResult

NS = "http://www.loc.gov/standards/alto/ns-v4#"
SCHEMA = "http://www.loc.gov/standards/alto/v4/alto-4-4.xsd"


def to_alto(result: OCRResult) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<alto xmlns="{NS}" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="{NS} {SCHEMA}">',
        "  <Description>",
        "    <MeasurementUnit>pixel</MeasurementUnit>",
        "    <sourceImageInformation>",
        f"      <fileName>{_text(result.pages[0].source or '') if result.pages else ''}</fileName>",
        "    </sourceImageInformation>",
        "    <OCRProcessing ID=\"OCR_0\">",
        "      <ocrProcessingStep>",
        "        <processingSoftware>",
        "          <softwareCreator>ocrkit</softwareCreator>",
        f"          <softwareName>ocrkit ({_text(result.engine)} {_text(result.engine_version)})</softwareName>",
        f"          <softwareVersion>{__version__}</softwareVersion>",
        "        </processingSoftware>",
        "      </ocrProcessingStep>",
        "    </OCRProcessing>",
        "  </Description>",
        "  <Layout>",
    ]
    for p, page in enumerate(result.pages, 1):
        out.append(f'    <Page ID="page_{p}" PHYSICAL_IMG_NR="{page.number}" WIDTH="{page.width}" HEIGHT="{page.height}">')
        out.append(f'      <PrintSpace HPOS="0" VPOS="0" WIDTH="{page.width}" HEIGHT="{page.height}">')
        if page.lines:
            bx0 = min(ln.box[0] for ln in page.lines)
            by0 = min(ln.box[1] for ln in page.lines)
            bx1 = max(ln.box[2] for ln in page.lines)
            by1 = max(ln.box[3] for ln in page.lines)
            out.append(f'        <TextBlock ID="block_{p}" {_geom((bx0, by0, bx1, by1))}>')
            for li, line in enumerate(page.lines, 1):
                out.append(f'          <TextLine ID="line_{p}_{li}" {_geom(line.box)}>')
                for wi, w in enumerate(line.words, 1):
                    if wi > 1:
                        out.append("            <SP/>")
                    out.append(
                        f'            <String ID="string_{p}_{li}_{wi}" CONTENT={quoteattr(w.text)} {_geom(w.box)} WC="{w.confidence:.3f}"/>'
                    )
                out.append("          </TextLine>")
            out.append("        </TextBlock>")
        out.append("      </PrintSpace>")
        out.append("    </Page>")
    out += ["  </Layout>", "</alto>", ""]
    return "\n".join(out)


def _geom(box: tuple[int, int, int, int]) -> str:
    x0, y0, x1, y1 = box
    return f'HPOS="{x0}" VPOS="{y0}" WIDTH="{x1 - x0}" HEIGHT="{y1 - y0}"'


def _text(s: str) -> str:
    return quoteattr(s)[1:-1]
