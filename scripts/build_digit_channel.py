"""Learn how Tesseract reads digits and symbols printed for letters, for the default corrector.

    .venv/bin/python scripts/build_digit_channel.py [--lines 40] [--out src/ocrkit/correct/data/digits.json]

Text: random runs of six words from the 3,000 commonest words of each of eng, fra, deu and nld
(wordfreq's lists, installed with ocrkit; never the sentences of benchmarks/seedlike.py, and
nothing from /usr/share/locale). Each word gets a letter printed as a look-alike digit or symbol
(a → 4 or @, e → 3, i → 1, o → 0, s → 5 or $, l → 1), the line is rendered in the typefaces of
:data:`FONTS` (nineteen upright sans, serif and monospaced faces of four families; a face that is
not installed is skipped and the file lists those used) at two sizes, and Tesseract
(``OCREngine(lang, engine="tesseract")``, default settings otherwise) reads it. Where it read as
many words as were printed, each word read with as many letters as it has is aligned letter by
letter with the word that was meant, and for every letter printed as a digit the script counts
what Tesseract wrote there (the digit, the letter, its capital, another letter: ``4`` read
``A``, ``d`` or ``ä``).
``DigitLineChannel`` reads these counts: on a line that prints digits for letters, what the
engine writes for such a letter is as likely as it was here.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
#: typefaces from Debian's fonts-freefont-ttf, fonts-dejavu-core and -extra, fonts-liberation and
#: fonts-noto-mono; the URW typefaces (fonts-urw-base35) are kept for measuring: never learned from
FONTS = [
    "freefont/FreeSans.ttf", "freefont/FreeSansBold.ttf", "freefont/FreeSerif.ttf", "freefont/FreeSerifBold.ttf",
    "freefont/FreeMono.ttf",
    "dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf", "dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSerif.ttf",
    "dejavu/DejaVuSerif-Bold.ttf", "dejavu/DejaVuSerifCondensed.ttf", "dejavu/DejaVuSansMono.ttf",
    "liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf",
    "liberation/LiberationSansNarrow-Regular.ttf", "liberation/LiberationSerif-Regular.ttf",
    "liberation/LiberationSerif-Bold.ttf", "liberation/LiberationMono-Regular.ttf", "noto/NotoMono-Regular.ttf",
]
FONT_DIR = Path("/usr/share/fonts/truetype")
LANGS = {"eng": "en", "fra": "fr", "deu": "de", "nld": "nl"}
GLYPHS = {"a": "4@", "e": "3", "i": "1", "o": "0", "s": "5$", "l": "1"}


def printed(word: str, rng: random.Random) -> tuple[str, dict[int, str]]:
    """The word with one of its letters printed as a look-alike everywhere in it, and where."""
    letters = sorted({c for c in word.lower() if c in GLYPHS})
    if not letters:
        return word, {}
    letter = rng.choice(letters)
    glyph = rng.choice(GLYPHS[letter])
    out, where = [], {}
    for j, c in enumerate(word):
        if c.lower() == letter:
            out.append(glyph)
            where[j] = c
        else:
            out.append(c)
    return "".join(out), where


def render(text: str, font_path: str, size: int) -> Image.Image:
    font = ImageFont.truetype(font_path, size)
    im = Image.new("L", (int(font.getlength(text)) + 2 * size, int(size * 2.2)), 255)
    ImageDraw.Draw(im).text((size, int(size * 0.5)), text, font=font, fill=0)
    return im


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=40, help="lines per language")
    ap.add_argument("--out", default=str(ROOT / "src" / "ocrkit" / "correct" / "data" / "digits.json"))
    args = ap.parse_args()
    import wordfreq

    from ocrkit import OCREngine

    fonts = [str(FONT_DIR / f) for f in FONTS if (FONT_DIR / f).is_file()]
    counts: dict[str, Counter[str]] = defaultdict(Counter)  # letter printed as a digit -> what was read
    used = skipped = 0
    for lang, code in LANGS.items():
        rng = random.Random(f"digits-{lang}")
        words = [w for w in wordfreq.top_n_list(code, 3000) if w.isalpha() and len(w) >= 2]
        engine = OCREngine(lang=lang, engine="tesseract")  # (what Tesseract reads, whatever the default engine)
        for _ in range(args.lines):
            meant = [rng.choice(words) for _ in range(6)]
            meant[0] = meant[0].capitalize()
            shown = [printed(w, rng) for w in meant]
            line = " ".join(p for p, _ in shown)
            for font in fonts:
                for size in (32, 44):
                    read = engine.recognize(render(line, font, size)).text.split()
                    if len(read) != len(meant):
                        skipped += 1
                        continue
                    used += 1
                    for (word, where), got in zip(zip(meant, (w for _, w in shown)), read):
                        if not where:
                            continue
                        if len(got) != len(word):  # only letter-for-letter readings teach where each went
                            continue
                        for j, letter in where.items():
                            counts[letter][got[j]] += 1
        engine.close()
    doc = {
        "about": "What Tesseract wrote for a letter printed as a look-alike digit or symbol: scripts/build_digit_channel.py",
        "tesseract": __import__("tesserocr").tesseract_version().splitlines()[0],
        "lines": used,
        "typefaces": [Path(f).stem for f in fonts],
        "counts": {letter: dict(c.most_common()) for letter, c in sorted(counts.items())},
    }
    Path(args.out).write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{used} lines read ({skipped} read with another number of words, skipped) -> {args.out}", file=sys.stderr)
    for letter, c in sorted(counts.items()):
        total = sum(c.values())
        print(letter, total, ", ".join(f"{k} {v / total:.2f}" for k, v in c.most_common(8)), file=sys.stderr)


if __name__ == "__main__":
    main()
