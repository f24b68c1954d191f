"""Long dashes the transcriptions leave out: ``inn—unless`` written ``inn unless``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

from ..fixes import Fix, LineEdit, Reason
from ..tokens import DASHES, LONG_DASHES
from .base import Pass, counter

if TYPE_CHECKING:
    from ..corrector import Corrector


class LongDashes(Pass):
    """Counts, for each long dash (``—``, ``–``) the engine printed, whether the transcription
    keeps a dash of any length there or drops it (nothing or a space where it stood). A dash
    dropped at least ``MIN_COUNT`` times and in ``SHARE`` of its sightings is dropped, each
    dash on its own evidence (a transcription may leave em dashes out altogether yet keep the
    en dash of a range, ``1850–60``)."""

    name = "long_dashes"
    MIN_COUNT, SHARE = 5, 0.8

    def __init__(self) -> None:
        self.counts = counter(None)  # dash + '\tkept' or '\tdropped'
        self._pattern: re.Pattern[str] | None = None

    def learn(self, ocr: str, gt: str) -> None:
        if not any(c in LONG_DASHES for c in ocr):
            return
        for op in Levenshtein.opcodes(ocr, gt):
            printed = [c for c in ocr[op.src_start:op.src_end] if c in LONG_DASHES]
            if not printed:
                continue
            written = gt[op.dest_start:op.dest_end]
            if op.tag == "equal" or any(c in DASHES for c in written):
                self.counts.update(c + "\tkept" for c in printed)
            elif not written.strip():
                self.counts.update(c + "\tdropped" for c in printed)

    def dropped(self) -> str:
        """The long dashes the transcriptions drop."""
        out = ""
        for dash in LONG_DASHES:
            kept, dropped = self.counts[dash + "\tkept"], self.counts[dash + "\tdropped"]
            if dropped >= self.MIN_COUNT and dropped >= self.SHARE * (kept + dropped):
                out += dash
        return out

    def prepare(self, corrector: Corrector) -> bool:
        dashes = self.dropped() if corrector.traits.trained else ""
        self._pattern = re.compile(f"[{dashes}]+") if dashes else None
        return self._pattern is not None

    def rewrite(self, line: LineEdit, corrector: Corrector) -> None:
        assert self._pattern is not None
        for i, t in enumerate(line.toks):
            if line.untouched(i) and t.kind not in ("url", "email") and self._pattern.search(t.text):
                line.out[i] = " ".join(self._pattern.sub(" ", t.text).split())
                line.drop_fixes(i)
                line.add(Fix(i, line.out[i], 1.0, Reason.TYPOGRAPHY))

    def to_dict(self) -> dict:
        return dict(self.counts)

    def load(self, counts: dict) -> None:
        self.counts = counter(counts)


PASS = LongDashes
