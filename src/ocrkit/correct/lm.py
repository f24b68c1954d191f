"""The language model: how likely a word is, in a language (and after the previous word).

Unigram probabilities come from wordfreq (installed from PyPI with ocrkit; 40+ languages, read
offline from the wheel) mixed with word counts learned from training text. Bigram counts learned
from text add context where they exist.
"""

from __future__ import annotations

import bisect
import math
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice

from ..lexicon import Lexicon

#: probability given to a word no source knows
OOV_PROB = 1e-9
#: marks other than guillemets that an engine may print for a letter (see PostProcessor._tokens)
_STUCK_MARKS = frozenset("(")
_LOG_OOV = math.log(OOV_PROB)


@lru_cache(maxsize=1)
def _symspell_english() -> tuple[dict[str, int], dict[str, int]] | None:
    """English unigram and bigram counts shipped inside the symspellpy wheel (read offline)."""
    try:
        from importlib import resources

        root = resources.files("symspellpy")
        uni: dict[str, int] = {}
        for line in (root / "frequency_dictionary_en_82_765.txt").read_text(encoding="utf-8").splitlines():
            w, _, c = line.partition(" ")
            uni[w] = int(c)
        bi: dict[str, int] = {}
        for line in (root / "frequency_bigramdictionary_en_243_342.txt").read_text(encoding="utf-8").splitlines():
            parts = line.split(" ")
            if len(parts) == 3:
                bi[parts[0] + " " + parts[1]] = int(parts[2])
        return uni, bi
    except Exception:  # symspellpy not installed: no base bigrams
        return None


def normalise(word: str) -> str:
    """The lexicon key of a word: NFC, lower case, typographic apostrophes straightened."""
    return unicodedata.normalize("NFC", word).lower().replace("’", "'")


class LanguageModel:
    """Unigram (wordfreq + learned) and bigram (learned) word probabilities for one language
    setting; ``langs`` are wordfreq codes (several for ``eng+fra``)."""

    def __init__(self, langs: Iterable[str], vocab: Counter[str] | None = None, bigrams: Counter[str] | None = None):
        self.langs = list(langs)
        self.vocab: Counter[str] = vocab or Counter()
        self.bigrams: Counter[str] = bigrams or Counter()
        self.lexicon = Lexicon(self.langs)
        self._tables = self.lexicon.tables
        self.guillemets = [0, 0]  # words with a guillemet stuck to them, words (in learned text)
        self.marks: Counter[str] = Counter()  # words with an opening parenthesis stuck to them (see _STUCK_MARKS)
        self._base_cache: object = False
        self._refresh()

    @classmethod
    def for_tesseract_lang(cls, lang: str) -> LanguageModel:
        """The word lists of a Tesseract language setting (``eng+fra``): see :class:`Lexicon`."""
        return cls(Lexicon.for_tesseract_lang(lang).langs)

    def _refresh(self) -> None:
        self._vocab_total = sum(self.vocab.values())
        # weight of learned counts against wordfreq: grows with the amount of text seen
        self._alpha = min(0.5, self._vocab_total / (self._vocab_total + 200_000)) if self._vocab_total else 0.0
        self._bigram_total = sum(self.bigrams.values())
        self._sorted_keys: list[str] | None = None  # built on first use by is_prefix
        self._prefix_cache: dict[str, bool] = {}

    def add_text(self, texts: Iterable[str]) -> None:
        """Learn word and bigram counts from plain text."""
        from .tokens import tokenize

        for text in texts:
            for line in text.splitlines():
                prev = None
                for tok in tokenize(line):
                    if tok.kind != "word" or not tok.core.replace("-", "").replace("'", "").isalpha():
                        prev = None
                        continue
                    w = normalise(tok.core)
                    self.vocab[w] += 1
                    self.guillemets[0] += any(q in tok.lead[-1:] + tok.trail[:1] for q in "«»")
                    self.guillemets[1] += 1
                    for q in {tok.lead[-1:], tok.trail[:1]} & _STUCK_MARKS:
                        self.marks[q] += 1
                    if prev is not None:
                        self.bigrams[prev + " " + w] += 1
                    prev = None if tok.trail and tok.trail[-1] in ".!?;:" else w
        self._refresh()

    def listed_freq(self, word: str) -> float:
        """The frequency of the normalised ``word`` in the word lists alone (0.0 if unlisted)."""
        return self.lexicon.freq(word)

    def freq(self, word: str) -> float:
        """Unigram probability of the normalised ``word`` (0.0 if unknown)."""
        base = self.listed_freq(word)
        if self._alpha:
            learned = self.vocab.get(word, 0) / self._vocab_total
            return (1 - self._alpha) * base + self._alpha * learned
        return base

    def top_words(self, n: int) -> list[str]:
        """The ``n`` most frequent words of each word list (most frequent first)."""
        return self.lexicon.top_words(n)

    def listed_words(self, n: int) -> Iterator[str]:
        """The first ``n`` words of each word list, in the list's own (frequency) order."""
        for table in self._tables:
            yield from islice(table, n)

    def mark_prob(self, mark: str) -> float:
        """How often a word has ``mark`` stuck to it (a guillemet, ``(``), from learned text."""
        if mark in "«»":
            return self.guillemet_prob()
        return (self.marks.get(mark, 0) + 0.5) / (self.guillemets[1] + 10.0)

    def guillemet_prob(self) -> float:
        """How often a word has a guillemet stuck to it (``»Text«``), from learned text."""
        quoted, words = self.guillemets
        return (quoted + 0.5) / (words + 10.0)

    def known(self, word: str) -> bool:
        return self.freq(word) > 0.0

    def is_prefix(self, prefix: str) -> bool:
        """Whether some known word starts with ``prefix`` (normalised): lets candidate search
        drop a rewrite as soon as it can no longer become a word."""
        hit = self._prefix_cache.get(prefix)
        if hit is None:
            keys = self._sorted_keys
            if keys is None:
                # each word list in its own order (alphabetical within a frequency band: runs
                # the sort merges, three times faster than sorting a set); repeats do no harm
                keys = [w for t in self._tables for w in t]
                keys.extend(w.casefold() for w in self.vocab)
                keys.sort()
                self._sorted_keys = keys
            folded = prefix.casefold()  # the tables are case-folded ('saß' is under 'sass')
            i = bisect.bisect_left(keys, folded)
            hit = i < len(keys) and keys[i].startswith(folded)
            if len(self._prefix_cache) > 500_000:
                self._prefix_cache.clear()
            self._prefix_cache[prefix] = hit
        return hit

    def known_among(self, words: set[str]) -> set[str]:
        """The members of ``words`` that some word list knows (set operations, C speed)."""
        found: set[str] = set()
        for t in self._tables:
            found |= t.keys() & words
        special = {w: f for w in words if not w.isascii() and (f := w.casefold()) != w}  # (folded(), inlined: a hot loop)
        if special:  # 'saß' is 'sass' in wordfreq's lists
            found |= {w for w, f in special.items() if any(f in t for t in self._tables)}
        if self.vocab:
            found |= self.vocab.keys() & words
        return found

    def logp(self, word: str, prev: str | None = None) -> float:
        """log P(word | prev): the unigram probability interpolated with the bigram estimates of
        every source that knows ``prev`` (learned text; for English, symspellpy's bigram table)."""
        p = self.freq(word)
        if prev is not None:
            wsum = est = 0.0
            if self._bigram_total:
                c_prev = self.vocab.get(prev, 0)
                if c_prev:
                    w = c_prev / (c_prev + 20.0)
                    wsum += w
                    est += w * self.bigrams.get(prev + " " + word, 0) / c_prev
            base = self._base
            if base is not None:
                c_prev = base[0].get(prev, 0)
                if c_prev:
                    wsum += 1.0
                    est += min(1.0, base[1].get(prev + " " + word, 0) / c_prev)
            if wsum:
                p = 0.5 * p + 0.5 * est / wsum
        return math.log(p) if p > OOV_PROB else _LOG_OOV

    @property
    def _base(self) -> tuple[dict[str, int], dict[str, int]] | None:
        """Bigram counts that come with an installed package (English: symspellpy), loaded once."""
        if self._base_cache is False:
            self._base_cache = _symspell_english() if self.langs == ["en"] else None
        return self._base_cache  # type: ignore[return-value]

    def to_dict(self) -> dict:
        return {
            "wordfreq": self.langs,
            "vocab": dict(self.vocab.most_common()),
            "bigrams": dict(self.bigrams.most_common()),  # (all of them: a saved model reads as the trained one)
            "guillemets": self.guillemets,
            "marks": dict(self.marks),
        }

    @classmethod
    def from_dict(cls, d: dict) -> LanguageModel:
        lm = cls(d["wordfreq"], Counter(d.get("vocab", {})), Counter(d.get("bigrams", {})))
        lm.guillemets = [int(v) for v in d.get("guillemets", (0, 0))]
        lm.marks = Counter({k: int(v) for k, v in d.get("marks", {}).items()})
        return lm
