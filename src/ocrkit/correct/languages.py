"""Correction in the language each page was read in (``lang="auto"``).

``OCREngine(lang="auto")`` records each page's language in ``page.lang``; the corrector for
such a result corrects each language's pages together, as one document, with that language's
default model. :func:`postprocessor_for` is the one place that chooses between it and a
single-language :class:`PostProcessor`.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from ..language import AUTO
from ..results import OCRResult, Page
from .groups import correct_by
from .postprocessor import CorrectedText, PostProcessor


class PostProcessorsByLanguage:
    """Each page corrected with the default corrector of its own language (``page.lang``).

    Plain text given to :meth:`correct` is identified first (see :mod:`ocrkit.language`)."""

    lang = AUTO

    def __init__(self, fallback: str = "eng", *, user: bool = False) -> None:
        self.fallback = fallback
        self.user = user  # each language's user model (see usermodels.py) instead of its default
        self._by_lang: dict[str, PostProcessor] = {}
        self._candidates: tuple[str, ...] | None = None
        self._lock = threading.Lock()

    def for_lang(self, lang: str) -> PostProcessor:
        with self._lock:
            pp = self._by_lang.get(lang)
            if pp is None:
                if self.user:
                    from .usermodels import UserModels

                    pp = UserModels().load(lang)
                else:
                    pp = PostProcessor(lang=lang)
                self._by_lang[lang] = pp
            return pp

    def _page_lang(self, page: Page, result: OCRResult) -> str:
        return page.lang or (result.lang if result.lang != AUTO else self.fallback)

    def correct_result(self, result: OCRResult) -> OCRResult:
        return correct_by(result, lambda page: self._page_lang(page, result),
                          lambda lang, part: self.for_lang(lang).correct_result(part))

    def correct(self, text: str) -> CorrectedText:
        from ..language import identifiable_languages, identify

        if self._candidates is None:  # (tessdata is looked at once)
            self._candidates = identifiable_languages() or (self.fallback,)
        lang = identify(text, self._candidates).lang
        return self.for_lang(lang).correct(text)

    def correct_lines(self, lines: Sequence[str]) -> list[str]:
        return self.correct("\n".join(lines)).text.split("\n")


def postprocessor_for(lang: str, model: str | None = None) -> PostProcessor | PostProcessorsByLanguage:
    """The corrector for a reading setting: a trained model file where one is given, the user's
    own model of ``lang`` for ``model="user"`` (see :mod:`ocrkit.correct.usermodels`), else the
    default model of ``lang``; for ``lang="auto"`` each page's language's (user or default) model."""
    from .usermodels import USER, UserModels

    if lang == AUTO and model in (None, USER):
        return PostProcessorsByLanguage(user=model == USER)
    if model == USER:
        return UserModels().load(lang)
    if model:
        return PostProcessor.load(model)
    return PostProcessor(lang=lang)
