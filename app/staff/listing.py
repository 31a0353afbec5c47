"""Staff entries as their authors see them: focus-group sessions (drafts in progress and
submitted records) and paper questionnaires not yet finished."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.db import get_db
from app.definitions.model import Definition
from app.models import Answer, Draft, Response, StaffUser

FOCUS_GROUP = "focus_group"
PAPER = "paper"


@dataclass(frozen=True)
class SessionRow:
    draft_id: int | None
    response_id: int | None
    page_id: str | None  # where a draft was left, to continue from there
    held_on: str | None
    community: str | None
    entered_by: str | None
    changed_at: datetime

    @property
    def submitted(self) -> bool:
        return self.response_id is not None


@dataclass(frozen=True)
class PaperDraftRow:
    draft_id: int
    page_id: str
    title: str  # source text, translated by the page
    locale: str  # the language of the paper questionnaire
    changed_at: datetime


def _left_on(definition: Definition, draft: Draft) -> str:
    """The page the draft was saved on; the entry page moves on if it is no longer shown."""
    return definition.pages[draft.page_index]["id"]


def _date_question(definition: Definition) -> str | None:
    return next((q["id"] for q in definition.questions.values() if q["type"] == "date"), None)


def _community_label(definition: Definition, code: str | None) -> str | None:
    question = definition.question_with_dimension("community")
    if question is None or code is None:
        return code
    return next((o["label"] for o in question.get("options", []) if o["code"] == code), code)


def _community_code(definition: Definition, answers: dict) -> str | None:
    question = definition.question_with_dimension("community")
    return answers.get(question["id"]) if question else None


def sessions_for(user: StaffUser) -> list[SessionRow]:
    """A facilitator's own sessions, or every session for a coordinator; newest first."""
    session = get_db()
    drafts = select(Draft).where(Draft.channel == FOCUS_GROUP, Draft.response_id.is_(None))
    responses = select(Response).where(Response.channel == FOCUS_GROUP)
    if user.role != "coordinator":
        drafts = drafts.where(Draft.entered_by_id == user.id)
        responses = responses.where(Response.entered_by_id == user.id)
    rows = [_draft_row(d) for d in session.scalars(drafts.options(selectinload(Draft.entered_by)))]
    loaded = responses.options(selectinload(Response.answers), selectinload(Response.entered_by))
    rows += [_response_row(r) for r in session.scalars(loaded)]
    return sorted(rows, key=lambda row: row.changed_at, reverse=True)


def _draft_row(draft: Draft) -> SessionRow:
    definition = Definition(draft.survey_version.definition)
    date_id = _date_question(definition)
    return SessionRow(
        draft_id=draft.id,
        response_id=None,
        page_id=_left_on(definition, draft),
        held_on=draft.answers.get(date_id) if date_id else None,
        community=_community_label(definition, _community_code(definition, draft.answers)),
        entered_by=draft.entered_by.email if draft.entered_by else None,
        changed_at=draft.updated_at,
    )


def _response_row(response: Response) -> SessionRow:
    definition = Definition(response.survey_version.definition)
    date_id = _date_question(definition)
    held_on = next((a.value_text for a in response.answers if a.question_id == date_id), None)
    return SessionRow(
        draft_id=None,
        response_id=response.id,
        page_id=None,
        held_on=held_on,
        community=_community_label(definition, response.community),
        entered_by=response.entered_by.email if response.entered_by else None,
        changed_at=response.submitted_at,
    )


def paper_drafts_for(user: StaffUser) -> list[PaperDraftRow]:
    """The paper questionnaires this staff member started and has not finished, newest first."""
    query = (
        select(Draft)
        .where(Draft.channel == PAPER, Draft.response_id.is_(None), Draft.entered_by_id == user.id)
        .order_by(Draft.updated_at.desc(), Draft.id.desc())
        .options(selectinload(Draft.survey_version))
    )
    return [_paper_row(draft) for draft in get_db().scalars(query)]


def _paper_row(draft: Draft) -> PaperDraftRow:
    definition = Definition(draft.survey_version.definition)
    return PaperDraftRow(
        draft_id=draft.id,
        page_id=_left_on(definition, draft),
        title=definition.title,
        locale=draft.locale,
        changed_at=draft.updated_at,
    )


def answers_by_question(response: Response) -> dict[str, list[Answer]]:
    grouped: dict[str, list[Answer]] = {}
    for answer in sorted(response.answers, key=lambda a: a.id):
        grouped.setdefault(answer.question_id, []).append(answer)
    return grouped
