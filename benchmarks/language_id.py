"""Language identification (``lang="auto"``) on real OCR text, clean and garbled further.

    .venv/bin/python benchmarks/language_id.py [--garble 0,0.15,0.25,0.35,0.45] [--seed 1]

The OCR side of every post-OCR collection in ../shared/evaldata (ICDAR 2017 en/fr, ICDAR 2019
en/nl/fr/de, Overproof, BLN600: real engines' output, each collection in one known language)
cut into "pages" of 15 lines (a document's lines in order; pages of fewer than 6 words are
left out), each garbled further at several rates (a letter replaced, dropped, or split from
the next by a space or mark, as degraded scans read) and identified among eng, deu, fra and nld
with :func:`ocrkit.language.identify`. Also two-language pages: an English page's lines
interleaved with a French, German or Dutch page's (60 of each pair). Reported: pages whose
first language is right, pages identified exactly (no second language added), and mixed pages
that get exactly both languages.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from correction import EVAL, SETS, load  # noqa: E402

CANDIDATES = ("eng", "deu", "fra", "nld")
PAGE_LINES = 15
MIXED_PER_PAIR = 60


def garble(text: str, rate: float, rng: random.Random) -> str:
    out = []
    for ch in text:
        if ch.isalpha() and rng.random() < rate:
            kind = rng.random()
            if kind < 0.5:
                out.append(rng.choice("abcdefghijklmnopqrstuvwxyz"))
            elif kind < 0.8:
                continue
            else:
                out.append(ch + rng.choice(" .,'"))
        else:
            out.append(ch)
    return "".join(out)


def pages() -> list[tuple[str, str]]:
    """(language, page text) for every collection's OCR text."""
    from ocrkit.language import _WORD, MIN_WORDS

    found = []
    for lang, rel in SETS.values():
        docs: dict[str, list[str]] = defaultdict(list)
        for doc, ocr, _ in load(EVAL / rel):
            docs[doc].append(ocr)
        for segments in docs.values():
            lines = "\n".join(segments).splitlines()
            for k in range(0, len(lines), PAGE_LINES):
                text = "\n".join(lines[k:k + PAGE_LINES])
                if len(_WORD.findall(text)) >= MIN_WORDS:
                    found.append((lang, text))
    return found


def main() -> None:
    from ocrkit.language import identify

    ap = argparse.ArgumentParser()
    ap.add_argument("--garble", default="0,0.15,0.25,0.35,0.45")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    source = pages()
    print("| letters garbled | pages | first language right | exactly right | two-language pages, both found |")
    print("|---|---|---|---|---|")
    for rate in (float(r) for r in args.garble.split(",")):
        rng = random.Random(args.seed)
        counts: Counter[str] = Counter()
        by_lang: dict[str, list[str]] = defaultdict(list)
        for lang, text in source:
            text = garble(text, rate, rng)
            by_lang[lang].append(text)
            guess = identify(text, CANDIDATES).lang
            counts["right"] += guess.split("+")[0] == lang
            counts["exact"] += guess == lang
        mixed = 0
        for other in ("fra", "deu", "nld"):
            for a, b in list(zip(by_lang["eng"], by_lang[other]))[:MIXED_PER_PAIR]:
                text = "\n".join(x for pair in zip(a.splitlines(), b.splitlines()) for x in pair)
                mixed += sorted(identify(text, CANDIDATES).lang.split("+")) == sorted(["eng", other])
        n = len(source)
        print(f"| {rate:.0%} | {n} | {counts['right']} ({counts['right'] / n:.1%}) | {counts['exact']} ({counts['exact'] / n:.1%}) "
              f"| {mixed} of {3 * MIXED_PER_PAIR} |")


if __name__ == "__main__":
    main()
