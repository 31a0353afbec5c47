"""Ranking questions aggregated per theme: Borda points and top-3 shares, beside the
published rank order of the 17 characteristics of a welcoming community."""

from dataclasses import dataclass

from sqlalchemy import Integer, and_, case, cast, distinct, func, null, select
from sqlalchemy.orm import Session

from analysis.filters import ResponseFilter, scope
from analysis.theme_map import mapping, ranking_themes
from app.codebook import load_codebook
from app.models import Answer

TOP = 3


@dataclass(frozen=True)
class ThemeRank:
    group: str | None
    theme: str
    published_rank: int | None  # in the codebook (Esses et al., 2010)
    points: int  # Borda: rank 1 of N earns N points, rank N earns 1
    rankers: int  # respondents who ranked the theme at all
    top: int  # respondents who ranked it in their top 3
    answered: int  # respondents who answered a ranking question: the base of the share
    borda_rank: int  # 1 = most points in this group; ties share a rank


def theme_ranking(session: Session, flt: ResponseFilter, by: str | None = None) -> list[ThemeRank]:
    """Borda points and top-3 respondents per theme, ordered by points within each group."""
    sc = scope(session, flt, by)
    table, versioned = mapping("ranking_themes", ranking_themes, sc.versions)
    if table is None:
        return []
    resp = sc.respondents
    ranks = (
        select(
            Answer.response_id,
            table.c.theme,
            (table.c.rank_count + 1 - Answer.value_number).label("points"),
            Answer.value_number.label("rank"),
            table.c.version_id if versioned else cast(null(), Integer).label("version_id"),
        )
        .join(
            table,
            and_(
                Answer.question_id == table.c.question_id,
                Answer.option_code == table.c.option_code,
            ),
        )
        .subquery("ranks")
    )
    top = case((ranks.c.rank <= TOP, ranks.c.response_id))
    per_theme = (
        select(
            *sc.groups,
            ranks.c.theme,
            func.sum(ranks.c.points).label("points"),
            func.count(distinct(ranks.c.response_id)).label("rankers"),
            func.count(distinct(top)).label("top"),
        )
        .select_from(ranks)
        .join(resp, sc.joins(ranks, versioned))
        .group_by(*sc.groups, ranks.c.theme)
    )
    answered_query = (
        select(*sc.groups, func.count(distinct(Answer.response_id)).label("n"))
        .join(resp, resp.c.response_id == Answer.response_id)
        .where(Answer.question_id.in_(select(table.c.question_id)))
        .group_by(*sc.groups)
    )
    answered = {sc.group_of(row): row.n for row in session.execute(answered_query)}
    published = {theme.code: theme.rank for theme in load_codebook()}
    rows = sorted(
        session.execute(per_theme),
        key=lambda r: (str(sc.group_of(r)), -r.points, published.get(r.theme, 99)),
    )
    result, previous = [], None
    for row in rows:
        group = sc.group_of(row)
        if previous is None or previous.group != group:
            position, rank = 0, 0
        position += 1
        if previous is None or previous.group != group or previous.points != int(row.points):
            rank = position
        previous = ThemeRank(
            group,
            row.theme,
            published.get(row.theme),
            int(row.points),
            row.rankers,
            row.top,
            answered.get(group, 0),
            rank,
        )
        result.append(previous)
    return result
