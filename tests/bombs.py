"""Files made to exhaust a reader: huge declared dimensions in every image format, thousands of
frames or pages, a gigantic PDF page, deeply nested PDF objects. Each is small on disk."""

from __future__ import annotations

import io
import struct
import zlib


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG whose header declares ``width`` × ``height`` gray pixels (the data is a few bytes)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + _png_chunk(b"IEND", b"")


def jpeg(width: int = 65_000, height: int = 65_000) -> bytes:
    """A JPEG whose frame header declares ``width`` × ``height``."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (8, 8), 255).save(buf, "JPEG")
    data = bytearray(buf.getvalue())
    sof = data.find(b"\xff\xc0")
    data[sof + 5:sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def tiff(width: int = 100_000, height: int = 100_000) -> bytes:
    """A one-strip TIFF whose tags declare ``width`` × ``height``."""
    entries = [(256, 4, 1, width), (257, 4, 1, height), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
               (273, 4, 1, 8), (277, 3, 1, 1), (278, 4, 1, height), (279, 4, 1, 1)]
    ifd = struct.pack("<H", len(entries)) + b"".join(struct.pack("<HHII", *e) for e in entries) + struct.pack("<I", 0)
    return b"II*\x00" + struct.pack("<I", 9) + b"\x00" + ifd


def gif(width: int = 65_535, height: int = 65_535) -> bytes:
    """A GIF whose screen and image descriptors declare ``width`` × ``height``."""
    screen = b"GIF89a" + struct.pack("<HH", width, height) + b"\x80\x00\x00" + b"\x00\x00\x00\xff\xff\xff"
    image = b"\x2c" + struct.pack("<HHHH", 0, 0, width, height) + b"\x00" + b"\x02\x02\x44\x01\x00"
    return screen + image + b"\x3b"


def webp(width: int = 16_384, height: int = 16_384) -> bytes:
    """An extended WebP whose canvas declares ``width`` × ``height`` (its largest)."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (255, 255, 255)).save(buf, "WEBP", lossless=True)
    vp8l = buf.getvalue()[12:]
    vp8x = b"VP8X" + struct.pack("<I", 10) + b"\x00\x00\x00\x00" + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    body = b"WEBP" + vp8x + vp8l
    return b"RIFF" + struct.pack("<I", len(body)) + body


def tiff_frames(count: int = 20_000) -> bytes:
    """A TIFF of ``count`` one-pixel frames (every IFD the same strip)."""
    entries = [(256, 3, 1, 1), (257, 3, 1, 1), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
               (273, 4, 1, 8), (277, 3, 1, 1), (278, 3, 1, 1), (279, 4, 1, 1)]
    size = 2 + 12 * len(entries) + 4
    out = bytearray(b"II*\x00" + struct.pack("<I", 9) + b"\x80")
    for i in range(count):
        nxt = 0 if i == count - 1 else 9 + size * (i + 1)
        out += struct.pack("<H", len(entries)) + b"".join(struct.pack("<HHII", *e) for e in entries) + struct.pack("<I", nxt)
    return bytes(out)


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_pages(count: int = 20_000) -> bytes:
    """A PDF whose page tree lists one small page ``count`` times."""
    kids = b" ".join([b"3 0 R"] * count)
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"])


def pdf_media_box(size: float = 1_000_000) -> bytes:
    """A one-page PDF whose page is ``size`` points square."""
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] >>" % (size, size)])


def pdf_nesting(depth: int = 100_000) -> bytes:
    """A one-page PDF with an object of ``depth`` nested arrays in its page dictionary."""
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Deep " + b"[" * depth + b"]" * depth + b" >>"])


BOMBS = {"png": png, "jpeg": jpeg, "tiff": tiff, "gif": gif, "webp": webp, "tiff-frames": tiff_frames,
         "pdf-pages": pdf_pages, "pdf-media-box": pdf_media_box, "pdf-nesting": pdf_nesting}
