"""The corrector: reads a document line by line, the word decoder first, then each learned habit.

The text given to it is one document (see :mod:`ocrkit.correct.document`): the words it uses
elsewhere raise their probability, and a trained model may read it a second time with the
confusions its first reading undid. Nothing here learns: it reads a :class:`~.model.Model`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from ..results import Correction, Line, OCRResult, Page, Symbol
from .candidates import Candidates, WordIndex
from .channel import ErrorModel, align_edits
from .decoder import Decoder
from .document import DocumentChannel, DocumentWords
from .fixes import LineEdit, Reason, corrections, rebuild_text, rebuild_words, word_starts
from .lm import normalise
from .model import Model
from .params import Params
from .passes import Pass
from .respell import Spellings
from .tokens import GARBAGE, Token, ends_sentence, split_misread_elision, tokenize
from .traits import Traits

_DOCUMENT_SURE = 0.8  # corrections at least this probable teach a document's own confusions


class Corrector:
    """Corrects the documents it is given with a model (safe to share between threads)."""

    def __init__(self, model: Model, channel: ErrorModel | None = None, *, traits: Traits | None = None,
                 words: WordIndex | None = None, spellings: Spellings | None = None,
                 passes: dict[str, Pass] | None = None) -> None:
        self.model = model
        self.channel = channel if channel is not None else model.channel
        self.traits = traits or Traits(model)
        self.words = words or WordIndex(model)
        self.spellings = spellings or Spellings(model)
        self.decoder = Decoder(model, self.channel, self.traits, self.words, self.spellings)
        #: every pass of the model (a pass may ask another: merges asks line_breaks for the hyphen)
        self.passes = model.passes
        if passes is None:
            passes = {name: habit for name, habit in model.passes.items() if habit.prepare(self)}
        self.active = passes  # the passes that are on

    @property
    def params(self) -> Params:
        return self.model.params

    @property
    def candidates(self) -> Candidates:
        return self.decoder.candidates

    def reading_with(self, channel: ErrorModel) -> Corrector:
        """This corrector under another error model (a document's own): the word statistics,
        traits and habits are shared, the candidates are not."""
        return Corrector(self.model, channel, traits=self.traits, words=self.words, spellings=self.spellings,
                         passes=self.active)

    # --- a line -----------------------------------------------------------------------------
    def tokens(self, line: str) -> list[Token]:
        """Tokenize; where the error model has learned that this engine prints a letter as a
        guillemet ('wa«' for 'was', an ABBYY and Fraktur habit) or an opening parenthesis (a long
        s: '(hall' for 'shall'), that mark stuck to a word is taken into the word, so that the
        decoder may read it as a letter (or keep it); a parenthesis closed later in the line
        (before another opens) stays a parenthesis. In a language whose article elides, ``1'``
        before a word is that article misread (``1'opération``: see passes/elisions.py)."""
        toks = tokenize(line)
        if "elisions" in self.active:
            toks = [split_misread_elision(t) for t in toks]
        marks = self.traits.letter_marks
        if not marks:
            return toks
        out = []
        for t in toks:
            if t.kind == "word" and t.core.isalpha():
                if t.trail[:1] in marks:
                    t = Token(t.text, t.start, t.lead, t.core + t.trail[0], t.trail[1:], "word")
                elif t.lead[-1:] in marks and not (t.lead[-1] == "(" and _closed(line[t.start + len(t.lead):])):
                    t = Token(t.text, t.start, t.lead[:-1], t.lead[-1] + t.core, t.trail, "word")
            out.append(t)
        return out

    def correct_tokens(self, toks: Sequence[Token], confs: Sequence[float] | None = None,
                       syms: Sequence[Sequence[Symbol]] | None = None, sentence_start: bool = True,
                       continued: bool = False, doc: DocumentWords | None = None) -> LineEdit:
        """The word decoder, then every pass that is on, over one tokenized line."""
        edit = LineEdit.of(toks, sentence_start)
        self.decoder.correct_words(edit, confs, syms, continued, doc)
        for habit in self.active.values():
            habit.rewrite(edit, self)
        return edit

    def correct_line(self, line: str) -> str:
        """One line on its own (no document context)."""
        toks = self.tokens(line)
        return rebuild_text(line, toks, self.correct_tokens(toks).out)

    # --- a document -------------------------------------------------------------------------
    def correct_text(self, lines: Sequence[str]) -> tuple[list[str], list[Correction]]:
        """The lines of one document, read once or twice: (corrected lines, corrections)."""
        all_toks = [self.tokens(line) for line in lines]
        doc = self.document(all_toks)  # (both readings share the tokens and the document's words)
        out, fixes = self._read_text(lines, all_toks, doc)
        second = self._second_reader(fixes, lambda: "\n".join(out))
        return second._read_text(lines, all_toks, doc) if second is not None else (out, fixes)

    def correct_result(self, result: OCRResult) -> OCRResult:
        """A new result whose words carry corrected text, with ``.corrections`` filled in."""
        all_toks = {id(line): self.tokens(" ".join(w.text for w in line.words)) for page in result.pages for line in page.lines}
        doc = self.document(all_toks.values())
        pages, fixes = self._read_result(result, all_toks, doc)
        second = self._second_reader(fixes, lambda: "\n".join(ln.text for pg in pages for ln in pg.lines))
        if second is not None:
            pages, fixes = second._read_result(result, all_toks, doc)
        return result.with_pages(tuple(pages), corrections=tuple(fixes), corrected=True, raw_text=result.text)

    def document(self, lines: Iterable[Sequence[Token]]) -> DocumentWords | None:
        """The document context of these tokenized lines (None where it is off or too short)."""
        if self.params.document_weight <= 0.0:
            return None
        known_freq, freq, edge = self.params.known_freq, self.model.lm.freq, self.traits.edge_marks
        keys = (normalise(t.core).strip(edge) for toks in lines for t in toks if t.kind == "word")
        return DocumentWords.of(keys, lambda k: not any(c in GARBAGE for c in k) and freq(k) >= known_freq)

    def _second_reader(self, fixes: Sequence[Correction], text: Callable[[], str]) -> Corrector | None:
        """This corrector with the confusions a document's first reading undid (see
        DocumentChannel), for a second reading; None where that is off or nothing recurred."""
        weight = self.params.document_channel
        if weight <= 0.0 or len(fixes) < 2:
            return None
        edits = [e for c in fixes if c.probability >= _DOCUMENT_SURE and _misreading(c.reason)
                 for e in align_edits(c.original, c.replacement)]
        channel = DocumentChannel.learn(self.channel, edits, text(), weight)
        return self.reading_with(channel) if channel is not None else None

    def _read_text(self, lines: Sequence[str], all_toks: Sequence[list[Token]],
                   doc: DocumentWords | None) -> tuple[list[str], list[Correction]]:
        out: list[str] = []
        fixes: list[Correction] = []
        start, continued = True, False
        for i, (line, toks) in enumerate(zip(lines, all_toks)):
            edit = self.correct_tokens(toks, None, None, start, continued, doc)
            fixes.extend(corrections(edit, [t.start for t in toks], 0, i))
            out.append(rebuild_text(line, toks, edit.out))
            if toks:
                start, continued = _line_end(edit)
        return out, fixes

    def _read_result(self, result: OCRResult, all_toks: dict[int, list[Token]],
                     doc: DocumentWords | None) -> tuple[list[Page], list[Correction]]:
        pages: list[Page] = []
        fixes: list[Correction] = []
        start, continued = True, False
        for page in result.pages:
            lines: list[Line] = []
            for li, line in enumerate(page.lines):
                toks = all_toks[id(line)]
                if len(toks) != len(line.words):  # an engine put spaces inside a word: leave the line
                    lines.append(line)
                    continue
                edit = self.correct_tokens(toks, [w.confidence for w in line.words], [w.symbols for w in line.words],
                                           start, continued, doc)
                fixes.extend(corrections(edit, word_starts(line), page.number, li))
                lines.append(rebuild_words(line, edit))
                if toks:
                    start, continued = _line_end(edit)
            pages.append(replace(page, lines=tuple(lines)))
        return pages, fixes


def _misreading(reason: str) -> bool:
    return Reason(reason).misreading


def _line_end(edit: LineEdit) -> tuple[bool, bool]:
    """Whether the next line starts a sentence, and whether it continues a word: by the line's
    last token still there (a stray mark at its end dropped)."""
    new, toks = edit.out, edit.toks
    last = next((i for i in range(len(new) - 1, -1, -1) if new[i]), len(new) - 1)
    tok = toks[last]
    return ends_sentence(new[last]), tok.kind == "word" and tok.trail.startswith(("-", "¬"))


def _closed(after: str) -> bool:
    """Whether the text after an opening parenthesis closes it before it opens another."""
    close, again = after.find(")"), after.find("(")
    return close >= 0 and (again < 0 or close < again)
