"""Charts for the printable report: matplotlib SVG, embedded inline.

Text stays text in the SVG (``svg.fonttype: none``), so the browser shapes
Arabic and lays out Chinese with the page's fonts; matplotlib only measures it,
falling back through the Noto families when they are installed. Suppressed
figures are drawn as a hatched gap with the suppressed marker, never as zero.
"""

import io
import math
import re
import warnings
from itertools import count

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from analysis.disclosure import SUPPRESSED  # noqa: E402
from analysis.exports.formatting import format_number  # noqa: E402
from analysis.summary import Table  # noqa: E402

FONTS = [
    "Noto Sans",
    "Noto Sans Arabic",
    "Noto Sans CJK SC",
    "Noto Sans Ethiopic",
    "Noto Sans Gurmukhi",
    "DejaVu Sans",
]
STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "parlons",
    "font.family": FONTS,
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
BAR = "#2b6c8f"
PAIRED = "#9cc3d9"
GAP = "#bbbbbb"
_chart_numbers = count(1)


def chart_svg(table: Table, suppressed_word: str, locale: str) -> str:
    """The table's chart as an inline <svg> element, or "" when it has nothing to draw."""
    if table.chart is None or not table.rows:
        return ""
    with plt.rc_context(STYLE), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # glyphs matplotlib cannot measure still render
        if table.chart.kind == "heatmap":
            figure = _heatmap(table, suppressed_word, locale)
        else:
            figure = _bars(table, suppressed_word, locale)
        if figure is None:
            return ""
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
        plt.close(figure)
    return _inline(buffer.getvalue(), table.title)


def _value(cell) -> float | None:
    if cell is SUPPRESSED or cell is None or isinstance(cell, str):
        return None
    return float(cell)


def _bars(table: Table, suppressed_word: str, locale: str) -> Figure | None:
    rows = [row for row in table.rows if not _is_total(row, table)]
    if not rows:
        return None
    columns = [table.chart.value_column]
    if table.chart.paired_column is not None:
        columns.append(table.chart.paired_column)
    top = max((v for c in columns for row in rows if (v := _value(row[c])) is not None), default=1)
    top = top or 1
    height = 0.8 / len(columns)
    figure = plt.figure(figsize=(7, 0.28 * len(columns) * len(rows) + 0.8))
    axes = figure.add_subplot()
    for series, (column, colour) in enumerate(zip(columns, (BAR, PAIRED), strict=False)):
        offset = (series - (len(columns) - 1) / 2) * height
        positions = [n + offset for n in range(len(rows))]
        values = [_value(row[column]) for row in rows]
        axes.barh(
            positions, [v or 0 for v in values], height, color=colour, label=table.columns[column]
        )
        for position, value, row in zip(positions, values, rows, strict=True):
            if row[column] is SUPPRESSED:
                axes.barh(
                    position, top, height, color="none", edgecolor=GAP, hatch="///", linewidth=0
                )
                axes.text(top / 50, position, suppressed_word, va="center", color="#555555")
            elif value is not None:
                label = format_number(row[column], locale)
                axes.text(value + top / 100, position, label, va="center")
    axes.set_yticks(range(len(rows)), [str(row[0]) for row in rows])
    axes.invert_yaxis()
    axes.set_xlim(0, top * 1.15)
    if len(columns) > 1:
        axes.legend(loc="lower left", bbox_to_anchor=(0, 1), ncols=len(columns), frameon=False)
    else:
        axes.set_xlabel(table.columns[columns[0]])
    return figure


def _is_total(row: list, table: Table) -> bool:
    """The "All respondents" row would dwarf the bars it sums up."""
    return row is table.rows[-1] and table.name.startswith("respondents_by_")


def _heatmap(table: Table, suppressed_word: str, locale: str) -> Figure | None:
    rows = [row for row in table.rows if any(_value(c) is not None for c in row[1:])]
    rows = rows or table.rows
    if not rows or len(table.columns) < 2:
        return None
    matrix = [[_value(cell) for cell in row[1:]] for row in rows]
    figure = plt.figure(figsize=(max(4, 0.9 * len(table.columns) + 3), 0.3 * len(rows) + 1.4))
    axes = figure.add_subplot()
    shown = [[math.nan if v is None else v for v in line] for line in matrix]
    axes.imshow(shown, cmap="Blues", aspect="auto", vmin=0)
    top = max((v for line in matrix for v in line if v is not None), default=1) or 1
    for y, (line, row) in enumerate(zip(matrix, rows, strict=True)):
        for x, (value, cell) in enumerate(zip(line, row[1:], strict=True)):
            if cell is SUPPRESSED:
                axes.add_patch(
                    plt.Rectangle((x - 0.5, y - 0.5), 1, 1, fill=False, hatch="///", color=GAP)
                )
                axes.text(x, y, "×", ha="center", va="center", color="#555555")
            elif value is not None:
                colour = "white" if value > top * 0.6 else "black"
                label = format_number(cell, locale)
                axes.text(x, y, label, ha="center", va="center", color=colour)
    axes.set_xticks(range(len(table.columns) - 1), table.columns[1:], rotation=35, ha="right")
    axes.set_yticks(range(len(rows)), [str(row[0]) for row in rows])
    axes.set_title(f"× = {suppressed_word}", loc="left", fontsize=8)
    return figure


def _inline(svg: str, title: str) -> str:
    """Strip the XML prologue, make ids unique within the page, and label the image."""
    prefix = f"c{next(_chart_numbers)}-"
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'id="([^"]+)"', rf'id="{prefix}\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}\1)", svg)
    svg = re.sub(r'href="#([^"]+)"', rf'href="#{prefix}\1"', svg)
    label = title.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    # Charts are drawn left to right; in a right-to-left page the labels would flip sides.
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" direction="ltr" ', 1)
