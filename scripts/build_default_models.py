"""Build the correction models that ship inside ocrkit (src/ocrkit/correct/data/LANG.ocrkit).

    .venv/bin/python scripts/build_default_models.py [--lines 1500] [--langs eng,fra,deu,nld]

How: for each language, text lines are drawn from wordfreq's word list (words sampled by
frequency, so the text has the language's letters and accents in their usual proportions),
rendered with every available font at small sizes and low resolutions, degraded (blur, noise,
JPEG), and read back by Tesseract in that language. The (read, rendered) line pairs teach the
error model Tesseract's real confusions; nothing else is learned from them (no vocabulary, no
bigrams), and no third-party evaluation data is used. Deterministic for a given seed, fonts and
Tesseract version.

Fonts: whatever of these is installed (Debian: fonts-dejavu-core, fonts-liberation2,
fonts-freefont-ttf, fonts-urw-base35).
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "ocrkit" / "correct" / "data"
FONTS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSerif.ttf",
    "/usr/share/fonts/opentype/urw-base35/NimbusRoman-Regular.otf",
    "/usr/share/fonts/opentype/urw-base35/C059-Roman.otf",
]


def sample_lines(lang: str, n: int, rng: random.Random) -> list[str]:
    import wordfreq

    from ocrkit.correct.lm import wordfreq_code

    code = wordfreq_code(lang)
    words = [w for w in wordfreq.top_n_list(code, 30_000) if w.isalpha()]
    weights = [wordfreq.word_frequency(w, code) ** 0.5 for w in words]  # flatter than usage
    lines = []
    for _ in range(n):
        ws = rng.choices(words, weights, k=rng.randint(4, 9))
        if rng.random() < 0.5:
            ws[0] = ws[0].capitalize()
        line = " ".join(ws)
        if rng.random() < 0.6:
            line += rng.choice([".", ",", ";", ":", "!", "?"])
        lines.append(line)
    return lines


def render(line: str, font_path: str, px: int, rng: random.Random) -> Image.Image:
    font = ImageFont.truetype(font_path, px)
    w = int(font.getlength(line)) + 2 * px
    img = Image.new("L", (w, int(px * 2.2)), 255)
    ImageDraw.Draw(img).text((px, int(px * 0.5)), line, font=font, fill=0)
    if rng.random() < 0.5:  # a coarse scan: lose resolution
        f = rng.uniform(0.55, 0.85)
        small = img.resize((max(1, int(img.width * f)), max(1, int(img.height * f))), Image.BILINEAR)
        img = small.resize(img.size, Image.BILINEAR)
    if rng.random() < 0.7:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.4)))
    a = np.asarray(img, dtype=np.float64)
    if rng.random() < 0.7:
        a = a + np.random.default_rng(rng.randint(0, 1 << 30)).normal(0, rng.uniform(8, 35), a.shape)
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if rng.random() < 0.5:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=rng.randint(20, 60))
        img = Image.open(io.BytesIO(buf.getvalue()))
    return img


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1500)
    ap.add_argument("--langs", default="eng,fra,deu,nld")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    from ocrkit.correct import PostProcessor
    from ocrkit.engines.tesseract import TesseractEngine
    from ocrkit.io import PageImage

    fonts = [f for f in FONTS if Path(f).exists()]
    if not fonts:
        sys.exit("no fonts found; apt-get install fonts-dejavu-core fonts-liberation2")
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in args.langs.split(","):
        rng = random.Random(f"{args.seed}-{lang}")
        engine = TesseractEngine(lang, psm=7, alternatives=False)  # one line per image
        pairs = []
        for i, line in enumerate(sample_lines(lang, args.lines, rng)):
            img = render(line, fonts[i % len(fonts)], rng.randint(14, 26), rng)
            page = engine.recognize(PageImage(img, 1, None, None))
            pairs.append((page.text.replace("\n", " ").strip(), line))
        model = PostProcessor(lang=lang)
        model.update(pairs, learn_words=False)
        errors = sum(o != g for o, g in pairs)
        model.lm.vocab.clear()
        model.lm.bigrams.clear()
        model.save(OUT / f"{lang}.ocrkit")
        print(f"{lang}: {len(pairs)} lines, {errors} read with errors, error rate {model.channel.error_rate:.3f}", flush=True)


if __name__ == "__main__":
    main()
