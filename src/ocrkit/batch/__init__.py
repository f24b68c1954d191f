"""Batch processing: folders of images and PDFs to CSV/JSONL/Parquet, in parallel, cached,
resumable, locally or on a Dask cluster."""

from .cache import PageStore, default_cache_path
from .runner import BatchRun, BatchSettings, BatchStats, batch, expand_inputs, read_page
from .sinks import COLUMNS, write_rows

__all__ = ["batch", "BatchRun", "BatchSettings", "BatchStats", "PageStore", "default_cache_path",
           "expand_inputs", "read_page", "write_rows", "COLUMNS"]
