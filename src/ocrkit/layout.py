"""Geometry of a page's text: boxes, their overlap, and reading order.

Engines and fusion use these to put lines in order and to match one engine's lines to
another's; the corrector uses :func:`union` for the box of two words it joins.
"""

from __future__ import annotations

from dataclasses import replace

from .results import Box, Line

#: segments of one row closer than this many times their height are one line: a detector pads
#: its boxes, so where it cut a line at a word space they touch or overlap; a column's gutter
#: of one em or more, or a receipt's price, leaves a wider gap
JOIN_GAP = 0.25


def union(a: Box, b: Box) -> Box:
    """The smallest box holding both."""
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def overlap(a: Box, b: Box) -> float:
    """Vertical overlap as a share of the lower line's height, if the lines overlap horizontally."""
    if min(a[2], b[2]) <= max(a[0], b[0]):
        return 0.0
    return _shared_height(a, b)


def same_row(a: Box, b: Box) -> bool:
    """Whether two boxes share at least half the lower one's height (whatever their horizontal
    places)."""
    return _shared_height(a, b) >= 0.5


def _shared_height(a: Box, b: Box) -> float:
    """The height two boxes share, as a share of the lower one's height."""
    inter = min(a[3], b[3]) - max(a[1], b[1])
    return max(0.0, inter) / max(1, min(a[3] - a[1], b[3] - b[1]))


def reading_order(lines: list[Line]) -> list[Line]:
    """Top to bottom by vertical centre; lines overlapping half their height share a row and go
    left to right."""
    lines = sorted(lines, key=lambda ln: (ln.box[1] + ln.box[3]) / 2)
    rows: list[list[Line]] = []
    for ln in lines:
        cy = (ln.box[1] + ln.box[3]) / 2
        if rows:
            last = rows[-1][0].box
            if abs(cy - (last[1] + last[3]) / 2) < 0.5 * (last[3] - last[1]):
                rows[-1].append(ln)
                continue
        rows.append([ln])
    return [ln for row in rows for ln in sorted(row, key=lambda ln: ln.box[0])]


def join_rows(lines: list[Line], gap: float = JOIN_GAP) -> list[Line]:
    """Lines in reading order with the segments of a row that a detector cut apart at word
    spaces made one line: a segment that shares half its height with the one before it and
    starts at most ``gap`` times the lower one's height after it (or over it) continues it."""
    out: list[Line] = []
    for ln in lines:
        if out:
            last = out[-1]
            a, b = last.box, ln.box
            height = max(1, min(a[3] - a[1], b[3] - b[1]))
            if ln.words and last.words and same_row(a, b) and b[0] >= a[0] and b[0] - a[2] <= gap * height:
                first = replace(ln.words[0], spaces_before=1)
                out[-1] = Line(last.words + (first,) + ln.words[1:], union(a, b))
                continue
        out.append(ln)
    return out
