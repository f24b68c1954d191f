"""The corrector's decision parameters: margins, switches and weights, saved with the model.

The defaults are those of an untrained model; :meth:`PostProcessor.fit` tunes them on held-out
pairs (see :mod:`ocrkit.correct.tuning`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class Params:
    """Tunable decision parameters (saved with the model)."""

    margin: float = math.log(6.0)  # a candidate must beat keeping the token by this (log) factor
    max_rule_edits: int = 5  # confusion-rule applications per word
    beam: int = 48
    known_freq: float = 1e-6  # words at least this frequent are taken as right without scoring
    max_line_factor: float = 15.0
    known_word_margin: float = math.log(10.0)  # extra margin to replace a word the lexicon knows
    edit_margin: float = math.log(1e4)  # extra margin for a generic edit on a clean-looking word
    digit_line_factor: float = 3.0  # tokens that start with a digit change only on lines this garbled
    memory_margin: float = math.log(2.0)  # a learned word replacement must beat keeping by this
    near_words: int = 30_000  # most frequent words searched at two edits
    shortlist: int = 8  # candidates scored in context
    split_prob: float = 0.0  # P(the engine lost the space between two words) (0: off; tuned by fit)
    # P(the engine printed a space inside a word) ('f or'; 0: off; tuned by fit); where the transcriptions keep
    # words broken at line ends, the halves get the hyphen back instead: 'shal low' -> 'shal- low'
    merge_prob: float = 0.0
    unknown_keep: float = 1e-8  # LM floor for keeping a lower-case word no list knows (tuned by fit)
    capital_keep: float = 10.0  # ... times this for a capitalised one, more likely a name (German capitalises nouns: tuned by fit)
    # punctuation the transcriptions write otherwise more often than this share is rewritten (inf: off; e.g. 0.95)
    typography: float = math.inf
    # a lexicon-free rewrite of an unknown word must beat it by this in the spelling model (inf: off; tuned by fit)
    spelling_margin: float = math.inf
    strict_freq: float = 0.0  # a known word must be more frequent than this for the wider known-word margin (tuned by fit)
    unknown_evidence: float = 0.25  # error evidence an unknown word adds to its line's error estimate (tuned by fit)
    rare_evidence: float = 0.0  # ... a known word rarer than known_freq (tuned by fit)
    # keeping an unknown word: times exp(this x how much more word-like than usual it looks, per letter) (0: off)
    wordlike: float = 0.0
    length_decay: float = 0.0  # ... times exp(-decay per letter beyond 4): a long unknown word near a known one is rarely right
    document_weight: float = 0.3  # weight of a word's share of the rest of the document against its general frequency
    document_channel: float = 0.0  # weight of the confusions a document's first reading undid, in a second reading (0: off; tuned by fit)
    # a known word that a frequent misreading makes of a word this many times commoner is checked like an unknown one
    suspect_ratio: float = math.inf

    def to_dict(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, d: dict) -> Params:
        """From :meth:`to_dict`; parameters this version does not know (a newer one's) are ignored."""
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})
