"""Bar charts drawn as inline SVG on the server: no script, no CDN, nothing the CSP must allow.
Each chart is shown with a table of the same figures, which screen readers use instead."""

from dataclasses import dataclass


@dataclass
class Bar:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float


def columns(points, *, width=720, height=160):
    """Vertical bars for (label, value) pairs, e.g. inquiries by day."""
    top = max((value for _, value in points), default=0) or 1
    step = width / max(len(points), 1)
    bars = []
    for index, (label, value) in enumerate(points):
        bar_height = height * value / top
        bars.append(Bar(str(label), value, index * step + step * 0.1, height - bar_height, step * 0.8, bar_height))
    return {"bars": bars, "width": width, "height": height, "top": top}


def rows(points, *, width=480, row_height=28):
    """Horizontal bars for (label, value) pairs, e.g. the funnel; labels are drawn beside them."""
    top = max((value for _, value in points), default=0) or 1
    bars = [
        Bar(str(label), value, 0, index * row_height, max(width * value / top, 1), row_height * 0.7)
        for index, (label, value) in enumerate(points)
    ]
    return {"bars": bars, "width": width, "height": row_height * len(points), "top": top}
