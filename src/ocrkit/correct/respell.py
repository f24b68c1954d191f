"""Respelling beyond the word lists: character models of how the learned text spells.

Historical and regional print uses words no list holds (``spaensche``). Where the learned text
spells differently from the word lists, an unknown, garbled word is rewritten by learned
confusions into a spelling that looks far more like the learned text (``fpaenfche`` →
``spaensche``). The same kind of character model, trained on the word lists, says how
word-like an unknown word looks: a name reads like a word, ``tlie`` does not.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .channel import ErrorModel
from .spelling import SpellingModel, wordlikeness_model

if TYPE_CHECKING:
    from .model import Model
    from .traits import Traits

_WORDLIKE_LEXICON = 30_000  # most frequent words per list that teach the character model of word-likeness
_WORD_BREAKS = ",;"  # punctuation inside a token that marks two words run together, not a misread letter


class Spellings:
    """The character models of a model's learned text and word lists (built on first use;
    independent of the error model)."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self._spelling: SpellingModel | None | bool = False
        self._wordlike: tuple[SpellingModel, float] | None = None  # (model, median level)
        self._wordlike_cache: dict[str, float] = {}

    @property
    def spelling(self) -> SpellingModel | None:
        """The character model of the learned text's spelling: only where the learned text spells
        differently from the word lists (at least 5,000 learned words, at least 6% of them
        unknown to the lists: historical or regional print), else None. On modern text the lists
        know the words, and rewrites toward letter patterns only garble names further."""
        if self._spelling is False:
            lm = self.model.lm
            vocab = lm.vocab
            total = sum(vocab.values())
            model = None
            unlisted = sum(c for w, c in vocab.items() if not lm.listed_freq(w))
            if total >= 5000 and unlisted >= 0.06 * total:
                model = SpellingModel()
                model.update(vocab.items())
            self._spelling = model
        return self._spelling  # type: ignore[return-value]

    def wordlikeness(self, key: str) -> float:
        """How much more word-like than the lexicon's median word ``key`` looks (log probability
        per character, in the character model of the word lists and the learned words)."""
        hit = self._wordlike_cache.get(key)
        if hit is None:
            if self._wordlike is None:
                lm = self.model.lm
                self._wordlike = wordlikeness_model(lm.top_words(_WORDLIKE_LEXICON), lm.vocab)
            model, median = self._wordlike
            if len(self._wordlike_cache) > 200_000:
                self._wordlike_cache.clear()
            hit = self._wordlike_cache[key] = model.per_char(key) - median
        return hit


class Respeller:
    """Rewrites of unknown words under one error model (cached per word and line factor)."""

    def __init__(self, model: Model, channel: ErrorModel, traits: Traits, spellings: Spellings) -> None:
        self.model, self.channel, self.traits, self.spellings = model, channel, traits, spellings
        self._cache: dict[tuple[str, float], tuple[float, str] | None] = {}

    def respell(self, core: str, low: str, factor: float) -> tuple[str, float] | None:
        """``(rewrite, probability)`` of an unknown, garbled word (``low``: its normalised form)
        where the rewrite beats it by ``Params.spelling_margin`` in the spelling model."""
        lm = self.model.lm
        if len(low) < 3 or lm.known(low) or any(c.isdigit() for c in low) or not self.traits.trained:
            return None
        if any(c in _WORD_BREAKS for c in core.strip(_WORD_BREAKS)):
            return None  # two words whose space was lost after a comma ('Vecchi,zijnde'): no one word
        spelling = self.spellings.spelling
        if spelling is None:
            return None
        key = (low, round(math.log(factor), 1))
        if key not in self._cache:
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[key] = self._best_rewrite(low, factor, spelling)
        hit = self._cache[key]
        if hit is None or hit[0] < self.model.params.spelling_margin:
            return None
        gain, word = hit
        return word, 1.0 / (1.0 + math.exp(-gain))

    def _best_rewrite(self, low: str, factor: float, spelling: SpellingModel) -> tuple[float, str] | None:
        """(gain in log probability over keeping, rewrite) for the best rewrite of ``low``."""
        index = self.channel.reverse_index()
        max_edits = self.model.params.max_rule_edits
        n = len(low)
        beam = 16
        paths: list[list[tuple[float, float, str, int]]] = [[] for _ in range(n + 1)]
        paths[0].append((0.0, 0.0, "", 0))  # (channel log p, spelling log p, prefix, edits)
        for j in range(n):
            here = paths[j]
            if len(here) > beam:
                here.sort(key=lambda t: -(t[0] + t[1]))
                del here[beam:]
            for ch_lp, sp_lp, prefix, edits in here:
                options = [(low[j], 0.0, 1, 0)]
                if edits < max_edits:
                    options += [(gt, math.log(min(0.9, p * factor)), 1, 1) for gt, p in index.get(low[j], ())[:6]]
                    if j + 1 < n:
                        options += [(gt, math.log(min(0.9, p * factor)), 2, 1) for gt, p in index.get(low[j : j + 2], ())[:6]]
                for text, lq, step, e in options:
                    text = text.lower()
                    if not text.isalpha():
                        continue
                    paths[j + step].append((ch_lp + lq, sp_lp + spelling.extend(prefix, text), prefix + text, edits + e))
        keep = spelling.logp(low)
        best: tuple[float, str] | None = None
        for ch_lp, sp_lp, word, edits in paths[n]:
            if not edits or word == low:
                continue
            score = ch_lp + sp_lp + spelling.end_logp(word) - keep
            if best is None or score > best[0]:
                best = (score, word)
        return best
