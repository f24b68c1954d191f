"""Preprocessing: named image steps, the seed's recipe, and ``auto``, which measures each page
and applies only the steps it needs.

``Pipeline(spec)`` takes:

* ``"auto"`` (the default of :class:`~ocrkit.OCREngine`): measure noise, contrast, letter size
  and skew; a clean page gets at most a deskew (and a margin of paper where its print touches
  the edge, as on a line cut out of a page), a degraded one background normalisation, a
  median filter, non-local-means denoising when it is noisy, enlargement when its letters are
  small, and a contrast stretch. (Orientation — pages turned 90/180/270 degrees — is checked by
  the engine facade with Tesseract's OSD when a first reading is poor.)
  A clean page whose reverse shows through (old paper) gets a *binary view* as well
  (:func:`binary_view`): Tesseract's LSTM reads the gray page, show-through and all, and reads
  such a page far better binarised; a neural recogniser (RapidOCR) still reads the gray one.
  A degraded page also gets a *gentle view* (:func:`gentle_view`): the same geometry, but only
  light smoothing, which a neural recogniser (RapidOCR, in ``engine="auto"``) reads far better
  than the page cleaned for Tesseract's binarisation.
* ``None`` or ``"none"``: nothing.
* ``"seed"``: what most tutorials do: upscale to 300 dpi, grayscale, Otsu.
* a list of step names (``"median"``, ``"denoise"``, ``"deskew"``, ...; see :data:`STEPS`),
  ``(name, {params})`` pairs, or callables ``f(img: np.ndarray) -> np.ndarray``.

Each page records the steps that ran with their parameters (``Page.steps``), and the word boxes
are mapped back onto the original page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from . import measure
from .steps import STEPS, StepResult, seed_recipe

Spec = str | None | Sequence[str | tuple | Callable[[np.ndarray], np.ndarray]]

#: auto's thresholds, measured on rendered pages at four degradation levels
NOISY = 3.5  # noise sigma above which a page counts as degraded
VERY_NOISY = 5.0  # ... and gets non-local-means denoising
FAINT = 120  # ink level (measure.ink_level) above which the print is too faint
SMALL_LETTERS = 18  # letter height (px) below which a degraded page is enlarged
TARGET_LETTERS = 26.0
MIN_SKEW = 0.3  # degrees
#: a clean image whose print comes nearer its edge than this many pixels (a line cut out of a
#: page) gets a margin of paper, of a letter's height at least this wide: Tesseract misreads
#: print that touches the edge (see tesseract-ocr.github.io/tessdoc/ImproveQuality)
TIGHT_MARGIN = 10
#: steps that change a page's pixels to help Tesseract binarise it (not its geometry)
CLEANING_STEPS = frozenset({"normalize_background", "median", "denoise", "stretch_contrast", "otsu", "sauvola"})
#: share of a clean page's pixels showing print from the other side (measure.show_through)
#: from which Tesseract reads the page's binary view: cut-out lines, rendered and photographed
#: pages measure 0.3% at most, old pages that show through about 1%
SHOW_THROUGH = 0.005
#: the light clean-up of the gentle view: RapidOCR reads degraded lines better from it than
#: from the page cleaned for Tesseract (benchmarks/gentle_view.py, docs/experiments.md)
GENTLE_STEPS: tuple[tuple[str, dict[str, Any]], ...] = (("gaussian", {"sigma": 1.0}), ("denoise", {"strength": 5.0}))


class Pipeline:
    def __init__(self, spec: Spec = "auto"):
        if isinstance(spec, str) and spec.lower() in ("none", ""):
            spec = None
        if isinstance(spec, str) and spec not in ("auto", "seed"):
            spec = [s.strip() for s in spec.split(",") if s.strip()]
        if isinstance(spec, (list, tuple)):
            for s in spec:
                name = s[0] if isinstance(s, tuple) else s
                if isinstance(name, str) and name not in STEPS:
                    raise ValueError(f"unknown preprocessing step {name!r}; known: {', '.join(sorted(STEPS))}, or 'auto'/'seed'/'none'")
        self.spec = spec

    @property
    def name(self) -> str:
        """A stable description for cache keys."""
        if self.spec is None:
            return "none"
        if isinstance(self.spec, str):
            return self.spec
        return ",".join(s if isinstance(s, str) else (s[0] if isinstance(s, tuple) else getattr(s, "__name__", "callable")) for s in self.spec)

    def plan(self, img: np.ndarray, dpi: float | None) -> list[tuple[Any, dict[str, Any]]]:
        if self.spec is None:
            return []
        if self.spec == "seed":
            return seed_recipe(img, dpi)
        if self.spec == "auto":
            return auto_plan(img)
        out: list[tuple[Any, dict[str, Any]]] = []
        for s in self.spec:
            if isinstance(s, tuple):
                out.append((s[0], dict(s[1]) if len(s) > 1 else {}))
            else:
                out.append((s, {}))
        return out

    def run(self, img: np.ndarray, dpi: float | None = None,
            extra: Sequence[tuple[Any, dict[str, Any]]] = ()) -> tuple[np.ndarray, np.ndarray, list[dict[str, Any]]]:
        """Apply the plan (after ``extra`` steps); return (image, 3×3 matrix old→new, records)."""
        if img.ndim == 3:
            img = STEPS["grayscale"](img).image
        total = np.eye(3)
        records: list[dict[str, Any]] = []
        for name, params in extra:
            img, total = _apply(name, params, img, total, records)
        for name, params in self.plan(img, dpi):  # measured after the extra steps
            img, total = _apply(name, params, img, total, records)
        return img, total, records


def _apply(name: Any, params: dict[str, Any], img: np.ndarray, total: np.ndarray, records: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    if callable(name):
        out = name(img, **params)
        res = out if isinstance(out, StepResult) else StepResult(np.asarray(out))
        label = getattr(name, "step_name", getattr(name, "__name__", "callable"))
    else:
        res = STEPS[name](img, **params)
        label = name
    if res.image.ndim == 3:
        res.image = STEPS["grayscale"](res.image).image
    if res.matrix is not None:
        total = np.vstack([res.matrix, [0, 0, 1]]) @ total
    records.append({"step": label, **(res.params if res.params is not None else params)})
    return np.ascontiguousarray(res.image, dtype=np.uint8), total


#: a page narrower or lower than this many pixels holds too little to measure: it is read as it is
MIN_SIDE = 16
#: enlargement stops at this many pixels (an A4 page at 600 dpi is about 35 million)
ENLARGED_PIXELS = 40_000_000


def auto_plan(img: np.ndarray) -> list[tuple[str, dict[str, Any]]]:
    """Measure the page and return the steps it needs (see the module docstring)."""
    if min(img.shape[:2]) < MIN_SIDE:
        return []
    noise = measure.noise_sigma(img)
    ink = measure.ink_level(img)
    faint = FAINT < ink < 250  # (>= 250: hardly any ink on the page to judge by)
    plan: list[tuple[str, dict[str, Any]]] = []
    if _has_dark_borders(img):
        plan.append(("remove_borders", {}))
    if noise < NOISY and not faint:
        if not plan and measure.ink_margin(img) < TIGHT_MARGIN:
            plan.append(("pad", {"size": max(TIGHT_MARGIN, round(measure.char_height(img)))}))
        angle = measure.skew_angle(img)
        if abs(angle) >= MIN_SKEW:
            plan.append(("deskew", {"angle": angle}))
        return plan
    height = measure.char_height(img)
    plan += [("normalize_background", {"size": 31}), ("median", {"size": 3})]
    if noise >= VERY_NOISY:
        plan.append(("denoise", {"strength": 8.0}))
    plan.append(("deskew", {}))  # measured on the cleaned image, when it runs
    if 0 < height < SMALL_LETTERS:
        # enlarged at most to ENLARGED_PIXELS: a big page of small print must not grow past memory
        budget = (ENLARGED_PIXELS / (img.shape[0] * img.shape[1])) ** 0.5
        factor = min(3.0, max(1.0, TARGET_LETTERS / height), budget)
        if factor > 1.05:
            plan.append(("rescale", {"factor": factor}))
    plan.append(("stretch_contrast", {"low": 1.0, "high": 99.0}))
    return plan


def cleaned(records: Sequence[dict[str, Any]]) -> bool:
    """Whether the steps that ran (``Page.steps``) changed the page's pixels, not only its geometry."""
    return any(r.get("step") in CLEANING_STEPS for r in records)


def gentle_view(gray: np.ndarray, matrix: np.ndarray, shape: tuple[int, ...],
                steps: Sequence[tuple[str, dict[str, Any]]] = GENTLE_STEPS) -> np.ndarray:
    """The original page ``gray`` under ``steps`` only (pixel steps: by default
    :data:`GENTLE_STEPS`), carried onto the geometry of the processed page (``matrix`` and the
    processed image's ``shape``, as :meth:`Pipeline.run` returned them): a box on the processed
    page covers the same text on both.

    Tesseract needs a degraded page flattened (background divided out, median, strong
    denoising, contrast stretched); a neural recogniser trained on photographs loses strokes
    to that and reads a lightly smoothed gray page better."""
    import cv2

    img = gray
    for name, params in steps:
        img = STEPS[name](img, **params).image
    h, w = shape[:2]
    if np.allclose(matrix, np.eye(3)) and img.shape[:2] == (h, w):
        return img
    interp = cv2.INTER_CUBIC if abs(np.linalg.det(matrix[:2, :2])) >= 1 else cv2.INTER_LINEAR
    return cv2.warpAffine(img, matrix[:2], (w, h), flags=interp, borderMode=cv2.BORDER_REPLICATE)


def binary_view(img: np.ndarray, records: Sequence[dict[str, Any]]) -> tuple[np.ndarray | None, dict[str, Any] | None]:
    """The processed page ``img`` binarised (the ``otsu`` step), where preprocessing left its
    pixels as they were (``records``: the steps that ran) and the page shows through
    (:data:`SHOW_THROUGH`), with the record of that step; else ``(None, None)``."""
    if cleaned(records) or min(img.shape[:2]) < MIN_SIDE:
        return None, None
    share = measure.show_through(img)
    if share < SHOW_THROUGH:
        return None, None
    binary = STEPS["otsu"](img)
    return binary.image, {"step": "otsu", **(binary.params or {}), "show_through": round(share, 4), "read_by": "tesseract"}


def _has_dark_borders(img: np.ndarray) -> bool:
    h, w = img.shape[:2]
    k = max(2, min(h, w) // 100)
    strips = (img[:, :k], img[:, -k:], img[:k, :], img[-k:, :])
    return any(float(s.mean()) < 60 for s in strips)


def map_box(box: tuple[int, int, int, int], inverse: np.ndarray, width: int, height: int) -> tuple[int, int, int, int]:
    """A box on the processed image, as a box on the original page."""
    x0, y0, x1, y1 = box
    pts = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]], dtype=np.float64).T
    q = inverse @ pts
    xs, ys = q[0] / q[2], q[1] / q[2]
    nx0, nx1 = int(max(0, np.floor(xs.min()))), int(min(width, np.ceil(xs.max())))
    ny0, ny1 = int(max(0, np.floor(ys.min()))), int(min(height, np.ceil(ys.max())))
    return nx0, ny0, max(nx0 + 1, nx1), max(ny0 + 1, ny1)


__all__ = ["Pipeline", "STEPS", "auto_plan", "binary_view", "cleaned", "gentle_view", "map_box", "measure"]
