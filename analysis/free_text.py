"""Free-text answers of a selection, for word clouds and sentiment: redacted, by language."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from analysis.coding_store import effective_themes
from analysis.consent import words_may_leave
from analysis.disclosure import DEFAULT_K, redact
from analysis.filters import ResponseFilter, scope
from app.models import Answer, AnswerSentiment, Response


def _language():
    return func.coalesce(Answer.language, Response.locale)


def texts(
    session: Session, flt: ResponseFilter, language: str, theme: str | None = None
) -> list[str]:
    """Free text written in ``language`` (optionally only text coded to ``theme``), one
    entry per respondent, with contact details and file numbers removed."""
    resp = scope(session, flt).respondents
    query = (
        select(Answer.response_id, func.group_concat(Answer.value_text, " "))
        if session.bind.dialect.name == "sqlite"
        else select(Answer.response_id, func.string_agg(Answer.value_text, " "))
    )
    query = (
        query.join(Response, Response.id == Answer.response_id)
        .join(resp, resp.c.response_id == Answer.response_id)
        .where(Answer.value_text.is_not(None), _language() == language, words_may_leave())
        .where(Answer.id.in_(select(AnswerSentiment.answer_id)))  # what the coder read
        .group_by(Answer.response_id)
    )
    if theme:
        coded = effective_themes().subquery()
        query = query.where(Answer.id.in_(select(coded.c.answer_id).where(coded.c.theme == theme)))
    return [redact(text) for _id, text in session.execute(query)]


def text_languages(session: Session, flt: ResponseFilter) -> list[str]:
    """Languages free text was written in, most used first."""
    resp = scope(session, flt).respondents
    language = _language()
    rows = session.execute(
        select(language, func.count())
        .select_from(Answer)
        .join(Response, Response.id == Answer.response_id)
        .join(resp, resp.c.response_id == Answer.response_id)
        .where(Answer.id.in_(select(AnswerSentiment.answer_id)), words_may_leave())
        .group_by(language)
        .order_by(func.count().desc())
    )
    return [code for code, _n in rows]


@dataclass(frozen=True)
class LanguageSentiment:
    language: str
    respondents: int
    mean: float | None  # None: no model for this language, or fewer than k respondents
    available: bool  # a sentiment model exists for this language


def sentiment_by_language(
    session: Session, flt: ResponseFilter, k: int = DEFAULT_K
) -> list[LanguageSentiment]:
    """Mean polarity (-1..1) per language where a model scored it; never a guess elsewhere."""
    resp = scope(session, flt).respondents
    rows = session.execute(
        select(
            AnswerSentiment.language,
            func.count(func.distinct(Answer.response_id)),
            func.avg(AnswerSentiment.score),
            func.count(AnswerSentiment.score),
        )
        .join(Answer, Answer.id == AnswerSentiment.answer_id)
        .join(resp, resp.c.response_id == Answer.response_id)
        .where(words_may_leave())
        .group_by(AnswerSentiment.language)
    )
    result = []
    for language, people, mean, scored in rows:
        shown = mean if scored and people >= k else None
        result.append(LanguageSentiment(language, people, shown, bool(scored)))
    return sorted(result, key=lambda row: -row.respondents)
