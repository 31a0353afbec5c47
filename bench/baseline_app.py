"""The bare baseline for ``respondent_load.py``: the least a web app must do to store a submission.

One POST endpoint parses the form, inserts one ``responses`` row and a fixed
set of ``answers`` rows in one transaction, and redirects to a thank-you URL,
as Parlons does on its last page. No templates, sessions, CSRF, drafts or
validation: the gap between the two is what Parlons adds.

Settings come from the environment (``respondent_load.py`` sets them):

- ``BASELINE_DATABASE_URL``: a SQLite file or a PostgreSQL database; SQLite gets
  the same connection settings as Parlons (``app/database.py``: WAL,
  synchronous=NORMAL, foreign keys, 30 s busy timeout), written out here so
  that the baseline owes nothing to Parlons' code;
- ``BASELINE_ROWS``: a JSON file with the answer rows one Parlons submission
  of the sample survey stored (a list of objects with ``question_id``,
  ``item_id``, ``option_code``, ``value_number``, ``value_text``); every
  submission inserts exactly these rows.

The tables are made beforehand with ``create_schema``.

    BASELINE_DATABASE_URL=sqlite:////tmp/b.db BASELINE_ROWS=rows.json \\
        .venv/bin/gunicorn --chdir bench 'baseline_app:create_app()'
"""

import json
import os
import secrets
from datetime import UTC, datetime

from flask import Flask, redirect, request
from sqlalchemy import (
    DateTime,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    create_engine,
    event,
    insert,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Response(Base):
    """The columns and indexes of Parlons' ``responses``, without its links to other tables."""

    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[str] = mapped_column(String(64), index=True)
    survey_version_id: Mapped[int] = mapped_column(index=True)
    locale: Mapped[str] = mapped_column(String(16), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    community: Mapped[str | None] = mapped_column(String(64), index=True)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    idempotency_token: Mapped[str] = mapped_column(String(64), unique=True)


class Answer(Base):
    """The columns and indexes of Parlons' ``answers``."""

    __tablename__ = "answers"
    __table_args__ = (Index("ix_answers_question_option", "question_id", "option_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("responses.id"), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    item_id: Mapped[str | None] = mapped_column(String(64))
    option_code: Mapped[str | None] = mapped_column(String(64))
    value_number: Mapped[float | None] = mapped_column(Float)
    value_text: Mapped[str | None] = mapped_column(Text)


def make_engine(url: str):
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def create_schema(url: str) -> None:
    """Run once before the server starts: workers creating tables together would race."""
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    engine.dispose()


def create_app() -> Flask:
    engine = make_engine(os.environ["BASELINE_DATABASE_URL"])
    with open(os.environ["BASELINE_ROWS"], encoding="utf-8") as source:
        rows = json.load(source)
    app = Flask(__name__)

    @app.post("/submit")
    def submit():
        form = request.form
        with engine.begin() as connection:
            response_id = connection.execute(
                insert(Response).returning(Response.id),
                {
                    "survey_id": "needs-assessment",
                    "survey_version_id": 1,
                    "locale": "en",
                    "channel": "web",
                    "community": form.get("community", "downtown"),
                    "submitted_at": datetime.now(UTC),
                    "idempotency_token": secrets.token_urlsafe(32),
                },
            ).scalar_one()
            connection.execute(
                insert(Answer), [{**row, "response_id": response_id} for row in rows]
            )
        return redirect("/thanks")

    @app.get("/thanks")
    def thanks():
        return "Thank you."

    @app.get("/")
    def up():
        return "ok"

    return app
