"""Every stored answer of a survey as CSV, one line per answer row, in constant memory.

Rows stream from the database in batches (a server-side cursor on PostgreSQL,
SQLite's step-by-step cursor) and are written as they come; nothing holds the
whole export. Unless ``raw`` is asked for (and audited by the caller), free text,
quotes and speaker descriptions are redacted and answers to questions marked
``personal`` are left out. The free text of a focus-group session without consent
is left out, raw or not (analysis.consent).

Speed: the first eleven columns are codes, numbers and a timestamp (codes match
the definition schema's ``[a-z0-9_-]`` pattern, so none needs CSV quoting); the
database joins them into the start of each CSV line, and Python only quotes and
redacts the three free-text columns. This keeps the export within 2x of the
database's own CSV writer (see bench/analysis_bench.py).
"""

import io
from collections.abc import Iterator
from typing import BinaryIO

from sqlalchemy import String, literal, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from analysis.consent import words_may_leave
from analysis.disclosure import redact
from analysis.exports.formatting import spreadsheet_safe
from analysis.filters import ResponseFilter, survey_versions
from app.models import ANSWER_VALUES, Answer, Response, SurveyVersion

BATCH = 5000
COLUMNS = [
    "response_id",
    "survey_id",
    "survey_version",
    "submitted_at",
    "locale",
    "channel",
    "community",
    *ANSWER_VALUES,
]
FREE_TEXT = 3  # the last three columns are written by Python
NEEDS_QUOTES = frozenset(',"\r\n')


class utc_timestamp(FunctionElement):
    """A stored time as ISO 8601 UTC text ("2025-03-01T14:05:09Z"), formatted by the
    database: the same on every engine, and no Python object per row."""

    type = String()
    inherit_cache = True


@compiles(utc_timestamp, "sqlite")
def _sqlite_timestamp(element, compiler, **kw):
    return f"strftime('%Y-%m-%dT%H:%M:%SZ', {compiler.process(element.clauses, **kw)})"


@compiles(utc_timestamp, "postgresql")
def _postgres_timestamp(element, compiler, **kw):
    moment = compiler.process(element.clauses, **kw)
    return f"""to_char({moment} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""


class csv_fields(FunctionElement):
    """Values joined by commas into one text (NULL as empty), by the database.

    Meant for codes and numbers, which never need CSV quoting.
    """

    type = String()
    inherit_cache = True


@compiles(csv_fields)
def _joined_fields(element, compiler, **kw):
    parts = [f"coalesce(CAST({compiler.process(c, **kw)} AS VARCHAR), '')" for c in element.clauses]
    return " || ',' || ".join(parts)


@compiles(csv_fields, "sqlite")
@compiles(csv_fields, "postgresql")
def _formatted_fields(element, compiler, **kw):
    # One call of printf (SQLite) / format (PostgreSQL) beats ten || on both engines.
    name = "printf" if compiler.dialect.name == "sqlite" else "format"
    pattern = compiler.process(literal(",".join(["%s"] * len(element.clauses))), **kw)
    return f"{name}({pattern}, {compiler.process(element.clauses, **kw)})"


def _answer_columns() -> list:
    return [
        Answer.response_id,
        Response.survey_id,
        SurveyVersion.version,
        utc_timestamp(Response.submitted_at),
        Response.locale,
        Response.channel,
        Response.community,
        Answer.question_id,
        Answer.item_id,
        Answer.option_code,
        Answer.value_number,
        Answer.value_text,
        Answer.language,
        Answer.speaker,
    ]


def answers_query(session: Session, flt: ResponseFilter, raw: bool = False, columns=None):
    """The answers the export holds, one row per answer in stored order.

    With the default ``columns`` this is the plain SELECT that the benchmark also
    hands to the database's own CSV writer.
    """
    versions = survey_versions(session, flt)
    if columns is None:
        columns = [c.label(name) for c, name in zip(_answer_columns(), COLUMNS, strict=True)]
    query = (
        select(*columns)
        .select_from(Answer)
        .join(Response, Response.id == Answer.response_id)
        .join(SurveyVersion, SurveyVersion.id == Response.survey_version_id)
        .where(*flt.conditions(versions), words_may_leave())
        .order_by(Answer.id)
    )
    personal = {
        qid
        for info in versions.values()
        for qid, question in info.definition.questions.items()
        if question.get("personal")
    }
    if personal and not raw:
        query = query.where(Answer.question_id.not_in(personal))
    return query


def _line_start():
    """The first columns joined by commas, as one text per row."""
    return csv_fields(*_answer_columns()[:-FREE_TEXT]).label("start")


def csv_lines(session: Session, flt: ResponseFilter, raw: bool = False) -> Iterator[str]:
    """The CSV text, ``BATCH`` lines at a time, header first."""
    yield ",".join(COLUMNS) + "\r\n"
    text_columns = _answer_columns()[-FREE_TEXT:]
    query = answers_query(session, flt, raw, [_line_start(), *text_columns])
    streaming = query.execution_options(stream_results=True, yield_per=BATCH)
    clean = _as_stored if raw else redact
    for batch in session.connection().execute(streaming).partitions():
        yield "".join(
            [
                f"{start},,,\r\n"
                if text is None and language is None and who is None
                else f"{start},{_field(clean(text))},{_field(language)},{_field(clean(who))}\r\n"
                for start, text, language, who in batch
            ]
        )


def _field(value: str | None) -> str:
    """One free-text field as Python's csv module would write it, formula-safe."""
    if value is None:
        return ""
    value = spreadsheet_safe(value)
    if NEEDS_QUOTES.isdisjoint(value):
        return value
    return '"' + value.replace('"', '""') + '"'


def _as_stored(text: str | None) -> str | None:
    return text


def write_raw_csv(session: Session, flt: ResponseFilter, stream: BinaryIO, raw: bool = False):
    """Write the answers as UTF-8 CSV with a byte-order mark (Excel then reads Arabic right)."""
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
    try:
        text.write("\ufeff")
        text.writelines(csv_lines(session, flt, raw))
        text.flush()
    finally:
        text.detach()
