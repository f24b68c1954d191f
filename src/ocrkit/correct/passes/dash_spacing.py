"""Dialogue dashes joined to their word: ``- Vous`` written ``-Vous`` (a French convention)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..fixes import Fix, LineEdit, Reason
from ..tokens import DASHES
from .base import Pass

if TYPE_CHECKING:
    from ..corrector import Corrector

_DASH_WORD = re.compile(rf"(?:^|(?<=\s))([{DASHES}]) (\w+)")


class DashSpacing(Pass):
    """Where the transcriptions write a dash that the engine printed before a space and a word
    against the word, at least ``MIN_COUNT`` times and in ``SHARE`` of the cases seen, the dash
    is joined to the next word."""

    name = "dash_spacing"
    MIN_COUNT, SHARE = 20, 0.8

    def __init__(self) -> None:
        self.joined = self.kept = 0

    def learn(self, ocr: str, gt: str) -> None:
        for m in _DASH_WORD.finditer(ocr):  # '- Vous': does the transcription write '-Vous'?
            dash, word = m.groups()
            if re.search(r"(?:^|\s)" + re.escape(dash + word) + r"\b", gt):
                self.joined += 1
            elif dash + " " + word in gt:
                self.kept += 1

    def prepare(self, corrector: Corrector) -> bool:
        return corrector.traits.trained and self.joined >= self.MIN_COUNT and self.joined >= self.SHARE * (self.joined + self.kept)

    def rewrite(self, line: LineEdit, corrector: Corrector) -> None:
        toks, out = line.toks, line.out
        for i in range(len(toks) - 1):
            t, nxt = toks[i], toks[i + 1]
            if t.kind == "symbol" and t.text in DASHES and out[i] == t.text and nxt.kind == "word" and nxt.text[:1].isalpha():
                out[i + 1] = out[i] + out[i + 1]
                out[i] = ""  # (the dash now leads the next token)
                line.add(Fix(i, t.text, 1.0, Reason.SPACING))

    def to_dict(self) -> dict:
        return {"joined": self.joined, "kept": self.kept}

    def load(self, counts: dict) -> None:
        self.joined, self.kept = int(counts.get("joined", 0)), int(counts.get("kept", 0))


PASS = DashSpacing
