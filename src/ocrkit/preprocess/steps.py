"""Image steps: plain functions on 8-bit grayscale numpy arrays, each registered by name.

Every step takes ``img`` (H×W ``uint8``) and keyword parameters and returns a :class:`StepResult`:
the new image and, for geometric steps, the 2×3 affine matrix that maps old pixel coordinates
to new ones (so that word boxes can be mapped back onto the original page).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .measure import background, percentile, scaled


@dataclass
class StepResult:
    image: np.ndarray
    matrix: np.ndarray | None = None  # 2×3 affine: new = M @ [x, y, 1]
    params: dict[str, Any] | None = None  # parameters actually used (for the page's record)


Step = Callable[..., StepResult]
STEPS: dict[str, Step] = {}


def step(name: str) -> Callable[[Step], Step]:
    def deco(fn: Step) -> Step:
        STEPS[name] = fn
        fn.step_name = name  # type: ignore[attr-defined]
        return fn

    return deco


def _cv2():  # type: ignore[no-untyped-def]
    import cv2

    return cv2


@step("grayscale")
def grayscale(img: np.ndarray) -> StepResult:
    """8-bit gray (colour images are converted by luminance)."""
    if img.ndim == 3:
        img = _cv2().cvtColor(img, _cv2().COLOR_RGB2GRAY)
    return StepResult(img)


@step("rescale")
def rescale(img: np.ndarray, factor: float = 2.0) -> StepResult:
    """Resize by ``factor`` (cubic when enlarging, area when shrinking)."""
    cv2 = _cv2()
    if abs(factor - 1.0) < 1e-3:
        return StepResult(img, params={"factor": 1.0})
    interp = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    out = scaled(img, factor, interp)
    m = np.array([[out.shape[1] / img.shape[1], 0, 0], [0, out.shape[0] / img.shape[0], 0]], dtype=np.float64)
    return StepResult(out, m, {"factor": round(factor, 3)})


@step("median")
def median(img: np.ndarray, size: int = 3) -> StepResult:
    """Median filter: removes salt-and-pepper noise and scanner specks."""
    return StepResult(_cv2().medianBlur(img, size), params={"size": size})


@step("gaussian")
def gaussian(img: np.ndarray, sigma: float = 1.0) -> StepResult:
    """Gaussian smoothing (``sigma`` in pixels): softens specks and JPEG noise without the flat
    strokes a median leaves; what a neural recogniser reads best (see ``gentle_view``)."""
    return StepResult(_cv2().GaussianBlur(img, (0, 0), float(sigma)), params={"sigma": sigma})


@step("denoise")
def denoise(img: np.ndarray, strength: float = 8.0) -> StepResult:
    """Non-local-means denoising (strength = OpenCV's ``h``)."""
    return StepResult(_cv2().fastNlMeansDenoising(img, None, h=float(strength)), params={"strength": strength})


@step("normalize_background")
def normalize_background(img: np.ndarray, size: int = 31) -> StepResult:
    """Divide by the estimated background (a large median): evens out lighting and paper tone."""
    bg = background(img, size)
    out = np.clip(img.astype(np.float32) / np.maximum(bg, 1).astype(np.float32) * 255.0, 0, 255).astype(np.uint8)
    return StepResult(out, params={"size": size})


@step("stretch_contrast")
def stretch_contrast(img: np.ndarray, low: float = 1.0, high: float = 99.0) -> StepResult:
    """Map the ``low``..``high`` percentiles of the gray levels onto 0..255."""
    a, b = percentile(img, low), percentile(img, high)
    if b <= a:
        return StepResult(img, params={"low": low, "high": high})
    lut = np.clip((np.arange(256, dtype=np.float32) - a) * 255.0 / (b - a), 0, 255).astype(np.uint8)
    return StepResult(lut[img], params={"low": low, "high": high})


@step("otsu")
def otsu(img: np.ndarray) -> StepResult:
    """Global Otsu binarisation (the threshold it found is recorded)."""
    cv2 = _cv2()
    threshold, out = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return StepResult(out, params={"threshold": int(threshold)})


@step("sauvola")
def sauvola(img: np.ndarray, window: int = 41, k: float = 0.2) -> StepResult:
    """Sauvola's adaptive binarisation (local mean and deviation over ``window`` pixels)."""
    cv2 = _cv2()
    f = img.astype(np.float64)
    mean = cv2.boxFilter(f, -1, (window, window), borderType=cv2.BORDER_REPLICATE)
    sq = cv2.boxFilter(f * f, -1, (window, window), borderType=cv2.BORDER_REPLICATE)
    std = np.sqrt(np.maximum(sq - mean * mean, 0))
    thresh = mean * (1 + k * (std / 128.0 - 1))
    return StepResult(np.where(f > thresh, 255, 0).astype(np.uint8), params={"window": window, "k": k})


@step("deskew")
def deskew(img: np.ndarray, angle: float | None = None) -> StepResult:
    """Rotate by ``-angle`` degrees (measured with :func:`~ocrkit.preprocess.measure.skew_angle`
    when not given), padding with white."""
    from .measure import skew_angle

    cv2 = _cv2()
    if angle is None:
        angle = skew_angle(img)
    if abs(angle) < 0.05:
        return StepResult(img, params={"angle": 0.0})
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos + 0.5), int(h * cos + w * sin + 0.5)
    if nw * nh > 2 * w * h:
        # a leaning page grows by far less (15 degrees on A4: 1.45 times); a strip would grow by
        # hundreds of times (32,857 x 36 at 16 degrees: 287 million pixels): its skew is no skew
        return StepResult(img, params={"angle": 0.0})
    m[0, 2] += nw / 2.0 - w / 2.0
    m[1, 2] += nh / 2.0 - h / 2.0
    out = cv2.warpAffine(img, m, (nw, nh), flags=cv2.INTER_CUBIC, borderValue=255)
    return StepResult(out, m, {"angle": round(float(angle), 2)})


@step("rotate")
def rotate(img: np.ndarray, degrees: int = 0) -> StepResult:
    """Turn the page counter-clockwise by a multiple of 90 degrees."""
    d = int(degrees) % 360
    h, w = img.shape[:2]
    if d == 0:
        return StepResult(img, params={"degrees": 0})
    if d == 90:
        out, m = np.rot90(img, 1), np.array([[0, 1, 0], [-1, 0, w - 1]], dtype=np.float64)
    elif d == 180:
        out, m = np.rot90(img, 2), np.array([[-1, 0, w - 1], [0, -1, h - 1]], dtype=np.float64)
    elif d == 270:
        out, m = np.rot90(img, 3), np.array([[0, -1, h - 1], [1, 0, 0]], dtype=np.float64)
    else:
        raise ValueError("rotate takes 0, 90, 180 or 270 degrees")
    return StepResult(np.ascontiguousarray(out), m, {"degrees": d})


@step("remove_borders")
def remove_borders(img: np.ndarray, darkness: int = 60) -> StepResult:
    """Crop dark scanner borders: rows and columns at the edges that are mostly black."""
    dark = img < darkness
    rows = dark.mean(axis=1) > 0.5
    cols = dark.mean(axis=0) > 0.5
    top = int(np.argmin(rows)) if rows[0] else 0
    bottom = len(rows) - int(np.argmin(rows[::-1])) if rows[-1] else len(rows)
    left = int(np.argmin(cols)) if cols[0] else 0
    right = len(cols) - int(np.argmin(cols[::-1])) if cols[-1] else len(cols)
    if (top, left, bottom, right) == (0, 0, len(rows), len(cols)) or bottom <= top or right <= left:
        return StepResult(img, params={"crop": None})
    m = np.array([[1, 0, -left], [0, 1, -top]], dtype=np.float64)
    return StepResult(img[top:bottom, left:right].copy(), m, {"crop": [left, top, right, bottom]})


@step("pad")
def pad(img: np.ndarray, size: int = 10, value: int | None = None) -> StepResult:
    """A margin of ``size`` pixels on every side, in the paper's gray (``value``; by default
    the image's 90th percentile): Tesseract misreads print that touches the image's edge."""
    size = max(0, int(size))
    fill = int(percentile(img, 90) if value is None else value)
    out = _cv2().copyMakeBorder(img, size, size, size, size, _cv2().BORDER_CONSTANT, value=fill)
    m = np.array([[1, 0, size], [0, 1, size]], dtype=np.float64)
    return StepResult(out, m, {"size": size, "value": fill})


def seed_recipe(img: np.ndarray, dpi: float | None) -> list[tuple[str, dict[str, Any]]]:
    """The recipe most tutorials give: upscale to 300 dpi, grayscale, Otsu."""
    factor = 300.0 / dpi if dpi and dpi < 300 else 1.0
    return [("grayscale", {}), ("rescale", {"factor": factor}), ("otsu", {})]
