"""Turn a finished draft into one response and its answer rows, in one transaction."""

import logging

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from analysis.coding_store import code_response
from app.definitions.model import OTHER, Definition, other_key
from app.models import ANSWER_VALUES, Answer, Draft, Response, utcnow

logger = logging.getLogger(__name__)


def answer_rows(definition: Definition, answers: dict) -> list[dict]:
    """One row per chosen option, grid item, rank, number or text of the shown questions.

    Rows are plain column values, every column present, ready for one multi-row INSERT:
    building ORM objects for them cost more than the INSERT itself."""
    shown = definition.shown_answers(answers)
    rows: list[dict] = []
    for qid, question in definition.questions.items():
        if qid not in shown:
            continue
        for values in _rows_for(question, shown[qid], shown.get(other_key(qid))):
            rows.append({column: values.get(column) for column in ANSWER_VALUES})
    return rows


def _rows_for(question: dict, value, other_text: str | None) -> list[dict]:
    qid, kind = question["id"], question["type"]
    if kind in ("single_choice", "likert"):
        number = value if kind == "likert" and isinstance(value, int) else None
        text = other_text if value == OTHER else None
        return [dict(question_id=qid, option_code=str(value), value_number=number, value_text=text)]
    if kind == "multiple_choice":
        return [
            dict(
                question_id=qid, option_code=code, value_text=other_text if code == OTHER else None
            )
            for code in value
        ]
    if kind == "likert_grid":
        return [
            dict(
                question_id=qid,
                item_id=item,
                option_code=str(rating),
                value_number=rating if isinstance(rating, int) else None,
            )
            for item, rating in value.items()
        ]
    if kind == "ranking":
        return [
            dict(question_id=qid, option_code=code, value_number=rank)
            for rank, code in enumerate(value, start=1)
        ]
    if kind == "number" and not isinstance(value, str):
        return [dict(question_id=qid, value_number=value)]
    if kind == "number_grid":
        return [dict(question_id=qid, item_id=item, value_number=n) for item, n in value.items()]
    if kind == "quote_list":
        return [
            dict(
                question_id=qid,
                item_id=str(n),
                value_text=quote["text"],
                language=quote["language"] or None,
                speaker=quote.get("speaker") or None,
            )
            for n, quote in enumerate(value, start=1)
        ]
    return [
        dict(
            question_id=qid,
            option_code=value if value == "prefer_not_to_say" else None,
            value_text=None if value == "prefer_not_to_say" else str(value),
        )
    ]


def submit_draft(
    session: Session, draft: Draft, definition: Definition, code_now: bool = True
) -> int:
    """Store the draft as a response exactly once, however often it is submitted; its id.

    The statements are the fewest that can do it, in Core where no object is needed
    back (the ORM's unit of work cost more than the statements): INSERT the response,
    UPDATE the draft with its last page and this link, one multi-row INSERT of the
    answers. Free text is coded right after, unless ``code_now`` is False (the web app
    codes in the background, see coding_jobs).
    """
    if draft.response_id is not None:
        return draft.response_id
    community_question = definition.question_with_dimension("community")
    shown = definition.shown_answers(draft.answers)
    community = shown.get(community_question["id"]) if community_question else None
    responses = Response.__table__
    rows = answer_rows(definition, draft.answers)
    try:
        connection = session.connection()
        response_id = connection.execute(
            insert(responses).returning(responses.c.id),
            dict(
                survey_id=definition.id,
                survey_version_id=draft.survey_version_id,
                locale=draft.locale,
                channel=draft.channel,
                entered_by_id=draft.entered_by_id,
                community=community if isinstance(community, str) else None,
                submitted_at=utcnow(),
                idempotency_token=draft.token,
            ),
        ).scalar_one()
        draft.response_id = response_id
        session.flush()
        if rows:
            connection.execute(
                insert(Answer.__table__), [{"response_id": response_id, **row} for row in rows]
            )
        session.commit()
    except IntegrityError:
        session.rollback()
        response_id = session.scalar(
            select(Response.id).where(Response.idempotency_token == draft.token)
        )
        if response_id is None:
            raise
        return response_id
    if code_now:
        code_free_text(session, session.get(Response, response_id))
    return response_id


def code_free_text(session: Session, response: Response) -> None:
    """Code the free text of a stored response; a failure is logged and loses nothing."""
    try:
        session.refresh(response, ["answers"])
        code_response(session, response)
        response.coded_at = utcnow()
        session.commit()
    except Exception:
        session.rollback()
        logger.exception("coding the free text of response %s failed", response.id)


def code_responses(session: Session, response_ids: list[int]) -> int:
    """Code the free text of those responses not coded yet, all in one transaction.

    Answers, their themes and sentiment and the survey versions are loaded in a few
    queries for the whole batch. If the batch fails, each response is tried on its
    own, so one bad answer does not keep the others uncoded. Returns how many.
    """
    responses = session.scalars(
        select(Response)
        .where(Response.id.in_(response_ids), Response.coded_at.is_(None))
        .options(
            selectinload(Response.survey_version),
            selectinload(Response.answers).selectinload(Answer.themes),
            selectinload(Response.answers).selectinload(Answer.sentiment),
        )
    ).all()
    try:
        for response in responses:
            code_response(session, response)
            response.coded_at = utcnow()
        session.commit()
    except Exception:
        session.rollback()
        logger.exception(
            "coding a batch of %d responses failed; coding them one by one", len(responses)
        )
        for response in responses:
            code_free_text(session, response)
    return len(responses)
