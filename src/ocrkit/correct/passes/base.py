"""The interface of a learned habit: a pass over a corrected line.

A pass is one habit of the transcriptions a model was trained on (they drop column rules, they
write ``'`` for ``’``, they keep words broken at line ends with their hyphen, ...). It owns
what it counts in training pairs, decides from those counts whether it is on, rewrites a line
through a :class:`~ocrkit.correct.fixes.LineEdit`, and saves its counts under its ``name`` in
the model file. The corrector runs the passes in the order of :data:`ocrkit.correct.passes.PASSES`,
after the word decoder.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from ..corrector import Corrector
    from ..fixes import LineEdit


class Pass:
    """Base class of the passes; a pass with no counts of its own overrides only
    :meth:`prepare` and :meth:`rewrite`."""

    #: the key of the pass's counts in the model file
    name: ClassVar[str]

    def learn(self, ocr: str, gt: str) -> None:
        """Count what one aligned (ocr, ground truth) training pair shows of this habit."""

    def prepare(self, corrector: Corrector) -> bool:
        """Derive from the counts what :meth:`rewrite` needs; return whether the pass is on
        (only a trained model's passes are: ``corrector.traits.trained``)."""
        return corrector.traits.trained

    def rewrite(self, line: LineEdit, corrector: Corrector) -> None:
        """Rewrite the line in place: new token texts in ``line.out``, a fix for each change."""
        raise NotImplementedError

    def to_dict(self) -> dict:
        """The counts, for the model file."""
        return {}

    def load(self, counts: dict) -> None:
        """Take the counts written by :meth:`to_dict`."""


def counter(d: dict | None) -> Counter[str]:
    """A counter of ``str -> int`` from a model file's dict."""
    return Counter({k: int(v) for k, v in (d or {}).items()})


def mark_table(counts: Counter[str], rewrite, min_count: int, share: float) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """``{mark: what the transcriptions write}`` from ``'mark|written'`` counts, where
    ``rewrite(mark, written)`` is one to make and was seen ``min_count`` times and in ``share``
    of the mark's sightings."""
    seen: Counter[str] = Counter()
    for key, n in counts.items():
        seen[key.split("|", 1)[0]] += n
    out = {}
    for key, n in counts.items():
        mark, gt = key.split("|", 1)
        if gt and rewrite(mark, gt) and n >= min_count and n >= share * seen[mark]:
            out[mark] = gt
    return out
