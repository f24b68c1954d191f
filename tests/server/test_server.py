"""The web app's JSON API with real files, its limits, and 20 concurrent requests on loopback."""

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from helpers import SAMPLES, live_server

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from ocrkit.server import create_app  # noqa: E402

SEED = SAMPLES / "sample_with_typos.png"


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(max_upload=2 * 1024 * 1024))


def post(client, path, name="f.png", data=None, **form):
    content = path.read_bytes() if data is None else data
    return client.post("/api/ocr", files={"file": (name, content, "application/octet-stream")}, data=form)


def test_json_answer(client):
    r = post(client, SEED)
    assert r.status_code == 200
    d = r.json()
    assert d["text"] == "This is a sample with typos." and d["raw_text"].startswith("Th1s 1s")
    assert {c["original"] for c in d["corrections"]} >= {"Th1s", "s@mple"}
    words = [w for p in d["pages"] for line in p["lines"] for w in line["words"]]
    assert words and all(len(w["box"]) == 4 and 0 <= w["confidence"] <= 1 for w in words)
    raw = post(client, SEED, correct="false").json()
    assert raw["text"] == raw["raw_text"] and raw["corrections"] == []


@pytest.mark.parametrize("fmt,ctype,needle", [("text", "text/plain", b"typos"), ("hocr", "application/xhtml+xml", b"ocrx_word"),
                                              ("alto", "application/xml", b"<String"), ("tsv", "text/tab-separated", b"level"),
                                              ("pdf", "application/pdf", b"%PDF")])
def test_formats(client, fmt, ctype, needle):
    r = post(client, SEED, format=fmt)
    assert r.status_code == 200 and r.headers["content-type"].startswith(ctype) and needle in r.content


def test_pdf_upload_reads_every_page(client):
    r = post(client, SAMPLES / "scanned_3pages.pdf", name="x.pdf")
    assert r.status_code == 200 and len(r.json()["pages"]) == 3


def test_bad_uploads_get_4xx(client):
    assert post(client, SEED, data=b"not an image").status_code == 415
    assert post(client, SEED, data=b"").status_code == 400
    big = post(client, SEED, data=b"\0" * (2 * 1024 * 1024 + 10))
    assert big.status_code == 413 and "smaller" in big.json()["detail"]
    assert post(client, SEED, lang="xyz").status_code == 400
    assert post(client, SEED, format="docx").status_code == 422
    assert client.post("/api/ocr").status_code == 422  # no file


def test_page_and_openapi(client):
    page = client.get("/")
    assert page.status_code == 200 and 'id="drop"' in page.text and "/api/ocr" in page.text
    spec = client.get("/openapi.json").json()
    assert "/api/ocr" in spec["paths"]
    assert "eng" in client.get("/api/languages").json()["languages"]


def test_twenty_concurrent_clients_are_served_or_told_when_to_come_back():
    data = SEED.read_bytes()
    with live_server() as url:

        def one(_):
            refused = []
            while True:
                r = httpx.post(f"{url}/api/ocr", files={"file": ("s.png", data)}, timeout=120)
                if r.status_code != 503:
                    return r.status_code, r.json()["text"], refused
                refused.append(int(r.headers["retry-after"]))
                time.sleep(min(2, int(r.headers["retry-after"])))

        with ThreadPoolExecutor(20) as pool:
            results = list(pool.map(one, range(20)))
    assert [(code, text) for code, text, _ in results] == [(200, "This is a sample with typos.")] * 20
    waits = [w for _, _, refused in results for w in refused]
    assert waits and all(w >= 1 for w in waits)  # (6 may be in the server at once: the rest came back)
