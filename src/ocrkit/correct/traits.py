"""What the error model says about the engine, derived once each time the model learns.

Before training (fewer than 1,000 learned characters) a model knows only the built-in prior of
OCR confusions and none of these traits; after it, the traits switch on what training showed:
marks printed for letters (``wa«`` for ``was``, ``(hall`` for ``shall``), letters printed in the
wrong case (``auS`` for ``aus``), the accented letters of the language that OCR strips, and
known words that a frequent misreading makes of far commoner ones (``feinem`` of ``seinem``).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Model

_QUOTES = "«»"
#: marks an engine may print for a letter ('wa«', '(hall' for 'shall'), where training shows it
_LETTER_MARKS = "«»("
#: learned characters from which a model counts as trained
TRAINED_CHARS = 1000
#: capitals an engine prints for a digit printed inside a word (digits stand as tall as capitals:
#: a '0' in 'Y0ur' or 't0day' comes out 'YOur', 'tOday'; '1' as 'I', '4' as 'A', '3' as 'E', '5' as 'S')
DIGIT_CAPITALS = frozenset("OIAES")


class Traits:
    def __init__(self, model: Model) -> None:
        ch, lm = model.channel, model.lm
        self.model = model
        #: whether the error model was learned from training pairs
        self.trained = trained = ch.learned_chars >= TRAINED_CHARS
        #: marks this engine prints for letters, taken into the word they stick to
        self.letter_marks = {
            q for q in _LETTER_MARKS if any(gt.isalpha() and p > 10 * ch.generic for gt, p in ch.reverse_index().get(q, ()))
        } if trained else set()
        #: marks stripped from the keys of words (guillemets, and the learned letter marks)
        self.edge_marks = "".join(sorted(set(_QUOTES) | self.letter_marks))
        #: capitals this engine prints for small letters ('auS' for 'aus')
        self.case_slips = {
            ocr for (gt, ocr) in ch.confusions
            if len(gt) == 1 and gt.islower() and ocr == gt.upper() and ch.prob(gt, ocr) > 10 * ch.generic
        } if trained else set()
        #: letters of the error model's ground truth: what a generic edit may write
        self.alphabet = _alphabet(gt for gt, _ in ch.confusions)
        #: ASCII letter -> the accented letters of the language that OCR strips to it
        self.accents = _accents(lm.listed_words(5000), ch.confusions)
        self._accent_cache: dict[str, bool] = {}
        self._accented = frozenset(a for alts in self.accents.values() for a in alts)
        self._suspects: tuple[float, frozenset[str]] | None = None

    def case_slip(self, core: str) -> bool:
        """Letters printed in the wrong case: a learned one (:meth:`learned_slip`) or, trained
        or not, a digit's capital inside a word (:func:`digit_capital`)."""
        return self.learned_slip(core) or digit_capital(core)

    @cached_property
    def letters(self) -> frozenset[str]:
        """The letters of the language's commonest words (of any language of the model's), and of
        the text the model learned (a transcription's 'ĳ', an old print's 'ū'); made when first
        asked (a trained model's learned words are many, and the traits are made at every update)."""
        lm = self.model.lm
        return frozenset(c for words in (lm.listed_words(5000), lm.vocab) for w in words for c in w if c.isalpha())

    def foreign(self, key: str) -> bool:
        """Whether a word (normalised) has a letter none of the language's commonest words has
        ('ä' in French, 'é' in German); never for a language whose word list is missing. (The
        lists are case-folded: a letter that folds to others, German 'ß', is never foreign.)"""
        return bool(self.letters) and any(c.isalpha() and c not in self.letters and c.casefold() == c for c in key)

    def learned_slip(self, core: str) -> bool:
        """A capital right after a small letter ('auS', 'BundeSrath') where the error model has
        learned that this engine reads that letter in the wrong case (Fraktur 's' as 'S')."""
        slips = self.case_slips
        return bool(slips) and any(a.islower() and b.isupper() and b in slips for a, b in zip(core, core[1:]))

    def accent_suspect(self, key: str) -> bool:
        """A word whose accented form is a known word at least 10x more frequent ('ecole' in
        French; 'donnees', unknown itself)."""
        if not self.accents:
            return False
        hit = self._accent_cache.get(key)
        if hit is None:
            freq = self.model.lm.freq
            f = freq(key)
            hit = key.isascii() and any(g > 0.0 and g >= 10 * f for g in map(freq, self._accent_variants(key)))
            if len(self._accent_cache) > 200_000:
                self._accent_cache.clear()
            self._accent_cache[key] = hit
        return hit

    def accented_form(self, word: str) -> str | None:
        """The commonest accented form of ``word`` (in small letters), where it is a known word
        at least 10x more frequent (see :meth:`accent_suspect`); else None."""
        key = word.lower()
        if not self.accent_suspect(key):
            return None
        freq = self.model.lm.freq
        return max(self._accent_variants(key), key=freq)

    def accented(self, key: str) -> bool:
        """Whether ``key`` prints one of the accented letters OCR strips in this language."""
        return not key.isascii() and any(c in self._accented for c in key)

    def _accent_variants(self, key: str) -> list[str]:
        out = [""]
        for ch in key:
            alts = self.accents.get(ch)
            out = [o + ch for o in out] + ([o + a for o in out for a in alts] if alts else [])
            if len(out) > 64:
                out = out[:64]
        return [o for o in out if o != key]

    def suspects(self, common_words: Callable[[], Iterable[str]]) -> frozenset[str]:
        """Known words that one of this engine's learned misreadings of a letter (seen three
        times or more, probability 0.003 or more: Fraktur 's' as 'f', 'e' as 'c' in old
        newspapers) makes of a word ``Params.suspect_ratio`` times commoner ('feinem' of
        'seinem', 'arc' of 'are'): such a word is not taken as plainly right, and is changed
        without the known-word margin where the evidence is there. Empty before training."""
        ratio = self.model.params.suspect_ratio
        if self._suspects is not None and self._suspects[0] == ratio:
            return self._suspects[1]
        out: set[str] = set()
        if self.trained and math.isfinite(ratio):
            ch, freq = self.model.channel, self.model.lm.freq
            rules = [(gt, ocr) for (gt, ocr), c in ch.confusions.items()
                     if c >= 3 and gt.isalpha() and ocr.isalpha() and gt.islower() and ocr.islower() and ch.prob(gt, ocr) >= 0.003]
            for word in common_words():
                f = freq(word) / ratio
                for gt, ocr in rules:
                    at = word.find(gt)
                    while at >= 0:
                        misread = word[:at] + ocr + word[at + len(gt):]
                        if 0.0 < freq(misread) <= f:
                            out.add(misread)
                        at = word.find(gt, at + 1)
        self._suspects = (ratio, frozenset(out))
        return self._suspects[1]


def digit_capital(core: str, names: bool = True) -> bool:
    """Whether a word of small letters holds a capital an engine prints for a digit (see
    :data:`DIGIT_CAPITALS`): after its first letter ('tOday', 'kOud', 'verzOnden'), or second in
    a capitalised word ('YOur', 'MOrgen', 'HIj'). Real mixed-case words are no such word: a
    capitalised part of two letters or more before the capital ('JavaScript', 'McAllister',
    'LinkedIn'), capitals to the word's end ('iOS', 'macOS'), or any other capital after the
    first letter ('iPhone', 'OCRmyPDF', 'DuPont'). Without ``names`` (on a line that prints
    digits for letters), a capitalised part before the capital is no name: 'EveryOne', 'SnOw'."""
    letters = sum(c.isalpha() for c in core)
    if core.islower() or core.isupper() or letters < 2 or (letters == 2 and (not core[0].islower() or core[1] != "O")):
        return False  # (of two letters only 'gO', 'tO' for 'go', 'to'; 'lA' is 'LA', 'AI' an acronym)
    capitals = [j for j, c in enumerate(core) if c.isupper() and j > 0]
    if not capitals or any(core[j] not in DIGIT_CAPITALS for j in capitals):
        return False
    tail = [c for c in core[capitals[-1]:] if c.isalpha() and c.islower()]
    if core[capitals[-1] - 1].isupper() and (not tail or (tail == ["s"] and (names or len(capitals) > 1))):
        return False  # capitals to the end, or an acronym's plural: 'iOS', 'macOS', 'CEOs' (not 'wAs', 'thIs';
        # nor, on a line printing digits for letters, one capital of a small word: 'NOs')
    first = capitals[0]
    if names and core[0].isupper() and first >= 2 and core[1:first].isalpha() and core[1:first].islower():
        return False  # a capitalised part before it: camel case ('JavaScript', 'LinkedIn')
    return True


def _alphabet(gts: Iterable[str]) -> str:
    letters = set("abcdefghijklmnopqrstuvwxyz")
    for gt in gts:
        letters.update(ch for ch in gt.lower() if ch.isalpha())
    return "".join(sorted(letters))


def _accents(top_words: Iterable[str], confusions: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """ASCII letter → accented letters of this language that OCR (or typing) strips to it;
    empty for languages whose word lists have no accented words (English)."""
    accented: set[str] = set()
    for w in top_words:
        accented.update(c for c in w if c.isalpha() and not c.isascii())
    out: dict[str, list[str]] = {}
    for gt, ocr in confusions:
        if len(gt) == 1 and gt in accented and len(ocr) == 1 and ocr.isascii() and ocr.isalpha():
            out.setdefault(ocr, []).append(gt)
    return out


def strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
