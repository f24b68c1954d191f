"""Whether a language writes a word in small letters inside a sentence.

Most languages write their words so, names aside. German capitalises its nouns, so there a word
is written small only where text shows it: counts shipped per language in
``data/casing-<lang>.json`` (made by scripts/build_casing.py from ground truth whose license
allows it; see the file's ``about``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache

from ..lexicon import CAPITALISED_NOUNS

#: the files of the languages that capitalise their nouns, by wordfreq code
_FILES = {"de": "casing-deu.json"}
#: sightings inside sentences, and the share of them in small letters, that make a word a small one
_SEEN, _SMALL = 3, 0.9


@cache
def _counts(code: str) -> dict[str, tuple[int, int]]:
    from importlib import resources

    name = _FILES.get(code)
    if name is None:
        return {}
    try:
        doc = json.loads((resources.files("ocrkit.correct") / "data" / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {w: (int(small), int(capital)) for w, (small, capital) in doc.get("words", {}).items()}


def written_small(word: str, langs: Iterable[str]) -> bool:
    """Whether every language of ``langs`` (wordfreq codes) writes ``word`` (lower case) in
    small letters inside a sentence."""
    for code in langs:
        if code not in CAPITALISED_NOUNS:
            continue
        small, capital = _counts(code).get(word, (0, 0))
        if small + capital < _SEEN or small < _SMALL * (small + capital):
            return False
    return True


def counted_casing(langs: Iterable[str]) -> bool:
    """Whether every language of ``langs`` capitalises its nouns, so that whether it writes a
    word small is counted (:func:`written_small`), not assumed."""
    langs = list(langs)
    return bool(langs) and all(code in CAPITALISED_NOUNS for code in langs)
