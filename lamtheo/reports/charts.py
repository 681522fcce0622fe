"""Charts drawn on the server as PNG (matplotlib, Agg), so the page and the review document show the
same image. Fonts that carry Vietnamese letters (DejaVu Sans, Liberation Sans); no network."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

from django.utils.formats import number_format
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from lamtheo.reports.selectors import Dashboard

FONT_FAMILY = ["DejaVu Sans", "Liberation Sans", "sans-serif"]
RED, GOLD, GREY, BLUE = "#b71c1c", "#f2a900", "#9e9e9e", "#1f5fa8"
WIDTH, HEIGHT, DPI = 7.5, 3.8, 110
MAX_BARS = 80


def _figure(height: float = HEIGHT) -> Figure:
    figure = Figure(figsize=(WIDTH, height), dpi=DPI)
    figure.set_layout_engine("tight")
    return figure


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    with matplotlib.rc_context({"font.family": FONT_FAMILY}):
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _grouped(value: float, _position: object = None) -> str:
    """A count as the page writes it, thousands grouped in the user's language (1.952.197; 1,952,197)."""
    return number_format(round(value), force_grouping=True)


# Counts on an axis in full, grouped like the page's, rather than as multiples of "1e6".
COUNT_AXIS = FuncFormatter(_grouped)


def _short(name: str, limit: int = 28) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def meetings_chart(board: Dashboard, title: str, empty: str) -> bytes:
    """Share of cells meeting on the topic, per child (horizontal bars)."""
    # Weakest first, at the top: the units the support unit should look at.
    rows = sorted(
        (r for r in board.rows if r.figures.get("cells")), key=lambda r: r.figures.get("meeting_share") or 0.0
    )
    rows = rows[:MAX_BARS]
    figure = _figure(max(HEIGHT, 0.22 * len(rows) + 1.2))
    with matplotlib.rc_context({"font.family": FONT_FAMILY}):
        axes = figure.add_subplot()
        axes.set_title(title, fontsize=11)
        if not rows:
            axes.text(0.5, 0.5, empty, ha="center", va="center")
            axes.set_axis_off()
            return _png(figure)
        names = [_short(r.unit.short_name or r.unit.name) for r in rows][::-1]
        shares = [r.figures.get("meeting_share") or 0.0 for r in rows][::-1]
        axes.barh(names, shares, color=[RED if s < 80 else BLUE for s in shares])
        axes.set_xlim(0, 100)
        axes.tick_params(axis="y", labelsize=7)
        axes.tick_params(axis="x", labelsize=8)
        axes.axvline(80, color=GREY, linestyle="--", linewidth=0.8)
        axes.xaxis.set_major_formatter("{x:.0f}%")
    return _png(figure)


def ratings_chart(board: Dashboard, title: str, labels: list[str], empty: str) -> bytes:
    """How the cells rated their members' commitments (one bar per rating)."""
    figure = _figure()
    with matplotlib.rc_context({"font.family": FONT_FAMILY}):
        axes = figure.add_subplot()
        axes.set_title(title, fontsize=11)
        codes = ("rating_excellent", "rating_good", "rating_complete", "rating_not_complete")
        counts = [int(board.total.get(code) or 0) for code in codes]
        if not sum(counts):
            axes.text(0.5, 0.5, empty, ha="center", va="center")
            axes.set_axis_off()
            return _png(figure)
        bars = axes.bar(labels, counts, color=[RED, GOLD, BLUE, GREY])
        axes.bar_label(bars, labels=[_grouped(c) for c in counts], fontsize=8)
        axes.yaxis.set_major_formatter(COUNT_AXIS)
        axes.tick_params(axis="x", labelsize=8)
        axes.tick_params(axis="y", labelsize=8)
    return _png(figure)


def trend_chart(board: Dashboard, title: str, series: list[tuple[str, str]], empty: str) -> bytes:
    """The main counts year by year (``series``: (indicator code, label))."""
    figure = _figure()
    with matplotlib.rc_context({"font.family": FONT_FAMILY}):
        axes = figure.add_subplot()
        axes.set_title(title, fontsize=11)
        years = sorted(board.trend)
        if not years:
            axes.text(0.5, 0.5, empty, ha="center", va="center")
            axes.set_axis_off()
            return _png(figure)
        colours = [RED, BLUE, GOLD, "#2e7d32", "#6a1b9a"]
        for (code, label), colour in zip(series, colours, strict=False):
            axes.plot(years, [board.trend[y].get(code) or 0 for y in years], marker="o", label=label, color=colour)
        axes.set_xticks(years)
        axes.set_xticklabels([str(y) for y in years], fontsize=8)
        axes.yaxis.set_major_formatter(COUNT_AXIS)
        axes.tick_params(axis="y", labelsize=8)
        axes.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, frameon=False)
    return _png(figure)


CHART_NAMES = ("meetings", "ratings", "trend")


def chart_title(name: str) -> str:
    from django.utils.translation import gettext as _

    return {
        "meetings": _("Cells meeting on the topic, by unit (%)"),
        "ratings": _("Members' ratings"),
        "trend": _("Main figures year by year"),
    }[name]


def render_chart(board: Dashboard, name: str) -> bytes:
    from django.utils.translation import gettext as _

    from lamtheo.reports.indicators import BY_CODE
    from lamtheo.reports.selectors import TREND_CODES

    empty = _("No data for this period")
    title = chart_title(name)
    if name == "meetings":
        return meetings_chart(board, title, empty)
    if name == "ratings":
        labels = [_("Excellent"), _("Good"), _("Complete"), _("Not complete")]
        return ratings_chart(board, title, labels, empty)
    return trend_chart(board, title, [(code, str(BY_CODE[code].label)) for code in TREND_CODES], empty)
