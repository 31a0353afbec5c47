"""The coding review queue: free text the coder has read that no person has checked yet.

A facilitator's queue holds public web answers and the entries they typed in
themselves, never another facilitator's focus groups or paper questionnaires;
a coordinator's holds everything. Callers pass ``facilitator_id=None`` for a
coordinator.
"""

from dataclasses import dataclass

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from analysis.coding_store import HUMAN, version_questions
from app.models import Answer, AnswerSentiment, AnswerTheme, Response

WEB = "web"  # the channel of answers respondents sent themselves


@dataclass(frozen=True)
class PendingText:
    """A comment to check, with what a reviewer needs to judge it: the survey and
    question it answers (source text, for the caller to translate) and its language."""

    answer: Answer
    language: str
    auto: dict[str, float]  # theme -> confidence, highest first
    survey_title: str
    question: str


def _readable_by(query, facilitator_id: int | None):
    """``query`` (joined to Response) narrowed to the answers this facilitator may read."""
    if facilitator_id is None:
        return query
    return query.where(or_(Response.channel == WEB, Response.entered_by_id == facilitator_id))


def _unreviewed(survey_id: str | None, facilitator_id: int | None):
    reviewed = exists().where(AnswerTheme.answer_id == Answer.id, AnswerTheme.source == HUMAN)
    query = (
        select(Answer)
        .join(AnswerSentiment, AnswerSentiment.answer_id == Answer.id)
        .join(Response, Response.id == Answer.response_id)
        .where(~reviewed)
    )
    if survey_id:
        query = query.where(Response.survey_id == survey_id)
    return _readable_by(query, facilitator_id)


def may_review(session: Session, answer_id: int, facilitator_id: int | None) -> bool:
    """Whether this staff member may read the answer, and so correct its themes."""
    query = (
        select(Answer.id)
        .join(Response, Response.id == Answer.response_id)
        .where(Answer.id == answer_id)
    )
    return session.scalar(_readable_by(query, facilitator_id)) is not None


def pending(
    session: Session, survey_id: str | None = None, limit: int = 20, *, facilitator_id: int | None
) -> list[PendingText]:
    """Oldest first, so the queue empties in the order answers arrived."""
    query = (
        _unreviewed(survey_id, facilitator_id)
        .options(
            selectinload(Answer.themes),
            selectinload(Answer.sentiment),
            selectinload(Answer.response).selectinload(Response.survey_version),
        )
        .order_by(Answer.id)
        .limit(limit)
    )
    result = []
    for answer in session.scalars(query):
        auto = {t.theme: t.confidence for t in answer.themes if t.source == "auto"}
        ordered = dict(sorted(auto.items(), key=lambda item: -item[1]))
        version = answer.response.survey_version
        question = version_questions(version).get(answer.question_id, {})
        result.append(
            PendingText(
                answer,
                answer.sentiment.language,
                ordered,
                version.definition["title"],
                question.get("text", answer.question_id),
            )
        )
    return result


def pending_count(
    session: Session, survey_id: str | None = None, *, facilitator_id: int | None
) -> int:
    unreviewed = _unreviewed(survey_id, facilitator_id).subquery()
    return session.scalar(select(func.count()).select_from(unreviewed))
