"""Which language a page is written in, among the languages Tesseract has installed.

A word-frequency classifier: each word of a first reading votes with how common it is in each
candidate language's word list (wordfreq, offline), summed in log space; the page's language is
the one whose words the whole page uses most, and a second language that wins a good part of the
well-read lines (a letter with an English and a French half) joins it as ``"eng+fra"``. It needs no
model beyond the word lists the corrector already uses, and works on OCR text, where accents may
be lost or words broken, because most of a page's words are the language's common ones.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from functools import cache

from .errors import LanguageNotInstalledError
from .lexicon import word_table, wordfreq_code

#: the ``lang`` setting that finds each page's language
AUTO = "auto"

#: a word no list holds counts as this frequency (about one in a hundred million words)
_FLOOR = 1e-8
#: a second language joins the page's own when its lines hold at least this share of the words
MIXED_SHARE = 0.3
_MIN_LINE_WORDS = 4
#: a line votes for a language only where most of its words are common in that language (a
#: garbled line's fragments match any language by chance)
_KNOWN = 0.7
_COMMON = 1e-6  # (a word used once in a million: wordfreq's lists hold rarer fragments)
#: a text of fewer words than this (a label, a garbled line) is not told apart: the first
#: candidate is kept
MIN_WORDS = 6
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class LanguageGuess:
    """What :func:`identify` found: the Tesseract setting to read the page with, and the share of
    the page's words whose lines each candidate language won."""

    lang: str
    shares: dict[str, float]
    words: int  # how many words the guess rests on


@cache
def _lists(candidates: tuple[str, ...]) -> tuple[tuple[str, dict[str, float]], ...]:
    return tuple((c, word_table(code)) for c in candidates if (code := wordfreq_code(c)))


def identify(text: str, candidates: tuple[str, ...]) -> LanguageGuess:
    """The language(s) of ``text`` among ``candidates`` (Tesseract codes); the first candidate
    where the text holds too few words to tell."""
    lists = _lists(candidates)
    if not lists:
        return LanguageGuess(candidates[0], {}, 0)
    tables = dict(lists)
    totals = dict.fromkeys(tables, 0.0)
    won = dict.fromkeys(totals, 0)
    floor = math.log(_FLOOR)
    n_words = 0
    for line in text.splitlines():
        words = [w.casefold() for w in _WORD.findall(line)]
        if not words:
            continue
        n_words += len(words)
        scores = {c: sum(math.log(table[w]) if w in table else floor for w in words) for c, table in lists}
        for c, score in scores.items():
            totals[c] += score
        top = max(scores, key=scores.__getitem__)
        if len(words) >= _MIN_LINE_WORDS and sum(tables[top].get(w, 0.0) >= _COMMON for w in words) >= _KNOWN * len(words):
            won[top] += len(words)
    if n_words < MIN_WORDS:
        return LanguageGuess(candidates[0], {}, n_words)
    # the language whose words the whole text uses most (garbled words score the same floor in
    # every language, so they do not sway it); a second language joins where both it and that
    # one win well-read lines, and it a good part of them
    counted = sum(won.values())
    shares = {c: won[c] / (counted or 1) for c in won}
    best = max(totals, key=totals.__getitem__)
    second = [c for c in sorted(shares, key=shares.__getitem__, reverse=True)
              if c != best and won[best] and shares[c] >= MIXED_SHARE]
    return LanguageGuess("+".join([best, *second[:1]]), shares, n_words)


def identifiable_languages(tessdata: str | os.PathLike | None = None) -> tuple[str, ...]:
    """The installed Tesseract languages ``lang="auto"`` chooses among: those with a word list
    (``eng`` first where installed: it reads a page first)."""
    from .engines.models import SCRIPT_MODELS
    from .engines.tesseract import installed_languages

    typefaces = {m.model for m in SCRIPT_MODELS}
    codes = [c for c in installed_languages(tessdata)
             if "/" not in c and c not in typefaces and c != "equ" and wordfreq_code(c)]
    return tuple(sorted(codes, key=lambda c: (c != "eng", c)))


def candidates(lang: str, tessdata: str | os.PathLike | None = None) -> tuple[str, ...]:
    """The languages a ``lang`` setting reads with, the first one first: ``lang`` itself, or for
    ``"auto"`` the installed languages :func:`identify` chooses among."""
    if lang != AUTO:
        return (lang,)
    found = identifiable_languages(tessdata)
    if not found:
        raise LanguageNotInstalledError("lang='auto' found no installed Tesseract language with a word list; install one.")
    return found
