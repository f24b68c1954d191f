"""The post-OCR corrector on real post-OCR correction data, side by side with symspellpy.

    .venv/bin/python benchmarks/correction.py [--folds 3] [--sets icdar2017-en,...] [--max N]

Data (../shared/evaldata, third-party, see its SOURCES.md): ICDAR 2017 en/fr, the ICDAR 2019
half for en/nl/fr/de, Overproof dataset 2 (en newspapers), BLN600 (en newspapers).

For each set, one run reports:
  improvement  the ICDAR metric, (sum d(ocr,gt) - sum d(corrected,gt)) / sum d(ocr,gt), in %,
               with d the Levenshtein distance over all segments
  worse        segments whose distance to gt grew
  broken       segments that were exactly right and were changed (as a share of right ones)
  words/s      corrector throughput on one core
Rows:
  symspell     symspellpy word by word (lookup, max distance 2, closest), English dictionary
               shipped with symspellpy; for other languages a dictionary built from wordfreq
  default      ocrkit's untrained model for the language (PostProcessor(lang))
  trained      k-fold cross-validation over whole documents: fit on the other folds' pairs,
               score this fold's segments (never the segments it was trained on)
The segments of one document are corrected together (``correct_lines``: each informs the
others, as ``correct(text)`` does for a page); ``--by-line`` corrects each segment alone.

What one piece is worth, with the tuned parameters held fixed: train once and keep the fold
models (``--save-models DIR``), then score them again with a parameter set otherwise
(``--models DIR --param spelling_margin=inf``), or with another checkout's code
(``PYTHONPATH=../other/src``), on the same folds.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import random
import sys
import time
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

csv.field_size_limit(sys.maxsize)
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))  # (build_real_noise: what the default's real-noise table is learned from)
EVAL = ROOT.parent / "shared" / "evaldata"

SETS = {
    "icdar2017-en": ("eng", "icdar2017-postocr/pairs_en.tsv"),
    "icdar2017-fr": ("fra", "icdar2017-postocr/pairs_fr.tsv"),
    "icdar2019-en": ("eng", "icdar2019-postocr-train/pairs_en.tsv"),
    "icdar2019-nl": ("nld", "icdar2019-postocr-train/pairs_nl.tsv"),
    "icdar2019-fr": ("fra", "icdar2019-postocr-train/pairs_fr.tsv"),
    "icdar2019-de": ("deu", "icdar2019-postocr-train/pairs_de.tsv"),
    "overproof": ("eng", "overproof-postocr-en/dataset2_pairs.tsv"),
    "bln600": ("eng", "bln600-postocr-en/bln600_test.csv"),
}


def load(path: Path) -> list[tuple[str, str, str]]:
    """(document, ocr, gt) rows."""
    rows = []
    if path.suffix == ".csv":
        with open(path, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                rows.append((r["Sample ID"], r["OCR Text"], r["Ground Truth"]))
        return rows
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        doc_col = header.index("source") if "source" in header else header.index("article")
        io, ig = header.index("ocr"), header.index("gt")
        for r in reader:
            if len(r) > max(io, ig, doc_col):
                rows.append((r[doc_col], r[io], r[ig]))
    return rows


def score(rows: list[tuple[str, str, str]], outputs: list[str]) -> dict:
    before = after = worse = right = broken = 0
    for (_, ocr, gt), out in zip(rows, outputs):
        d0, d1 = Levenshtein.distance(ocr, gt), Levenshtein.distance(out, gt)
        before += d0
        after += d1
        worse += d1 > d0
        if ocr == gt:
            right += 1
            broken += out != gt
    return {
        "improvement": 100.0 * (before - after) / before if before else 0.0,
        "worse": worse,
        "broken": broken,
        "right": right,
        "segments": len(rows),
    }


def run_corrector(correct, rows) -> tuple[list[str], float]:
    """Correct each row on its own with ``correct(line)``: (outputs, words/s)."""
    words = sum(len(o.split()) for _, o, _ in rows)
    t = time.perf_counter()
    outs = [correct(o) for _, o, _ in rows]
    return outs, words / max(1e-9, time.perf_counter() - t)


def run_documents(model, rows, by_line: bool = False) -> tuple[list[str], float]:
    """Correct the rows of each document together (``model.correct_lines``, as ``correct(text)``
    does for a text), or each row alone with ``by_line``: (outputs in row order, words/s)."""
    if by_line:
        return run_corrector(model.correct_line, rows)
    docs: dict[str, list[int]] = defaultdict(list)
    for j, (doc, _, _) in enumerate(rows):
        docs[doc].append(j)
    words = sum(len(o.split()) for _, o, _ in rows)
    outs = [""] * len(rows)
    t = time.perf_counter()
    for idx in docs.values():
        for j, out in zip(idx, model.correct_lines([rows[j][1] for j in idx])):
            outs[j] = out
    return outs, words / max(1e-9, time.perf_counter() - t)


_SYMSPELL: dict = {}


def symspell_for(lang: str):
    if lang in _SYMSPELL:
        return _SYMSPELL[lang]
    from symspellpy import SymSpell, Verbosity

    sym = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
    if lang == "eng":
        from importlib import resources

        sym.load_dictionary(str(resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"), 0, 1)
    else:
        import wordfreq

        from ocrkit.lexicon import wordfreq_code

        for w in wordfreq.top_n_list(wordfreq_code(lang), 80_000):
            sym.create_dictionary_entry(w, max(1, int(wordfreq.word_frequency(w, wordfreq_code(lang)) * 1e9)))

    def correct(line: str) -> str:
        out = []
        for tok in line.split(" "):
            core = tok.strip(".,;:!?\"'()")
            if not core.isalpha():
                out.append(tok)
                continue
            s = sym.lookup(core.lower(), Verbosity.CLOSEST, max_edit_distance=2, include_unknown=True)
            best = s[0].term if s else core
            if core[0].isupper():
                best = best[:1].upper() + best[1:]
            out.append(tok.replace(core, best, 1))
        return " ".join(out)

    _SYMSPELL[lang] = correct
    return correct


def learned_from(doc: str) -> bool:
    """Whether the default real-noise table is learned from document ``doc``."""
    from build_real_noise import SUBCORPORA

    return any(f"/{sub}/" in doc for sub in SUBCORPORA)


@lru_cache(maxsize=1)
def _real_noise_rows() -> list[tuple[str, str, str]]:
    """(document, OCR, ground truth) of what the real-noise table is learned from."""
    from build_real_noise import SUBCORPORA, rows

    return [r for sub in SUBCORPORA for r in rows(sub)]


def default_without(lang: str, docs: set[str]):
    """The default corrector of ``lang``, its real-noise table (where ``lang`` has one) learned
    as scripts/build_real_noise.py learns it but without the documents ``docs``: what scores them."""
    from ocrkit import PostProcessor
    from ocrkit.correct import realnoise
    from ocrkit.correct.channel import ChannelModel, count_confusions, noise_of

    if realnoise.prior(lang) is None or not docs:
        return PostProcessor(lang=lang)
    pairs = [(o, g) for d, o, g in _real_noise_rows() if d not in docs]
    return PostProcessor(lang=lang, channel=ChannelModel(noise_of(count_confusions(pairs))))


def default_outputs(lang: str, rows, folds: int, by_line: bool = False) -> tuple[list[str], float]:
    """The default corrector's outputs: documents the real-noise table is learned from by
    document-level cross-validation (each fold by the table learned without it), the rest by the
    shipped default."""
    outs = [""] * len(rows)
    own = [j for j, r in enumerate(rows) if learned_from(r[0])]
    parts = [[j for j, r in enumerate(rows) if not learned_from(r[0])]]
    if own:
        parts += [[own[j] for j in fold] for fold in folds_by_document([rows[j] for j in own], folds)]
    wps = []
    for idx in filter(None, parts):
        part = [rows[j] for j in idx]
        model = default_without(lang, {r[0] for r in part if learned_from(r[0])})
        part_outs, w = run_documents(model, part, by_line)
        wps.append(w * len(idx))
        for j, o in zip(idx, part_outs):
            outs[j] = o
    return outs, sum(wps) / max(1, len(rows))


def folds_by_document(rows, k: int, seed: int = 0):
    docs = sorted({d for d, _, _ in rows})
    random.Random(seed).shuffle(docs)
    fold_of = {d: i % k for i, d in enumerate(docs)}
    return [[j for j, r in enumerate(rows) if fold_of[r[0]] == i] for i in range(k)]


def clean_speed(by_line: bool = False) -> None:
    """Words/s of the default English model on text that needs (almost) no change: the ground
    truth side of Overproof, each article corrected as one document (or line by line), one pass
    on one core after a warm-up on its first 300 lines and ``PostProcessor.prepare()``."""
    from ocrkit import PostProcessor

    path = EVAL / SETS["overproof"][1]
    if not path.exists():
        return
    rows = [(doc, gt, gt) for doc, _, gt in load(path)]
    pp = PostProcessor("eng")
    for _, line, _ in rows[:300]:  # warm-up: word lists and bigram tables loaded
        pp.correct_line(line)
    pp.prepare()  # ... and the two-edit search's index built (steady speed, as a long run has it)
    rest = rows[300:]  # measured once, on text the corrector has not seen (no cache hits)
    _, wps = run_documents(pp, rest, by_line)
    words = sum(len(line.split()) for _, line, _ in rest)
    how = "line by line" if by_line else "each article as one document"
    print(f"\nclean text (Overproof ground truth, {words} words, {how}): {wps:,.0f} words/s, default eng model, one core")


def pages_dev(shipped: bool, engine: str = "tesseract") -> None:
    """CER of an engine's reading of ../shared/data/pages-dev before and after correction."""
    from PIL import Image

    from ocrkit import OCREngine, PostProcessor

    dev = ROOT.parent / "shared" / "data" / "pages-dev"
    if not dev.exists():
        return
    norm = lambda s: " ".join(s.split())  # noqa: E731
    totals: dict[tuple[str, str], list[int]] = {}
    engines: dict[str, tuple] = {}
    for line in (dev / "manifest.tsv").read_text().splitlines()[1:]:
        pid, file, lang, level = line.split("\t")[:4]
        if lang not in engines:
            engines[lang] = (OCREngine(lang=lang, engine=engine), PostProcessor(lang=lang, shipped=shipped))
        eng, pp = engines[lang]
        raw = eng.recognize(Image.open(dev / file))
        fixed = pp.correct(raw)
        gt = norm((dev / f"{pid}.gt.txt").read_text(encoding="utf-8"))
        for key in ((level, lang), (level, "all")):
            t = totals.setdefault(key, [0, 0, 0])
            t[0] += Levenshtein.distance(norm(raw.text), gt)
            t[1] += Levenshtein.distance(norm(fixed.text), gt)
            t[2] += len(gt)
    print(f"\npages-dev, engine={engine!r} with preprocess=auto, CER % before -> after the default corrector"
          f" ({'shipped' if shipped else 'prior'} error model)")
    for level in ("clean", "mild", "moderate", "severe"):
        cells = []
        for lang in ("all", "eng", "deu", "fra", "nld"):
            if (level, lang) in totals:
                b, a, n = totals[(level, lang)]
                cells.append(f"{lang} {100 * b / n:.2f} -> {100 * a / n:.2f}")
        print(f"{level:<10}" + "   ".join(cells))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--max", type=int, default=0, help="use at most N segments per set (0 = all)")
    ap.add_argument("--no-symspell", action="store_true")
    ap.add_argument("--default-only", action="store_true", help="skip the cross-validated training")
    ap.add_argument("--by-line", action="store_true",
                    help="correct each segment on its own (default: the segments of a document together)")
    ap.add_argument("--pages-dev", choices=["shipped", "prior", "both", "none"], default="shipped",
                    help="also measure CER on pages-dev before/after correction")
    ap.add_argument("--engine", default="tesseract", help="the engine that reads pages-dev (tesseract, rapidocr, auto)")
    ap.add_argument("--save-models", metavar="DIR", help="save each fold's trained model as DIR/SET_cvI.ocrkit")
    ap.add_argument("--models", metavar="DIR",
                    help="score the fold models saved in DIR (--save-models) instead of training new ones")
    ap.add_argument("--untuned", action="store_true",
                    help="train each fold with update() instead of fit(): the default margins, no tuning (what tuning is worth)")
    ap.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                    help="set a decision parameter of every trained model before scoring (repeatable): "
                         "with --models, what one piece is worth with the tuned parameters held fixed")
    args = ap.parse_args()
    from ocrkit import PostProcessor

    overrides = {k: float(v) for k, v in (p.split("=", 1) for p in args.param)}

    print(f"{'set':<14}{'row':<10}{'improve%':>9}{'worse':>7}{'broken':>12}{'words/s':>10}")
    for name in filter(None, args.sets.split(",")):
        lang, rel = SETS[name]
        path = EVAL / rel
        if not path.exists():
            print(f"{name:<14}missing {path}")
            continue
        rows = load(path)
        if args.max:
            rows = rows[: args.max]
        results = {}
        if not args.no_symspell:
            outs, wps = run_corrector(symspell_for(lang), rows)
            results["symspell"] = (score(rows, outs), wps)
        outs, wps = default_outputs(lang, rows, args.folds, args.by_line)
        results["default"] = (score(rows, outs), wps)
        if args.default_only:
            for row, (s, wps) in results.items():
                print(f"{name:<14}{row:<10}{s['improvement']:>9.1f}{s['worse']:>7}{s['broken']:>5}/{s['right']:<6}{wps:>10.0f}")
            continue
        # cross-validation over whole documents
        outs = [""] * len(rows)
        wps_all = []
        for i, test_idx in enumerate(folds_by_document(rows, args.folds)):
            test_set = set(test_idx)
            if args.models:
                model = PostProcessor.load(Path(args.models) / f"{name}_cv{i}.ocrkit")
            else:
                train = ((rows[j][1], rows[j][2]) for j in range(len(rows)) if j not in test_set)
                start = default_without(lang, {rows[j][0] for j in test_idx if learned_from(rows[j][0])})
                model = start.fit(train, tune=not args.untuned)  # (untuned: as update() does)
            if args.save_models:
                Path(args.save_models).mkdir(parents=True, exist_ok=True)
                model.save(Path(args.save_models) / f"{name}_cv{i}.ocrkit")
            if overrides:
                model.params = dataclasses.replace(model.params, **overrides)
            fold_rows = [rows[j] for j in test_idx]
            fold_outs, wps = run_documents(model, fold_rows, args.by_line)
            wps_all.append(wps)
            for j, o in zip(test_idx, fold_outs):
                outs[j] = o
        results["trained"] = (score(rows, outs), sum(wps_all) / len(wps_all))
        for row, (s, wps) in results.items():
            print(f"{name:<14}{row:<10}{s['improvement']:>9.1f}{s['worse']:>7}{s['broken']:>5}/{s['right']:<6}{wps:>10.0f}")
        sys.stdout.flush()


    clean_speed(args.by_line)
    if args.pages_dev in ("shipped", "both"):
        pages_dev(True, args.engine)
    if args.pages_dev in ("prior", "both"):
        pages_dev(False, args.engine)


if __name__ == "__main__":
    main()
