"""The audit log: sign-ins, exports and changes, with who did them and when."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuditEvent, StaffUser


def record(
    session: Session,
    actor: StaffUser | None,
    action: str,
    target: str | None = None,
    commit: bool = True,
    **detail,
) -> AuditEvent:
    event = AuditEvent(
        actor_id=actor.id if actor else None,
        actor_email=actor.email if actor else detail.pop("email", None),
        action=action,
        target=target,
        detail=detail,
    )
    session.add(event)
    if commit:
        session.commit()
    return event


def search(
    session: Session,
    actor_email: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 200,
) -> list[AuditEvent]:
    """Newest first, filtered by whichever arguments are given."""
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
    if actor_email:
        query = query.where(AuditEvent.actor_email.contains(actor_email.strip().lower()))
    if action:
        query = query.where(AuditEvent.action == action)
    if since:
        query = query.where(AuditEvent.at >= since)
    if until:
        query = query.where(AuditEvent.at < until)
    return list(session.scalars(query))
