"""RapidOCR (PP-OCR models run by onnxruntime), through the same contract as Tesseract.

The ``rapidocr`` wheel ships its default models (PP-OCRv6 small detection and recognition),
so this engine runs offline; install it with ``pip install 'ocrkit[rapidocr]'``. Its shipped
recognition model reads simplified Chinese and Latin script, accented letters included (English,
French, German, Dutch, Spanish, Italian, Portuguese, ... need no language setting); ``lang``
only serves the rest of ocrkit (the corrector, fusion scoring).

The models are loaded once per engine object. ONNX runtime runs ``threads`` threads (default
1: ocrkit parallelises over pages). The direction classifier is off: it garbled lines of
upright pages in our measurements.
"""

from __future__ import annotations

import threading
from importlib import metadata

import numpy as np

from ..errors import EngineNotAvailableError, PageUnreadableError
from ..io import PageImage
from ..layout import join_rows, reading_order, same_row
from ..results import Line, Page, Word
from .base import Engine, Reading, WordSpan, register_engine

#: Tesseract-style codes of the languages the shipped model reads (Latin script and Chinese)
LANGUAGES = ("eng", "fra", "deu", "nld", "spa", "ita", "por", "dan", "swe", "nor", "fin", "pol", "ces",
             "ron", "hun", "tur", "cat", "lat", "chi_sim")


class RapidOCREngine(Engine):
    name = "rapidocr"

    def __init__(self, lang: str = "eng", *, threads: int = 1, **_: object) -> None:
        try:
            from rapidocr import RapidOCR
        except ImportError as exc:
            raise EngineNotAvailableError(
                "The RapidOCR engine needs the rapidocr and onnxruntime packages: "
                "`pip install 'ocrkit[rapidocr]'` (or `pip install rapidocr onnxruntime`)."
            ) from exc
        self.lang = lang
        self._lock = threading.Lock()
        params = {
            "Global.use_cls": False,
            "Global.log_level": "error",
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
        try:
            self._ocr = RapidOCR(params=params)
        except Exception as exc:  # e.g. a model missing from the wheel would be downloaded
            raise EngineNotAvailableError(f"RapidOCR failed to load its models: {exc}") from exc

    def version(self) -> str:
        return metadata.version("rapidocr")

    def languages(self) -> list[str]:
        return list(LANGUAGES)

    def recognize(self, page: PageImage) -> Page:
        img = np.asarray(page.image.convert("RGB"))[:, :, ::-1]  # BGR, as OpenCV reads
        out = self._run(np.ascontiguousarray(img), use_det=True, use_cls=False, use_rec=True, return_word_box=True)
        lines = _lines(out, img.shape[1], img.shape[0])
        return Page(page.number, img.shape[1], img.shape[0], page.dpi, tuple(lines), page.source)


    def read_crop(self, crop: np.ndarray) -> Reading:
        """Recognition only (no detection) of one gray image of a single word or line."""
        out = self._run(_bgr(crop), use_det=False, use_cls=False, use_rec=True)
        txts, scores = getattr(out, "txts", None), getattr(out, "scores", None)
        if not txts or not scores:
            return Reading("", 0.0)
        return Reading(str(txts[0]), float(scores[0]))

    def _run(self, bgr: np.ndarray, line: bool = False, **options: bool):  # type: ignore[no-untyped-def]
        """One call of RapidOCR (``line``: the recogniser on a line crop), one at a time."""
        with self._lock:
            try:
                return self._recognise_line(bgr) if line else self._ocr(bgr, **options)
            except Exception as exc:  # rapidocr raises errors of its own on shapes it cannot scale
                raise PageUnreadableError(
                    f"RapidOCR cannot read an image of {bgr.shape[1]}x{bgr.shape[0]} pixels "
                    f"({type(exc).__name__}); read it with engine='tesseract'."
                ) from exc

    def _recognise_line(self, bgr: np.ndarray):  # type: ignore[no-untyped-def]
        """RapidOCR's recogniser called directly where this rapidocr allows it: its full call
        would shrink a long line to its page-size limit and drop a reading under its score
        threshold."""
        try:
            from rapidocr.ch_ppocr_rec.typings import TextRecInput

            recogniser = self._ocr._load_rec_model()
        except (ImportError, AttributeError):  # another rapidocr layout: its full call
            return self._ocr(bgr, use_det=False, use_cls=False, use_rec=True, return_word_box=True)
        return recogniser(TextRecInput(img=[bgr], return_word_box=True))

    def detect(self, gray: np.ndarray) -> list[tuple[int, int, int, int]]:
        """The text boxes RapidOCR's detector finds on a gray page (no recognition)."""
        out = self._run(_bgr(gray), use_det=True, use_cls=False, use_rec=False)
        boxes = getattr(out, "boxes", None)
        if boxes is None:
            return []
        return [_box(quad, gray.shape[1], gray.shape[0]) for quad in boxes]

    def read_words(self, crop: np.ndarray) -> list[WordSpan]:
        """Recognition only (no detection) of one gray image of a text line: its words, each
        with its horizontal extent in the crop (pixels, from the frames of the recogniser's
        output its characters were read at) and its confidence (the mean of its characters')."""
        h, w = crop.shape[:2]
        out = self._run(_bgr(crop), line=True)
        if out is None or not getattr(out, "txts", None) or not str(out.txts[0]).strip():
            return []
        text = str(out.txts[0])
        info = out.word_results[0] if out.word_results else None
        cols = [c for word in getattr(info, "word_cols", None) or () for c in word]
        confs = list(getattr(info, "confs", None) or ())
        frames = float(getattr(info, "line_txt_len", 0) or 0)
        if len(cols) != sum(1 for c in text if not c.isspace()) or len(confs) != len(text) or frames <= 0:
            cols, confs, frames = [], [], 0.0  # unexpected shape: spread the words evenly
        # the recogniser pads a line to at least its 320x48 input: frames span max(w, h * 320/48)
        step = max(w, h * 320 / 48) / frames if frames else 0.0
        if step:
            text, confs = _spaced(text, cols, confs)
        words: list[WordSpan] = []
        pos = k = 0
        for part in text.split(" "):
            start, pos = pos, pos + len(part) + 1
            if not part:
                continue
            if step:
                x0 = int(max(0, (cols[k] - 0.5) * step))
                x1 = int(min(w, (cols[k + len(part) - 1] + 1.5) * step))
                conf = float(np.mean(confs[start:start + len(part)]))
            else:
                x0, x1, conf = int(w * start / len(text)), int(w * (start + len(part)) / len(text)), float(out.scores[0])
            k += len(part)
            words.append(WordSpan(part, x0, max(x0 + 1, x1), conf))
        return words


#: a gap between two characters of a word this many times the line's usual character pitch is a
#: space the recogniser left out (it drops the wide gaps of tables and receipts: '17.00102.00')
_GAP = 3.0


def _spaced(text: str, cols: list, confs: list) -> tuple[str, list]:
    """``text`` with a space put in every wide gap between characters the recogniser read as one
    word (``cols``: the output frame of each non-space character), and ``confs`` to match."""
    steps = [b - a for part in _parts(cols, text) for a, b in zip(part, part[1:])]
    if len(steps) < 4:
        return text, confs
    pitch = max(1.0, float(np.median(steps)))
    out, out_confs = [], []
    k = 0
    prev: float | None = None
    for ch, conf in zip(text, confs):
        if ch == " ":
            prev = None
        else:
            if prev is not None and cols[k] - prev > _GAP * pitch:
                out.append(" ")
                out_confs.append(conf)
            prev = cols[k]
            k += 1
        out.append(ch)
        out_confs.append(conf)
    return "".join(out), out_confs


def _parts(cols: list, text: str) -> list[list]:
    """The frames of each space-separated word of ``text``."""
    parts, k = [], 0
    for part in text.split(" "):
        parts.append(cols[k:k + len(part)])
        k += len(part)
    return parts


def _bgr(gray: np.ndarray) -> np.ndarray:
    """A gray image as the three-channel array RapidOCR takes."""
    return np.ascontiguousarray(np.repeat(gray[:, :, None], 3, axis=2))


def _box(quad, w: int, h: int) -> tuple[int, int, int, int]:  # type: ignore[no-untyped-def]
    q = np.asarray(quad, dtype=np.float64).reshape(-1, 2)
    x0, y0 = max(0, int(np.floor(q[:, 0].min()))), max(0, int(np.floor(q[:, 1].min())))
    x1, y1 = min(w, int(np.ceil(q[:, 0].max()))), min(h, int(np.ceil(q[:, 1].max())))
    return x0, y0, max(x0 + 1, x1), max(y0 + 1, y1)


def _lines(out, w: int, h: int) -> list[Line]:  # type: ignore[no-untyped-def]
    """RapidOCR's text boxes → lines of words, in reading order (top to bottom, then left to
    right for boxes on the same row); boxes its detector cut out of one line at word spaces
    are one line again (see :func:`ocrkit.layout.join_rows`)."""
    if out is None or not getattr(out, "txts", None):
        return []
    items = []
    words_of = out.word_results or [()] * len(out.txts)
    for quad, txt, score, wres in zip(out.boxes, out.txts, out.scores, words_of):
        box = _box(quad, w, h)
        words = []
        for entry in wres or ():
            wtxt, wscore, wquad = entry
            for part in str(wtxt).split():
                words.append(Word(part, _box(wquad, w, h), float(wscore), (), 1))
        if not words:  # no word boxes: split the line's text, sharing its box
            words = [Word(part, box, float(score), (), 1) for part in str(txt).split()]
        if words:
            items.append((box, words))
    _drop_read_twice(items)
    return join_rows(reading_order([Line(tuple(words), box) for box, words in items if words]))


def _drop_read_twice(items: list[tuple[tuple[int, int, int, int], list[Word]]]) -> None:
    """Drop the words the detector's overlapping boxes read twice. It sometimes cuts one line
    into two boxes that overlap, and the second starts with the end of the first's last word
    (``b3st3lling`` then ``g 1s ...``): a word at least half of whose width lies over a word of
    another box on the same row, and that is the start or the end of that word (or the word
    itself, in the later box), is that print read again."""
    for i, (box_a, words_a) in enumerate(items):
        for box_b, words_b in items[i + 1:]:
            if not same_row(box_a, box_b) or box_a[2] <= box_b[0] or box_b[2] <= box_a[0]:
                continue
            for keep, drop_from in ((words_a, words_b), (words_b, words_a)):
                drop_from[:] = [w for w in drop_from if not any(_read_again(w, k, later=drop_from is words_b) for k in keep)]


def _read_again(word: Word, other: Word, later: bool) -> bool:
    width = word.box[2] - word.box[0]
    shared = min(word.box[2], other.box[2]) - max(word.box[0], other.box[0])
    if width <= 0 or shared < 0.5 * width:
        return False
    a, b = word.text.lower(), other.text.lower()
    if a == b:
        return later
    return len(a) < len(b) and (b.startswith(a) or b.endswith(a))


register_engine("rapidocr", RapidOCREngine)
