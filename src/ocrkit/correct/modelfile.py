"""The model file: versioned, gzip-compressed JSON (never pickle), and the models that ship.

Version 2 keeps each learned habit's counts under ``passes`` by the pass's name. Version 1
(ocrkit before the corrector was split into passes) kept them inside ``channel``; such files,
the shipped ones included, are migrated when read.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

from ..errors import ModelError
from .channel import ChannelModel
from .lm import LanguageModel
from .memory import WordMemory
from .model import Model
from .params import Params
from .passes import new_passes

FORMAT = "ocrkit-corrector"
VERSION = 2

#: version 1 kept the habits' counts in the channel's dict: pass name -> channel key
_V1_PASS_KEYS = {
    "punctuation": "marks",
    "long_dashes": "long_dashes",
    "amount_marks": "amount_marks",
    "word_marks": "word_marks",
    "line_breaks": "break_marks",
    "stray_marks": "stray_marks",
}


def to_doc(model: Model) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "lang": model.lang,
        "params": model.params.to_dict(),
        "channel": model.channel.to_dict(),
        "lm": model.lm.to_dict(),
        "memory": model.memory.to_dict(),
        "passes": {name: habit.to_dict() for name, habit in model.passes.items()},
    }


def from_doc(doc: dict) -> Model:
    doc = _migrate(doc)
    passes = new_passes()
    for name, counts in doc.get("passes", {}).items():
        if name in passes:  # (a pass this version does not know, from a newer one, is ignored)
            passes[name].load(counts)
    return Model(
        doc["lang"],
        channel=ChannelModel.from_dict(doc["channel"]),
        lm=LanguageModel.from_dict(doc["lm"]),
        memory=WordMemory.from_dict(doc.get("memory", {})),
        params=Params.from_dict(doc.get("params", {})),
        passes=passes,
    )


def _migrate(doc: dict) -> dict:
    """A document of an older version, in the current version's shape."""
    if int(doc.get("version", 1)) < 2:
        channel = doc["channel"]
        passes = {name: channel.get(key, {}) for name, key in _V1_PASS_KEYS.items()}
        joined, kept = channel.get("dash_spacing", (0, 0))
        passes["dash_spacing"] = {"joined": joined, "kept": kept}
        doc = {**doc, "version": 2, "passes": passes}
    return doc


def save(model: Model, path: str | os.PathLike) -> None:
    """Write the model atomically (a temporary file renamed over the target)."""
    tmp = Path(str(path) + ".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8") as fh:
        json.dump(to_doc(model), fh, ensure_ascii=False, separators=(",", ":"))
    os.replace(tmp, path)


#: a model file unpacks to at most this many bytes (the largest trained models are a few tens of MB)
MAX_MODEL_BYTES = 256 * 1024 * 1024
_LANG = re.compile(r"[A-Za-z0-9_+/-]{1,100}")


def load(path: str | os.PathLike) -> Model:
    """Read a model written by :func:`save`; a typed error that says what to do otherwise."""
    p = Path(path)
    if not p.exists():
        raise ModelError(f"No model file at {p}; train one with `ocrkit train ... -o {p}`.")
    try:
        with gzip.open(p, "rb") as fh:
            raw = fh.read(MAX_MODEL_BYTES + 1)
        if len(raw) > MAX_MODEL_BYTES:
            raise ModelError(f"{p} unpacks to more than {MAX_MODEL_BYTES:,} bytes: it is no ocrkit model (or a hostile one).")
        doc = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, EOFError, RecursionError) as exc:
        raise ModelError(f"{p} is not an ocrkit correction model (or it is corrupt): {type(exc).__name__}: {str(exc)[:200]}") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ModelError(f"{p} is not an ocrkit correction model.")
    version, lang = doc.get("version", 0), doc.get("lang", "")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ModelError(f"{p} is a damaged correction model: its version is {str(version)[:40]!r}.")
    if version > VERSION:
        raise ModelError(f"{p} was written by a newer ocrkit (model version {version}); upgrade ocrkit.")
    if not isinstance(lang, str) or not _LANG.fullmatch(lang):
        raise ModelError(f"{p} is a damaged correction model: its language is {str(lang)[:40]!r}.")
    try:
        return from_doc(doc)
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError, RecursionError) as exc:
        raise ModelError(f"{p} is a damaged correction model: {type(exc).__name__}: {str(exc)[:200]}") from exc


def shipped_channel(lang: str) -> ChannelModel | None:
    """The error model that ships for ``lang`` (learned from Tesseract's own misreadings of
    rendered text by scripts/build_default_models.py), or None."""
    from importlib import resources

    try:
        ref = resources.files("ocrkit.correct") / "data" / f"{lang}.ocrkit"
        if not ref.is_file():
            return None
        with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
            return ChannelModel.from_dict(json.load(fh)["channel"]).as_default()
    except (OSError, ValueError, KeyError):
        return None
