"""Open anything a user may hand to ``load_image`` as a lazy sequence of page images.

Inputs: a path (``str`` or ``pathlib.Path``) to PNG, JPEG, TIFF (every frame), BMP, WebP, GIF,
PDF (every page); ``bytes``/``bytearray``/``memoryview`` of such a file; a binary file object;
a ``PIL.Image.Image``; a numpy array (``H×W`` gray, ``H×W×3`` RGB, ``H×W×4`` RGBA).

Pages are produced one at a time: a multi-frame TIFF is seeked frame by frame and a PDF page is
rendered (with pypdfium2, no poppler) only when it is asked for, so a 500-page PDF never sits in
memory at once. Every image is checked against a pixel limit *before* it is decoded.
"""

from __future__ import annotations

import io
import os
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from PIL import Image, ImageOps, UnidentifiedImageError

from ..errors import ImageTooLargeError, InputNotFoundError, PDFError, TooManyPagesError, UnsupportedInputError

#: Default limit on the pixels of one page: 20,000 × 12,000 (A0 at 300 dpi is 14,043 × 9,933).
DEFAULT_MAX_PIXELS = 240_000_000
#: Default limit on the pages (PDF pages, TIFF or GIF frames) of one file.
DEFAULT_MAX_PAGES = 5_000
DEFAULT_PDF_DPI = 300

Source = str | os.PathLike | bytes | bytearray | memoryview | IO[bytes] | Image.Image | Any


@dataclass
class PageImage:
    """One page ready for an engine: the image, its 1-based number, resolution and origin.

    ``gentle``, where preprocessing cleaned a degraded page, returns the page lightly smoothed
    instead (a gray ``numpy`` array, the same size and geometry as ``image``; computed on first
    call): what a neural recogniser reads best (see :func:`ocrkit.preprocess.gentle_view`)."""

    image: Image.Image
    number: int
    dpi: float | None
    source: str | None
    gentle: Callable[[], Any] | None = field(default=None, repr=False, compare=False)
    #: where preprocessing found that a clean page shows print from its other side, the page
    #: binarised: what Tesseract reads instead of ``image`` (see :func:`ocrkit.preprocess.binary_view`)
    binary: Image.Image | None = field(default=None, repr=False, compare=False)


class InputDocument:
    """A lazily read sequence of pages. ``len()`` is known without decoding any page."""

    def __init__(self, name: str | None, count: int, render: Callable[[int], PageImage], closer: Callable[[], None] | None = None):
        self.name = name
        self._count = count
        self._render = render
        self._closer = closer

    def __len__(self) -> int:
        return self._count

    def page(self, index: int) -> PageImage:
        """Decode page ``index`` (0-based)."""
        if not 0 <= index < self._count:
            raise IndexError(f"page {index + 1} of {self._count}")
        return self._render(index)

    def __iter__(self) -> Iterator[PageImage]:
        for i in range(self._count):
            yield self._render(i)

    def close(self) -> None:
        if self._closer is not None:
            self._closer()
            self._closer = None

    def __enter__(self) -> InputDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_input(source: Source, *, dpi: int = DEFAULT_PDF_DPI, max_pixels: int = DEFAULT_MAX_PIXELS,
               max_pages: int = DEFAULT_MAX_PAGES) -> InputDocument:
    """Open ``source`` (see the module docstring) as an :class:`InputDocument`.

    Raises :class:`~ocrkit.errors.InputNotFoundError`, :class:`~ocrkit.errors.UnsupportedInputError`,
    :class:`~ocrkit.errors.PDFError`, :class:`~ocrkit.errors.ImageTooLargeError` (too many
    pixels) or its :class:`~ocrkit.errors.TooManyPagesError` (more pages than ``max_pages``).
    """
    if isinstance(source, Image.Image):
        _check_pixels(source.width, source.height, max_pixels, "image")
        return _single(source, None)
    if _is_ndarray(source):
        return _single(_from_array(source, max_pixels), None)
    name: str | None
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.exists():
            raise InputNotFoundError(path)
        if path.is_dir():
            raise UnsupportedInputError(f"{path} is a folder; pass an image or PDF file (ocrkit batch reads folders).")
        data = path.read_bytes()
        name = str(path)
    elif isinstance(source, (bytes, bytearray, memoryview)):
        data, name = bytes(source), None
    elif hasattr(source, "read"):
        data = source.read()
        if not isinstance(data, (bytes, bytearray)):
            raise UnsupportedInputError("The file object returned text; open the file in binary mode ('rb').")
        data, name = bytes(data), getattr(source, "name", None)
        name = str(name) if isinstance(name, (str, os.PathLike)) else None
    else:
        raise UnsupportedInputError(
            f"Cannot read a {type(source).__name__}: pass a path, bytes, a binary file object, "
            "a PIL.Image.Image or a numpy array."
        )
    label = name or "input"
    if not data:
        raise UnsupportedInputError(f"{label} is empty (0 bytes); pass an image or PDF file.")
    if data[:1024].lstrip().startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return _open_pdf(data, label, name, dpi, max_pixels, max_pages)
    return _open_image(data, label, name, max_pixels, max_pages)


def _single(img: Image.Image, name: str | None) -> InputDocument:
    dpi = _dpi_of(img)
    return InputDocument(name, 1, lambda i: PageImage(_normalise_mode(img), 1, dpi, name))


def _open_image(data: bytes, label: str, name: str | None, max_pixels: int, max_pages: int) -> InputDocument:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLargeError(f"{label} has too many pixels ({exc}); downscale it or raise max_pixels.") from exc
    except UnidentifiedImageError as exc:
        raise UnsupportedInputError(
            f"{label} is not an image or PDF ocrkit can read (or it is corrupt); "
            "supported: PNG, JPEG, TIFF, BMP, WebP, GIF, PDF."
        ) from exc
    except Exception as exc:  # decoders raise OSError, SyntaxError, ValueError, TypeError, struct.error...
        raise UnsupportedInputError(f"{label} is a corrupt or truncated image ({type(exc).__name__}: {exc}).") from exc
    _check_pixels(img.width, img.height, max_pixels, label)
    count = _count_frames(img, max_pages, max_pixels, label)

    def render(i: int) -> PageImage:
        try:
            img.seek(i)
            _check_pixels(img.width, img.height, max_pixels, label)  # (this frame's header: before it is decoded)
            frame = img.copy() if count > 1 else img
            frame.load()
            _check_pixels(frame.width, frame.height, max_pixels, label)
            frame = ImageOps.exif_transpose(frame) or frame
        except ImageTooLargeError:
            raise
        except Exception as exc:  # PIL raises OSError, SyntaxError, ValueError on truncated data
            raise UnsupportedInputError(
                f"{label}: page {i + 1} cannot be decoded ({exc}); the file is corrupt or truncated."
            ) from exc
        return PageImage(_normalise_mode(frame), i + 1, _dpi_of(img), name)

    return InputDocument(name, count, render)


def _count_frames(img: Image.Image, limit: int, max_pixels: int, label: str) -> int:
    """How many frames a multi-frame image holds, counted by seeking (headers only) and refused
    past ``limit``; a frame list that breaks off is corrupt. Each frame's declared size is
    checked as it is reached: a GIF frame larger than its screen grows the image, and the next
    seek would composite into a buffer that large."""
    if not hasattr(type(img), "n_frames"):  # (on the class: the property itself walks the frames)
        return 1
    count = 0
    try:
        while True:
            img.seek(count)
            _check_pixels(img.width, img.height, max_pixels, label)
            count += 1
            if count > limit:
                raise TooManyPagesError(f"{label} has more than {limit:,} pages (frames); split it, or raise max_pages.")
    except EOFError:
        pass
    except ImageTooLargeError:  # (TooManyPagesError too)
        raise
    except Exception as exc:
        raise UnsupportedInputError(f"{label} is a corrupt image: frame {count + 1} cannot be read ({type(exc).__name__}: {exc}).") from exc
    try:
        img.seek(0)
    except Exception as exc:
        raise UnsupportedInputError(f"{label} is a corrupt image ({type(exc).__name__}: {exc}).") from exc
    return max(1, count)


def _open_pdf(data: bytes, label: str, name: str | None, dpi: int, max_pixels: int, max_pages: int) -> InputDocument:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise PDFError(
                f"{label} is an encrypted PDF; decrypt it first (for example `qpdf --decrypt --password=... in.pdf out.pdf`)."
            ) from exc
        raise PDFError(f"{label} is a broken PDF that cannot be opened ({exc}); repair it (e.g. with qpdf) or re-export it.") from exc
    count = len(pdf)
    if count == 0:
        pdf.close()
        raise PDFError(f"{label} is a PDF without pages.")
    if count > max_pages:
        pdf.close()
        raise TooManyPagesError(f"{label} has {count:,} pages, more than the limit of {max_pages:,}; split it, or raise max_pages.")
    scale = dpi / 72.0

    def render(i: int) -> PageImage:
        try:
            page = pdf[i]
        except pdfium.PdfiumError as exc:
            raise PDFError(f"{label}: page {i + 1} cannot be loaded ({exc}); the PDF is damaged.") from exc
        try:
            w, h = page.get_size()
            _check_pixels(int(w * scale), int(h * scale), max_pixels, f"{label} page {i + 1}")
            bitmap = page.render(scale=scale, grayscale=True)
            img = bitmap.to_pil()
        except pdfium.PdfiumError as exc:
            raise PDFError(f"{label}: page {i + 1} cannot be rendered ({exc}).") from exc
        finally:
            page.close()
        return PageImage(_normalise_mode(img), i + 1, float(dpi), name)

    return InputDocument(name, count, render, pdf.close)


def _check_pixels(w: int, h: int, max_pixels: int, label: str) -> None:
    if w * h > max_pixels:
        raise ImageTooLargeError(
            f"{label} is {w}×{h} = {w * h:,} pixels, over the limit of {max_pixels:,}; "
            "downscale it, or pass a higher max_pixels if you trust the file."
        )
    if w == 0 or h == 0:
        raise UnsupportedInputError(f"{label} has no pixels ({w}×{h}).")


def _normalise_mode(img: Image.Image) -> Image.Image:
    """Return an 8-bit gray or RGB image (what engines accept), flattening transparency onto white."""
    if img.mode in ("L", "RGB"):
        return img
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        bg = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(bg, rgba).convert("RGB")
    if img.mode == "1":
        return img.convert("L")
    if img.mode in ("I", "F") or img.mode.startswith("I;16"):
        import numpy as np  # 16-bit and float scans: stretch their range to 8 bits

        a = np.asarray(img, dtype=np.float64)
        lo, hi = float(a.min()), float(a.max())
        a = (a - lo) * (255.0 / (hi - lo)) if hi > lo else np.zeros_like(a)
        return Image.fromarray(a.astype(np.uint8))
    return img.convert("RGB")


def _dpi_of(img: Image.Image) -> float | None:
    dpi = img.info.get("dpi")
    if dpi:
        try:
            x = float(dpi[0])
        except (TypeError, ValueError, IndexError):
            return None
        if 30 <= x <= 4800:
            return x
    return None


def _is_ndarray(obj: object) -> bool:
    return type(obj).__module__ == "numpy" and type(obj).__name__ == "ndarray"


def _from_array(arr: Any, max_pixels: int) -> Image.Image:
    import numpy as np

    a = np.asarray(arr)
    if a.ndim not in (2, 3) or (a.ndim == 3 and a.shape[2] not in (1, 3, 4)):
        raise UnsupportedInputError(
            f"A numpy array of shape {a.shape} is not an image; pass H×W (gray), H×W×3 (RGB) or H×W×4 (RGBA)."
        )
    _check_pixels(a.shape[1], a.shape[0], max_pixels, "array")
    if a.dtype == bool:
        a = a.astype(np.uint8) * 255
    elif a.dtype != np.uint8:
        if np.issubdtype(a.dtype, np.floating) and a.size and float(np.nanmax(a)) <= 1.0:
            a = a * 255.0
        a = np.clip(np.nan_to_num(a), 0, 255).astype(np.uint8)
    if a.ndim == 3 and a.shape[2] == 1:
        a = a[:, :, 0]
    return Image.fromarray(np.ascontiguousarray(a))
