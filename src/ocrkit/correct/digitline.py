"""Lines that print digits and symbols for letters, as the seed prints its sentence.

``Th1s 1s 4 s@mple w1th typ0s.`` is such a line: a digit or symbol right after a letter, a
digit's capital inside a word (``tOday``), a capitalised word of a capital and digits (``L3``).
The decoder asks these questions of a line before it reads its words, because on such a line a
number or a code may be a word, and a capital may be a digit misread.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from .tokens import GARBAGE, Token
from .traits import digit_capital

#: a line shows digits printed for letters ('h4s', 'tOday') in at least this many words
DIGIT_LINE = 2
#: the kinds of token that count as the words of a line
_WORDLIKE = frozenset({"word", "code", "number", "digit", "acronym"})
#: codes that may be words printed with look-alikes: a capital and digits ('L3', 'T33'), or
#: digits and the capitals I and O ('EII3' for 'Ell3', '4I1' for '4ll')
LEET_CODE = re.compile(r"[A-Z][0-9]{1,2}[a-z]?|[A-Z0-9](?=[IO0-9]*[IO])(?=[IO0-9]*[0-9])[IO0-9]+")
_AFTER_LETTER = re.compile(r"[^\W\d_][0-9@$]")
#: digits and symbols a line may print for letters (1 l/i, 3 e, 4 a, 0 o, 5 s, @ a, $ s)
LOOKALIKES = frozenset("013457@$")
#: an ordinal or a measure as numbers write them ('1st', '3de', '2e', '5m', '10h')
_NUMBER_SUFFIX = re.compile(r"\d+(st|nd|rd|th|e|er|ème|de|ste|km|kg|cm|mm|m|g|h)", re.I)
#: a quantity or a measure, never a word: '3x', '5kg', '12cm'
_QUANTITY = re.compile(r"\d+(x|kg|km|cm|mm|ml|lbs?|oz|ft|yd)", re.I)


def prints_throughout(misread: int, toks: Sequence[Token]) -> bool:
    """Whether a line with ``misread`` words that show digits or symbols for letters (see
    :func:`misread_words`) prints them throughout, as the seed prints its sentence: in two words or
    more, and a third of its words or more."""
    return misread >= DIGIT_LINE and 3 * misread >= sum(t.kind in _WORDLIKE for t in toks)


def misread_words(toks: Sequence[Token], skip: Collection[int] = ()) -> int:
    """How many words of the line show digits or symbols printed for letters ('h4s', 's@mple',
    'tOday', 'L3'), but for the tokens ``skip`` (code); a line with two or more prints them so."""
    unit = [i > 0 and toks[i - 1].kind in ("number", "digit") and digit_capital(t.core) for i, t in enumerate(toks)]
    return sum(i not in skip and misread_digits(t) and not u for i, (t, u) in enumerate(zip(toks, unit)))  # (not '5000 mAh')


def words_alone(toks: Sequence[Token]) -> bool:
    """A line of words alone, no figures (not a receipt's)."""
    return not any(t.kind in ("number", "code", "digit") for t in toks)


def misread_digits(tok: Token) -> bool:
    """Whether a token shows digits or symbols printed for letters: a digit's capital inside a
    word ('tOday'), a digit or symbol right after a letter ('h4s', 'c3', 'L3', 's@mple'),
    symbols inside a word of two letters or more ('$ur'), a dollar sign before a small letter
    ('$a'; a currency's code is in capitals: '$US'), a digit before three letters or more
    ('1rons') or before two with look-alike digits alone ('3c0l3', '4ut0'), look-alike digits
    with a symbol no number holds ('1@' for 'la'); not an amount, a time or an ordinal ('6s',
    '20h00', '10h30', '3rd')."""
    core = tok.core
    if tok.kind == "number" and all_lookalikes(core) and any(c in "@$" for c in core):
        return True
    if tok.kind not in ("word", "code") or (core.isalpha() and (core.islower() or core[1:].islower())):
        return False  # (the common case: a plain word)
    if not any(c.isalpha() for c in core):
        return False
    if core[:1].isdigit():  # ('1rons', '3xpédié3', '3c0l3': a word, not '6s', '3rd', '20h00', '10h30')
        letters = sum(c.isalpha() for c in core)
        return tok.kind == "word" and (letters >= 3 or (
            letters >= 2 and bool(_AFTER_LETTER.search(core)) and all(c.isalpha() or c in LOOKALIKES for c in core)))
    if tok.kind == "code":
        return bool(LEET_CODE.fullmatch(core))
    return digit_capital(core) or bool(_AFTER_LETTER.search(core)) or (core[:1] == "$" and core[1:2].islower()) or (
        sum(c.isalpha() for c in core) >= 2 and any(c in GARBAGE for c in core))


def may_be_word(tok: Token, lookalikes: bool = True) -> bool:
    """A code or number that, on a line printing digits for letters, may be a word: a capital
    and digits ('L3', 'M4', 'T33'), digits and small letters ('1m', '33n', '1st'), or two or
    three look-alike digits and symbols ('1@' for 'la'; digits alone, '13' for 'le', only with
    ``lookalikes``): the language decides. A digit no letter looks like makes a quantity ('200m')."""
    core = tok.core
    return (tok.kind == "code" and bool(LEET_CODE.fullmatch(core))) or (tok.kind == "number" and (
        (_letters_and_lookalikes(core) and not _QUANTITY.fullmatch(core))
        or (all_lookalikes(core) and (lookalikes or any(c in "@$" for c in core)))))


def all_lookalikes(core: str) -> bool:
    """Two or three digits and symbols that look like letters ('13', '1@')."""
    return 2 <= len(core) <= 3 and all(c in LOOKALIKES for c in core)


def lookalike_letters(tok: Token) -> bool:
    """A 'number' of look-alike digits and letters ('00m', '33n'): on a line that prints digits
    for letters, a word so printed rather than a quantity ('200m' has a digit no letter looks
    like; '3de', '1st', '5m' are an ordinal and a measure as numbers write them, unless a
    leading zero says no number was meant: '00m')."""
    core = tok.core
    return tok.kind == "number" and _letters_and_lookalikes(core) \
        and ((core[:1] == "0" and core[1:2].isdigit()) or not _NUMBER_SUFFIX.fullmatch(core))


def _letters_and_lookalikes(core: str) -> bool:
    """Letters, and digits or symbols only where they look like letters ('00m', '33n'; not '200m')."""
    return any(c.isalpha() for c in core) and all(c.isalpha() or c in LOOKALIKES for c in core)
