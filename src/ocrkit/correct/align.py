"""Two versions of a document, aligned into (OCR line, fixed line) pairs to learn from.

A person fixes the text they got: words corrected, lines joined or split, lines added or
deleted. The two versions are aligned word by word (difflib over the words, which the
unchanged words anchor); each OCR line is paired with the fixed words aligned to it. A line
whose fixed words are too unlike it to be a correction of it (a paragraph rewritten, text
moved) is skipped and reported, never learned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from rapidfuzz.distance import Levenshtein

#: a line is learned only when its fixed version is at least this similar to it (normalised
#: similarity of the two strings); below, the person rewrote it rather than fixing it
MIN_SIMILARITY = 0.5


@dataclass(frozen=True)
class Alignment:
    """The pairs two versions of a document give, and what could not be aligned."""

    pairs: tuple[tuple[str, str], ...]  # (OCR line, its fixed version); unchanged lines included
    skipped: tuple[str, ...] = field(default=())  # OCR lines whose fixed version could not be told

    @property
    def changed(self) -> int:
        return sum(1 for ocr, fixed in self.pairs if ocr != fixed)


def align_documents(ocr_text: str, fixed_text: str) -> Alignment:
    """Pair each line of ``ocr_text`` with its version in ``fixed_text``."""
    lines = [line for line in ocr_text.replace("\f", "\n").split("\n")]
    words: list[str] = []
    line_of: list[int] = []
    for i, line in enumerate(lines):
        for w in line.split():
            words.append(w)
            line_of.append(i)
    fixed = fixed_text.split()
    got: dict[int, list[str]] = {}
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, words, fixed, autojunk=False).get_opcodes():
        if tag in ("equal", "replace"):
            if tag == "equal" or i2 - i1 == j2 - j1:
                for k in range(i2 - i1):  # word for word
                    got.setdefault(line_of[i1 + k], []).append(fixed[j1 + k])
            else:  # a run of words for another: to the line where the run starts
                got.setdefault(line_of[i1], []).extend(fixed[j1:j2])
        elif tag == "insert":
            at = line_of[i1 - 1] if i1 > 0 else (line_of[0] if line_of else 0)
            got.setdefault(at, []).extend(fixed[j1:j2])
    pairs: list[tuple[str, str]] = []
    skipped: list[str] = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        mine = " ".join(got.get(i, []))
        ocr = " ".join(line.split())
        if not mine or Levenshtein.normalized_similarity(ocr, mine) < MIN_SIMILARITY:
            skipped.append(line)
            continue
        pairs.append((ocr, mine))
    return Alignment(tuple(pairs), tuple(skipped))
