"""The real OCR noise an untrained corrector starts from.

The built-in prior (:data:`ocrkit.correct.channel._PRIOR`) knows the look-alikes every engine
confuses. Old print read by engines made for modern type adds its own: Fraktur's ``d`` read
``b`` (``unb`` for ``und``), its long s read ``f``, capitals read ``©``. Those confusions are
counted from real post-OCR pairs whose license lets a derived table ship (ICDAR 2019 NL1, DE1
and FR3; ``data/realnoise.json`` says what each came from, under which license), scaled to the
error rate an untrained corrector expects of its text (:data:`~ocrkit.correct.channel.TYPICAL_RATE`),
and added to the prior of the languages the file names. ``scripts/build_real_noise.py`` makes it.
"""

from __future__ import annotations

import json
from functools import lru_cache

from .channel import TYPICAL_RATE, readings


@lru_cache(maxsize=1)
def _document() -> dict:
    from importlib import resources

    try:
        doc = json.loads((resources.files("ocrkit.correct") / "data" / "realnoise.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) else {}


def prior(lang: str) -> dict[tuple[str, str], float] | None:
    """``{(gt, ocr): P(ocr | gt)}`` of real OCR noise for a language setting (``"deu"``;
    ``"deu+eng"`` only where every language has it), or None."""
    doc = _document()
    if not set(lang.split("+")) <= set(doc.get("languages", ())):
        return None
    return table(doc) or None


def table(doc: dict) -> dict[tuple[str, str], float]:
    """The probabilities of a confusion document (:func:`~ocrkit.correct.channel.count_confusions`),
    scaled from its error rate to :data:`~ocrkit.correct.channel.TYPICAL_RATE`."""
    chars, errors = doc.get("chars", 0), doc.get("errors", 0)
    if not chars or not errors:
        return {}
    return readings(doc, scale=min(1.0, TYPICAL_RATE / (errors / chars)))
