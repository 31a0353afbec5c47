"""Build the theme summary (and the baseline / follow-up comparison) that every download renders."""

from pathlib import Path

from sqlalchemy.orm import Session

from analysis import quotes, sections, sections_answers
from analysis.compare import compare_themes
from analysis.disclosure import DEFAULT_K, Count, Derived
from analysis.filters import ResponseFilter
from analysis.labels import DEFAULT_TRANSLATIONS
from analysis.summary import (
    Context,
    Summary,
    Table,
    finish,
    make_context,
    percent,
    selection_lines,
)


def build_summary(
    session: Session,
    flt: ResponseFilter,
    by: tuple[str, ...] = (),
    k: int = DEFAULT_K,
    locale: str = "en",
    translations_dir: str | Path = DEFAULT_TRANSLATIONS,
) -> Summary:
    """Respondents, themes, ratings, priorities and answers, overall and per ``by``
    grouping, plus quotes; every figure protected by k-suppression."""
    ctx = make_context(session, flt, by, k, locale, translations_dir)
    tables = sections.respondents(ctx)
    tables += sections.themes(ctx)
    tables += sections.ratings(ctx)
    tables += sections_answers.priorities(ctx)
    tables += sections_answers.choices(ctx)
    title = ctx._("Theme summary: %(title)s", title=ctx.labels.title())
    return finish(ctx, title, tables, quotes.quotes_by_theme(ctx))


def build_comparison(
    session: Session,
    baseline: ResponseFilter,
    follow_up: ResponseFilter,
    by: str = "community",
    k: int = DEFAULT_K,
    locale: str = "en",
    translations_dir: str | Path = DEFAULT_TRANSLATIONS,
) -> Summary:
    """Baseline beside follow-up per group (community by default): share of respondents
    raising each theme and mean rating, with the change between them."""
    everything = ResponseFilter(follow_up.survey_id)
    ctx = make_context(session, everything, (by,), k, locale, translations_dir)
    rows = compare_themes(session, baseline, follow_up, by)
    _ = ctx._
    f = ctx.figures
    groups = sections.ordered({row.group for row in rows}, sections.known_codes(ctx, by))
    exclusive = ctx.is_exclusive(by)
    table = Table(
        f"comparison_by_{sections.slug(by)}",
        _("Baseline and follow-up by %(grouping)s", grouping=ctx.labels.grouping(by)),
        [
            sections.heading(ctx, by),
            _("Theme"),
            _("Respondents, baseline"),
            _("Respondents, follow-up"),
            _("Share raising it, baseline"),
            _("Share raising it, follow-up"),
            _("Change (points)"),
            _("Mean rating, baseline"),
            _("Mean rating, follow-up"),
            _("Change in mean"),
        ],
        note=_comparison_note(ctx, baseline, follow_up),
    )
    for period in ("baseline", "follow_up"):
        sizes = {row.group: getattr(row, period).respondents for row in rows}
        keys = [f.add((period, "respondents", g), sizes.get(g, 0), anchor=True) for g in groups]
        f.add(total := (period, "respondents"), sum(sizes.values()), anchor=True)
        if exclusive:
            f.add_line(keys, total)
            _add_theme_totals(ctx, period, rows)
    for group in groups:
        for row in (r for r in rows if r.group == group):
            table.rows.append(_comparison_row(ctx, row))
    return finish(
        ctx, _("Baseline and follow-up: %(title)s", title=ctx.labels.title()), [table], []
    )


def _add_theme_totals(ctx: Context, period: str, rows) -> None:
    """Overall counts per theme: the sums a reader could subtract group figures from."""
    f = ctx.figures
    for theme in {row.theme for row in rows}:
        members = [r for r in rows if r.theme == theme]
        for what in ("raised", "rated"):
            keys = [
                f.add((period, what, r.group, theme), getattr(getattr(r, period), what))
                for r in members
            ]
            total = sum(getattr(getattr(r, period), what) for r in members)
            f.add_line(keys, f.add((period, what, None, theme), total, anchor=True))


def _comparison_row(ctx: Context, row) -> list:
    f, cells = ctx.figures, {}
    for period in ("baseline", "follow_up"):
        figures = getattr(row, period)
        size = f.add((period, "respondents", row.group), figures.respondents, anchor=True)
        raised = f.add((period, "raised", row.group, row.theme), figures.raised)
        rated = f.add((period, "rated", row.group, row.theme), figures.rated)
        cells[period] = (size, raised, rated, figures)
    (b_size, b_raised, b_rated, before), (a_size, a_raised, a_rated, after) = cells.values()
    b_share, a_share = (
        percent(before.raised, before.respondents),
        percent(after.raised, after.respondents),
    )
    has_shares = b_share is not None and a_share is not None
    has_means = before.mean is not None and after.mean is not None
    return [
        ctx.group_label(ctx.by[0], row.group),
        ctx.labels.theme(row.theme),
        Count(b_size),
        Count(a_size),
        Derived(b_share, (b_raised, b_size)),
        Derived(a_share, (a_raised, a_size)),
        Derived(round(a_share - b_share, 1), (b_raised, b_size, a_raised, a_size))
        if has_shares
        else None,
        Derived(round(before.mean, 2), (b_rated,)) if before.mean is not None else None,
        Derived(round(after.mean, 2), (a_rated,)) if after.mean is not None else None,
        Derived(round(after.mean - before.mean, 2), (b_rated, a_rated)) if has_means else None,
    ]


def _comparison_note(ctx: Context, baseline: ResponseFilter, follow_up: ResponseFilter) -> str:
    return ctx._(
        "Baseline: %(baseline)s. Follow-up: %(follow_up)s.",
        baseline="; ".join(selection_lines(ctx, baseline)[1:]) or ctx._("all responses"),
        follow_up="; ".join(selection_lines(ctx, follow_up)[1:]) or ctx._("all responses"),
    )
