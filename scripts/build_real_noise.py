"""Count the real OCR noise the default corrector starts from (src/ocrkit/correct/data/realnoise.json).

    .venv/bin/python scripts/build_real_noise.py [--languages deu] [--out PATH]

Data: the (OCR, ground truth) segment pairs of the ICDAR 2019 post-OCR sub-corpora whose
licenses let a derived table ship (``../shared/evaldata/icdar2019-postocr-train``, half of each
language's documents): NL1 (IMPACT, Dutch books and newspapers from the KB, CC BY), DE1 (NZZ
front pages, German Fraktur, CC BY 4.0) and FR3 (RECEIPT, French shop receipts, CC0). Not EN1,
FR2 or DE2 (non-commercial or no-derivatives licenses). The confusions between each OCR segment
and its ground truth are counted (``ocrkit.correct.channel.count_confusions``: those seen at
least twice) and written with the attribution the licenses ask for; ``--languages`` names the
languages whose default corrector starts from them (docs/corrector.md says why those).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "evaldata" / "icdar2019-postocr-train"
SUBCORPORA = {
    "NL1": ("pairs_nl.tsv", "IMPACT, Dutch books and newspapers (KB), CC BY"),
    "DE1": ("pairs_de.tsv", "NZZ front pages, German Fraktur, CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"),
    "FR3": ("pairs_fr.tsv", "RECEIPT, French shop receipts, CC0"),
}


def rows(sub: str) -> list[tuple[str, str, str]]:
    """(document, OCR, ground truth) of a sub-corpus's segments (benchmarks/correction.py learns
    the table from them without the documents it scores)."""
    name, _ = SUBCORPORA[sub]
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        found = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(r["source"], r["ocr"], r["gt"]) for r in found if f"/{sub}/" in r["source"] and r["gt"]]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--languages", default="deu")
    ap.add_argument("--out", default=str(ROOT / "src" / "ocrkit" / "correct" / "data" / "realnoise.json"))
    args = ap.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA} is missing: the script learns from ../shared/evaldata")
    from ocrkit.correct.channel import count_confusions

    found = {sub: rows(sub) for sub in SUBCORPORA}
    doc = {
        "learned_from": "ICDAR 2019 Competition on Post-OCR Text Correction (Rigaud et al.), training half "
                        "as copied in impresso/llm-transcript-postcorrection (commit 3affcc4e): "
                        + "; ".join(f"{sub} ({SUBCORPORA[sub][1]}), {len(found[sub])} segments" for sub in SUBCORPORA),
        "license": "derived counts of data under CC BY (NL1: IMPACT/KB; DE1: NZZ, CC BY 4.0) and CC0 (FR3); "
                   "attribution: ICDAR 2019 POCR competition organisers and the institutions named above",
        "languages": args.languages.split(","),
        **count_confusions([(ocr, gt) for sub in SUBCORPORA for _, ocr, gt in found[sub]]),
    }
    Path(args.out).write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(doc['counts'])} confusions from {sum(map(len, found.values()))} segments, "
          f"error rate {doc['errors'] / doc['chars']:.4f}, for {', '.join(doc['languages'])}")


if __name__ == "__main__":
    main()
