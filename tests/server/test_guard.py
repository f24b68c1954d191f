"""The server's guard: load shedding, slow clients, the token, the headers of a local tool."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from urllib.parse import urlparse

import httpx
import pytest

from helpers import SAMPLES, live_server

pytest.importorskip("fastapi", reason="the serve extra is not installed")

SEED = (SAMPLES / "sample_with_typos.png").read_bytes()
PDF = (SAMPLES / "scanned_3pages.pdf").read_bytes()


def test_every_answer_carries_the_headers_of_a_local_tool():
    with live_server() as url:
        page = httpx.get(url + "/")
        api = httpx.get(url + "/api/languages")
        missing = httpx.get(url + "/nothing")
    for r in (page, api, missing):
        assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
    policy = page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "connect-src 'self'" in policy and "'unsafe-eval'" not in policy


def test_past_its_capacity_the_server_answers_503_at_once_and_serves_again_after():
    with live_server(workers=1, queue=1) as url:
        slow = [threading.Thread(target=lambda: httpx.post(url + "/api/ocr", files={"file": ("p.pdf", PDF)}, timeout=120))
                for _ in range(2)]
        for t in slow:
            t.start()
        time.sleep(0.5)  # both admitted: one read, one waiting
        t0 = time.perf_counter()
        refused = httpx.post(url + "/api/ocr", files={"file": ("s.png", SEED)}, timeout=120)
        assert refused.status_code == 503 and time.perf_counter() - t0 < 1.0
        assert int(refused.headers["retry-after"]) >= 1 and "try again" in refused.json()["detail"]
        assert httpx.get(url + "/api/languages").status_code == 200  # light requests always pass
        for t in slow:
            t.join()
        again = httpx.post(url + "/api/ocr", files={"file": ("s.png", SEED)}, timeout=120)
        assert again.status_code == 200 and again.json()["text"] == "This is a sample with typos."


def _raw_request(url: str, head: bytes, body: bytes, then_wait: float) -> bytes:
    where = urlparse(url)
    with socket.create_connection((where.hostname, where.port), timeout=30) as s:
        s.sendall(head + body)
        time.sleep(then_wait)
        return s.recv(65536)


def test_a_client_that_trickles_its_upload_gets_408_and_frees_its_place():
    with live_server(workers=1, queue=0, read_timeout=1.0) as url:
        head = (b"POST /api/ocr HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                b"Content-Length: 100000\r\n\r\n")
        t0 = time.perf_counter()
        answer = _raw_request(url, head, b"--b\r\n", then_wait=2.5)
        assert answer.startswith(b"HTTP/1.1 408") and time.perf_counter() - t0 < 5
        ok = httpx.post(url + "/api/ocr", files={"file": ("s.png", SEED)}, timeout=120)
        assert ok.status_code == 200


def test_an_upload_over_the_limit_is_refused_before_it_is_all_read():
    with live_server(max_upload=1024 * 1024) as url:
        r = httpx.post(url + "/api/ocr", files={"file": ("big.png", b"\x00" * (3 * 1024 * 1024))}, timeout=60)
    assert r.status_code == 413 and "MB" in r.json()["detail"]


def test_with_a_token_every_request_needs_it():
    with live_server(token="s3cret") as url:
        assert httpx.get(url + "/").status_code == 401
        assert httpx.get(url + "/api/languages", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert httpx.post(url + "/api/ocr", files={"file": ("s.png", SEED)}).status_code == 401
        assert httpx.get(url + "/?token=s3cret").status_code == 200  # the page, opened from the link ocrkit serve prints
        ok = httpx.post(url + "/api/ocr", files={"file": ("s.png", SEED)}, headers={"Authorization": "Bearer s3cret"}, timeout=120)
        assert ok.status_code == 200 and ok.json()["text"] == "This is a sample with typos."


def test_serving_beyond_loopback_without_a_token_warns():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "ocrkit", "serve", "--host", "0.0.0.0", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stderr.readline() if proc.stderr else ""
    finally:
        proc.terminate()
        proc.wait(10)
    assert "warning" in first and "--token" in first


def test_feedback_teaches_the_users_model_and_the_next_reading_uses_it(tmp_path, monkeypatch):
    monkeypatch.setenv("OCRKIT_HOME", str(tmp_path / "home"))
    raw = "The estate at Wexcornbe was sold.\nMr Hallam of Wexcornbe bought the mill.\nThe road to Wexcornbe is long."
    with live_server() as url:
        r = httpx.post(url + "/api/feedback", json={"lang": "eng", "raw_text": raw, "fixed_text": raw.replace("Wexcornbe", "Wexcombe"),
                                                    "document": "estate.png"}, timeout=60)
        assert r.status_code == 200 and r.json()["changed"] == 3 and ["rn", "m"] in r.json()["confusions"]
        assert httpx.post(url + "/api/feedback", json={"lang": "auto", "raw_text": "a", "fixed_text": "b"}).status_code == 422
    from ocrkit.correct.usermodels import UserModels

    assert UserModels().load("eng").correct("We drove to Wexcornbe on Sunday.").text == "We drove to Wexcombe on Sunday."
