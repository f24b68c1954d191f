"""The post-processor: a noisy-channel corrector of OCR text.

For every token that is not plainly right it asks: which word ``c`` best explains what the
engine printed, ``o``? It scores

    score(c) = log P_lm(c | previous word) + log P_channel(o | c)

for candidates from (1) the error model's learned confusions applied to ``o`` (``1``→``i``,
``@``→``a``, ``rn``→``m``, ``e``→``é``...), (2) the engine's own per-character alternatives,
(3) every word one generic edit away, and keeps ``o`` unless a candidate wins by a margin.

How garbled the surrounding line is matters: a lone ``4`` in ``Th1s 1s 4 s@mple`` is probably
an ``a``; in ``totals 1,250.00 EUR for 4 items`` it is a number. The corrector estimates each
line's error rate from its own tokens and scales the error model by it, so clean lines are
left alone. Numbers, amounts, dates, codes, e-mail addresses, URLs and acronyms are never
changed (see :mod:`ocrkit.correct.tokens`).

The text given to :meth:`PostProcessor.correct` is one document (see :mod:`ocrkit.correct.document`):
the words it uses elsewhere raise their probability, and a trained model may read it a second
time with the confusions its first reading undid.

The model (error model + learned vocabulary and bigrams) is trained with :meth:`fit` /
:meth:`update` on (ocr, ground truth) pairs and :meth:`fit_text` on plain text, and saved as
versioned gzip-compressed JSON (:meth:`save` / :meth:`load`), never pickle.
"""

from __future__ import annotations

import copy
import gzip
import json
import math
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence, overload

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..errors import ModelError
from ..results import Correction, Line, OCRResult, Page, Symbol, Word
from .channel import AMOUNT, AMOUNT_MARK, BREAK_HYPHENS, DASHES, ChannelModel, align_edits
from .document import DocumentChannel, DocumentWords
from .lm import LanguageModel, normalise
from .memory import WordMemory
from .spelling import SpellingModel, wordlikeness_model
from .tokens import GARBAGE as _GARBAGE
from .tokens import Token, tokenize

MODEL_FORMAT = "ocrkit-corrector"
MODEL_VERSION = 1
_SENTENCE_END = ".!?:;…"
_TYPICAL_RATE = 0.02  # visible error evidence per character of a typical OCR line
TYPOGRAPHY = "learned typography"  # reason of a fix that rewrites a token's punctuation
SPACING = "learned spacing"  # reason of a fix that joins a dash to the next word ('- Vous' -> '-Vous')
HYPHENATION = "learned hyphenation"  # reason of a fix that writes two printed words as one word broken at a line end ('shal low' -> 'shal- low')
STRAY = "learned stray mark"  # reason of a fix that drops a mark alone at a line's edge ('I' for a column rule) or a letter alone inside it
MERGE = "merge"  # reason of a fix that joins two printed words into one ('f or' -> 'for'): it spans both
_WORDLIKE_LEXICON = 30_000  # most frequent words per list that teach the character model of word-likeness
_BROKEN_WEIGHT = 3.0  # in tuning, a broken correct segment costs this many times its share
_TUNING_STEP = 0.5  # points per held-out part (summed over them) a tuning step must gain: smaller gains are mostly noise
_TUNING_EDGE = 0.5  # points per held-out part (summed over them) tuned margins must gain over cautious ones
_TUNING_PARTS = 5  # held-out fifths tuning scores on (each one: a document that dominates one part weighs less)
_DOCUMENT_SURE = 0.8  # corrections at least this probable teach a document's own confusions
_NOT_CONFUSIONS = (TYPOGRAPHY, SPACING, "split", MERGE, HYPHENATION, STRAY)  # (reasons of fixes that are no misread letters)
TUNING_PAIRS = 100  # fit tunes the margins from this many pairs on
_TUNING_DOCUMENT = 40  # in tuning, this many consecutive held-out pairs are corrected as one document
_JOINED_FREQ = 1e-7  # a word broken at a line end is joined where the whole is at least this frequent (not 'twentyfive')
_BROKEN_WORDS = 0.01  # merge_prob where the transcriptions keep broken words (see _tune)
_SECOND_READING = 4.0  # a trained model reads twice at this weight unless the held-out parts say it loses


@dataclass(frozen=True)
class CorrectedText:
    """What :meth:`PostProcessor.correct` returns for plain text."""

    text: str
    raw_text: str
    corrections: tuple[Correction, ...]

    def __str__(self) -> str:
        return self.text


@dataclass
class Params:
    """Tunable decision parameters (saved with the model)."""

    margin: float = math.log(6.0)  # a candidate must beat keeping the token by this (log) factor
    max_rule_edits: int = 5  # confusion-rule applications per word
    beam: int = 48
    known_freq: float = 1e-6  # words at least this frequent are taken as right without scoring
    max_line_factor: float = 15.0
    known_word_margin: float = math.log(10.0)  # extra margin to replace a word the lexicon knows
    edit_margin: float = math.log(1e4)  # extra margin for a generic edit on a clean-looking word
    digit_line_factor: float = 3.0  # tokens that start with a digit change only on lines this garbled
    memory_margin: float = math.log(2.0)  # a learned word replacement must beat keeping by this
    near_words: int = 30_000  # most frequent words searched at two edits
    shortlist: int = 8  # candidates scored in context
    split_prob: float = 0.0  # probability that the engine lost the space between two words (0: off; tuned by fit)
    merge_prob: float = 0.0  # probability that the engine printed a space inside a word ('f or'; 0: off; tuned by fit; where the transcriptions keep words broken at line ends, the halves get the hyphen back instead: 'shal low' -> 'shal- low')
    unknown_keep: float = 1e-8  # LM floor for keeping a lower-case word no list knows (tuned by fit)
    capital_keep: float = 10.0  # ... times this for a capitalised one, more likely a name (German capitalises nouns: tuned by fit)
    typography: float = math.inf  # punctuation the transcriptions write otherwise more often than this share is rewritten (inf: off; opt in with e.g. 0.95)
    spelling_margin: float = math.inf  # a lexicon-free rewrite of an unknown word must beat it by this in the spelling model (inf: off; tuned by fit)
    strict_freq: float = 0.0  # a known word must be more frequent than this for the wider known-word margin (tuned by fit)
    unknown_evidence: float = 0.25  # error evidence an unknown word adds to its line's error estimate (tuned by fit)
    rare_evidence: float = 0.0  # ... a known word rarer than known_freq (tuned by fit)
    wordlike: float = 0.0  # keeping an unknown word: times exp(this x how much more word-like than usual it looks, per letter) (0: off; tuned by fit)
    length_decay: float = 0.0  # ... times exp(-decay per letter beyond 4): a long unknown word near a known one is rarely right
    document_weight: float = 0.3  # weight of a word's share of the rest of the document against its general frequency (0: off; tuned by fit)
    document_channel: float = 0.0  # weight of the confusions a document's first reading undid, in a second reading (0: off; tuned by fit)
    suspect_ratio: float = math.inf  # a known word that a frequent misreading makes of a word this many times commoner is checked like an unknown one (inf: off; tuned by fit)

    def to_dict(self) -> dict:
        return dict(self.__dict__)


class PostProcessor:
    """A trainable, language-aware OCR corrector.

    ``PostProcessor(lang="eng")`` uses the built-in prior of OCR confusions and the word
    statistics of ``lang`` (Tesseract codes; ``"eng+fra"`` mixes word lists). With
    ``shipped=True`` it uses instead the error model that ships for eng, fra, deu and nld, learned
    from Tesseract's misreadings of rendered text (scripts/build_default_models.py); on the
    evaluation sets we have it is not better than the prior, so it is not the default.
    ``PostProcessor.load(path)`` reads a trained model. Objects are safe to share between threads for :meth:`correct`; training
    methods must not run concurrently with it.
    """

    def __init__(self, lang: str = "eng", *, channel: ChannelModel | None = None, lm: LanguageModel | None = None,
                 params: Params | None = None, memory: WordMemory | None = None, shipped: bool = False):
        self.lang = lang
        self.channel = channel or (shipped_channel(lang) if shipped else None) or ChannelModel()
        self.memory = memory or WordMemory()
        self.lm = lm or LanguageModel.for_tesseract_lang(lang)
        self.params = params or Params()
        self._refresh()

    def _refresh(self) -> None:
        """Recompute what derives from the model after it learned something; drop the caches."""
        self._alphabet = self._make_alphabet()
        self._accents = self._make_accents()  # also clears the accent cache
        # what training showed this engine does (nothing before training): marks printed for
        # letters ('wa«' for 'was', '(hall' for 'shall'), and letters printed in the wrong case ('auS' for 'aus')
        ch = self.channel
        trained = self._trained = ch.learned_chars >= 1000
        self._letter_marks = {
            q for q in _LETTER_MARKS if any(gt.isalpha() and p > 10 * ch.generic for gt, p in ch.reverse_index().get(q, ()))
        } if trained else set()
        self._edge_marks = "".join(sorted(set(_QUOTES) | self._letter_marks))  # (guillemets, and the learned letter marks: stripped from the keys of words)
        self._typography: dict[float, dict] = {}  # share -> translation table (see _typography_table)
        self._case_slips = {
            ocr for (gt, ocr) in ch.confusions
            if len(gt) == 1 and gt.islower() and ocr == gt.upper() and ch.prob(gt, ocr) > 10 * ch.generic
        } if trained else set()
        self._dash_join = trained and ch.joins_dashes()
        dashes = ch.dropped_dashes() if trained else ""
        self._dropped_dashes = re.compile(f"[{dashes}]+") if dashes else None
        self._break_hyphen = ch.break_hyphen() if trained else None
        self._break_rewrites = {h: w for h in BREAK_HYPHENS if (w := ch.break_hyphen_for(h))} if trained else {}
        self._break_joins = trained and ch.joins_breaks()
        self._drops_strays = trained and any(k.endswith("\tdropped") for k in ch.stray_marks)
        self._amount_marks = ch.amount_marks_table() if trained else {}
        word_marks = ch.word_marks_table() if trained else {}
        marks = "[" + re.escape("".join(word_marks)) + "]"
        self._word_marks = (  # "l’homme" where the transcriptions write "l'homme"; also "’Tis", not "’dit-il’"
            re.compile(rf"(?<=[^\W\d_]){marks}(?=[^\W\d_])|^({marks})(?=[^\W\d_])(?!.*\1)"), word_marks
        ) if word_marks else None
        self._cand_cache: dict[tuple[str, float], list[tuple[str, float, str]]] = {}
        self._spelling: SpellingModel | None | bool = False  # built from the learned words on first use
        self._wordlike: tuple[SpellingModel, float] | None = None  # (model, median level): on first use
        self._wordlike_cache: dict[str, float] = {}  # (asked for a word by the line estimate and each pass)
        self._rewrite_cache: dict[tuple[str, float], tuple[float, str] | None] = {}
        self._symspell = None
        self._common: set[str] | None = None  # see _common_words
        self._far_index: dict[int, list[str]] | None = None
        self._suspect_words: tuple[float, frozenset[str]] | None = None  # (suspect_ratio, words): on first use

    # --- training ---------------------------------------------------------------------------
    def fit(self, pairs: Iterable[tuple[str, str]], *, learn_words: bool = True, tune: bool = True) -> "PostProcessor":
        """Learn from ``(ocr, ground_truth)`` pairs, and tune the decision thresholds on them.

        With ``tune`` (and at least 100 pairs), the margins are tuned on held-out pairs: five
        times, a copy of the model learns from four fifths of the pairs (pass them grouped by
        document) and is scored on the other fifth (each fifth once; runs of 40 pairs corrected
        as one document, see :meth:`correct_lines`); the margins that do best over the five
        (edit-distance gain, with each broken correct segment costing three times
        its share; coordinate search, each step gaining at least half a point per part) are
        kept, unless they gain under half a point per part over cautious margins (the data then
        has little to teach); with tuned margins, the second reading of each document (see
        ``Params.document_channel``) stays on unless it loses on the held-out parts; and where
        the transcriptions keep words broken at former line ends (``shal- low``, see
        :meth:`ChannelModel.break_hyphen`), writing back the hyphen the engine lost
        (``shal low``) stays on unless the held-out parts lose in gain or in more than 1 in 50 of
        their correct segments. Then the model learns from all pairs."""
        pairs = list(pairs)
        if tune and len(pairs) >= TUNING_PAIRS:
            fifth = len(pairs) // 5
            probes = []
            starts = (len(pairs) - fifth, 0, 2 * fifth, fifth, 3 * fifth)[:_TUNING_PARTS]  # the last fifth, the first, ...
            for held, rest in ((pairs[a : a + fifth], pairs[:a] + pairs[a + fifth :]) for a in starts):
                probe = PostProcessor._from_doc(self._to_doc())
                probe.update(rest, learn_words=learn_words)
                probes.append((probe, held))
            self.params = _tune(probes, self.params)
        return self.update(pairs, learn_words=learn_words)

    def update(self, pairs: Iterable[tuple[str, str]], *, learn_words: bool = True) -> "PostProcessor":
        """Learn from newly corrected ``(ocr, ground_truth)`` samples, incrementally."""
        pairs = [(unicodedata.normalize("NFC", o), unicodedata.normalize("NFC", g)) for o, g in pairs if g]
        self.channel.update(pairs)
        self.memory.update(pairs)
        if learn_words:
            self.lm.add_text(g for _, g in pairs)
        self._refresh()
        return self

    def fit_text(self, texts: Iterable[str]) -> "PostProcessor":
        """Learn word and bigram statistics from plain (correct) text."""
        self.lm.add_text(texts)
        self._refresh()
        return self

    # --- persistence ------------------------------------------------------------------------
    def save(self, path: str | os.PathLike) -> None:
        """Write the model as versioned, gzip-compressed JSON."""
        tmp = Path(str(path) + ".tmp")
        with gzip.open(tmp, "wt", encoding="utf-8") as fh:
            json.dump(self._to_doc(), fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: str | os.PathLike) -> "PostProcessor":
        """Read a model written by :meth:`save`."""
        p = Path(path)
        if not p.exists():
            raise ModelError(f"No model file at {p}; train one with `ocrkit train ... -o {p}`.")
        try:
            with gzip.open(p, "rt", encoding="utf-8") as fh:
                doc = json.load(fh)
        except (OSError, ValueError, EOFError) as exc:
            raise ModelError(f"{p} is not an ocrkit correction model (or it is corrupt): {exc}") from exc
        if not isinstance(doc, dict) or doc.get("format") != MODEL_FORMAT:
            raise ModelError(f"{p} is not an ocrkit correction model.")
        if int(doc.get("version", 0)) > MODEL_VERSION:
            raise ModelError(f"{p} was written by a newer ocrkit (model version {doc['version']}); upgrade ocrkit.")
        try:
            return cls._from_doc(doc)
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"{p} is a damaged correction model: {exc}") from exc

    def _to_doc(self) -> dict:
        return {
            "format": MODEL_FORMAT,
            "version": MODEL_VERSION,
            "lang": self.lang,
            "params": self.params.to_dict(),
            "channel": self.channel.to_dict(),
            "lm": self.lm.to_dict(),
            "memory": self.memory.to_dict(),
        }

    @classmethod
    def _from_doc(cls, doc: dict) -> "PostProcessor":
        return cls(
            doc["lang"],
            channel=ChannelModel.from_dict(doc["channel"]),
            lm=LanguageModel.from_dict(doc["lm"]),
            # parameters this version does not know (from a newer one) are ignored
            params=Params(**{k: v for k, v in doc.get("params", {}).items() if k in Params.__dataclass_fields__}),
            memory=WordMemory.from_dict(doc.get("memory", {})),
        )

    # --- correcting -------------------------------------------------------------------------
    @overload
    def correct(self, text: str) -> CorrectedText: ...
    @overload
    def correct(self, text: OCRResult) -> OCRResult: ...

    def correct(self, text):  # type: ignore[no-untyped-def]
        """Correct plain text (→ :class:`CorrectedText`) or an :class:`OCRResult` (→ a new one).
        The text is one document: the words it uses elsewhere inform each line (see
        :mod:`ocrkit.correct.document`)."""
        if isinstance(text, OCRResult):
            return self.correct_result(text)
        lines = text.split("\n")
        out, corrections = self._correct_document(lines)
        return CorrectedText("\n".join(out), text, tuple(corrections))

    def correct_lines(self, lines: Sequence[str]) -> list[str]:
        """Correct the lines of one document (a page, an article, a file) together; one output
        line per input line, in order."""
        return self._correct_document(lines)[0]

    def correct_line(self, line: str) -> str:
        """Correct one line of text on its own (no document context); return the corrected line."""
        toks = self._tokens(line)
        new, _ = self._correct_tokens(toks, None, None, True)
        return _rebuild(line, toks, new)

    def _correct_document(self, lines: Sequence[str]) -> tuple[list[str], list[Correction]]:
        all_toks = [self._tokens(line) for line in lines]
        doc = self._document(all_toks)  # (both readings share the tokens and the document's words)
        out, corrections = self._read_document(lines, all_toks, doc)
        reader = self._second_reader(corrections, lambda: "\n".join(out))
        return reader._read_document(lines, all_toks, doc) if reader is not None else (out, corrections)

    def _second_reader(self, corrections: Sequence[Correction], text: Callable[[], str]) -> "PostProcessor | None":
        """This corrector with the confusions a document's first reading undid (see
        DocumentChannel), for a second reading; None where that is off or nothing recurred."""
        if self.params.document_channel <= 0.0 or len(corrections) < 2:
            return None
        edits = [e for c in corrections if c.probability >= _DOCUMENT_SURE and c.reason not in _NOT_CONFUSIONS
                 for e in align_edits(c.original, c.replacement)]
        channel = DocumentChannel.learn(self.channel, edits, text(), self.params.document_channel)
        if channel is None:
            return None
        reader = copy.copy(self)  # (shares the word statistics and the caches that do not depend on the channel)
        reader.channel = channel  # type: ignore[assignment]
        reader._cand_cache, reader._rewrite_cache = {}, {}
        return reader

    def _read_document(self, lines: Sequence[str], all_toks: Sequence[list[Token]],
                       doc: DocumentWords | None) -> tuple[list[str], list[Correction]]:
        lines_out: list[str] = []
        corrections: list[Correction] = []
        sentence_start, continued = True, False
        for i, (line, toks) in enumerate(zip(lines, all_toks)):
            new, fixes = self._correct_tokens(toks, None, None, sentence_start, continued, doc=doc)
            corrections.extend(_corrections(fixes, toks, 0, i))
            lines_out.append(_rebuild(line, toks, new))
            if toks:
                sentence_start, continued = _line_end(toks, new)
        return lines_out, corrections

    def _document(self, lines: Iterable[Sequence[Token]]) -> DocumentWords | None:
        """The document context of these tokenized lines (None where it is off or too short)."""
        if self.params.document_weight <= 0.0:
            return None
        known_freq, freq = self.params.known_freq, self.lm.freq
        keys = (normalise(t.core).strip(self._edge_marks) for toks in lines for t in toks if t.kind == "word")
        return DocumentWords.of(keys, lambda k: not any(c in _GARBAGE for c in k) and freq(k) >= known_freq)

    def correct_result(self, result: OCRResult) -> OCRResult:
        """A new result whose words carry corrected text, with ``.corrections`` filled in (the
        whole result is one document, as in :meth:`correct`)."""
        all_toks = {id(line): self._tokens(" ".join(w.text for w in line.words)) for page in result.pages for line in page.lines}
        doc = self._document(all_toks.values())  # (both readings share the tokens and the document's words)
        pages, corrections = self._read_result(result, all_toks, doc)
        reader = self._second_reader(corrections, lambda: "\n".join(ln.text for pg in pages for ln in pg.lines))
        if reader is not None:
            pages, corrections = reader._read_result(result, all_toks, doc)
        return result.with_pages(tuple(pages), corrections=tuple(corrections), corrected=True, raw_text=result.text)

    def _read_result(self, result: OCRResult, all_toks: dict[int, list[Token]],
                     doc: DocumentWords | None) -> tuple[list[Page], list[Correction]]:
        pages: list[Page] = []
        corrections: list[Correction] = []
        sentence_start, continued = True, False
        for page in result.pages:
            lines: list[Line] = []
            for li, line in enumerate(page.lines):
                words = line.words
                toks = all_toks[id(line)]
                if len(toks) != len(words):  # an engine put spaces inside a word: leave the line
                    lines.append(line)
                    continue
                confs = [w.confidence for w in words]
                syms = [w.symbols for w in words]
                new, fixes = self._correct_tokens(toks, confs, syms, sentence_start, continued, doc=doc)
                offsets = _word_offsets(line)
                dropped = {f[0] for f in fixes if not f[1] and f[3] in (STRAY, TYPOGRAPHY)}  # (emptied, not joined to the next word)
                for ti, cand, prob, reason in fixes:
                    original, skip = _fixed_part(toks, ti, reason)
                    start = offsets[ti] + skip
                    corrections.append(Correction(original, cand, page.number, li, start, start + len(original), prob, reason))
                new_words: list[Word] = []
                for i, (t, w) in enumerate(zip(new, words)):
                    if not t:  # a dash joined to the next word: that word's box takes it in
                        continue
                    box, first = w.box, i
                    if i and not new[i - 1] and i - 1 not in dropped:
                        a, first = words[i - 1].box, i - 1
                        box = (min(a[0], box[0]), min(a[1], box[1]), max(a[2], box[2]), max(a[3], box[3]))
                    new_words.append(Word(t, box, w.confidence, w.symbols if t == w.text else (),
                                          1 if new_words else words[first].spaces_before))
                lines.append(Line(tuple(new_words), line.box))
                if new:
                    sentence_start, continued = _line_end(toks, new)
            pages.append(replace(page, lines=tuple(lines)))
        return pages, corrections

    # --- the decoder ------------------------------------------------------------------------
    def _tokens(self, line: str) -> list[Token]:
        """Tokenize; where the error model has learned that this engine prints a letter as a
        guillemet ('wa«' for 'was', an ABBYY and Fraktur habit) or an opening parenthesis (a long
        s: '(hall' for 'shall'), that mark stuck to a word is taken into the word, so that the
        corrector may read it as a letter (or keep it); a parenthesis closed later in the line
        (before another opens) stays a parenthesis."""
        toks = tokenize(line)
        if not self._letter_marks:
            return toks
        out = []
        for t in toks:
            if t.kind == "word" and t.core.isalpha():
                if t.trail[:1] in self._letter_marks:
                    t = Token(t.text, t.start, t.lead, t.core + t.trail[0], t.trail[1:], "word")
                elif t.lead[-1:] in self._letter_marks and not (t.lead[-1] == "(" and _closed(line[t.start + len(t.lead):])):
                    t = Token(t.text, t.start, t.lead[:-1], t.lead[-1] + t.core, t.trail, "word")
            out.append(t)
        return out

    def _correct_tokens(self, toks: Sequence[Token], *args, **kwargs) -> tuple[list[str], list[tuple[int, str, float, str]]]:  # type: ignore[no-untyped-def]
        """:meth:`_correct_words`, then the learned punctuation: the new token texts and the
        fixes ``(token index, new core, probability, reason)``; a fix with reason ``TYPOGRAPHY``
        replaces the whole token."""
        merges = self._merges(toks) if self.params.merge_prob > 0 else {}
        out, fixes = self._correct_words(toks, *args, **kwargs)
        if merges:  # ('f or' -> 'for': the first token empties into the second, which keeps the text)
            fixes = [f for f in fixes if f[0] not in merges and f[0] - 1 not in merges]
            hyphen = self._break_hyphen
            for i, (word, prob) in merges.items():
                a, b = toks[i], toks[i + 1]
                if hyphen and len(word) == len(a.core) + len(b.core) and min(len(a.core), len(b.core)) >= 2:
                    # the transcriptions keep a word broken at a line end as it was printed: 'shal- low'
                    first = word[: len(a.core)] + hyphen.rstrip(" ")
                    out[i], out[i + 1] = a.lead + first, word[len(a.core) :] + b.trail
                    fixes.append((i, first + " " + word[len(a.core) :], prob, HYPHENATION))
                    continue
                out[i], out[i + 1] = "", a.lead + word + b.trail
                fixes.append((i, word, prob, MERGE))
        rewrites: list[Callable[[str], str]] = []
        table = self._typography_table()
        if table:  # the punctuation conventions of the training transcriptions
            rewrites.append(lambda text: text.translate(table))
        if self._word_marks:  # "l’homme" where the transcriptions write "l'homme"
            pattern, marks = self._word_marks
            rewrites.append(lambda text: pattern.sub(lambda m: marks[m.group()], text))
        if rewrites:
            fixed = {f[0]: k for k, f in enumerate(fixes)}
            for i, t in enumerate(toks):
                if t.kind in ("url", "email") or i in merges or i - 1 in merges:
                    continue
                new = old = out[i]
                for rewrite in rewrites:
                    new = rewrite(new)
                if new != old:
                    out[i] = new
                    if i in fixed:  # (that fix's replacement is the token's core)
                        k = fixed[i]
                        core = fixes[k][1]
                        for rewrite in rewrites:
                            core = rewrite(core)
                        fixes[k] = (i, core, *fixes[k][2:])
                    else:
                        fixes.append((i, new, 1.0, TYPOGRAPHY))
        if self._dropped_dashes:  # 'inn—unless' where the transcriptions write 'inn unless'
            for i, t in enumerate(toks):
                if out[i] == t.text and t.kind not in ("url", "email") and self._dropped_dashes.search(t.text):
                    out[i] = " ".join(self._dropped_dashes.sub(" ", t.text).split())
                    fixes[:] = [f for f in fixes if f[0] != i]
                    fixes.append((i, out[i], 1.0, TYPOGRAPHY))
        if self._trained:  # words in capitals are left alone unless corrected samples tell otherwise
            for i, t in enumerate(toks):
                if t.kind == "acronym" and out[i] == t.text:
                    learned = self._learned_capitals(t.core)
                    if learned is not None:
                        out[i] = t.lead + learned[0] + t.trail
                        fixes.append((i, *learned, "learned word"))
        if self._amount_marks:  # '1.86(' where the transcriptions write '1.86€' (receipts)
            for i in range(len(toks)):
                m = AMOUNT_MARK.fullmatch(out[i])
                if m and m.group(2) in self._amount_marks:
                    out[i] = m.group(1) + self._amount_marks[m.group(2)]
                    fixes.append((i, out[i], 1.0, TYPOGRAPHY))
                elif i + 1 < len(toks) and AMOUNT.fullmatch(out[i]) and " " + toks[i + 1].text in self._amount_marks:
                    out[i + 1] = self._amount_marks[" " + toks[i + 1].text]  # ('2.15 î': the mark a word of its own)
                    fixes[:] = [f for f in fixes if f[0] != i + 1]
                    fixes.append((i + 1, out[i + 1], 1.0, TYPOGRAPHY))
        if self._break_rewrites or self._break_joins:
            for i in range(len(toks) - 1):
                t, nxt = toks[i], toks[i + 1]
                if not (t.kind == "word" and out[i] == t.text and len(t.trail) == 1 and t.trail in BREAK_HYPHENS
                        and len(t.core) >= 2 and t.core.isalpha() and _one_space_apart(t, nxt) and nxt.text[:1].isalpha()):
                    continue
                if t.trail in self._break_rewrites:  # 'conjon- ction' where the transcriptions write 'conjon‑ ction'
                    out[i] = t.lead + t.core + self._break_rewrites[t.trail]
                    fixes.append((i, out[i], 1.0, TYPOGRAPHY))
                elif (self._break_joins and out[i + 1] == nxt.text and nxt.kind == "word" and nxt.core[:1].islower()
                      and nxt.core.isalpha() and len(nxt.core) >= 2 and self.lm.freq(normalise(t.core + nxt.core)) >= _JOINED_FREQ):
                    # 'con- tract' where the transcriptions join a word broken at a line end
                    out[i], out[i + 1] = "", t.lead + t.core + nxt.core + nxt.trail
                    fixes[:] = [f for f in fixes if f[0] not in (i, i + 1)]
                    fixes.append((i, t.core + nxt.core, 1.0, HYPHENATION))
        if self._drops_strays and len(toks) >= 2:  # 'I' for a column rule, 'the r house': where the transcriptions drop such marks
            strays = [(0, 1, "start"), (len(toks) - 1, len(toks) - 2, "end")]
            strays += [(i, i - 1, "mid") for i in range(1, len(toks) - 1) if len(toks[i].text) == 1 and toks[i].text.isalpha()]
            for i, near, side in strays:
                if out[i] == toks[i].text and out[near] and self.channel.drops_stray(side, toks[i].text, toks[near].text):
                    out[i] = ""
                    fixes[:] = [f for f in fixes if f[0] != i]
                    fixes.append((i, "", 1.0, STRAY))
        if self._dash_join:  # the transcriptions write '-Vous' where the engine printed '- Vous'
            for i in range(len(toks) - 1):
                t, nxt = toks[i], toks[i + 1]
                if t.kind == "symbol" and t.text in DASHES and out[i] == t.text and nxt.kind == "word" and nxt.text[:1].isalpha():
                    out[i + 1] = out[i] + out[i + 1]
                    out[i] = ""  # (the dash now leads the next token)
                    fixes.append((i, t.text, 1.0, SPACING))
        return out, fixes

    def _learned_capitals(self, core: str) -> tuple[str, float] | None:
        """What a word printed in capitals turned out to be in the training pairs, where it was
        something else at least 3 times and in three quarters of its sightings ('OTE' for
        'QTE' on receipts): ``(replacement, probability)``, else None. (A capitalised word has
        no word statistics to weigh it against: only the memory's own evidence counts.)"""
        learned = self.memory.posterior(normalise(core), min_changed=3)
        if learned is None or learned[1] < 0.75 or not learned[0].isalpha():
            return None
        return learned[0].upper(), learned[1]

    def _typography_table(self) -> dict:
        """The learned punctuation rewrites at the tuned share (none before training)."""
        share = self.params.typography
        table = self._typography.get(share)
        if table is None:
            trained = self._trained and math.isfinite(share)
            table = self._typography[share] = str.maketrans(self.channel.typography(share=share)) if trained else {}
        return table

    def _correct_words(
        self,
        toks: Sequence[Token],
        confs: Sequence[float] | None,
        syms: Sequence[Sequence[Symbol]] | None,
        sentence_start: bool,
        continued: bool = False,
        doc: DocumentWords | None = None,
    ) -> tuple[list[str], list[tuple[int, str, float, str]]]:
        """Correct the words of a line (arguments: the tokens, the engine's confidences and
        symbols per token where known, whether the line starts a sentence, whether it continues
        a word hyphenated at the end of the previous line, the document context)."""
        out = [t.text for t in toks]
        keys: list[str | None] = [normalise(t.core).strip(self._edge_marks) if t.kind in ("word", "digit") else None for t in toks]
        # accents are restored only where a line lacks them systematically: no accented letter at
        # all, and at least three words (a quarter of them) whose accented form is far more common
        accents = False
        if self._accents and all(t.text.isascii() for t in toks):
            words = [i for i, t in enumerate(toks) if t.kind == "word"]
            suspects = sum(1 for i in words if self._accent_suspect(keys[i] or ""))
            accents = suspects >= 3 and suspects * 4 >= len(words)
        todo = [
            i for i, t in enumerate(toks)
            if t.kind == "digit" or (t.kind == "word" and not self._plainly_right(t.core, keys[i] or "", accents))
        ]
        # word halves hyphenated across a line end ("se-" / "curity") are not words: leave them
        if toks and toks[-1].trail.startswith(("-", "¬")):
            todo = [i for i in todo if i != len(toks) - 1]
        if continued:
            todo = [i for i in todo if i != 0]
        # on a line of figures (a receipt, a table) capitals are product names and codes: leave them
        if sum(t.kind in ("number", "code", "digit") for t in toks) * 4 >= len(toks):
            todo = [i for i in todo if not _capitals(toks[i].core)]
        # a word hyphenated at a former line end ("Kapazi¬täten") is two halves, not a misspelling;
        # so are two words run together at a full stop ("ist.In")
        todo = [i for i in todo if not any(h in toks[i].core for h in _LINE_HYPHENS) and "." not in toks[i].core]
        if not todo:
            return out, []
        factor = self._line_factor(toks, accents)
        if factor < self.params.digit_line_factor:  # digits stay digits on lines that look clean
            todo = [i for i in todo if not any(c.isdigit() for c in toks[i].core)]
            if not todo:
                return out, []
        # a line set in capitals (a headline, a receipt): replacements are capitals too
        cased = [t.core for t in toks if t.kind in ("word", "acronym") and any(c.isalpha() for c in t.core)]
        caps = len(cased) >= 2 and sum(map(_capitals, cased)) * 10 >= 7 * len(cased)
        decided: dict[int, tuple[str, float, str] | None] = {}
        # two passes: the second sees the first pass's reading of the following word
        for _ in range(2):
            for i in todo:
                tok = toks[i]
                prev = keys[i - 1] if i and not _ends_sentence(toks[i - 1].text) else None
                nxt = keys[i + 1] if i + 1 < len(toks) and not (tok.trail and tok.trail[-1] in _SENTENCE_END) else None
                start_of_sentence = sentence_start if i == 0 else _ends_sentence(toks[i - 1].text)
                best = self._best(
                    tok, normalise(tok.core), prev, nxt, factor,
                    confs[i] if confs is not None else None, syms[i] if syms is not None else None, start_of_sentence,
                    accents, caps, doc,
                )
                if best is None:  # ('pramis-ory' is one word, 'Nobbs-streot' two)
                    best = self._best_compound(tok, prev, nxt, factor, start_of_sentence, accents, caps, doc)
                if best is None and tok.kind == "word" and math.isfinite(self.params.spelling_margin):
                    best = self._respell(tok, factor, start_of_sentence, caps)
                if best is not None and doc is not None and self._against_document(tok.core, best[0], doc):
                    best = None
                decided[i] = best
                keys[i] = normalise(best[0]) if best else normalise(tok.core)
        fixes: list[tuple[int, str, float, str]] = []
        for i in todo:
            best = decided[i]
            if best is not None:
                cand, prob, reason = best
                out[i] = toks[i].lead + cand + toks[i].trail
                fixes.append((i, cand, prob, reason))
        return out, fixes

    def _best_compound(self, tok: Token, prev: str | None, nxt: str | None, factor: float, start_of_sentence: bool,
                       accents: bool, caps: bool, doc: DocumentWords | None) -> tuple[str, float, str] | None:
        """A word hyphenated inside ('Nobbs-streot', 'scUool-ivouse'): each part that is not
        plainly right is corrected as a word between its neighbours; None where no part changes
        or ``tok`` is no such compound (two to four parts of two or more letters; 'Sir,-The'
        is two words and a dash)."""
        core = tok.core
        if tok.kind != "word" or "-" not in core:
            return None
        parts = core.split("-")
        if not 2 <= len(parts) <= 4 or not all(len(p) >= 2 and p.isalpha() for p in parts):
            return None
        keys = [normalise(p) for p in parts]
        if any(self.lm.known(a + b) for a, b in zip(keys, keys[1:])):
            return None  # a word hyphenated at a former line end ('résis-terait', 'Deux-Asso-ciés')
        new, probs, reasons = list(parts), [], []
        for i, part in enumerate(parts):
            if self._plainly_right(part, keys[i], accents):
                continue
            sub = Token(part, 0, "", part, "", "word")
            best = self._best(sub, keys[i], keys[i - 1] if i else prev, keys[i + 1] if i + 1 < len(parts) else nxt,
                              factor, None, None, start_of_sentence and i == 0, accents, caps, doc)
            if best is None and math.isfinite(self.params.spelling_margin):
                best = self._respell(sub, factor, start_of_sentence and i == 0, caps)
            if best is not None and best[2] != "split":
                new[i] = best[0]
                probs.append(best[1])
                reasons.append(best[2])
        if not probs:
            return None
        return "-".join(new), math.prod(probs), reasons[0]

    @staticmethod
    def _against_document(core: str, cand: str, doc: DocumentWords) -> bool:
        """Whether reading ``core`` as ``cand`` writes letters the document never prints for a
        letter it prints in many words (``ij`` for ``y`` on a page that spells ``zyn``, ``tyd``):
        that is how it is spelled, not how it was misread."""
        return any(len(gt) >= 2 and len(ocr) == 1 and doc.spells_without(gt, ocr)
                   for gt, ocr in align_edits(normalise(core), normalise(cand)))

    def _plainly_right(self, core: str, key: str, accents: bool = False) -> bool:
        if any(c in _GARBAGE for c in core) or key in self.memory.became or self._case_slip(core) or core.strip(self._edge_marks) != core:
            return False
        if self.lm.freq(key) >= self.params.known_freq:
            return not (accents and self._accent_suspect(key)) and key not in self._suspects()
        # compounds such as "E-mail" or "well-known": right when every part is a known word
        parts = key.split("-")
        return len(parts) > 1 and all(part and self.lm.known(part) for part in parts)

    def _case_slip(self, core: str) -> bool:
        """A capital right after a small letter ('auS', 'BundeSrath'), where the error model has
        learned that this engine reads that letter in the wrong case (Fraktur 's' as 'S')."""
        return any(a.islower() and b.isupper() and b in self._case_slips for a, b in zip(core, core[1:]))

    def _cased(self, core: str, cand: str, start_of_sentence: bool, caps: bool = False) -> str:
        """``cand`` in the case ``core`` was printed in (see ``_restore_case``); where the first
        letter itself was misread, in the case that the error model has seen that misreading
        stand for more often ('©ohn' is 'Sohn' where '©' is a capital misread, 'gifcher' is
        'Fischer' where 'g' is most often a misread 'F')."""
        out = _restore_case(core, cand, start_of_sentence, caps)
        first, was = cand[:1], core[:1]
        if caps or not first.isalpha() or was.lower() == first or normalise(was) == first:
            return out
        counts = self.channel.confusions
        upper, lower = counts.get((first.upper(), was), 0), counts.get((first.lower(), was), 0)
        # (a letter printed for a letter of the other case needs more evidence than a mark does)
        least, times = (10, 4) if was.isalpha() else (3, 2)
        if upper > times * lower and upper >= least:
            return out[0].upper() + out[1:]
        if lower > times * upper and lower >= least and not start_of_sentence:
            return out[0].lower() + out[1:]
        return out

    def _suspects(self) -> frozenset[str]:
        """Known words that one of this engine's learned misreadings of a letter (seen three times
        or more, probability 0.003 or more: Fraktur 's' as 'f', 'e' as 'c' in old newspapers)
        makes of a word ``suspect_ratio`` times commoner ('feinem' of 'seinem', 'arc' of 'are'):
        such a word is not taken as plainly right, and is changed without the known-word margin
        where the evidence is there. Empty before training."""
        ratio = self.params.suspect_ratio
        if self._suspect_words is not None and self._suspect_words[0] == ratio:
            return self._suspect_words[1]
        out: set[str] = set()
        if self._trained and math.isfinite(ratio):
            ch, freq = self.channel, self.lm.freq
            rules = [(gt, ocr) for (gt, ocr), c in ch.confusions.items()
                     if c >= 3 and gt.isalpha() and ocr.isalpha() and gt.islower() and ocr.islower() and ch.prob(gt, ocr) >= 0.003]
            for word in self._common_words():
                f = freq(word) / ratio
                for gt, ocr in rules:
                    at = word.find(gt)
                    while at >= 0:
                        misread = word[:at] + ocr + word[at + len(gt):]
                        if 0.0 < freq(misread) <= f:
                            out.add(misread)
                        at = word.find(gt, at + 1)
        self._suspect_words = (ratio, frozenset(out))
        return self._suspect_words[1]

    @staticmethod
    def _used_here(key: str, instead: str, doc: DocumentWords | None) -> bool:
        """Whether the document prints ``key`` elsewhere and never ``instead``: a suspect word
        that a page uses again and again ('roods' in a land sale) is that page's word."""
        return doc is not None and doc.times(key) >= 2 and not doc.times(instead)

    def _accent_suspect(self, key: str) -> bool:
        """A known word whose accented form is at least 10x more frequent ('ecole' in French)."""
        if not self._accents:
            return False
        hit = self._accent_cache.get(key)
        if hit is None:
            f = self.lm.freq(key)
            hit = False
            if key.isascii():
                for variant in self._accent_variants(key):
                    if self.lm.freq(variant) >= 10 * f:
                        hit = True
                        break
            if len(self._accent_cache) > 200_000:
                self._accent_cache.clear()
            self._accent_cache[key] = hit
        return hit

    def _accent_variants(self, key: str) -> list[str]:
        out = [""]
        for ch in key:
            alts = self._accents.get(ch)
            out = [o + ch for o in out] + ([o + a for o in out for a in alts] if alts else [])
            if len(out) > 64:
                out = out[:64]
        return [o for o in out if o != key]

    def _line_signal(self, toks: Sequence[Token], accents: bool = False) -> tuple[float, int]:
        """Visible evidence of OCR errors in a line: (error estimate, characters)."""
        chars = 0
        errors = 0.0
        for t in toks:
            if t.kind not in ("word", "digit"):
                chars += len(t.text)
                continue
            chars += len(t.core)
            if t.kind == "digit":
                continue
            garbage = sum(c in _GARBAGE for c in t.core)
            if garbage and any(c.isalpha() for c in t.core):
                errors += garbage + 0.5
            elif self._case_slip(t.core):
                errors += 1.0
            elif not self.lm.known(key := normalise(t.core)):
                # unknown words are weak evidence: names and old or regional spellings are common;
                # where word-likeness is on, one that reads like no word counts more
                weight = self.params.unknown_evidence
                if self.params.wordlike and key.isalpha():
                    weight *= 1.0 + max(0.0, -self._wordlikeness(key))
                errors += weight
            elif self.params.rare_evidence and self.lm.freq(key) < self.params.known_freq:
                errors += self.params.rare_evidence  # a rare word ('wns', 'aud') is often a misread one
            elif accents and self._accent_suspect(key):
                errors += 1.0
        return errors, chars

    def _line_factor(self, toks: Sequence[Token], accents: bool = False) -> float:
        """How error-prone this line looks, as a factor on the error model: the visible error
        evidence per character, smoothed toward a typical 2%, relative to that 2%."""
        errors, chars = self._line_signal(toks, accents)
        rate = (errors + 20.0 * _TYPICAL_RATE) / (chars + 20.0)
        return min(self.params.max_line_factor, max(0.3, rate / _TYPICAL_RATE))

    def _best(self, tok: Token, key: str, prev: str | None, nxt: str | None, factor: float, conf: float | None,
              alts: Sequence[Symbol] | None, start_of_sentence: bool, accents: bool = False,
              caps: bool = False, doc: DocumentWords | None = None) -> tuple[str, float, str] | None:
        core = tok.core
        mark = next((c for c in (core[:1], core[-1:]) if c and c in self._edge_marks), "")
        quoted = bool(mark)  # a mark that may be a letter stuck to the word (see _tokens)
        if quoted:
            key = key.strip(self._edge_marks)
        learned = self.memory.posterior(key)
        if learned is not None:
            # what this printed word turned out to be in corrected samples, weighed by context
            target, p_target, p_keep = learned
            s_t = math.log(p_target) + self._context(target, prev, nxt)
            s_o = math.log(p_keep) + self._context(key, prev, nxt)
            if s_t - s_o > self.params.memory_margin:
                prob = 1.0 / (1.0 + math.exp(s_o - s_t))
                return self._cased(core, target, start_of_sentence, caps), prob, "learned word"
            if p_keep >= p_target and self.lm.known(key) and not quoted:
                return None  # (the memory never saw the quote: 'da«' is not the 'da' it knows)
        digit_led = core[:1].isdigit()
        if digit_led and factor < self.params.digit_line_factor:
            return None  # '4', '3s', '6d' are numbers unless the line is evidently garbled
        if conf is not None:  # the engine's own doubt scales the error model for this word
            factor *= min(3.0, max(0.3, (1.0 - conf) / 0.1))
        cands = self._candidates(core, factor, alts)  # normalised words
        if doc is not None and len(key) >= 4:
            # the document's own words near this one, scored edit by edit ('Aldcrman': 'alderman')
            have = {c[0] for c in cands}
            for word in doc.near(key):
                if word not in have:
                    lp, all_known = self._channel_logp(key, word, factor)
                    cands = cands + [(word, lp, "confusion" if all_known else "edit")]
        odd = self._case_slip(core) and self.lm.known(key)
        if odd:  # 'auS', 'BundeSrath': a known word with letters read in the wrong case
            fixed = _restore_case(core, key, start_of_sentence)
            ch = sum(math.log(min(0.9, self.channel.prob(a, b) * factor)) for a, b in zip(fixed, core) if a != b)
            cands = [c for c in cands if c[0] != key] + [(key, ch, "case")]
        splits = []
        if tok.kind == "word" and len(core) >= 5 and core.isalpha() and not self.lm.known(key):
            if self.params.split_prob > 0:
                splits = self._splits(core, factor)
            elif self._run_together(key):
                return None  # two words whose space was lost ('sichder'): no one word is what was meant
        if not cands and not splits:
            return None
        # keeping the token: its own LM probability; garbled strings are almost never right
        garbage = any(c in _GARBAGE for c in core) and tok.kind == "word"
        keep_lm = self.lm.logp(key, prev) if not garbage else math.log(1e-11)
        if tok.kind == "word" and not garbage and not self.lm.known(key):
            # words no list knows are often right on a clean page: names, jargon, other languages
            floor = self.params.unknown_keep * (self.params.capital_keep if core[:1].isupper() else 1.0)
            floor *= math.exp(-self.params.length_decay * max(0, len(core) - 4))
            if self.params.wordlike:
                floor *= math.exp(self.params.wordlike * self._wordlikeness(key))
            keep_lm = math.log(floor)  # (not floored at the LM's OOV probability: the decay must tell)
        elif doc is not None and not garbage:
            keep_lm += doc.boost(key, self.lm.freq(key), self.params.document_weight, own=1)
        if odd:  # an odd-cased spelling of a known word is no word itself: keep it only as a name
            keep_lm = math.log(self.params.unknown_keep)
        if nxt is not None:  # (a name is followed by words as any unknown word is)
            keep_lm += self.lm.logp(nxt, None if odd else key)
        if quoted:  # keeping means: this word, then (or after) that mark
            keep_lm += math.log(self.lm.mark_prob(mark))
        keep = keep_lm
        # score the likeliest candidates (channel x frequency) in context
        shortlist = []
        scored_splits: list[tuple[float, str, str]] = []
        for cand, ch_logp, reason in splits:  # both words must be plausible in their context
            left, right = normalise(cand).split(" ", 1)
            lm = self.lm.logp(left, prev) + self.lm.logp(right, left) + (self.lm.logp(nxt, right) if nxt is not None else 0.0)
            scored_splits.append((lm + ch_logp, cand, reason))
        freq = self.lm.freq
        for ckey, ch_logp, reason in cands:
            f = freq(ckey)
            if (ckey == key and not odd) or (digit_led and (f < 1e-5 or reason == "edit")):
                continue  # a digit read for a letter: only common words, by a known confusion
            if self._accents and not ckey.isascii() and _strip_accents(ckey) == _strip_accents(key):
                if not accents:
                    continue  # adding accents is for lines that lack them throughout
                # on such a line, each letter that has lost its accent did so half the time or more
                ch_logp = sum(a != b for a, b in zip(ckey, key)) * math.log(0.5) if len(ckey) == len(key) else ch_logp
            boost = doc.boost(ckey, f, self.params.document_weight) if doc is not None else 0.0
            shortlist.append((ch_logp + math.log(f if f > 1e-12 else 1e-12) + boost, ckey, ch_logp + boost, reason))
        shortlist.sort(reverse=True)
        scored: list[tuple[float, str, str]] = []
        for _, ckey, ch_logp, reason in shortlist[: self.params.shortlist]:  # (ch_logp with the document's boost)
            lm = self.lm.logp(ckey, prev) + (self.lm.logp(nxt, ckey) if nxt is not None else 0.0)
            scored.append((lm + ch_logp, ckey, reason))
        scored += scored_splits
        if not scored:
            return None
        scored.sort(reverse=True)
        best_score, best, reason = scored[0]
        strict = (self.lm.freq(key) > self.params.strict_freq and not odd and not quoted
                  and not (accents and self._accent_suspect(key))
                  and not (key in self._suspects() and not self._used_here(key, best, doc)))
        margin = self.params.margin + (self.params.known_word_margin if strict else 0.0)
        if reason == "edit" and (not garbage or factor < self.params.digit_line_factor):
            # an edit the error model does not know needs a wider margin; where training has
            # taught the model this engine's confusions, the likeliest candidate it does know
            # may stand in for an unsure edit ('hacr': 'haar' by an unknown edit, 'haer' by c/e)
            if best_score - keep < margin + self.params.edit_margin:
                known_edits = [s for s in scored if s[2] != "edit"] if self._trained else []
                if not known_edits:
                    return None
                best_score, best, reason = known_edits[0]
        if best_score - keep < margin:
            return None
        z = max(best_score, keep)
        total = math.exp(keep - z) + sum(math.exp(sc - z) for sc, _, _ in scored[:20])
        prob = math.exp(best_score - z) / total
        if reason == "split":  # the printed letters, with a space: 'derNoth' -> 'der Noth'
            return (best.upper() if caps else best), prob, reason
        return self._cased(core, best, start_of_sentence, caps), prob, reason

    @property
    def spelling(self) -> SpellingModel | None:
        """The character model of the learned text's spelling: only where the learned text spells
        differently from the word lists (at least 5,000 learned words, at least 6% of them
        unknown to the lists: historical or regional print), else None. On modern text the lists
        know the words, and rewrites toward letter patterns only garble names further."""
        if self._spelling is False:
            vocab = self.lm.vocab
            total = sum(vocab.values())
            model = None
            unlisted = sum(c for w, c in vocab.items() if not self.lm.listed_freq(w))
            if total >= 5000 and unlisted >= 0.06 * total:
                model = SpellingModel()
                model.update(vocab.items())
            self._spelling = model
        return self._spelling  # type: ignore[return-value]

    def _wordlikeness(self, key: str) -> float:
        """How much more word-like than the lexicon's median word ``key`` looks (log probability
        per character, in the character model of the word lists and the learned words)."""
        hit = self._wordlike_cache.get(key)
        if hit is None:
            if self._wordlike is None:
                self._wordlike = wordlikeness_model(self.lm.top_words(_WORDLIKE_LEXICON), self.lm.vocab)
            model, median = self._wordlike
            if len(self._wordlike_cache) > 200_000:
                self._wordlike_cache.clear()
            hit = self._wordlike_cache[key] = model.per_char(key) - median
        return hit

    def _respell(self, tok: Token, factor: float, start_of_sentence: bool, caps: bool) -> tuple[str, float, str] | None:
        """An unknown, garbled word rewritten by learned confusions into a spelling that looks
        far more like the learned text than the printed one ('fpaenfche' -> 'spaensche')."""
        core = tok.core
        low = normalise(core)
        if len(low) < 3 or self.lm.known(low) or any(c.isdigit() for c in low) or not self._trained:
            return None
        if any(c in _WORD_BREAKS for c in core.strip(_WORD_BREAKS)):
            return None  # two words whose space was lost after a comma ('Vecchi,zijnde'): no one word
        spelling = self.spelling
        if spelling is None:
            return None
        key = (low, round(math.log(factor), 1))
        if key not in self._rewrite_cache:
            if len(self._rewrite_cache) > 50_000:
                self._rewrite_cache.clear()
            self._rewrite_cache[key] = self._best_rewrite(low, factor, spelling)
        hit = self._rewrite_cache[key]
        if hit is None or hit[0] < self.params.spelling_margin:
            return None
        gain, word = hit
        return self._cased(core, word, start_of_sentence, caps), 1.0 / (1.0 + math.exp(-gain)), "spelling"

    def _best_rewrite(self, low: str, factor: float, spelling: SpellingModel) -> tuple[float, str] | None:
        """(gain in log probability over keeping, rewrite) for the best rewrite of ``low``."""
        index = self.channel.reverse_index()
        n = len(low)
        beam = 16
        paths: list[list[tuple[float, float, str, int]]] = [[] for _ in range(n + 1)]
        paths[0].append((0.0, 0.0, "", 0))  # (channel log p, spelling log p, prefix, edits)
        for j in range(n):
            here = paths[j]
            if len(here) > beam:
                here.sort(key=lambda t: -(t[0] + t[1]))
                del here[beam:]
            for ch_lp, sp_lp, prefix, edits in here:
                options = [(low[j], 0.0, 1, 0)]
                if edits < self.params.max_rule_edits:
                    options += [(gt, math.log(min(0.9, p * factor)), 1, 1) for gt, p in index.get(low[j], ())[:6]]
                    if j + 1 < n:
                        options += [(gt, math.log(min(0.9, p * factor)), 2, 1) for gt, p in index.get(low[j : j + 2], ())[:6]]
                for text, lq, step, e in options:
                    text = text.lower()
                    if not text.isalpha():
                        continue
                    paths[j + step].append((ch_lp + lq, sp_lp + spelling.extend(prefix, text), prefix + text, edits + e))
        keep = spelling.logp(low)
        best: tuple[float, str] | None = None
        for ch_lp, sp_lp, word, edits in paths[n]:
            if not edits or word == low:
                continue
            score = ch_lp + sp_lp + spelling.end_logp(word) - keep
            if best is None or score > best[0]:
                best = (score, word)
        return best

    def _two_words(self, low: str, shortest: int, freq: float) -> Iterator[int]:
        """Where ``low`` splits into two words, each ``shortest`` letters or longer and at least
        ``freq`` frequent."""
        f = self.lm.freq
        return (i for i in range(shortest, len(low) - shortest + 1) if f(low[:i]) >= freq and f(low[i:]) >= freq)

    def _run_together(self, low: str) -> bool:
        """Whether ``low`` is two common words of three letters or more ('sichder', 'waraber')."""
        return any(self._two_words(low, 3, 1e-5))

    def _merges(self, toks: Sequence[Token]) -> dict[int, tuple[str, float]]:
        """Pairs of printed words that are one word split by a stray space ('f or', 'J hn',
        'th it' for 'that'): ``{index of the first: (word, probability)}``. Both must be letters
        with nothing between them but a space, and the word (or a word the error model reads it
        as) must beat the two words, with their bigram, by the margin."""
        p = self.params
        out: dict[int, tuple[str, float]] = {}
        factor = None
        i = 0
        while i + 1 < len(toks):
            a, b = toks[i], toks[i + 1]
            if (a.kind != "word" or b.kind != "word" or a.trail or b.lead or not a.core.isalpha() or not b.core.isalpha()
                    or not _one_space_apart(a, b) or (b.core[0].isupper() and not b.core.isupper())):  # ('F Allions' is a name)
                i += 1
                continue
            if factor is None:
                factor = self._line_factor(toks, False)
            ka, kb = normalise(a.core), normalise(b.core)
            prev = normalise(toks[i - 1].core) if i and toks[i - 1].kind == "word" and not toks[i - 1].trail else None
            nxt = normalise(toks[i + 2].core) if i + 2 < len(toks) and toks[i + 2].kind == "word" and not b.trail else None
            fa, fb = self.lm.freq(ka), self.lm.freq(kb)
            joined = ka + kb
            exact = self.lm.freq(joined) >= p.known_freq
            space = math.log(min(0.5, p.merge_prob * factor))
            keep = math.log(max(fa, p.unknown_keep)) + math.log(max(fb, p.unknown_keep))
            # a stray space leaves a part no common word ('f or', 'co itinue'): two common words are
            # two words ('at least', 'the we'); a very common first word is one unless the two make
            # a word letter for letter ('to it' is not 'lost'); and a merge that could not win even
            # as the commonest word is not searched for
            common = [f >= (_COMMON if len(k) > 1 else 10 * _COMMON) for f, k in ((fa, ka), (fb, kb))]  # (a letter alone: 'a', not 'f')
            if all(common) or (fa >= 10 * _COMMON and not exact) \
                    or space + math.log(0.05) - keep <= p.margin:
                i += 1
                continue
            options = [(joined, 0.0)] if exact else [(w, lp) for w, lp, _ in self._candidates(joined, factor, None)]
            best, best_s = self._best_merge(options, ka, kb, prev, nxt)
            merged = best_s + space
            if best is None or merged - keep <= p.margin:
                i += 1
                continue
            # keeping two words is keeping each part, or reading it as the word it likeliest stands for ('tho' as 'the')
            keep = (self._part_score(a.core, ka, factor) + self._part_score(b.core, kb, factor)
                    + self._context(ka, prev, kb) + self._context(kb, None, nxt))
            if merged - keep > p.margin:
                out[i] = (self._cased(a.core + b.core, best, False), 1.0 / (1.0 + math.exp(keep - merged)))
                i += 2
            else:
                i += 1
        return out

    def _best_merge(self, options: Iterable[tuple[str, float]], ka: str, kb: str, prev: str | None,
                    nxt: str | None) -> tuple[str | None, float]:
        """The likeliest of the words two printed words may be together, with its score (the
        word longer than either part, known at least as well as a plain word)."""
        best, best_s = None, -math.inf
        for word, lp in options:
            f = self.lm.freq(word)
            if f >= self.params.known_freq and len(word) > max(len(ka), len(kb)):  # (not 'examine P' -> 'examine')
                sc = lp + math.log(f) + self._context(word, prev, nxt)
                if sc > best_s:
                    best, best_s = word, sc
        return best, best_s

    def _part_score(self, core: str, key: str, factor: float) -> float:
        """log P of the likeliest reading of a printed word on its own: itself, at its frequency
        (the unknown-word floor if no list knows it), or a word it may have been misread for."""
        best = math.log(max(self.lm.freq(key), self.params.unknown_keep))
        for word, lp, _ in self._candidates(core, factor, None):
            f = self.lm.freq(word)
            if f > 0:
                best = max(best, lp + math.log(f))
        return best

    def _splits(self, core: str, factor: float) -> list[tuple[str, float, str]]:
        """Two common words whose space the engine lost ('kingwas' -> 'king was')."""
        lp = math.log(min(0.5, self.params.split_prob * factor))
        return [(core[:i] + " " + core[i:], lp, "split") for i in self._two_words(normalise(core), 2, self.params.known_freq)]

    def _context(self, word: str, prev: str | None, nxt: str | None) -> float:
        """How much the neighbours raise (or lower) ``word`` against its plain frequency."""
        c = 0.0
        if prev is not None:
            c += self.lm.logp(word, prev) - self.lm.logp(word)
        if nxt is not None:
            c += self.lm.logp(nxt, word) - self.lm.logp(nxt)
        return c

    def _candidates(self, core: str, factor: float, alts: Sequence[Symbol] | None) -> list[tuple[str, float, str]]:
        """Lexicon words that ``core`` may have been, with ``log P(core | word)`` (cached for
        repeated tokens when the engine gave no alternatives)."""
        if alts:
            return self._generate(core, factor, alts)
        key = (core, round(math.log(factor), 1))
        hit = self._cand_cache.get(key)
        if hit is None:
            if len(self._cand_cache) > 50_000:
                self._cand_cache.clear()
            hit = self._cand_cache[key] = self._generate(core, factor, None)
        return hit

    def _generate(self, core: str, factor: float, alts: Sequence[Symbol] | None) -> list[tuple[str, float, str]]:
        index = self.channel.reverse_index()
        p = self.params
        found: dict[str, tuple[float, str]] = {}

        # (1) confusion rules and (2) the engine's alternatives, in a beam over the positions
        alt_at: dict[int, list[tuple[str, float]]] = {}
        if alts and len(alts) == len(core):
            for j, s in enumerate(alts):
                if s.choices:
                    alt_at[j] = [(c.text, max(c.probability, 1e-3)) for c in s.choices]
        n = len(core)
        max_edits = p.max_rule_edits if factor >= 0.5 else min(2, p.max_rule_edits)  # clean lines: fewer
        rules: dict[str, list[tuple[str, float]]] = {}  # ocr sequence -> [(gt, log p)] at this factor

        def rules_for(seg: str) -> list[tuple[str, float]]:
            hit = rules.get(seg)
            if hit is None:
                hit = rules[seg] = [(gt, math.log(min(0.9, prob * factor))) for gt, prob in index.get(seg, ())]
            return hit

        paths: list[list[tuple[float, str, int, bool]]] = [[] for _ in range(n + 1)]
        paths[0].append((0.0, "", 0, False))  # (log p, prefix, edits, used an engine alternative)
        viable = self.lm.is_prefix
        for j in range(n):
            # rewrites that no known word begins with are dropped before the beam is cut, so
            # that the beam holds only prefixes that can still become words
            here = paths[j] = [t for t in paths[j] if viable(t[1].lower().replace("’", "'"))] if j else paths[j]
            if len(here) > p.beam:
                here.sort(key=lambda t: -t[0])
                del here[p.beam :]
            ch = core[j]
            one, two = rules_for(ch), (rules_for(core[j : j + 2]) if j + 1 < n else ())
            alts_here = alt_at.get(j, ())
            nxt1, nxt2 = paths[j + 1], (paths[j + 2] if j + 1 < n else None)
            for lp, prefix, edits, used_alt in here:
                nxt1.append((lp, prefix + ch, edits, used_alt))
                if edits >= max_edits:
                    continue
                for gt, lq in one:
                    nxt1.append((lp + lq, prefix + gt, edits + 1, used_alt))
                for gt, lq in two:
                    nxt2.append((lp + lq, prefix + gt, edits + 1, used_alt))  # type: ignore[union-attr]
                for txt, prob in alts_here:
                    nxt1.append((lp + math.log(min(0.9, prob * 2)), prefix + txt, edits + 1, True))
        best: dict[str, tuple[float, bool]] = {}
        for lp, word, edits, used_alt in paths[n]:
            if edits:
                w = word.lower()
                if w not in best or best[w][0] < lp:
                    best[w] = (lp, used_alt)
        for w in self.lm.known_among(set(best)):
            if not any(c.isdigit() for c in w):
                lp, used_alt = best[w]
                found[w] = (lp, "engine alternative" if used_alt else "confusion")
        # (3) one generic edit away (insertions, deletions, substitutions, transpositions)
        low = normalise(core)
        if not any(c.isdigit() for c in core) or len(core) > 2:
            generic = math.log(min(0.5, self.channel.generic * factor))
            for variant in self.lm.known_among(_edits1(low, self._alphabet)):
                if variant not in found and not any(c.isdigit() for c in variant):
                    found[variant] = (generic, "edit")
        # (4) two edits away among common words, scored edit by edit with the error model; only
        # for lower-case words, or on lines that look garbled (a capitalised word on a clean line
        # is more likely a name than a word two edits away)
        garbled = factor >= 1.0 or core[:1].islower() or any(c in _GARBAGE for c in core)
        if garbled and len(low) >= 4 and not any(reason == "confusion" for _, reason in found.values()):
            for word in self._near_words(low):
                if word not in found:
                    lp, all_known = self._channel_logp(low, word, factor)
                    found[word] = (lp, "confusion" if all_known else "edit")
        # (5) a word garbled beyond what the search above reached: common words three edits away,
        # kept only where every edit is a misreading the error model knows ('nccting': 'meeting');
        # trained models only, on lines that look garbled (the search costs about 10 ms a word)
        if self._trained and (factor >= 1.0 or any(c in _GARBAGE for c in core)) and len(low) >= 6:
            for word in self._far_words(low):
                if word not in found:
                    lp, all_known = self._channel_logp(low, word, factor)
                    if all_known:  # (three unknown edits make any word of the length)
                        found[word] = (lp, "confusion")
        return [(w, lp, reason) for w, (lp, reason) in found.items()]

    def _far_words(self, word: str) -> list[str]:
        """Common words exactly three edits from ``word`` (of a length within three of it)."""
        buckets = self._far_index
        if buckets is None:
            buckets = self._far_index = {}
            for w in self._common_words():
                buckets.setdefault(len(w), []).append(w)
        out = []
        for n in range(len(word) - 3, len(word) + 4):
            for w, d, _ in process.extract(word, buckets.get(n, ()), scorer=Levenshtein.distance, score_cutoff=3, limit=None):
                if d == 3:
                    out.append(w)
        return out

    def _channel_logp(self, ocr: str, word: str, factor: float) -> tuple[float, bool]:
        """log P(ocr | word) from the aligned edits, and whether the error model knew every edit."""
        lp, all_known = 0.0, True
        for gt_seq, ocr_seq in align_edits(ocr, word):
            prob = self.channel.prob(gt_seq, ocr_seq)
            all_known &= prob > self.channel.generic
            lp += math.log(min(0.9, prob * factor))
        return lp, all_known

    def _near_words(self, word: str) -> list[str]:
        """Common words (and learned ones) within two edits, from a SymSpell index built on first use."""
        index = self._symspell
        if index is None:
            from symspellpy import SymSpell

            index = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
            for w in self._common_words():
                index.create_dictionary_entry(w, 1)
            self._symspell = index
        from symspellpy import Verbosity

        return [s.term for s in index.lookup(word, Verbosity.CLOSEST, max_edit_distance=2) if s.distance == 2]

    def _common_words(self) -> set[str]:
        """The most frequent words of the word lists and the learned ones (once), where the
        searches at two and three edits and the suspect known words look."""
        if self._common is None:
            words: set[str] = set()
            for table in self.lm._tables:
                for i, w in enumerate(table):
                    if i >= self.params.near_words:
                        break
                    if w.isalpha():
                        words.add(w)
            words.update(w for w, c in self.lm.vocab.items() if c >= 2 and w.isalpha())
            self._common = words
        return self._common

    def _make_accents(self) -> dict[str, list[str]]:
        """ASCII letter → accented letters of this language that OCR (or typing) strips to it.
        Empty for languages whose word lists have no accented words (English)."""
        accented = set()
        for table in self.lm._tables:
            for w in list(table)[:5000]:
                accented.update(c for c in w if c.isalpha() and not c.isascii())
        self._accent_cache = {}
        out: dict[str, list[str]] = {}
        for (gt, ocr), _ in self.channel.confusions.items():
            if len(gt) == 1 and gt in accented and len(ocr) == 1 and ocr.isascii() and ocr.isalpha():
                out.setdefault(ocr, []).append(gt)
        return out

    def _make_alphabet(self) -> str:
        letters = set("abcdefghijklmnopqrstuvwxyz")
        for gt, _ in self.channel.confusions:
            letters.update(ch for ch in gt.lower() if ch.isalpha())
        return "".join(sorted(letters))


def _measure(model: PostProcessor, held: Sequence[tuple[str, str]], params: Params) -> tuple[float, int, int]:
    """(% edit-distance gain, broken correct pairs, correct pairs) of ``model`` with ``params``
    on held-out pairs, runs of which are corrected as one document."""
    model.params = params
    before = after = right = broken = 0
    outs: list[str] = []
    for k in range(0, len(held), _TUNING_DOCUMENT):  # runs of held-out pairs stand for documents
        outs += model.correct_lines([ocr for ocr, _ in held[k : k + _TUNING_DOCUMENT]])
    for (ocr, gt), out in zip(held, outs):
        before += Levenshtein.distance(ocr, gt)
        after += Levenshtein.distance(out, gt)
        if ocr == gt:
            right += 1
            broken += out != ocr
    return 100.0 * (before - after) / max(1, before), broken, right


def _merit(gain: float, broken: int, right: int) -> float:
    """What tuning maximises: the gain, less each broken correct segment at three times its share."""
    return gain - _BROKEN_WEIGHT * 100.0 * broken / max(1, right)


def _tune(probes: Sequence[tuple["PostProcessor", Sequence[tuple[str, str]]]], start: Params) -> Params:
    """Pick margins by coordinate search, scoring each setting on every (model, held-out pairs)."""

    measured: dict[tuple, list[tuple[float, int, int]]] = {}  # (each setting is scored once)

    def measure(params: Params) -> list[tuple[float, int, int]]:
        key = tuple(params.to_dict().items())
        if key not in measured:
            measured[key] = [_measure(p, h, params) for p, h in probes]
        return measured[key]

    def score(params: Params) -> float:
        return sum(_merit(*m) for m in measure(params))

    best = Params(**start.to_dict())
    best_score = score(best)
    grid = {
        "known_word_margin": [math.log(v) for v in (3, 10, 30, 100, 1000)],
        "margin": [math.log(v) for v in (1.0, 1.5, 3, 10, 30)],
        "memory_margin": [math.log(v) for v in (1, 2, 5, 20)] + [math.inf],  # inf: learned words off
        "edit_margin": [math.log(v) for v in (10, 100, 1e4)],
        "split_prob": [0.0, 0.001, 0.01, 0.05],
        "merge_prob": [0.01, 0.03],
        "wordlike": [1.0, 2.0, 4.0, 8.0],
        "unknown_keep": [1e-6, 1e-7, 1e-9, 1e-10],
        "length_decay": [0.2, 0.5, 1.0],
        "strict_freq": [1e-8, 1e-7, 1e-6],
        "document_weight": [0.0, 0.1, 1.0],
        "document_channel": [1.0, 4.0, 16.0],
        "unknown_evidence": [0.5],
        "rare_evidence": [0.25, 0.5],
        "capital_keep": [1.0, 100.0],
        "known_freq": [1e-5, 1e-7],
        "spelling_margin": [math.log(v) for v in (1e3, 1e5, 1e7)],
        "suspect_ratio": [10.0, 100.0],
    }
    for name, values in grid.items():
        for v in values:
            trial = Params(**{**best.to_dict(), name: v})
            sc = score(trial)
            if sc > best_score + _TUNING_STEP * len(probes):
                best, best_score = trial, sc
    # where tuning gains little over correcting only what is plain (strict margins, no learned
    # word replacements), the data has little to teach: take the cautious setting
    safe = Params(**{**start.to_dict(), "margin": math.log(30.0), "known_word_margin": math.log(1000.0),
                     "memory_margin": math.inf, "edit_margin": math.log(1e4)})
    if best_score < score(safe) + _TUNING_EDGE * len(probes):
        best = safe
    elif best.document_channel == 0.0 and all(p._trained for p, _ in probes):
        # the second reading gains a little on most documents, too little for a tuning step to
        # show on three parts (measured on the fold models of benchmarks/correction.py: nl +0.9,
        # nothing more broken anywhere): keep it on unless the held-out parts say it loses
        trial = Params(**{**best.to_dict(), "document_channel": _SECOND_READING})
        if score(trial) >= best_score:
            best = trial
    if best.merge_prob == 0.0 and all(p._break_hyphen for p, _ in probes):
        # where the transcriptions keep words broken at former line ends ('shal- low') and the
        # engine printed such words as two ('shal low'), writing them back gains a character
        # each, too little for a tuning step to show; and where a transcription joined such a
        # word after all, the segment counts as broken, at a cost out of all proportion to one
        # character: on unless the held-out parts lose in gain, or in more than 1 in 50 of their
        # correct segments
        before = measure(best)
        trial = Params(**{**best.to_dict(), "merge_prob": _BROKEN_WORDS})
        after = measure(trial)
        right = sum(r for _, _, r in before)
        if sum(g for g, _, _ in after) >= sum(g for g, _, _ in before) \
                and sum(b for _, b, _ in after) - sum(b for _, b, _ in before) <= right / 50:
            best = trial
    for p, _ in probes:
        p.params = best
    return best


def _edits1(word: str, alphabet: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in alphabet if c != b[0]]
    inserts = [a + c + b for a, b in splits for c in alphabet]
    return set(deletes + transposes + replaces + inserts)


def _restore_case(orig: str, cand: str, start_of_sentence: bool, caps: bool = False) -> str:
    letters = [c for c in orig if c.isalpha()]
    if caps or (len(letters) > 1 and all(c.isupper() for c in letters) and len(orig) > 1):
        return cand.upper()
    first = orig[0]
    if first.isalpha():
        return cand[0].upper() + cand[1:].lower() if first.isupper() else cand.lower()
    # the first character was garbage (a digit, '@'...): use the sentence position
    return cand[0].upper() + cand[1:].lower() if start_of_sentence else cand.lower()


def shipped_channel(lang: str) -> ChannelModel | None:
    """The error model that ships for ``lang`` (learned from Tesseract's own misreadings of
    rendered text by scripts/build_default_models.py), or None."""
    from importlib import resources

    try:
        ref = resources.files("ocrkit.correct") / "data" / f"{lang}.ocrkit"
        if not ref.is_file():
            return None
        with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
            return ChannelModel.from_dict(json.load(fh)["channel"]).as_default(0.006)
    except (OSError, ValueError, KeyError):
        return None


_LINE_HYPHENS = ("¬", "⸗", "\u00ad")


def _closed(after: str) -> bool:
    """Whether the text after an opening parenthesis closes it before it opens another."""
    close, again = after.find(")"), after.find("(")
    return close >= 0 and (again < 0 or close < again)


def _capitals(core: str) -> bool:
    letters = [c for c in core if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)

_QUOTES = "«»"
_LETTER_MARKS = "«»("  # marks an engine may print for a letter ('wa«', '(hall' for 'shall'), where training shows it
_COMMON = 1e-4  # a word at least this frequent is a common word (see _merges)
_WORD_BREAKS = ",;"  # punctuation inside a token that marks two words run together, not a misread letter


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def _one_space_apart(a: Token, b: Token) -> bool:
    """Whether token ``b`` follows token ``a`` after exactly one space."""
    return b.start - a.start - len(a.text) == 1


def _hyphenated(tok: Token) -> bool:
    return tok.kind == "word" and tok.trail.startswith(("-", "¬"))


def _line_end(toks: Sequence[Token], new: Sequence[str]) -> tuple[bool, bool]:
    """Whether the next line starts a sentence, and whether it continues a word: by the line's
    last token still there (a stray mark at its end dropped)."""
    last = next((i for i in range(len(new) - 1, -1, -1) if new[i]), len(new) - 1)
    return _ends_sentence(new[last]), _hyphenated(toks[last])


def _ends_sentence(token_text: str) -> bool:
    return bool(token_text) and token_text.rstrip("\"'”’»)")[-1:] in ".!?"


def _rebuild(line: str, toks: Sequence[Token], new: Sequence[str]) -> str:
    """Put the new token texts back into the line; runs of spaces inside the line become one."""
    if all(t.text == n for t, n in zip(toks, new)):
        return line
    lead = line[: len(line) - len(line.lstrip())]
    return lead + " ".join(n for n in new if n)  # (an empty token was joined to the next)


def _word_offsets(line: Line) -> list[int]:
    offs, pos = [], 0
    for i, w in enumerate(line.words):
        if i:
            pos += max(1, w.spaces_before)
        offs.append(pos)
        pos += len(w.text)
    return offs


def _corrections(fixes, toks: Sequence[Token], page: int, line_no: int) -> list[Correction]:  # type: ignore[no-untyped-def]
    out = []
    for ti, cand, prob, reason in fixes:
        original, skip = _fixed_part(toks, ti, reason)
        start = toks[ti].start + skip
        out.append(Correction(original, cand, page, line_no, start, start + len(original), prob, reason))
    return out


def _fixed_part(toks: Sequence[Token], ti: int, reason: str) -> tuple[str, int]:
    """What a fix replaces in token ``ti``, and where it starts in it: the whole token for
    learned punctuation, the two words' cores and the space between them for a merge, else the
    core."""
    tok = toks[ti]
    if reason in (MERGE, HYPHENATION):
        nxt = toks[ti + 1]
        return tok.core + tok.trail + " " + nxt.core, len(tok.lead)  # (the trail: a hyphen the engine printed)
    if reason == SPACING:
        return tok.text + " ", 0  # the dash and the space after it
    return (tok.text, 0) if reason in (TYPOGRAPHY, STRAY) else (tok.core, len(tok.lead))
