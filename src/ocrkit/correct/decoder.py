"""The word decoder: which word best explains each printed token of a line.

For every token that is not plainly right it scores

    score(c) = log P_lm(c | previous word) + log P_channel(o | c)

for the candidates of :mod:`ocrkit.correct.candidates`, and keeps the printed token ``o``
unless a candidate wins by a margin (wider for replacing a word the lexicon knows, or for an
edit the error model does not know). How garbled the line looks scales the error model
(:meth:`Decoder.line_factor`): a lone ``4`` in ``Th1s 1s 4 s@mple`` is probably an ``a``; in
``totals 1,250.00 EUR for 4 items`` it is a number, and clean lines are left alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..results import Symbol
from .candidates import Candidate, Candidates, WordIndex, one_spelling
from .casing import counted_casing, written_capital, written_small
from .channel import DigitLineChannel, ErrorModel, align_edits
from .digitline import DIGIT_LINE, LOOKALIKES, all_lookalikes, lookalike_letters, may_be_word, misread_digits, misread_words, prints_throughout, words_alone
from .document import DocumentWords
from .fixes import Fix, LineEdit, Reason
from .lm import normalise
from .respell import Respeller, Spellings
from .tokens import BREAK_HYPHENS, ELIDED_LEAD, GARBAGE, LINE_HYPHENS, SENTENCE_END, Token, capitals, classify, ends_sentence
from .traits import DIGIT_CAPITALS, Traits, digit_capital, strip_accents

if TYPE_CHECKING:
    from .model import Model

_TYPICAL_RATE = 0.02  # visible error evidence per character of a typical OCR line
_DIGIT_CAPITAL = 0.5  # P(an engine prints a digit's capital for a small letter printed as that digit)
#: capitals an engine reads for a digit that starts a word ('0ld' read 'Old', '1n' 'In', '4nd' 'And')
_DIGIT_INITIALS = frozenset("OIA")
#: and for a digit or a symbol ('$oir' read 'Soir')
_SYMBOL_INITIALS = _DIGIT_INITIALS | {"S"}
#: a word at least this frequent is one of a language's commonest ('le', 'il', 'la' in French)
_COMMONEST = 1e-3
#: the signs before a variable's or a handle's name, and the letter each looks like
_SIGILS = {"$": "s", "@": "a", "#": ""}
#: a digit between two letters: a word printed with digits for letters ('@lw4ys'), not a name
_DIGIT_INSIDE = re.compile(r"[^\W\d_][0-9][^\W\d_]")
#: on a line that prints digits for letters throughout, a word rarer than this is read again: a
#: misread letter there makes rare words of common ones ('huls' of 'huis', 'reddy' of 'ready')
_UNCOMMON = 1e-5
#: keeping an unknown word with a letter its language does not write (:meth:`Traits.foreign`) is
#: this much less likely: such a letter is mostly a misread one, seldom a foreign name's
_FOREIGN_KEEP = 0.01
#: a look-alike digit between small letters, in a word of four letters or more ('G4rten', 'h0use')
_INSIDE_WORD = re.compile(r"[^\W\d_]+[01345][a-zß-ÿ]+(?<=....)")


@dataclass(frozen=True)
class LineContext:
    """What the decoder knows of a line as a whole."""

    factor: float  # how error-prone the line looks: a factor on the error model (see Decoder.line_factor)
    accents: bool  # the line lacks its language's accents throughout: restoring them is allowed
    caps: bool  # the line is set in capitals: replacements are capitals too
    doc: DocumentWords | None  # the document the line belongs to, where long enough
    digit_line: bool = False  # the line prints digits for letters ('h4s b33n'): read them as letters
    boost: float = 1.0  # a factor on ``factor`` for the digit-line overlay's confusions (see correct_words)
    throughout: bool = False  # ... and prints them throughout, as the seed does: a capital there is no sign of a name


@dataclass(frozen=True)
class Best:
    """The decoder's choice for a token: the word as it should be written."""

    word: str
    probability: float
    reason: Reason


class Decoder:
    """The word decoder under one error model (a document's second reading has its own)."""

    def __init__(self, model: Model, channel: ErrorModel, traits: Traits, words: WordIndex, spellings: Spellings) -> None:
        self.model, self.channel, self.traits, self.words, self.spellings = model, channel, traits, words, spellings
        self.candidates = Candidates(model, channel, traits, words)
        self.respeller = Respeller(model, channel, traits, spellings)
        self._digit_candidates: Candidates | None = None

    @property
    def digit_candidates(self) -> Candidates:
        """Candidates on a line that prints digits for letters (see DigitLineChannel)."""
        if self._digit_candidates is None:
            self._digit_candidates = Candidates(self.model, DigitLineChannel(self.channel, self.traits.accents), self.traits, self.words)
        return self._digit_candidates

    # --- a line -----------------------------------------------------------------------------
    def correct_words(self, line: LineEdit, confs: Sequence[float] | None, syms: Sequence[Sequence[Symbol]] | None,
                      continued: bool, doc: DocumentWords | None) -> None:
        """Correct the words of a line (the engine's confidences and symbols per token where
        known; whether it continues a word hyphenated at the end of the previous line; the
        document; whether it starts a sentence, the line knows)."""
        toks, p, traits = line.toks, self.model.params, self.traits
        edge = traits.edge_marks
        keys: list[str | None] = [normalise(t.core).strip(edge) if t.kind in ("word", "digit") else None for t in toks]
        # accents are restored only where a line lacks them systematically: no accented letter at
        # all, and at least three words (a quarter of them) whose accented form is far more common,
        # or one such word in a document that lacks them throughout
        accents = False
        if traits.accents and all(t.text.isascii() for t in toks):
            words = [i for i, t in enumerate(toks) if t.kind == "word"]
            suspects = sum(1 for i in words if traits.accent_suspect(keys[i] or ""))
            accents = (suspects >= 3 and suspects * 4 >= len(words)) or (
                suspects >= 1 and doc is not None and doc.lacks_accents(traits.accent_suspect, traits.accented))
        cased = [t.core for t in toks if t.kind in ("word", "acronym") and any(c.isalpha() for c in t.core)]
        caps = len(cased) >= 2 and sum(map(capitals, cased)) * 10 >= 7 * len(cased)
        # (a line set in capitals, a receipt or a headline, prints codes and quantities: '3x', 'P0MME')
        # a variable or a handle ('$path', '@user', '#tag') and a command's option ('-j4') are code
        code = {i for i, t in enumerate(toks) if self._code(t)}
        misread = misread_words(toks, code)
        digit_line = not caps and misread >= DIGIT_LINE
        digit_text = line.digits_throughout = not caps and prints_throughout(misread, toks)
        todo = [
            i for i, t in enumerate(toks)
            if t.kind == "digit" or (t.kind == "word" and not self.plainly_right(t.core, keys[i] or "", accents))
            or (digit_line and (may_be_word(t, digit_text) or (t.kind == "word" and digit_capital(t.core, names=False))))
            or (digit_text and t.kind == "word" and self.model.lm.freq(keys[i] or "") < _UNCOMMON)
        ]
        todo = [i for i in todo if i not in code]
        # a unit after a number is no misreading of a digit's capital ('5000 mAh', '10 kOhm'),
        # unless the line prints digits for letters (there the '4' in '4 wOrd' is a letter too)
        if not digit_line:
            todo = [i for i in todo if not (i and toks[i - 1].kind in ("number", "digit") and digit_capital(toks[i].core)
                                            and not traits.learned_slip(toks[i].core))]
        # word halves hyphenated across a line end ("se-" / "curity") are not words: leave them
        if toks and toks[-1].trail.startswith(("-", "¬")):
            todo = [i for i in todo if i != len(toks) - 1]
        if continued:
            todo = [i for i in todo if i != 0]
        # on a line of figures (a receipt, a table) capitals are product names and codes: leave them
        if sum(t.kind in ("number", "code", "digit") and not (digit_line and may_be_word(t, digit_text)) for t in toks) * 4 >= len(toks):
            todo = [i for i in todo if not capitals(toks[i].core)]
        # a word hyphenated at a former line end ("Kapazi¬täten") is two halves, not a misspelling;
        # so are two words run together at a full stop ("ist.In")
        todo = [i for i in todo if not any(h in toks[i].core for h in LINE_HYPHENS) and "." not in toks[i].core]
        # (on a line of words where one prints a digit, where the language's casing counts say
        # so: German writes 'im' small, while 'October', 'After' stay as read in English)
        if digit_line or (misread == 1 and not caps and counted_casing(self.model.lm.langs) and words_alone(toks)):
            small = self._digit_initials(line, digit_text)
            todo = [i for i in todo if i not in small]
        if not todo:
            return
        factor = self.line_factor(toks, accents)
        boost = 1.0
        if digit_text:
            # the digits make such a line look garbled, which the digit-line overlay keeps at the
            # whole line's figure; how much its letters are misread, its other words say
            # ('paint3d' is 'painted', not 'pointed')
            others = [t for t in toks if not (misread_digits(t) or may_be_word(t, digit_text))]
            letters = min(factor, max(p.digit_line_factor, self.line_factor(others, accents)))
            factor, boost = letters, factor / letters
        inside: set[int] = set()  # tokens whose digits may only be read as letters (see below)
        if factor < p.digit_line_factor and not digit_line:  # digits stay digits on lines that look clean
            # (but for a look-alike digit between small letters: 'G4rten', 'h0use')
            inside = {i for i in todo if any(c.isdigit() for c in toks[i].core)}
            todo = [i for i in todo if i not in inside or all(p.isalpha() or _INSIDE_WORD.fullmatch(p) for p in toks[i].core.split("-"))]
            if not todo:
                return
        ctx = LineContext(factor, accents, caps, doc, digit_line, boost, digit_text)
        decided: dict[int, Best | None] = {}
        # two passes: the second sees the first pass's reading of the following word
        for _ in range(2):
            for i in todo:
                tok = toks[i]
                prev = keys[i - 1] if i and not ends_sentence(toks[i - 1].text) else None
                nxt = keys[i + 1] if i + 1 < len(toks) and not (tok.trail and tok.trail[-1] in SENTENCE_END) else None
                # (after an elided word, "C'" of "C'3st", the sentence's capital is that word's)
                start = line.starts_sentence(i) and not ELIDED_LEAD.search(tok.lead)
                best = self.best(tok, normalise(tok.core), prev, nxt, ctx, start,
                                 confs[i] if confs is not None else None, syms[i] if syms is not None else None)
                if best is None:  # ('pramis-ory' is one word, 'Nobbs-streot' two)
                    best = self.best_compound(tok, prev, nxt, ctx, start)
                if best is None and tok.kind == "word" and math.isfinite(p.spelling_margin):
                    best = self.respell(tok.core, ctx, start)
                if best is not None and doc is not None and against_document(tok.core, best.word, doc):
                    best = None
                if best is not None and i in inside and len(best.word) != len(tok.core):
                    best = None  # (a digit inside a word on a clean line is a letter, nothing more: not 'la4t' -> 'la')
                decided[i] = best
                keys[i] = normalise(best.word) if best else normalise(tok.core)
        for i in todo:
            best = decided[i]
            if best is not None:
                line.out[i] = toks[i].lead + best.word + toks[i].trail
                line.add(Fix(i, best.word, best.probability, best.reason))

    def _code(self, tok: Token) -> bool:
        """A variable or a handle: a sigil before a name with no digit between its letters,
        where the sigil read as the letter it looks like makes no well-known word (``$path``,
        ``@user``, ``#tag``; ``$ehr`` is ``sehr``, ``@lw4ys`` ``always``); or a command's
        option that prints a digit (``-j4``, ``-O2``)."""
        core = tok.core
        if tok.lead in ("-", "--"):
            return any(c.isdigit() for c in core) and core.isalnum()
        if len(core) < 2 or core[0] not in _SIGILS or not (core[1:].replace("_", "").isalnum() and core[1].isalpha()) \
                or _DIGIT_INSIDE.search(core):  # ('@lw4ys' prints digits for letters throughout)
            return False
        letter = _SIGILS[core[0]]
        return not (letter and self.model.lm.freq(normalise(letter + core[1:])) >= self.model.params.known_freq)

    def _digit_initials(self, line: LineEdit, throughout: bool) -> set[int]:
        """On a line that prints digits for letters, a word whose first letter is a digit's
        capital (0, 1, 4) and the rest small letters ('1n' read 'In', '0ld' read 'Old') is that
        word in small letters inside a sentence, where the word is known, too common to be a name
        ('Sarah' stays) and written so by the language (in German, whose nouns are capitalised,
        where text shows it: see :mod:`.casing`). Where the line prints so ``throughout``, so is
        a word whose first letter is a symbol's capital ('$oir' read 'Soir'), and one read in
        capitals of three letters or more, half of them O or I ('m00i' read 'MOOI'), or of two, the
        second a digit's capital ('L4' read 'LA'); capitalised where it starts a sentence. Where the
        line prints so ``throughout``, a digit's capital says nothing of the printed case: the
        language's commoner way decides ('Ihr' read for '1hr' is 'ihr'). Returns the tokens it cased."""
        toks, lm = line.toks, self.model.lm
        done = set()
        for i, t in enumerate(toks):
            core = t.core
            start = line.starts_sentence(i)
            if t.kind not in ("word", "acronym") or t.lead or t.trail.startswith(tuple(BREAK_HYPHENS)) or len(core) < 2 or not core.isalpha():
                continue
            if throughout and core.isupper() and (2 * sum(c in "OI" for c in core) >= len(core) >= 3
                                                  or (len(core) == 2 and core[1] in _DIGIT_INITIALS and not _shouting(toks, i))):
                word = core.lower() if not start else core[0] + core[1:].lower()  # (not 'USA')
            elif not start and core[0] in (_SYMBOL_INITIALS if throughout else _DIGIT_INITIALS) and core[1:].islower():
                word = core.lower()
            else:
                continue
            if not written_small(core.lower(), lm.langs, lm.freq(normalise(core)), throughout and core[0] in _DIGIT_INITIALS):
                continue
            line.out[i] = t.lead + word + t.trail
            line.add(Fix(i, word, _DIGIT_CAPITAL, Reason.CASE))
            done.add(i)
        return done

    def line_factor(self, toks: Sequence[Token], accents: bool = False) -> float:
        """How error-prone this line looks, as a factor on the error model: the visible error
        evidence per character, smoothed toward a typical 2%, relative to that 2%."""
        errors, chars = self._line_signal(toks, accents)
        rate = (errors + 20.0 * _TYPICAL_RATE) / (chars + 20.0)
        return min(self.model.params.max_line_factor, max(0.3, rate / _TYPICAL_RATE))

    def _line_signal(self, toks: Sequence[Token], accents: bool) -> tuple[float, int]:
        """Visible evidence of OCR errors in a line: (error estimate, characters)."""
        p, lm = self.model.params, self.model.lm
        chars = 0
        errors = 0.0
        for t in toks:
            if t.kind not in ("word", "digit"):
                chars += len(t.text)
                continue
            chars += len(t.core)
            if t.kind == "digit":
                continue
            garbage = sum(c in GARBAGE for c in t.core)
            if garbage and any(c.isalpha() for c in t.core):
                errors += garbage + 0.5
            elif self.traits.case_slip(t.core):
                errors += 1.0
            elif not lm.known(key := normalise(t.core)):
                # unknown words are weak evidence: names and old or regional spellings are common;
                # where word-likeness is on, one that reads like no word counts more
                weight = p.unknown_evidence
                if p.wordlike and key.isalpha():
                    weight *= 1.0 + max(0.0, -self.spellings.wordlikeness(key))
                errors += weight
            elif p.rare_evidence and lm.freq(key) < p.known_freq:
                errors += p.rare_evidence  # a rare word ('wns', 'aud') is often a misread one
            elif accents and self.traits.accent_suspect(key):
                errors += 1.0
        return errors, chars

    def plainly_right(self, core: str, key: str, accents: bool = False) -> bool:
        """Whether a word needs no scoring: known, frequent, and nothing about it suspect."""
        traits, lm = self.traits, self.model.lm
        if any(c in GARBAGE for c in core) or key in self.model.memory.became or traits.case_slip(core) \
                or core.strip(traits.edge_marks) != core:
            return False
        if lm.freq(key) >= self.model.params.known_freq:
            return not (accents and traits.accent_suspect(key)) and key not in self.suspects()
        # compounds such as "E-mail" or "well-known": right when every part is a known word
        parts = key.split("-")
        return len(parts) > 1 and all(part and lm.known(part) for part in parts)

    def suspects(self) -> frozenset[str]:
        return self.traits.suspects(self.words.common)

    # --- a token ----------------------------------------------------------------------------
    def best(self, tok: Token, key: str, prev: str | None, nxt: str | None, ctx: LineContext, start_of_sentence: bool,
             conf: float | None = None, alts: Sequence[Symbol] | None = None) -> Best | None:
        """The best reading of ``tok`` (``key``: its normalised core; ``prev``, ``nxt``: the
        neighbours' keys), or None to keep it."""
        p, lm, traits, doc = self.model.params, self.model.lm, self.traits, ctx.doc
        factor = ctx.factor
        core = tok.core
        mark = next((c for c in (core[:1], core[-1:]) if c and c in traits.edge_marks), "")
        quoted = bool(mark)  # a mark that may be a letter stuck to the word (see Corrector.tokens)
        if quoted:
            key = key.strip(traits.edge_marks)
        learned = self.model.memory.posterior(key)
        if learned is not None:
            # what this printed word turned out to be in corrected samples, weighed by context
            target, p_target, p_keep = learned
            s_t = math.log(p_target) + self.context(target, prev, nxt)
            s_o = math.log(p_keep) + self.context(key, prev, nxt)
            if s_t - s_o > p.memory_margin:
                prob = 1.0 / (1.0 + math.exp(s_o - s_t))
                return Best(self.cased(core, target, start_of_sentence, ctx.caps, ctx.digit_line), prob, Reason.LEARNED_WORD)
            if p_keep >= p_target and lm.known(key) and not quoted:
                return None  # (the memory never saw the quote: 'da«' is not the 'da' it knows)
        digit_led = core[:1].isdigit() or tok.kind in ("code", "number")  # ('4', '3s', 'L3': only common words by known confusions)
        if digit_led and factor < p.digit_line_factor and not ctx.digit_line:
            return None  # '4', '3s', '6d' are numbers unless the line is evidently garbled
        if conf is not None:  # the engine's own doubt scales the error model for this word
            # (where a line prints digits for letters, a sure '4' is a sure digit, not a sure word)
            least = 1.0 if ctx.digit_line and any(c in LOOKALIKES for c in core) else 0.3
            factor *= min(3.0, max(least, (1.0 - conf) / 0.1))
        generator = self.digit_candidates if ctx.digit_line else self.candidates
        cands = one_spelling(generator.of(core, factor, alts, ctx.boost), core)
        if doc is not None and len(key) >= 4:
            # the document's own words near this one, scored edit by edit ('Aldcrman': 'alderman')
            have = {c.word for c in cands}
            cands = cands + [generator.scored(key, w, factor, ctx.boost) for w in doc.near(key) if w not in have]
        # (on a line set in capitals, a digit's capital is no slip: 'DE lA SCIERIE')
        odd = (traits.learned_slip(core) or (digit_capital(core, names=not ctx.digit_line) and not ctx.caps)) and lm.known(key)
        if odd:  # 'auS', 'BundeSrath', 'tOday': a known word with letters read in the wrong case
            fixed = restore_case(core, key, start_of_sentence)
            ch = sum(math.log(_DIGIT_CAPITAL if b in DIGIT_CAPITALS and b.lower() == a else min(0.9, self.channel.prob(a, b) * factor))
                     for a, b in zip(fixed, core) if a != b)
            cands = [c for c in cands if c.word != key] + [Candidate(key, ch, Reason.CASE)]
        splits: list[Candidate] = []
        if tok.kind == "word" and len(core) >= 5 and core.isalpha() and not lm.known(key):
            if p.split_prob > 0:
                splits = self._splits(core, factor)
            elif self._run_together(key):
                return None  # two words whose space was lost ('sichder'): no one word is what was meant
        if not cands and not splits:
            return None
        garbage = any(c in GARBAGE for c in core) and (tok.kind == "word" or (ctx.digit_line and lookalike_letters(tok)))
        keep = self._keep_score(tok, key, prev, nxt, ctx, odd, mark, garbage)
        # score the likeliest candidates (channel x frequency) in context
        scored = self._score(cands, key, prev, nxt, ctx, odd, digit_led, tok.kind == "word" and core[:1].isdigit())
        for c in splits:  # both words must be plausible in their context
            left, right = normalise(c.word).split(" ", 1)
            lm_lp = lm.logp(left, prev) + lm.logp(right, left) + (lm.logp(nxt, right) if nxt is not None else 0.0)
            scored.append((lm_lp + c.logp, c.word, c.reason))
        if not scored:
            return None
        scored.sort(reverse=True)
        best_score, best, reason = scored[0]
        strict = (lm.freq(key) > p.strict_freq and not odd and not quoted
                  and not (ctx.digit_line and digit_led)  # (a '4' among 'h4s b33n' is no known word)
                  and not (ctx.accents and traits.accent_suspect(key))
                  and not (key in self.suspects() and not _used_here(key, best, doc)))
        margin = p.margin + (p.known_word_margin if strict else 0.0)
        case = [s for s in scored if s[2] is Reason.CASE] if reason is Reason.EDIT else []
        if case and best_score - case[0][0] < p.edit_margin:
            best_score, best, reason = case[0]  # (the word read in the wrong case, unless an edit is far likelier)
        if reason is Reason.EDIT and (not garbage or factor < p.digit_line_factor):
            # an edit the error model does not know needs a wider margin; where training has
            # taught the model this engine's confusions, the likeliest candidate it does know
            # may stand in for an unsure edit ('hacr': 'haar' by an unknown edit, 'haer' by c/e)
            if best_score - keep < margin + p.edit_margin:
                known_edits = [s for s in scored if s[2] is not Reason.EDIT] if traits.trained else []
                if not known_edits:
                    return None
                best_score, best, reason = known_edits[0]
        if best_score - keep < margin:
            return None
        z = max(best_score, keep)
        total = math.exp(keep - z) + sum(math.exp(sc - z) for sc, _, _ in scored[:20])
        prob = math.exp(best_score - z) / total
        if reason is Reason.SPLIT:  # the printed letters, with a space: 'derNoth' -> 'der Noth'
            return Best(best.upper() if ctx.caps else best, prob, reason)
        if ctx.digit_line and (any(c in LOOKALIKES for c in core) or digit_capital(core, names=False)):
            # (a digit printed for an accented letter dropped the accent: '3t3' is 'été', 'tr3s'
            # 'très', 't0t' read 'tOt' 'tôt'; not where both are common words: '4' is 'a', not 'à')
            best = self.traits.accented_form(best) or best
        return Best(self.cased(core, best, start_of_sentence, ctx.caps, ctx.digit_line), prob, reason)

    def _keep_score(self, tok: Token, key: str, prev: str | None, nxt: str | None, ctx: LineContext, odd: bool,
                    mark: str, garbage: bool) -> float:
        """The score of keeping the token: its own LM probability; garbled strings are almost
        never right (``garbage``: digits or symbols inside a word), words no list knows often are
        (names, jargon, other languages)."""
        p, lm, core = self.model.params, self.model.lm, tok.core
        keep = lm.logp(key, prev) if not garbage else math.log(1e-11)
        if tok.kind == "word" and not garbage and not lm.known(key):
            floor = p.unknown_keep * (p.capital_keep if core[:1].isupper() and not ctx.throughout else 1.0)
            if core[:1].islower() and self.traits.foreign(key):  # ('boulangär' in French, whose words have no 'ä'; names stay)
                floor *= _FOREIGN_KEEP
            floor *= math.exp(-p.length_decay * max(0, len(core) - 4))
            if p.wordlike:
                floor *= math.exp(p.wordlike * self.spellings.wordlikeness(key))
            keep = math.log(floor)  # (not floored at the LM's OOV probability: the decay must tell)
        elif ctx.doc is not None and not garbage:
            keep += ctx.doc.boost(key, lm.freq(key), p.document_weight, own=1)
        if odd:  # an odd-cased spelling of a known word is no word itself: keep it only as a name
            keep = math.log(p.unknown_keep)
        if nxt is not None:  # (a name is followed by words as any unknown word is)
            keep += lm.logp(nxt, None if odd else key)
        if mark:  # keeping means: this word, then (or after) that mark
            keep += math.log(lm.mark_prob(mark))
        return keep

    def _score(self, cands: Sequence[Candidate], key: str, prev: str | None, nxt: str | None, ctx: LineContext,
               odd: bool, digit_led: bool, digit_word: bool = False) -> list[tuple[float, str, Reason]]:
        """The likeliest candidates (error model x frequency), scored in context."""
        p, lm, doc = self.model.params, self.model.lm, ctx.doc
        # (on a line that prints digits for letters, a word that starts with one, '1rons', may be any
        # known word; digits alone, '13', only one of the language's commonest: 'le' in French)
        least = 0.0 if ctx.digit_line and digit_word else _COMMONEST if all_lookalikes(key) else 1e-5
        shortlist = []
        for c in cands:
            ckey, ch_logp, reason = c.word, c.logp, c.reason
            f = lm.freq(ckey)
            if (ckey == key and not odd) or (digit_led and (f < least or reason is Reason.EDIT)):
                continue  # a digit read for a letter: only common words, by a known confusion
            if least == _COMMONEST and ckey in (prev, nxt):
                continue  # (a word twice is rare: 'She is 15 years' is no 'is is')
            if self.traits.accents and not ckey.isascii() and ckey != key and strip_accents(ckey) == strip_accents(key):
                if not ctx.accents:
                    continue  # adding accents is for lines that lack them throughout
                # on such a line, each letter that has lost its accent did so half the time or more
                ch_logp = sum(a != b for a, b in zip(ckey, key)) * math.log(0.5) if len(ckey) == len(key) else ch_logp
            boost = doc.boost(ckey, f, p.document_weight) if doc is not None else 0.0
            shortlist.append((ch_logp + math.log(f if f > 1e-12 else 1e-12) + boost, ckey, ch_logp + boost, reason))
        shortlist.sort(reverse=True)
        scored: list[tuple[float, str, Reason]] = []
        for _, ckey, ch_logp, reason in shortlist[: p.shortlist]:  # (ch_logp with the document's boost)
            lm_lp = lm.logp(ckey, prev) + (lm.logp(nxt, ckey) if nxt is not None else 0.0)
            scored.append((lm_lp + ch_logp, ckey, reason))
        return scored

    def best_compound(self, tok: Token, prev: str | None, nxt: str | None, ctx: LineContext,
                      start_of_sentence: bool) -> Best | None:
        """A word hyphenated inside ('Nobbs-streot', 'scUool-ivouse'): each part that is not
        plainly right is corrected as a word between its neighbours; None where no part changes
        or ``tok`` is no such compound (two to four parts of two or more letters; 'Sir,-The'
        is two words and a dash)."""
        core = tok.core
        if tok.kind != "word" or "-" not in core:
            return None
        parts = core.split("-")
        # (a part may print a digit or symbol for a letter, 'gr4nd-mère'; not a figure, '1st-class')
        if not 2 <= len(parts) <= 4 or not all(sum(c.isalpha() for c in p) >= 2 and (p.isalpha() or classify(p) == "word")
                                               for p in parts):
            return None
        keys = [normalise(p) for p in parts]
        if any(self.model.lm.known(a + b) for a, b in zip(keys, keys[1:])):
            return None  # a word hyphenated at a former line end ('résis-terait', 'Deux-Asso-ciés')
        new, probs, reasons = list(parts), [], []
        for i, part in enumerate(parts):
            if self.plainly_right(part, keys[i], ctx.accents):
                continue
            sub = Token(part, 0, "", part, "", "word")
            first = start_of_sentence and i == 0
            best = self.best(sub, keys[i], keys[i - 1] if i else prev, keys[i + 1] if i + 1 < len(parts) else nxt, ctx, first)
            if best is None and math.isfinite(self.model.params.spelling_margin):
                best = self.respell(part, ctx, first)
            if best is not None and best.reason is not Reason.SPLIT:
                new[i] = best.word
                probs.append(best.probability)
                reasons.append(best.reason)
        if not probs:
            return None
        return Best("-".join(new), math.prod(probs), reasons[0])

    def respell(self, core: str, ctx: LineContext, start_of_sentence: bool) -> Best | None:
        hit = self.respeller.respell(core, normalise(core), ctx.factor)
        if hit is None:
            return None
        return Best(self.cased(core, hit[0], start_of_sentence, ctx.caps), hit[1], Reason.SPELLING)

    # --- helpers ----------------------------------------------------------------------------
    def context(self, word: str, prev: str | None, nxt: str | None) -> float:
        """How much the neighbours raise (or lower) ``word`` against its plain frequency."""
        lm = self.model.lm
        c = 0.0
        if prev is not None:
            c += lm.logp(word, prev) - lm.logp(word)
        if nxt is not None:
            c += lm.logp(nxt, word) - lm.logp(nxt)
        return c

    def cased(self, core: str, cand: str, start_of_sentence: bool, caps: bool = False, digits: bool = False) -> str:
        """``cand`` in the case ``core`` was printed in (see :func:`restore_case`); where the first
        letter itself was misread, in the case that the error model has seen that misreading
        stand for more often ('©ohn' is 'Sohn' where '©' is a capital misread, 'gifcher' is
        'Fischer' where 'g' is most often a misread 'F'); not a digit or symbol on a line that prints
        them for letters (``digits``): there the word is cased as the sentence has it."""
        out = restore_case(core, cand, start_of_sentence, caps)
        first, was = cand[:1], core[:1]
        lm = self.model.lm
        if digits and not start_of_sentence and was in _DIGIT_INITIALS and digit_capital(core, names=False) \
                and written_small(cand.lower(), lm.langs, lm.freq(normalise(cand))):
            return out.lower()  # (a digit's capital first among others inside a sentence: 'OntO' is 'onto'; 'OlIver' stays)
        if digits and not start_of_sentence and not was.isalpha() and written_capital(cand.lower(), lm.langs):
            return out[0].upper() + out[1:]  # (a German noun printed with a digit first: '4uto' is 'Auto')
        if caps or not first.isalpha() or was.lower() == first or normalise(was) == first or (digits and not was.isalpha()):
            return out  # (on a line that prints digits for letters, '1s' is 'is' inside a sentence)
        counts = self.channel.confusions
        upper, lower = counts.get((first.upper(), was), 0), counts.get((first.lower(), was), 0)
        # (a letter printed for a letter of the other case needs more evidence than a mark does;
        # before training, the prior's look-alikes are the evidence: 'I' printed for 'l')
        least, times = (10 if self.traits.trained else 3, 4) if was.isalpha() else (3, 2)
        if upper > times * lower and upper >= least:
            return out[0].upper() + out[1:]
        if lower > times * upper and lower >= least and not start_of_sentence:
            return out[0].lower() + out[1:]
        return out

    def _two_words(self, low: str, shortest: int, freq: float) -> Iterator[int]:
        """Where ``low`` splits into two words, each ``shortest`` letters or longer and at least
        ``freq`` frequent."""
        f = self.model.lm.freq
        return (i for i in range(shortest, len(low) - shortest + 1) if f(low[:i]) >= freq and f(low[i:]) >= freq)

    def _run_together(self, low: str) -> bool:
        """Whether ``low`` is two common words of three letters or more ('sichder', 'waraber')."""
        return any(self._two_words(low, 3, 1e-5))

    def _splits(self, core: str, factor: float) -> list[Candidate]:
        """Two common words whose space the engine lost ('kingwas' -> 'king was')."""
        p = self.model.params
        lp = math.log(min(0.5, p.split_prob * factor))
        return [Candidate(core[:i] + " " + core[i:], lp, Reason.SPLIT) for i in self._two_words(normalise(core), 2, p.known_freq)]


def _shouting(toks: Sequence[Token], i: int) -> bool:
    """Whether another word of the line is mostly capitals ('IMpO&TANIT TO XEMGR&NE': a
    headline's 'TO', not a seed-like 'LA cuisin3')."""
    return any(j != i and sum(c.isupper() for c in t.core) > max(1, sum(c.islower() for c in t.core)) for j, t in enumerate(toks))


def against_document(core: str, cand: str, doc: DocumentWords) -> bool:
    """Whether reading ``core`` as ``cand`` writes letters the document never prints for a
    letter it prints in many words (``ij`` for ``y`` on a page that spells ``zyn``, ``tyd``):
    that is how it is spelled, not how it was misread."""
    return any(len(gt) >= 2 and len(ocr) == 1 and doc.spells_without(gt, ocr)
               for gt, ocr in align_edits(normalise(core), normalise(cand)))


def restore_case(orig: str, cand: str, start_of_sentence: bool, caps: bool = False) -> str:
    """``cand`` in the case of the printed ``orig``: all capitals, capitalised, or lower case;
    where the first character was garbage (a digit, '@'), by the position in the sentence."""
    letters = [c for c in orig if c.isalpha()]
    # (capitals after the first that stand with digits are look-alikes too: 'EII3' is 'Elle')
    lookalikes = any(c.isdigit() for c in orig) and all(c in "IO" for c in letters[1:])
    if caps or (len(letters) > 1 and all(c.isupper() for c in letters) and len(orig) > 1 and not lookalikes):
        return cand.upper()
    first = orig[0]
    if first.isalpha():
        return cand[0].upper() + cand[1:].lower() if first.isupper() else cand.lower()
    return cand[0].upper() + cand[1:].lower() if start_of_sentence else cand.lower()


def _used_here(key: str, instead: str, doc: DocumentWords | None) -> bool:
    """Whether the document prints ``key`` elsewhere and never ``instead``: a suspect word
    that a page uses again and again ('roods' in a land sale) is that page's word."""
    return doc is not None and doc.times(key) >= 2 and not doc.times(instead)
