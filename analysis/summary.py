"""What a theme summary is made of: tables of cells, quotes, and the context that builds them.

Sections (``analysis.sections``) put ``Count`` and ``Derived`` cells in tables and
register every count in one ``Figures`` register; ``finish`` resolves the cells
once all are known, so a cell hidden in one table cannot be recovered from another.
CSV, XLSX, the printable report and the dashboard all render the same ``Summary``.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from analysis.disclosure import SUPPRESSED, Figures
from analysis.filters import ResponseFilter, scope, survey_versions
from analysis.labels import Labels


@dataclass(frozen=True)
class Chart:
    """How the printable report draws a table: ``bars`` of one column (and, paired with
    each, a lighter bar of ``paired_column`` when given), or a ``heatmap`` of every
    column after the first."""

    kind: str
    value_column: int = 1
    paired_column: int | None = None


@dataclass
class Table:
    name: str  # short and stable: the CSV "table" column and the XLSX sheet name
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""
    chart: Chart | None = None

    @property
    def has_suppressed(self) -> bool:
        return any(cell is SUPPRESSED for row in self.rows for cell in row)


@dataclass(frozen=True)
class Quote:
    theme: str
    text: str  # already redacted
    language: str  # its name in the report's language
    language_code: str
    speaker: str  # the non-identifying description the facilitator wrote


@dataclass
class Summary:
    title: str
    survey_id: str
    locale: str  # as the catalogs name it: zh_Hans
    lang: str  # BCP 47, for <html lang>: zh-Hans
    direction: str  # ltr or rtl
    k: int
    selection: list[str]
    generated_at: datetime
    tables: list[Table]
    quotes: list[Quote]
    words: dict[str, str]  # the report's own headings, translated

    @property
    def has_suppressed(self) -> bool:
        return any(table.has_suppressed for table in self.tables)


@dataclass
class Context:
    """What every section needs: the selection, the figures register and the labels."""

    session: Session
    flt: ResponseFilter
    figures: Figures
    labels: Labels
    by: tuple[str, ...]
    version_numbers: dict[int, int]
    groups: dict[str, list] = field(default_factory=dict)  # by -> group codes, in order
    exclusive: dict[str, bool] = field(default_factory=dict)

    def _(self, text: str, **values) -> str:
        return self.labels.gettext(text, **values)

    def group_label(self, by: str, code) -> str:
        return self.labels.group(by, code, self.version_numbers)

    def is_exclusive(self, by: str) -> bool:
        if by not in self.exclusive:
            self.exclusive[by] = scope(self.session, self.flt, by).exclusive
        return self.exclusive[by]


class Percent(float):
    """A share in percent (32.5 means 32.5 %), so each download can format it as one."""


def percent(part: int, whole: int) -> Percent | None:
    """``part`` as a share of ``whole``; None (an empty cell) when ``whole`` is nobody, since
    0 % of no respondents would read as a figure, and a drop to it as a fall."""
    return Percent(round(100 * part / whole, 1)) if whole else None


def make_context(
    session: Session,
    flt: ResponseFilter,
    by: tuple[str, ...],
    k: int,
    locale: str,
    translations_dir: str | Path,
) -> Context:
    versions = survey_versions(session, flt)
    definitions = [info.definition for info in sorted(versions.values(), key=lambda v: -v.number)]
    return Context(
        session,
        flt,
        Figures(k),
        Labels(locale, definitions, translations_dir),
        tuple(by),
        {info.id: info.number for info in versions.values()},
    )


def selection_lines(ctx: Context, flt: ResponseFilter) -> list[str]:
    """The selection in words, printed at the top of every download."""
    _ = ctx._
    lines = [_("Survey: %(title)s (%(id)s)", title=ctx.labels.title(), id=flt.survey_id)]
    if flt.versions:
        lines.append(_("Versions: %(list)s", list=", ".join(map(str, flt.versions))))
    if flt.date_from or flt.date_to:
        lines.append(
            _(
                "Submitted from %(start)s to %(end)s (UTC)",
                start=flt.date_from or "…",
                end=flt.date_to or "…",
            )
        )
    for name, codes, label in (
        (_("Languages"), flt.languages, ctx.labels.language),
        (_("Communities"), flt.communities, lambda c: ctx.group_label("community", c)),
        (_("Channels"), flt.channels, ctx.labels.channel),
    ):
        if codes:
            lines.append(f"{name}: {', '.join(label(code) for code in codes)}")
    for dimension, codes in flt.dimensions:
        names = ", ".join(ctx.group_label(dimension, code) for code in codes)
        lines.append(f"{ctx.labels.grouping(dimension)}: {names}")
    return lines


def report_words(ctx: Context) -> dict[str, str]:
    _ = ctx._
    k = ctx.figures.k
    return {
        "suppressed": _("suppressed"),
        "legend": _(
            "Figures marked “suppressed” describe fewer than %(k)s respondents, or would let "
            "such a count be worked out. No figure here describes fewer than %(k)s people.",
            k=k,
        ),
        "selection": _("Selection"),
        "generated": _("Generated"),
        "quotes": _("Quotes"),
        "quote_note": _(
            "Shown with their language and the speaker's description only; contact "
            "details and file numbers are removed."
        ),
        "theme": _("Theme"),
        "quote": _("Quote"),
        "language": _("Language"),
        "speaker": _("Speaker"),
    }


def finish(ctx: Context, title: str, tables: list[Table], quotes: list[Quote]) -> Summary:
    """Resolve every cell against the protected figures and wrap up."""
    for table in tables:
        table.rows = [[ctx.figures.resolve(cell) for cell in row] for row in table.rows]
    return Summary(
        title=title,
        survey_id=ctx.flt.survey_id,
        locale=ctx.labels.locale,
        lang=ctx.labels.html_lang,
        direction=ctx.labels.direction,
        k=ctx.figures.k,
        selection=selection_lines(ctx, ctx.flt),
        generated_at=datetime.now(UTC).replace(microsecond=0),
        tables=tables,
        quotes=quotes,
        words=report_words(ctx),
    )
