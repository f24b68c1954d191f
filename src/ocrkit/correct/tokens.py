"""Split a line of OCR text into tokens, and recognise the ones that must never be "corrected".

A token is a run of non-space characters, split into leading punctuation, a core and trailing
punctuation. The core's *kind* decides what the corrector may do with it:

* ``word``: letters (possibly with OCR garbage such as digits or ``@`` inside): a candidate.
* ``digit``: a lone digit (``4``, ``1``, ``0``): a candidate only where the line is evidently
  garbled and the context supports a letter (``1s 4 s@mple``), never on a clean line.
* protected kinds, never touched: ``number`` (amounts, dates, times, percentages, ranges,
  ordinals such as ``2nd``), ``code`` (``2024-0042``, ``A4``, ``MP3``, ``ISO-9001``),
  ``acronym`` (``EUR``, ``NATO``), ``email``, ``url``, ``symbol`` (no letters or digits, or
  an abbreviation such as ``&c``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN_RE = re.compile(r"\S+")
_LEAD_RE = re.compile(r"^[\"'“”‘’«»„‚(\[{<¡¿*_—–-]+")  # (dashes: dialogue, '—Oh!')
_TRAIL_RE = re.compile(r"[\"'“”‘’«»)\]}>.,;:!?…*_\-—–¬]+$")
#: an elided word before its apostrophe (French/Italian l', d', qu', dell' ...), before a word:
#: letters, or a digit or symbol printed for its first letter ('l'4ube')
_BEFORE_WORD = r"['’](?=[^\W\d_]|[0-9@$][^\W_]*[^\W\d_])"
#: a token's lead that ends in an elided word ("C'" of "C'3st", "qu'" of "qu'elle")
ELIDED_LEAD = re.compile(r"[^\W\d_]+['’]$")
_ELISION_RE = re.compile(r"^([a-zA-Z]{1,2}|qu|Qu|dell|nell|all|dall|sull)" + _BEFORE_WORD)
#: a possessive or clitic 's after a word of three letters or more ('planner's', 'auto's'): the
#: word is corrected without it ('pianner's' is 'planner's')
_POSSESSIVE_RE = re.compile(r"(?<=[^\W\d_]{3})['’]s$")
#: an elided l' whose l was read as a digit or a bar ('1'opération'), in a language that elides
_MISREAD_ELISION_RE = re.compile(r"^[1|]" + _BEFORE_WORD)
_EMAIL_RE = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")
_URL_RE = re.compile(r"^(https?://|ftp://|www\.)\S+$|^[\w-]+(\.[\w-]+)*\.(com|org|net|edu|gov|io|de|fr|nl|uk|eu)(/\S*)?$", re.I)
_NUMBER_RE = re.compile(
    r"^[+\-−±]?[$€£¥]?(\d+([.,:/\-–]\d+)*|\d{1,3}([.,' ]\d{3})+([.,]\d+)?)(%|‰|[.,]-|st|nd|rd|th|e|er|ème|de|ste|km|kg|cm|mm|m|g|h)?[$€£¥]?$",
    re.I,
)
_HAS_DIGIT = re.compile(r"\d")
# several digits with a short unit or format suffix: 12s, 10d, 4to, 8vo, 12mo, 20lb, 3x
_UNIT_RE = re.compile(r"^\d{2,}[a-zA-Z]{1,2}\.?$|^\d+(x|to|vo|mo|lb|lbs|oz|ft|in|yd|cwt|pp|kg|km|cm|mm|ml)$")
_HAS_ALPHA = re.compile(r"[^\W\d_]")
#: characters OCR produces in place of letters: digits and a few symbols
#: written forms that look garbled but are not: '&c' (et cetera, common in older print)
_ABBREVIATIONS = frozenset({"&c", "&C"})
GARBAGE = set("0123456789@$|!€£¢§&%#+/\\{}[]<>^~°")


@dataclass(frozen=True)
class Token:
    text: str  # the whole token as it stands in the line
    start: int  # offset in the line
    lead: str
    core: str
    trail: str
    kind: str


def tokenize(line: str) -> list[Token]:
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(line):
        text = m.group()
        if text.isalpha():  # the common case: a plain word
            out.append(Token(text, m.start(), "", text, "", "acronym" if len(text) >= 2 and text.isupper() else "word"))
            continue
        if text[:-1].isalpha() and text[-1] in ".,;:!?":
            core = text[:-1]
            out.append(Token(text, m.start(), "", core, text[-1], "acronym" if len(core) >= 2 and core.isupper() else "word"))
            continue
        lead_m = _LEAD_RE.match(text)
        lead = lead_m.group() if lead_m else ""
        rest = text[len(lead):]
        # keep a trailing '@'-free core: '@' inside a word is garbage, at an edge it's punctuation
        trail_m = _TRAIL_RE.search(rest)
        trail = trail_m.group() if trail_m else ""
        core = rest[: len(rest) - len(trail)] if trail else rest
        elision = _ELISION_RE.match(core)  # French/Italian l', d', qu', dell' ... belong to the lead
        if elision and len(elision.group()) < len(core):
            lead, core = lead + elision.group(), core[len(elision.group()):]
        possessive = _POSSESSIVE_RE.search(core)  # the 's of 'planner's' belongs to the trail
        if possessive:
            core, trail = core[:possessive.start()], core[possessive.start():] + trail
        if not core:  # all punctuation
            out.append(Token(text, m.start(), "", text, "", "symbol"))
            continue
        out.append(Token(text, m.start(), lead, core, trail, classify(core)))
    return out


def split_misread_elision(tok: Token) -> Token:
    """``1'opération`` as an elided article read ``1'`` (in the token's lead) and its word: for
    languages whose article elides, where ``1'`` can be nothing else (passes/elisions.py)."""
    m = _MISREAD_ELISION_RE.match(tok.core)
    if m is None or m.end() == len(tok.core):
        return tok
    core = tok.core[m.end():]
    return Token(tok.text, tok.start, tok.lead + m.group(), core, tok.trail, classify(core))


def classify(core: str) -> str:
    """The kind of a token core (see the module docstring)."""
    if "@" in core and _EMAIL_RE.match(core):
        return "email"
    if _URL_RE.match(core):
        return "url"
    has_digit = bool(_HAS_DIGIT.search(core))
    has_alpha = bool(_HAS_ALPHA.search(core))
    if not has_alpha:
        if not has_digit:
            return "word" if any(c in "@$|!" for c in core) and len(core) > 1 else "symbol"
        if len(core) == 1:
            return "digit"
        return "number" if _NUMBER_RE.match(core) or not _looks_garbled(core) else "word"
    if has_digit:
        if _NUMBER_RE.match(core) or _UNIT_RE.match(core):
            return "number"
        letters = [c for c in core if c.isalpha()]
        # codes: upper-case letters with digits (A4, MP3, H2O, COVID-19), or separators between
        # digit and letter groups (ISO-9001, B-52); OCR garbage is mostly lower-case words.
        if all(c.isupper() for c in letters) and (len(letters) <= 1 or sum(c.isdigit() for c in core) >= 2 or len(core) <= 4):
            return "code"
        if re.search(r"\d[-_/]\w|\w[-_/]\d", core):
            return "code"
        return "word"
    # letters only (maybe with garbage symbols such as '@')
    if core in _ABBREVIATIONS:
        return "symbol"
    plain = core.replace("-", "").replace("'", "").replace("’", "").rstrip("+")  # ('NIS+', 'C++': names)
    if len(plain) >= (2 if plain == core else 1) and plain.isalpha() and plain.isupper():
        return "acronym"
    return "word"


def _looks_garbled(core: str) -> bool:
    """Digits mixed with letters in a word-like pattern, e.g. 'Th1s', 'w1th', 'typ0s'."""
    return bool(re.search(r"[^\W\d_]{2,}", core)) or bool(re.match(r"^\d[^\W\d_]+$", core))


#: dashes an engine prints, and the long ones among them
DASHES = "-–—"
LONG_DASHES = "–—"
#: hyphens an engine prints at a word broken at a line end
BREAK_HYPHENS = "-¬"
#: hyphens of a word broken at a former line end, left inside a token ('Kapazi¬täten')
LINE_HYPHENS = ("¬", "⸗", "\u00ad")
#: marks that end a sentence (or a clause the next word may start afresh after)
SENTENCE_END = ".!?:;…"
#: a printed token that is an amount with a mark stuck to it ('1.86(', '3.15€'): amount, mark
AMOUNT_MARK = re.compile(r"(\d+[.,]\d\d)([^\d\s.,])")
#: an amount of money as receipts print it ('1.86', '12,50')
AMOUNT = re.compile(r"\d+[.,]\d\d")


def capitals(core: str) -> bool:
    """Whether every letter of ``core`` is a capital (and it has one)."""
    letters = [c for c in core if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def ends_sentence(token_text: str) -> bool:
    return bool(token_text) and token_text.rstrip("\"'”’»)")[-1:] in ".!?"


def one_space_apart(a: Token, b: Token) -> bool:
    """Whether token ``b`` follows token ``a`` after exactly one space."""
    return b.start - a.start - len(a.text) == 1
