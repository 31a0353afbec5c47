"""Which responses a tally reads, and how it splits them into groups.

One ``ResponseFilter`` describes a selection (survey, versions, dates, languages,
communities, channels, dimension answers); ``scope()`` resolves it against the
survey's stored versions into a subquery of (response_id, version_id, grp) that
every tally joins, so all of them select and group respondents the same way.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Integer, Subquery, and_, literal, or_, select
from sqlalchemy.orm import Session, aliased

from app.definitions.model import Definition
from app.models import Answer, Response, SurveyVersion

# Groupings read straight from the response row; each respondent is in exactly one group.
RESPONSE_GROUPS = {
    "language": Response.locale,
    "community": Response.community,
    "channel": Response.channel,
    "version": Response.survey_version_id,
}
DIMENSION_PREFIX = "dimension:"


class UnknownGrouping(ValueError):
    """A ``by`` that names neither a response attribute nor a dimension of the survey."""


@dataclass(frozen=True)
class ResponseFilter:
    """A selection of responses to one survey; empty tuples mean "all"."""

    survey_id: str
    versions: tuple[int, ...] = ()  # version numbers as staff see them (1, 2, ...)
    date_from: date | None = None  # inclusive, UTC day
    date_to: date | None = None  # inclusive, UTC day
    languages: tuple[str, ...] = ()
    communities: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    # (dimension, codes): respondents whose answer to the question tagged with that
    # dimension is one of the codes, e.g. ("gender", ("woman",)).
    dimensions: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def conditions(self, versions: dict[int, "SurveyVersionInfo"]) -> list[ColumnElement]:
        found = [Response.survey_id == self.survey_id]
        if self.versions:
            found.append(Response.survey_version_id.in_(list(versions)))
        if self.date_from:
            found.append(Response.submitted_at >= _utc_midnight(self.date_from))
        if self.date_to:
            found.append(Response.submitted_at < _utc_midnight(self.date_to + timedelta(days=1)))
        for column, wanted in (
            (Response.locale, self.languages),
            (Response.community, self.communities),
            (Response.channel, self.channels),
        ):
            if wanted:
                found.append(column.in_(wanted))
        for dimension, codes in self.dimensions:
            chosen = select(Answer.response_id).where(
                Answer.question_id.in_(dimension_questions(versions, dimension)),
                Answer.option_code.in_(codes),
            )
            found.append(Response.id.in_(chosen))
        return found


@dataclass(frozen=True)
class SurveyVersionInfo:
    id: int
    number: int
    definition: Definition


@dataclass(frozen=True)
class Scope:
    """The respondents a tally reads, resolved once: a subquery and what it means."""

    respondents: Subquery  # columns: response_id, version_id, grp
    versions: dict[int, SurveyVersionInfo]
    by: str | None
    # True when every respondent is in exactly one group, so that group figures add
    # up to the overall figure (what disclosure control must know).
    exclusive: bool

    @property
    def groups(self) -> list[ColumnElement]:
        """The group column to select and GROUP BY, or nothing for an overall tally."""
        return [self.respondents.c.grp] if self.by else []

    def group_of(self, row) -> str | None:
        return row.grp if self.by else None

    def joins(self, table, versioned: bool) -> ColumnElement:
        """Join a table of (response_id, version_id, ...) rows to these respondents.

        When ``versioned``, a row counts only for respondents who answered its
        version (themes tied differently per version); a NULL version_id means any.
        """
        resp = self.respondents
        same_response = resp.c.response_id == table.c.response_id
        if not versioned:
            return same_response
        same_version = or_(table.c.version_id.is_(None), table.c.version_id == resp.c.version_id)
        return and_(same_response, same_version)


def survey_versions(session: Session, flt: ResponseFilter) -> dict[int, SurveyVersionInfo]:
    """The stored versions the filter selects, by database id."""
    query = select(SurveyVersion.id, SurveyVersion.version, SurveyVersion.definition).where(
        SurveyVersion.survey_id == flt.survey_id
    )
    if flt.versions:
        query = query.where(SurveyVersion.version.in_(flt.versions))
    return {
        row.id: SurveyVersionInfo(row.id, row.version, Definition(row.definition))
        for row in session.execute(query.order_by(SurveyVersion.version))
    }


def dimension_questions(versions: dict[int, SurveyVersionInfo], dimension: str) -> list[str]:
    """Ids of the questions tagged with ``dimension`` in any of the versions."""
    found = {
        q["id"]
        for info in versions.values()
        for q in info.definition.questions.values()
        if q.get("dimension") == dimension
    }
    if not found:
        raise UnknownGrouping(f"no question of this survey has the dimension {dimension!r}")
    return sorted(found)


def scope(session: Session, flt: ResponseFilter, by: str | None = None) -> Scope:
    """Resolve ``flt`` and the grouping ``by``.

    ``by`` is ``language`` (the response's locale), ``community``, ``channel``,
    ``version``, or a dimension name such as ``gender`` (``dimension:language`` for
    the home-language question, since ``language`` means the questionnaire's).
    """
    versions = survey_versions(session, flt)
    response_id = Response.id.label("response_id")
    version_id = Response.survey_version_id.label("version_id")
    query = select(response_id, version_id).where(*flt.conditions(versions))
    exclusive = True
    if by is None:
        query = query.add_columns(literal(None, Integer).label("grp"))
    elif by in RESPONSE_GROUPS:
        query = query.add_columns(RESPONSE_GROUPS[by].label("grp"))
    else:
        dimension = by.removeprefix(DIMENSION_PREFIX)
        question_ids = dimension_questions(versions, dimension)
        chosen = aliased(Answer)
        query = query.add_columns(chosen.option_code.label("grp")).outerjoin(
            chosen,
            and_(chosen.response_id == Response.id, chosen.question_id.in_(question_ids)),
        )
        exclusive = not any(
            info.definition.questions.get(qid, {}).get("type") == "multiple_choice"
            for info in versions.values()
            for qid in question_ids
        )
    return Scope(query.subquery("respondents"), versions, by, exclusive)


def _utc_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)
