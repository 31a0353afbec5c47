"""Drafts: answers saved page by page, found again by device cookie or resume code."""

import secrets
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import Draft, SurveyVersion, utcnow

# Easy to read aloud and to type on a phone: no 0/O, 1/I/L look-alikes.
RESUME_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RESUME_LENGTH = 8


def new_resume_code() -> str:
    raw = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(RESUME_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_resume_code(text: str) -> str:
    """Accept what people type: lower case, spaces, a missing or extra dash."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    return f"{cleaned[:4]}-{cleaned[4:]}" if len(cleaned) == RESUME_LENGTH else cleaned


def create_draft(
    session: Session, version: SurveyVersion, locale: str, expiry_days: int, channel: str = "web"
) -> Draft:
    """A new empty draft with a fresh token and resume code (retried on the rare clash)."""
    for _attempt in range(5):
        draft = Draft(
            token=secrets.token_urlsafe(32),
            resume_code=new_resume_code(),
            survey_version_id=version.id,
            locale=locale,
            channel=channel,
            answers={},
            expires_at=utcnow() + timedelta(days=expiry_days),
        )
        session.add(draft)
        try:
            session.commit()
            return draft
        except IntegrityError:
            session.rollback()
    raise RuntimeError("could not allocate a resume code")


def _live(statement):
    return statement.where(Draft.expires_at > utcnow())


def find_by_token(session: Session, token: str | None) -> Draft | None:
    if not token:
        return None
    return session.scalar(_live(select(Draft).where(Draft.token == token)))


def find_by_resume_code(session: Session, code: str) -> Draft | None:
    normalised = normalise_resume_code(code)
    return session.scalar(_live(select(Draft).where(Draft.resume_code == normalised)))


def save_answers(
    session: Session,
    draft: Draft,
    answers: dict,
    page_index: int,
    expiry_days: int,
    commit: bool = True,
) -> None:
    """Merge one page's answers into the draft and push its expiry forward.

    ``commit=False`` leaves the commit to the caller, e.g. so that the last page and the
    submission it completes are written in one transaction.
    """
    merged = dict(draft.answers or {})
    merged.update(answers)
    draft.answers = merged
    draft.page_index = page_index
    draft.updated_at = utcnow()
    draft.expires_at = draft.updated_at + timedelta(days=expiry_days)
    if commit:
        session.commit()


def purge_expired(session: Session) -> int:
    """Delete expired drafts, sent or not (a sent one still holds a copy of the answers);
    return how many."""
    result = session.execute(delete(Draft).where(Draft.expires_at <= utcnow()))
    session.commit()
    return result.rowcount
