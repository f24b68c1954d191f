"""Which Tesseract model reads a page: the language's own, or one made for the page's typeface.

Tesseract's language models (``deu``, ``fra``...) are trained on Latin (Antiqua) type. Old
German print is set in Fraktur, which the Fraktur models read with a half or a third of the
errors (``frk``: German Fraktur, Debian's ``tesseract-ocr-frk``; ``Fraktur``: the Fraktur
script model, ``tesseract-ocr-script-frak``). Tesseract combines models given as
``"frk+deu"``: the Fraktur model first, the language's own beside it for Antiqua passages.

A page is read with the model it was asked for; where that reading is not confident, it is read
again with each installed model for another typeface of its language, and the more confident
reading is kept (see :class:`~ocrkit.engine.OCREngine`): confidence separates the two well,
while Tesseract's script detection often cannot tell a single line's script. Where the engine
refines the own model's reading (fusion), a page long enough to show it must also read as that
typeface does: a Fraktur model's reading of a degraded Antiqua page may be more confident than
Tesseract's own, but it holds almost no long s (:func:`shows_typeface`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

#: a page whose mean word confidence is at least this is read well enough in its own model:
#: no other typeface's model is tried (clean pages pay nothing for script detection)
CONFIDENT = 0.85
#: a reading of fewer words than this (a line, a snippet) is read in the other typefaces'
#: models however confident it is: that costs little, and Tesseract's own models read a line of
#: Fraktur with some confidence
FEW_WORDS = 40


@dataclass(frozen=True)
class ScriptModel:
    """A Tesseract model made for one typeface (script) and the languages it reads."""

    script: str  # e.g. "Fraktur"
    model: str  # the model's name in tessdata, e.g. "frk" or "Fraktur" (also under script/)
    languages: frozenset[str]  # Tesseract codes of the languages it was made for


#: best first: for a language, the first installed model of a script is used
SCRIPT_MODELS: tuple[ScriptModel, ...] = (
    ScriptModel("Fraktur", "frk", frozenset({"deu"})),
    ScriptModel("Fraktur", "Fraktur", frozenset({"deu", "dan", "swe", "nor", "fin", "est", "lav", "lit"})),
)

@dataclass(frozen=True)
class _Sign:
    """Letters a typeface's model reads that Latin type does not print, and the least share of
    a page's letters they make in that typeface."""

    letters: str
    share: float


#: German Fraktur sets a long s in about 3 of 100 letters, and the Fraktur models read almost
#: none on an Antiqua page, however degraded
_SIGNS = {"Fraktur": _Sign("ſ", 0.01)}
#: a reading this many letters long or longer shows its typeface's signs (a line may have no s)
_SIGN_LETTERS = 300

#: what ``script=`` accepts: find it per page, read as asked (Latin), or always the Fraktur model
SCRIPTS = ("auto", "latin", "fraktur")


def _installed_name(model: str, installed: set[str]) -> str | None:
    for name in (model, f"script/{model}"):
        if name in installed:
            return name
    return None


def script_models(lang: str, tessdata: str | os.PathLike | None = None) -> dict[str, str]:
    """For a Tesseract setting such as ``"deu"``: the installed settings that read its language
    in other typefaces, by script (``{"Fraktur": "frk+deu"}``). Empty where ``lang`` names a
    typeface model itself (``"frk"``), which reads exactly what was asked."""
    from .tesseract import installed_languages

    codes = [c for c in lang.split("+") if c]
    own = {m.model for m in SCRIPT_MODELS} | {f"script/{m.model}" for m in SCRIPT_MODELS}
    if not codes or any(c in own for c in codes):
        return {}
    installed = set(installed_languages(tessdata))
    found: dict[str, str] = {}
    for m in SCRIPT_MODELS:
        name = _installed_name(m.model, installed)
        if m.script not in found and name and any(c in m.languages for c in codes):
            found[m.script] = "+".join([name, *codes])
    return found


def scripts_installed(tessdata: str | os.PathLike | None = None) -> dict[str, list[str]]:
    """Each script other than Latin with an installed model, and the languages it reads."""
    from .tesseract import installed_languages

    installed = set(installed_languages(tessdata))
    out: dict[str, set[str]] = {}
    for m in SCRIPT_MODELS:
        if _installed_name(m.model, installed):
            out.setdefault(m.script, set()).update(c for c in m.languages if c in installed)
    return {k: sorted(v) for k, v in out.items()}


def shows_typeface(script: str, text: str, short: bool = False) -> bool:
    """Whether ``text``, read by a model made for ``script``, may be a page in that typeface: a
    reading of :data:`_SIGN_LETTERS` letters or more that shows the typeface's own letters
    (Fraktur's long s) less often than such pages do is not (an Antiqua page the Fraktur model
    happened to read more confidently); with ``short``, a shorter one that shows none is not
    either (a line of Antiqua that the Fraktur model reads as confidently as the own one)."""
    sign = _SIGNS.get(script)
    if sign is None:
        return True
    letters = sum(c.isalpha() for c in text)
    shown = sum(text.count(c) for c in sign.letters)
    if letters < _SIGN_LETTERS:
        return shown > 0 or not short
    return shown >= sign.share * letters
