"""Output files for batch rows: CSV, JSON Lines, Parquet, chosen by the file's extension.

Files are written to a temporary name beside the target and renamed into place when complete,
so an output file is never left half-written.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import OCRKitError

COLUMNS = (
    "path", "page", "text", "raw_text", "mean_confidence", "min_confidence",
    "lang", "engine", "engine_version", "seconds", "cached", "error",
)
FORMATS = (".csv", ".jsonl", ".parquet")


def check_output(path: str | os.PathLike, *, writable: bool = False) -> str:
    """The output's format (its suffix), checked; with ``writable``, also that its folder can be
    written (before any page is read)."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise OCRKitError(f"Cannot write {path}: the output must end in .csv, .jsonl or .parquet.")
    if writable:
        folder = Path(path).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{Path(path).name}.probe-"):
                pass
        except OSError as exc:
            raise OCRKitError(f"Cannot write {path}: {exc.strerror or exc}. Choose another --out, or fix the folder's permissions.") from exc
    if suffix == ".parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError as exc:
            raise OCRKitError("Writing .parquet needs pyarrow: `pip install 'ocrkit[parquet]'`, or use .csv/.jsonl.") from exc
    return suffix


def write_rows(path: str | os.PathLike, rows: Iterable[dict[str, Any]]) -> int:
    """Write ``rows`` to ``path`` atomically; return how many were written."""
    suffix = check_output(path)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    n = 0
    try:
        if suffix == ".csv":
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=COLUMNS, extrasaction="ignore")
                w.writeheader()
                for row in rows:
                    w.writerow(row)
                    n += 1
        elif suffix == ".jsonl":
            with open(tmp, "w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps({k: row.get(k) for k in COLUMNS}, ensure_ascii=False) + "\n")
                    n += 1
        else:
            n = _write_parquet(tmp, rows)
        os.replace(tmp, target)
    except OSError as exc:  # a full disk, a file size limit (RLIMIT_FSIZE), a folder gone
        raise OCRKitError(f"Cannot write {path}: {exc.strerror or exc}. The pages read are kept in the cache "
                          "(or the journal beside the output): free space and run the same command again.") from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    return n


def _write_parquet(tmp: Path, rows: Iterable[dict[str, Any]]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([
        ("path", pa.string()), ("page", pa.int32()), ("text", pa.string()), ("raw_text", pa.string()),
        ("mean_confidence", pa.float64()), ("min_confidence", pa.float64()), ("lang", pa.string()),
        ("engine", pa.string()), ("engine_version", pa.string()), ("seconds", pa.float64()),
        ("cached", pa.bool_()), ("error", pa.string()),
    ])
    n = 0
    with pq.ParquetWriter(str(tmp), schema) as writer:
        buf: list[dict[str, Any]] = []
        for row in rows:
            buf.append({k: row.get(k) for k in COLUMNS})
            if len(buf) >= 1000:
                writer.write_table(pa.Table.from_pylist(buf, schema=schema))
                n += len(buf)
                buf = []
        if buf or n == 0:
            writer.write_table(pa.Table.from_pylist(buf, schema=schema))
            n += len(buf)
    return n


DOCUMENT_FORMATS = {"text": ".txt", "json": ".json", "tsv": ".tsv", "hocr": ".hocr", "alto": ".alto.xml", "pdf": ".pdf"}


def write_documents(docs, outdir: str | os.PathLike, formats: list[str], settings, dpi: int) -> int:  # type: ignore[no-untyped-def]
    """One file per input and format in ``outdir`` (``NAME.hocr``, ``NAME.alto.xml``, ``NAME.pdf``
    ...), from the page trees the batch stored; written atomically. Returns files written."""
    from ..export import export, to_pdf
    from ..io import open_input
    from ..results import OCRResult, Page

    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    written = 0
    for path, rows in docs:
        stem = Path(path).stem
        name, n = stem, 1
        while name in used:  # two inputs with the same name in different folders
            n += 1
            name = f"{stem}-{n}"
        used.add(name)
        pages = tuple(Page.from_dict(r["page_tree"]) for r in rows)
        result = OCRResult(pages, settings.engine, rows[0].get("engine_version") or "", settings.lang,
                           corrected=settings.correct)
        for fmt in formats:
            target = out / (name + DOCUMENT_FORMATS[fmt])
            tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
            try:
                if fmt == "pdf":
                    wanted = {p.number for p in pages}
                    with open_input(path, dpi=dpi) as doc:
                        to_pdf(result, (doc.page(i - 1).image for i in sorted(wanted)), tmp)
                else:
                    tmp.write_text(export(result, fmt), encoding="utf-8")
                os.replace(tmp, target)
                written += 1
            finally:
                if tmp.exists():
                    tmp.unlink()
    return written
