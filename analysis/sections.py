"""The tables of a theme summary, overall and per grouping, with their figures registered.

Each section runs one tally per grouping, registers the counts it shows in the
context's ``Figures`` (with the sums that tie them together, so that disclosure
control can see what subtraction would reveal), and returns tables of cells.
"""

from analysis.disclosure import Count, Derived
from analysis.summary import Chart, Context, Table, percent
from analysis.tallies import likert_by_theme, respondent_counts, theme_tally
from analysis.theme_map import COLUMNS, likert_item_themes, likert_question_themes
from app.codebook import load_codebook
from app.definitions.model import OTHER, PREFER_NOT_TO_SAY

ALWAYS_BY = ("language", "community", "channel")
TOTAL = ("respondents",)


def slug(by: str) -> str:
    """A grouping as part of a table name: dimension:language -> dimension_language."""
    return by.replace(":", "_").replace("-", "_")


def known_codes(ctx: Context, by: str) -> list:
    """Group codes in the order people expect: as the definition lists them."""
    definitions = ctx.labels.definitions
    if by == "language":
        return list(dict.fromkeys(code for d in definitions for code in d.locales))
    if by == "channel":
        return ["web", "paper", "focus_group"]
    if by == "version":
        return sorted(ctx.version_numbers, key=ctx.version_numbers.get)
    dimension = by.removeprefix("dimension:")
    questions = [d.question_with_dimension(dimension) for d in definitions]
    return [o["code"] for q in questions if q for o in q.get("options", [])] + [OTHER]


def ordered(codes, known: list) -> list:
    position = {code: n for n, code in reversed(list(enumerate(known)))}
    return sorted(codes, key=lambda c: (c is None, position.get(c, len(known)), str(c)))


def grouping_questions(ctx: Context, by: str) -> set[str]:
    """The questions whose answers define the groups (none for language, channel, version)."""
    if by in ("language", "channel", "version"):
        return set()
    dimension = by.removeprefix("dimension:")
    return {
        q["id"]
        for d in ctx.labels.definitions
        for q in d.questions.values()
        if q.get("dimension") == dimension
    }


def single_sources(ctx: Context, *extracts) -> dict[str, tuple]:
    """Themes fed by exactly one (question, grid item or option), with that source.

    Such a theme's figures count the same people as its source's figures in the
    answers table, and disclosure control must treat them as one.
    """
    sources: dict[str, set] = {}
    for extract in extracts:
        names = COLUMNS[extract]
        for definition in ctx.labels.definitions:
            for question in definition.questions.values():
                for row in extract(question):
                    detail = row[1] if names[1] in ("item_id", "option_code") else None
                    sources.setdefault(row[names.index("theme")], set()).add((row[0], detail))
    return {theme: found.pop() for theme, found in sources.items() if len(found) == 1}


def theme_codes(found) -> list[str]:
    """The codebook's themes in published rank order, then any others found in the data."""
    codes = [theme.code for theme in load_codebook()]
    return codes + sorted(set(found) - set(codes))


def heading(ctx: Context, by: str) -> str:
    name = ctx.labels.grouping(by)
    return name[:1].upper() + name[1:]


def respondents(ctx: Context) -> list[Table]:
    """Respondents overall and per language, community, channel and each --by grouping."""
    f, _ = ctx.figures, ctx._
    overall = respondent_counts(ctx.session, ctx.flt)
    n = overall[0].respondents if overall else 0
    f.add(TOTAL, n, anchor=True)
    tables = []
    for by in dict.fromkeys((*ALWAYS_BY, *ctx.by)):
        counts = {row.group: row.respondents for row in respondent_counts(ctx.session, ctx.flt, by)}
        ctx.groups[by] = ordered(counts, known_codes(ctx, by))
        keys = [f.add(("respondents", by, g), counts[g], anchor=True) for g in ctx.groups[by]]
        if ctx.is_exclusive(by):
            f.add_line(keys, TOTAL)
        for qid in grouping_questions(ctx, by):  # the same people, counted in the answers table
            for g, key in zip(ctx.groups[by], keys, strict=True):
                f.add_same(key, ("choice", None, qid, None, g))
        rows = [
            [ctx.group_label(by, g), Count(key), Derived(percent(counts[g], n), (key, TOTAL))]
            for g, key in zip(ctx.groups[by], keys, strict=True)
        ]
        rows.append([_("All respondents"), Count(TOTAL), Derived(percent(n, n), (TOTAL,))])
        tables.append(
            Table(
                f"respondents_by_{slug(by)}",
                _("Respondents by %(grouping)s", grouping=ctx.labels.grouping(by)),
                [heading(ctx, by), _("Respondents"), _("Share of respondents")],
                rows,
                note=multiple_groups_note(ctx, by),
                chart=Chart("bars", 2),
            )
        )
    return tables


def multiple_groups_note(ctx: Context, by: str) -> str:
    if ctx.is_exclusive(by):
        return ""
    return ctx._("A respondent can be in several groups, so the groups add up to more than all.")


def themes(ctx: Context) -> list[Table]:
    """Respondents raising each theme: overall (with free text apart), then per grouping."""
    f, _ = ctx.figures, ctx._
    n = f.values[TOTAL]
    overall = {row.theme: row for row in theme_tally(ctx.session, ctx.flt)}
    codes = theme_codes(overall)
    rows = []
    for theme in codes:
        row = overall.get(theme)
        raised = f.add(("theme", None, theme), row.respondents if row else 0, anchor=True)
        own = f.add(("own", None, theme), row.in_own_words if row else 0, anchor=True)
        rows.append(
            [
                ctx.labels.theme(theme),
                ctx.labels.published_rank(theme),
                Count(raised),
                Derived(percent(f.values[raised], n), (raised, TOTAL)),
                Count(own),
                Derived(percent(f.values[own], n), (own, TOTAL)),
            ]
        )
    tables = [
        Table(
            "themes",
            _("Themes raised"),
            [
                _("Theme"),
                _("Published rank"),
                _("Respondents"),
                _("Share of respondents"),
                _("In their own words"),
                _("Share in their own words"),
            ],
            rows,
            note=_(
                "Respondents whose answers speak to each theme: an option tied to it, a "
                "question about it, or their own words coded to it. Each respondent counts "
                "once per theme and may raise several themes. Published rank: the 17 "
                "characteristics of a welcoming community (Esses et al., 2010)."
            ),
            chart=Chart("bars", 3, paired_column=5),
        )
    ]
    for by in ctx.by:
        found = {(r.group, r.theme): r.respondents for r in theme_tally(ctx.session, ctx.flt, by)}
        groups = ctx.groups[by]
        sizes = [("respondents", by, g) for g in groups]
        counts = [[_("Respondents"), *map(Count, sizes)]]
        shares = []
        for theme in codes:
            keys = [f.add(("theme", by, g, theme), found.get((g, theme), 0)) for g in groups]
            if ctx.is_exclusive(by):
                f.add_line(keys, ("theme", None, theme))
            label = ctx.labels.theme(theme)
            counts.append([label, *map(Count, keys)])
            shares.append(
                [label]
                + [
                    Derived(percent(f.values[key], f.values[size]), (key, size))
                    for key, size in zip(keys, sizes, strict=True)
                ]
            )
        columns = [_("Theme"), *(ctx.group_label(by, g) for g in groups)]
        grouping = ctx.labels.grouping(by)
        tables += [
            Table(
                f"themes_by_{slug(by)}",
                _("Themes raised by %(grouping)s: respondents", grouping=grouping),
                columns,
                counts,
                note=multiple_groups_note(ctx, by),
            ),
            Table(
                f"theme_shares_by_{slug(by)}",
                _("Themes raised by %(grouping)s: %% of respondents", grouping=grouping),
                columns,
                shares,
                chart=Chart("heatmap"),
            ),
        ]
    return tables


def ratings(ctx: Context) -> list[Table]:
    """Mean and distribution of Likert ratings per theme; means per grouping."""
    f, _ = ctx.figures, ctx._
    overall = {row.theme: row for row in likert_by_theme(ctx.session, ctx.flt)}
    if not overall:
        return []
    codes = [theme for theme in theme_codes(overall) if theme in overall]
    scale = sorted({value for row in overall.values() for value in row.distribution})
    sources = single_sources(ctx, likert_question_themes, likert_item_themes)
    rows = []
    for theme in codes:
        row = overall[theme]
        rated = f.add(("rated", None, theme), row.respondents, anchor=True)
        spread = [f.add(("rating", None, theme, v), row.distribution.get(v, 0)) for v in scale]
        f.add_line(spread, rated)
        if theme in sources:
            qid, item = sources[theme]
            for value, key in zip(scale, spread, strict=True):
                f.add_same(key, ("choice", None, qid, item, str(value)))
            f.add_line(
                [rated, ("choice", None, qid, item, PREFER_NOT_TO_SAY)],
                ("answered", None, qid, item),
            )
        mean = Derived(round(row.mean, 2), (rated, *spread))
        rows.append([ctx.labels.theme(theme), Count(rated), mean, *map(Count, spread)])
    tables = [
        Table(
            "ratings",
            _("Ratings by theme"),
            [
                _("Theme"),
                _("Respondents who rated"),
                _("Mean rating"),
                *(_("Rated %(value)s", value=v) for v in scale),
            ],
            rows,
            note=_(
                "Likert questions and grid items tied to each theme, from 1 (most negative) "
                "to 5 (most positive); “prefer not to say” is left out. Someone who rated "
                "several items of a theme counts once under each rating they gave, so the "
                "counts may add up to more than the respondents. The mean is over all "
                "ratings, and suppressed when any count of its distribution is."
            ),
            chart=Chart("bars", 2),
        )
    ]
    for by in ctx.by:
        found = {(r.group, r.theme): r for r in likert_by_theme(ctx.session, ctx.flt, by)}
        groups = ctx.groups[by]
        rows = []
        for theme in codes:
            cells = []
            for g in groups:
                row = found.get((g, theme))
                rated = f.add(("rated", by, g, theme), row.respondents if row else 0)
                cells.append(Derived(round(row.mean, 2), (rated,)) if row else None)
            rows.append([ctx.labels.theme(theme), *cells])
        tables.append(
            Table(
                f"ratings_by_{slug(by)}",
                _("Mean rating by theme and %(grouping)s", grouping=ctx.labels.grouping(by)),
                [_("Theme"), *(ctx.group_label(by, g) for g in groups)],
                rows,
                chart=Chart("heatmap"),
            )
        )
    return tables
