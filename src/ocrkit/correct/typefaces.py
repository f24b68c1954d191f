"""What an engine misreads in a typeface other than Antiqua: Fraktur.

A page read with a Fraktur model (``page.model`` names ``frk`` or ``Fraktur``) comes out with
Fraktur's own confusions: the long s printed ``ſ`` or read ``f`` (``deffen`` for ``dessen``), ``j``
for ``s``, ``<`` or ``d)`` for the ``ch`` ligature (``no<``, ``nad)``), ``u``/``n``. The corrector
reads such pages under its error model with these confusions made as likely as they were seen
(:class:`TypefaceChannel`). A long s read as ``ſ`` is kept as printed (the word lists are looked
up through NFKC, which reads it as ``s``); ``unicodedata.normalize("NFKC", text)`` gives modern
letters.

The counts ship as ``data/fraktur.json``, made by ``scripts/build_fraktur_channel.py`` from
Tesseract's readings of the archiscribe-19c-lines-de line images (CC BY 4.0, the file says so).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from .channel import ErrorModel, OverlayChannel, readings, shipped_document

#: Tesseract models made for Fraktur (as in ``ocrkit.engines.models``)
FRAKTUR_MODELS = frozenset({"frk", "Fraktur", "script/Fraktur"})


def typeface(model: str | None) -> str | None:
    """The typeface a page was read for, from its model setting (``"frk+deu"`` → ``"Fraktur"``);
    None for the languages' own (Antiqua) models."""
    if model and any(code in FRAKTUR_MODELS for code in model.split("+")):
        return "Fraktur"
    return None


def modern_letters(text: str) -> str:
    """A diplomatic transcription in modern letters: long s, r rotunda, the small e over a, o, u
    (umlauts), the double hyphen."""
    text = text.replace("a\u0364", "ä").replace("o\u0364", "ö").replace("u\u0364", "ü")
    return unicodedata.normalize("NFC", text.replace("ſ", "s").replace("ꝛ", "r").replace("⸗", "-"))


@lru_cache(maxsize=4)
def shipped(name: str = "fraktur") -> dict[tuple[str, str], float]:
    """The confusions that ship for a typeface; empty where the file is missing."""
    return readings(shipped_document(f"{name}.json"))


class TypefaceChannel(OverlayChannel):
    """An error model with a typeface's confusions made at least as likely as they were seen."""

    def __init__(self, base: ErrorModel, seen: dict[tuple[str, str], float] | None = None) -> None:
        seen = shipped() if seen is None else seen
        super().__init__(base, {pair: p for pair, p in seen.items() if base.prob(*pair) < p})
