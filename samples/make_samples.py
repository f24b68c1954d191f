"""Make the bundled samples from text written for ocrkit, rendered with real fonts.

    python samples/make_samples.py        # writes samples/*.png, *.tif, *.pdf next to this file

Fonts come from Debian's fonts-freefont-ttf and fonts-dejavu-core (installed by scripts/setup.sh).
The files are committed; run this only to re-make them.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
SEED_FONT = "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf"
BODY_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
DPI = 300

SEED = "Th1s 1s 4  s@mple w1th typ0s."

ENGLISH_PAGES = [
    """Page one. The archive holds letters, ledgers and maps from the harbour office.
    Most of them were typed on thin paper and later copied on a flatbed scanner, so the
    contrast is weak and some pages lean to one side. A reader who searches for a ship
    or a cargo should find it in seconds, not after an afternoon with a magnifying glass.""",
    """Page two. Every ledger line lists a date, a vessel, a cargo and a fee. The clerk
    wrote amounts such as 1,250.00 and codes such as HX-2041 that must survive any
    correction untouched. Names of captains appear in full, for example Maria Jansen.""",
    """Page three. When the scanning is finished, the text goes into a search index and
    the page images stay beside it. Nothing is thrown away, and every word can be traced
    back to the place on the page where it was printed.""",
]

FRENCH_PAGE = """Le registre du port contient des lettres, des cartes et des comptes. Chaque
page a été numérisée avec soin, mais l'encre est pâle et le papier est jauni. Les élèves
de l'école voisine aident à relire les textes : ils corrigent les accents oubliés, vérifient
les dates et notent les noms des navires. À la fin de l'été, tout sera consultable en ligne."""


def render_page(text: str, font_path: str = BODY_FONT, size_pt: float = 11, width_in: float = 8.27, height_in: float = 11.69) -> Image.Image:
    """An A4 page at 300 dpi with ``text`` wrapped into lines."""
    w, h = int(width_in * DPI), int(height_in * DPI)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(font_path, int(size_pt * DPI / 72))
    y = int(1.0 * DPI)
    line_h = int(size_pt * DPI / 72 * 1.5)
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    for para in paragraphs:
        for line in textwrap.wrap(para, width=70):
            draw.text((int(1.0 * DPI), y), line, font=font, fill=0)
            y += line_h
        y += line_h // 2
    return img


def main() -> None:
    # the seed sentence, one line, 300 dpi
    font = ImageFont.truetype(SEED_FONT, 44)
    seed = Image.new("L", (1320, 132), 255)
    ImageDraw.Draw(seed).text((44, 44), SEED, font=font, fill=0)
    seed.save(HERE / "sample_with_typos.png", dpi=(DPI, DPI), optimize=True)

    pages = [render_page(p) for p in ENGLISH_PAGES]
    pages[0].save(HERE / "scanned_3pages.pdf", save_all=True, append_images=pages[1:], resolution=DPI)
    bilevel = [p.point(lambda v: 255 if v > 128 else 0).convert("1") for p in pages]  # like a fax-mode scanner
    bilevel[0].save(HERE / "multipage.tif", save_all=True, append_images=bilevel[1:], compression="group4", dpi=(DPI, DPI))

    render_page(FRENCH_PAGE).save(HERE / "french_page.png", dpi=(DPI, DPI), optimize=True)


if __name__ == "__main__":
    main()
