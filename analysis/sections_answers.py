"""Summary tables of ranking priorities and of the answers to each choice question."""

from analysis.disclosure import Count, Derived
from analysis.ranking import TOP, theme_ranking
from analysis.sections import TOTAL, grouping_questions, multiple_groups_note, single_sources, slug
from analysis.summary import Chart, Context, Table, percent
from analysis.tallies import CHOICE_TYPES, choice_tally
from analysis.theme_map import ranking_themes
from app.definitions.model import OTHER, PREFER_NOT_TO_SAY

EXCLUSIVE_TYPES = {"single_choice", "likert", "likert_grid"}  # one option per respondent


def priorities(ctx: Context) -> list[Table]:
    """Borda points and top-3 shares per theme, in the published rank order; shares per group."""
    f, _ = ctx.figures, ctx._
    overall = theme_ranking(ctx.session, ctx.flt)
    if not overall:
        return []
    ranked = f.add(("ranked", None), overall[0].answered, anchor=True)
    sources = single_sources(ctx, ranking_themes)
    ranking_questions = {qid for qid, _option in sources.values()}
    only_question = ranking_questions.pop() if len(ranking_questions) == 1 else None
    if only_question:
        f.add_same(ranked, ("answered", None, only_question, None))
    rows = []
    for row in sorted(overall, key=lambda r: (r.published_rank or 99, r.theme)):
        rankers = f.add(("rankers", None, row.theme), row.rankers, anchor=True)
        top = f.add(("top", None, row.theme), row.top, anchor=True)
        if row.theme in sources:
            qid, option = sources[row.theme]
            f.add_same(rankers, ("choice", None, qid, None, option))
        rows.append(
            [
                ctx.labels.theme(row.theme),
                row.published_rank,
                Derived(row.borda_rank, (rankers,)),
                Derived(row.points, (rankers,)),
                Count(top),
                Derived(percent(row.top, row.answered), (top, ranked)),
            ]
        )
    # Ranks are given once each, so counts per theme add up (nearly) to the respondents.
    f.add_line([("top", None, r.theme) for r in overall], ranked)
    f.add_line([("rankers", None, r.theme) for r in overall], ranked)
    rows.append([_("Respondents who ranked"), None, None, None, Count(ranked), None])
    tables = [
        Table(
            "priorities",
            _("Priorities from ranking questions"),
            [
                _("Theme"),
                _("Published rank"),
                _("Rank here"),
                _("Borda points"),
                _("In their top %(n)s", n=TOP),
                _("%% in their top %(n)s", n=TOP),
            ],
            rows,
            note=_(
                "Borda count: a theme ranked first of N earns N points, last earns 1. Rank "
                "here orders themes by points; the published rank is the order of the 17 "
                "characteristics of a welcoming community (Esses et al., 2010)."
            ),
            chart=Chart("bars", 3),
        )
    ]
    themes = [r.theme for r in sorted(overall, key=lambda r: (r.published_rank or 99, r.theme))]
    for by in ctx.by:
        found = {(r.group, r.theme): r for r in theme_ranking(ctx.session, ctx.flt, by)}
        answered = {group: r.answered for (group, _theme), r in found.items()}
        groups = ctx.groups[by]
        bases = [f.add(("ranked", by, g), answered.get(g, 0), anchor=True) for g in groups]
        if ctx.is_exclusive(by):
            f.add_line(bases, ranked)
        for g, base in zip(groups, bases, strict=True) if only_question else ():
            f.add_same(base, ("answered", by, g, only_question, None))
        rows = [[_("Respondents who ranked"), *map(Count, bases)]]
        for theme in themes:
            cells = []
            for g, base in zip(groups, bases, strict=True):
                row = found.get((g, theme))
                top = f.add(("top", by, g, theme), row.top if row else 0)
                cells.append(Derived(percent(f.values[top], f.values[base]), (top, base)))
            if ctx.is_exclusive(by):
                f.add_line([("top", by, g, theme) for g in groups], ("top", None, theme))
            rows.append([ctx.labels.theme(theme), *cells])
        tables.append(
            Table(
                f"priorities_by_{slug(by)}",
                _(
                    "%% with the theme in their top %(n)s by %(grouping)s",
                    n=TOP,
                    grouping=ctx.labels.grouping(by),
                ),
                [_("Theme"), *(ctx.group_label(by, g) for g in groups)],
                rows,
                chart=Chart("heatmap"),
            )
        )
    return tables


def question_rows(ctx: Context) -> list[tuple[dict, str | None, list[str]]]:
    """(question, grid item or None, option codes) of every choice question, in survey order."""
    seen, found = set(), []
    for definition in ctx.labels.definitions:
        for qid, question in definition.questions.items():
            if question["type"] not in CHOICE_TYPES or qid in seen:
                continue
            seen.add(qid)
            if "scale" in question:
                codes = [str(point["value"]) for point in definition.scale(question["scale"])]
            else:
                codes = [option["code"] for option in question.get("options", [])]
            codes += [OTHER] if question.get("other") else []
            codes += [PREFER_NOT_TO_SAY] if question.get("prefer_not_to_say") else []
            items = [item["code"] for item in question.get("items", [])] or [None]
            found += [(question, item, codes) for item in items]
    return found


def choices(ctx: Context) -> list[Table]:
    """Respondents per option of every choice question, overall and per grouping."""
    f, _ = ctx.figures, ctx._
    overall = choice_tally(ctx.session, ctx.flt)
    counts = {(c.question_id, c.item_id, c.option_code): c.respondents for c in overall.counts}
    answered = {(a.question_id, a.item_id): a.respondents for a in overall.answered}
    layout = question_rows(ctx)
    by_tallies = {by: _lookups(choice_tally(ctx.session, ctx.flt, by)) for by in ctx.by}
    own_questions = {by: grouping_questions(ctx, by) for by in ctx.by}
    rows, grouped = [], {by: [] for by in ctx.by}
    for question, item, codes in layout:
        qid = question["id"]
        extra = sorted({o for (q, i, o) in counts if q == qid and i == item} - set(codes))
        base_n = answered.get((qid, item), 0)
        base = f.add(("answered", None, qid, item), base_n, anchor=base_n == f.values[TOTAL])
        if base_n == f.values[TOTAL]:
            f.add_same(base, TOTAL)
        keys = [
            f.add(("choice", None, qid, item, o), counts.get((qid, item, o), 0), True)
            for o in [*codes, *extra]
        ]
        if question["type"] in EXCLUSIVE_TYPES:
            f.add_line(keys, base)
        labels = [ctx.labels.question(qid), ctx.labels.option(qid, item, key="items")]
        for code, key in zip([*codes, *extra], keys, strict=True):
            share = Derived(percent(f.values[key], base_n), (key, base))
            rows.append([*labels, ctx.labels.option(qid, code), Count(key), share])
        rows.append([*labels, _("Answered this question"), Count(base), None])
        for by, lookups in by_tallies.items():
            if qid not in own_questions[by]:
                grouped[by] += _grouped_rows(
                    ctx, by, lookups, question, item, [*codes, *extra], labels
                )
    columns = [_("Question"), _("Item"), _("Answer")]
    tables = [
        Table(
            "answers",
            _("Answers to each question"),
            [*columns, _("Respondents"), _("Share of those who answered")],
            rows,
            note=_(
                "For questions with several answers a respondent counts once per answer "
                "chosen; ranking questions count those who ranked the option at all."
            ),
        )
    ]
    for by in ctx.by:
        tables.append(
            Table(
                f"answers_by_{slug(by)}",
                _("Answers to each question by %(grouping)s", grouping=ctx.labels.grouping(by)),
                [*columns, *(ctx.group_label(by, g) for g in ctx.groups[by])],
                grouped[by],
                note=multiple_groups_note(ctx, by),
            )
        )
    return tables


def _lookups(tally) -> tuple[dict, dict]:
    return (
        {(c.group, c.question_id, c.item_id, c.option_code): c.respondents for c in tally.counts},
        {(a.group, a.question_id, a.item_id): a.respondents for a in tally.answered},
    )


def _grouped_rows(ctx: Context, by, lookups, question, item, codes, labels) -> list[list]:
    """One grouping's rows for one question (or grid item), its lines registered."""
    f, qid = ctx.figures, question["id"]
    counts, answered = lookups
    groups = ctx.groups[by]
    rows = []
    for code in codes:
        keys = [
            f.add(("choice", by, g, qid, item, code), counts.get((g, qid, item, code), 0))
            for g in groups
        ]
        if ctx.is_exclusive(by):
            f.add_line(keys, ("choice", None, qid, item, code))
        rows.append([*labels, ctx.labels.option(qid, code), *map(Count, keys)])
    bases = []
    for g in groups:
        n = answered.get((g, qid, item), 0)
        bases.append(
            f.add(("answered", by, g, qid, item), n, anchor=n == f.values[("respondents", by, g)])
        )
    if ctx.is_exclusive(by):
        f.add_line(bases, ("answered", None, qid, item))
    if question["type"] in EXCLUSIVE_TYPES:
        for g, base in zip(groups, bases, strict=True):
            f.add_line([("choice", by, g, qid, item, code) for code in codes], base)
    rows.append([*labels, ctx._("Answered this question"), *map(Count, bases)])
    return rows
