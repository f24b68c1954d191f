"""The learned habits of the training transcriptions, one pass each (see :mod:`.base`).

A new habit is one module here with a :class:`~.base.Pass` subclass bound to ``PASS``, and its
name in :data:`ORDER`.
"""

from __future__ import annotations

from importlib import import_module

from .base import Pass

#: the passes, in the order they rewrite a line after the word decoder
ORDER = (
    "merges",  # 'f or' -> 'for'; 'shal low' -> 'shal- low'
    "digit_merges",  # 't@ @rt' -> 'taart' (on lines printed with digits for letters; not learned)
    "elisions",  # "I'année" -> "l'année" (French, Italian, Catalan; not learned)
    "doubled_quotes",  # '’’' -> '”' (not learned)
    "punctuation",  # '’' -> "'"
    "word_marks",  # 'l’homme' -> "l'homme"
    "long_dashes",  # 'inn—unless' -> 'inn unless'
    "capitals",  # 'OTE' -> 'QTE'
    "amount_marks",  # '1.86(' -> '1.86€'
    "line_breaks",  # 'con- tract' -> 'contract'
    "stray_marks",  # '| The house' -> 'The house'
    "dash_spacing",  # '- Vous' -> '-Vous'
)

PASSES: tuple[type[Pass], ...] = tuple(import_module(f"{__name__}.{name}").PASS for name in ORDER)


def new_passes() -> dict[str, Pass]:
    """A fresh instance of every pass, by name, in order."""
    return {cls.name: cls() for cls in PASSES}


__all__ = ["ORDER", "PASSES", "Pass", "new_passes"]
