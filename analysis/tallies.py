"""Respondent counts, choice tallies, theme tallies and Likert summaries, one GROUP BY each.

Every figure counts respondents (distinct responses), never answer rows, so that
disclosure control is about people. Each function takes a session, a
``ResponseFilter`` and an optional grouping (see ``analysis.filters.scope``) and
returns small frozen dataclasses; ``group`` is None in an overall tally.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import (
    Integer,
    and_,
    case,
    cast,
    distinct,
    func,
    literal_column,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from analysis.coding_store import effective_themes
from analysis.filters import ResponseFilter, Scope, scope
from analysis.theme_map import (
    item_themes,
    likert_item_themes,
    likert_question_themes,
    mapping,
    not_prefer_not_to_say,
    option_themes,
    question_themes,
)
from app.models import Answer

CHOICE_TYPES = {"single_choice", "multiple_choice", "likert", "likert_grid", "ranking"}


@dataclass(frozen=True)
class GroupCount:
    group: str | None
    respondents: int


@dataclass(frozen=True)
class ChoiceCount:
    group: str | None
    question_id: str
    item_id: str | None
    option_code: str
    respondents: int


@dataclass(frozen=True)
class Answered:
    """How many respondents answered a question (or one grid item): the base of its shares."""

    group: str | None
    question_id: str
    item_id: str | None
    respondents: int


@dataclass(frozen=True)
class ChoiceTally:
    counts: list[ChoiceCount]
    answered: list[Answered]


@dataclass(frozen=True)
class ThemeCount:
    group: str | None
    theme: str
    respondents: int  # whose answers speak to the theme in any way
    in_own_words: int  # of whom wrote free text coded to the theme


@dataclass(frozen=True)
class LikertSummary:
    group: str | None
    theme: str
    respondents: int  # who gave at least one rating on the theme
    mean: float  # of all their ratings on the theme
    distribution: dict[int, int] = field(default_factory=dict)  # rating -> respondents


def respondent_counts(session: Session, flt: ResponseFilter, by: str | None = None):
    """Respondents overall or per group (language, community, channel, a dimension)."""
    sc = scope(session, flt, by)
    resp = sc.respondents
    query = select(*sc.groups, func.count(distinct(resp.c.response_id)).label("n")).group_by(
        *sc.groups
    )
    return [GroupCount(sc.group_of(row), row.n) for row in session.execute(query)]


def choice_questions(sc: Scope) -> list[str]:
    return sorted(
        {
            qid
            for info in sc.versions.values()
            for qid, q in info.definition.questions.items()
            if q["type"] in CHOICE_TYPES
        }
    )


def choice_tally(session: Session, flt: ResponseFilter, by: str | None = None) -> ChoiceTally:
    """Respondents per question, grid item and option, and per question answered."""
    sc = scope(session, flt, by)
    resp = sc.respondents
    respondents = func.count(distinct(Answer.response_id)).label("n")
    keys = [*sc.groups, Answer.question_id, Answer.item_id]
    base = (
        select(*keys)
        .join(resp, resp.c.response_id == Answer.response_id)
        .where(Answer.question_id.in_(choice_questions(sc)), Answer.option_code.is_not(None))
    )
    counts = base.add_columns(Answer.option_code, respondents).group_by(*keys, Answer.option_code)
    answered = base.add_columns(respondents).group_by(*keys)
    return ChoiceTally(
        [
            ChoiceCount(sc.group_of(r), r.question_id, r.item_id, r.option_code, r.n)
            for r in session.execute(counts)
        ],
        [
            Answered(sc.group_of(r), r.question_id, r.item_id, r.n)
            for r in session.execute(answered)
        ],
    )


def theme_hits(sc: Scope):
    """(response_id, theme, version_id, from_text) for every answer that speaks to a theme,
    and whether any of it depends on the version answered."""
    no_version = cast(null(), Integer).label("version_id")
    branches, any_versioned = [], False
    for extract, on, extra in (
        (option_themes, ("question_id", "option_code"), None),
        (question_themes, ("question_id",), not_prefer_not_to_say(Answer.option_code)),
        (item_themes, ("question_id", "item_id"), not_prefer_not_to_say(Answer.option_code)),
    ):
        table, versioned = mapping(extract.__name__, extract, sc.versions)
        if table is None:
            continue
        any_versioned |= versioned
        branch = select(
            Answer.response_id,
            table.c.theme,
            table.c.version_id if versioned else no_version,
            literal_column("0").label("from_text"),
        ).join(table, and_(*(getattr(Answer, name) == table.c[name] for name in on)))
        branches.append(branch if extra is None else branch.where(extra))
    coded = effective_themes().subquery("coded_text")
    branches.append(
        select(
            Answer.response_id, coded.c.theme, no_version, literal_column("1").label("from_text")
        ).join(coded, coded.c.answer_id == Answer.id)
    )
    return union_all(*branches).subquery("theme_hits"), any_versioned


def theme_tally(session: Session, flt: ResponseFilter, by: str | None = None) -> list[ThemeCount]:
    """Respondents per theme: from option themes, question themes and coded free text."""
    sc = scope(session, flt, by)
    hits, versioned = theme_hits(sc)
    own_words = case((hits.c.from_text == 1, hits.c.response_id))
    query = (
        select(
            *sc.groups,
            hits.c.theme,
            func.count(distinct(hits.c.response_id)).label("n"),
            func.count(distinct(own_words)).label("own"),
        )
        .select_from(hits)
        .join(sc.respondents, sc.joins(hits, versioned))
        .group_by(*sc.groups, hits.c.theme)
    )
    return [
        ThemeCount(sc.group_of(row), row.theme, row.n, row.own) for row in session.execute(query)
    ]


def likert_ratings(sc: Scope):
    """(response_id, theme, rating, version_id) of Likert answers tied to a theme, and
    whether any of it depends on the version answered (None when no theme is tied)."""
    branches, any_versioned = [], False
    for extract, on in (
        (likert_question_themes, ("question_id",)),
        (likert_item_themes, ("question_id", "item_id")),
    ):
        table, versioned = mapping(extract.__name__, extract, sc.versions)
        if table is None:
            continue
        any_versioned |= versioned
        version = table.c.version_id if versioned else cast(null(), Integer).label("version_id")
        branches.append(
            select(
                Answer.response_id,
                table.c.theme,
                Answer.value_number.label("rating"),
                version,
            )
            .join(table, and_(*(getattr(Answer, name) == table.c[name] for name in on)))
            .where(Answer.value_number.is_not(None))
        )
    return (union_all(*branches).subquery("ratings"), any_versioned) if branches else (None, False)


def likert_by_theme(
    session: Session, flt: ResponseFilter, by: str | None = None
) -> list[LikertSummary]:
    """Mean rating and the distribution of ratings per theme, over Likert questions and items."""
    sc = scope(session, flt, by)
    ratings, versioned = likert_ratings(sc)
    if ratings is None:
        return []
    keys = [*sc.groups, ratings.c.theme]
    respondents = func.count(distinct(ratings.c.response_id)).label("n")
    joined = select(*keys).select_from(ratings).join(sc.respondents, sc.joins(ratings, versioned))
    spread = defaultdict(dict)
    for row in session.execute(
        joined.add_columns(ratings.c.rating, respondents).group_by(*keys, ratings.c.rating)
    ):
        spread[sc.group_of(row), row.theme][int(row.rating)] = row.n
    means = joined.add_columns(func.avg(ratings.c.rating).label("mean"), respondents).group_by(
        *keys
    )
    return [
        LikertSummary(
            sc.group_of(row),
            row.theme,
            row.n,
            float(row.mean),
            dict(sorted(spread[sc.group_of(row), row.theme].items())),
        )
        for row in session.execute(means)
    ]
