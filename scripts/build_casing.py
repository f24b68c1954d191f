"""How often German writes a word with a capital inside a sentence, for the default corrector.

    .venv/bin/python scripts/build_casing.py [--out src/ocrkit/correct/data/casing-deu.json]

German capitalises its nouns, so a capital inside a sentence says little there: ``In`` read for
a printed ``1n`` is ``in``, but ``Abend`` read for ``4bend`` is ``Abend``. This script counts,
in the ground truth of the ICDAR 2019 post-OCR competition's DE1 sub-corpus (NZZ front pages,
CC BY 4.0: ``../shared/evaldata/icdar2019-postocr-train``, read here, never at run time), how
often each word stands inside a sentence in small letters and with a capital, and keeps the
words seen at least three times there. The shipped file holds those counts only.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT.parent / "shared" / "evaldata" / "icdar2019-postocr-train" / "pairs_de.tsv"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "src" / "ocrkit" / "correct" / "data" / "casing-deu.json"))
    args = ap.parse_args()
    csv.field_size_limit(sys.maxsize)
    small: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    with open(PAIRS, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if "/DE1/" not in row["source"]:
                continue
            words = row["gt"].split()
            for prev, word in zip(words, words[1:]):
                core = word.strip("\"'„“”‚‘’»«()[],;:.!?")
                if not core.isalpha() or prev.rstrip("\"'”’»)")[-1:] in ".!?:":
                    continue  # (the first word of a sentence says nothing)
                if core.islower():
                    small[core] += 1
                elif core[0].isupper() and core[1:].islower():
                    capital[core.lower()] += 1
    words = {w: [small[w], capital[w]] for w in set(small) | set(capital) if small[w] + capital[w] >= 3}
    doc = {
        "about": "German words inside a sentence: [times in small letters, times capitalised], "
                 "counted in the ground truth of ICDAR 2019 post-OCR DE1 (NZZ, CC BY 4.0) by scripts/build_casing.py",
        "words": dict(sorted(words.items())),
    }
    Path(args.out).write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
