"""Engine fusion (``engine="auto"``): Tesseract first, RapidOCR where Tesseract is weak.

Every line Tesseract reads is scored by its own measures: the share of its words a word list
knows (the corrector's language model), its mean confidence, and how much of it is garbage
(characters that are neither letters, digits nor common punctuation). When every line scores
well, only the few words Tesseract itself doubts (confidence under 0.7: odd-cased abbreviations,
codes, quotes) are read again by RapidOCR from their boxes, and the better reading of each is
kept: a clean page costs one Tesseract pass plus a handful of word crops. When a few lines are
weak, their words are read again the same way.

Otherwise the page is weak. Where preprocessing cleaned it (a degraded page), RapidOCR reads
every line Tesseract found again, from the page's *gentle view* (straightened and enlarged like
the page Tesseract read, but only lightly smoothed: see :func:`ocrkit.preprocess.gentle_view`),
and its reading of a line is kept unless it scores clearly lower; lines only RapidOCR's detector
finds are added when they score well enough. Elsewhere RapidOCR reads the whole page, the two
readings' lines are matched by position, and for each place on the page the better-scoring
reading is kept; lines only one engine found are kept when they score well enough.

Whatever the path, a page Tesseract is unsure of (mean word confidence under
:data:`~ocrkit.engines.models.CONFIDENT`) is also read whole by RapidOCR, and that reading
replaces the fused one where at least as large a share of its words are words of the language
as of Tesseract's: on receipts and on pages set in type Tesseract was not trained on, RapidOCR
reads the page better than any line-by-line vote between the two, while on degraded pages
(where its reading holds fewer words) the vote wins. Models RapidOCR has no counterpart for
(Fraktur) are read by Tesseract alone.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from ..errors import LanguageNotInstalledError, PageUnreadableError
from ..io import PageImage
from ..layout import overlap, reading_order
from ..lexicon import WORD_EDGE, Lexicon
from ..results import Line, Page, Word
from .base import Engine, LineReader, Reading, register_engine
from .models import CONFIDENT

_GOOD_LINE = 0.72  # lines scoring under this are read again unless Tesseract is very sure
_SURE = 0.85  # mean word confidence under which a line is read again anyway
_VERY_SURE = 0.93
_DOUBT = 0.7  # words on good lines under this confidence are read again (cheap: a crop each)
_KEEP_ALONE = 0.45  # a line found by one engine only is kept from this score up
#: on a weak cleaned page, RapidOCR's reading of a weak line (from the gentle view) is kept
#: unless it scores this much lower than Tesseract's (on a line Tesseract reads well, unless it
#: scores lower at all): on degraded pages RapidOCR reads Tesseract's lines better from the
#: gentle view than Tesseract read them (docs/experiments.md, gentle_view.py)
REREAD_MARGIN = 0.3
#: ... and unless it holds fewer than this share of the letters and digits Tesseract read: a
#: recogniser that lost part of a line (a box holding two lines, faint print) returns a short
#: reading whose few known fragments can score well
_KEEPS = 0.6
_PLAIN = re.compile(r"[\w\s.,;:!?'\"()\-–—/%&€$£@#+*=<>\[\]«»„“”‘’…]", re.UNICODE)


class FusionEngine(Engine):
    name = "auto"

    def __init__(self, lang: str = "eng", *, reader: LineReader | None = None, **options: Any) -> None:
        from .tesseract import TesseractEngine

        self.lang = lang
        self.primary = TesseractEngine(lang, **options)
        self._secondary = reader  # (RapidOCR, loaded on first use, unless another reader is given)
        from .rapidocr import LANGUAGES

        reads = LANGUAGES if reader is None else getattr(reader, "languages", lambda: None)()
        #: whether the second reader has a model for every language of this setting (RapidOCR
        #: has none for Fraktur: ``frk``, ``Fraktur``); where not, Tesseract reads alone
        self._second_reads = reads is None or all(code in reads for code in lang.split("+") if code)
        try:
            self._lexicon: Lexicon | None = Lexicon.for_tesseract_lang(lang)
        except LanguageNotInstalledError:  # no word list for this language: score by confidence alone
            self._lexicon = None

    @property
    def secondary(self) -> LineReader:
        if self._secondary is None:
            from .rapidocr import RapidOCREngine

            self._secondary = RapidOCREngine(self.lang)
        return self._secondary

    def version(self) -> str:
        from importlib import metadata

        try:
            rapid = metadata.version("rapidocr")
        except metadata.PackageNotFoundError:
            rapid = "missing"
        return f"tesseract {self.primary.version()} + rapidocr {rapid}"

    def languages(self) -> list[str]:
        return self.primary.languages()

    def close(self) -> None:
        self.primary.close()
        if self._secondary is not None:
            self._secondary.close()

    def recognize(self, page: PageImage) -> Page:
        return self.refine(page, self.first_reading(page))

    def first_reading(self, page: PageImage) -> Page:
        """Tesseract's reading (the one the language and typeface are chosen by)."""
        return self.primary.recognize(page)

    def refine(self, page: PageImage, first: Page) -> Page:
        """The fused reading of ``page`` from Tesseract's reading ``first``, or RapidOCR's whole
        reading where Tesseract was unsure of the page and RapidOCR's holds more words."""
        if not self._second_reads:
            return first
        try:
            return self._refined(page, first)
        except PageUnreadableError:  # a page (or part) RapidOCR cannot take: Tesseract's reading
            return first

    def _refined(self, page: PageImage, first: Page) -> Page:
        whole: list[Page] = []  # RapidOCR's reading of the whole page, once made
        if first.confidence < CONFIDENT and first.lines and self._lexicon is not None:
            whole.append(self.secondary.recognize(page))
            second = self._without_foreign(whole[0])
            if self._lexicon.known_share(w.text for w in second.words) >= self._lexicon.known_share(w.text for w in first.words):
                return second  # (no fusion to make: the whole reading wins)
        return self._fuse(page, first, whole)

    def _without_foreign(self, page: Page) -> Page:
        from dataclasses import replace

        lines = tuple(replace(ln, words=tuple(w for w in ln.words if not self._foreign(w.text))) for ln in page.lines)
        return replace(page, lines=tuple(ln for ln in lines if ln.words))

    def _fuse(self, page: PageImage, first: Page, whole: list[Page]) -> Page:
        scores = [self.line_score(line) for line in first.lines]
        weak = [i for i, (line, s) in enumerate(zip(first.lines, scores)) if self._weak(line, s)]
        doubtful = {
            i: [k for k, w in enumerate(line.words) if w.confidence < _DOUBT]
            for i, line in enumerate(first.lines) if i not in weak
        }
        doubtful = {i: ks for i, ks in doubtful.items() if ks}
        if first.lines and not weak and not doubtful:
            return first
        if first.lines and len(weak) <= max(1, len(first.lines) // 4):
            # a mostly good page: read the weak lines' words, and the words Tesseract doubts on
            # the good lines, again, and vote word by word
            gray = np.asarray(page.image.convert("L"))
            lines = list(first.lines)
            for i in weak:
                lines[i] = self._revote(lines[i], gray)
            for i, ks in doubtful.items():
                lines[i] = self._revote(lines[i], gray, set(ks))
            return Page(first.number, first.width, first.height, first.dpi, tuple(lines), first.source)
        if page.gentle is not None and first.lines:
            lines = self._reread_page(first.lines, scores, page.gentle())
        else:
            if not whole:
                whole.append(self.secondary.recognize(page))
            lines = self.merge(first.lines, scores, whole[0].lines)
        return Page(first.number, first.width, first.height, first.dpi, tuple(lines), first.source)

    def _reread_page(self, first: tuple[Line, ...], scores: list[float], view: np.ndarray) -> list[Line]:
        """A weak page that preprocessing cleaned: RapidOCR reads every line Tesseract found
        again from the gentle view (the page straightened and enlarged like the one Tesseract
        read, but only lightly smoothed) and its reading is kept unless it scores clearly lower
        (:data:`REREAD_MARGIN`; lower at all, on a line Tesseract reads well by its own
        measures) or is much shorter (:data:`_KEEPS`); lines only RapidOCR's detector finds
        are added where they read well enough on their own."""
        lines = []
        for line, score in zip(first, scores):
            other = self._reread_line(line, view)
            kept = len(_alnum(other.text)) >= _KEEPS * len(_alnum(line.text))
            margin = REREAD_MARGIN if self._weak(line, score) else 0.0
            lines.append(other if other.words and kept and self.line_score(other) >= score - margin else line)
        for box in self.secondary.detect(view):
            if not any(overlap(box, ln.box) >= 0.5 for ln in first):
                alone = self._reread_line(Line((), box), view, pad=0)
                if alone.words and self.line_score(alone) >= _KEEP_ALONE:
                    lines.append(alone)
        return reading_order(lines)

    def _reread_line(self, line: Line, view: np.ndarray, pad: int | None = None) -> Line:
        """``line`` as RapidOCR reads its box on ``view`` (word boxes from the recogniser's
        output frames), the box padded by ``pad`` pixels (default: a quarter of its height; the
        detector's boxes have their margin already)."""
        crop, cx = _crop(view, line.box, pad)
        y0, y1 = line.box[1], line.box[3]
        found = self.secondary.read_words(crop) if crop.size else []
        words = tuple(Word(w.text, (cx + w.x0, y0, cx + w.x1, y1), w.confidence, (), 1) for w in found if not self._foreign(w.text))
        return Line(words, line.box)

    @staticmethod
    def _weak(line: Line, score: float) -> bool:
        """A line worth a second reading: unsure, or confident but unlike text."""
        conf = line.confidence
        return conf < _SURE or (score < _GOOD_LINE and conf < _VERY_SURE)

    def line_score(self, line: Line) -> float:
        """0..1: how much a line reads like text (known words, confidence, no garbage)."""
        text = line.text
        if not text.strip():
            return 0.0
        plain = sum(1 for c in text if _PLAIN.match(c))
        garbage = 1.0 - plain / len(text)
        conf = line.confidence
        if self._lexicon is None:
            return 0.7 * conf + 0.3 * (1 - garbage)
        known, total = self._lexicon.known_letters(w.text for w in line.words)
        lexicon = known / total if total else 0.5
        return 0.5 * lexicon + 0.3 * conf + 0.2 * (1 - garbage)

    def _revote(self, line: Line, gray: np.ndarray, only: set[int] | None = None) -> Line:
        """Each word of ``line`` (or the words numbered in ``only``) read again by RapidOCR from
        its box; the better reading wins: a known word over an unknown one, else the more
        confident reading."""
        from dataclasses import replace

        engine = self.secondary
        words = []
        for k, w in enumerate(line.words):
            if only is not None and k not in only:
                words.append(w)
                continue
            crop, _ = _crop(gray, w.box)
            reading = engine.read_crop(crop) if crop.size else Reading("", 0.0)
            text, score = reading.text.strip(), reading.confidence
            if text and " " not in text and text != w.text and self._better(text, score, w.text, w.confidence):
                w = replace(w, text=text, confidence=score, symbols=())
            words.append(w)
        return replace(line, words=tuple(words))

    def _better(self, new: str, new_conf: float, old: str, old_conf: float) -> bool:
        if not any(c.isalnum() for c in old):
            return False  # punctuation ('…', '--'): RapidOCR reads letters into it
        if _alnum(new) == _alnum(old) and len(new) < len(old):
            return False  # the same word with punctuation dropped
        if self._foreign(new):
            return False
        if self._lexicon is not None:
            known_new, known_old = self._word_known(new), self._word_known(old)
            if known_new != known_old:
                return known_new
        return new_conf > old_conf + 0.05

    def _foreign(self, text: str) -> bool:
        """Characters of a script the page's languages do not use (RapidOCR's model also reads
        Chinese, and sometimes sees a Chinese character in a dash)."""
        if any(code.startswith(("chi", "jpn", "kor")) for code in self.lang.split("+")):
            return False
        return any(ord(c) >= 0x2E80 for c in text)

    def _word_known(self, word: str) -> bool:
        core = word.strip(WORD_EDGE)
        if not core or not core.isalpha():
            return bool(core) and not any(c.isalpha() for c in core)  # numbers count as known
        return self._lexicon is not None and self._lexicon.known(core.lower())

    def merge(self, first: tuple[Line, ...], first_scores: list[float], second: tuple[Line, ...]) -> list[Line]:
        second_scores = [self.line_score(line) for line in second]
        matches: dict[int, list[int]] = {i: [] for i in range(len(first))}
        claimed: set[int] = set()
        for j, s in enumerate(second):
            best, best_overlap = None, 0.0
            for i, f in enumerate(first):
                ov = overlap(f.box, s.box)
                if ov > best_overlap:
                    best, best_overlap = i, ov
            if best is not None and best_overlap >= 0.5:
                matches[best].append(j)
                claimed.add(j)
        out: list[Line] = []
        for i, f in enumerate(first):
            js = matches[i]
            if js:
                size = sum(len(second[j].text) for j in js) or 1
                other = sum(second_scores[j] * len(second[j].text) for j in js) / size
                if other > first_scores[i]:
                    out.extend(second[j] for j in js)
                    continue
                out.append(f)
            elif first_scores[i] >= _KEEP_ALONE * 0.5:
                out.append(f)
        out.extend(second[j] for j in range(len(second)) if j not in claimed and second_scores[j] >= _KEEP_ALONE)
        return reading_order(out)


def _crop(img: np.ndarray, box: tuple[int, int, int, int], pad: int | None = None) -> tuple[np.ndarray, int]:
    """The part of ``img`` under ``box`` padded by ``pad`` pixels (default: a quarter of the
    box's height, at least 2), and the crop's left edge on ``img``."""
    x0, y0, x1, y1 = box
    pad = max(2, (y1 - y0) // 4) if pad is None else pad
    left = max(0, x0 - pad)
    return img[max(0, y0 - pad): y1 + pad, left: x1 + pad], left


def _alnum(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


register_engine("auto", FusionEngine)
