"""Output files for batch rows: CSV, JSON Lines, Parquet, chosen by the file's extension.

Files are written to a temporary name beside the target and renamed into place when complete,
so an output file is never left half-written.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any, Iterable

from ..errors import OCRKitError

COLUMNS = (
    "path", "page", "text", "raw_text", "mean_confidence", "min_confidence",
    "lang", "engine", "engine_version", "seconds", "cached", "error",
)
FORMATS = (".csv", ".jsonl", ".parquet")


def check_output(path: str | os.PathLike) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise OCRKitError(f"Cannot write {path}: the output must end in .csv, .jsonl or .parquet.")
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
