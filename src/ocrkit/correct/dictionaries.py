"""The system's spelling dictionaries: whether a language writes a word small or only with a capital.

Word frequency lists are lower case, so they cannot tell ``oncle`` (a word) from ``alain`` (a
name), or German ``alte`` (an adjective) from ``Auto`` (a noun). Hunspell's dictionaries can: a
word they accept in small letters is written small; one they accept only with a capital is a
name or, in German, a noun. ocrkit ships none of them (their licenses differ); it reads the
ones the system has (Debian's ``hunspell-de-de``, ``hunspell-fr``, ``hunspell-nl`` and
``hunspell-en-us``, installed by ``scripts/setup.sh``; Hunspell's own ``DICPATH`` is searched
first) with spylls, Hunspell in Python. Loading one takes a few seconds, so a dictionary is
loaded once per process, the first time a line asks about a word of its language; where none is
installed the answer is ``None`` and the corrector decides as it would without.
"""

from __future__ import annotations

import logging
import os
import threading
from enum import Enum
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class Case(Enum):
    """How a dictionary writes a word inside a sentence."""

    SMALL = "small"  # accepted in small letters
    CAPITAL = "capital"  # accepted only with a capital: a name, a German noun


#: the dictionaries to look for, by wordfreq code, in order of preference
_NAMES = {
    "en": ("en_US", "en_GB", "en"),
    "de": ("de_DE", "de_AT", "de_CH", "de"),
    "fr": ("fr_FR", "fr"),
    "nl": ("nl_NL", "nl"),
}
#: where systems install Hunspell dictionaries (after DICPATH)
_DIRS = (
    "/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell", "/usr/local/share/hunspell",
    "/opt/homebrew/share/hunspell", "~/Library/Spelling",
)

_loaded: dict[str, Any] = {}
_lock = threading.Lock()


def find(code: str) -> Path | None:
    """The installed dictionary of a language (``de_DE.dic`` and its ``.aff``, as a path
    without the suffix), or None."""
    names = _NAMES.get(code, (f"{code}_{code.upper()}", code))
    dirs = [d for d in os.environ.get("DICPATH", "").split(os.pathsep) if d] + list(_DIRS)
    for d in dirs:
        for name in names:
            base = Path(d).expanduser() / name
            if base.with_suffix(".dic").is_file() and base.with_suffix(".aff").is_file():
                return base
    return None


def _dictionary(code: str) -> Any:
    """The loaded dictionary of a language (None where there is none or it cannot be read)."""
    with _lock:
        if code not in _loaded:
            _loaded[code] = None
            base = find(code)
            if base is not None:
                try:
                    from spylls.hunspell import Dictionary

                    _loaded[code] = Dictionary.from_files(str(base))
                except Exception as e:  # (a damaged or unreadable dictionary: decide without it)
                    log.warning("could not read the spelling dictionary %s: %s", base, e)
        return _loaded[code]


def case_of(word: str, code: str) -> Case | None:
    """How the language ``code`` (a wordfreq code) writes ``word`` inside a sentence, by its
    installed dictionary: None where there is no dictionary or it knows the word in no case."""
    d = _dictionary(code)
    if d is None or not word:
        return None
    small = word.lower()
    if d.lookup(small):
        return Case.SMALL
    if d.lookup(small[0].upper() + small[1:]):
        return Case.CAPITAL
    return None


def only_small(word: str, code: str) -> bool:
    """Whether the installed dictionary of ``code`` accepts ``word`` in small letters and not
    with a capital as it stands ('schön', 'ouvre'; not 'arbeiten', which German also writes as
    the noun 'Arbeiten', nor 'olive', which English also knows as the name 'Olive'): a capital
    on it inside a sentence is a misreading. False where there is no dictionary."""
    d = _dictionary(code)
    if d is None or not word:
        return False
    small = word.lower()
    lookup = d.lookuper  # (exact case: Hunspell otherwise accepts any word capitalised, as at a sentence's start)
    return bool(lookup(small, capitalization=False)) and not lookup(small[0].upper() + small[1:], capitalization=False)
