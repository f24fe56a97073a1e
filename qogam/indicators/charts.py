"""Charts of indicators as SVG or PNG: a line of an indicator's values over the periods with
its targets, and bars of one indicator across the units of a university.

Drawn by matplotlib on the server with the Agg backend (no display, no JavaScript), through
Figure objects rather than pyplot, whose global state is not safe across request threads.
DejaVu Sans carries the Kazakh letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і); SVG text is drawn as
paths, so a browser without the font shows the same letters.
"""

from collections.abc import Sequence
from decimal import Decimal
from io import BytesIO

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

FORMATS = {"svg": "image/svg+xml", "png": "image/png"}
FONT = {"font.family": "DejaVu Sans", "font.size": 10, "svg.hashsalt": "qogam"}
BRAND = "#0b5d57"
TARGET = "#b35900"
GRID = "#c9d1d6"
INK = "#1b1f24"
MUTED = "#4a5560"


def _render(figure: Figure, fmt: str) -> bytes:
    out = BytesIO()
    # metadata=None for SVG keeps a date out of the file, so the same chart is the same bytes.
    metadata = {"Date": None} if fmt == "svg" else None
    figure.savefig(out, format=fmt, dpi=150 if fmt == "png" else 100, metadata=metadata)
    return out.getvalue()


def _style(axes) -> None:
    axes.spines[["top", "right"]].set_visible(False)
    axes.spines[["left", "bottom"]].set_color(GRID)
    axes.tick_params(colors=MUTED)
    axes.grid(axis="y", color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)


def _floats(values: Sequence[Decimal | None]) -> list[float | None]:
    return [None if v is None else float(v) for v in values]


def _plain(number: float | None) -> str:
    return "" if number is None else f"{number:,.1f}".rstrip("0").rstrip(".")


def trend_chart(
    *,
    title: str,
    labels: Sequence[str],
    values: Sequence[Decimal | None],
    targets: Sequence[Decimal | None],
    value_label: str,
    target_label: str,
    no_data_label: str,
    texts: Sequence[str] | None = None,
    fmt: str = "svg",
) -> bytes:
    """A line of the values by period (a gap where there is none) and the targets as a
    dashed line with markers."""
    with matplotlib.rc_context(FONT):
        figure = Figure(figsize=(7, 3.2), layout="constrained")
        axes = figure.add_subplot()
        xs = list(range(len(labels)))
        ys = _floats(values)
        line = [y if y is not None else float("nan") for y in ys]
        axes.plot(xs, line, color=BRAND, marker="o", linewidth=2, label=value_label)
        shown = texts or [_plain(y) for y in ys]
        for x, y, text in zip(xs, ys, shown, strict=True):
            if y is not None:
                axes.annotate(
                    text,
                    (x, y),
                    textcoords="offset points",
                    xytext=(0, 7),
                    ha="center",
                    color=INK,
                    fontsize=9,
                )
        goals = _floats(targets)
        if any(g is not None for g in goals):
            axes.plot(
                xs,
                [g if g is not None else float("nan") for g in goals],
                color=TARGET,
                linestyle="--",
                marker="D",
                markersize=5,
                linewidth=1.5,
                label=target_label,
            )
        if all(y is None for y in ys):
            axes.text(0.5, 0.5, no_data_label, transform=axes.transAxes, ha="center", color=MUTED)
        axes.set_xticks(xs, labels)
        # A figure title starts at the left edge, not above the axes: long unit names
        # push the axes right and would push an axes title out of the picture.
        figure.suptitle(title, x=0.01, ha="left", color=INK, fontsize=11)
        axes.margins(x=0.08, y=0.2)
        axes.set_ylim(bottom=0)
        _style(axes)
        axes.legend(frameon=False, loc="lower right", fontsize=9)
        return _render(figure, fmt)


def bar_chart(
    *,
    title: str,
    labels: Sequence[str],
    values: Sequence[Decimal | None],
    no_data_label: str,
    texts: Sequence[str] | None = None,
    fmt: str = "svg",
) -> bytes:
    """Horizontal bars, one per unit, in the given order; "no data" written where a unit
    has no value rather than a bar of zero."""
    with matplotlib.rc_context(FONT):
        height = max(2.2, 0.42 * len(labels) + 1.0)
        figure = Figure(figsize=(7, height), layout="constrained")
        axes = figure.add_subplot()
        ys = list(range(len(labels)))
        numbers = _floats(values)
        axes.barh(ys, [n or 0 for n in numbers], color=BRAND, height=0.6)
        top = max([n for n in numbers if n is not None] or [1]) or 1
        shown = texts or [_plain(n) for n in numbers]
        for y, number, text in zip(ys, numbers, shown, strict=True):
            text = no_data_label if number is None else text
            axes.text((number or 0) + top * 0.01, y, text, va="center", color=INK, fontsize=9)
        axes.set_yticks(ys, [label[:40] for label in labels])
        axes.invert_yaxis()
        axes.set_xlim(0, top * 1.15)
        # A figure title starts at the left edge, not above the axes: long unit names
        # push the axes right and would push an axes title out of the picture.
        figure.suptitle(title, x=0.01, ha="left", color=INK, fontsize=11)
        _style(axes)
        axes.grid(axis="y", visible=False)
        axes.grid(axis="x", color=GRID, linewidth=0.6)
        return _render(figure, fmt)
