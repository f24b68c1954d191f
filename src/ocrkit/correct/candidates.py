"""Candidate generation: the words a printed token may have been, with ``log P(printed | word)``.

Candidates come from (1) the error model's confusions applied to the token in a beam over its
positions (``1``→``i``, ``rn``→``m``), (2) the engine's own per-character alternatives, (3)
every known word one generic edit away, (4) common words two edits away, scored edit by edit,
and (5) on a trained model and a garbled line, common words three edits away where every edit
is a misreading the error model knows.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from ..results import Symbol
from .channel import ErrorModel, align_edits
from .fixes import Reason
from .lm import normalise
from .tokens import GARBAGE

if TYPE_CHECKING:
    from .model import Model
    from .traits import Traits


@dataclass(frozen=True, slots=True)
class Candidate:
    word: str  # normalised (lower case)
    logp: float  # log P(printed token | word), from the error model
    reason: Reason


#: the two-edit search scans the word lists this many times before it builds an index: about as
#: long as building it takes, so a page pays for no index and a long document for at most twice it
_SCANS_BEFORE_INDEX = 1000


class WordIndex:
    """The common words of the model's word lists and learned text, and the searches at two
    and three edits among them (built on first use; independent of the error model)."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self._common: set[str] | None = None
        self._symspell = None
        self._by_length: tuple[list[str], list[int]] | None = None  # (words by length, their lengths)
        self._scans = 0

    def common(self) -> set[str]:
        """The ``Params.near_words`` most frequent words of each list, and the learned words
        seen twice or more."""
        if self._common is None:
            lm = self.model.lm
            words = {w for w in lm.listed_words(self.model.params.near_words) if w.isalpha()}
            words.update(w for w, c in lm.vocab.items() if c >= 2 and w.isalpha())
            self._common = words
        return self._common

    def _lengths(self, word: str, reach: int) -> list[str]:
        """The common words whose length is within ``reach`` of ``word``'s (a slice of the
        common words ordered by length)."""
        if self._by_length is None:
            words = sorted(self.common(), key=len)
            self._by_length = (words, [len(w) for w in words])
        words, lengths = self._by_length
        return words[bisect.bisect_left(lengths, len(word) - reach):bisect.bisect_right(lengths, len(word) + reach)]

    def near(self, word: str) -> list[str]:
        """Common words exactly two edits from ``word`` (adjacent letters swapped: one edit),
        none where one is nearer, in alphabetical order: a scan of the words of a similar
        length at first, a SymSpell index once a document has asked often enough for it to pay."""
        index = self._symspell
        if index is None and self._scans < _SCANS_BEFORE_INDEX:
            self._scans += 1
            hits = process.extract(word, self._lengths(word, 2), scorer=OSA.distance, score_cutoff=2, limit=None)
            return [] if any(d < 2 for _, d, _ in hits) else sorted(w for w, _, _ in hits)
        if index is None:
            index = self.prepare()
        from symspellpy import Verbosity

        return sorted(s.term for s in index.lookup(word, Verbosity.CLOSEST, max_edit_distance=2) if s.distance == 2)

    def prepare(self) -> Any:
        """Build the two-edit search's index now (a SymSpell index; see :meth:`near`)."""
        if self._symspell is None:
            from symspellpy import SymSpell

            index = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
            for w in self.common():
                index.create_dictionary_entry(w, 1)
            self._symspell = index
        return self._symspell

    def far(self, word: str) -> list[str]:
        """Common words exactly three edits from ``word`` (of a length within three of it)."""
        hits = process.extract(word, self._lengths(word, 3), scorer=Levenshtein.distance, score_cutoff=3, limit=None)
        return [w for w, d, _ in hits if d == 3]


class Candidates:
    """Candidate generation under one error model (a document's second reading has its own)."""

    def __init__(self, model: Model, channel: ErrorModel, traits: Traits, words: WordIndex) -> None:
        self.model, self.channel, self.traits, self.words = model, channel, traits, words
        self._cache: dict[tuple[str, float, float], list[Candidate]] = {}
        #: confusions an overlay makes likelier (a digit line's): ``boost`` scales them further
        self._overlay: dict[tuple[str, str], float] = getattr(channel, "extra", {})

    def of(self, core: str, factor: float, alts: Sequence[Symbol] | None, boost: float = 1.0) -> list[Candidate]:
        """Known words ``core`` may have been, at a line's error ``factor`` (and ``boost`` times
        that for the overlay's confusions), with the engine's alternatives per character where
        it gave them (cached for repeated tokens without)."""
        if alts:
            return self._generate(core, factor, alts, boost)
        key = (core, round(math.log(factor), 1), round(math.log(boost), 1))
        hit = self._cache.get(key)
        if hit is None:
            if len(self._cache) > 50_000:
                self._cache.clear()
            hit = self._cache[key] = self._generate(core, factor, None, boost)
        return hit

    def _scale(self, gt: str, ocr: str, factor: float, boost: float) -> float:
        return factor * boost if boost != 1.0 and (gt, ocr) in self._overlay else factor

    def channel_logp(self, ocr: str, word: str, factor: float, boost: float = 1.0) -> tuple[float, bool]:
        """log P(ocr | word) from the aligned edits, and whether the error model knew every edit."""
        lp, all_known = 0.0, True
        for gt_seq, ocr_seq in align_edits(ocr, word):
            prob = self.channel.prob(gt_seq, ocr_seq)
            all_known &= prob > self.channel.generic
            lp += math.log(min(0.9, prob * self._scale(gt_seq, ocr_seq, factor, boost)))
        return lp, all_known

    def scored(self, ocr: str, word: str, factor: float, boost: float = 1.0) -> Candidate:
        """``word`` as a candidate for ``ocr``, scored edit by edit."""
        lp, all_known = self.channel_logp(ocr, word, factor, boost)
        return Candidate(word, lp, Reason.CONFUSION if all_known else Reason.EDIT)

    def _generate(self, core: str, factor: float, alts: Sequence[Symbol] | None, boost: float = 1.0) -> list[Candidate]:
        index = self.channel.reverse_index()
        p, lm = self.model.params, self.model.lm
        found: dict[str, tuple[float, Reason]] = {}

        # (1) confusion rules and (2) the engine's alternatives, in a beam over the positions
        alt_at: dict[int, list[tuple[str, float]]] = {}
        if alts and len(alts) == len(core):
            for j, s in enumerate(alts):
                if s.choices:
                    alt_at[j] = [(c.text, max(c.probability, 1e-3)) for c in s.choices]
        n = len(core)
        max_edits = p.max_rule_edits if factor >= 0.5 else min(2, p.max_rule_edits)  # clean lines: fewer
        rules: dict[str, list[tuple[str, float]]] = {}  # ocr sequence -> [(gt, log p)] at this factor

        def rules_for(seg: str) -> list[tuple[str, float]]:
            hit = rules.get(seg)
            if hit is None:
                hit = rules[seg] = [(gt, math.log(min(0.9, prob * self._scale(gt, seg, factor, boost))))
                                    for gt, prob in index.get(seg, ())]
            return hit

        paths: list[list[tuple[float, str, int, bool]]] = [[] for _ in range(n + 1)]
        paths[0].append((0.0, "", 0, False))  # (log p, prefix, edits, used an engine alternative)
        viable = lm.is_prefix
        for j in range(n):
            # rewrites that no known word begins with are dropped before the beam is cut, so
            # that the beam holds only prefixes that can still become words
            here = paths[j] = [t for t in paths[j] if viable(t[1].lower().replace("’", "'"))] if j else paths[j]
            if len(here) > p.beam:
                here.sort(key=lambda t: -t[0])
                del here[p.beam :]
            ch = core[j]
            one, two = rules_for(ch), (rules_for(core[j : j + 2]) if j + 1 < n else ())
            alts_here = alt_at.get(j, ())
            nxt1, nxt2 = paths[j + 1], (paths[j + 2] if j + 1 < n else [])
            for lp, prefix, edits, used_alt in here:
                nxt1.append((lp, prefix + ch, edits, used_alt))
                if edits >= max_edits:
                    continue
                for gt, lq in one:
                    nxt1.append((lp + lq, prefix + gt, edits + 1, used_alt))
                for gt, lq in two:
                    nxt2.append((lp + lq, prefix + gt, edits + 1, used_alt))
                for txt, prob in alts_here:
                    nxt1.append((lp + math.log(min(0.9, prob * 2)), prefix + txt, edits + 1, True))
        best: dict[str, tuple[float, bool]] = {}
        for lp, word, edits, used_alt in paths[n]:
            if edits:
                w = word.lower()
                if w not in best or best[w][0] < lp:
                    best[w] = (lp, used_alt)
        for w in lm.known_among(set(best)):
            if not any(c.isdigit() for c in w):
                lp, used_alt = best[w]
                found[w] = (lp, Reason.ENGINE_ALTERNATIVE if used_alt else Reason.CONFUSION)
        # (3) one generic edit away (insertions, deletions, substitutions, transpositions)
        low = normalise(core)
        if not any(c.isdigit() for c in core) or len(core) > 2:
            generic = math.log(min(0.5, self.channel.generic * factor))
            for variant in lm.known_among(edits1(low, self.traits.alphabet)):
                if variant not in found and not any(c.isdigit() for c in variant):
                    found[variant] = (generic, Reason.EDIT)
        # (4) two edits away among common words, scored edit by edit with the error model; only
        # for lower-case words, or on lines that look garbled (a capitalised word on a clean line
        # is more likely a name than a word two edits away)
        garbled = factor >= 1.0 or core[:1].islower() or any(c in GARBAGE for c in core)
        if garbled and len(low) >= 4 and not any(reason is Reason.CONFUSION for _, reason in found.values()):
            for word in self.words.near(low):
                if word not in found:
                    c = self.scored(low, word, factor, boost)
                    found[word] = (c.logp, c.reason)
        # (5) a word garbled beyond what the search above reached: common words three edits away,
        # kept only where every edit is a misreading the error model knows ('nccting': 'meeting');
        # trained models only, on lines that look garbled (the search is slow)
        if self.traits.trained and (factor >= 1.0 or any(c in GARBAGE for c in core)) and len(low) >= 6:
            for word in self.words.far(low):
                if word not in found:
                    lp, all_known = self.channel_logp(low, word, factor, boost)
                    if all_known:  # (three unknown edits make any word of the length)
                        found[word] = (lp, Reason.CONFUSION)
        return [Candidate(w, lp, reason) for w, (lp, reason) in found.items()]


def edits1(word: str, alphabet: str) -> set[str]:
    """Every string one insertion, deletion, substitution or transposition from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in alphabet if c != b[0]]
    inserts = [a + c + b for a, b in splits for c in alphabet]
    return set(deletes + transposes + replaces + inserts)


def one_spelling(cands: list[Candidate], core: str) -> list[Candidate]:
    """The candidates, of those the word lists cannot tell apart (wordfreq stores 'ß' as 'ss':
    'waßer' is 'wasser' there) only the one nearest to what was read ('WAsser' is 'Wasser')."""
    nearest: dict[str, Candidate] = {}
    read = core.lower()
    for c in cands:
        key = c.word.casefold()
        have = nearest.get(key)
        if have is None or (Levenshtein.distance(c.word, read), -c.logp) < (Levenshtein.distance(have.word, read), -have.logp):
            nearest[key] = c
    return cands if len(nearest) == len(cands) else [c for c in cands if nearest[c.word.casefold()] is c]
