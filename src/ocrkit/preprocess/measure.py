"""Measurements of a page image that decide which preprocessing steps it needs."""

from __future__ import annotations

import numpy as np


def _cv2():  # type: ignore[no-untyped-def]
    import cv2

    return cv2


def scaled(img: np.ndarray, factor: float, interpolation: int | None = None) -> np.ndarray:
    """``img`` resized by ``factor``, each side at least one pixel (a page of extreme shape, a
    strip 36 pixels high and 65,535 wide, must not shrink to nothing)."""
    cv2 = _cv2()
    size = (max(1, round(img.shape[1] * factor)), max(1, round(img.shape[0] * factor)))
    if interpolation is None:
        interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    return cv2.resize(img, size, interpolation=interpolation)


def percentile(img: np.ndarray, q: float) -> float:
    """The ``q``-th percentile of an 8-bit image, from its histogram (fast on large pages)."""
    if img.size < 1 << 24:  # (OpenCV counts in 32-bit floats: exact up to 2**24, and several times faster)
        counts = _cv2().calcHist([np.ascontiguousarray(img)], [0], None, [256], [0, 256]).ravel().astype(np.int64)
    else:
        counts = np.bincount(img.ravel(), minlength=256)
    hist = counts.cumsum()
    return float(np.searchsorted(hist, hist[-1] * q / 100.0))


def ink_level(img: np.ndarray) -> float:
    """How dark the ink is: after a 3×3 median (on every other pixel, to drop noise), the 10th
    percentile of the pixels darker than the paper. ~0-60 for black print, over 120 for faint,
    washed-out print; 255 when there is no ink at all."""
    sample = _cv2().medianBlur(np.ascontiguousarray(img[::2, ::2]), 3)
    paper = percentile(sample, 50)
    ink = sample[sample < paper - 25]
    if ink.size < sample.size * 0.0005:
        return 255.0
    return percentile(ink, 10)


def background(img: np.ndarray, size: int = 31) -> np.ndarray:
    """The paper's gray level around every pixel: a median over ``size`` pixels, computed on a
    quarter-size copy (the background varies slowly) and scaled back."""
    cv2 = _cv2()
    small = scaled(img, 0.25)
    k = max(3, (size // 4) | 1)
    bg = cv2.medianBlur(small, k)
    return cv2.resize(bg, (img.shape[1], img.shape[0]), interpolation=cv2.INTER_LINEAR)


def noise_sigma(img: np.ndarray) -> float:
    """Pixel noise, robustly: 1.4826 × the median absolute difference to a 3×3 median."""
    cv2 = _cv2()
    step = max(1, int(np.sqrt(img.size / 1_000_000)))  # about a million pixels are enough
    sample = img[::step, ::step]
    diff = cv2.absdiff(sample, cv2.medianBlur(sample, 3))
    return float(np.median(diff)) * 1.4826


def char_height(img: np.ndarray) -> float:
    """Median height in pixels of the connected ink components (≈ the height of the letters);
    0.0 when there is no text-like ink."""
    cv2 = _cv2()
    bg = background(img, 31)
    norm = np.clip(img.astype(np.float32) / np.maximum(bg, 1).astype(np.float32) * 255.0, 0, 255).astype(np.uint8)
    norm = cv2.medianBlur(norm, 3)
    _, ink = cv2.threshold(norm, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w, a = stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_AREA]
    ok = (h >= 4) & (h <= 200) & (w >= 2) & (a >= 8)
    return float(np.median(h[ok])) if ok.sum() >= 20 else 0.0


def ink_margin(img: np.ndarray) -> int:
    """The distance in pixels between the ink (Otsu, specks dropped by a 3×3 median) and the
    nearest edge of the image: 0 where print touches an edge, as on a line cut out of a page;
    the width of the margin on a page that has one."""
    cv2 = _cv2()
    _, ink = cv2.threshold(cv2.medianBlur(np.ascontiguousarray(img), 3), 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return min(img.shape[:2])
    h, w = ink.shape
    return int(min(rows[0], h - 1 - rows[-1], cols[0], w - 1 - cols[-1]))


def skew_angle(img: np.ndarray, max_angle: float = 15.0) -> float:
    """The counter-clockwise rotation in degrees (to a tenth) that makes the text lines level:
    the rotation that makes the row profile of the ink sharpest. A page tilted by +7 degrees
    (counter-clockwise) gives -7."""
    cv2 = _cv2()
    scale = min(1.0, 900.0 / max(img.shape))
    small = scaled(img, scale) if scale < 1 else img
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if ink.mean() < 0.5 or ink.mean() > 128:
        return 0.0
    ys, xs = np.nonzero(ink)
    if ys.size > 60_000:  # a sample of the ink is enough
        pick = np.random.default_rng(0).choice(ys.size, 60_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    ys = ys.astype(np.float64) - ink.shape[0] / 2.0
    xs = xs.astype(np.float64) - ink.shape[1] / 2.0
    span = int(np.hypot(*ink.shape)) + 2

    def sharpness(angle: float) -> float:
        # row profile of the ink after turning the page by `angle` degrees counter-clockwise
        a = np.deg2rad(angle)
        rows = np.floor(ys * np.cos(a) - xs * np.sin(a)).astype(np.int64) + span // 2
        prof = np.bincount(rows, minlength=span).astype(np.float64)
        return float(np.sum(np.diff(prof) ** 2))

    best = max(np.arange(-max_angle, max_angle + 0.01, 1.0), key=sharpness)
    fine = max(np.arange(best - 1.0, best + 1.01, 0.1), key=sharpness)
    return float(round(fine, 2))


def show_through(img: np.ndarray) -> float:
    """How much of the page shows print from its other side: the share of pixels lighter than
    the page's Otsu threshold but darker than halfway to the paper, away from any ink (more than
    two pixels from it at half resolution, so the soft edges of the print itself do not count).
    About 0 on clean print and cut-out lines; around 1% on an old page whose reverse shows
    through."""
    cv2 = _cv2()
    half = scaled(img, 0.5) if min(img.shape[:2]) >= 200 else img
    t = cv2.threshold(half, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[0]
    light = half > t
    if not light.any() or light.all():
        return 0.0
    paper = float(np.median(half[light]))
    near_ink = cv2.dilate((~light).astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    faint = light & (half < paper - 0.5 * (paper - t)) & ~near_ink
    return float(faint.mean())
