"""What stands between the web app and its clients (an ASGI middleware around the app).

- **Admission**: at most ``capacity`` OCR requests (``POST /api/...``) are in the server at once
  (being read, queued for a worker, or read by one); the next gets ``503`` with ``Retry-After``
  (the seconds the requests ahead of it should take, by the recent ones) at once, before its
  upload is read, instead of waiting in an unbounded queue. Light requests (the page, the
  language list) always pass.
- **Slow clients**: an upload is read here, a chunk at a time, each within ``read_timeout``
  seconds and the whole within ``upload_timeout``; a client that trickles its bytes gets ``408``
  and frees its place. An upload over ``max_body`` bytes gets ``413`` before it is all read.
- **A token**, where one is set: every request carries ``Authorization: Bearer TOKEN`` (or, for
  the page in a browser, ``?token=TOKEN``), or gets ``401``.
- **Headers of a local tool** on every answer: no framing, no content sniffing, no referrer,
  and on the page a content security policy that lets it talk only to this server.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import math
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SECURITY_HEADERS = [
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
#: the page's own inline script and style, images it makes from the chosen file, and this server
PAGE_POLICY = (b"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' blob: data:; "
               b"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")


class _Refused(Exception):
    def __init__(self, status: int, detail: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.headers = status, detail, headers or []


class Guard:
    """Admission, upload timeouts, token and security headers around an ASGI ``app``."""

    def __init__(self, app: ASGIApp, *, capacity: int, max_body: int, workers: int = 1, token: str | None = None,
                 read_timeout: float = 30.0, upload_timeout: float = 120.0) -> None:
        self.app = app
        self.capacity = capacity
        self.workers = max(1, workers)
        self.typical = 1.0  # seconds an OCR request took lately (a moving average)
        self.max_body = max_body
        self.token = token
        self.read_timeout = read_timeout
        self.upload_timeout = upload_timeout
        self.in_flight = 0  # (one event loop: no lock needed)
        self.refused = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = self._headers(scope, send)
        try:
            self._check_token(scope)
        except _Refused as exc:
            await _answer(send, exc)
            return
        if not (scope["method"] == "POST" and scope["path"].startswith("/api/")):
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.capacity:
            self.refused += 1
            wait = max(1, math.ceil(self.typical * self.in_flight / self.workers))
            await _answer(send, _Refused(503, f"The server is reading {self.in_flight} documents, its most; try again in {wait} s.",
                                         [(b"retry-after", str(wait).encode())]))
            return
        self.in_flight += 1
        started = time.monotonic()
        try:
            try:
                body = await self._read_body(receive)
            except _Refused as exc:
                await _answer(send, exc)
                return
            await self.app(scope, _replay(body, receive), send)
            self.typical = 0.8 * self.typical + 0.2 * (time.monotonic() - started)
        finally:
            self.in_flight -= 1

    def _check_token(self, scope: Scope) -> None:
        if not self.token:
            return
        given = ""
        for name, value in scope.get("headers", ()):
            if name == b"authorization" and value[:7].lower() == b"bearer ":
                given = value[7:].decode("latin-1").strip()
        if not given:
            given = (parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token") or [""])[0]
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            raise _Refused(401, "This server needs its token: send `Authorization: Bearer TOKEN` (or open the page with ?token=TOKEN).",
                           [(b"www-authenticate", b"Bearer")])

    async def _read_body(self, receive: Receive) -> bytes:
        chunks: list[bytes] = []
        size = 0
        deadline = time.monotonic() + self.upload_timeout
        while True:
            wait = min(self.read_timeout, deadline - time.monotonic())
            try:
                message = await asyncio.wait_for(receive(), max(0.0, wait))
            except asyncio.TimeoutError:
                raise _Refused(408, f"The upload came too slowly (no data for {self.read_timeout:.0f} s, or over "
                                    f"{self.upload_timeout:.0f} s in all); send it again.") from None
            if message["type"] == "http.disconnect":
                raise _Refused(400, "The client went away.")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise _Refused(413, f"The upload is over {self.max_body // (1024 * 1024)} MB; send a smaller file.")
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    def _headers(self, scope: Scope, send: Send) -> Send:
        page = scope["path"] in ("/", "/index.html")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", [])) + SECURITY_HEADERS
                if page:
                    headers.append((b"content-security-policy", PAGE_POLICY))
                message = {**message, "headers": headers}
            await send(message)

        return with_headers


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands the app the body already read, then waits for a disconnect."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


async def _answer(send: Send, refused: _Refused) -> None:
    body = json.dumps({"detail": refused.detail}).encode()
    await send({"type": "http.response.start", "status": refused.status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *refused.headers]})
    await send({"type": "http.response.body", "body": body})
