"""Store definitions as immutable, versioned snapshots."""

import hashlib
import json

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.definitions.model import Definition
from app.models import Survey, SurveyVersion


def content_hash(data: dict) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def publish(session: Session, definition: Definition, source_file: str) -> SurveyVersion:
    """Return the stored version of this exact content, creating the next version if new.

    Safe when several app processes start at once: a lost race is retried.
    """
    for _attempt in range(3):
        existing = _find(session, definition)
        if existing is not None:
            return existing
        try:
            with session.begin_nested():
                version = _insert(session, definition, source_file)
            session.commit()
            return version
        except IntegrityError:
            session.rollback()
    raise RuntimeError(f"could not publish survey {definition.id!r}")


def _find(session: Session, definition: Definition) -> SurveyVersion | None:
    return session.scalar(
        select(SurveyVersion).where(
            SurveyVersion.survey_id == definition.id,
            SurveyVersion.content_hash == content_hash(definition.data),
        )
    )


def _insert(session: Session, definition: Definition, source_file: str) -> SurveyVersion:
    if session.get(Survey, definition.id) is None:
        session.add(Survey(id=definition.id, kind=definition.kind))
        session.flush()
    latest = session.scalar(
        select(func.max(SurveyVersion.version)).where(SurveyVersion.survey_id == definition.id)
    )
    version = SurveyVersion(
        survey_id=definition.id,
        version=(latest or 0) + 1,
        content_hash=content_hash(definition.data),
        definition=definition.data,
        source_file=source_file,
    )
    session.add(version)
    session.flush()
    return version
