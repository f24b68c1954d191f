"""What a correction model is made of: everything that is learned, saved and loaded.

The :class:`Model` is data: the error model (character confusions), the language model (word
and bigram statistics), the word memory (printed words that were other words), the decision
parameters, and the counts of each learned habit (:mod:`ocrkit.correct.passes`). The
:class:`~ocrkit.correct.corrector.Corrector` reads it; :mod:`ocrkit.correct.modelfile` saves it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from .channel import ChannelModel
from .lm import LanguageModel
from .memory import WordMemory
from .params import Params
from .passes import Pass, new_passes


@dataclass
class Model:
    lang: str
    channel: ChannelModel
    lm: LanguageModel
    memory: WordMemory = field(default_factory=WordMemory)
    params: Params = field(default_factory=Params)
    passes: dict[str, Pass] = field(default_factory=new_passes)

    def learn(self, pairs: Iterable[tuple[str, str]], learn_words: bool = True) -> None:
        """Count what ``(ocr, ground_truth)`` pairs show: confusions, printed words that were
        other words, each habit, and (with ``learn_words``) the ground truth's words."""
        pairs = [(unicodedata.normalize("NFC", o), unicodedata.normalize("NFC", g)) for o, g in pairs if g]
        self.channel.update(pairs)
        self.memory.update(pairs)
        for habit in self.passes.values():
            for ocr, gt in pairs:
                habit.learn(ocr, gt)
        if learn_words:
            self.lm.add_text(g for _, g in pairs)
