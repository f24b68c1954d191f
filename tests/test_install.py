"""A plain pip install: the wheel, in fresh virtual environments, with no extra and with each
extra alone, from the package registry (as a user installs it; nothing from this checkout's
.venv)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import ROOT, SAMPLES

EXTRAS = ("rapidocr", "pdf", "serve", "parquet", "dask", "ocrmypdf")
SEED = (ROOT / "examples" / "seed.py").read_text(encoding="utf-8")  # the README's example, as a user runs it


def _run(cmd: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "OCRKIT_ENGINE")}
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def venvs(tmp_path_factory) -> Installed:
    """The wheel built from this checkout, installed into one fresh venv per extra (None: none)."""
    root = tmp_path_factory.mktemp("install")
    built = _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(root / "dist"), str(ROOT)], root)
    assert built.returncode == 0, built.stderr
    wheel = next((root / "dist").glob("ocrkit-*.whl"))

    def make(extra: str | None) -> Path:
        env = root / f"venv-{extra or 'plain'}"
        assert _run([sys.executable, "-m", "venv", str(env)], root).returncode == 0
        spec = f"{wheel}[{extra}]" if extra else str(wheel)
        done = _run([str(env / "bin" / "python"), "-m", "pip", "install", "-q", spec], root, timeout=600)
        assert done.returncode == 0, done.stderr
        return env

    with ThreadPoolExecutor(3) as pool:
        made = dict(zip((None, *EXTRAS), pool.map(make, (None, *EXTRAS))))
    work = root / "work"
    work.mkdir()
    shutil.copy(SAMPLES / "sample_with_typos.png", work)
    shutil.copy(SAMPLES / "scanned_3pages.pdf", work)
    (work / "samples").mkdir()
    shutil.copy(SAMPLES / "sample_with_typos.png", work / "samples")  # (where examples/seed.py reads it)
    return Installed(work, made)


@dataclass(frozen=True)
class Installed:
    work: Path  # the folder the commands run in (the sample files are there)
    envs: dict[str | None, Path]  # the venv of each extra (None: no extra)

    def __getitem__(self, extra: str | None) -> Path:
        return self.work if extra == "work" else self.envs[extra]


def ocrkit(venvs: Installed, extra: str | None, *args: str) -> subprocess.CompletedProcess:
    return _run([str(venvs[extra] / "bin" / "ocrkit"), *args], venvs.work)


def test_no_extra_runs_the_seed_example_and_reads_a_pdf_with_the_defaults(venvs):
    seed = _run([str(venvs[None] / "bin" / "python"), "-c", SEED], venvs.work)
    assert seed.returncode == 0, seed.stderr
    assert seed.stdout.splitlines() == ["Raw OCR:       Th1s 1s 4 s@mple with typ0s.", "AI-enhanced:   This is a sample with typos."]
    read = ocrkit(venvs, None, "read", "scanned_3pages.pdf")
    assert read.returncode == 0, read.stderr
    assert read.stdout.startswith("Page one. The archive holds letters") and read.stdout.count("\f") == 2


@pytest.mark.parametrize("args, extra", [
    (("read", "--engine", "rapidocr", "sample_with_typos.png"), "rapidocr"),
    (("read", "-f", "pdf", "-o", "out.pdf", "sample_with_typos.png"), "pdf"),
    (("batch", "sample_with_typos.png", "--out", "out.parquet", "--no-cache"), "parquet"),
    (("serve", "--port", "1"), "serve"),
])
def test_without_its_extra_a_feature_says_which_extra_to_install(venvs, args, extra):
    done = ocrkit(venvs, None, *args)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert f"pip install 'ocrkit[{extra}]'" in done.stderr.strip().splitlines()[-1]


def test_the_rapidocr_extra_reads_with_rapidocr_and_fusion(venvs):
    for engine in ("rapidocr", "auto"):
        done = ocrkit(venvs, "rapidocr", "read", "--engine", engine, "sample_with_typos.png")
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "This is a sample with typos."


def test_the_pdf_extra_writes_a_searchable_pdf(venvs):
    done = ocrkit(venvs, "pdf", "read", "-f", "pdf", "-o", "extra.pdf", "scanned_3pages.pdf")
    assert done.returncode == 0, done.stderr
    check = "import pypdfium2 as p; d=p.PdfDocument('extra.pdf'); print(len(d), d[0].get_textpage().get_text_range()[:9])"
    assert _run([str(venvs["pdf"] / "bin" / "python"), "-c", check], venvs.work).stdout.strip() == "3 Page one."


def test_the_parquet_extra_writes_parquet(venvs):
    done = ocrkit(venvs, "parquet", "batch", "scanned_3pages.pdf", "--out", "rows.parquet", "--no-cache")
    assert done.returncode == 0, done.stderr
    check = "import pyarrow.parquet as pq; t=pq.read_table('rows.parquet'); print(t.num_rows, t.column('page').to_pylist())"
    assert _run([str(venvs["parquet"] / "bin" / "python"), "-c", check], venvs.work).stdout.strip() == "3 [1, 2, 3]"


def test_the_dask_extra_reads_on_a_local_cluster(venvs):
    code = """
from dask.distributed import LocalCluster
from ocrkit.batch import batch
with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as c:
    rows = list(batch(["scanned_3pages.pdf"], scheduler=c.scheduler_address, cache=False))
print(len(rows), sorted(r["page"] for r in rows), rows[0]["text"][:9])
"""
    done = _run([str(venvs["dask"] / "bin" / "python"), "-c", code], venvs.work)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "3 [1, 2, 3] Page one."


def test_the_serve_extra_serves_the_web_app(venvs):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([str(venvs["serve"] / "bin" / "ocrkit"), "serve", "--port", str(port)], cwd=venvs.work,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/languages", timeout=5) as r:
                    assert b'"eng"' in r.read()
                break
            except OSError:
                assert time.time() < deadline, "the server did not answer"
                time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(10)


def test_the_ocrmypdf_extra_plugs_ocrkit_into_ocrmypdf(venvs):
    make = "from PIL import Image; Image.open('sample_with_typos.png').convert('RGB').save('seed.pdf', resolution=300)"
    python = str(venvs["ocrmypdf"] / "bin" / "python")
    assert _run([python, "-c", make], venvs.work).returncode == 0
    done = _run([str(venvs["ocrmypdf"] / "bin" / "ocrmypdf"), "--plugin", "ocrkit.ocrmypdf", "--sidecar", "seed.txt", "seed.pdf", "seed.out.pdf"], venvs.work)
    assert done.returncode == 0, done.stderr
    assert (venvs.work / "seed.txt").read_text().strip() == "This is a sample with typos."
