"""The real OCR noise an untrained corrector starts from.

The built-in prior (:data:`ocrkit.correct.channel._PRIOR`) knows the look-alikes every engine
confuses. Old print read by engines made for modern type adds its own: Fraktur's ``d`` read
``b`` (``unb`` for ``und``), its long s read ``f``, capitals read ``©``. Those confusions are
counted from real post-OCR pairs whose license lets a derived table ship (ICDAR 2019 NL1, DE1
and FR3; ``data/realnoise.json`` says what each came from, under which license) and given to
the error model of the languages the file names, which adds them to its own counts scaled from
their error rate to that of the text it knows: for an untrained model, the 0.6% it expects of
its text (:data:`~ocrkit.correct.channel.TYPICAL_RATE`); for one trained on noisier text, the
rate it learned. ``scripts/build_real_noise.py`` makes the file.
"""

from __future__ import annotations

from functools import lru_cache

from .channel import Noise, noise_of, shipped_document


@lru_cache(maxsize=1)
def _shipped() -> tuple[frozenset[str], Noise | None]:
    """The languages the shipped table serves, and its noise (read once a process)."""
    doc = shipped_document("realnoise.json")
    return frozenset(doc.get("languages", ())), noise_of(doc)


def prior(lang: str) -> Noise | None:
    """The real OCR noise of a language setting (``"deu"``; ``"deu+eng"`` only where every
    language has it), or None."""
    languages, noise = _shipped()
    return noise if set(lang.split("+")) <= languages else None
