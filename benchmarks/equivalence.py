"""Does a change to the corrector keep its behaviour? Dump what it writes, compare two dumps.

    .venv/bin/python benchmarks/equivalence.py dump OUT.json [--save-models DIR | --models DIR]
    PYTHONPATH=../other/src .venv/bin/python benchmarks/equivalence.py dump OTHER.json --models DIR
    .venv/bin/python benchmarks/equivalence.py compare A.json B.json

For every set of benchmarks/correction.py (whole documents, up to --max segments each), the
first of three folds by document is corrected by: the default model, the shipped error model, a
model trained on the other folds with ``update`` (no tuning: seconds, not hours), and the same
model with every tunable habit switched on. Each is recorded three ways: the lines of
``correct_lines``, the text and corrections of ``correct``, and the words, boxes and
corrections of ``correct(result)`` on a result built from the lines. A refactoring that keeps
the behaviour gives identical dumps; ``--save-models`` / ``--models`` also check that models
saved by one checkout load in the other.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from correction import EVAL, SETS, folds_by_document, load, run_documents  # noqa: E402

#: every habit and search that tuning may switch on, at settings that make them fire
ALL_ON = dict(merge_prob=0.01, split_prob=0.01, typography=0.5, spelling_margin=math.log(1e3),
              document_channel=4.0, suspect_ratio=10.0, wordlike=2.0, length_decay=0.5, rare_evidence=0.25,
              strict_freq=1e-7, margin=math.log(1.5), known_word_margin=math.log(3), edit_margin=math.log(10))


def _documents(rows):
    docs = defaultdict(list)
    for j, r in enumerate(rows):
        docs[r[0]].append(j)
    return docs


def _record(model, rows, documents: int = 6) -> list:
    from ocrkit.results import Line, OCRResult, Page, Word

    outs, _ = run_documents(model, rows)  # (each document's lines corrected together)
    docs = _documents(rows)
    extra = []
    for idx in list(docs.values())[:documents]:
        c = model.correct("\n".join(rows[j][1] for j in idx))
        extra.append([c.text, _spans(c.corrections)])
        lines = []
        for li, j in enumerate(idx):
            words = tuple(Word(w, (10 * k, li * 20, 10 * k + 8, li * 20 + 15), 0.5 + 0.01 * (k % 40))
                          for k, w in enumerate(rows[j][1].split()))
            lines.append(Line(words, (0, li * 20, 1000, li * 20 + 15)))
        page = Page(number=1, width=1000, height=20 * len(idx) + 20, dpi=300.0, lines=tuple(lines))
        out = model.correct_result(OCRResult(pages=(page,), engine="x", engine_version="1", lang=model.lang))
        extra.append([[(w.text, list(w.box), w.spaces_before) for ln in pg.lines for w in ln.words] for pg in out.pages])
        extra.append(_spans(out.corrections))
    return [outs, extra]


def _spans(corrections) -> list:
    return [[x.original, x.replacement, x.page, x.line, x.start, x.end, round(x.probability, 6), str(x.reason)] for x in corrections]


def dump(path: str, max_rows: int, save: str | None, models: str | None) -> None:
    from ocrkit import PostProcessor

    result = {}
    for name, (lang, rel) in SETS.items():
        if not (EVAL / rel).exists():
            print(f"{name}: missing")
            continue
        rows = load(EVAL / rel)
        keep: list[int] = []
        for idx in _documents(rows).values():
            if len(keep) >= max_rows:
                break
            keep += idx
        rows = [rows[j] for j in sorted(keep)]
        t = time.perf_counter()
        test = folds_by_document(rows, 3)[0]
        held = set(test)
        test_rows = [rows[j] for j in test]
        result[f"{name}/default"] = _record(PostProcessor(lang=lang), test_rows)
        result[f"{name}/shipped"] = _record(PostProcessor(lang=lang, shipped=True), test_rows[:200])
        if models:
            model = PostProcessor.load(Path(models) / f"{name}.ocrkit")
        else:
            model = PostProcessor(lang=lang).update((rows[j][1], rows[j][2]) for j in range(len(rows)) if j not in held)
            if save:
                Path(save).mkdir(parents=True, exist_ok=True)
                model.save(Path(save) / f"{name}.ocrkit")
        result[f"{name}/trained"] = _record(model, test_rows)
        model.params = dataclasses.replace(model.params, **ALL_ON)
        result[f"{name}/all-on"] = _record(model, test_rows)
        print(f"{name}: {len(rows)} segments, {time.perf_counter() - t:.0f} s", flush=True)
    Path(path).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


def compare(a_path: str, b_path: str) -> int:
    a = json.loads(Path(a_path).read_text(encoding="utf-8"))
    b = json.loads(Path(b_path).read_text(encoding="utf-8"))
    differ = 0
    for key in a:
        if key not in b:
            print(f"{key}: missing in {b_path}")
            differ += 1
            continue
        lines = sum(x != y for x, y in zip(a[key][0], b[key][0]))
        extra = sum(x != y for x, y in zip(a[key][1], b[key][1]))
        if lines or extra:
            differ += 1
            print(f"{key}: {lines} lines and {extra} records differ")
    print("identical" if not differ else f"{differ} of {len(a)} settings differ")
    return 1 if differ else 0


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out")
    d.add_argument("--max", type=int, default=900, help="segments per set (whole documents)")
    d.add_argument("--save-models", metavar="DIR")
    d.add_argument("--models", metavar="DIR", help="score the models saved in DIR instead of training")
    c = sub.add_parser("compare")
    c.add_argument("a")
    c.add_argument("b")
    args = ap.parse_args()
    if args.cmd == "dump":
        dump(args.out, args.max, args.save_models, args.models)
    else:
        sys.exit(compare(args.a, args.b))


if __name__ == "__main__":
    main()
