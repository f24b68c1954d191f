"""The post-processor: a trainable noisy-channel corrector of OCR text (the public facade).

``PostProcessor`` holds a :class:`~ocrkit.correct.model.Model` (error model, language model,
word memory, decision parameters, learned habits) and corrects with a
:class:`~ocrkit.correct.corrector.Corrector` over it. Numbers, amounts, dates, codes, e-mail
addresses, URLs and acronyms are never changed (see :mod:`ocrkit.correct.tokens`). How it
decides is told in ``docs/corrector.md``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import overload

from ..results import Correction, OCRResult
from . import modelfile, realnoise
from .align import Alignment, align_documents
from .channel import ChannelModel
from .corrector import Corrector
from .groups import correct_by
from .lm import LanguageModel
from .memory import WordMemory
from .model import Model
from .params import Params
from .passes import Pass
from .spelling import SpellingModel
from .typefaces import TypefaceChannel, typeface

MODEL_FORMAT, MODEL_VERSION = modelfile.FORMAT, modelfile.VERSION
#: a garbled line whose correction builds the tables a page needs (see :meth:`PostProcessor.prepare`);
#: no word starts with a digit: in German that asks the spelling dictionary whether the word is
#: a noun, which few pages need and which takes a second or more to load (correct/dictionaries.py)
WARM_LINE = "Th1s l1ne h4s typ0s, wr1tten t0 w4rm the c0rrect0r."


@dataclass(frozen=True)
class CorrectedText:
    """What :meth:`PostProcessor.correct` returns for plain text."""

    text: str
    raw_text: str
    corrections: tuple[Correction, ...]

    def __str__(self) -> str:
        return self.text


class PostProcessor:
    """A trainable, language-aware OCR corrector.

    ``PostProcessor(lang="eng")`` uses the built-in prior of OCR confusions (for the languages
    :mod:`~ocrkit.correct.realnoise` names, with the real OCR noise counted from licensed
    post-OCR data added to it) and the word statistics of ``lang`` (Tesseract codes;
    ``"eng+fra"`` mixes word lists). With
    ``shipped=True`` it uses instead the error model that ships for eng, fra, deu and nld, learned
    from Tesseract's misreadings of rendered text (scripts/build_default_models.py); on the
    evaluation sets we have it is not better than the prior, so it is not the default.
    ``PostProcessor.load(path)`` reads a trained model. Objects are safe to share between
    threads for :meth:`correct`; training methods must not run concurrently with it.
    """

    def __init__(self, lang: str = "eng", *, channel: ChannelModel | None = None, lm: LanguageModel | None = None,
                 params: Params | None = None, memory: WordMemory | None = None, shipped: bool = False):
        channel = channel or (modelfile.shipped_channel(lang) if shipped else None) or ChannelModel(realnoise.prior(lang))
        self.model = Model(lang, channel, lm or LanguageModel.for_tesseract_lang(lang), memory or WordMemory(),
                           params or Params())
        #: which model this is, as results record it (``result.meta["corrector"]``)
        self.label = f"default:{lang}"
        self._refresh()

    @classmethod
    def of(cls, model: Model) -> PostProcessor:
        """A post-processor over an existing model."""
        pp = cls.__new__(cls)
        pp.model = model
        pp.label = f"model:{model.lang}"
        pp._refresh()
        return pp

    def _refresh(self) -> None:
        """Rebuild what derives from the model after it learned something (drops the caches)."""
        self.corrector = Corrector(self.model)
        self._faces: dict[str, Corrector] = {}

    # --- the model's parts ------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.model.lang

    @property
    def channel(self) -> ChannelModel:
        return self.model.channel

    @property
    def lm(self) -> LanguageModel:
        return self.model.lm

    @property
    def memory(self) -> WordMemory:
        return self.model.memory

    @property
    def passes(self) -> dict[str, Pass]:
        """The learned habits, by name, in the order they run."""
        return self.model.passes

    @property
    def params(self) -> Params:
        return self.model.params

    @params.setter
    def params(self, params: Params) -> None:
        self.model.params = params  # (read live by the corrector: no refresh needed)

    @property
    def spelling(self) -> SpellingModel | None:
        """The character model of the learned text's spelling, where it differs from the word
        lists' (see :class:`~ocrkit.correct.respell.Spellings`)."""
        return self.corrector.spellings.spelling

    # --- training ---------------------------------------------------------------------------
    def fit(self, pairs: Iterable[tuple[str, str]], *, learn_words: bool = True, tune: bool = True) -> PostProcessor:
        """Learn from ``(ocr, ground_truth)`` pairs, and tune the decision parameters on them.

        With ``tune`` (and at least :data:`~ocrkit.correct.tuning.TUNING_PAIRS` pairs, passed
        grouped by document), the parameters are tuned on held-out parts of the pairs first
        (see :mod:`ocrkit.correct.tuning`); then the model learns from all pairs."""
        pairs = list(pairs)
        from .tuning import TUNING_PAIRS

        if tune and len(pairs) >= TUNING_PAIRS:
            from .tuning import tune as tune_params

            self.params = tune_params(self, pairs, learn_words)
        return self.update(pairs, learn_words=learn_words)

    def update(self, pairs: Iterable[tuple[str, str]], *, learn_words: bool = True) -> PostProcessor:
        """Learn from newly corrected ``(ocr, ground_truth)`` samples, incrementally."""
        self.model.learn(pairs, learn_words)
        self._refresh()
        return self

    def learn(self, ocr_text: str, fixed_text: str) -> Alignment:
        """Learn from a document as read and as a person fixed it (lines fixed, joined, split,
        added or removed: see :func:`~ocrkit.correct.align.align_documents`); the alignment,
        with the lines that could not be told, is returned."""
        aligned = align_documents(ocr_text, fixed_text)
        self.update(aligned.pairs)
        return aligned

    def fit_text(self, texts: Iterable[str]) -> PostProcessor:
        """Learn word and bigram statistics from plain (correct) text."""
        self.model.lm.add_text(texts)
        self._refresh()
        return self

    def copy(self) -> PostProcessor:
        """An independent copy (through the model file's form: what a saved model would be)."""
        return PostProcessor.of(modelfile.from_doc(modelfile.to_doc(self.model)))

    # --- persistence ------------------------------------------------------------------------
    def save(self, path: str | os.PathLike) -> None:
        """Write the model as versioned, gzip-compressed JSON."""
        modelfile.save(self.model, path)

    @classmethod
    def load(cls, path: str | os.PathLike) -> PostProcessor:
        """Read a model written by :meth:`save` (raises :class:`~ocrkit.ModelError`)."""
        pp = cls.of(modelfile.load(path))
        pp.label = f"file:{path}"
        return pp

    # --- correcting -------------------------------------------------------------------------
    @overload
    def correct(self, text: str) -> CorrectedText: ...
    @overload
    def correct(self, text: OCRResult) -> OCRResult: ...

    def correct(self, text: str | OCRResult) -> CorrectedText | OCRResult:
        """Correct plain text (→ :class:`CorrectedText`) or an :class:`OCRResult` (→ a new one).
        The text is one document: the words it uses elsewhere inform each line."""
        if isinstance(text, OCRResult):
            return self.correct_result(text)
        out, corrections = self.corrector.correct_text(text.split("\n"))
        return CorrectedText("\n".join(out), text, tuple(corrections))

    def correct_lines(self, lines: Sequence[str]) -> list[str]:
        """Correct the lines of one document (a page, an article, a file) together; one output
        line per input line, in order."""
        return self.corrector.correct_text(lines)[0]

    def prepare(self) -> PostProcessor:
        """Build now the tables correcting builds on first use (the word lists' sorted keys, the
        bigram tables, the index of the search among common words two edits away), for a
        process that will correct much text and wants its steady speed from the first page.
        Without it, a page's few questions are answered by a scan (a short run saves building
        the index), and the index is built once a document has asked enough."""
        self.corrector.correct_line(WARM_LINE)
        self.corrector.words.prepare()
        return self

    def correct_line(self, line: str) -> str:
        """Correct one line of text on its own (no document context)."""
        return self.corrector.correct_line(line)

    def correct_result(self, result: OCRResult) -> OCRResult:
        """A new result whose words carry corrected text, with ``.corrections`` filled in (the
        whole result is one document, as in :meth:`correct`). Pages read with a Fraktur model
        are corrected, as their own document, under Fraktur's confusions as well (see
        :mod:`ocrkit.correct.typefaces`)."""
        done = correct_by(result, lambda page: typeface(page.model),
                          lambda face, part: self.corrector_for(face).correct_result(part))
        return replace(done, meta={**done.meta, "corrector": self.label})

    def corrector_for(self, face: str | None) -> Corrector:
        """The corrector of text read in ``face`` (``"Fraktur"``; None: the languages' own type)."""
        if face is None:
            return self.corrector
        reader = self._faces.get(face)
        if reader is None:
            reader = self._faces[face] = self.corrector.reading_with(TypefaceChannel(self.channel))
        return reader
