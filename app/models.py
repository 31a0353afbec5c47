"""Stored data: survey versions, drafts in progress, submitted responses and answers.

Answers are one row per choice, grid item, rank or value, so that analysis can
GROUP BY question, option and response attributes in plain SQL.
"""

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every engine (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    # Named constraints, so that migrations can alter them on every engine.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class Survey(Base):
    """A survey or focus-group intake form, across all its versions."""

    __tablename__ = "surveys"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default="open")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    versions: Mapped[list["SurveyVersion"]] = relationship(
        back_populates="survey", order_by="SurveyVersion.version"
    )


class SurveyVersion(Base):
    """An immutable snapshot of one definition file; responses point at it."""

    __tablename__ = "survey_versions"
    __table_args__ = (
        UniqueConstraint("survey_id", "version"),
        UniqueConstraint("survey_id", "content_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[str] = mapped_column(ForeignKey("surveys.id"))
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    definition: Mapped[dict] = mapped_column(JSON)
    source_file: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    survey: Mapped[Survey] = relationship(back_populates="versions")


class Draft(Base):
    """Answers saved page by page before submission, found again by cookie or resume code."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    resume_code: Mapped[str] = mapped_column(String(16), unique=True)
    survey_version_id: Mapped[int] = mapped_column(ForeignKey("survey_versions.id"))
    locale: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(16), default="web")
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    page_index: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    response_id: Mapped[int | None] = mapped_column(ForeignKey("responses.id"), nullable=True)
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), nullable=True)

    survey_version: Mapped[SurveyVersion] = relationship()
    entered_by: Mapped["StaffUser | None"] = relationship()


class Response(Base):
    """One submitted questionnaire; its answers are rows of ``answers``."""

    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[str] = mapped_column(ForeignKey("surveys.id"), index=True)
    survey_version_id: Mapped[int] = mapped_column(ForeignKey("survey_versions.id"), index=True)
    locale: Mapped[str] = mapped_column(String(16), index=True)
    channel: Mapped[str] = mapped_column(String(16), default="web")
    community: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    idempotency_token: Mapped[str] = mapped_column(String(64), unique=True)
    # The staff member who typed in a paper questionnaire or logged a focus group.
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), nullable=True)
    # When its free text was coded to themes; None until the coder has read it.
    coded_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)

    survey_version: Mapped[SurveyVersion] = relationship()
    entered_by: Mapped["StaffUser | None"] = relationship()
    answers: Mapped[list["Answer"]] = relationship(
        back_populates="response", cascade="all, delete-orphan"
    )


class Answer(Base):
    """One stored value: a chosen option, a grid item's rating, a rank, a number or a text."""

    __tablename__ = "answers"
    __table_args__ = (Index("ix_answers_question_option", "question_id", "option_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("responses.id"), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    item_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    option_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    value_number: Mapped[float | None] = mapped_column(Float, nullable=True)
    value_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Language of a free text when it is not the response's locale (e.g. a quote in Tigrinya).
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # For a focus-group quote: who said it, described without identifying them.
    speaker: Mapped[str | None] = mapped_column(String(200), nullable=True)

    response: Mapped[Response] = relationship(back_populates="answers")
    themes: Mapped[list["AnswerTheme"]] = relationship(
        back_populates="answer", cascade="all, delete-orphan"
    )
    sentiment: Mapped["AnswerSentiment | None"] = relationship(
        back_populates="answer", cascade="all, delete-orphan"
    )


# What one answer row holds besides its keys, in table order (submission rows, raw export).
ANSWER_VALUES = (
    "question_id",
    "item_id",
    "option_code",
    "value_number",
    "value_text",
    "language",
    "speaker",
)


class AnswerTheme(Base):
    """A theme assigned to a free-text answer: ``auto`` by the coder, ``human`` by staff.

    A human row for an answer replaces every auto row of that answer in analysis.
    """

    __tablename__ = "answer_themes"
    __table_args__ = (
        UniqueConstraint("answer_id", "theme", "source"),
        Index("ix_answer_themes_theme", "theme"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), index=True)
    theme: Mapped[str] = mapped_column(String(64))
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    source: Mapped[str] = mapped_column(String(8))  # "auto" or "human"
    coded_by: Mapped[str | None] = mapped_column(String(255), nullable=True)
    coded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    answer: Mapped[Answer] = relationship(back_populates="themes")


class AnswerSentiment(Base):
    """Sentiment of a free-text answer where a model exists for its language; else score is None."""

    __tablename__ = "answer_sentiments"

    answer_id: Mapped[int] = mapped_column(
        ForeignKey("answers.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(16))
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    model: Mapped[str | None] = mapped_column(String(64), nullable=True)
    scored_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    answer: Mapped[Answer] = relationship(back_populates="sentiment")


class StaffUser(Base):
    """A facilitator or coordinator who signs in; respondents never have accounts."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))  # "coordinator" or "facilitator"
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SetupToken(Base):
    """One-time link printed at first start to create the first coordinator."""

    __tablename__ = "setup_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class AuditEvent(Base):
    """Who did what, when: sign-ins, exports and changes, kept for accountability."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"), nullable=True)
    actor_email: Mapped[str | None] = mapped_column(String(255), nullable=True, index=True)
    action: Mapped[str] = mapped_column(String(64), index=True)
    target: Mapped[str | None] = mapped_column(String(255), nullable=True)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
