"""Learn what Tesseract misreads in Fraktur, for correcting pages read with a Fraktur model.

    .venv/bin/python scripts/build_fraktur_channel.py [--out src/ocrkit/correct/data/fraktur.json]

Data: the 60 line images of ../shared/evaldata/archiscribe-19c-lines-de (19th-century German
Fraktur prints, one line from each of 60 works, 1800-1897; jbaiter/archiscribe-corpus, CC BY
4.0). Each line is read as ocrkit reads a Fraktur page asked for in German
(``OCREngine(lang="frk+deu", script="latin")``, default preprocessing), its transcription is
brought to modern letters (long s, umlauts), and the confusions between the two are counted
(``ocrkit.correct.channel.count_confusions``; those seen at least twice are kept). The
derived counts ship in the package with the attribution the license asks for.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "evaldata" / "archiscribe-19c-lines-de"
SOURCE = {
    "learned_from": "archiscribe-19c-lines-de: 60 line images of 19th-century German Fraktur prints "
                    "with transcriptions, from jbaiter/archiscribe-corpus (commit fda2ef6c)",
    "license": "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); transcriptions by the "
               "archiscribe project (Johannes Baiter and contributors); these counts are derived from them",
    "reader": "ocrkit OCREngine(lang='frk+deu', script='latin'), Tesseract frk and deu models",
}


def pairs(files: list[Path]) -> list[tuple[str, str]]:
    """(Tesseract's reading, the transcription) of each line image."""
    from ocrkit import OCREngine

    engine = OCREngine(lang="frk+deu", script="latin")
    out = []
    for f in files:
        gt = (f.parent / (f.stem + ".gt.txt")).read_text(encoding="utf-8").strip()
        out.append((" ".join(engine.recognize(f).text.split()), " ".join(gt.split())))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "src" / "ocrkit" / "correct" / "data" / "fraktur.json"))
    args = ap.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA} is missing: the script learns from ../shared/evaldata")
    from ocrkit.correct.channel import count_confusions
    from ocrkit.correct.typefaces import modern_letters

    files = sorted(DATA.glob("*.png"))
    doc = {**SOURCE, "lines": len(files), **count_confusions(pairs(files), modern_letters)}
    Path(args.out).write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(doc['counts'])} confusions from {len(files)} lines")


if __name__ == "__main__":
    main()
