"""Whether a language writes a word in small letters inside a sentence, or with a capital.

Most languages write their words so, names aside. German capitalises its nouns, so there a word
is written small only where text shows it: counts shipped per language in
``data/casing-<lang>.json`` (made by scripts/build_casing.py from ground truth whose license
allows it; see the file's ``about``), and, for words the counts do not know, the system's
spelling dictionary (:mod:`.dictionaries`). Elsewhere a word common enough is no name; a rarer
one is written small where the dictionary writes it so (``oncle``, not ``alain``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache

from ..lexicon import CAPITALISED_NOUNS
from .dictionaries import Case, case_of, only_small

#: the files of the languages that capitalise their nouns, by wordfreq code
_FILES = {"de": "casing-deu.json"}
#: sightings inside sentences, and the share of them in small letters, that make a word a small one
#: (or, with that share in capitals, a capitalised one)
_SEEN, _SMALL = 3, 0.9
#: a word at least this frequent is rarely a name ('sarah', 'anna' are rarer; 'sister', 'soir' are not)
NO_NAME = 5e-5


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


def _case(word: str, code: str, lost: bool = False) -> Case | None:
    """How a language that capitalises its nouns writes ``word``: by its counts where they saw
    it often enough (None where they saw it both ways, 'ihr' and the polite 'Ihr', unless the
    printed case was ``lost``: then the commoner way); else by its dictionary: where the case
    was lost, as the dictionary accepts it; where a capital was printed, small only where the
    dictionary accepts the word in no other way ('schön'; 'arbeiten' is also the noun 'Arbeiten':
    a printed capital outweighs it)."""
    small, capital = _counts(code).get(word, (0, 0))
    if small + capital < _SEEN:
        if lost:
            return case_of(word, code)
        return Case.SMALL if only_small(word, code) else None
    if small >= _SMALL * (small + capital) or (lost and small > capital):
        return Case.SMALL
    return Case.CAPITAL if capital >= _SMALL * (small + capital) or (lost and capital > small) else None


def written_small(word: str, langs: Iterable[str], freq: float, lost: bool = False) -> bool:
    """Whether every language of ``langs`` (wordfreq codes) writes ``word`` (lower case, a
    known word of frequency ``freq``) in small letters inside a sentence. Where the printed
    case was ``lost`` (a digit printed for the first letter, on a line that prints digits for
    letters throughout), whether it does so more often than not, the dictionaries answering
    for words the counts do not know; elsewhere a printed capital outweighs the dictionaries
    unless they accept the word in small letters only ('Schön' inside a sentence is misread).
    In languages that write only names with a capital, a word rare enough to be a name is one
    unless the dictionary accepts it in small letters only ('Oncle' is 'oncle'; 'Olive', 'Ann'
    stay)."""
    if freq <= 0.0:
        return False
    for code in langs:
        if code in CAPITALISED_NOUNS:
            if _case(word, code, lost) is not Case.SMALL:
                return False
        elif freq < NO_NAME and not only_small(word, code):
            return False  # (a rarer word may be a name: unless the dictionary knows it small only)
    return True


def written_capital(word: str, langs: Iterable[str]) -> bool:
    """Whether every language of ``langs`` that capitalises its nouns writes ``word`` with a
    capital inside a sentence (a German noun: 'Auto' for a printed '4uto'); False for others."""
    langs = [code for code in langs if code in CAPITALISED_NOUNS]
    return bool(langs) and all(_case(word, code, lost=True) is Case.CAPITAL for code in langs)


def counted_casing(langs: Iterable[str]) -> bool:
    """Whether every language of ``langs`` capitalises its nouns, so that whether it writes a
    word small is counted (:func:`written_small`), not assumed."""
    langs = list(langs)
    return bool(langs) and all(code in CAPITALISED_NOUNS for code in langs)
