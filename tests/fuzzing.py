"""Mutation fuzzing of ocrkit's loaders: seed files of every kind ocrkit reads, mutated, read
through ``OCREngine.load_image`` + ``recognize``. Used by tests/io/test_fuzz.py (a short run with
a fixed seed, through hypothesis) and benchmarks/fuzz.py (the long run).

An outcome is a result, or an ``OCRKitError`` with a message; anything else is a defect."""

from __future__ import annotations

import io
import random
import time
from dataclasses import dataclass
from functools import cache

#: bytes that break parsers: sizes, counts and offsets at their limits
INTERESTING = (b"\x00", b"\xff", b"\x7f", b"\x80", b"\x00\x00", b"\xff\xff", b"\xff\xff\xff\xff",
               b"\x7f\xff\xff\xff", b"\x00\x00\x00\x00", b"\x80\x00\x00\x00", b"\x01\x00\x00\x00")
KINDS = ("png", "jpeg", "tiff", "bmp", "webp", "gif", "pdf")


@cache
def seeds() -> dict[str, bytes]:
    """One small file of each kind ocrkit reads, with text on it (TIFF, GIF and PDF with
    several pages)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 18)
    pages = []
    for text in ("Fuzz 12", "page two", "drei"):
        img = Image.new("L", (140, 36), 255)
        ImageDraw.Draw(img).text((6, 6), text, fill=0, font=font)
        pages.append(img)
    out = {}
    for kind in KINDS:
        buf = io.BytesIO()
        if kind in ("tiff", "gif", "pdf"):
            pages[0].save(buf, kind.upper(), save_all=True, append_images=pages[1:], resolution=150.0)
        else:
            pages[0].save(buf, kind.upper())
        out[kind] = buf.getvalue()
    return out


def mutate(data: bytes, rng: random.Random, n: int | None = None) -> bytes:
    """``data`` with ``n`` (1 to 8) random mutations: bit flips, interesting values over header
    fields, byte runs deleted, duplicated or inserted, truncation."""
    buf = bytearray(data)
    for _ in range(n or rng.randint(1, 8)):
        op = rng.randrange(7)
        pos = rng.randrange(len(buf)) if buf else 0
        if op == 0 and buf:
            buf[pos] ^= 1 << rng.randrange(8)
        elif op == 1 and buf:
            # most length, size and offset fields sit in the first bytes of a file or a chunk
            pos = rng.randrange(min(len(buf), 256)) if rng.random() < 0.6 else pos
            val = rng.choice(INTERESTING)
            buf[pos:pos + len(val)] = val
        elif op == 2:
            del buf[pos:pos + rng.randint(1, 64)]
        elif op == 3:
            chunk = buf[pos:pos + rng.randint(1, 64)]
            buf[pos:pos] = chunk * rng.randint(1, 4)
        elif op == 4:
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op == 5:
            del buf[rng.randint(0, len(buf)):]
        elif buf:
            buf[pos] = rng.randrange(256)
    return bytes(buf)


@dataclass(frozen=True)
class Outcome:
    """What reading one file did: ``kind`` is "result", the ``OCRKitError`` subclass's name, or
    "DEFECT: <exception>"; ``seconds`` how long it took."""

    kind: str
    seconds: float
    message: str = ""

    @property
    def defect(self) -> bool:
        return self.kind.startswith("DEFECT")


_ENGINES: dict = {}


def read(data: bytes, engine: str | None = None) -> Outcome:
    """Read ``data`` as a user's file: open it, read every page (small pages only: a page is
    capped at 4 million pixels, as a bomb must be refused before it is decoded), with ``engine``
    (default: the default engine)."""
    from ocrkit import OCREngine
    from ocrkit.errors import OCRKitError

    reader = _ENGINES.get(engine)
    if reader is None:
        reader = _ENGINES[engine] = OCREngine(lang="eng", engine=engine, max_pixels=4_000_000)
    t = time.perf_counter()
    try:
        reader.load_image(data)
        reader.recognize()
        kind, message = "result", ""
    except OCRKitError as exc:
        kind, message = type(exc).__name__, str(exc)
        if not message:
            kind = f"DEFECT: {kind} without a message"
    except Exception as exc:  # noqa: BLE001 (anything else is what the fuzzer looks for)
        kind, message = f"DEFECT: {type(exc).__name__}", str(exc)
    return Outcome(kind, time.perf_counter() - t, message[:300])
