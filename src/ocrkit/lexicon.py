"""Word lists: which words a language has, and how common each is (wordfreq, read offline).

One place for the language codes and word lists that the corrector's language model, engine
fusion (how much of a line reads as words) and the hOCR exporter (a page's ``lang``) use.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from .errors import LanguageNotInstalledError


@cache
def wordfreq_code(tess_code: str) -> str | None:
    """Map a Tesseract language code (``eng``, ``fra``, ``deu``, ``nld``...) to wordfreq's."""
    import wordfreq

    special = {"chi_sim": "zh", "chi_tra": "zh", "nor": "nb", "frk": "de", "deu_latf": "de"}
    code = special.get(tess_code)
    if code is None:
        try:
            import langcodes

            code = langcodes.Language.get(tess_code).language
        except Exception:  # (langcodes missing or the code unknown to it: its first two letters)
            code = tess_code[:2]
    return code if code in wordfreq.available_languages(wordlist="best") else None


def iso_code(lang: str) -> str:
    """The two-letter code of the first language of a Tesseract setting (``fra+eng`` → ``fr``),
    or the Tesseract code itself where wordfreq does not know it."""
    first = lang.split("+")[0]
    return wordfreq_code(first) or first


@cache
def word_table(code: str) -> dict[str, float]:
    """wordfreq's word → frequency table of a language (case-folded words)."""
    import wordfreq

    return wordfreq.get_frequency_dict(code, wordlist="best")


@cache
def _top_words(code: str, n: int) -> tuple[str, ...]:
    table = word_table(code)
    return tuple(sorted(table, key=table.__getitem__, reverse=True)[:n])


def folded(word: str) -> str | None:
    """wordfreq stores words case-folded, which also turns 'ß' into 'ss' ('saß' → 'sass'): the
    key to look ``word`` up by there, when it differs from ``word``."""
    if word.isascii():
        return None
    key = word.casefold()
    return key if key != word else None


#: stripped from a word's ends before it is looked up
WORD_EDGE = ".,;:!?\"'()[]«»„“”‘’…-–—"

#: languages that capitalise their nouns: a capital inside a sentence says little there
CAPITALISED_NOUNS = frozenset({"de", "lb"})


class Lexicon:
    """The word lists of one or more languages (wordfreq codes)."""

    def __init__(self, langs: Iterable[str]) -> None:
        self.langs = list(langs)
        self.tables = [word_table(code) for code in self.langs]

    @classmethod
    def for_tesseract_lang(cls, lang: str) -> Lexicon:
        """The lists of a Tesseract language setting (``eng+fra`` mixes two)."""
        codes: list[str] = []
        for c in lang.split("+"):
            wf = wordfreq_code(c.strip())
            if wf and wf not in codes:
                codes.append(wf)
        if not codes:
            raise LanguageNotInstalledError(
                f"No word list for {lang!r}: the corrector knows the wordfreq languages "
                "(eng, fra, deu, nld, spa, ita, por, ...). Train a model from text with "
                "`ocrkit train --text CORPUS.txt`, or pass --no-correct."
            )
        return cls(codes)

    def freq(self, word: str) -> float:
        """The frequency of the normalised ``word`` (0.0 if no list has it)."""
        base = 0.0
        key = folded(word)
        for t in self.tables:
            f = t.get(word) if key is None else t.get(key)
            if f is not None and f > base:
                base = f
        return base

    def known(self, word: str) -> bool:
        return self.freq(word) > 0.0

    def known_letters(self, words: Iterable[str]) -> tuple[int, int]:
        """(letters in known words, letters in all words) of ``words`` as read, counting only
        words of two letters or more once the punctuation at their ends is stripped."""
        known = total = 0
        for word in words:
            core = word.strip(WORD_EDGE)
            if len(core) < 2 or not core.isalpha():
                continue
            total += len(core)
            if self.known(core.lower()):
                known += len(core)
        return known, total

    def known_share(self, words: Iterable[str]) -> float:
        """The share of the letters of ``words`` (see :meth:`known_letters`) in known words;
        0.0 where there are none."""
        known, total = self.known_letters(words)
        return known / total if total else 0.0

    def top_words(self, n: int) -> list[str]:
        """The ``n`` most frequent words of each list (most frequent first)."""
        out: list[str] = []
        for code in self.langs:
            out.extend(_top_words(code, n))
        return out
