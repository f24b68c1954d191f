"""Fixes: what the corrector changes in a line, and how text, spans and boxes follow from them.

Every step of the corrector (the word decoder and each learned habit, see
:mod:`ocrkit.correct.passes`) edits a line through a :class:`LineEdit`: the line's tokens, their
new texts, and the :class:`Fix` records that explain each change. When all steps have run, this
module alone turns the edit into a corrected line of text (:func:`rebuild_text`), into
:class:`~ocrkit.results.Correction` spans (:func:`corrections`), or into words with boxes
(:func:`rebuild_words`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from ..layout import union
from ..results import Correction, Line, Word
from .tokens import Token, ends_sentence


class Reason(str, Enum):
    """Why a fix was made (``Correction.reason``; compares equal to its string value)."""

    CONFUSION = "confusion"  # a misread character the error model knows ('1' for 'i')
    ENGINE_ALTERNATIVE = "engine alternative"  # the engine's own second choice for a character
    EDIT = "edit"  # one generic edit the error model does not know
    CASE = "case"  # letters printed in the wrong case ('auS')
    LEARNED_WORD = "learned word"  # a printed word that corrected samples showed to be another
    SPLIT = "split"  # two words whose space was lost ('kingwas')
    SPELLING = "spelling"  # an unknown word respelled toward the learned text's spelling
    TYPOGRAPHY = "learned typography"  # punctuation written as the transcriptions write it; the whole token
    QUOTES = "doubled quote"  # two single quotation marks read for a double one ('’’'); the whole token
    SPACING = "learned spacing"  # a dash joined to the next word ('- Vous' -> '-Vous')
    MERGE = "merge"  # two printed words that are one ('f or' -> 'for'): the span covers both
    HYPHENATION = "learned hyphenation"  # two printed words that are one word broken at a line end
    STRAY = "learned stray mark"  # a mark (or letter) the transcriptions drop: replacement empty
    ELISION = "elided article"  # an elided article misread ("I'année" -> "l'année"): the token's lead

    def __str__(self) -> str:
        return self.value

    @property
    def misreading(self) -> bool:
        """Whether the fix undoes misread letters (what a document's second reading learns from)."""
        return self not in _NOT_MISREADINGS

    @property
    def whole_token(self) -> bool:
        """Whether the fix's replacement stands for the whole token (marks included), not its core."""
        return self in _WHOLE_TOKEN


_WHOLE_TOKEN = frozenset({Reason.TYPOGRAPHY, Reason.QUOTES, Reason.STRAY})
_NOT_MISREADINGS = frozenset({Reason.ELISION, Reason.TYPOGRAPHY, Reason.QUOTES, Reason.SPACING, Reason.SPLIT, Reason.MERGE, Reason.HYPHENATION, Reason.STRAY})


@dataclass(frozen=True)
class Fix:
    """One change to a line: token ``token`` gets ``replacement``.

    What the replacement stands for depends on the reason: the token's core for a word fix; the
    whole token where ``reason.whole_token`` (``TYPOGRAPHY``, ``QUOTES``, ``STRAY``); for ``MERGE`` and ``HYPHENATION`` the joined
    (or re-hyphenated) text of this token and the next; for ``SPACING`` the dash that is joined
    to the next token; for ``ELISION`` the token's lead (the elided article and its apostrophe)."""

    token: int
    replacement: str
    probability: float
    reason: Reason


@dataclass
class LineEdit:
    """A line being corrected: its tokens, their texts so far, the fixes made so far.

    ``out[i]`` is the whole new text of token ``i`` (lead and trail included); an empty text is
    a token dropped, or joined into the next one."""

    toks: Sequence[Token]
    out: list[str]
    fixes: list[Fix] = field(default_factory=list)
    joined: set[int] = field(default_factory=set)  # tokens a merge joined: later habits leave them
    #: the line starts a sentence (the corrector knows it from the line before)
    sentence_start: bool = True
    #: the line prints digits or symbols for letters throughout, as the seed prints its sentence
    #: and is not set in capitals (set by the word decoder, which reads it first; see
    #: digitline.prints_throughout)
    digits_throughout: bool = False

    @classmethod
    def of(cls, toks: Sequence[Token], sentence_start: bool = True) -> LineEdit:
        return cls(toks, [t.text for t in toks], sentence_start=sentence_start)

    def starts_sentence(self, i: int) -> bool:
        """Whether token ``i`` starts a sentence: the line's first where the line does, else
        after a token that ends one."""
        return self.sentence_start if i == 0 else ends_sentence(self.toks[i - 1].text)

    def untouched(self, i: int) -> bool:
        """Whether token ``i`` still reads as printed."""
        return self.out[i] == self.toks[i].text

    def add(self, fix: Fix) -> None:
        self.fixes.append(fix)

    def drop_fixes(self, *tokens: int) -> None:
        """Forget the fixes of these tokens (a later habit rewrites them whole)."""
        self.fixes[:] = [f for f in self.fixes if f.token not in tokens]


def rebuild_text(line: str, toks: Sequence[Token], new: Sequence[str]) -> str:
    """Put the new token texts back into the line; runs of spaces inside the line become one."""
    if all(t.text == n for t, n in zip(toks, new)):
        return line
    lead = line[: len(line) - len(line.lstrip())]
    return lead + " ".join(n for n in new if n)  # (an empty token was joined to the next, or dropped)


def fixed_part(toks: Sequence[Token], fix: Fix) -> tuple[str, int]:
    """What a fix replaces in its token, and where that starts in the token."""
    tok = toks[fix.token]
    if fix.reason in (Reason.MERGE, Reason.HYPHENATION):
        nxt = toks[fix.token + 1]
        return tok.core + tok.trail + " " + nxt.core, len(tok.lead)  # (the trail: a hyphen the engine printed)
    if fix.reason is Reason.SPACING:
        return tok.text + " ", 0  # the dash and the space after it
    if fix.reason is Reason.ELISION:
        return tok.lead, 0
    return (tok.text, 0) if fix.reason.whole_token else (tok.core, len(tok.lead))


def corrections(edit: LineEdit, starts: Sequence[int], page: int, line_no: int) -> list[Correction]:
    """The fixes of a line as :class:`Correction` spans; ``starts[i]`` is where token ``i``
    starts in the raw line."""
    out = []
    for fix in edit.fixes:
        original, skip = fixed_part(edit.toks, fix)
        start = starts[fix.token] + skip
        out.append(Correction(original, fix.replacement, page, line_no, start, start + len(original), fix.probability, fix.reason))
    return out


def word_starts(line: Line) -> list[int]:
    """Where each word of an engine's line starts in that line's text."""
    offs, pos = [], 0
    for i, w in enumerate(line.words):
        if i:
            pos += max(1, w.spaces_before)
        offs.append(pos)
        pos += len(w.text)
    return offs


def rebuild_words(line: Line, edit: LineEdit) -> Line:
    """The engine's line with the edited texts, one word per token: a word emptied by a dropped
    mark goes with its box; a word joined into the next one (a merge, a dash) lends it its box."""
    words, new = line.words, edit.out
    dropped = {f.token for f in edit.fixes if not f.replacement and f.reason.whole_token}
    out: list[Word] = []
    for i, (t, w) in enumerate(zip(new, words)):
        if not t:
            continue
        box, first = w.box, i
        if i and not new[i - 1] and i - 1 not in dropped:
            a, first = words[i - 1].box, i - 1
            box = union(a, box)
        out.append(Word(t, box, w.confidence, w.symbols if t == w.text else (), 1 if out else words[first].spaces_before))
    return Line(tuple(out), line.box)
