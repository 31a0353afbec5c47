"""Staff accounts: creation, password checks, and the one-time link for the first coordinator.

Passwords are hashed with scrypt (memory-hard, from werkzeug). No default
password exists anywhere: the first coordinator comes from a one-time link
printed at the first start, or from ``parlons users create``.
"""

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from app.models import SetupToken, StaffUser, utcnow

ROLES = ("coordinator", "facilitator")
MIN_PASSWORD_LENGTH = 12
# Checked against when the e-mail is unknown, so a wrong address costs as much time as a
# wrong password and the answer time does not reveal which accounts exist.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")


class AccountError(ValueError):
    """A request about an account that cannot be done; the message says why."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password must have at least {MIN_PASSWORD_LENGTH} characters")
    return generate_password_hash(password, method="scrypt")


def new_password() -> str:
    """A random password that is easy to type once: four groups of five letters and digits."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4))


def find_user(session: Session, email: str) -> StaffUser | None:
    return session.scalar(select(StaffUser).where(StaffUser.email == normalise_email(email)))


def create_user(session: Session, email: str, role: str, password: str) -> StaffUser:
    email = normalise_email(email)
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if "@" not in email or len(email) > 255:
        raise AccountError("a valid e-mail address is needed")
    if find_user(session, email) is not None:
        raise AccountError(f"an account for {email} already exists")
    user = StaffUser(email=email, role=role, password_hash=hash_password(password), active=True)
    session.add(user)
    session.commit()
    return user


def set_password(session: Session, user: StaffUser, password: str) -> None:
    user.password_hash = hash_password(password)
    session.commit()


def authenticate(session: Session, email: str, password: str) -> StaffUser | None:
    """The active account with this e-mail and password, or None (same cost either way)."""
    user = find_user(session, email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        return None
    return user


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(StaffUser)))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_setup_token(session: Session, hours: int = 24) -> str:
    """A one-time secret for creating the first coordinator; only its hash is stored."""
    token = secrets.token_urlsafe(24)
    session.add(SetupToken(token_hash=_digest(token), expires_at=utcnow() + timedelta(hours=hours)))
    session.commit()
    return token


def valid_setup_token(session: Session, token: str) -> SetupToken | None:
    row = session.scalar(select(SetupToken).where(SetupToken.token_hash == _digest(token)))
    if row is None or row.used_at is not None or row.expires_at <= utcnow() or has_users(session):
        return None
    return row
