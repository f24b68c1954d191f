"""Tesseract, in-process through tesserocr.

The model is loaded once per :class:`TesseractEngine` and reused for every page. Images are
handed over as raw 8-bit gray pixels (``SetImageBytes``), which avoids the PNG re-encode that
``SetImage`` does for every page.

Threads: an engine object may be shared between threads; calls are serialised by a lock. For
parallel reading make one engine per thread or process: tesserocr releases the GIL while it
recognises. OpenMP: ``OMP_THREAD_LIMIT`` defaults to 1 in this process (set before tesserocr is
imported, unless you set it yourself), because a libtesseract built with OpenMP runs 4 threads
on 2 cores and gets ~7x slower; ocrkit parallelises across pages instead.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import EngineNotAvailableError, LanguageNotInstalledError
from ..io import PageImage
from ..results import Choice, Line, Page, Symbol, Word
from .base import Engine, register_engine

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

_TESSDATA_CANDIDATES = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
    "/opt/local/share/tessdata",
)


def _tesserocr():  # type: ignore[no-untyped-def]
    try:
        import tesserocr
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise EngineNotAvailableError(
            "The Tesseract engine needs the tesserocr package: `pip install tesserocr`, and the "
            "language data: `sudo apt-get install tesseract-ocr tesseract-ocr-eng`."
        ) from exc
    return tesserocr


def find_tessdata(explicit: str | os.PathLike | None = None) -> Path:
    """The folder that holds ``*.traineddata``: ``explicit``, else ``$TESSDATA_PREFIX``, else the
    usual system locations."""
    options = [explicit, os.environ.get("TESSDATA_PREFIX"), *_TESSDATA_CANDIDATES]
    for opt in options:
        if not opt:
            continue
        p = Path(opt)
        for cand in (p, p / "tessdata"):
            if cand.is_dir() and any(cand.glob("*.traineddata")):
                return cand
    raise EngineNotAvailableError(
        "No Tesseract language data found. Install it with `sudo apt-get install tesseract-ocr "
        "tesseract-ocr-eng` (Debian/Ubuntu) or `brew install tesseract` (macOS), or set "
        "TESSDATA_PREFIX to the folder that holds the *.traineddata files."
    )


def installed_languages(tessdata: str | os.PathLike | None = None) -> list[str]:
    """Tesseract language codes installed in ``tessdata`` (``osd`` excluded); script models kept
    in its ``script/`` folder are named ``script/NAME``."""
    folder = find_tessdata(tessdata)
    found = [p.stem for p in folder.glob("*.traineddata") if p.stem != "osd"]
    found += [f"script/{p.stem}" for p in folder.glob("script/*.traineddata")]
    return sorted(found)


def check_languages(lang: str, tessdata: str | os.PathLike | None = None) -> list[str]:
    """Split ``"eng+fra"`` into codes and check that each is installed."""
    codes = [c.strip() for c in lang.split("+") if c.strip()]
    if not codes:
        raise LanguageNotInstalledError("No language given; pass a Tesseract code such as 'eng' or 'eng+fra'.")
    have = installed_languages(tessdata)
    missing = [c for c in codes if c not in have]
    if missing:
        pkgs = " ".join("tesseract-ocr-" + c.lower().replace("_", "-") for c in missing)
        raise LanguageNotInstalledError(
            f"Tesseract language(s) not installed: {', '.join(missing)}. Installed: {', '.join(have) or 'none'}. "
            f"Add one with `sudo apt-get install {pkgs}` (Debian/Ubuntu), or put its .traineddata "
            f"file into {find_tessdata(tessdata)}."
        )
    return codes


@lru_cache(maxsize=1)
def tesseract_version() -> str:
    raw = _tesserocr().tesseract_version()
    m = re.search(r"tesseract\s+([\w.\-]+)", raw)
    return m.group(1) if m else raw.split("\n", 1)[0]


@dataclass(frozen=True)
class Orientation:
    """How a page is turned, by Tesseract's orientation detection (OSD)."""

    degrees: int  # to turn counter-clockwise to make it upright: 0, 90, 180 or 270
    confidence: float  # Tesseract's orientation confidence (about 1.5 and up is reliable)


def detect_orientation(gray: np.ndarray, tessdata: str | os.PathLike | None = None) -> Orientation:
    """The orientation of a gray page (shrunk to at most 1600 pixels a side for the detector)."""
    from ..preprocess.measure import scaled

    tesserocr = _tesserocr()
    path = str(find_tessdata(tessdata))
    scale = min(1.0, 1600.0 / max(gray.shape))
    small = scaled(gray, scale) if scale < 1 else gray
    with tesserocr.PyTessBaseAPI(path=path + "/", lang="osd", psm=tesserocr.PSM.OSD_ONLY) as api:
        api.SetImageBytes(small.tobytes(), small.shape[1], small.shape[0], 1, small.shape[1])
        try:
            r = api.DetectOrientationScript()
        except RuntimeError:
            return Orientation(0, 0.0)
    if not r:
        return Orientation(0, 0.0)
    return Orientation(int(r.get("orient_deg", 0)) % 360, float(r.get("orient_conf", 0.0)))


class TesseractEngine(Engine):
    """Tesseract's LSTM engine, loaded once for ``lang`` and reused.

    Parameters: ``lang`` (``"eng"``, ``"eng+fra"``, ...); ``psm`` (page segmentation mode,
    default 3 = automatic); ``tessdata`` (folder of the language data); ``variables``
    (Tesseract parameters); ``alternatives`` (keep per-character LSTM alternatives, default on).
    """

    name = "tesseract"

    def __init__(
        self,
        lang: str = "eng",
        *,
        psm: int = 3,
        tessdata: str | os.PathLike | None = None,
        variables: dict[str, str] | None = None,
        alternatives: bool = True,
    ) -> None:
        tesserocr = _tesserocr()
        self.lang = lang
        self.codes = check_languages(lang, tessdata)
        self.tessdata = find_tessdata(tessdata)
        self.alternatives = alternatives
        self._lock = threading.Lock()
        try:
            self._api = tesserocr.PyTessBaseAPI(
                path=str(self.tessdata) + os.sep, lang="+".join(self.codes), psm=psm,
                variables=dict(variables or {}),
            )
        except RuntimeError as exc:
            raise EngineNotAvailableError(f"Tesseract failed to load {lang!r} from {self.tessdata}: {exc}") from exc
        self._ril = tesserocr.RIL

    def version(self) -> str:
        return tesseract_version()

    def languages(self) -> list[str]:
        return installed_languages(self.tessdata)

    def close(self) -> None:
        api = getattr(self, "_api", None)
        if api is not None:
            api.End()
            self._api = None

    def recognize(self, page: PageImage) -> Page:
        img = page.image if page.binary is None else page.binary  # (the binary view of a page that shows through)
        img = img if img.mode == "L" else img.convert("L")
        with self._lock:
            api = self._api
            if api is None:
                raise EngineNotAvailableError("This engine was closed; create a new one.")
            api.SetImageBytes(img.tobytes(), img.width, img.height, 1, img.width)
            if page.dpi:
                api.SetSourceResolution(int(round(page.dpi)))
            api.Recognize()
            lines = self._collect()
            api.Clear()
        return Page(page.number, img.width, img.height, page.dpi, tuple(lines), page.source)

    def _collect(self) -> list[Line]:
        """Walk Tesseract's result at symbol level, grouping symbols into words and lines."""
        RIL = self._ril
        ri = self._api.GetIterator()
        lines: list[Line] = []
        if ri is None:
            return lines
        words: list[Word] = []
        line_box = None
        syms: list[Symbol] = []
        word_info = None  # (box, confidence, spaces)

        def flush_word() -> None:
            nonlocal syms, word_info
            if word_info is not None:
                text = "".join(s.text for s in syms)
                if text.strip():
                    words.append(Word(text, word_info[0], word_info[1], tuple(syms) if self.alternatives else (), word_info[2]))
            syms, word_info = [], None

        def flush_line() -> None:
            nonlocal words, line_box
            flush_word()
            if words and line_box is not None:
                lines.append(Line(tuple(words), line_box))
            words, line_box = [], None

        while True:
            if ri.Empty(RIL.SYMBOL):
                if not ri.Next(RIL.SYMBOL):
                    break
                continue
            if ri.IsAtBeginningOf(RIL.TEXTLINE):
                flush_line()
                line_box = ri.BoundingBox(RIL.TEXTLINE)
            if ri.IsAtBeginningOf(RIL.WORD):
                flush_word()
                box = ri.BoundingBox(RIL.WORD)
                word_info = (box, max(0.0, min(1.0, ri.Confidence(RIL.WORD) / 100.0)),
                             1 if not words else max(1, ri.BlanksBeforeWord()))
            text = ri.GetUTF8Text(RIL.SYMBOL) or ""
            conf = max(0.0, min(1.0, ri.Confidence(RIL.SYMBOL) / 100.0))
            choices: tuple[Choice, ...] = ()
            if self.alternatives:
                alts = []
                for c in ri.GetChoiceIterator():
                    t = c.GetUTF8Text()
                    if t and t != text:
                        alts.append(Choice(t, max(0.0, min(1.0, c.Confidence() / 100.0))))
                choices = tuple(alts)
            syms.append(Symbol(text, conf, choices))
            if not ri.Next(RIL.SYMBOL):
                break
        flush_line()
        return lines


register_engine("tesseract", TesseractEngine)
