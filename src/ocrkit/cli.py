"""The ``ocrkit`` command: thin commands over the library; the only place that prints and exits.

Exit codes: 0 success; 1 other ocrkit error; 2 bad input or bad usage; 3 language not installed;
4 engine not available; 6 unreadable correction model; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable
from itertools import groupby
from pathlib import Path
from typing import Any, TextIO

import click

from ._version import __version__
from .errors import InputError, OCRKitError

csv.field_size_limit(sys.maxsize)


class _Group(click.Group):
    """Turns ocrkit errors into one line on stderr and a documented exit code (no traceback)."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except OCRKitError as exc:
            click.echo(f"ocrkit: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("ocrkit: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]},
             epilog="Example: ocrkit read samples/sample_with_typos.png   (see `ocrkit COMMAND --help`)")
@click.version_option(__version__, "-V", "--version", prog_name="ocrkit")
def cli() -> None:
    """OCR for images, multi-page TIFFs and scanned PDFs, with a trainable corrector."""


def _load_postprocessor(lang: str, model: str | None):  # type: ignore[no-untyped-def]
    from .correct.languages import postprocessor_for

    return postprocessor_for(lang, model)


@cli.command(epilog="Examples: ocrkit read scan.png | ocrkit read --lang auto -f pdf -o out.pdf letters.pdf")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-l", "--lang", default="eng", show_default=True, help="Tesseract language code(s), e.g. eng, fra, eng+fra; auto: each page's own.")
@click.option("--script", type=click.Choice(["auto", "latin", "fraktur"]), default="auto", show_default=True,
              help="Typeface: auto reads unsure pages again with Fraktur models where installed; latin reads exactly --lang.")
@click.option("--engine", "engine_name", default=None,
              help="OCR engine (see `ocrkit engines`); default: auto where RapidOCR is installed, else tesseract.")
@click.option("--no-correct", is_flag=True, help="Print the raw OCR text, without the post-processor.")
@click.option("--model", help="Correction model: a file from `ocrkit train`, or `user` (your model, see `ocrkit learn`).")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "tsv", "hocr", "alto", "pdf"]), default="text",
              show_default=True, help="pdf: a searchable PDF of all pages (needs -o FILE).")
@click.option("--dpi", default=300, show_default=True, help="Resolution at which PDF pages are rendered.")
@click.option("--preprocess", default="auto", show_default=True, help="auto, none, seed, or steps: median,denoise,deskew,...")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Write here instead of stdout.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar (it shows on a terminal for files of several pages).")
def read(files: tuple[Path, ...], lang: str, script: str, engine_name: str | None, no_correct: bool, model: str | None, fmt: str, dpi: int,
         preprocess: str, output: str, quiet: bool) -> None:
    """Read FILE... (images, TIFFs, PDFs) and print their text."""
    from .engine import OCREngine
    from .export import export

    engine = OCREngine(lang=lang, engine=engine_name, dpi=dpi, preprocess=_pipeline_spec(preprocess), script=script)
    pp = None if no_correct else _load_postprocessor(lang, model)  # after the engine: its errors first
    if fmt == "pdf" and output == "-":
        raise click.UsageError("--format pdf writes a binary file: give -o OUT.pdf")
    chunks: list[str] = []
    pdf_pages: list = []
    failed = 0
    for path in files:
        try:
            result = _recognize(engine, path, not quiet and sys.stderr.isatty())
        except InputError as exc:
            if len(files) == 1:
                raise
            click.echo(f"ocrkit: error: {exc}", err=True)
            failed += 1
            continue
        if pp is not None:
            result = pp.correct_result(result)
        if fmt == "pdf":
            pdf_pages.append((path, result))
        else:
            chunks.append(export(result, fmt))
    if fmt == "pdf":
        _write_pdf(pdf_pages, output, dpi)
    else:
        with click.open_file(output, "w", encoding="utf-8") as out:
            out.write("".join(chunks))
    if failed:
        sys.exit(InputError.exit_code)


@cli.command("batch", epilog="Example: ocrkit batch scans/ --out rows.csv --lang auto -j 2")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="Output file: .csv, .jsonl or .parquet.")
@click.option("-j", "--workers", type=int, default=None, help="Worker processes (default: one per core).")
@click.option("-l", "--lang", default="eng", show_default=True, help="Tesseract language code(s); auto: each page's own.")
@click.option("--script", type=click.Choice(["auto", "latin", "fraktur"]), default="auto", show_default=True,
              help="Typeface: auto reads unsure pages again with Fraktur models where installed.")
@click.option("--engine", "engine_name", default=None,
              help="OCR engine (see `ocrkit engines`); default: auto where RapidOCR is installed, else tesseract.")
@click.option("--no-correct", is_flag=True, help="Raw OCR text only.")
@click.option("--model", help="Correction model: a file from `ocrkit train`, or `user` (your model, see `ocrkit learn`).")
@click.option("--dpi", default=300, show_default=True, help="Resolution at which PDF pages are rendered.")
@click.option("--cache", "cache_path", type=click.Path(dir_okay=False), default=None, help="Cache database (default ~/.cache/ocrkit/pages.sqlite).")
@click.option("--no-cache", is_flag=True, help="Neither read nor fill the cache (a journal beside --out still makes the run resumable).")
@click.option("--scheduler", default=None, help="Run on a Dask cluster: tcp://HOST:PORT of its scheduler.")
@click.option("--log", "log_path", type=click.Path(dir_okay=False), default=None, help="Error log (default OUT.errors.log).")
@click.option("--preprocess", default="auto", show_default=True, help="auto, none, seed, or steps: median,denoise,deskew,...")
@click.option("--formats", default="", help="Also write a document per input: comma-separated text,json,tsv,hocr,alto,pdf.")
@click.option("--outdir", type=click.Path(file_okay=False), default=None, help="Folder for --formats (default OUT.docs/).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line; errors still go to stderr.")
def batch_cmd(inputs: tuple[str, ...], out: str, workers: int | None, lang: str, script: str, engine_name: str | None, no_correct: bool,
              model: str | None, dpi: int, cache_path: str | None, no_cache: bool, scheduler: str | None, log_path: str | None,
              preprocess: str, formats: str, outdir: str | None, quiet: bool) -> None:
    """Read files, folders (recursively) and globs page by page into one CSV/JSONL/Parquet file.

    One row per page: path, page, text, raw_text, mean_confidence, min_confidence, lang, engine,
    engine_version, seconds, cached, error. A killed run resumes when started again; files that
    fail get a row with `error` and a line in the error log, and the exit code is 2.
    """
    from .batch import BatchRun, BatchSettings, PageStore, default_cache_path, write_rows
    from .batch.sinks import check_output
    from .engines import default_engine

    check_output(out, writable=True)
    if model and model != "user" and not Path(model).is_file():
        from .errors import ModelError

        raise ModelError(f"No model file at {model}; train one with `ocrkit train`, or use --model user.")
    from .batch.sinks import DOCUMENT_FORMATS, write_documents

    doc_formats = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in doc_formats if f not in DOCUMENT_FORMATS]
    if unknown:
        raise click.BadParameter(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(DOCUMENT_FORMATS)}", param_hint="--formats")
    from .preprocess import Pipeline

    _pipeline_spec(preprocess)
    settings = BatchSettings(lang=lang, engine=engine_name or default_engine(), correct=not no_correct, model=model, dpi=dpi,
                             preprocess=Pipeline(preprocess).name, script=script)
    journal = Path(out + ".journal.sqlite")
    store = PageStore(journal if no_cache else (cache_path or default_cache_path()))
    run = BatchRun(inputs, settings, store, workers=workers, scheduler=scheduler,
                   progress=sys.stderr.isatty() and not quiet)
    log = Path(log_path or out + ".errors.log")
    failed_rows = []
    try:
        for row in run:
            if row.get("error"):
                failed_rows.append(row)
    except KeyboardInterrupt:  # Ctrl-C between two pages: keep what is done
        run.stats.interrupted = True
    n = write_rows(out, run.rows_in_order())
    if doc_formats:
        write_documents(run.documents(), outdir or (str(Path(out).with_suffix("")) + ".docs"), doc_formats, settings, dpi)
    store.close()
    if failed_rows:
        import datetime

        stamp = datetime.datetime.now().isoformat(timespec="seconds")
        with open(log, "a", encoding="utf-8") as fh:
            for row in failed_rows:
                fh.write(f"{stamp}\t{row['path']}\t{row['page']}\t{row['error']}\n")
    st = run.stats
    rate = (st.pages - st.cached) / st.seconds if st.seconds else 0.0
    if not quiet or failed_rows:
        click.echo(
            f"ocrkit: {n} rows to {out} ({st.cached} from cache, {st.failed} failed"
            f"{f', see {log}' if failed_rows else ''}) in {st.seconds:.1f} s, {rate:.2f} pages/s read",
            err=True,
        )
    if st.interrupted:
        click.echo("ocrkit: interrupted; run the same command again to finish", err=True)
        sys.exit(130)
    if no_cache and journal.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(journal) + suffix).unlink(missing_ok=True)
    if failed_rows:
        sys.exit(InputError.exit_code)


def _recognize(engine: Any, path: Path, progress: bool) -> Any:
    """Read one file page by page, with a progress bar (pages, time left) where asked and the
    file has several pages."""
    from .results import OCRResult

    engine.load_image(path)
    pages: Iterable[Any] = engine.iter_pages()
    if progress and engine.page_count > 1:
        from tqdm import tqdm

        pages = tqdm(pages, total=engine.page_count, desc=path.name, unit="page", file=sys.stderr, leave=False)
    return OCRResult(tuple(pages), engine.engine.name, engine.engine.version(), engine.lang)


def _write_pdf(done: list[tuple[Path, Any]], output: str, dpi: int) -> None:
    """One searchable PDF of every page read, the page images re-read one file at a time."""
    from .export import to_pdf
    from .io import open_input
    from .results import OCRResult

    if not done:
        return
    pages = tuple(p for _, r in done for p in r.pages)
    merged = OCRResult(pages, done[0][1].engine, done[0][1].engine_version, done[0][1].lang)

    def images():  # type: ignore[no-untyped-def]
        for path, _ in done:
            with open_input(path, dpi=dpi) as doc:
                for page in doc:
                    yield page.image

    to_pdf(merged, images(), output)


def _pipeline_spec(text: str):  # type: ignore[no-untyped-def]
    from .preprocess import Pipeline

    try:
        return Pipeline(text).spec
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--preprocess") from None


@cli.command("preprocess", epilog="Example: ocrkit preprocess scan.jpg cleaned.png --steps auto")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("dest", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--steps", "preprocess", default="auto", show_default=True, help="auto, seed, or steps: median,denoise,deskew,...")
@click.option("--page", default=1, show_default=True, help="Page of a PDF or TIFF (1-based).")
@click.option("--dpi", default=300, show_default=True)
def preprocess_cmd(source: Path, dest: Path, preprocess: str, page: int, dpi: int) -> None:
    """Write the image the engine would read for SOURCE (one page) to DEST, and list the steps."""
    import numpy as np
    from PIL import Image

    from .io import open_input
    from .preprocess import Pipeline

    with open_input(source, dpi=dpi) as doc:
        if not 1 <= page <= len(doc):
            raise click.BadParameter(f"{source} has {len(doc)} page(s)", param_hint="--page")
        pi = doc.page(page - 1)
    img, _, records = Pipeline(_pipeline_spec(preprocess)).run(np.asarray(pi.image.convert("L")), pi.dpi)
    Image.fromarray(img).save(dest)
    for r in records:
        click.echo(" ".join(f"{k}={v}" for k, v in r.items()))


@cli.command(epilog="Example: ocrkit serve --port 8000  (then open http://127.0.0.1:8000/)")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback only by default).")
@click.option("--port", default=8000, show_default=True)
@click.option("--max-upload-mb", default=25, show_default=True, help="Largest upload accepted.")
@click.option("--timeout", default=120.0, show_default=True, help="Seconds a request may take.")
@click.option("--workers", default=2, show_default=True, help="Pages read at once; twice as many requests may wait, more get 503.")
@click.option("--token", envvar="OCRKIT_TOKEN", default=None, help="Require this token on every request (env OCRKIT_TOKEN).")
def serve(host: str, port: int, max_upload_mb: int, timeout: float, workers: int, token: str | None) -> None:
    """Run the local web app and JSON API (POST /api/ocr; OpenAPI at /openapi.json)."""
    import ipaddress

    from .server import serve as run

    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback and not token:
        click.echo(f"ocrkit: warning: {host} is reachable from other machines and no --token is set: anyone who can reach it "
                   "can use this server (set --token or OCRKIT_TOKEN)", err=True)
    url = f"http://{host}:{port}/" + (f"?token={token}" if token else "")
    click.echo(f"ocrkit: serving on {url} (Ctrl-C stops)", err=True)
    run(host=host, port=port, max_upload=max_upload_mb * 1024 * 1024, timeout=timeout, workers=workers, token=token)


@cli.command(epilog="Example: ocrkit languages")
def languages() -> None:
    """List the installed Tesseract languages, the ones --lang auto finds, and the typefaces
    (scripts) --script auto finds."""
    from .engines.models import scripts_installed
    from .engines.tesseract import find_tessdata, installed_languages
    from .language import identifiable_languages

    for code in installed_languages():
        click.echo(code)
    click.echo(f"auto: {'+'.join(identifiable_languages()) or 'none'}")
    for script, langs in scripts_installed().items():
        click.echo(f"script {script}: {'+'.join(langs) or 'none'}")
    click.echo(f"(from {find_tessdata()}; add one with `sudo apt-get install tesseract-ocr-LANG`)", err=True)


@cli.command(epilog="Example: ocrkit engines")
def engines() -> None:
    """List the OCR engines, their versions and languages; the default is marked."""
    from .engines import available_engines, create_engine, default_engine

    chosen = default_engine()
    for name in available_engines():
        try:
            eng = create_engine(name, "eng")
            mark = "\t(default)" if name == chosen else ""
            click.echo(f"{name}\t{eng.version()}\t{'+'.join(eng.languages())}{mark}")
            eng.close()
        except OCRKitError as exc:
            click.echo(f"{name}\tunavailable\t{exc}")


@cli.command(epilog="Example: ocrkit correct --lang fra < page.txt > fixed.txt")
@click.argument("files", nargs=-1, type=click.File("r", encoding="utf-8"))
@click.option("-l", "--lang", default="eng", show_default=True)
@click.option("--model", help="Correction model: a file from `ocrkit train`, or `user` (your model, see `ocrkit learn`).")
def correct(files: tuple[TextIO, ...], lang: str, model: str | None) -> None:
    """Correct OCR text: each line of FILE... (or stdin) to one line on stdout, in order. Each
    FILE (or stdin) is read whole as one document, whose words inform each of its lines."""
    pp = _load_postprocessor(lang, model)
    sources = files or (click.open_file("-", "r", encoding="utf-8"),)
    for fh in sources:
        lines = [line.rstrip("\n").rstrip("\r") for line in fh]
        for line in pp.correct_lines(lines):
            click.echo(line)


@cli.command(epilog="Example: ocrkit train --lang eng --pairs pairs.tsv -o my.model")
@click.option("-l", "--lang", required=True, help="Language of the model (Tesseract code).")
@click.option("--pairs", "pairs_files", multiple=True, type=click.Path(exists=True, dir_okay=False), help="TSV with a header that has columns 'ocr' and 'gt'.")
@click.option("--text", "text_files", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Plain correct text to learn words and bigrams from.")
@click.option("--base", type=click.Path(exists=True, dir_okay=False), help="Start from this model instead of the default one.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Where to write the model.")
def train(lang: str, pairs_files: tuple[str, ...], text_files: tuple[str, ...], base: str | None, output: str) -> None:
    """Train a correction model from (ocr, gt) pairs and plain text: a new model learns them and
    tunes its margins on them (PostProcessor.fit: minutes for a few thousand pairs); with
    --base, the base model learns them and keeps its margins (PostProcessor.update)."""
    from .correct import PostProcessor
    from .correct.tuning import TUNING_PAIRS

    if not pairs_files and not text_files:
        raise click.UsageError("give at least one --pairs or --text file")
    pp = PostProcessor.load(base) if base else PostProcessor(lang=lang)
    for f in text_files:  # (first: tuning then sees these words too)
        pp.fit_text([Path(f).read_text(encoding="utf-8")])
    pairs = [pair for f in pairs_files for pair in read_pairs(f)]
    if base:
        pp.update(pairs)
        how = "added to the base model"
    else:
        tuned = len(pairs) >= TUNING_PAIRS
        if tuned:
            click.echo(f"learning {len(pairs)} pairs and tuning the margins on them: a few minutes per thousand pairs ...", err=True)
        pp.fit(pairs)
        how = "margins tuned" if tuned else "too few pairs to tune margins"
    pp.save(output)
    click.echo(f"trained on {len(pairs)} pairs ({how}) and {len(text_files)} text file(s); wrote {output}", err=True)


@cli.command(epilog="Examples: ocrkit learn --lang eng page.ocr.txt page.fixed.txt | ocrkit learn --lang eng --batch rows.csv")
@click.option("-l", "--lang", required=True, help="Language of the model (Tesseract code).")
@click.argument("texts", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("--batch", "batch_csv", type=click.Path(exists=True, dir_okay=False),
              help="A batch CSV whose text column you fixed: learn each file's raw_text → text.")
@click.option("--undo", "undo_doc", metavar="DOCUMENT", help="Forget what was learned from DOCUMENT.")
@click.option("--reset", is_flag=True, help="Remove your model for --lang: the default corrects again.")
@click.option("--rebuild", is_flag=True, help="Make your model again from what it learned.")
@click.option("--tune", is_flag=True, help="With --rebuild: tune its parameters on everything learned (minutes).")
def learn(lang: str, texts: tuple[str, ...], batch_csv: str | None, undo_doc: str | None, reset: bool, rebuild: bool, tune: bool) -> None:
    """Teach your model (used with --model user) the fixes you made: OCR_TEXT FIXED_TEXT, or --batch."""
    from .correct.usermodels import UserModels

    models = UserModels()
    if reset:
        models.reset(lang)
        click.echo(f"ocrkit: your {lang} model is removed; the default corrects {lang} again", err=True)
        return
    if undo_doc:
        n = models.undo(lang, undo_doc)
        click.echo(f"ocrkit: forgot {n} save(s) of {undo_doc}", err=True)
        return
    if rebuild:
        models.rebuild(lang, tune=tune)
        click.echo(f"ocrkit: your {lang} model is made again from what it learned", err=True)
        return
    jobs: list[tuple[str, str, str]] = []
    if batch_csv:
        with open(batch_csv, encoding="utf-8", newline="") as fh:
            rows = [r for r in csv.DictReader(fh) if r.get("raw_text") and r.get("text")]
        for path, same in groupby(rows, key=lambda r: r.get("path", "")):
            pages = list(same)
            jobs.append(("\n".join(r["raw_text"] for r in pages), "\n".join(r["text"] for r in pages), path))
    elif len(texts) == 2:
        jobs.append((Path(texts[0]).read_text(encoding="utf-8"), Path(texts[1]).read_text(encoding="utf-8"), texts[1]))
    else:
        raise click.UsageError("give OCR_TEXT FIXED_TEXT, or --batch CSV (or --undo, --reset, --rebuild)")
    for ocr, fixed, document in jobs:
        got = models.learn(lang, ocr, fixed, document)
        shown = ", ".join(f"{o}→{g}" for o, g in got.confusions[:8])
        click.echo(f"{document}: {got.changed} fixed line(s) learned, {len(got.skipped)} not aligned"
                   + (f"; new confusions: {shown}" if shown else "") + f" ({got.seconds:.2f} s)")
        for line in got.skipped[:5]:
            click.echo(f"  not aligned: {line[:80]}", err=True)


@cli.command(epilog="Example: ocrkit models")
def models() -> None:
    """List your models (language, lines learned, size, documents learned from)."""
    from .correct.usermodels import UserModels

    found = UserModels().all()
    for m in found:
        docs = ", ".join(m.documents[:3]) + (f" and {len(m.documents) - 3} more" if len(m.documents) > 3 else "")
        click.echo(f"{m.lang}\t{m.pairs} lines\t{m.size // 1024} kB\t{docs}")
    if not found:
        click.echo(f"no models of your own yet (in {UserModels().models}); `ocrkit learn` makes one", err=True)


def read_pairs(path: str | Path) -> Iterable[tuple[str, str]]:
    """Rows of a TSV with a header that names columns ``ocr`` and ``gt`` (no quote handling)."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or "ocr" not in header or "gt" not in header:
            raise InputError(f"{path}: the first row must be a header with columns 'ocr' and 'gt' (tab-separated).")
        io, ig = header.index("ocr"), header.index("gt")
        for row in reader:
            if len(row) > max(io, ig):
                yield row[io], row[ig]


def main() -> None:
    cli(prog_name="ocrkit")


if __name__ == "__main__":  # pragma: no cover
    main()
