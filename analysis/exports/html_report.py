"""The theme summary as one printable HTML page for a partnership council meeting.

Self-contained (styles and SVG charts inline, no scripts), with ``lang`` and
``dir`` set for the report's language and a print stylesheet: each section on
its own page, table headers repeated, suppressed cells hatched and explained.
"""

from typing import BinaryIO

from babel.dates import format_datetime
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from analysis.disclosure import SUPPRESSED
from analysis.exports.charts import chart_svg
from analysis.exports.formatting import format_number
from analysis.summary import Summary

_environment = Environment(
    loader=PackageLoader("analysis.exports", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_html(summary: Summary) -> str:
    def cell(value) -> Markup:
        if value is SUPPRESSED:
            return Markup('<td class="suppressed">%s</td>') % summary.words["suppressed"]
        if value is None:
            return Markup("<td></td>")
        if isinstance(value, int | float) and not isinstance(value, bool):
            return Markup('<td class="number">%s</td>') % format_number(value, summary.locale)
        return Markup('<td dir="auto">%s</td>') % escape(value)

    tables = [
        (table, chart_svg(table, summary.words["suppressed"], summary.locale))
        for table in summary.tables
    ]
    return _environment.get_template("report.html").render(
        summary=summary,
        tables=tables,
        cell=cell,
        generated=format_datetime(summary.generated_at, "medium", locale=summary.locale),
    )


def write_html(summary: Summary, stream: BinaryIO) -> None:
    stream.write(render_html(summary).encode("utf-8"))
